/** Leader changes: closing samtaler, handing a confirmed referat's actions to the new leader, carrying a draft over. Audited. */
import { ConcurrencyError } from '../../storage/ports/errors.js';
import type { SamtaleRecord } from './model.js';
import { carryPreparation as carryPreparationInto, closeForLeaderChange } from './leader-change.js';
import { formatDate } from './dates.js';
import { TEXT } from './commands.js';
import type { LeaderChangeOutcome } from './views.js';
import { SAMTALE_TEXT } from './samtale-service.js';
import type { SamtaleService } from './service-api.js';
import type { ServiceContext } from './service-context.js';

export function createLeaderChange(ctx: ServiceContext): Pick<SamtaleService, 'reconcileLeaders' | 'followUp' | 'carryPreparation'> {
  const { samtaler, audit, org, clock, log, refuse, templateOf, currentLeaderId, saveWithRetry, buildView, notices, queue } = ctx;
  const part: Pick<SamtaleService, 'reconcileLeaders' | 'followUp' | 'carryPreparation'> = {
    async reconcileLeaders() {
      const directory = org.directory();
      const now = clock.now();
      const at = now.toISOString();
      const out: LeaderChangeOutcome = { closed: 0, handedOver: 0, notices: [] };
      for (const record of await samtaler.all()) {
        if (!directory.employee(record.employeeId)) continue;
        const current = currentLeaderId(directory, record.employeeId);
        if (current === record.leaderId) continue;
        const change = closeForLeaderChange(record, current, now);
        if (change) {
          let effects = change.effects;
          let closed: SamtaleRecord | undefined;
          const saved = await saveWithRetry(record.id, (fresh) => {
            const c = closeForLeaderChange(fresh, current, now);
            if (c) ({ effects, record: closed } = c);
            return c?.record;
          });
          if (!saved || !closed) continue;
          await audit.append({ samtaleId: record.id, viewerId: current ?? '', action: 'lederbytte', outcome: 'allowed', at });
          const told = notices(effects, directory, closed);
          await queue(told);
          out.notices.push(...told);
          out.closed++;
          log.info({ samtaleId: record.id, formerLeaderId: record.leaderId, newLeaderId: current, from: record.state }, 'samtale.lederbytte.closed');
          continue;
        }
        // A confirmed referat stays as it was; its open actions are the new leader's to follow up.
        if (record.state !== 'bekreftet' || !current || current === record.employeeId || record.referatDeletedAt) continue;
        if (!record.actions.some((a) => a.status === 'open')) continue;
        const entries = await audit.listForSamtale(record.id);
        if (entries.some((e) => e.action === 'lederbytte' && e.viewerId === current)) continue;
        await audit.append({ samtaleId: record.id, viewerId: current, action: 'lederbytte', outcome: 'allowed', at });
        const handed = notices(
            [{ kind: 'notify', notification: { kind: 'tiltak-overtatt', key: `${record.id}:tiltak:${current}`, toEmployeeId: current, fromEmployeeId: record.leaderId, samtaleId: record.id, version: record.version, scheduledFor: record.scheduledFor } }],
            directory,
            record,
          );
        await queue(handed);
        out.notices.push(...handed);
        out.handedOver++;
        log.info({ samtaleId: record.id, formerLeaderId: record.leaderId, newLeaderId: current }, 'samtale.lederbytte.handedOver');
      }
      return out;
    },

    async followUp(viewerId, samtaleId) {
      const record = await samtaler.get(samtaleId);
      if (!record) return refuse('not-found', SAMTALE_TEXT.notFound);
      const directory = org.directory();
      const allowed =
        record.state === 'bekreftet' && !!record.referat && !record.referatDeletedAt && viewerId !== record.leaderId && viewerId !== record.employeeId && currentLeaderId(directory, record.employeeId) === viewerId;
      await audit.append({ samtaleId, viewerId, action: 'view', outcome: allowed ? 'allowed' : 'refused', at: clock.now().toISOString() });
      if (!allowed || !record.referat) return refuse('forbidden', TEXT.noAccess);
      const referat = record.referat;
      const status = new Map(record.actions.map((a) => [a.id, a.status]));
      log.info({ samtaleId, viewerId, actions: referat.actions.length }, 'samtale.follow-up');
      return {
        ok: true,
        followUp: {
          samtaleId,
          employee: { ...referat.employee },
          formerLeaderName: referat.leader.name,
          ...(referat.unit ? { unitName: referat.unit.name } : {}),
          scheduledForText: formatDate(referat.scheduledFor),
          actions: referat.actions.map((a) => ({ id: a.id, what: a.what, ownerName: a.ownerName, dueDateText: formatDate(a.dueDate), status: status.get(a.id) ?? 'open' })),
        },
      };
    },

    async carryPreparation(employeeId, samtaleId, fromSamtaleId, version) {
      const [record, from] = await Promise.all([samtaler.get(samtaleId), samtaler.get(fromSamtaleId)]);
      if (!record || !from) return refuse('not-found', SAMTALE_TEXT.notFound);
      const directory = org.directory();
      if (record.employeeId !== employeeId || from.employeeId !== employeeId) return refuse('forbidden', TEXT.noAccess);
      if (record.version !== version) return refuse('stale', TEXT.staleEdit);
      const next = carryPreparationInto(record, from, templateOf(record), clock.now());
      if (!next) return refuse('not-allowed', SAMTALE_TEXT.nothingToCarry);
      try {
        await samtaler.save(next, record.version);
      } catch (err) {
        if (err instanceof ConcurrencyError) return refuse('stale', TEXT.staleEdit);
        throw err;
      }
      log.info({ samtaleId, fromSamtaleId, version: next.version }, 'samtale.carry-preparation');
      return { ok: true, view: buildView(next, employeeId, 'employee', directory), duplicate: false, notifications: [] };
    },
  };
  return part;
}
