/** The referat out of the bot: documents for the parties and the archive copy for sak/arkiv. Audited. */
import { exportOwnSamtaler, exportReferatDocument, exportReferatPdf } from './referat-export.js';
import { formatDate } from './dates.js';
import { markReferatExported } from './retention.js';
import { roleOf } from './visibility.js';
import { TEXT } from './commands.js';
import { SAMTALE_TEXT } from './samtale-service.js';
import type { SamtaleService } from './service-api.js';
import type { SamtaleOutcome } from './views.js';
import type { BinaryDownloadFile } from '../../shared/files.js';
import type { ServiceContext } from './service-context.js';
import { osloToday } from '../../shared/dates.js';

/** The PDF before the service adds the viewer's overview to it (`SamtaleService.referatPdf`). */
type ReferatExports = Pick<SamtaleService, 'exportReferat' | 'referatDownloaded' | 'exportMine'> & {
  referatPdf(viewerId: string, samtaleId: string): Promise<SamtaleOutcome<{ file: BinaryDownloadFile; archiveCopy: boolean }>>;
};

export function createReferatExports(ctx: ServiceContext): ReferatExports {
  const { samtaler, audit, org, clock, log, refuse, nameOf, templateOf, currentLeaderId, saveWithRetry } = ctx;

  /** Who may take the referat out (the employee and the current leader), audited; refusals as results. */
  async function referatAccess(viewerId: string, samtaleId: string) {
    const record = await samtaler.get(samtaleId);
    if (!record) return refuse('not-found', SAMTALE_TEXT.notFound);
    const directory = org.directory();
    const role = roleOf(record, viewerId, currentLeaderId(directory, record.employeeId));
    const now = clock.now();
    await audit.append({ samtaleId, viewerId, action: 'export', outcome: role ? 'allowed' : 'refused', at: now.toISOString() });
    if (!role) {
      log.info({ samtaleId, viewerId }, 'samtale.export.refused');
      return refuse('forbidden', TEXT.noAccess);
    }
    if (record.referatDeletedAt) return refuse('not-allowed', SAMTALE_TEXT.referatDeleted(formatDate(osloToday(new Date(record.referatDeletedAt)))));
    if (!record.referat) return refuse('not-allowed', SAMTALE_TEXT.noReferat);
    return { ok: true as const, record: { ...record, referat: record.referat }, role, now, directory };
  }

  const part: ReferatExports = {
    async exportReferat(viewerId, samtaleId, format = 'markdown') {
      const access = await referatAccess(viewerId, samtaleId);
      if (!access.ok) return access;
      const { record, role, now, directory } = access;
      const file = exportReferatDocument(format, record, templateOf(record), { nameOf: (id) => nameOf(directory, id) }, now);
      // The leader's export of the confirmed referat is the copy for sak/arkiv: only after it may the referat be deleted.
      const archived = role === 'leader' && (await saveWithRetry(samtaleId, (current) => markReferatExported(current, now)));
      log.info({ samtaleId, viewerId, role, format, confirmed: !!record.confirmedAt, archived }, 'samtale.export');
      return { ok: true, file };
    },

    async referatPdf(viewerId, samtaleId) {
      const access = await referatAccess(viewerId, samtaleId);
      if (!access.ok) return access;
      const { record, role, now, directory } = access;
      const file = await exportReferatPdf(record, templateOf(record), { nameOf: (id) => nameOf(directory, id) }, now);
      const archiveCopy = role === 'leader' && record.state === 'bekreftet';
      log.info({ samtaleId, viewerId, role, format: 'pdf', confirmed: !!record.confirmedAt, archiveCopy, bytes: file.content.length }, 'samtale.export');
      return { ok: true, file, archiveCopy };
    },

    async referatDownloaded(viewerId, samtaleId) {
      const record = await samtaler.get(samtaleId);
      if (!record) return { archived: false };
      const role = roleOf(record, viewerId, currentLeaderId(org.directory(), record.employeeId));
      const now = clock.now();
      const archived = role === 'leader' && (await saveWithRetry(samtaleId, (current) => markReferatExported(current, now)));
      log.info({ samtaleId, viewerId, role, archived }, 'samtale.export.downloaded');
      return { archived };
    },

    async exportMine(employeeId, format = 'markdown') {
      const directory = org.directory();
      const employee = directory.employee(employeeId);
      if (!employee) return refuse('not-found', SAMTALE_TEXT.unknownPerson);
      const now = clock.now();
      const records = await samtaler.listForEmployee(employeeId);
      for (const r of records) await audit.append({ samtaleId: r.id, viewerId: employeeId, action: 'export', outcome: 'allowed', at: now.toISOString() });
      const file = exportOwnSamtaler(format, { id: employeeId, name: employee.name }, records, templateOf, { nameOf: (id) => nameOf(directory, id) }, now);
      log.info({ employeeId, samtaler: records.length, format }, 'samtale.export-mine');
      return { ok: true, file };
    },
  };
  return part;
}
