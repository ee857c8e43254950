import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { KnowledgeLoadError, loadKnowledgeBase, sourceDocumentSchema } from '../../../src/modules/qa/knowledge.js';
import { presentEntry } from '../../../src/modules/qa/present.js';
import { SectionIndex } from '../../../src/modules/qa/sections.js';

const root = join(import.meta.dirname, '../../..');
const documentsFile = join(root, 'content/documents.yml');
const documents = z.array(sourceDocumentSchema).parse(parseYaml(readFileSync(documentsFile, 'utf8')));
const index = (id: string): SectionIndex => new SectionIndex(documents.find((d) => d.id === id)!.sections);

describe('content/documents.yml', () => {
  it('lists sections for every document, including 001s appendices per municipality', () => {
    for (const d of documents) expect(d.sections.length, d.id).toBeGreaterThan(5);
    const ids = documents.find((d) => d.id === '001')!.sections.map((s) => s.id);
    for (const kommune of ['Sørum', 'Alta', 'Lyngdal', 'Drammen', 'Bærum']) expect(ids).toContain(`vedlegg casekommuner, ${kommune}`);
    expect(ids).toContain('vedlegg Bærum SKUP 2010–13, årshjul');
    expect(ids).toContain('vedlegg Sørum strategisk kompetanseutviklingsplan, §2.2');
    expect(ids).toContain('vedlegg Halden kompetanseplan 2010–2012, §1.4');
  });
});

describe('which cited sections exist', () => {
  it.each([
    ['003', '§4.1'],
    ['003', '§6.5 Kompetansemobilisering og oppgavedeling (kjernegrep)'],
    ['003', 'Forankring (steg 2)'],
    ['001', '§6.1.4'],
    ['001', 'Sammendrag'],
    ['001', '§0 Sammendrag'],
    ['001', '§10.2.1 punkt 3'],
    ['001', '§7 Tabell 8'],
    ['001', '§10.4 Oppfølging og evaluering (tabell 12)'],
    ['001', 'Vedleggstabell 8'],
    ['001', 'vedlegg casekommuner, Bærum'],
    ['001', 'vedlegg Bærum SKUP 2010–13, årshjul – Desember'],
    ['001', 'vedlegg Bærum SKUP 2010-13, Kompetente ledere – Kompetansekartlegging og kompetansebygging'],
    ['001', 'vedlegg Sørum strategisk kompetanseutviklingsplan, §2.2 Kompetansebegreper'],
    ['001', 'vedlegg Sørum strategisk kompetanseutviklingsplan, §4 Hovedprinsipper pkt. 7'],
    ['000', '§5.1 Tiltaksplaner, Godt lederskap'],
    ['000', '§4.1 Formalkompetanse'],
    ['002', 'Medarbeidersamtalen – Til refleksjon'],
    ['004', '§6.1.2 Uttak av pensjon'],
    // the examples in content/knowledge/README.md
    ['001', '§5 Strategisk kompetansestyring'],
    ['001', '§10.4 (Tabell 12)'],
    ['001', 'vedlegg Bærum SKUP 2010–13, Rekruttere'],
    ['001', 'vedlegg Sørum strategisk kompetanseutviklingsplan, §2.2'],
  ])('%s «%s» is a listed section', (doc, cited) => {
    expect(index(doc).match(cited)).toBeDefined();
  });

  it.each([
    ['003', '§4.7', 'a section number the plan does not have'],
    ['003', '§41', 'a typo in the number'],
    ['003', '§4.1 Kompetansekrav til sykepleiere', 'words after the number that are neither the title nor a part'],
    ['001', '§6.1.4 Vikarer', 'an invented sub-heading'],
    ['001', 'Sammendraget', 'a near miss of a named part'],
    ['001', 'vedlegg casekommuner, Hamar', 'a municipality that is not a case'],
    ['001', 'vedlegg Bærum SKUP 2010–13, Rekrutering', 'a typo in an appendix part'],
    ['001', 'vedlegg Sørum strategisk kompetanseutviklingsplan, §12', 'an appendix section that does not exist'],
    ['001', 'Rekruttere', 'an appendix part without its appendix'],
    ['001', '§10.2.1 punkt 12', 'a point the list does not have'],
    ['003', '§1.1–1.7', 'a range instead of one section'],
  ])('%s «%s» is refused (%s)', (doc, cited) => {
    expect(index(doc).match(cited)).toBeUndefined();
  });

  it('suggests the nearest listed sections for a wrong citation', () => {
    expect(index('001').nearest('vedlegg Sørum kompetanseplan, 8.5 HMS')[0]).toContain(
      '«vedlegg Sørum strategisk kompetanseutviklingsplan, §8.5»',
    );
    expect(index('001').nearest('Vedlegg – beskrivelse av casekommunene, Alta')[0]).toContain('«vedlegg casekommuner, Alta»');
  });
});

