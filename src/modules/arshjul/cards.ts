/**
 * The årshjul's cards: «Hva skjer i årshjulet nå?», the reminder with «Ferdig» and «Minn meg på
 * igjen …», the escalation to the leader or HR, and the .ics link. Pure: service results in,
 * Adaptive Card JSON out (templates in cards/arshjul-*.json).
 */
import { z } from 'zod';
import { defineCard as defineTemplate } from '../../cards/define-card.js';
import { markdownSafeDefinition } from '../../texts/index.js';
import type { ArshjulItem, ReminderView, WhatsNow } from './arshjul-service.js';
import { ROLE_NAMES } from './calendar.js';

/** This module's cards: no date at the start of a line becomes a numbered list in Teams (#12). */
const defineCard: typeof defineTemplate = (name, schema) => markdownSafeDefinition(defineTemplate(name, schema));

const color = z.enum(['Default', 'Good', 'Attention', 'Warning', 'Accent']);
const qaLink = z.object({ id: z.string(), title: z.string() });

const nowItem = z.object({
  title: z.string(),
  when: z.string(),
  deadlineLine: z.string(),
  deadlineColor: color,
  responsibleLine: z.string(),
  description: z.string(),
  statusText: z.string(),
  sourceText: z.string(),
  scopeText: z.string(),
  canFinish: z.boolean(),
  taskKey: z.string(),
  qa: z.array(qaLink),
});

const nowCard = defineCard(
  'arshjul-now',
  z.object({
    heading: z.string(),
    intro: z.string(),
    notice: z.string(),
    emptyText: z.string(),
    sections: z.array(z.object({ title: z.string(), color, items: z.array(nowItem).min(1) })),
    icsLink: z.string(),
    icsNote: z.string(),
    year: z.number().int(),
    /** HR: «Rediger årshjulet». */
    canEdit: z.boolean(),
  }),
);

const reminderCard = defineCard(
  'arshjul-reminder',
  z.object({
    heading: z.string(),
    title: z.string(),
    when: z.string(),
    deadlineLine: z.string(),
    deadlineColor: color,
    description: z.string(),
    responsibleLine: z.string(),
    sourceText: z.string(),
    qa: z.array(qaLink),
    state: z.enum(['open', 'snoozed', 'done']),
    statusText: z.string(),
    statusColor: color,
    key: z.string(),
    snoozeChoices: z.array(z.object({ label: z.string(), until: z.string() })),
    defaultUntil: z.string(),
  }),
);

const escalationCard = defineCard(
  'arshjul-escalation',
  z.object({
    title: z.string(),
    intro: z.string(),
    when: z.string(),
    description: z.string(),
    responsibleLine: z.string(),
    sourceText: z.string(),
    why: z.string(),
    qa: z.array(qaLink),
  }),
);

const icsCard = defineCard(
  'arshjul-ics',
  z.object({ heading: z.string(), intro: z.string(), icsLink: z.string(), icsNote: z.string(), year: z.number().int() }),
);

export const ICS_NOTE = 'Lenken virker én gang og i 10 minutter. Åpne filen i Outlook (eller en annen kalender) for å legge hendelsene inn.';

/** Markdown link text: square brackets in a label would break the link. */
const linkLabel = (s: string) => s.replace(/[[\]]/g, '');

/** «om 14 dager», «i dag», «i morgen», «for 3 dager siden». */
export function daysLeftText(days: number): string {
  if (days === 0) return 'i dag';
  if (days === 1) return 'i morgen';
  if (days === -1) return 'i går';
  return days > 1 ? `om ${days} dager` : `for ${-days} dager siden`;
}

/** The period, when it says more than the deadline line (not for a single date). */
const whenText = (item: ArshjulItem) => (item.when === item.deadlineText ? '' : item.when);

function deadlineLine(item: ArshjulItem): string {
  return `Frist: ${item.deadlineText} (${daysLeftText(item.daysLeft)})`;
}

