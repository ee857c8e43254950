/**
 * Suggested measures per kind of competence gap, from the seed documents: Lai's model (anskaffe,
 * utvikle, mobilisere, eventuelt avvikle – Bærum 2017 § 4.2), Kristiansund's kjernegrep 6.6
 * (beholde, mobilisere, anskaffe og utvikle), and the concrete schemes the plans name (EVU,
 * stipend, utdanningspermisjon, Udir's kompetansepakker, fagbrev …). Every measure links to the
 * Q&A entry that explains it; a test checks that the ids exist. Pure data and one pure function.
 */
import type { Sector } from '../registration/catalogue/schema.js';

export const STRATEGIES = ['anskaffe', 'utvikle', 'mobilisere', 'beholde', 'avvikle', 'kartlegge'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const STRATEGY_NAMES: Record<Strategy, string> = {
  anskaffe: 'Anskaffe (rekruttere)',
  utvikle: 'Utvikle',
  mobilisere: 'Mobilisere',
  beholde: 'Beholde',
  avvikle: 'Avvikle',
  kartlegge: 'Kartlegge',
};

/** The kinds of findings the gap analysis reports; each has its own measures. */
export const GAP_KINDS = [
  'critical',
  'upcoming-legal',
  'missing',
  'below',
  'expired',
  'expiring',
  'desired',
  'vulnerable',
  'mobilisation',
  'unregistered',
] as const;
export type GapKind = (typeof GAP_KINDS)[number];

export const GAP_KIND_NAMES: Record<GapKind, string> = {
  critical: 'Krav i lov, forskrift eller kommunens egne regler er ikke oppfylt',
  'upcoming-legal': 'Lovkrav som trer i kraft senere er ikke oppfylt ennå',
  missing: 'Påkrevd kompetanse mangler',
  below: 'Kompetanse under påkrevd nivå',
  expired: 'Sertifikat eller godkjenning er utløpt',
  expiring: 'Sertifikat eller godkjenning går ut innen 90 dager',
  desired: 'Ønsket kompetanse mangler',
  vulnerable: 'Bare én person har en påkrevd kompetanse',
  mobilisation: 'Kompetanse som ikke blir brukt',
  unregistered: 'Medarbeidere som ikke har registrert kompetansen sin',
};

export interface Measure {
  id: string;
  strategy: Strategy;
  title: string;
  /** One or two sentences, in Norwegian, to the leader (the unit's and a person's gap as the leader or HR sees it). */
  text: string;
  /** The same advice to the employee (their own «mitt kompetansegap»); without it, `text` is shown. */
  employeeText?: string;
  /** The Q&A entry that explains the measure (content/knowledge). */
  qaEntryId: string;
  /** Only suggested when a gap concerns people in one of these sectors. */
  sectors?: Sector[];
  /** Only suggested when a gap concerns a competence in one of these catalogue categories … */
  categories?: string[];
  /** … or one of these competences. */
  competenceIds?: string[];
}

export const MEASURES: readonly Measure[] = [
  // Anskaffe
  {
    id: 'avklar-lovkrav',
    strategy: 'anskaffe',
    title: 'Avklar kravet med HR nå',
    text: 'Et krav i lov, forskrift eller kommunens egne regler er ikke dokumentert oppfylt. Sjekk først om registreringen er ufullstendig; mangler kompetansen, lag en plan med frist – utdanning, omdisponering eller rekruttering – sammen med HR.',
    employeeText: 'Et krav i lov, forskrift eller kommunens egne regler er ikke dokumentert oppfylt for deg. Sjekk først at registreringen din er fullstendig (skriv «min kompetanse»); mangler kompetansen, snakk med lederen din om en plan med frist.',
    qaEntryId: 'lovkrav-ansvar-sjekke-lov-og-forskrift',
  },
  {
    id: 'rekruttere-med-profil',
    strategy: 'anskaffe',
    title: 'Rekrutter med kompetanseprofil',
    text: 'Lys ut med en kompetanseprofil som viser lovkrav, forventninger i tariffavtalen og kommunens egne krav, og følg rekrutteringsprosedyren steg for steg.',
    qaEntryId: 'rekruttering-kompetanseprofil-utlysning',
  },
  {
    id: 'intern-rekruttering',
    strategy: 'anskaffe',
    title: 'Let etter kompetansen internt først',
    text: 'Vurder intern fortrinnsrett og om noen i andre enheter har kompetansen, før stillingen lyses ut eksternt.',
    qaEntryId: 'rekruttering-intern-fortrinnsrett',
  },
  // Utvikle
  {
    id: 'planlegg-lovkrav',
    strategy: 'utvikle',
    title: 'Planlegg for lovkrav som kommer',
    text: 'Kravet gjelder fra en dato fram i tid. Lag en plan nå, slik at utdanning, erfaring og dokumentasjon er på plass før fristen.',
    employeeText: 'Kravet gjelder fra en dato fram i tid. Snakk med lederen din nå, slik at utdanning, erfaring og dokumentasjon er på plass før fristen.',
    qaEntryId: 'lovkrav-oversikt',
  },
  {
    id: 'evu',
    strategy: 'utvikle',
    title: 'Etter- og videreutdanning',
    text: 'Formell etter- og videreutdanning gir kompetanse som kan dokumenteres. Prioriter ansatte med grunnkompetansebehov og kritiske funksjoner, og avklar forventninger, bindingstid og bruk av den nye kompetansen.',
    employeeText: 'Formell etter- og videreutdanning gir kompetanse som kan dokumenteres. Ta det opp med lederen din, gjerne i medarbeidersamtalen, og avklar forventninger, eventuell bindingstid og hvordan du skal bruke den nye kompetansen.',
    qaEntryId: 'tiltak-kristiansund-6-7-utdanningsordninger',
  },
  {
    id: 'stipend-tilskudd',
    strategy: 'utvikle',
    title: 'Stipend og tilskudd',
    text: 'Undersøk hvilke stipend, tilskudd og ordninger som kan finansiere utdanningen – kommunens egne stipend, statlige ordninger og kompetansekonto.',
    employeeText: 'Det finnes stipend, tilskudd og ordninger som kan finansiere utdanningen – kommunens egne stipend, statlige ordninger og kompetansekonto. Spør lederen din eller HR hva som gjelder for deg.',
    qaEntryId: 'tiltak-finansieringsordninger-oversikt',
  },
  {
    id: 'utdanningspermisjon',
    strategy: 'utvikle',
    title: 'Utdanningspermisjon',
    text: 'Permisjon til utdanning som har verdi for både medarbeideren og kommunen skal innvilges med mindre særlige grunner taler mot det. Er kompetansen nødvendig for oppgavene, gis permisjonen med lønn.',
    employeeText: 'Permisjon til utdanning som har verdi for både deg og kommunen skal innvilges med mindre særlige grunner taler mot det. Er kompetansen nødvendig for oppgavene dine, gis permisjonen med lønn. Søk gjennom lederen din.',
    qaEntryId: 'tiltak-utdanningspermisjon',
  },
  {
    id: 'kompetansepakker',
    strategy: 'utvikle',
    title: 'Kompetansepakker fra Utdanningsdirektoratet',
    text: 'Udirs kompetansepakker for barnehage, skole og PP-tjeneste er laget for at personalet eller et team lærer sammen over tid, med innhold som tilpasses lokalt.',
    qaEntryId: 'tiltak-kompetansepakker-udir',
    sectors: ['oppvekst'],
  },
  {
    id: 'tilskudd-helse',
    strategy: 'utvikle',
    title: 'Kompetanse- og innovasjonstilskudd',
    text: 'Helse- og omsorgstjenesten kan søke statsforvalteren om kompetanse- og innovasjonstilskudd. En god strategisk kompetanseplan er en forutsetning.',
    qaEntryId: 'tiltak-kompetanse-innovasjonstilskudd',
    sectors: ['helse'],
  },
  {
    id: 'fagbrev',
    strategy: 'utvikle',
    title: 'Fagbrev for ufaglærte',
    text: 'Opplæring fram til fagbrev er et av tiltakene kommunene oftest lykkes med, for eksempel for assistenter i barnehage, skole og omsorg.',
    employeeText: 'Opplæring fram til fagbrev er en vanlig vei, for eksempel for assistenter i barnehage, skole og omsorg. Snakk med lederen din om muligheten.',
    qaEntryId: 'tiltak-fagbrev-ufaglaerte',
    competenceIds: ['fagbrev-helsearbeider', 'fagbrev-barne-ungdomsarbeider'],
  },
  {
    id: 'lederutvikling',
    strategy: 'utvikle',
    title: 'Lederutdanning og lederutvikling',
    text: 'Lederkompetanse kan bygges med studiepoenggivende lederutdanning, lederprogram og ledernettverk. En ny leder uten lederutdanning kan forplikte seg til å ta den kort tid etter tilsetting.',
    employeeText: 'Lederkompetanse kan bygges med studiepoenggivende lederutdanning, lederprogram og ledernettverk. Avtal med din leder hvordan og når du tar den.',
    qaEntryId: 'tiltak-lederutvikling-ks-rapport',
    categories: ['ledelse', 'lederutdanning'],
  },
  {
    id: 'laering-i-arbeidet',
    strategy: 'utvikle',
    title: 'Læring i det daglige arbeidet',
    text: 'Kollegaveiledning, hospitering, refleksjonsgrupper og mentorordninger løfter ferdighetene uten store kostnader – når lederen setter av tid og følger opp.',
    employeeText: 'Kollegaveiledning, hospitering, refleksjonsgrupper og mentorordninger løfter ferdighetene uten store kostnader. Be lederen din om tid til det, og avtal hvem du kan lære av.',
    qaEntryId: 'tiltak-refleksjonsgrupper-kollegaveiledning',
  },
  {
    id: 'kurs-og-e-laering',
    strategy: 'utvikle',
    title: 'Kurs og korte digitale læringsformer',
    text: 'Kurs, e-læring og læring sammen med andre passer når en ferdighet skal løftes et nivå. Send gjerne flere fra samme enhet, så tas kompetansen lettere i bruk.',
    employeeText: 'Kurs, e-læring og læring sammen med kolleger passer når en ferdighet skal løftes et nivå. Spør lederen din om kurs som passer, gjerne sammen med andre fra enheten.',
    qaEntryId: 'tiltak-laeringsformer-ks-veileder',
  },
  {
    id: 'digital-opplaering',
    strategy: 'utvikle',
    title: 'Digital opplæring og superbrukere',
    text: 'Definer minimumsferdigheter i kommunens verktøy, gi opplæring knyttet til oppgavene og bruk superbrukere som lokal støtte.',
    employeeText: 'Spør hvilke ferdigheter som forventes i verktøyene dere bruker, be om opplæring knyttet til oppgavene dine, og bruk superbrukerne på arbeidsplassen.',
    qaEntryId: 'tiltak-kristiansund-6-9-digital-kompetanse',
    categories: ['digital'],
  },
  {
    id: 'forny-sertifikat',
    strategy: 'utvikle',
    title: 'Forny før utløpsdatoen',
    text: 'Sett av tid og plass på kurs før sertifikatet eller godkjenningen går ut, og be medarbeideren registrere den nye datoen. Følg med på utløpsdatoer i bemanningsplanleggingen.',
    employeeText: 'Meld deg på kurs før sertifikatet eller godkjenningen går ut, avtal tiden med lederen din, og registrer den nye datoen under «min kompetanse».',
    qaEntryId: 'tiltak-kristiansund-6-6-kompetanseledelse',
  },
  {
    id: 'individuell-plan',
    strategy: 'utvikle',
    title: 'Individuell utviklingsplan',
    text: 'Ønskede kompetanser kan tas inn i medarbeiderens utviklingsplan og følges opp i medarbeidersamtalen.',
    employeeText: 'Ønskede kompetanser kan tas inn i utviklingsplanen din og følges opp i medarbeidersamtalen.',
    qaEntryId: 'samtale-individuell-utviklingsplan',
  },
  // Mobilisere
  {
    id: 'ta-i-bruk',
    strategy: 'mobilisere',
    title: 'Ta i bruk kompetansen som finnes',
    text: 'Kompetanse har bare verdi når den brukes. Snakk med medarbeiderne som har kompetanse de ikke får brukt, og finn oppgaver, prosjekter eller roller der den trengs – også i andre enheter.',
    employeeText: 'Kompetanse har bare verdi når den brukes. Har du kompetanse du ikke får brukt, si det til lederen din – kanskje trengs den i oppgaver, prosjekter eller roller, også i andre enheter.',
    qaEntryId: 'analyse-kompetansemobilisering',
  },
  {
    id: 'oppgavedeling',
    strategy: 'mobilisere',
    title: 'Fordel oppgavene etter kompetanse',
    text: 'Bruk kartleggingen til å matche oppgaver og kompetanse: hvilke oppgaver krever særskilt kompetanse, hvilke gjør det ikke, og hvem har hva?',
    qaEntryId: 'tiltak-kristiansund-6-5-oppgavedeling',
  },
  {
    id: 'medarbeidersamtale',
    strategy: 'mobilisere',
    title: 'Spør i medarbeidersamtalen',
    text: 'Spør om medarbeideren har kompetanse som ikke blir brukt, og avtal hva dere gjør med det.',
    employeeText: 'Ta opp kompetanse du ikke får brukt i medarbeidersamtalen, og avtal med lederen din hva dere gjør med det.',
    qaEntryId: 'samtale-sporsmal-kompetanse',
  },
  // Beholde
  {
    id: 'beholde-nokkelkompetanse',
    strategy: 'beholde',
    title: 'Behold og del nøkkelkompetansen',
    text: 'Når bare én person har en påkrevd kompetanse, er tjenesten sårbar ved fravær og turnover. Del kompetansen gjennom mentorordning og kollegaveiledning, og gi nøkkelpersoner meningsfulle oppgaver og utviklingsmuligheter.',
    qaEntryId: 'tiltak-kristiansund-6-11-livsfase',
  },
  // Avvikle
  {
    id: 'vurder-avvikling',
    strategy: 'avvikle',
    title: 'Vurder om kompetanse eller kapasitet skal avvikles',
    text: 'Lais modell nevner avvikling som en mulighet: trengs ikke kompetansen lenger, kan kapasiteten frigjøres gjennom nye oppgaver, omstilling eller naturlig avgang – med god involvering av de ansatte og tillitsvalgte.',
    qaEntryId: 'analyse-lai-modell',
  },
  // Kartlegge
  {
    id: 'be-om-registrering',
    strategy: 'kartlegge',
    title: 'Be medarbeiderne registrere kompetansen sin',
    text: 'Analysen blir bare så god som registreringene. Minn medarbeiderne på å registrere og oppdatere kompetansen sin – det tar noen minutter i Teams.',
    employeeText: 'Analysen blir bare så god som registreringene. Registrer og oppdater kompetansen din med «min kompetanse» – det tar noen minutter i Teams.',
    qaEntryId: 'analyse-selvregistrering',
  },
];

/** Measures per kind of gap, most important first. Each list has at least one unfiltered measure. */
export const MEASURES_FOR_GAP: Record<GapKind, readonly string[]> = {
  critical: ['avklar-lovkrav', 'evu', 'utdanningspermisjon', 'stipend-tilskudd', 'lederutvikling', 'rekruttere-med-profil'],
  'upcoming-legal': ['planlegg-lovkrav', 'evu', 'stipend-tilskudd', 'utdanningspermisjon'],
  missing: ['evu', 'fagbrev', 'lederutvikling', 'kompetansepakker', 'tilskudd-helse', 'stipend-tilskudd', 'utdanningspermisjon', 'intern-rekruttering', 'rekruttere-med-profil'],
  below: ['laering-i-arbeidet', 'kurs-og-e-laering', 'digital-opplaering', 'kompetansepakker', 'tilskudd-helse'],
  expired: ['forny-sertifikat'],
  expiring: ['forny-sertifikat'],
  desired: ['individuell-plan', 'kurs-og-e-laering', 'fagbrev'],
  vulnerable: ['beholde-nokkelkompetanse', 'laering-i-arbeidet'],
  mobilisation: ['ta-i-bruk', 'oppgavedeling', 'medarbeidersamtale', 'vurder-avvikling'],
  unregistered: ['be-om-registrering'],
};

const byId = new Map(MEASURES.map((m) => [m.id, m]));

export function measureById(id: string): Measure | undefined {
  return byId.get(id);
}

/** What a gap kind concerns, so sector- and competence-specific measures are only offered where they fit. */
export interface GapFinding {
  kind: GapKind;
  /** People affected (for `vulnerable`: competences). */
  count: number;
  sectors: readonly string[];
  categories: readonly string[];
  competenceIds: readonly string[];
}

export interface MeasureGroup {
  kind: GapKind;
  title: string;
  count: number;
  measures: Measure[];
}

const intersects = (wanted: readonly string[] | undefined, found: readonly string[]) => !wanted || wanted.some((w) => found.includes(w));

/** Suggested measures for the findings, in the order of {@link GAP_KINDS}. */
export function suggestMeasures(findings: Iterable<GapFinding>): MeasureGroup[] {
  const byKind = new Map<GapKind, GapFinding>();
  for (const f of findings) if (f.count > 0) byKind.set(f.kind, f);
  const groups: MeasureGroup[] = [];
  for (const kind of GAP_KINDS) {
    const f = byKind.get(kind);
    if (!f) continue;
    const measures = MEASURES_FOR_GAP[kind]
      .map((id) => byId.get(id)!)
      .filter((m) => intersects(m.sectors, f.sectors) && intersects(m.categories, f.categories) && intersects(m.competenceIds, f.competenceIds));
    groups.push({ kind, title: GAP_KIND_NAMES[kind], count: f.count, measures });
  }
  return groups;
}
