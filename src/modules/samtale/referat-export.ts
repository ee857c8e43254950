/**
 * The referat as a document for the municipality's archive (sak/arkiv, personalmappe), and an
 * employee's own samtaler («ta med deg dine data»). Markdown or plain text, UTF-8. Pure: the
 * caller passes the records, names and the time of export.
 *
 * The archive document holds the referat only (summary, shared notes, actions, development
 * plan, follow-up of earlier actions, comments): never a preparation or a private note.
 */
import type { SamtaleRecord, SamtaleReferatRecord } from './model.js';
import { formatOslo } from '../../texts/dates.js';
import { devPlanLine } from './visibility.js';
import { formatDate } from './dates.js';
import type { SamtaleParty } from './model.js';
import { stateLabelOf } from './leader-change.js';
import type { SamtaleTemplate } from './template.js';
import { renderPdf } from './referat-pdf.js';
import { osloToday } from '../../shared/dates.js';
import type { BinaryDownloadFile, DownloadFile } from '../../shared/files.js';

export type DocumentFormat = 'markdown' | 'text';

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] };

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
const cell = (s: string) => oneLine(s).replace(/\|/g, '\\|');
// Text from people is shown as text, not as Markdown: escape what would change the layout
// (`|` only matters in tables, where `cell` escapes it).
const mdText = (s: string) => s.replace(/([\\`*_#<>[\]])/g, '\\$1');
const indent = (s: string, by: string) => s.split('\n').join(`\n${by}`);

function renderMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        out.push(`# ${b.text}`);
        break;
      case 'heading':
        out.push(`## ${b.text}`);
        break;
      case 'subheading':
        out.push(`### ${b.text}`);
        break;
      case 'paragraph':
        out.push(mdText(b.text));
        break;
      case 'fields':
        out.push(['| Felt | Verdi |', '| --- | --- |', ...b.rows.map(([k, v]) => `| ${cell(k)} | ${cell(mdText(v))} |`)].join('\n'));
        break;
      case 'list':
        out.push(b.items.map((i) => `- ${indent(mdText(i), '  ')}`).join('\n'));
        break;
      case 'table':
        out.push(
          [`| ${b.header.map(cell).join(' | ')} |`, `| ${b.header.map(() => '---').join(' | ')} |`, ...b.rows.map((r) => `| ${r.map((c) => cell(mdText(c))).join(' | ')} |`)].join('\n'),
        );
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

function renderText(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        out.push(`${b.text.toUpperCase()}\n${'='.repeat(b.text.length)}`);
        break;
      case 'heading':
        out.push(`${b.text}\n${'-'.repeat(b.text.length)}`);
        break;
      case 'subheading':
        out.push(`${b.text}:`);
        break;
      case 'paragraph':
        out.push(b.text);
        break;
      case 'fields': {
        const width = Math.max(...b.rows.map(([k]) => k.length));
        out.push(b.rows.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${oneLine(v)}`).join('\n'));
        break;
      }
      case 'list':
        out.push(b.items.map((i) => `* ${indent(i, '  ')}`).join('\n'));
        break;
      case 'table':
        out.push(b.rows.map((r) => `* ${r.map((c, i) => `${b.header[i]}: ${oneLine(c)}`).join(' – ')}`).join('\n'));
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

function render(format: DocumentFormat, blocks: Block[]): string {
  return format === 'markdown' ? renderMarkdown(blocks) : renderText(blocks);
}

const ACTION_STATUS: Record<string, string> = { open: 'Åpen', done: 'Fullført', carried: 'Videreført' };

export interface ExportPeople {
  nameOf(employeeId: string): string;
}

function referatBlocks(record: SamtaleRecord, referat: SamtaleReferatRecord, template: SamtaleTemplate, people: ExportPeople, headingLevel: 'heading' | 'subheading'): Block[] {
  const blocks: Block[] = [];
  const h = (text: string): Block => ({ kind: headingLevel, text });
  const sectionTitle = (id?: string) => (id ? template.sections.find((s) => s.id === id)?.title ?? id : 'Generelt');
  if (referat.summary) blocks.push(h('Oppsummering'), { kind: 'paragraph', text: referat.summary });
  if (referat.sharedNotes.length) {
    blocks.push(h('Notater fra samtalen'));
    const order = [...template.sections.map((s) => s.id), undefined];
    const grouped = new Map<string | undefined, string[]>();
    for (const n of referat.sharedNotes) grouped.set(n.sectionId, [...(grouped.get(n.sectionId) ?? []), n.text]);
    const keys = [...order.filter((k) => grouped.has(k)), ...[...grouped.keys()].filter((k) => !order.includes(k))];
    for (const key of keys) blocks.push({ kind: 'paragraph', text: `${sectionTitle(key)}:` }, { kind: 'list', items: grouped.get(key)! });
  }
  blocks.push(h('Avtalte tiltak'));
  if (referat.actions.length) {
    const status = (id: string) => ACTION_STATUS[record.actions.find((a) => a.id === id)?.status ?? 'open'] ?? 'Åpen';
    blocks.push({
      kind: 'table',
      header: ['Tiltak', 'Ansvarlig', 'Frist', 'Status'],
      rows: referat.actions.map((a) => [a.carried ? `${a.what} (videreført fra forrige samtale)` : a.what, a.ownerName, formatDate(a.dueDate), status(a.id)]),
    });
  } else blocks.push({ kind: 'paragraph', text: 'Ingen tiltak ble avtalt.' });
  blocks.push(h('Utviklingsplan'));
  blocks.push(
    referat.devPlan.length
      ? { kind: 'list', items: referat.devPlan.map((d) => devPlanLine(d, 'kompetanse: ')) }
      : { kind: 'paragraph', text: 'Ingen punkter.' },
  );
  if (referat.previousActions.length) {
    blocks.push(h('Oppfølging fra forrige samtale'), {
      kind: 'list',
      items: referat.previousActions.map((p) =>
        p.decision === 'closed' ? `${p.what} – lukket` : `${p.what} – videreført${p.newDueDate ? ` med ny frist ${formatDate(p.newDueDate)}` : ''}`,
      ),
    });
  }
  if (record.comments.length) {
    blocks.push(h('Kommentarer'), {
      kind: 'list',
      items: record.comments.map((c) => `${formatOslo(new Date(c.createdAt))}, ${people.nameOf(c.authorId)}${c.afterConfirmation ? ' (etter bekreftelse)' : ''}: ${c.text}`),
    });
  }
  return blocks;
}

function confirmation(record: SamtaleRecord): string {
  return record.confirmedAt ? `Bekreftet av medarbeideren ${formatOslo(new Date(record.confirmedAt))}` : 'Ikke bekreftet av medarbeideren';
}

/**
 * The day the samtale was held: the day the leader opened it (Oslo), else the planned day. A samtale
 * planned for 14 December but held on 7 December is archived with 7 December.
 */
export function conductedOn(record: SamtaleRecord): string {
  return record.openedAt ? osloToday(new Date(record.openedAt)) : record.scheduledFor;
}

function archiveBlocks(record: SamtaleRecord & { referat: SamtaleReferatRecord }, template: SamtaleTemplate, people: ExportPeople, exportedAt: Date): Block[] {
  const r = record.referat;
  const held = conductedOn(record);
  return [
    { kind: 'title', text: 'Referat fra medarbeidersamtale' },
    { kind: 'paragraph', text: 'Til arkivet (sak/arkiv): arkiveres i personalmappen til medarbeideren. Skjermet – inneholder personopplysninger.' },
    {
      kind: 'fields',
      rows: [
        ['Dokumenttype', 'Referat fra medarbeidersamtale'],
        ['Arkiv', `Personalmappe – ${r.employee.name} (ansattnr. ${r.employee.id})`],
        ['Medarbeider', `${r.employee.name} (ansattnr. ${r.employee.id})`],
        ['Leder', `${r.leader.name} (ansattnr. ${r.leader.id})`],
        ...(r.unit ? ([['Enhet', r.unit.name]] as [string, string][]) : []),
        ['Samtaledato', formatDate(held)],
        ...(held !== r.scheduledFor ? ([['Planlagt dato', formatDate(r.scheduledFor)]] as [string, string][]) : []),
        ['Referat sendt', formatOslo(new Date(r.sentAt))],
        ['Status', confirmation(record)],
        ['Mal', template.title],
        ['Samtale-id', record.id],
        ['Eksportert', formatOslo(exportedAt)],
      ],
    },
    ...referatBlocks(record, r, template, people, 'heading'),
  ];
}

const archiveFileName = (record: SamtaleRecord & { referat: SamtaleReferatRecord }, ext: string) =>
  `referat-medarbeidersamtale-${safe(record.referat.employee.id)}-${conductedOn(record)}.${ext}`;

/**
 * The referat of one samtale as a document for the archive. The caller makes sure a referat
 * exists (state referat_sendt or bekreftet).
 */
export function exportReferatDocument(
  format: DocumentFormat,
  record: SamtaleRecord & { referat: SamtaleReferatRecord },
  template: SamtaleTemplate,
  people: ExportPeople,
  exportedAt: Date,
): DownloadFile {
  const ext = format === 'markdown' ? 'md' : 'txt';
  return {
    fileName: archiveFileName(record, ext),
    contentType: format === 'markdown' ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8',
    content: render(format, archiveBlocks(record, template, people, exportedAt)),
  };
}

/**
 * The archive copy as PDF/A-2b: the same content as `exportReferatDocument` (title, parties, the
 * day it was held, sections, actions, development plan, confirmation), with the font embedded.
 */
export async function exportReferatPdf(
  record: SamtaleRecord & { referat: SamtaleReferatRecord },
  template: SamtaleTemplate,
  people: ExportPeople,
  exportedAt: Date,
): Promise<BinaryDownloadFile> {
  const r = record.referat;
  const content = await renderPdf(archiveBlocks(record, template, people, exportedAt), {
    title: `Referat fra medarbeidersamtale – ${r.employee.name}, ${formatDate(conductedOn(record))}`,
    author: r.leader.name,
    subject: 'Referat fra medarbeidersamtale',
    createdAt: exportedAt,
  });
  return { fileName: archiveFileName(record, 'pdf'), contentType: 'application/pdf', content };
}

/**
 * All of an employee's samtaler for themselves: per samtale the referat (when sent), their own
 * preparation and their own private notes. The leader's preparation and private notes are not
 * theirs and are left out.
 */
export function exportOwnSamtaler(
  format: DocumentFormat,
  employee: { id: string; name: string },
  records: SamtaleRecord[],
  templateOf: (record: SamtaleRecord) => SamtaleTemplate,
  people: ExportPeople,
  exportedAt: Date,
): DownloadFile {
  const blocks: Block[] = [
    { kind: 'title', text: 'Mine medarbeidersamtaler' },
    { kind: 'fields', rows: [['Medarbeider', `${employee.name} (ansattnr. ${employee.id})`], ['Antall samtaler', String(records.length)], ['Eksportert', formatOslo(exportedAt)]] },
  ];
  if (!records.length) blocks.push({ kind: 'paragraph', text: 'Du har ingen medarbeidersamtaler registrert.' });
  const self: SamtaleParty = 'employee';
  for (const record of records) {
    const template = templateOf(record);
    blocks.push({ kind: 'heading', text: `Medarbeidersamtale ${formatDate(record.scheduledFor)}` });
    blocks.push({
      kind: 'fields',
      rows: [
        ['Leder', people.nameOf(record.referat?.leader.id ?? record.leaderId)],
        ['Status', stateLabelOf(record)],
        ...(record.referat ? ([['Referat', confirmation(record)]] as [string, string][]) : []),
        ...(record.referatDeletedAt ? ([['Referat', `Slettet etter arkivering (${formatDate(osloToday(new Date(record.referatDeletedAt)))})`]] as [string, string][]) : []),
        ['Samtale-id', record.id],
      ],
    });
    if (record.referat) blocks.push(...referatBlocks(record, record.referat, template, people, 'subheading'));
    const prep = record.preparations[self];
    const answered = template.sections.flatMap((s) =>
      s.questions.filter((q) => prep.answers[s.id]?.[q.id]).map((q) => `${s.title} – ${q.text}\n${prep.answers[s.id]![q.id]!}`),
    );
    // Answers to questions HR has since removed from the template are still the employee's data.
    for (const [sectionId, answers] of Object.entries(prep.answers)) {
      const section = template.sections.find((s) => s.id === sectionId);
      for (const [questionId, answer] of Object.entries(answers)) {
        if (!section?.questions.some((q) => q.id === questionId)) answered.push(`${section?.title ?? sectionId} – ${questionId}\n${answer}`);
      }
    }
    blocks.push({ kind: 'subheading', text: 'Min forberedelse' });
    blocks.push(
      answered.length
        ? { kind: 'list', items: answered }
        : { kind: 'paragraph', text: record.workingNotesPurgedAt ? 'Slettet etter oppbevaringstiden.' : 'Ingen svar.' },
    );
    const mine = record.notes.filter((n) => n.visibility === 'private' && n.authorId === employee.id);
    if (mine.length) blocks.push({ kind: 'subheading', text: 'Mine private notater' }, { kind: 'list', items: mine.map((n) => n.text) });
  }
  const ext = format === 'markdown' ? 'md' : 'txt';
  return {
    fileName: `mine-medarbeidersamtaler-${safe(employee.id)}.${ext}`,
    contentType: format === 'markdown' ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8',
    content: render(format, blocks),
  };
}

const safe = (s: string) => s.replace(/[^a-zA-Z0-9-]/g, '_');
