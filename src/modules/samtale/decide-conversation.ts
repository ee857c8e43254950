/** `decide()` steps of the conversation: notes, actions, development plan, last time's actions, and sending the referat. */
import type { SamtaleActionRecord, SamtaleNoteRecord, SamtaleRecord, SamtaleReferatRecord } from './model.js';
import { type Actor, type DecideContext, LIMITS, refuse, TEXT } from './commands.js';
import type { FieldError } from '../../shared/results.js';
import { checkFutureDate } from './dates.js';
import { invalid, notify, type Steps, textError, trimmed } from './decide-support.js';
import { sectionOf } from './template.js';

function ownerError(record: SamtaleRecord, actor: Actor, owner: unknown): FieldError | undefined {
  if (owner === record.employeeId || owner === actor.employeeId) return undefined;
  return { field: 'ownerEmployeeId', message: 'Ansvarlig må være medarbeideren eller lederen.' };
}

function dueError(value: unknown, now: Date): FieldError | undefined {
  const message = checkFutureDate(value, now, 5);
  return message ? { field: 'dueDate', message } : undefined;
}

function buildReferat(record: SamtaleRecord, actor: Actor, sentAt: string, summary: string, ctx: DecideContext): SamtaleReferatRecord {
  const name = (id: string) => ctx.nameOf?.(id) ?? id;
  return {
    sentAt,
    ...(summary ? { summary } : {}),
    employee: { id: record.employeeId, name: name(record.employeeId) },
    leader: { id: actor.employeeId, name: name(actor.employeeId) },
    ...(ctx.unit ? { unit: { ...ctx.unit } } : {}),
    scheduledFor: record.scheduledFor,
    sharedNotes: record.notes.filter((n) => n.visibility === 'shared').map((n) => (n.sectionId ? { sectionId: n.sectionId, text: n.text } : { text: n.text })),
    actions: record.actions.map((a) => ({ id: a.id, what: a.what, ownerEmployeeId: a.ownerEmployeeId, ownerName: name(a.ownerEmployeeId), dueDate: a.dueDate, carried: !!a.carriedFrom })),
    devPlan: record.devPlan.map((d) => {
      const competenceName = d.competenceId ? ctx.competenceName?.(d.competenceId) : undefined;
      return { id: d.id, what: d.what, ...(d.competenceId ? { competenceId: d.competenceId } : {}), ...(competenceName ? { competenceName } : {}) };
    }),
    previousActions: record.previousActions
      .filter((p) => p.decision)
      .map((p) => {
        const carried = p.carriedAs ? record.actions.find((a) => a.id === p.carriedAs) : undefined;
        return { what: p.what, dueDate: p.dueDate, decision: p.decision!, ...(carried ? { newDueDate: carried.dueDate } : {}) };
      }),
  };
}