type Color = z.infer<typeof color>;
const deadlineColor = (item: ArshjulItem): Color => (item.overdue ? 'Attention' : item.daysLeft <= 3 && !item.done ? 'Warning' : 'Default');
const responsibleLine = (item: ArshjulItem) => `Ansvarlig: ${item.responsibleText}${item.responsible ? ' – det gjelder deg' : ''}`;

function toNowItem(item: ArshjulItem) {
  return {
    title: item.title,
    when: whenText(item),
    deadlineLine: deadlineLine(item),
    deadlineColor: deadlineColor(item),
    responsibleLine: responsibleLine(item),
    description: item.description,
    statusText: item.done ? '✔ Ferdig' : '',
    sourceText: item.source.text,
    scopeText: item.scopeText,
    canFinish: item.responsible && !item.done && !!item.taskKey,
    taskKey: item.taskKey ?? '',
    qa: item.qa,
  };
}

/** Only so many overdue tasks on one card (keeps it small); the oldest ones last. */
const MAX_OVERDUE = 5;

/** A person's role in the singular («som leder og verneombud», not «som en av verneombud»). */
const ROLE_AS: Record<keyof typeof ROLE_NAMES, string> = {
  leder: 'leder',
  enhetsleder: 'enhetsleder',
  kommunalsjef: 'kommunalsjef',
  kommunedirektor: 'kommunedirektør',
  hr: 'ansatt i HR',
  tillitsvalgt: 'tillitsvalgt',
  verneombud: 'verneombud',
};

