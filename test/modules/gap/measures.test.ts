import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GAP_KINDS, MEASURES, MEASURES_FOR_GAP, STRATEGIES, suggestMeasures } from '../../../src/modules/gap/measures.js';
import { loadKnowledgeBase } from '../../../src/modules/qa/knowledge.js';
import { projectRoot } from '../../../src/util/project-root.js';

const kb = loadKnowledgeBase(join(projectRoot, 'content', 'knowledge'), join(projectRoot, 'content', 'documents.yml'));

describe('suggested measures', () => {
  it.each(MEASURES.map((m) => [m.id, m.qaEntryId]))('When measure %s links to %s, then that Q&A entry exists', (_id, qaEntryId) => {
    expect(kb.byId.has(qaEntryId)).toBe(true);
  });

  it('When the measures are listed, then ids are unique, every mapped id exists, and every strategy of Lai and 6.6 is used', () => {
    const ids = MEASURES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const kind of GAP_KINDS) for (const id of MEASURES_FOR_GAP[kind]) expect(ids).toContain(id);
    const used = new Set(MEASURES.map((m) => m.strategy));
    for (const s of STRATEGIES) expect(used.has(s)).toBe(true);
  });

  it.each(GAP_KINDS)('When a gap of kind %s is found in any sector, then at least one measure is suggested', (kind) => {
    const [group] = suggestMeasures([{ kind, count: 1, sectors: [], categories: [], competenceIds: [] }]);
    expect(group?.measures.length).toBeGreaterThan(0);
    expect(group?.title).toMatch(/\p{L}/u);
  });

  it('When the concrete schemes from the plans are looked for, then EVU, stipend, utdanningspermisjon and kompetansepakker are among them', () => {
    const ids = MEASURES.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['evu', 'stipend-tilskudd', 'utdanningspermisjon', 'kompetansepakker', 'rekruttere-med-profil', 'ta-i-bruk', 'vurder-avvikling']));
  });

  it('When a missing competence is in oppvekst, then kompetansepakker are offered; in helse, the helse tilskudd instead', () => {
    const ids = (sectors: string[]) =>
      suggestMeasures([{ kind: 'missing', count: 2, sectors, categories: ['utdanning'], competenceIds: ['utd-pedagogisk'] }])[0]!.measures.map((m) => m.id);
    expect(ids(['oppvekst'])).toContain('kompetansepakker');
    expect(ids(['oppvekst'])).not.toContain('tilskudd-helse');
    expect(ids(['helse'])).toContain('tilskudd-helse');
    expect(ids(['helse'])).not.toContain('kompetansepakker');
    expect(ids(['helse'])).not.toContain('fagbrev');
  });

  it('When findings are given out of order, then groups follow the order of gap kinds and keep the count', () => {
    const groups = suggestMeasures([
      { kind: 'mobilisation', count: 3, sectors: [], categories: [], competenceIds: [] },
      { kind: 'critical', count: 1, sectors: [], categories: [], competenceIds: [] },
      { kind: 'below', count: 0, sectors: [], categories: [], competenceIds: [] },
    ]);
    expect(groups.map((g) => [g.kind, g.count])).toEqual([
      ['critical', 1],
      ['mobilisation', 3],
    ]);
  });
});