/** A knowledge folder with one entry citing `sources`, next to the real documents.yml. */
function kbWith(sources: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-sections-'));
  mkdirSync(join(dir, 'roller'));
  writeFileSync(
    join(dir, 'roller', 'test-oppforing.md'),
    [
      '---',
      'id: test-oppforing',
      'title: Testoppføring',
      'summary: Et kort svar som er langt nok til å være gyldig.',
      'tags: [test]',
      'audience: [leder]',
      'scope: ks',
      'sources:',
      sources,
      'lastReviewed: 2026-12-07',
      '---',
      '',
    ].join('\n'),
  );
  return dir;
}

function problemsFor(sources: string): string[] {
  try {
    loadKnowledgeBase(kbWith(sources), documentsFile);
    return [];
  } catch (err) {
    if (err instanceof KnowledgeLoadError) return err.problems;
    throw err;
  }
}

describe('loading the knowledge base checks every source section', () => {
  it('refuses an unknown section in Norwegian, naming file, field and the nearest known sections', () => {
    const problems = problemsFor('  - document: "003"\n    section: "§4.7"');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('roller/test-oppforing.md');
    expect(problems[0]).toContain('«sources.0.section»');
    expect(problems[0]).toContain('seksjonen «§4.7» finnes ikke i dokument 003');
    expect(problems[0]).toMatch(/Nærmeste kjente seksjoner: «§4\.\d»/);
  });

  it('accepts a known section', () => {
    expect(problemsFor('  - document: "003"\n    section: "§4.1"')).toEqual([]);
  });

  it('refuses several sections in one source', () => {
    const [problem] = problemsFor('  - document: "000"\n    section: "§3; §4.1"');
    expect(problem).toContain('nevner flere seksjoner');
  });

  it('refuses a line span outside the cited section, and a page for a document without page numbers', () => {
    const problems = problemsFor('  - document: "003"\n    section: "§4.1"\n    lines: "10–20"\n    page: 4');
    expect(problems.join('\n')).toContain('«sources.0.lines»: 10–20 ligger utenfor seksjonen «§4.1»');
    expect(problems.join('\n')).toContain('«sources.0.page»: dokument 003');
  });

  it('accepts a line span inside the section and shows the page of a 002 section on the answer', () => {
    const kb = loadKnowledgeBase(
      kbWith('  - document: "003"\n    section: "§4.1"\n    lines: "500–520"\n  - document: "002"\n    section: "Medarbeidersamtalen"'),
      documentsFile,
    );
    const entry = kb.byId.get('test-oppforing')!;
    const labels = presentEntry(kb, entry, 'spørsmål').sources.map((s) => s.label);
    expect(labels[0]).toBe('Kristiansund kommune: Temaplan om kompetansebehov og rekruttering (2025), §4.1');
    expect(labels[1]).toMatch(/Veileder for lokalt arbeid med kompetanseutvikling \(2022\), Medarbeidersamtalen, s\. 5$/);
  });
});

describe('the real knowledge base', () => {
  it('cites only listed sections (what npm run kb:check checks)', () => {
    const kb = loadKnowledgeBase(join(root, 'content/knowledge'), documentsFile);
    expect(kb.entries.length).toBeGreaterThan(250);
  });
});
