import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompetenceContentError, parseCompetenceContent } from '../../../src/modules/registration/catalogue/catalogue.js';
import { KommuneProfileError, loadKommuneProfile, parseKommuneProfile } from '../../../src/modules/kommune/profile.js';
import { KnowledgeLoadError, loadKnowledgeBase } from '../../../src/modules/qa/knowledge.js';
import { answerScopeLine, orderByScope, scopedDetails } from '../../../src/modules/qa/scope.js';
import { projectRoot } from '../../../src/util/project-root.js';
import { CATALOGUE_YML, PROFILES_YML } from '../registration/fixtures.js';

const contentDir = join(projectRoot, 'content');
const fjordvik = loadKommuneProfile(contentDir, 'fjordvik');
const kristiansund = loadKommuneProfile(contentDir, 'kristiansund');
const names = new Map([['kristiansund', 'Kristiansund'], ['baerum', 'Bærum']]);

describe('scope labels and order', () => {
  it('When an answer is labelled, then national rules bind everyone, own rules say «I … kommune», KS advises and others are examples', () => {
    expect(answerScopeLine('lov', fjordvik)).toBe('Lovkrav – gjelder alle kommuner');
    expect(answerScopeLine('avtale', fjordvik, 'HTA kap. 3.2')).toBe('Hovedtariffavtalen – gjelder alle kommuner som er med i KS-området');
    expect(answerScopeLine('avtale', fjordvik, 'Hovedavtalen § 3-1')).toMatch(/^Hovedavtalen/);
    expect(answerScopeLine('ks', fjordvik)).toBe('KS anbefaler – råd, ikke krav');
    expect(answerScopeLine('kommune:kristiansund', fjordvik)).toBe('Eksempel fra Kristiansund – gjelder ikke i Fjordvik kommune uten eget vedtak');
    expect(answerScopeLine('kommune:kristiansund', kristiansund)).toBe('I Kristiansund kommune – kommunens egen regel eller praksis');
  });

  it('When a municipality adopts another’s rules, then they are its own, named after the model', () => {
    const adopting = parseKommuneProfile('id: nyby\nname: Nyby kommune\nshortName: Nyby\nadopts: [kristiansund]\nhrContact: HR i Nyby\n', names, 'kommune/nyby.yml');
    expect(answerScopeLine('kommune:kristiansund', adopting)).toBe('I Nyby kommune (vedtatt etter Kristiansunds modell) – kommunens egen regel eller praksis');
    expect(answerScopeLine('kommune:baerum', adopting)).toMatch(/^Eksempel fra Bærum/);
  });

  it('When details have scoped lines, then each is labelled and the list is ordered law, own, KS, other municipalities', () => {
    const body = ['- [kommune:kristiansund] K-regel.', '- [ks] KS-råd.', '- Lovtekst.', '- [kommune:baerum] B-praksis.'].join('\n');
    expect(scopedDetails(body, 'lov', kristiansund).split('\n')).toEqual([
      '- Lovtekst.',
      '- I Kristiansund kommune: K-regel.',
      '- Fra KS: KS-råd.',
      '- Eksempel fra Bærum: B-praksis.',
    ]);
    expect(scopedDetails(body, 'lov', fjordvik).split('\n').at(-2)).toBe('- Eksempel fra Kristiansund: K-regel.');
    expect(orderByScope(['kommune:baerum', 'ks', 'lov', 'kommune:kristiansund'] as const, (s) => s, kristiansund)).toEqual(['lov', 'kommune:kristiansund', 'ks', 'kommune:baerum']);
  });

  it('When a text names a system, then the profile’s name is used, or a generic phrase', () => {
    expect(scopedDetails('1. Bruk {system:rekruttering}.', 'lov', kristiansund)).toBe('1. Bruk rekrutteringssystemet (Easycruit).');
    expect(scopedDetails('1. Bruk {system:rekruttering}.', 'lov', fjordvik)).toBe('1. Bruk kommunens rekrutteringssystem.');
  });
});

