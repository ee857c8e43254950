import { describe, expect, it } from 'vitest';
import { dedupeBody, focusBody } from '../../../../src/modules/qa/search/clean.js';

describe('dedupeBody', () => {
  it('drops a sentence the summary already says, and a sentence said twice in the body', () => {
    const summary = 'Rektor skal ha pedagogisk kompetanse. Kravet står i opplæringsloven.';
    const body = 'Rektor skal ha pedagogisk kompetanse.\n\nKommunen avgjør hva som er nødvendig. Kommunen avgjør hva som er nødvendig!\n\n- Lederopplæring anbefales.';
    const out = dedupeBody(summary, body);
    expect(out).toBe('Kommunen avgjør hva som er nødvendig.\n\n- Lederopplæring anbefales.');
  });

  it('leaves a body without repeats as it is', () => {
    const body = 'Første avsnitt.\n\nAndre avsnitt med mer.';
    expect(dedupeBody('Noe helt annet her.', body)).toBe(body);
  });
});

describe('focusBody', () => {
  it('moves a paragraph that shares nothing with the question, title or summary to the end', () => {
    const body = 'I 2010 pekte KS-rapporten på skolesektoren generelt.\n\nRektor må ha rektorutdanning eller tilsvarende.';
    const out = focusBody(body, 'Hvilken utdanning må en rektor ha?', 'Krav til rektor', 'Rektor skal ha pedagogisk kompetanse.');
    expect(out.startsWith('Rektor må ha rektorutdanning')).toBe(true);
    expect(out.endsWith('skolesektoren generelt.')).toBe(true);
  });

  it("leaves out a remark attributed to a document much older than the answer's source", () => {
    const body = '- Kravet står i tabellen i § 4.1.\n- Fra KS-rapporten 2010: en representant for skolesektoren sa noe om krav.';
    expect(focusBody(body, 'krav til rektor', 'Krav til rektor', 'Rektor skal ha kompetanse.', 2025)).toBe('- Kravet står i tabellen i § 4.1.');
    // …but keeps it when the answer's own source is as old
    expect(focusBody(body, 'krav til rektor', 'Krav til rektor', 'Rektor skal ha kompetanse.', 2010)).toContain('Fra KS-rapporten 2010');
  });
});
