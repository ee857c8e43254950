/** `decide()` steps before the conversation: the preparations, the date, and opening the conversation. */
import type { SamtaleParty } from './model.js';
import type { FieldError } from '../../shared/results.js';
import { LIMITS } from './commands.js';
import { checkFutureDate } from './dates.js';
import { invalid, notify, type Steps, textError, trimmed } from './decide-support.js';
import { sectionOf } from './template.js';

export const PREPARATION_STEPS: Steps<'saveAnswer' | 'submitPreparation' | 'reschedule' | 'open'> = {
  saveAnswer({ next, party, command, ctx, now }) {
    const section = sectionOf(ctx.template, command.sectionId);
    if (!section) return invalid([{ field: 'sectionId', message: 'Ukjent del av samtalen. Åpne samtalen på nytt.' }]);
    if (!command.answers || typeof command.answers !== 'object' || Array.isArray(command.answers)) {
      return invalid([{ field: 'answers', message: 'Svarene mangler.' }]);
    }
    const known = new Set(section.questions.map((q) => q.id));
    const errors: FieldError[] = [];
    const answers = { ...(next.preparations[party].answers[section.id] ?? {}) };
    for (const [questionId, value] of Object.entries(command.answers)) {
      const field = `answers.${questionId}`;
      if (!known.has(questionId)) {
        errors.push({ field, message: 'Ukjent spørsmål. Åpne samtalen på nytt.' });
        continue;
      }
      const error = textError(field, value, LIMITS.answer, false);
      if (error) errors.push(error);
      else if (trimmed(value)) answers[questionId] = trimmed(value);
      else delete answers[questionId];
    }
    if (errors.length) return invalid(errors);
    const prep = next.preparations[party];
    if (Object.keys(answers).length) prep.answers[section.id] = answers;
    else delete prep.answers[section.id];
    prep.updatedAt = now;
    if (next.state === 'planlagt') next.state = 'forberedes';
    return undefined;
  },
  submitPreparation({ next, actor, party, now, effects, other }) {
    next.preparations[party].submittedAt = now;
    const otherParty: SamtaleParty = party === 'employee' ? 'leader' : 'employee';
    next.state = next.preparations[otherParty].submittedAt ? 'klar' : 'forberedes';
    effects.push({ kind: 'notify', notification: notify(next, 'forberedelse-sendt', other, actor.employeeId) });
    return undefined;
  },
  reschedule({ record, next, actor, command, ctx, now, effects }) {
    const error = checkFutureDate(command.date, ctx.now, 1);
    if (error) return invalid([{ field: 'date', message: error }]);
    if (command.date === record.scheduledFor) return invalid([{ field: 'date', message: 'Samtalen står allerede på den datoen.' }]);
    next.scheduledFor = command.date;
    next.year = Number(command.date.slice(0, 4));
    effects.push({ kind: 'notify', notification: notify(next, 'ny-dato', record.employeeId, actor.employeeId) });
    return undefined;
  },
  open({ record, next, actor, now, effects }) {
    next.state = 'gjennomfores';
    next.openedAt = now;
    effects.push({ kind: 'notify', notification: notify(next, 'samtale-startet', record.employeeId, actor.employeeId) });
    return undefined;
  },
};
