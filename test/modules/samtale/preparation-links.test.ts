/**
 * #12: part 4 of the preparation («Utvikling og karriere») once said «se lenkene under» with no
 * links below. The preparation card shows no links, so no text of the default template may
 * promise any – to the employee or to the leader.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logging/logger.js';
import { renderPrepare } from '../../../src/modules/samtale/cards/samtale.js';
import { createSamtaleService } from '../../../src/modules/samtale/samtale-service.js';
import { loadSamtaleTemplates } from '../../../src/modules/samtale/template.js';
import { createOrgDirectory } from '../../../src/modules/org/org-directory.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { P, smallOrg } from '../org/helpers.js';
import { NOW } from './fixtures.js';

const PROMISES_LINKS = /lenke|se under|nedenfor|ressursene under|les mer her/i;

/** Every text block of a card, joined. */
function textsOf(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if ((k === 'text' || k === 'title' || k === 'label') && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

describe('preparation card: part 4 promises no links it does not give', () => {
  it('When the employee and the leader open part 4 of the default template, then it is «Utvikling og karriere», and neither the card nor any section text promises links', async () => {
    const templates = loadSamtaleTemplates(join(projectRoot, 'content'));
    const part4 = templates.defaultTemplate.sections[3]!;
    expect(part4.title).toBe('Utvikling og karriere');
    for (const s of templates.defaultTemplate.sections) {
      for (const text of [s.intro ?? '', s.leaderIntro ?? '', ...s.questions.flatMap((q) => [q.text, q.leaderText])]) expect(text).not.toMatch(PROMISES_LINKS);
    }

    const store = await openMemoryStore();
    const service = createSamtaleService({ samtaler: store.samtaler, audit: store.audit, org: { directory: () => createOrgDirectory(smallOrg()) }, templates, clock: fixedClock(NOW), logger: silentLogger, notesRetentionMonths: 12 });
    const started = await service.startSamtale(P.rektor, P.laerer, '2026-12-01');
    if (!started.ok) throw new Error(started.reason);
    for (const viewer of [P.laerer, P.rektor]) {
      const view = await service.getForViewer(viewer, started.view.id);
      if (!view.ok) throw new Error(view.reason);
      const card = renderPrepare(view.view, part4.id);
      const text = textsOf(card);
      expect(text).toContain('Utvikling og karriere');
      expect(text).toContain('utdanningspermisjon');
      expect(text).not.toMatch(PROMISES_LINKS);
      // No link at all on the card: nothing to send the reader to a wrong or missing source.
      expect(JSON.stringify({ ...card, $schema: undefined })).not.toMatch(/Action\.OpenUrl|https?:\/\//);
    }
  });
});
