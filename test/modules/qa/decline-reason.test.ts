import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notFoundCardData } from '../../../src/modules/qa/cards.js';
import { presentResult } from '../../../src/modules/qa/present.js';
import { loadQaContent } from '../../../src/modules/qa/qa-service.js';
import { projectRoot } from '../../../src/util/project-root.js';

describe('a decline says why when the topic is outside the sources', () => {
  const { kb, answerer } = loadQaContent(join(projectRoot, 'content'));
  const shown = (q: string) => presentResult(kb, answerer.answer(q), 'HR på telefon 123');

  it('names the topic the sources do not cover, and points to HR, on the card too', () => {
    const p = shown('Hvor mange feriedager har jeg i år?');
    expect(p.answered).toBe(false);
    expect(p.text).toContain('Spørsmål om ferie dekkes ikke av kildene');
    expect(p.text).toContain('Ta kontakt med HR på telefon 123');
    const card = notFoundCardData(p, 'HR på telefon 123');
    expect(card.message).toContain('Spørsmål om ferie dekkes ikke av kildene');
    // Rewording will not help, so the card does not suggest it.
    expect(card.rephrase).toBe(false);
    expect(notFoundCardData(shown('Hva er reglene for hjemmekontor?'), 'HR').rephrase).toBe(true);
  });

  it('says which municipality\'s plans it does not have', () => {
    const p = shown('Hva står om lederutvikling i kompetanseplanen til Bodø kommune?');
    expect(p.text).toContain('Jeg har ikke de lokale planene til Bodø.');
    expect(p.text).toContain('Bærum og Kristiansund som eksempler');
  });

  it('keeps the plain decline when it only finds nothing, and the English lead-in for English', () => {
    expect(shown('Hva er reglene for hjemmekontor?').text).toContain('der finner jeg ikke noe som svarer godt på dette');
    const en = shown('How long is the notice period for a nurse?').text;
    expect(en).toMatch(/^I could not find an answer/);
    expect(en).toContain('Spørsmål om oppsigelse og avskjed dekkes ikke');
  });
});
