/** The daily jobs' use cases: reminders before an action's due date, and retention (working notes, archived referater). */
import { deleteReferatContent, purgeWorkingNotes, referatArchived, referatExpiresAt } from './retention.js';
import { formatDate } from './dates.js';
import { roleOf } from './visibility.js';
import { TEXT } from './commands.js';
import type { ActionReminder } from './views.js';
import { SAMTALE_TEXT } from './samtale-service.js';
import type { SamtaleService } from './service-api.js';
import type { ServiceContext } from './service-context.js';
import { addDays, osloToday } from '../../shared/dates.js';

export function createSamtaleJobs(ctx: ServiceContext): Pick<SamtaleService, 'actionReminder' | 'dueActions' | 'purgeWorkingNotes' | 'purgeArchivedReferats'> {
  const { notesRetentionMonths, referatRetentionMonths, samtaler, org, log, refuse, nameOf, currentLeaderId, saveWithRetry } = ctx;
  const part: Pick<SamtaleService, 'actionReminder' | 'dueActions' | 'purgeWorkingNotes' | 'purgeArchivedReferats'> = {
    async actionReminder(viewerId, samtaleId, actionId) {
      const record = await samtaler.get(samtaleId);
      if (!record) return refuse('not-found', SAMTALE_TEXT.notFound);
      const directory = org.directory();
      const current = currentLeaderId(directory, record.employeeId);
      const role = roleOf(record, viewerId, current);
      // A new leader follows up the agreed actions of a confirmed referat (never anything else of it).
      const successor = !role && record.state === 'bekreftet' && viewerId === current;
      if (!role && !successor) return refuse('forbidden', TEXT.noAccess);
      const action = record.referatDeletedAt ? undefined : record.actions.find((a) => a.id === actionId);
      if (!action) return refuse('not-found', 'Fant ikke tiltaket.');
      return {
        ok: true,
        what: action.what,
        dueDate: action.dueDate,
        dueDateText: formatDate(action.dueDate),
        scheduledForText: formatDate(record.scheduledFor),
        ownerName: nameOf(directory, action.ownerEmployeeId),
      };
    },

    async dueActions(now, withinDays) {
      const directory = org.directory();
      const today = osloToday(now);
      const until = addDays(today, withinDays);
      const out: ActionReminder[] = [];
      for (const r of await samtaler.all()) {
        if ((r.state !== 'referat_sendt' && r.state !== 'bekreftet') || r.referatDeletedAt) continue;
        for (const a of r.actions) {
          if (a.status !== 'open' || a.dueDate < today || a.dueDate > until) continue;
          // A former leader has no access any more: their reminders go to the current leader.
          const to = a.ownerEmployeeId === r.employeeId ? r.employeeId : currentLeaderId(directory, r.employeeId) ?? a.ownerEmployeeId;
          if (!directory.employee(to)) continue;
          const daysLeft = Math.round((Date.parse(`${a.dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
          out.push({
            kind: 'tiltak-frist',
            key: `${r.id}:${a.id}:${a.dueDate}`,
            toEmployeeId: to,
            samtaleId: r.id,
            actionId: a.id,
            employeeId: r.employeeId,
            dueDate: a.dueDate,
            dueDateText: formatDate(a.dueDate),
            daysLeft,
          });
        }
      }
      out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.key.localeCompare(b.key));
      log.info({ reminders: out.length, withinDays }, 'samtale.due-actions');
      return out;
    },

    async purgeWorkingNotes(now) {
      let purged = 0;
      for (const r of await samtaler.all()) {
        if (!purgeWorkingNotes(r, now, notesRetentionMonths)) continue;
        if (await saveWithRetry(r.id, (current) => purgeWorkingNotes(current, now, notesRetentionMonths))) purged++;
      }
      log.info({ purged, months: notesRetentionMonths }, 'samtale.retention.purge');
      return { purged };
    },

    async purgeArchivedReferats(now) {
      let deleted = 0;
      let notArchived = 0;
      for (const r of await samtaler.all()) {
        if (r.referatDeletedAt) continue;
        const expires = referatExpiresAt(r, referatRetentionMonths);
        if (!expires || expires.getTime() > now.getTime()) continue;
        if (!referatArchived(r)) {
          notArchived++;
          continue;
        }
        if (await saveWithRetry(r.id, (current) => deleteReferatContent(current, now, referatRetentionMonths))) deleted++;
      }
      // HR reads the count of referater kept because nobody exported them for the archive.
      log.info({ deleted, notArchived, months: referatRetentionMonths }, 'samtale.retention.referat');
      return { deleted, notArchived };
    },
  };
  return part;
}
