/**
 * The broadcast module's cards: HR's compose form, preview, progress and final report, and the
 * message recipients get. Turns use-case results into template data and nothing else; the form's
 * flat string fields are mapped to the service's input here (and back).
 */
import { z } from 'zod';
import { defineCard as defineTemplate } from '../../cards/define-card.js';
import { markdownSafeDefinition } from '../../texts/index.js';
import type { OrgDirectory } from '../org/model.js';
import { ORG_ROLES } from '../org/model.js';
import type { FieldError } from '../../shared/results.js';
import type { BroadcastDraft, BroadcastPreview, BroadcastProgress } from './broadcast-service.js';
import { ROLE_LABELS } from './broadcast-service.js';

/** This module's cards: no date at the start of a line becomes a numbered list in Teams (#12). */
const defineCard: typeof defineTemplate = (name, schema) => markdownSafeDefinition(defineTemplate(name, schema));

const choice = z.object({ title: z.string(), value: z.string() });

const composeCard = defineCard(
  'broadcast-compose',
  z.object({
    heading: z.string(),
    intro: z.string(),
    draftId: z.string(),
    title: z.string(),
    text: z.string(),
    qaEntryId: z.string(),
    qaChoices: z.array(choice),
    audienceKind: z.string(),
    roles: z.string(),
    roleChoices: z.array(choice),
    unitIds: z.string(),
    unitChoices: z.array(choice),
    ackRequired: z.enum(['true', 'false']),
    formError: z.string(),
    titleError: z.string(),
    textError: z.string(),
    qaError: z.string(),
    audienceError: z.string(),
  }),
);

const previewCard = defineCard(
  'broadcast-preview',
  z.object({
    draftId: z.string(),
    title: z.string(),
    text: z.string(),
    qaEntryId: z.string(),
    qaTitle: z.string(),
    audienceKind: z.string(),
    roles: z.string(),
    unitIds: z.string(),
    ackRequired: z.boolean(),
    ackRequiredText: z.enum(['true', 'false']),
    audienceText: z.string(),
    recipients: z.number().int(),
    recipientsText: z.string(),
    reachable: z.number().int(),
    sendTitle: z.string(),
    unreachable: z.number().int(),
    reachableText: z.string(),
    unreachableText: z.string(),
    advice: z.string(),
  }),
);

const line = z.object({ label: z.string(), value: z.string() });
const progressCard = defineCard(
  'broadcast-progress',
  z.object({ heading: z.string(), title: z.string(), summary: z.string(), lines: z.array(line), notice: z.string(), campaignId: z.string() }),
);
const reportCard = defineCard(
  'broadcast-report',
  z.object({ heading: z.string(), title: z.string(), summary: z.string(), lines: z.array(line), advice: z.string(), downloadText: z.string(), campaignId: z.string() }),
);
const messageCard = defineCard(
  'broadcast-message',
  z.object({ title: z.string(), text: z.string(), qaEntryId: z.string(), qaTitle: z.string(), showAck: z.boolean(), ackText: z.string(), campaignId: z.string() }),
);

/** The compose form's fields as Teams sends them (inputs are strings; multi-selects comma-separated). */
export const composeFormSchema = z.object({
  draftId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  title: z.string().max(2000).optional(),
  text: z.string().max(20_000).optional(),
  qaEntryId: z.string().max(200).optional(),
  audienceKind: z.string().max(20).optional(),
  roles: z.string().max(500).optional(),
  unitIds: z.string().max(20_000).optional(),
  ackRequired: z.union([z.string(), z.boolean()]).optional(),
});
export type ComposeForm = z.infer<typeof composeFormSchema>;

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

/** The service's input from the form; what the form cannot express (no audience chosen) stays for the service to refuse. */
export function inputFromForm(form: ComposeForm): Record<string, unknown> {
  const kind = form.audienceKind ?? '';
  return {
    title: form.title ?? '',
    text: form.text ?? '',
    ...(form.qaEntryId?.trim() ? { qaEntryId: form.qaEntryId.trim() } : {}),
    audience: kind === 'roles' ? { kind, roles: list(form.roles) } : kind === 'units' ? { kind, unitIds: list(form.unitIds) } : kind === 'everyone' ? { kind } : undefined,
    ackRequired: form.ackRequired === true || form.ackRequired === 'true',
  };
}

