/**
 * The medarbeidersamtale's cards: turn the service's views into template data and nothing
 * else. Templates are in cards/samtale-*.json. Whatever a person wrote is shown as plain text
 * (Markdown characters escaped) and never logged.
 */
import { isSuppressed, plural, suppressSmall } from '../../texts/index.js';
import { z } from 'zod';
import { type AdaptiveCardJson, defineCard } from '../../cards/define-card.js';
import type { FieldError } from './state-machine.js';
import { devPlanLine, formatDate, osloToday, PREPARATION_STATUS_LABELS } from './state-machine.js';
import type { DevPlanSuggestion, FollowUpView, LedSamtaleRow, MySamtaleRow, OverviewRow, ReportRow, SamtaleNotice, SamtaleView, StatusCounts, UnitCounts } from './samtale-service.js';
import { OVERVIEW_LABELS } from './samtale-service.js';

const notice = z.object({ style: z.enum(['default', 'good', 'attention', 'warning', 'accent']), text: z.string() });
export type Notice = z.infer<typeof notice>;
const NO_NOTICE: Notice = { style: 'default', text: '' };
const line = z.object({ line: z.string() });

const messageCard = defineCard(
  'samtale-message',
  z.object({
    heading: z.string(),
    text: z.string(),
    detail: z.string(),
    style: z.enum(['default', 'good', 'attention', 'warning', 'accent', 'emphasis']),
    button: z.enum(['none', 'prepare', 'open']),
    buttonTitle: z.string(),
    samtaleId: z.string(),
    showMine: z.boolean(),
  }),
);

const reportsCard = defineCard(
  'samtale-reports',
  z.object({
    heading: z.string(),
    intro: z.string(),
    notice,
    rows: z.array(z.object({ name: z.string(), detail: z.string(), employeeId: z.string(), samtaleId: z.string() })),
    pageText: z.string(),
    hasPrev: z.boolean(),
    hasNext: z.boolean(),
    prevPage: z.number().int(),
    nextPage: z.number().int(),
  }),
);

const startCard = defineCard(
  'samtale-start',
  z.object({ heading: z.string(), intro: z.string(), notice, employeeId: z.string(), date: z.string(), minDate: z.string(), dateError: z.string() }),
);

const rescheduleCard = defineCard(
  'samtale-reschedule',
  z.object({
    heading: z.string(),
    intro: z.string(),
    notice,
    samtaleId: z.string(),
    version: z.number().int(),
    date: z.string(),
    minDate: z.string(),
    dateError: z.string(),
  }),
);

const cancelCard = defineCard(
  'samtale-cancel',
  z.object({ heading: z.string(), text: z.string(), detail: z.string(), samtaleId: z.string(), version: z.number().int() }),
);

const mineCard = defineCard(
  'samtale-mine',
  z.object({
    emptyText: z.string(),
    moreText: z.string(),
    isLeader: z.boolean(),
    rows: z.array(z.object({ title: z.string(), detail: z.string(), samtaleId: z.string() })),
  }),
);

const prepareCard = defineCard(
  'samtale-prepare',
  z.object({
    kicker: z.string(),
    samtaleId: z.string(),
    version: z.number().int(),
    sectionId: z.string(),
    sectionTitle: z.string(),
    progressText: z.string(),
    intro: z.string(),
    notice,
    questions: z.array(z.object({ inputId: z.string(), label: z.string(), value: z.string(), error: z.string() })),
    previousActions: z.array(line),
    privacyText: z.string(),
    hasNext: z.boolean(),
    nextSectionId: z.string(),
    hasPrev: z.boolean(),
    prevSectionId: z.string(),
  }),
);

const overviewCard = defineCard(
  'samtale-overview',
  z.object({
    kicker: z.string(),
    heading: z.string(),
    samtaleId: z.string(),
    /** An earlier samtale, ended at a leader change, whose own draft the employee may carry over ('' = none). */
    carryFrom: z.string(),
    carryText: z.string(),
    version: z.number().int(),
    notice,
    facts: z.array(z.object({ title: z.string(), value: z.string() })),
    guide: z.string(),
    blockers: z.array(z.object({ text: z.string() })),
    /** The viewer's own answers, while the preparation can still be changed («Se over»). */
    myAnswers: z.array(z.object({ title: z.string(), text: z.string() })),
    showReferat: z.boolean(),
    referat: z.object({
      summary: z.string(),
      notes: z.array(z.object({ text: z.string() })),
      actions: z.array(z.object({ line: z.string(), actionId: z.string(), canComplete: z.boolean(), samtaleId: z.string(), version: z.number().int() })),
      devPlan: z.array(line),
      previous: z.array(line),
      comments: z.array(line),
      status: z.string(),
    }),
    canPrepare: z.boolean(),
    prepareTitle: z.string(),
    canSubmit: z.boolean(),
    canBegin: z.boolean(),
    canConduct: z.boolean(),
    canConfirm: z.boolean(),
    canComment: z.boolean(),
    canExport: z.boolean(),
    canReopen: z.boolean(),
    canReschedule: z.boolean(),
    canCancel: z.boolean(),
    values: z.object({ confirmComment: z.string(), commentText: z.string() }),
    errors: z.object({ confirmComment: z.string(), commentText: z.string() }),
    downloadText: z.string(),
  }),
);