export const CONVERSATION_STEPS: Steps<'addNote' | 'addAction' | 'addDevPlanItem' | 'removeItem' | 'reviewPreviousAction' | 'sendReferat'> = {
  addNote({ next, actor, party, command, ctx, now, id }) {
    if (command.visibility !== 'shared' && command.visibility !== 'private') return invalid([{ field: 'visibility', message: 'Velg felles eller privat notat.' }]);
    if (command.visibility === 'shared' && party !== 'leader') return refuse('forbidden', TEXT.sharedNoteLeaderOnly);
    const errors = [textError('text', command.text, LIMITS.note, true)].filter((e): e is FieldError => !!e);
    if (command.sectionId !== undefined && !sectionOf(ctx.template, command.sectionId)) errors.push({ field: 'sectionId', message: 'Ukjent del av samtalen.' });
    if (errors.length) return invalid(errors);
    const note: SamtaleNoteRecord = { id: id('n'), authorId: actor.employeeId, visibility: command.visibility, text: trimmed(command.text), createdAt: now };
    if (command.sectionId) note.sectionId = command.sectionId;
    next.notes.push(note);
    return undefined;
  },
  addAction({ record, next, actor, command, ctx, now, id }) {
    const errors = [
      textError('what', command.what, LIMITS.what, true),
      ownerError(record, actor, command.ownerEmployeeId),
      dueError(command.dueDate, ctx.now),
    ].filter((e): e is FieldError => !!e);
    if (errors.length) return invalid(errors);
    next.actions.push({ id: id('a'), what: trimmed(command.what), ownerEmployeeId: command.ownerEmployeeId, dueDate: command.dueDate, status: 'open', createdAt: now });
    return undefined;
  },
  addDevPlanItem({ next, command, ctx, now, id }) {
    const errors = [textError('what', command.what, LIMITS.what, true)].filter((e): e is FieldError => !!e);
    const competenceId = trimmed(command.competenceId);
    if (competenceId) {
      if (!ctx.competenceName) errors.push({ field: 'competenceId', message: 'Kompetansekatalogen er ikke tilgjengelig, så punktet kan ikke kobles til en kompetanse.' });
      else if (!ctx.competenceName(competenceId)) errors.push({ field: 'competenceId', message: 'Ukjent kompetanse i katalogen.' });
    }
    if (errors.length) return invalid(errors);
    next.devPlan.push({ id: id('d'), what: trimmed(command.what), ...(competenceId ? { competenceId } : {}), createdAt: now });
    return undefined;
  },
  removeItem({ next, actor, party, command }) {
    const note = next.notes.find((n) => n.id === command.itemId);
    if (note) {
      const own = note.visibility === 'private' && note.authorId === actor.employeeId;
      if (!own && !(party === 'leader' && note.visibility === 'shared')) return refuse('forbidden', TEXT.removeNotOwn);
      next.notes = next.notes.filter((n) => n.id !== command.itemId);
      return undefined;
    }
    const inActions = next.actions.find((a) => a.id === command.itemId);
    const inPlan = next.devPlan.find((d) => d.id === command.itemId);
    if (!inActions && !inPlan) return invalid([{ field: 'itemId', message: 'Fant ikke punktet. Det kan allerede være fjernet.' }]);
    if (party !== 'leader') return refuse('forbidden', TEXT.removeNotOwn);
    if (inActions?.carriedFrom) {
      // Removing a carried action undoes the decision on the old one, so it comes back for review.
      const prev = next.previousActions.find((p) => p.carriedAs === inActions.id);
      if (prev) {
        delete prev.decision;
        delete prev.decidedAt;
        delete prev.carriedAs;
      }
    }
    next.actions = next.actions.filter((a) => a.id !== command.itemId);
    next.devPlan = next.devPlan.filter((d) => d.id !== command.itemId);
    return undefined;
  },
  reviewPreviousAction({ record, next, actor, command, ctx, now, effects, id }) {
    const prev = next.previousActions.find((p) => p.actionId === command.actionId);
    if (!prev) return invalid([{ field: 'actionId', message: 'Fant ikke tiltaket fra forrige samtale.' }]);
    if (prev.decision) return refuse('not-allowed', TEXT.previousDone);
    if (command.decision === 'close') {
      prev.decision = 'closed';
      prev.decidedAt = now;
      effects.push({ kind: 'followUpPrevious', samtaleId: prev.samtaleId, actionId: prev.actionId, status: 'done' });
    } else if (command.decision === 'carry') {
      const owner = command.ownerEmployeeId ?? (prev.ownerEmployeeId === record.employeeId ? record.employeeId : actor.employeeId);
      const errors = [ownerError(record, actor, owner), dueError(command.dueDate, ctx.now)].filter((e): e is FieldError => !!e);
      if (errors.length) return invalid(errors);
      const action: SamtaleActionRecord = {
        id: id('a'),
        what: prev.what,
        ownerEmployeeId: owner,
        dueDate: command.dueDate!,
        status: 'open',
        createdAt: now,
        carriedFrom: { samtaleId: prev.samtaleId, actionId: prev.actionId },
      };
      next.actions.push(action);
      prev.decision = 'carried';
      prev.decidedAt = now;
      prev.carriedAs = action.id;
      effects.push({ kind: 'followUpPrevious', samtaleId: prev.samtaleId, actionId: prev.actionId, status: 'carried' });
    } else {
      return invalid([{ field: 'decision', message: 'Velg «lukk» eller «videreføres».' }]);
    }
    return undefined;
  },
  sendReferat({ record, next, actor, command, ctx, now, effects }) {
    const error = textError('summary', command.summary, LIMITS.summary, false);
    if (error) return invalid([error]);
    const summary = trimmed(command.summary);
    next.referat = buildReferat(next, actor, now, summary, ctx);
    next.state = 'referat_sendt';
    effects.push({ kind: 'notify', notification: notify(next, 'referat-sendt', record.employeeId, actor.employeeId) });
    effects.push({ kind: 'notify', notification: notify(next, 'referat-sendt', actor.employeeId, actor.employeeId) });
    return undefined;
  },
};
