/**
 * Issue #13 «Whose rule is it?», through the bot as leaders of the demo organisation would meet it, once
 * as Fjordvik (the demo, KOMMUNE=fjordvik) and once as Kristiansund (KOMMUNE=kristiansund): answers,
 * the gap view, the CSV and the årshjul card.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { actionsOf, cardOf, cardText, createHarness, type TestUser } from '../helpers/bot-harness.js';

// People of content/org/demo-org.json.
const KARI: TestUser = { id: '29:kari', aadObjectId: '555ac447-9d7c-4917-a7be-c0f80eb6e72e', name: 'Kari Solheim' }; // rektor, Fjordvik skole
const MARIANNE: TestUser = { id: '29:marianne', aadObjectId: 'd7e60949-49b2-4825-87b1-3a9cb12dc93d', name: 'Marianne Lie' }; // styrer
const ANNE_HR: TestUser = { id: '29:anne', aadObjectId: '076f9d43-659b-4fc1-a569-706b4cf69e78', name: 'Anne Grethe Fossum' }; // personalsjef, HR

type Harness = Awaited<ReturnType<typeof createHarness>>;
type Data = Record<string, unknown>;
const dataOf = (a: Data | undefined) => (a?.data ?? {}) as Data;

async function ask(h: Harness, question: string, user = MARIANNE): Promise<string> {
  return cardText(cardOf((await h.say(question, user))[0]));
}

/** The unit's CSV files (people and requirements; coverage), as a leader downloads them from the gap card. */
async function unitCsv(h: Harness, user: TestUser) {
  const overview = cardOf((await h.say('kompetansegap', user))[0]);
  const exportButton = actionsOf(overview).find((a) => a.title === 'Last ned CSV' && dataOf(a).verb === VERBS.gapExport);
  const [reply] = await h.submit(dataOf(exportButton), user);
  const links = [...cardText(cardOf(reply)).matchAll(/\]\(http:\/\/127\.0\.0\.1:3978\/api\/downloads\/([A-Za-z0-9_-]+)\)/g)].map((m) => m[1]!);
  const rows = (token: string) => parse(h.downloads.take(token)!.content, { delimiter: ';', bom: true, columns: true }) as Record<string, string>[];
  return { people: rows(links[0]!), coverage: rows(links[1]!) };
}

describe('KOMMUNE=fjordvik (the demo): other municipalities are examples, never our rules', () => {
  it('When a styrer asks about her legal requirements, then the law comes first and Kristiansund’s § 4.2 last, as «Eksempel fra Kristiansund»', async () => {
    const h = await createHarness({ kommune: 'fjordvik' });
    const text = await ask(h, 'Hvilke krav stilles til styrer i barnehage?');
    expect(text).toContain('Lovkrav – gjelder alle kommuner');
    expect(text).toContain('Eksempel fra Kristiansund: Kristiansund stiller i tillegg egne utdanningskrav');
    expect(text).not.toMatch(/I Kristiansund kommune|kommer i tillegg til lovkravet/);
    expect(text.indexOf('Etter barnehageloven § 24')).toBeLessThan(text.indexOf('Eksempel fra Kristiansund'));
  });

  it('When a leader asks for Kristiansund’s leader education rules, then the whole answer is labelled an example that does not apply in Fjordvik', async () => {
    const h = await createHarness({ kommune: 'fjordvik' });
    const text = await ask(h, 'Hvilke utdanningskrav har Kristiansund for enhetsledere?');
    expect(text).toContain('Eksempel fra Kristiansund – gjelder ikke i Fjordvik kommune uten eget vedtak');
  });

  it('When a leader asks how to hire, then the steps name no other municipality’s system', async () => {
    const h = await createHarness({ kommune: 'fjordvik' });
    const text = await ask(h, 'hva er stegene når jeg skal rekruttere?');
    expect(text).toContain('kommunens rekrutteringssystem');
    expect(text).not.toContain('Easycruit');
  });

  it('When Kari opens her own gap and her unit, then nothing is critical by Kristiansund’s rules and Kristiansund is not named', async () => {
    const h = await createHarness({ kommune: 'fjordvik' });
    const own = cardText(cardOf((await h.say('mitt kompetansegap', KARI))[0]));
    expect(own).toContain('Kompetansegap: Kari Solheim');
    expect(own).toContain('Lovkrav: Opplæringsloven § 17-2');
    expect(own).not.toMatch(/Kristiansund|Kritisk/);
    // Her lærerutdanning gives the pedagogisk utdanning the profile asks for: it is not «utover stillingens profil».
    expect(own).not.toMatch(/utover stillingens profil:[^\n]*Lærerutdanning/);
    const unit = cardText(cardOf((await h.say('kompetansegap', KARI))[0]));
    expect(unit).toContain('Kompetansegap: Fjordvik skole');
    expect(unit).not.toContain('Kristiansund');
  });

  it('When Kari downloads the CSV, then «Hjemmel» holds only law, and the heatmap has one row for pedagogisk utdanning', async () => {
    const h = await createHarness({ kommune: 'fjordvik' });
    const { people, coverage } = await unitCsv(h, KARI);
    const hjemmel = new Set(people.map((r) => r.Hjemmel).filter(Boolean));
    expect([...hjemmel]).toEqual(['Opplæringsloven § 17-2']);
    expect(people.some((r) => r.Kritisk === 'Ja')).toBe(false);
    expect(coverage.filter((r) => r.Krav === 'Pedagogisk utdanning')).toHaveLength(1);
    // Rektor (legal requirement) and teachers (profile requirement) in the same row.
    expect(coverage.find((r) => r.Krav === 'Pedagogisk utdanning')?.['Gjelder (antall)']).toBe('5');
  });

  it('When HR opens the whole municipality, then Kristiansund’s requirements no longer make every unit critical', async () => {
    const h = await createHarness({ kommune: 'fjordvik' });
    const text = cardText(cardOf((await h.say('kompetanseoversikt', ANNE_HR))[0]));
    expect(text).toContain('Kompetansegap i hele kommunen');
    expect(text).not.toContain('Kristiansund');
    const critical = text.match(/Kritisk: \d+ medarbeider/g) ?? [];
    expect(critical.length).toBeLessThan(7);
  });

  it('When Kari opens the årshjul, then it is the general one, with no SKUP and no other municipality, and each event says whose rule it is', async () => {
    const h = await createHarness({ kommune: 'fjordvik' });
    const text = cardText(cardOf((await h.say('årshjul', KARI))[0]));
    expect(text).toContain('Medarbeidersamtaler med alle medarbeidere');
    expect(text).toContain('KS anbefaler – råd, ikke krav');
    expect(text).toMatch(/Hovedtariffavtalen – gjelder alle kommuner i KS-området|Fjordvik kommunes egen rutine/);
    expect(text).not.toMatch(/SKUP|Kristiansund|Bærum/);
  });
});

