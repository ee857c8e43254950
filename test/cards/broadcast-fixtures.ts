import type { AdaptiveCardJson } from '../../src/cards/define-card.js';
import type { BroadcastDraft, BroadcastProgress } from '../../src/modules/broadcast/broadcast-service.js';
import { renderCompose, renderMessage, renderPreview, renderProgress, renderReport } from '../../src/modules/broadcast/cards.js';
import { createOrgDirectory } from '../../src/modules/org/org-directory.js';

const directory = createOrgDirectory({
  units: [
    { id: 'topp', name: 'Kommunedirektøren' },
    { id: 'skole', name: 'Nordby skole', parentUnitId: 'topp' },
  ],
  employees: [],
  importedAt: '2026-11-23T10:00:00.000Z',
  source: 'fixture',
});
const draft: BroadcastDraft = {
  title: 'Ny rutine for [medarbeidersamtaler]',
  text: 'Fra 1. januar gjelder **ny** rutine. ${ikke-mal}',
  qaEntryId: 'rektor-krav',
  qaTitle: 'Krav til rektor',
  audience: { kind: 'roles', roles: ['leder', 'hr'] },
  ackRequired: true,
};
const progress: BroadcastProgress = {
  ok: true, campaignId: 'b-1', title: draft.title, ackRequired: true, total: 12_573, pending: 6_000, retrying: 12, sent: 6_400, acknowledged: 100,
  failed: 3, blocked: 2, notInstalled: 56, cancelled: 0, done: false, createdAt: '2026-11-23T10:00:00.000Z',
};
const done: BroadcastProgress = { ...progress, pending: 0, retrying: 0, sent: 12_412, cancelled: 0, done: true };

/** Rendered fixtures of the broadcast module's templates, for test/cards/templates.test.ts. */
export const broadcastFixtures: Record<string, () => AdaptiveCardJson[]> = {
  'broadcast-compose': () => [
    renderCompose({ draftId: 'b-1', qaEntries: [{ id: 'rektor-krav', title: 'Krav til rektor' }], directory }),
    renderCompose({
      draftId: 'b-1',
      form: { title: '', text: 'Hei', audienceKind: 'units', unitIds: 'skole', ackRequired: 'true' },
      errors: [{ field: 'title', message: 'Skriv en tittel.' }, { field: 'audience', message: 'Velg minst én enhet.' }, { field: 'id', message: 'Feil id.' }],
      qaEntries: [],
      directory,
    }),
  ],
  'broadcast-preview': () => [
    renderPreview('b-1', { ok: true, draft, audienceText: 'Ledere, HR', recipients: 12_573, reachable: 12_000, unreachable: 573 }),
    renderPreview('b-1', { ok: true, draft: { ...draft, qaEntryId: undefined, qaTitle: undefined, ackRequired: false, audience: { kind: 'everyone' } }, audienceText: 'Alle ansatte', recipients: 0, reachable: 0, unreachable: 0 }),
  ],
  'broadcast-progress': () => [renderProgress(progress), renderProgress({ ...progress, cancelled: 5 }, 'Utsendingen er avbrutt.')],
  'broadcast-report': () => [renderReport(done), renderReport({ ...done, cancelled: 40 }, { downloadUrl: 'http://127.0.0.1:3978/api/downloads/abc', notice: 'Avbrutt.' })],
  'broadcast-message': () => [renderMessage('b-1', draft), renderMessage('b-1', draft, { acknowledged: true }), renderMessage('b-1', { ...draft, qaEntryId: undefined, qaTitle: undefined, ackRequired: false })],
};