const item = z.object({ id: z.string(), line: z.string() });
const choice = z.object({ title: z.string(), value: z.string() });
const conductCard = defineCard(
  'samtale-conduct',
  z.object({
    kicker: z.string(),
    samtaleId: z.string(),
    version: z.number().int(),
    index: z.number().int(),
    sectionId: z.string(),
    sectionTitle: z.string(),
    progressText: z.string(),
    notice,
    employeeLabel: z.string(),
    leaderLabel: z.string(),
    questions: z.array(z.object({ text: z.string(), employeeAnswer: z.string(), leaderAnswer: z.string() })),
    hasPrev: z.boolean(),
    hasNext: z.boolean(),
    prevIndex: z.number().int(),
    nextIndex: z.number().int(),
    notes: z.array(z.object({ id: z.string(), label: z.string(), text: z.string() })),
    previous: z.array(z.object({ actionId: z.string(), inputId: z.string(), line: z.string() })),
    actions: z.array(item),
    devPlan: z.array(item),
    owners: z.array(choice),
    suggestions: z.array(choice),
    blockers: z.array(z.object({ text: z.string() })),
    canSend: z.boolean(),
    values: z.object({ noteText: z.string(), actionWhat: z.string(), actionOwner: z.string(), actionDue: z.string(), devWhat: z.string(), devCompetence: z.string(), summary: z.string() }),
    errors: z.object({ noteText: z.string(), what: z.string(), ownerEmployeeId: z.string(), dueDate: z.string(), devPlan: z.string(), summary: z.string(), previous: z.string() }),
  }),
);

const fact = z.object({ title: z.string(), value: z.string() });
const color = z.enum(['default', 'good', 'attention', 'warning', 'accent']);
const teamCard = defineCard(
  'samtale-team',
  z.object({
    heading: z.string(),
    intro: z.string(),
    notice,
    totals: z.array(fact),
    rows: z.array(
      z.object({
        name: z.string(),
        statusLabel: z.string(),
        statusColor: color,
        detail: z.string(),
        actionsText: z.string(),
        actionsColor: color,
        employeeId: z.string(),
        samtaleId: z.string(),
      }),
    ),
    pageText: z.string(),
    hasPrev: z.boolean(),
    hasNext: z.boolean(),
    prevPage: z.number().int(),
    nextPage: z.number().int(),
    showHr: z.boolean(),
  }),
);

const hrCard = defineCard(
  'samtale-hr',
  z.object({
    heading: z.string(),
    intro: z.string(),
    totals: z.array(fact),
    emptyText: z.string(),
    units: z.array(z.object({ name: z.string(), line: z.string(), share: z.string() })),
    pageText: z.string(),
    hasPrev: z.boolean(),
    hasNext: z.boolean(),
    prevPage: z.number().int(),
    nextPage: z.number().int(),
    showTeam: z.boolean(),
  }),
);