describe('KOMMUNE=kristiansund: the temaplan is the municipality’s own', () => {
  it('When Kari opens her gap, then her missing leader education is «Kritisk» with Kristiansund’s § 4.2 as its basis', async () => {
    const h = await createHarness({ kommune: 'kristiansund' });
    const own = cardText(cardOf((await h.say('mitt kompetansegap', KARI))[0]));
    expect(own).toContain('Kritisk: kommunalt krav mangler (Kristiansund kommune, temaplan 2025 § 4.2 (enhetsledere)): Lederutdanning');
    const { people } = await unitCsv(h, KARI);
    expect(people.some((r) => r.Navn === 'Kari Solheim' && r.Hjemmel === 'Kristiansund kommune, temaplan 2025 § 4.2 (enhetsledere)' && r.Kritisk === 'Ja')).toBe(true);
  });

  it('When a leader asks about the rektor’s requirements, then the answer says «I Kristiansund kommune» for § 4.2, after the law and not as an example', async () => {
    const h = await createHarness({ kommune: 'kristiansund' });
    const text = await ask(h, 'Hvilke krav stilles til rektor?', KARI);
    expect(text).toContain('I Kristiansund kommune: Kristiansund stiller i tillegg egne utdanningskrav');
    expect(text).not.toContain('Eksempel fra Kristiansund');
    // Own rule before KS.
    expect(text.indexOf('I Kristiansund kommune')).toBeLessThan(text.indexOf('Fra KS:'));
    const own = await ask(h, 'Hvilke utdanningskrav har Kristiansund for enhetsledere?');
    expect(own).toContain('I Kristiansund kommune – kommunens egen regel eller praksis');
  });

  it('When a leader asks how to hire, then the answer names the municipality’s own system', async () => {
    const h = await createHarness({ kommune: 'kristiansund' });
    expect(await ask(h, 'hva er stegene når jeg skal rekruttere?')).toContain('rekrutteringssystemet (Easycruit)');
  });

  it('When Kari opens the årshjul, then Kristiansund’s own process is shown as the municipality’s own routine', async () => {
    const h = await createHarness({ kommune: 'kristiansund' });
    const text = cardText(cardOf((await h.say('årshjul', KARI))[0]));
    expect(text).toContain('Medarbeidersamtaler med alle medarbeidere');
    expect(text).toContain('Kristiansund kommunes egen rutine');
    expect(text).not.toContain('SKUP');
  });
});