function rolesIntro(now: WhatsNow): string {
  if (!now.roles.length) return 'Dette gjelder deg i årshjulet for kompetansearbeidet.';
  const names = now.roles.map((r) => ROLE_AS[r]);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}`;
  return `Dette gjelder deg i årshjulet for kompetansearbeidet – som ${list}.`;
}

/** «Kommer snart» is for what starts within this many days; later events come under «Senere». */
export const SOON_DAYS = 30;

/**
 * «Hva skjer i årshjulet nå?»: overdue tasks first, then what is on now and what comes next,
 * each with «Ferdig» where the viewer must act, Q&A links and the source; an .ics link last.
 */
export function renderWhatsNow(now: WhatsNow, ics: { url: string; year: number; ahead?: boolean }, notice = '', opts: { canEdit?: boolean } = {}) {
  const sections = [
    { title: 'Forsinket – ikke markert som ferdig', color: 'Attention' as const, items: now.overdue.slice(0, MAX_OVERDUE).map(toNowItem) },
    { title: 'Pågår nå', color: 'Default' as const, items: now.current.map(toNowItem) },
    { title: 'Kommer snart', color: 'Default' as const, items: now.next.filter((i) => i.daysUntilStart <= SOON_DAYS).map(toNowItem) },
    { title: 'Senere i året', color: 'Default' as const, items: now.next.filter((i) => i.daysUntilStart > SOON_DAYS).map(toNowItem) },
  ].filter((s) => s.items.length > 0);
  return nowCard.render({
    heading: 'Hva skjer i årshjulet nå?',
    intro: rolesIntro(now),
    notice,
    emptyText: 'Ingen hendelser i årshjulet gjelder deg akkurat nå.',
    sections,
    icsLink: ics.ahead
      ? `[Last ned dine hendelser de neste 12 månedene som kalenderfil (.ics)](${ics.url})`
      : `[Last ned årshjulet for ${ics.year} som kalenderfil (.ics)](${ics.url})`,
    icsNote: ICS_NOTE,
    year: ics.year,
    canEdit: opts.canEdit ?? false,
  });
}

/** The notice on «Hva skjer nå?» after «Ferdig». */
export function doneNotice(item: ArshjulItem, alreadyDone: boolean): string {
  return alreadyDone ? `«${item.title}» var allerede markert som ferdig.` : `✔ «${item.title}» er markert som ferdig. Du får ingen flere påminnelser om den.`;
}

export type ReminderState = { state: 'open' } | { state: 'snoozed'; snoozeText: string } | { state: 'done'; alreadyDone?: boolean };

/**
 * The reminder: the task, its deadline, «Ferdig» and «Minn meg på igjen …». `heading` says why it
 * came (14 days before, a snooze); after a click the same card shows the new state.
 */
export function renderReminder(
  item: ArshjulItem,
  opts: { heading?: string; key: string; snoozeChoices?: ReminderView['snoozeChoices'] } & ReminderState,
) {
  const choices = opts.state === 'open' ? (opts.snoozeChoices ?? []) : [];
  const status =
    opts.state === 'done'
      ? { text: opts.alreadyDone ? '✔ Oppgaven var allerede markert som ferdig.' : '✔ Markert som ferdig. Du får ingen flere påminnelser om denne.', color: 'Good' as const }
      : opts.state === 'snoozed'
        ? { text: `Jeg minner deg på det igjen ${opts.snoozeText}.`, color: 'Accent' as const }
        : { text: '', color: 'Default' as const };
  return reminderCard.render({
    heading: opts.heading ?? 'Påminnelse fra årshjulet',
    title: item.title,
    when: whenText(item),
    deadlineLine: deadlineLine(item),
    deadlineColor: opts.state === 'done' ? 'Default' : deadlineColor(item),
    description: item.description,
    responsibleLine: responsibleLine(item),
    sourceText: item.source.text,
    qa: item.qa,
    state: opts.state,
    statusText: status.text,
    statusColor: status.color,
    key: opts.key,
    snoozeChoices: choices.map((c) => ({ label: `${c.label} (${c.untilText})`, until: c.until })),
    defaultUntil: choices[0]?.until ?? '',
  });
}

/** Why the reminder came, as its first line. */
export function reminderHeading(view: Pick<ReminderView, 'kind' | 'offsetDays'>): string {
  if (view.kind === 'snoozed') return 'Du ba meg minne deg på dette';
  if (view.offsetDays === 0) return 'Påminnelse fra årshjulet – fristen er i dag';
  return view.offsetDays ? `Påminnelse fra årshjulet – ${view.offsetDays} dager til fristen` : 'Påminnelse fra årshjulet';
}

/** The card a planned reminder or escalation is sent as. */
export function renderReminderView(view: ReminderView) {
  if (view.kind === 'escalation') return renderEscalation(view);
  return renderReminder(view.item, { heading: reminderHeading(view), key: view.item.taskKey ?? '', snoozeChoices: view.snoozeChoices, state: 'open' });
}

/** To the leader (or HR) of someone whose task is overdue. */
export function renderEscalation(view: ReminderView) {
  const item = view.item;
  const who = view.employeeName || 'En medarbeider';
  return escalationCard.render({
    title: item.title,
    intro: `${who} har ikke markert oppgaven som ferdig. Fristen var ${item.deadlineText}.`,
    when: whenText(item),
    description: item.description,
    responsibleLine: `Ansvarlig: ${item.responsibleText}`,
    sourceText: item.source.text,
    why: `Du får denne meldingen som leder for ${who} eller som HR. Ta gjerne en prat med ${who} om oppgaven. Du får bare én slik melding om denne fristen.`,
    qa: item.qa,
  });
}

/** A fresh one-time link to the årshjul as an .ics file. */
export function renderIcsLink(year: number, url: string) {
  return icsCard.render({
    heading: `Årshjulet ${year} som kalenderfil`,
    intro: 'Alle hendelsene i årshjulet, med frister, ansvarlige og kilde, som en kalenderfil (.ics).',
    icsLink: `[${linkLabel(`Last ned arshjul-${year}.ics`)}](${url})`,
    icsNote: ICS_NOTE,
    year,
  });
}
