/**
 * «Installer boten for …»: which employees the bot cannot reach yet (no personal chat with it),
 * for HR, who asks IT to install the app for them (Teams admin center: app setup policy) or asks
 * them to open it. HR only; everyone else gets a polite refusal.
 */
import { toCsv } from '../../shared/csv.js';
import type { DownloadFile } from '../../shared/files.js';
import type { Clock } from '../../shared/dates.js';
import type { Employee } from '../org/model.js';
import type { OrgService } from '../org/org-service.js';
import type { ConversationRefs } from './conversation-refs.js';
import type { Refusal as SharedRefusal } from '../../shared/results.js';

export const INSTALL_STATUS_PAGE_SIZE = 10;

/** Only HR sees the installation status. */
export type Refusal = SharedRefusal<'forbidden'>;

export interface MissingPerson {
  employeeId: string;
  name: string;
  title: string;
  unitName: string;
}

export interface InstallationStatus {
  /** Employees in the organisation. */
  total: number;
  reachable: number;
  missing: number;
  /** 1-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** This page of the people missing, by unit and name. */
  people: MissingPerson[];
}

export interface InstallationStatusService {
  report(viewerEmployeeId: string, page: number): Promise<({ ok: true } & InstallationStatus) | Refusal>;
  /** Everyone missing, as CSV. */
  exportCsv(viewerEmployeeId: string): Promise<{ ok: true; file: DownloadFile; missing: number } | Refusal>;
}

export function createInstallationStatus(deps: {
  org: Pick<OrgService, 'directory'>;
  refs: Pick<ConversationRefs, 'reachableEmployeeIds'>;
  clock: Clock;
  hrContact: string;
}): InstallationStatusService {
  const refuse = (): Refusal => ({
    ok: false,
    code: 'forbidden',
    reason: `Oversikten over hvem som mangler boten er bare for HR. Trenger du den, ta kontakt med ${deps.hrContact}.`,
  });

  async function missingPeople(viewerId: string): Promise<{ total: number; missing: MissingPerson[] } | Refusal> {
    const directory = deps.org.directory();
    if (!directory.employee(viewerId) || !directory.hasRole(viewerId, 'hr')) return refuse();
    const reachable = await deps.refs.reachableEmployeeIds();
    const describe = (e: Employee): MissingPerson => ({
      employeeId: e.employeeId,
      name: e.name,
      title: e.position.title,
      unitName: directory.unit(e.unitId)?.name ?? e.unitId,
    });
    const missing = directory.snapshot.employees
      .filter((e) => !reachable.has(e.employeeId))
      .map(describe)
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'nb') || a.name.localeCompare(b.name, 'nb') || a.employeeId.localeCompare(b.employeeId));
    return { total: directory.snapshot.employees.length, missing };
  }

  return {
    async report(viewerId, page) {
      const found = await missingPeople(viewerId);
      if ('ok' in found) return found;
      const pages = Math.max(1, Math.ceil(found.missing.length / INSTALL_STATUS_PAGE_SIZE));
      const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
      return {
        ok: true,
        total: found.total,
        reachable: found.total - found.missing.length,
        missing: found.missing.length,
        page: current,
        pages,
        people: found.missing.slice((current - 1) * INSTALL_STATUS_PAGE_SIZE, current * INSTALL_STATUS_PAGE_SIZE),
      };
    },
    async exportCsv(viewerId) {
      const found = await missingPeople(viewerId);
      if ('ok' in found) return found;
      const directory = deps.org.directory();
      const rows = found.missing.map((p) => [p.employeeId, p.name, directory.employee(p.employeeId)?.upn ?? '', p.title, p.unitName]);
      const date = deps.clock.now().toISOString().slice(0, 10);
      return {
        ok: true,
        missing: found.missing.length,
        file: {
          fileName: `mangler-kompetansebot-${date}.csv`,
          contentType: 'text/csv; charset=utf-8',
          content: toCsv(['ansattnr', 'navn', 'upn', 'stilling', 'enhet'], rows),
        },
      };
    },
  };
}