describe('municipality profiles', () => {
  it('When a profile adopts an unknown municipality, then it is refused naming the field', () => {
    expect(() => parseKommuneProfile('id: x\nname: X kommune\nshortName: X\nadopts: [atlantis]\nhrContact: HR i X\n', names, 'kommune/x.yml')).toThrow(KommuneProfileError);
  });

  it('When a municipality adds its own requirement, then it counts there; another municipality’s rule counts only where it is adopted', () => {
    const own = parseKommuneProfile(
      'id: nyby\nname: Nyby kommune\nshortName: Nyby\nhrContact: HR i Nyby\nrequirements:\n  rektor:\n    - competenceId: lederutdanning\n      priority: required\n      legal: { source: kommunalt, reference: "Nyby kommune, vedtak i bystyret 2026", qaEntryId: lovkrav-rektor }\n',
      names,
      'kommune/nyby.yml',
    );
    const rektor = parseCompetenceContent({ catalogue: CATALOGUE_YML, profiles: PROFILES_YML }, undefined, undefined, own).profileById.get('rektor')!;
    const scopes = rektor.requirements.filter((r) => r.legal).map((r) => `${r.scope} ${r.legal!.reference}`);
    expect(scopes).toContain('kommune:nyby Nyby kommune, vedtak i bystyret 2026');
    expect(scopes).toContain('lov Opplæringsloven § 17-2');
    expect(scopes.some((s) => s.includes('Temaplan § 4.2'))).toBe(false);
    const inKristiansund = parseCompetenceContent({ catalogue: CATALOGUE_YML, profiles: PROFILES_YML }, undefined, undefined, kristiansund).profileById.get('rektor')!;
    expect(inKristiansund.requirements.find((r) => r.legal?.reference === 'Temaplan § 4.2')?.scope).toBe('kommune:kristiansund');
  });

  it('When a municipality lists another’s rule among its own requirements, then it is refused: that is what adopts is for', () => {
    const wrong = parseKommuneProfile(
      'id: nyby\nname: Nyby kommune\nshortName: Nyby\nhrContact: HR i Nyby\nrequirements:\n  rektor:\n    - competenceId: utdanning-master\n      priority: required\n      legal: { source: kommunalt, kommune: kristiansund, reference: Temaplan, qaEntryId: lovkrav-rektor }\n',
      names,
      'kommune/nyby.yml',
    );
    expect(() => parseCompetenceContent({ catalogue: CATALOGUE_YML, profiles: PROFILES_YML }, undefined, undefined, wrong)).toThrow(CompetenceContentError);
  });
});

describe('kb:check and the start refuse an entry without scope', () => {
  it('When an entry has no scope, or a lov entry no paragraph, then loading fails naming the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-scope-'));
    mkdirSync(join(dir, 'lovkrav'));
    const entry = (id: string, scope: string) =>
      `---\nid: ${id}\ntitle: Tittel ${id}\nsummary: Et kort svar om noe.\ntags: [x]\naudience: [leder]\n${scope}sources:\n  - document: "003"\n    section: "§4.1"\nlastReviewed: 2026-12-07\n---\n`;
    writeFileSync(join(dir, 'lovkrav', 'uten-scope.md'), entry('uten-scope', ''));
    writeFileSync(join(dir, 'lovkrav', 'lov-uten-paragraf.md'), entry('lov-uten-paragraf', 'scope: lov\n'));
    try {
      loadKnowledgeBase(dir, join(contentDir, 'documents.yml'));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(KnowledgeLoadError);
      const problems = (err as KnowledgeLoadError).problems.join('\n');
      expect(problems).toContain('lovkrav/uten-scope.md: feltet «scope» mangler');
      expect(problems).toContain('lovkrav/lov-uten-paragraf.md: feltet «scope» er lov, men oppføringen nevner ingen paragraf (§)');
    }
  });
});
