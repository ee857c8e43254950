/**
 * An occurrence as a person sees it ({@link ArshjulItem}): Norwegian date texts, who must act, the
 * task key for the buttons, Q&A links and the source line. Pure: the task states and the time come in.
 */
import type { OrgDirectory } from '../org/model.js';
import type { Employee } from '../org/model.js';
import type { DocumentId } from '../qa/knowledge.js';
import { kommuneName, type KommuneProfile } from '../kommune/profile.js';
import type { ArshjulEvent } from './calendar.js';
import { daysLeft, type Occurrence, osloDate, toOslo } from './due-dates.js';
import { reminderKey } from './reminder-keys.js';
import type { ArshjulItem } from './model.js';
import { isTaskDone, type TaskState } from './reminders.js';
import { describeTarget, personMatches } from './targets.js';

/** Titles of Q&A entries and source documents, for links and source lines. */
export interface ItemKnowledge {
  byId: { get(id: string): { title: string } | undefined };
  documents?: { get(id: DocumentId): { short: string; year: number } | undefined };
  kommune?: KommuneProfile;
}

// ---------------------------------------------------------------------------------------------
// Norwegian dates

const dayMonthYear = new Intl.DateTimeFormat('nb-NO', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat('nb-NO', { timeZone: 'UTC', day: 'numeric', month: 'long' });
const civil = (d: { year: number; month: number; day: number }) => new Date(Date.UTC(d.year, d.month - 1, d.day, 12));
const clockText = (d: Date) => {
  const t = toOslo(d);
  return `kl. ${String(t.hour).padStart(2, '0')}.${String(t.minute).padStart(2, '0')}`;
};

export function deadlineText(event: ArshjulEvent, o: Occurrence): string {
  const date = dayMonthYear.format(civil(o.endDate));
  return event.allDay ? date : `${date} ${clockText(o.deadline)}`;
}

function whenText(event: ArshjulEvent, o: Occurrence): string {
  if (event.recurrence.kind === 'date') return deadlineText(event, o);
  const first = o.startDate.year === o.endDate.year ? dayMonth.format(civil(o.startDate)) : dayMonthYear.format(civil(o.startDate));
  return `${first}–${deadlineText(event, o)}`;
}

/** «2. desember 2026 kl. 09.00» for an instant. */
export function instantText(d: Date): string {
  return `${dayMonthYear.format(civil(osloDate(d)))} ${clockText(d)}`;
}

/**
 * Whose rule an event follows, for the årshjul card (issue #13). The årshjul is the one the municipality
 * chose (content/kommune/<id>.yml, arshjul), so an event from another municipality's model is shown as
 * that model, taken into use here – never as a rule the other municipality imposes.
 */
export function eventScopeText(scope: string, profile: KommuneProfile | undefined): string {
  const own = profile ? `${profile.name.replace(/ kommune$/, '')} kommunes egen rutine` : 'Kommunens egen rutine';
  if (scope === 'lov') return 'Lovkrav – gjelder alle kommuner';
  if (scope === 'avtale') return 'Hovedtariffavtalen – gjelder alle kommuner i KS-området';
  if (scope === 'ks') return 'KS anbefaler – råd, ikke krav';
  const id = scope.startsWith('kommune:') ? scope.slice('kommune:'.length) : undefined;
  if (!id || !profile || profile.own.has(id)) return profile?.id === 'generell' ? 'Kommunens egen rutine' : own;
  return `${own} (etter ${kommuneName(profile, id)}s modell)`;
}

// ---------------------------------------------------------------------------------------------

/** The source line of an event: «<document's short name> (<year>), <section>». */
export function sourceText(event: ArshjulEvent, kb: ItemKnowledge | undefined): string {
  const doc = kb?.documents?.get(event.source.document);
  return doc ? `${doc.short} (${doc.year}), ${event.source.section}` : `Dokument ${event.source.document}, ${event.source.section}`;
}

/** The item for `person` (undefined: a person who left; never responsible). */
export function toItem(
  kb: ItemKnowledge | undefined,
  dir: OrgDirectory,
  event: ArshjulEvent,
  o: Occurrence,
  person: Employee | undefined,
  tasks: readonly TaskState[],
  now: Date,
): ArshjulItem {
  const responsible = !!person && personMatches(dir, event.responsible, person);
  const done = responsible && isTaskDone(event, o.id, person.employeeId, tasks);
  return {
    eventId: event.id,
    occurrenceId: o.id,
    title: event.title,
    description: event.description,
    when: whenText(event, o),
    deadline: o.deadline.toISOString(),
    deadlineText: deadlineText(event, o),
    daysLeft: daysLeft(o, now),
    daysUntilStart: daysLeft({ ...o, endDate: o.startDate }, now),
    responsibleText: describeTarget(event.responsible, dir),
    responsible,
    done,
    overdue: responsible && !done && now.getTime() > o.deadline.getTime(),
    ...(responsible ? { taskKey: reminderKey({ eventId: event.id, occurrenceId: o.id, employeeId: person.employeeId, kind: { type: 'task' } }) } : {}),
    qa: event.qaEntryIds.map((id) => ({ id, title: kb?.byId.get(id)?.title ?? id })),
    source: { ...event.source, text: sourceText(event, kb) },
    scopeText: eventScopeText(event.scope, kb?.kommune),
  };
}
