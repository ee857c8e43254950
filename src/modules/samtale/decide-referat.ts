/** `decide()` steps after the referat is sent: reopen, confirm, comment, complete an action; and cancel. */
import { createHash } from 'node:crypto';
import type { SamtaleRecord } from './model.js';
import { LIMITS, refuse, TEXT } from './commands.js';
import { invalid, notify, type Steps, textError, trimmed } from './decide-support.js';

/** A confirm this soon after its card was drawn is taken for a double click, not a decision. */
export const CONFIRM_MIN_READ_MS = 1500;

/** Stands for the referat as sent (changes when it is sent again); undefined without a referat. */
export function referatToken(record: Pick<SamtaleRecord, 'referat'>): string | undefined {
  if (!record.referat) return undefined;
  return createHash('sha256').update(JSON.stringify(record.referat)).digest('base64url').slice(0, 16);
}

export const REFERAT_STEPS: Steps<'reopen' | 'confirm' | 'comment' | 'completeAction' | 'cancel'> = {
  reopen({ record, next, actor, effects }) {
    delete next.referat;
    next.state = 'gjennomfores';
    effects.push({ kind: 'notify', notification: notify(next, 'referat-gjenapnet', record.employeeId, actor.employeeId) });
    return undefined;
  },
  confirm({ record, next, actor, command, ctx, now, effects, id, other }) {
    // The referat the card showed must be the one stored, and the card must have been read, not just drawn.
    if (command.referat !== undefined && command.referat !== referatToken(record)) return refuse('stale', TEXT.referatChanged);
    if (command.shownAt !== undefined) {
      const shown = Date.parse(command.shownAt);
      if (Number.isNaN(shown)) return refuse('stale', TEXT.unknownVersion);
      if (ctx.now.getTime() - shown < CONFIRM_MIN_READ_MS) return refuse('invalid', TEXT.confirmTooSoon, [{ field: 'confirm', message: TEXT.confirmTooSoon }]);
    }
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