const num = (n: number) => n.toLocaleString('nb-NO');
const people = (n: number) => `${num(n)} ${n === 1 ? 'person' : 'personer'}`;
/** Teams renders Markdown in a TextBlock; names come from the HR export. */
const plain = (s: string) => s.replace(/([\\*_[\]()#>`~|])/g, '\\$1');
/** Long lists would make the form too big for Teams (28 KB): the first units by name. */
export const MAX_UNIT_CHOICES = 150;

export function renderCompose(opts: {
  draftId: string;
  form?: Partial<ComposeForm>;
  errors?: FieldError[];
  qaEntries: { id: string; title: string }[];
  directory: OrgDirectory;
}) {
  const f = opts.form ?? {};
  const errorOf = (field: string) => opts.errors?.filter((e) => e.field === field).map((e) => e.message).join(' ') ?? '';
  const known = new Set(['title', 'text', 'qaEntryId', 'audience']);
  const other = opts.errors?.filter((e) => !known.has(e.field)).map((e) => e.message).join(' ') ?? '';
  const units = [...opts.directory.snapshot.units].sort((a, b) => a.name.localeCompare(b.name, 'nb')).slice(0, MAX_UNIT_CHOICES);
  return composeCard.render({
    heading: 'Ny kunngjøring',
    intro: 'Skriv meldingen og velg hvem som skal få den. Du får se en forhåndsvisning med antall mottakere før noe sendes.',
    draftId: opts.draftId,
    title: f.title ?? '',
    text: f.text ?? '',
    qaEntryId: f.qaEntryId ?? '',
    qaChoices: opts.qaEntries.map((e) => ({ title: e.title, value: e.id })),
    audienceKind: f.audienceKind || 'everyone',
    roles: f.roles ?? '',
    roleChoices: ORG_ROLES.map((r) => ({ title: ROLE_LABELS[r], value: r })),
    unitIds: f.unitIds ?? '',
    unitChoices: units.map((u) => ({ title: u.name, value: u.id })),
    ackRequired: f.ackRequired === true || f.ackRequired === 'true' ? 'true' : 'false',
    formError: opts.errors?.length ? `Rett opp det som er merket, så kan du forhåndsvise på nytt.${other ? ` ${other}` : ''}` : '',
    titleError: errorOf('title'),
    textError: errorOf('text'),
    qaError: errorOf('qaEntryId'),
    audienceError: errorOf('audience'),
  });
}

/** The form's fields for a validated draft (to carry through the preview). */
export function formOf(draftId: string, draft: BroadcastDraft): ComposeForm {
  return {
    draftId,
    title: draft.title,
    text: draft.text,
    qaEntryId: draft.qaEntryId ?? '',
    audienceKind: draft.audience.kind,
    roles: draft.audience.kind === 'roles' ? draft.audience.roles.join(',') : '',
    unitIds: draft.audience.kind === 'units' ? draft.audience.unitIds.join(',') : '',
    ackRequired: draft.ackRequired ? 'true' : 'false',
  };
}

export function renderPreview(draftId: string, preview: BroadcastPreview) {
  const form = formOf(draftId, preview.draft);
  return previewCard.render({
    draftId,
    title: preview.draft.title,
    text: preview.draft.text,
    qaEntryId: preview.draft.qaEntryId ?? '',
    qaTitle: preview.draft.qaTitle ?? '',
    audienceKind: form.audienceKind!,
    roles: form.roles!,
    unitIds: form.unitIds!,
    ackRequired: preview.draft.ackRequired,
    ackRequiredText: preview.draft.ackRequired ? 'true' : 'false',
    audienceText: preview.audienceText,
    recipients: preview.recipients,
    recipientsText: people(preview.recipients),
    reachable: preview.reachable,
    // The number that will actually get it, not the size of the audience (#12).
    sendTitle: `Send til ${people(preview.reachable)}`,
    unreachable: preview.unreachable,
    reachableText: num(preview.reachable),
    unreachableText: num(preview.unreachable),
    advice:
      preview.recipients === 0
        ? 'Ingen ansatte passer med dette utvalget. Trykk «Endre» og velg andre mottakere.'
        : preview.reachable === 0
          ? `Ingen av de ${people(preview.recipients)} har åpnet Kompetansebot i Teams ennå, så boten kan ikke nå noen av dem. Trykk «Be dem installere Kompetansebot» for en melding med lenken som du kan videresende.`
          : preview.unreachable > 0
            ? `Meldingen går til ${people(preview.reachable)}. ${people(preview.unreachable)} har ikke åpnet Kompetansebot i Teams ennå og får den ikke; de står som «Ikke installert» i rapporten. Skriv «installasjonsstatus» for å se hvem, eller trykk «Be dem installere Kompetansebot».`
            : '',
  });
}

function lines(p: BroadcastProgress) {
  const all = [
    { label: 'Mottakere', value: p.total },
    { label: 'Venter', value: p.pending },
    { label: 'Prøver igjen', value: p.retrying },
    // «Sendt» includes those who confirmed reading; «Bekreftet lest» is a part of it.
    { label: 'Sendt', value: p.sent },
    { label: 'Bekreftet lest (av sendt)', value: p.acknowledged },
    { label: 'Ikke installert', value: p.notInstalled },
    { label: 'Blokkert', value: p.blocked },
    { label: 'Feilet', value: p.failed },
    { label: 'Avbrutt', value: p.cancelled },
  ];
  return all.filter((l, i) => i < 1 || l.value > 0 || (l.label.startsWith('Bekreftet lest') && p.ackRequired)).map((l) => ({ label: l.label, value: num(l.value) }));
}

export function renderProgress(p: BroadcastProgress, notice = '', opts: { live?: boolean } = {}) {
  const delivered = p.sent;
  return progressCard.render({
    heading: 'Utsending pågår',
    title: plain(p.title),
    summary: `${num(delivered)} av ${people(p.total)} har fått meldingen.${opts.live ? ' Kortet oppdaterer seg selv til utsendingen er ferdig.' : ' Trykk «Oppdater» for å se hvordan det går.'}`,
    lines: lines(p),
    notice,
    campaignId: p.campaignId,
  });
}

export function renderReport(p: BroadcastProgress, opts: { downloadUrl?: string; notice?: string } = {}) {
  const delivered = p.sent;
  const missed = p.notInstalled + p.blocked + p.failed;
  return reportCard.render({
    heading: p.cancelled > 0 ? 'Utsendingen ble avbrutt' : 'Utsendingen er ferdig',
    title: plain(p.title),
    summary:
      `${num(delivered)} av ${people(p.total)} fikk meldingen.` +
      (p.ackRequired ? ` ${num(p.acknowledged)} har bekreftet at de har lest den.` : '') +
      (p.cancelled > 0 ? ` ${people(p.cancelled)} fikk den ikke fordi utsendingen ble avbrutt.` : ''),
    lines: lines(p),
    advice: [
      opts.notice ?? '',
      missed > 0 ? 'Last ned rapporten for å se hvem som ikke fikk meldingen. «Ikke installert» betyr at personen ikke har åpnet Kompetansebot i Teams ennå; «Blokkert» at boten er blokkert for dem.' : '',
    ]
      .filter(Boolean)
      .join(' '),
    downloadText: opts.downloadUrl ? `[Last ned rapporten som CSV](${opts.downloadUrl}) – lenken virker én gang, i 10 minutter.` : '',
    campaignId: p.campaignId,
  });
}

/** The message a recipient gets; after «Bekreft lest», the same card without the button. */
export function renderMessage(campaignId: string, draft: BroadcastDraft, opts: { acknowledged?: boolean } = {}) {
  return messageCard.render({
    title: draft.title,
    text: draft.text,
    qaEntryId: draft.qaEntryId ?? '',
    qaTitle: draft.qaTitle ?? '',
    showAck: draft.ackRequired && !opts.acknowledged,
    ackText: opts.acknowledged ? 'Takk! Du har bekreftet at du har lest meldingen.' : '',
    campaignId,
  });
}