/** What a person wrote, shown as text: Markdown characters escaped. */
export const plain = (s: string) => s.replace(/([\\*_[\]()#>`~|])/g, '\\$1');
const firstName = (name: string) => name.split(/\s+/)[0] ?? name;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Values the person typed into a card, by input id. */
export type CardValues = Record<string, unknown>;

/** Input id of a question on the preparation card. */
export const questionInputId = (questionId: string) => `q_${questionId}`;
/** Input id of the new due date of a previous action. */
export const carryInputId = (actionId: string) => `carry_${actionId}`;

// ---------------------------------------------------------------------------------------------
// Messages (refusals, proactive notices)

export function renderMessage(opts: {
  heading: string;
  text: string;
  detail?: string;
  style?: 'default' | 'good' | 'attention' | 'warning' | 'accent' | 'emphasis';
  button?: { kind: 'prepare' | 'open'; title: string; samtaleId: string };
  showMine?: boolean;
}): AdaptiveCardJson {
  return messageCard.render({
    heading: opts.heading,
    text: opts.text,
    detail: opts.detail ?? '',
    style: opts.style ?? 'default',
    button: opts.button?.kind ?? 'none',
    buttonTitle: opts.button?.title ?? '',
    samtaleId: opts.button?.samtaleId ?? '',
    showMine: opts.showMine ?? true,
  });
}

/** A refusal from the service, shown as is, with a way back to a fresh card. */
export function renderRefusal(reason: string, samtaleId?: string): AdaptiveCardJson {
  return renderMessage({
    heading: 'Ikke gjort',
    text: reason,
    style: 'attention',
    ...(samtaleId ? { button: { kind: 'open' as const, title: 'Åpne samtalen på nytt', samtaleId } } : {}),
  });
}

/** The proactive card for one notification intent (invitation, referat sent, …). */
/**
 * A proactive notice. `toSelf`: the copy to the one who did it (the leader's own copy of the
 * referat), worded for her – only the employee confirms a referat.
 */
export function renderNotice(n: Pick<SamtaleNotice, 'kind' | 'samtaleId' | 'fromName' | 'employeeName' | 'scheduledForText'> & { toSelf?: boolean }): AdaptiveCardJson {
  const open = (title: string) => ({ kind: 'open' as const, title, samtaleId: n.samtaleId });
  switch (n.kind) {
    case 'invitasjon':
      return renderMessage({
        heading: 'Du er invitert til medarbeidersamtale',
        text: `${n.fromName} har invitert deg til medarbeidersamtale ${n.scheduledForText}. Forbered deg i god tid: svar på spørsmålene én del om gangen. Alt lagres underveis, og du kan fortsette senere.`,
        detail: 'Det du skriver, ser lederen først når dere begge har sendt inn forberedelsen, eller når samtalen starter.',
        style: 'accent',
        button: { kind: 'prepare', title: 'Forbered deg', samtaleId: n.samtaleId },
      });
    case 'forberedelse-sendt':
      return renderMessage({ heading: 'Forberedelsen er sendt inn', text: `${n.fromName} har sendt inn forberedelsen til samtalen ${n.scheduledForText}.`, button: open('Åpne samtalen') });
    case 'ny-dato':
      return renderMessage({ heading: 'Ny dato for medarbeidersamtalen', text: `Samtalen er flyttet til ${n.scheduledForText}.`, button: open('Åpne samtalen') });
    case 'samtale-startet':
      return renderMessage({
        heading: 'Medarbeidersamtalen er startet',
        text: `${n.fromName} har startet medarbeidersamtalen med deg. Dere ser nå begge forberedelsene. Referatet får du når ${n.fromName} sender det, og da bekrefter du det.`,
        style: 'accent',
        button: open('Åpne samtalen'),
      });
    case 'referat-sendt':
      if (n.toSelf)
        return renderMessage({
          heading: 'Referatet fra medarbeidersamtalen er klart',
          text: `Referatet fra samtalen ${n.scheduledForText} med ${n.employeeName} er klart. ${n.employeeName} leser det og bekrefter det eller legger til en kommentar – du får beskjed når det er gjort.`,
          style: 'accent',
          button: open('Les referatet'),
        });
      return renderMessage({
        heading: 'Referatet fra medarbeidersamtalen er klart',
        text: `Referatet fra samtalen ${n.scheduledForText} mellom ${n.employeeName} og ${n.fromName} er sendt. Les det, og bekreft det eller legg til en kommentar.`,
        style: 'accent',
        button: open('Les referatet'),
      });
    case 'referat-gjenapnet':
      return renderMessage({ heading: 'Referatet er åpnet igjen', text: `${n.fromName} har åpnet referatet igjen for å rette det. Du får det på nytt når det er sendt.`, button: open('Åpne samtalen') });
    case 'bekreftet':
      return renderMessage({ heading: 'Referatet er bekreftet', text: `${n.fromName} har bekreftet referatet fra samtalen ${n.scheduledForText}. Det er nå låst.`, button: open('Åpne samtalen') });
    case 'kommentar':
      return renderMessage({ heading: 'Ny kommentar til referatet', text: `${n.fromName} har lagt til en kommentar til referatet fra samtalen ${n.scheduledForText}.`, button: open('Les kommentaren') });
    case 'avlyst':
      return renderMessage({ heading: 'Medarbeidersamtalen er avlyst', text: `${n.fromName} har avlyst samtalen ${n.scheduledForText}.`, style: 'warning' });
    case 'lederbytte':
      return renderMessage({
        heading: 'Medarbeidersamtalen er avsluttet ved lederbytte',
        text: `Nærmeste leder er endret for deg i organisasjonsoversikten, så samtalen ${n.scheduledForText} med den tidligere lederen er avsluttet. Ingenting fra den er gitt videre til en ny leder.`,
        detail: 'Forberedelsen din er fortsatt bare din: ingen av lederne kan se den. Når du blir invitert til en ny samtale, kan du velge å ta den med.',
        style: 'warning',
        button: open('Åpne samtalen'),
      });
    case 'lederbytte-tidligere':
      return renderMessage({
        heading: 'Medarbeidersamtalen er avsluttet ved lederbytte',
        text: `${n.employeeName} har fått ny nærmeste leder, så samtalen ${n.scheduledForText} er avsluttet. Du har ikke lenger tilgang til den.`,
        style: 'warning',
      });
    case 'tiltak-overtatt':
      return renderMessage({
        heading: 'Tiltak å følge opp',
        text: `${n.employeeName} har deg som nærmeste leder nå. I den bekreftede samtalen ${n.scheduledForText} med ${n.fromName} ble det avtalt tiltak som ikke er fullført. Du ser tiltakene, ikke notatene eller forberedelsene fra samtalen.`,
        style: 'accent',
        button: open('Se tiltakene'),
      });
    case 'lederbytte-ny':
      return renderMessage({
        heading: 'Ny medarbeider: samtalen med forrige leder er avsluttet',
        text: `${n.employeeName} har deg som nærmeste leder nå. Medarbeidersamtalen ${n.scheduledForText} med den tidligere lederen ble avsluttet ved lederbytte, og innholdet følger ikke med. Skriv «start medarbeidersamtale med ${n.employeeName}» for å avtale en ny.`,
        style: 'accent',
      });
  }
}

/** The reminder before an agreed action's due date. */
export function renderActionReminder(r: { what: string; dueDateText: string; daysLeft: number; scheduledForText: string; samtaleId: string }): AdaptiveCardJson {
  const when = r.daysLeft <= 0 ? 'i dag' : r.daysLeft === 1 ? 'i morgen' : `om ${r.daysLeft} dager (${r.dueDateText})`;
  return renderMessage({
    heading: `Frist for et tiltak ${when}`,
    text: `«${plain(r.what)}» har frist ${r.dueDateText}. Tiltaket ble avtalt i medarbeidersamtalen ${r.scheduledForText}.`,
    style: 'warning',
    button: { kind: 'open', title: 'Åpne samtalen', samtaleId: r.samtaleId },
  });
}

// ---------------------------------------------------------------------------------------------
// Starting: the leader's reports and the date form

export const REPORTS_PAGE_SIZE = 10;

export function renderReports(rows: ReportRow[], opts: { page?: number; heading?: string; intro?: string; notice?: Notice } = {}): AdaptiveCardJson {
  const pages = Math.max(1, Math.ceil(rows.length / REPORTS_PAGE_SIZE));
  const page = Math.min(Math.max(0, opts.page ?? 0), pages - 1);
  const shown = rows.slice(page * REPORTS_PAGE_SIZE, (page + 1) * REPORTS_PAGE_SIZE);
  return reportsCard.render({
    heading: opts.heading ?? 'Start medarbeidersamtale',
    intro: opts.intro ?? 'Velg medarbeideren du vil ha samtale med. Har dere allerede en samtale som ikke er avsluttet, kan du åpne den.',
    notice: opts.notice ?? NO_NOTICE,
    rows: shown.map((r) => ({
      name: r.name,
      detail: [r.title, r.unitName, r.active ? `${r.active.stateLabel}, ${r.active.scheduledForText}` : 'Ingen samtale planlagt'].filter(Boolean).join(' · '),
      employeeId: r.employeeId,
      samtaleId: r.active?.samtaleId ?? '',
    })),
    pageText: pages > 1 ? `Side ${page + 1} av ${pages}` : '',
    hasPrev: page > 0,
    hasNext: page < pages - 1,
    prevPage: Math.max(0, page - 1),
    nextPage: Math.min(pages - 1, page + 1),
  });
}

/**
 * The start form. `confirmedThisYear`: a samtale with this person is already confirmed this year –
 * said before anything is started. `reachable: false`: the bot cannot message them (no invitation).
 */
export function renderStart(opts: {
  employee: { employeeId: string; name: string; confirmedThisYear?: { heldOnText: string } };
  today: string;
  date?: string;
  dateError?: string;
  notice?: Notice;
  reachable?: boolean;
}): AdaptiveCardJson {
  const first = plain(firstName(opts.employee.name));
  const confirmed = opts.employee.confirmedThisYear;
  return startCard.render({
    heading: `Medarbeidersamtale med ${opts.employee.name}`,
    intro:
      opts.reachable === false
        ? `Velg dato for samtalen. ${first} har ikke åpnet Kompetansebot i Teams ennå og får ingen invitasjon fra boten – gi beskjed selv. Du forbereder deg her som vanlig.`
        : `Velg dato for samtalen. ${first} får en invitasjon i Teams og kan forberede seg. Du forbereder deg på samme måte.`,
    notice:
      opts.notice ??
      (confirmed
        ? { style: 'warning', text: `Du har allerede en bekreftet medarbeidersamtale med ${first} i år (holdt ${confirmed.heldOnText}). Start en ny bare hvis dere skal ha en samtale til i år – ellers åpner du den fra «Mine samtaler».` }
        : NO_NOTICE),
    employeeId: opts.employee.employeeId,
    date: opts.date ?? '',
    minDate: opts.today,
    dateError: opts.dateError ?? '',
  });
}

// ---------------------------------------------------------------------------------------------
// Changing the samtale (leader): a new date, or cancelling it after a confirmation

/** The leader's date form. `version` is the one of the card «Flytt dato» was clicked on. */
export function renderReschedule(v: SamtaleView, opts: { today: string; version?: number; date?: string; dateError?: string; notice?: Notice }): AdaptiveCardJson {
  return rescheduleCard.render({
    heading: `Flytt samtalen med ${v.employee.name}`,
    intro: `Samtalen står nå på ${v.scheduledForText}. Velg en ny dato. ${firstName(v.employee.name)} får beskjed om den nye datoen.`,
    notice: opts.notice ?? NO_NOTICE,
    samtaleId: v.id,
    version: opts.version ?? v.version,
    date: opts.date ?? v.scheduledFor,
    minDate: opts.today,
    dateError: opts.dateError ?? '',
  });
}

/** «Avlys»: asks before cancelling. `version` is the one of the card «Avlys» was clicked on. */
export function renderCancel(v: SamtaleView, opts: { version?: number } = {}): AdaptiveCardJson {
  const first = firstName(v.employee.name);
  return cancelCard.render({
    heading: 'Vil du avlyse samtalen?',
    text: `Medarbeidersamtalen med ${v.employee.name} ${v.scheduledForText} blir avlyst, og ${first} får beskjed. Det kan ikke angres, men du kan starte en ny samtale senere.`,
    detail: 'Forberedelsene og notatene som er skrevet, slettes når fristen for oppbevaring er ute.',
    samtaleId: v.id,
    version: opts.version ?? v.version,
  });
}

// ---------------------------------------------------------------------------------------------
// «Mine samtaler»

/** Rows on «Mine samtaler» at most; the rest is named in a last line (samtaleoversikt has the year). */
export const MINE_MAX_ROWS = 20;

/**
 * «Mine samtaler»: the person's own samtaler and those they hold as leader, every year and state
 * (a confirmed samtale stays listed), newest first.
 */
export function renderMine(opts: { mine: MySamtaleRow[]; asLeader: LedSamtaleRow[]; isLeader: boolean }): AdaptiveCardJson {
  const all = [
    ...opts.mine.map((r) => ({ at: r.scheduledFor, title: `Din samtale ${r.scheduledForText}`, detail: `Med ${r.leaderName} · ${r.stateLabel}`, samtaleId: r.samtaleId })),
    ...opts.asLeader.map((r) => ({ at: r.scheduledFor, title: `Samtale med ${r.employeeName} ${r.scheduledForText}`, detail: `Du er leder · ${r.stateLabel}`, samtaleId: r.samtaleId })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const rows = all.slice(0, MINE_MAX_ROWS).map(({ at: _at, ...row }) => row);
  const rest = all.length - rows.length;
  return mineCard.render({
    moreText: rest > 0 ? `Viser de ${MINE_MAX_ROWS} nyeste. ${plural(rest, 'eldre samtale', 'eldre samtaler')} vises ikke her.` : '',
    emptyText: opts.isLeader
      ? 'Du har ingen medarbeidersamtaler ennå. Trykk «Start en ny samtale» eller skriv «start medarbeidersamtale med» og navnet.'
      : 'Du har ingen medarbeidersamtaler ennå. Lederen din starter samtalen, og da får du en invitasjon her.',
    isLeader: opts.isLeader,
    rows,
  });
}

// ---------------------------------------------------------------------------------------------
// Preparation, one section at a time

const roleKicker = (v: SamtaleView) =>
  v.viewer.role === 'leader' ? `Forberedelse · samtale med ${v.employee.name} ${v.scheduledForText}` : `Din forberedelse · samtale med ${v.leader.name} ${v.scheduledForText}`;

export function renderPrepare(
  v: SamtaleView,
  sectionId: string | undefined,
  opts: { notice?: Notice; values?: CardValues; errors?: FieldError[] } = {},
): AdaptiveCardJson {
  const sections = v.template.sections;
  const index = Math.max(0, sections.findIndex((s) => s.id === sectionId));
  const s = sections[index]!;
  const saved = v.content.mine.answers[s.id] ?? {};
  const other = v.viewer.role === 'leader' ? firstName(v.employee.name) : firstName(v.leader.name);
  return prepareCard.render({
    kicker: roleKicker(v),
    samtaleId: v.id,
    version: v.version,
    sectionId: s.id,
    sectionTitle: s.title,
    progressText: `Del ${index + 1} av ${sections.length}`,
    intro: s.intro ?? '',
    notice: opts.notice ?? NO_NOTICE,
    questions: s.questions.map((q) => {
      const id = questionInputId(q.id);
      const error = opts.errors?.find((e) => e.field === q.id || e.field === `answers.${q.id}` || e.field === id)?.message ?? '';
      return { inputId: id, label: q.text, value: opts.values ? str(opts.values[id]) : saved[q.id] ?? '', error };
    }),
    previousActions: s.kind === 'oppfolging' ? v.content.previousActions.map((p) => ({ line: `${plain(p.what)} (frist ${formatDate(p.dueDate)})` })) : [],
    privacyText: `Svarene lagres hver gang du trykker på en knapp. ${other} ser dem først når dere begge har sendt inn, eller når samtalen starter.`,
    hasNext: index < sections.length - 1,
    nextSectionId: sections[index + 1]?.id ?? '',
    hasPrev: index > 0,
    prevSectionId: sections[index - 1]?.id ?? '',
  });
}

// ---------------------------------------------------------------------------------------------
// The overview of one samtale (hub): status, next step, referat

/** The viewer's own answers per section, question by question (unanswered ones say so). */
function myAnswers(v: SamtaleView): { title: string; text: string }[] {
  return v.template.sections.map((s) => {
    const answers = v.content.mine.answers[s.id] ?? {};
    const lines = s.questions.map((q) => {
      const a = answers[q.id]?.trim();
      return `**${plain(q.text)}**\n\n${a ? plain(a) : '_Ikke besvart._'}`;
    });
    return { title: s.title, text: lines.join('\n\n') };
  });
}

export function renderOverview(
  v: SamtaleView,
  opts: { notice?: Notice; values?: CardValues; errors?: FieldError[]; downloadUrl?: string; archiveCopy?: boolean } = {},
): AdaptiveCardJson {
  const isLeader = v.viewer.role === 'leader';
  const other = isLeader ? v.employee : v.leader;
  const ref = v.content.referat;
  const deletedAt = v.content.referatDeletedAt;
  const osloDate = (iso: string) => formatDate(osloToday(new Date(iso)));
  const err = (f: string) => opts.errors?.find((e) => e.field === f)?.message ?? '';
  const nameOf = (id: string) => (id === v.employee.employeeId ? v.employee.name : id === v.leader.employeeId ? v.leader.name : 'Tidligere leder');
  let guide = '';
  if (v.can.saveAnswer) guide = 'Forbered deg ved å svare på spørsmålene, én del om gangen. Når du er ferdig, sender du inn forberedelsen.';
  else if (v.can.open) guide = 'Når dere møtes, trykker du «Start samtalen». Da ser dere begge forberedelsene side om side.';
  else if (v.state === 'gjennomfores' && !isLeader) guide = 'Samtalen pågår. Lederen skriver notater og tiltak, og du får referatet når det er sendt.';
  else if (v.state === 'klar' && !isLeader) guide = 'Begge har sendt inn forberedelsen. Lederen starter samtalen når dere møtes.';
  else if ((v.state === 'planlagt' || v.state === 'forberedes') && !v.can.saveAnswer) guide = 'Du har sendt inn forberedelsen. Venter på den andre.';
  if (deletedAt) guide = `Referatet er slettet etter arkivering (${osloDate(deletedAt)}).`;
  return overviewCard.render({
    kicker: `Medarbeidersamtale · ${v.stateLabel}`,
    heading: isLeader ? `Samtale med ${v.employee.name}` : `Din samtale med ${v.leader.name}`,
    samtaleId: v.id,
    version: v.version,
    notice: opts.notice ?? NO_NOTICE,
    facts: [
      // Held: the day it was held (the referat's date), and the planned day only when it was another.
      ...(v.heldOnText
        ? [{ title: 'Holdt', value: v.heldOnText }, ...(v.heldOn !== v.scheduledFor ? [{ title: 'Planlagt', value: v.scheduledForText }] : [])]
        : [{ title: 'Dato', value: v.scheduledForText }]),
      { title: 'Status', value: v.stateLabel },
      { title: 'Din forberedelse', value: v.preparationLabels.mine },
      { title: `${isLeader ? 'Medarbeiderens' : 'Lederens'} forberedelse`, value: v.preparationLabels.other },
      ...(v.unit ? [{ title: 'Enhet', value: v.unit.name }] : []),
      ...(isLeader && v.referatExportedAt && !deletedAt ? [{ title: 'Eksportert til arkivet', value: osloDate(v.referatExportedAt) }] : []),
    ],
    guide: v.content.workingNotesPurged && !deletedAt ? `${guide} Arbeidsnotatene er slettet etter fristen for oppbevaring; referatet er beholdt.`.trim() : guide,
    blockers: v.blockers.map((text) => ({ text })),
    myAnswers: v.can.saveAnswer ? myAnswers(v) : [],
    showReferat: !!ref,
    referat: {
      summary: ref?.summary ? plain(ref.summary) : '',
      notes: (ref?.sharedNotes ?? []).map((n) => ({ text: plain(n.text) })),
      actions: (ref?.actions ?? []).map((a) => {
        const current = v.content.actions.find((x) => x.id === a.id);
        // The owner or the leader may mark it done (the service checks again).
        const canComplete = v.can.completeAction && current?.status === 'open' && (isLeader || current.ownerEmployeeId === v.viewer.employeeId);
        return {
          line: `${plain(a.what)} – ${a.ownerName}, frist ${formatDate(a.dueDate)}${current?.status === 'done' ? ' (fullført)' : ''}`,
          actionId: a.id,
          canComplete: !!canComplete,
          samtaleId: v.id,
          version: v.version,
        };
      }),
      devPlan: (ref?.devPlan ?? []).map((d) => ({ line: plain(devPlanLine(d)) })),
      previous: (ref?.previousActions ?? []).map((p) => ({
        line: `${plain(p.what)} – ${p.decision === 'closed' ? 'lukket' : `videreført${p.newDueDate ? ` med ny frist ${formatDate(p.newDueDate)}` : ''}`}`,
      })),
      comments: v.content.comments.map((c) => ({ line: `**${nameOf(c.authorId)}**${c.afterConfirmation ? ' (etter bekreftelsen)' : ''}: ${plain(c.text)}` })),
      status: ref
        ? v.content.locked
          ? 'Referatet er bekreftet og låst. Senere merknader legges til som kommentarer.'
          : isLeader
            ? `Venter på at ${other.name} bekrefter referatet.`
            : ''
        : '',
    },
    carryFrom: v.carryFrom && v.can.saveAnswer ? v.carryFrom.samtaleId : '',
    carryText: v.carryFrom ? `samtalen ${v.carryFrom.scheduledForText}` : '',
    canPrepare: v.can.saveAnswer,
    prepareTitle: v.content.mine.status === 'ikke_startet' ? 'Forbered deg' : 'Fortsett forberedelsen',
    canSubmit: v.can.submitPreparation,
    canBegin: v.can.open,
    canConduct: isLeader && v.state === 'gjennomfores',
    canConfirm: v.can.confirm,
    canComment: v.can.comment,
    canExport: !!ref,
    canReopen: v.can.reopen,
    canReschedule: v.can.reschedule,
    canCancel: v.can.cancel,
    values: { confirmComment: str(opts.values?.confirmComment), commentText: str(opts.values?.commentText) },
    errors: { confirmComment: err('comment'), commentText: err('text') },
    downloadText: opts.downloadUrl
      ? `[Last ned referatet (PDF)](${opts.downloadUrl}) – lenken virker én gang, i 10 minutter.${opts.archiveCopy ? ' Referatet regnes som eksportert til arkivet når filen er lastet ned.' : ''}`
      : '',
  });
}

// ---------------------------------------------------------------------------------------------
// The conversation (leader): one section at a time, both preparations side by side

export function renderConduct(
  v: SamtaleView,
  index: number,
  opts: { notice?: Notice; values?: CardValues; errors?: FieldError[]; suggestions?: DevPlanSuggestion[]; errorTarget?: 'note' | 'action' | 'devplan' | 'previous' | 'referat' } = {},
): AdaptiveCardJson {
  const sections = v.template.sections;
  const i = Math.min(Math.max(0, index), sections.length - 1);
  const s = sections[i]!;
  const c = v.content;
  const isLeader = v.viewer.role === 'leader';
  const employeeAnswers = (isLeader ? c.other.answers : c.mine.answers)?.[s.id] ?? {};
  const leaderAnswers = (isLeader ? c.mine.answers : c.other.answers)?.[s.id] ?? {};
  const answer = (a: Record<string, string>, q: string) => (a[q] ? plain(a[q]!) : '–');
  const err = (f: string) => opts.errors?.find((e) => e.field === f)?.message ?? '';
  const values = opts.values ?? {};
  const nameOf = (id: string) => (id === v.employee.employeeId ? v.employee.name : id === v.leader.employeeId ? v.leader.name : 'Tidligere leder');
  const previousError = opts.errorTarget === 'previous' ? opts.errors?.map((e) => e.message).join(' ') ?? '' : '';
  return conductCard.render({
    kicker: `Samtale med ${v.employee.name} · ${v.scheduledForText}`,
    samtaleId: v.id,
    version: v.version,
    index: i,
    sectionId: s.id,
    sectionTitle: s.title,
    progressText: `Del ${i + 1} av ${sections.length}`,
    notice: opts.notice ?? NO_NOTICE,
    employeeLabel: `${v.employee.name} skrev`,
    leaderLabel: isLeader ? 'Du skrev' : `${v.leader.name} skrev`,
    questions: s.questions.map((q) => ({ text: q.text, employeeAnswer: answer(employeeAnswers, q.id), leaderAnswer: answer(leaderAnswers, q.id) })),
    hasPrev: i > 0,
    hasNext: i < sections.length - 1,
    prevIndex: Math.max(0, i - 1),
    nextIndex: Math.min(sections.length - 1, i + 1),
    notes: [
      ...c.sharedNotes.map((n) => ({ id: n.id, label: 'Felles notat', text: plain(n.text) })),
      ...c.privateNotes.map((n) => ({ id: n.id, label: 'Privat notat (bare du ser det)', text: plain(n.text) })),
    ],
    previous: c.previousActions
      .filter((p) => !p.decision)
      .map((p) => ({ actionId: p.actionId, inputId: carryInputId(p.actionId), line: `${plain(p.what)} – ${nameOf(p.ownerEmployeeId)}, frist ${formatDate(p.dueDate)}` })),
    actions: c.actions.map((a) => ({ id: a.id, line: `${plain(a.what)} – ${nameOf(a.ownerEmployeeId)}, frist ${formatDate(a.dueDate)}${a.carriedFrom ? ' (videreført)' : ''}` })),
    devPlan: c.devPlan.map((d) => ({ id: d.id, line: plain(d.what) })),
    owners: [
      { title: v.employee.name, value: v.employee.employeeId },
      { title: `${v.leader.name} (leder)`, value: v.leader.employeeId },
    ],
    suggestions: (opts.suggestions ?? []).map((x) => ({ title: `${x.name} – ${x.reason}`, value: x.competenceId })),
    blockers: v.blockers.map((text) => ({ text })),
    canSend: v.can.sendReferat,
    values: {
      noteText: str(values.noteText),
      actionWhat: str(values.actionWhat),
      actionOwner: str(values.actionOwner) || v.employee.employeeId,
      actionDue: str(values.actionDue),
      devWhat: str(values.devWhat),
      devCompetence: str(values.devCompetence),
      summary: str(values.summary),
    },
    errors: {
      noteText: opts.errorTarget === 'note' ? err('text') : '',
      what: opts.errorTarget === 'action' ? err('what') : '',
      ownerEmployeeId: opts.errorTarget === 'action' ? err('ownerEmployeeId') : '',
      dueDate: opts.errorTarget === 'action' ? err('dueDate') : '',
      devPlan: opts.errorTarget === 'devplan' ? [err('what'), err('competenceId')].filter(Boolean).join(' ') : '',
      summary: opts.errorTarget === 'referat' ? err('summary') : '',
      previous: previousError,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// «samtaleoversikt»: the leader's reports this year, and HR's counts per unit (never content)

export const OVERVIEW_PAGE_SIZE = 10;

function pageOf<T>(items: T[], page: number | undefined) {
  const pages = Math.max(1, Math.ceil(items.length / OVERVIEW_PAGE_SIZE));
  const p = Math.min(Math.max(0, page ?? 0), pages - 1);
  return {
    shown: items.slice(p * OVERVIEW_PAGE_SIZE, (p + 1) * OVERVIEW_PAGE_SIZE),
    pageText: pages > 1 ? `Side ${p + 1} av ${pages}` : '',
    hasPrev: p > 0,
    hasNext: p < pages - 1,
    prevPage: Math.max(0, p - 1),
    nextPage: Math.min(pages - 1, p + 1),
  };
}

const STATUS_ORDER = ['ikke_startet', 'forberedes', 'gjennomfort', 'bekreftet'] as const;
const STATUS_COLOR = { ikke_startet: 'attention', forberedes: 'accent', gjennomfort: 'warning', bekreftet: 'good' } as const;
const totalsFacts = (t: StatusCounts) => STATUS_ORDER.map((s) => ({ title: OVERVIEW_LABELS[s], value: String(t[s]) }));
const actionsText = (open: number, overdue: number) =>
  open === 0 ? '' : `${open} ${open === 1 ? 'åpent tiltak' : 'åpne tiltak'}${overdue ? `, ${overdue} over fristen` : ''}`;

/** The leader's reports with this year's status, preparations and open or overdue actions. */
export function renderTeam(
  overview: { year: number; rows: OverviewRow[]; totals: StatusCounts },
  opts: { page?: number; notice?: Notice; showHr?: boolean } = {},
): AdaptiveCardJson {
  const p = pageOf(overview.rows, opts.page);
  const done = overview.totals.gjennomfort + overview.totals.bekreftet;
  return teamCard.render({
    heading: `Samtaleoversikt ${overview.year}`,
    intro: `Dine medarbeidere og årets medarbeidersamtale: ${done} av ${overview.rows.length} er gjennomført. Tiltak telles fra alle samtaler med referat.`,
    notice: opts.notice ?? NO_NOTICE,
    totals: totalsFacts(overview.totals),
    rows: p.shown.map((r) => ({
      name: r.name,
      statusLabel: r.statusLabel,
      statusColor: STATUS_COLOR[r.status],
      detail: [
        r.title,
        r.scheduledForText ? `Samtale ${r.scheduledForText}` : '',
        r.status === 'forberedes' && r.employeePreparation && r.leaderPreparation
          ? `Forberedelse: medarbeider ${PREPARATION_STATUS_LABELS[r.employeePreparation].toLowerCase()}, du ${PREPARATION_STATUS_LABELS[r.leaderPreparation].toLowerCase()}`
          : '',
      ]
        .filter(Boolean)
        .join(' · '),
      actionsText: actionsText(r.openActions, r.overdueActions),
      actionsColor: r.overdueActions ? 'attention' : 'default',
      employeeId: r.employeeId,
      samtaleId: r.samtaleId ?? '',
    })),
    pageText: p.pageText,
    hasPrev: p.hasPrev,
    hasNext: p.hasNext,
    prevPage: p.prevPage,
    nextPage: p.nextPage,
    showHr: opts.showHr ?? false,
  });
}

/** HR's counts per unit: numbers only, never names or content. Units with no employees are left out. */
export function renderHrCounts(
  counts: { year: number; units: UnitCounts[]; totals: StatusCounts & { employees: number } },
  opts: { page?: number; showTeam?: boolean } = {},
): AdaptiveCardJson {
  const units = counts.units.filter((u) => u.employees > 0);
  const p = pageOf(units, opts.page);
  // A share would give away a small count (1 of 4 done = 25 %): only when neither part is suppressed.
  const share = (done: number, all: number) => (all && !isSuppressed(done) && !isSuppressed(all - done) ? `${Math.round((100 * done) / all)} % gjennomført eller bekreftet` : '');
  // Counts under 3 are shown as «under 3», and a unit of 1–2 people shows no statuses at all, as statistics offices do (#12).
  const line = (u: UnitCounts) =>
    isSuppressed(u.employees)
      ? 'Under 3 ansatte: tallene vises ikke for så små enheter.'
      : `${plural(u.employees, 'ansatt')} · ${STATUS_ORDER.map((st) => `${OVERVIEW_LABELS[st]} ${suppressSmall(u[st])}`).join(' · ')}`;
  return hrCard.render({
    heading: `Medarbeidersamtaler ${counts.year} – tall per enhet`,
    intro: `Antall ansatte per status for årets samtale, ${plural(counts.totals.employees, 'ansatt')} i alt. Bare tall: innholdet i samtalene er for medarbeideren og lederen. Tall under 3 vises som «under 3».`,
    totals: STATUS_ORDER.map((st) => ({ title: OVERVIEW_LABELS[st], value: suppressSmall(counts.totals[st]) })),
    emptyText: 'Organisasjonsoversikten har ingen ansatte ennå.',
    units: p.shown.map((u) => ({
      name: u.name,
      line: line(u),
      share: isSuppressed(u.employees) ? '' : share(u.gjennomfort + u.bekreftet, u.employees),
    })),
    pageText: p.pageText,
    hasPrev: p.hasPrev,
    hasNext: p.hasNext,
    prevPage: p.prevPage,
    nextPage: p.nextPage,
    showTeam: opts.showTeam ?? false,
  });
}

/** A new leader's view of a confirmed referat the former leader held: the agreed actions only. */
export function renderFollowUp(f: FollowUpView): AdaptiveCardJson {
  const lines = f.actions.map((a) => `- ${plain(a.what)} – ${a.ownerName}, frist ${a.dueDateText}${a.status === 'done' ? ' (fullført)' : a.status === 'carried' ? ' (videreført)' : ''}`);
  return renderMessage({
    heading: `Tiltak å følge opp for ${f.employee.name}`,
    text: [`Avtalt i den bekreftede medarbeidersamtalen ${f.scheduledForText} med ${f.formerLeaderName}${f.unitName ? ` (${f.unitName})` : ''}:`, '', ...lines].join('\n'),
    detail: 'Som ny nærmeste leder ser du tiltakene for å følge dem opp. Notatene, forberedelsene og resten av referatet hører til samtalen med den tidligere lederen.',
  });
}
