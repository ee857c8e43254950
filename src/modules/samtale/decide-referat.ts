/** `decide()` steps after the referat is sent: reopen, confirm, comment, complete an action; and cancel. */
import { LIMITS, refuse, TEXT } from './commands.js';
import { invalid, notify, type Steps, textError, trimmed } from './decide-support.js';

export const REFERAT_STEPS: Steps<'reopen' | 'confirm' | 'comment' | 'completeAction' | 'cancel'> = {
  reopen({ record, next, actor, effects }) {
    delete next.referat;
    next.state = 'gjennomfores';
    effects.push({ kind: 'notify', notification: notify(next, 'referat-gjenapnet', record.employeeId, actor.employeeId) });
    return undefined;
  },
  confirm({ next, actor, command, now, effects, id, other }) {
    const error = textError('comment', command.comment, LIMITS.comment, false);
    if (error) return invalid([error]);
    if (trimmed(command.comment)) {
      next.comments.push({ id: id('k'), authorId: actor.employeeId, text: trimmed(command.comment), createdAt: now, afterConfirmation: false });
    }
    next.state = 'bekreftet';
    next.confirmedAt = now;
    effects.push({ kind: 'notify', notification: notify(next, 'bekreftet', other, actor.employeeId) });
    return undefined;
  },
  comment({ record, next, actor, command, now, effects, id, other }) {
    const error = textError('text', command.text, LIMITS.comment, true);
    if (error) return invalid([error]);
    next.comments.push({ id: id('k'), authorId: actor.employeeId, text: trimmed(command.text), createdAt: now, afterConfirmation: record.state === 'bekreftet' });
    effects.push({ kind: 'notify', notification: notify(next, 'kommentar', other, actor.employeeId) });
    return undefined;
  },
  completeAction({ next, actor, party, command, now }) {
    const action = next.actions.find((a) => a.id === command.actionId);
    if (!action) return invalid([{ field: 'actionId', message: 'Fant ikke tiltaket.' }]);
    if (party !== 'leader' && action.ownerEmployeeId !== actor.employeeId) return refuse('forbidden', TEXT.actionOwnerOnly);
    if (action.status !== 'open') return refuse('not-allowed', TEXT.actionDone);
    action.status = 'done';
    action.closedAt = now;
    return undefined;
  },
  cancel({ record, next, actor, now, effects }) {
    next.state = 'avlyst';
    next.cancelledAt = now;
    effects.push({ kind: 'notify', notification: notify(next, 'avlyst', record.employeeId, actor.employeeId) });
    return undefined;
  },
};
