/** One samtale for one party: the preparation, the overview of the samtale (status, next step, referat) and the conversation. */
import type { AdaptiveCardJson } from '../../../cards/define-card.js';
import type { FieldError } from '../../../shared/results.js';
import { devPlanLine } from '../visibility.js';
import { formatDate } from '../dates.js';
import { type DevPlanSuggestion, type SamtaleView } from '../views.js';
import { NO_NOTICE, prepareCard, overviewCard, conductCard, type Notice } from './templates.js';
import { plain, firstName, str, type CardValues, questionInputId, carryInputId } from './shared.js';
import { osloToday } from '../../../shared/dates.js';

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
    referatToken: v.referatToken ?? '',
    shownAt: v.shownAt,
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
