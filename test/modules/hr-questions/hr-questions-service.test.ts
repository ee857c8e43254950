import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHrQuestionsService } from '../../../src/modules/hr-questions/hr-questions-service.js';
import { createOrgService } from '../../../src/modules/org/org-service.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { recordingLogger } from '../../helpers/logger.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup(reachable: string[]) {
  const store = await openMemoryStore();
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const org = await createOrgService({ store, clock, logger: silentLogger, seedFile: join(projectRoot, 'test/fixtures/org/small-org.json') });
  const { logger, lines } = recordingLogger();
  const draftsDir = mkdtempSync(join(tmpdir(), 'kb-hrq-svc-'));
  dirs.push(draftsDir);
  const service = createHrQuestionsService({
    repo: store.hrQuestions,
    org,
    outbox: { enqueue: (c, items) => store.outbox.enqueue(c, items, clock.now()) },
    reachableEmployeeIds: async () => new Set(reachable),
    kb: { byId: new Map(), documents: new Map() },
    draftsDir,
    retentionDays: 30,
    hrContact: 'HR',
    clock,
    logger,
  });
  const person = (id: string) => org.directory().employee(id)!;
  return { store, clock, service, lines, person };
}

describe('hr-questions service', () => {
  it('When a question goes to HR, is answered, drafted, listed and deleted, then the log holds ids and counts only: never the question, the answer or the name', async () => {
    const { service, lines, person, store, clock } = await setup(['1007', '1004']);
    const question = 'Får en lærer med sommerjobb beholde feriepengene sine?';
    const answer = 'Ja, feriepengene følger ferieloven uansett sommerjobb.';
    await service.recordDecline(question);
    const sent = await service.submit({ requestId: '6f1c2d9e-8a7b-4c3d-9e0f-1a2b3c4d5e6f', asker: person('1004'), question, includeName: true });
    expect(sent).toMatchObject({ ok: true, sentTo: 1, withName: true });
    const answered = await service.answer({ viewer: person('1007'), questionId: '6f1c2d9e-8a7b-4c3d-9e0f-1a2b3c4d5e6f', answer });
    expect(answered).toMatchObject({ ok: true, askerReachable: true });
    const draft = await service.saveDraft({ viewer: person('1007'), questionId: '6f1c2d9e-8a7b-4c3d-9e0f-1a2b3c4d5e6f', form: { title: 'Feriepenger og sommerjobb', summary: answer, tags: ['feriepenger'], audience: ['leder'] } });
    expect(draft).toMatchObject({ ok: true, missingSource: true });
    expect(await service.topDeclined(person('1007'))).toMatchObject({ ok: true, top: [{ text: question.toLowerCase().replace(/\?$/, ''), count: 1 }] });
    clock.advance(31 * 24 * 60 * 60_000);
    expect(await service.purge(clock.now())).toEqual({ questions: 1, declines: 1 });
    expect(await store.hrQuestions.get('6f1c2d9e-8a7b-4c3d-9e0f-1a2b3c4d5e6f')).toBeUndefined();

    expect(lines.length).toBeGreaterThanOrEqual(4);
    const log = lines.join('\n');
    for (const secret of [question, answer, 'Lars', 'feriepengene', 'Feriepenger']) expect(log).not.toContain(secret);
  });

  it('When two HR people answer at the same moment, then one answer wins and the asker gets one message', async () => {
    const { service, person, store } = await setup(['1007', '1004']);
    const id = '7a1c2d9e-8a7b-4c3d-9e0f-1a2b3c4d5e6f';
    await service.submit({ requestId: id, asker: person('1004'), question: 'Hvem betaler kurset?', includeName: false });
    // Tor is not HR: refused; Hanne twice at once: one wins.
    expect(await service.answer({ viewer: person('1008'), questionId: id, answer: 'Jeg' })).toMatchObject({ ok: false, code: 'not-hr' });
    const results = await Promise.all([
      service.answer({ viewer: person('1007'), questionId: id, answer: 'Enheten betaler.' }),
      service.answer({ viewer: person('1007'), questionId: id, answer: 'Kommunen betaler.' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'already-answered')).toHaveLength(1);
    expect(await store.outbox.list(`hrq-svar:${id}`)).toHaveLength(1);
  });
});
