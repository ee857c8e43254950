/**
 * Out-of-scope questions: rules for the individual employee that the five source documents do
 * not cover (pay rates, pension, sick leave, holiday, overtime), and other municipalities'
 * plans. Such a question is declined; it must never get a hedged «Jeg tror du spør om …».
 * Runs on the folded question (after English translation), so it covers every language.
 */
import { isStopWord, tokenize } from './normalize.js';

/**
 * JavaScript's \b and \w are ASCII-only, and Norwegian words start and end with æ, ø, å too.
 * The rules are matched against the question's words joined by single spaces (see
 * {@link wordLine}), so a word boundary is a space and a word character anything else.
 */
const BOUNDARY = '(?:(?<= )(?=[^ ])|(?<=[^ ])(?= ))';
function u(re: RegExp, flags = 'u'): RegExp {
  return new RegExp(re.source.replace(/\\b/g, BOUNDARY).replace(/\\w/g, '[^ ]'), flags);
}

/** The words of a text, folded, joined by single spaces and padded with one on each side. */
export function wordLine(text: string): string {
  // No word is longer than 40 letters: junk is left out, so the rules stay fast on any input.
  return ` ${tokenize(text.slice(0, 2000), 80)
    .filter((t) => t.text.length <= 40)
    .map((t) => t.text)
    .join(' ')} `;
}

/** A topic outside the knowledge base and the words that signal it. */
interface ScopeRule {
  topic: string;
  /** Matches the folded question. */
  pattern: RegExp;
  /** An entry whose title matches this is about the topic after all (then not out of scope). */
  covered: RegExp;
  /**
   * The sources do cover this side of the topic (pay in local negotiations during parental leave):
   * a question that also matches this is judged as any other question.
   */
  unless?: RegExp;
}

const RULES: readonly ScopeRule[] = [
  {
    topic: 'ferie',
    pattern: u(/\b(ferie\w*|feriedag\w*|feriepeng\w*|sommerferie\w*|avspaser\w*|juleferie\w*|holidays?|vacation\w*|annual leave|time off in lieu)\b/u),
    covered: /ferie/u,
  },
  {
    topic: 'overtid',
    pattern: u(/\b(overtid\w*|merarbeid\w*|meirarbeid\w*|ubekvem\w*|nattillegg\w*|helgetillegg\w*|kveldstillegg\w*|overtime|unsocial hours)\b/u),
    covered: /overtid|ubekvem/u,
  },
  {
    topic: 'sykefravær for den enkelte',
    pattern:
      u(/\b(sykmeld\w*|sykemeld\w*|dialogmøt\w*|arbeidsavklaringspeng\w*|sjukmeld\w*|sjukemeld\w*|egenmeld\w*|eigenmeld\w*|sykepeng\w*|sjukepeng\w*|syk(?:t)? barn|sjukt barn|barnets sykedag\w*|omsorgsdag\w*|sick note|self-certification|self certification|sick pay|sick child)\b|\b(sick leave|sickness absence|off sick|call in sick)\b.*\b(days?|rules?|entitled|how long|doctor|report)\b|\b(days?|rules?|entitled|how long|doctor)\b.*\b(sick leave|off sick|sick)\b|\b(syk|sjuk|sykefravær\w*|sjukefråvær\w*)\b.*\b(dager|dagar|regler|reglar|rett|lenge|melde|melding|lege|legeerklæring)\b/u),
    covered: /sykmeld|sykemeld|egenmeld/u,
  },
  {
    topic: 'pensjon',
    pattern:
      // «jeg/min» close to «pensjon»: the asker's own pension. A senior «som snart går av med pensjon» in
      // the story of a question about kompetanseoverføring is not.
      u(/\b(pensjonsalder\w*|pensjonsopptjen\w*|pensjonspoeng\w*|pensjonsordning\w*|tjenestepensjon\w*|spk|klp|uføre\w*|retirement age|pension scheme)\b|\b(my|i)\b( \w+){0,4} (pension|retire)\w*|\bpensjon\w* (min|mi|mitt)\b|\bpensjon\w*\b.*\b(hvor mye|kor mykje|når kan|beregn\w*|få ut|ta ut)\b|\b(min|mi|jeg|eg)\b( \w+){0,4} pensjon\w*|\b(jeg|eg|meg)\b( \w+){0,4} afp\b|\bafp\b( \w+){0,4} (jeg|eg|meg|min)\b|\b(når kan|hvor mye|kor mykje)\b.*\bpensjon\w*|\b(hva|kva) (får|blir|fær)\b( \w+){0,3} (i )?pensjon\w*|\btaper (\w+ )?pensjon\w*/u),
    covered: /pensjonsalder|tjenestepensjon|pensjonsordning/u,
    // «Hvor mange er uføre …?», «Hvor mange velger delvis AFP?», «… for Bærum som arbeidsgiver»: the
    // plans' figures and the employer's view, not one person's pension.
    unless: u(/\b(hvor mange|kor mange|how many)\b(?! år| dager| timer| years| days)|\b(andel\w*|share of|som arbeidsgiver|as an employer)\b/u),
  },
  {
    topic: 'lønnssatser',
    pattern:
      u(/\b(lønnstrinn\w*|lønstrinn\w*|timelønn|timelønna|timelønnen|timeløn|timeløna|minstelønn\w*|minsteløn\w*|lønnstabell\w*|lønnsslipp\w*|lønsslipp\w*|lønningsdag\w*|utbetaling av lønn|tjener|tener|begynnerlønn\w*|startlønn\w*|årslønn\w*|månedslønn\w*|grunnlønn\w*|lønnsplassering\w*)\b|\b(hvor mye|kor mykje|hva|kva)\b[^.?!]{0,30}\b(lønn|løn|lønna|lønnen|lønna)\b[^.?!]{0,30}\b(lærer\w*|sykepleier\w*|assistent\w*|fagarbeider\w*|rektor\w*|styrer\w*|leder\w*|jeg|eg|meg|får|får en|ligger)\b|\bhvor mye (?:får|tjener|betales)\b|\b(hvor mye|kor mykje|kor mye)\b (?:kan|skal|bør|må) (?:jeg|eg|vi|me) (?:gi|by|tilby|betale|legge på)\b( \w+){0,2} (?:ham|han|henne|hun|ho|dem|deg|den ansatte|den tilsette) (?:i tillegg|ekstra|mer|for å)\b|\b(hvor mye|kor mykje|kor mye)\b (?:kan|skal|bør|må) (?:jeg|eg|vi|me) (?:by|tilby|betale)\b|\b(motbud\w*|mottilbud\w*|counter ?offer\w*|match (?:the|their|his|her) offer)\b|\b(skal|bør|burde|får|kan) ha i (lønn|løn)\b|\bligger (?:for )?(?:lavt|høyt|lågt) i (lønn|løn)\b|\b(earn|earns|paid per hour|hourly rate|salary scale|pay scale|pay slip|payslip|starting salary|minimum wage)\b|\bhow much\b.*\b(salary|pay|paid|wage)\b|\b(salary|pay|wage) (?:of|for) (?:a|an)\b/u),
    covered: /lønnstrinn|minstelønn|lønnstabell|begynnerlønn/u,
  },
  // Employment law the five documents never discuss (checked against the seeds: no «oppsigelse»,
  // «avskjed», «trakassering», «mobbing», «varsling», «passord»; no aml § 14-9).
  {
    topic: 'oppsigelse og avskjed',
    // The employer ending the employment. Not «har sagt opp» / «levert oppsigelse»: an employee who
    // resigned is turnover, which the sources discuss.
    pattern: u(/\b(oppsigelsestid\w*|oppseiingstid\w*|oppsigelsesvern\w*|oppsigelsessak\w*|saklig oppsigelse|saklig grunn|oppsagt|avskjed\w*|sparken|dismiss\w*|fire (?:him|her|them)|fired|lay off|laid off|notice period)\b|\b(si|seie|sei) opp (?:ham|han|henne|ho|en|ein|ei|den|dei|dem|vedkommende|ansatt\w*|tilsett\w*|arbeidstak\w*)\b|\b(kan|må|bør|skal) (?:jeg|eg|vi|me) (?:si|seie) (?:\w+ )?opp\b/u),
    covered: /oppsigelse|avskjed/u,
  },
  {
    topic: 'foreldrepermisjon og velferdspermisjon',
    pattern: u(/\b(foreldreperm\w*|pappaperm\w*|mammaperm\w*|fødselsperm\w*|fedrekvote\w*|velferdsperm\w*|omsorgsperm\w*|parental leave|maternity leave|paternity leave|compassionate leave)\b/u),
    covered: /velferdspermisjon|omsorgspermisjon/u,
    // HTA 4.2: employees on parental leave take part in the local pay negotiations.
    unless: u(/\b(lokale forhandling\w*|lokal forhandling\w*|lønnsforhandling\w*|lønsforhandling\w*|lønnsoppgjør\w*|lønsoppgjer\w*|forhandlingene|local (?:pay )?negotiations?|pay negotiations?)\b/u),
  },
  {
    topic: 'trakassering, mobbing og varsling',
    pattern: u(/\b(trakass\w*|mobb\w*|seksuell\w* (?:trakass\w*|krenk\w*|kommentar\w*|tilnærm\w*|merknad\w*)|uønsket seksuell\w*|sexual (?:comments?|remarks?|advances?)|krenkelse\w*|varsling\w*|varsle om kritikkverdig\w*|kritikkverdige forhold|harass\w*|bully\w*|bullied|whistleblow\w*)\b/u),
    covered: /trakass|mobbing|varsling/u,
  },
  {
    topic: 'fast ansettelse for midlertidig ansatte',
    pattern:
      u(/\b(krav|rett|retten) (?:på|til) (?:å bli |å få |ein |en )?(fast stilling|fast ansettelse|fast tilsetting|fast jobb|fast kontrakt|fast)\b|\b(bli|blitt|være|vere) fast ansatt\w*\b.*\b(etter|år|vikar\w*|midlertidig\w*)\b|\b(vikar\w*|midlertidig\w*)\b.*\b(krav|rett) (?:på|til) fast\b|\b(right to|entitled to) (?:a )?permanent (?:job|position|contract|post)\b/u),
    covered: /fast ansettelse|midlertidig/u,
  },
  {
    topic: 'innsyn i egne personopplysninger',
    pattern: u(/\b(krever|krev|ber om|be om|bed om|krav om|kravet om) innsyn\b|\binnsyn\w*\b.*\b(frist\w*|lagret|lagra|opplysninger|opplysningar)\b|\b(subject access|access request|right of access)\b/u),
    covered: /innsyn/u,
  },
  {
    topic: 'IT og tilganger',
    pattern: u(/\b(passord\w*|innlogging\w*|logge inn|logga inn|logget inn|logg inn|tofaktor\w*|password\w*|log in|login|sign in)\b/u),
    covered: /passord|innlogging/u,
  },
];

/**
 * Bigger towns and municipalities a leader may name. A name the knowledge base itself uses
 * (Bærum, Kristiansund, Halden, …) is never out of scope: the caller checks the index first.
 */
export const OTHER_PLACES: ReadonlySet<string> = new Set(
  `oslo bergen trondheim stavanger tromsø fredrikstad sandnes kristiansand sandefjord ålesund tønsberg moss skien bodø
  arendal hamar larvik asker lillestrøm sarpsborg porsgrunn haugesund molde gjøvik lillehammer harstad steinkjer narvik
  levanger namsos elverum kongsberg horten halden drammen lørenskog ullensaker nordre follo indre østfold ringsaker
  ringerike karmøy sola stjørdal os askøy øygarden bjørnafjorden alver lindesnes grimstad kongsvinger vestby ski
  ås frogn nesodden lier øvre eiker modum notodden kragerø vinje hammerfest vadsø vardø kirkenes sortland svolvær mo
  mosjøen rana vefsn orkland melhus malvik trondheims bergens oslos stavangers tromsøs`.split(/\s+/),
);

/** The out-of-scope topic a question is about, or undefined. */
export function outOfScopeTopic(text: string): { topic: string; covered: RegExp } | undefined {
  // Sentence by sentence: a rule's words must stand in one sentence («… nærmer seg pensjon. Jeg er
  // redd …» is not «jeg … pensjon»). The whole text is tried too, for run-on chat without stops.
  const sentences = text.length > 2000 ? [text] : text.split(/(?<=[.!?])\s+/u);
  const lines = sentences.length > 1 ? sentences.map(wordLine) : [wordLine(text)];
  for (const r of RULES) {
    if (lines.some((line) => r.pattern.test(line)) && !(r.unless && lines.some((line) => r.unless?.test(line)))) return { topic: r.topic, covered: r.covered };
  }
  return undefined;
}

/** Capitalised words before «kommune»/«municipality» that are no place («Our municipality», «Vår kommune»). */
const NOT_PLACES = new Set(
  `our my your their his her its this that the a an every each any which what whose another other same local neighbouring
  neighboring small smaller large larger big new whole entire home one no vår vårt min mi din hver hvilken denne nabo ny`.split(/\s+/),
);

/**
 * A place the story names counts only when it says where the asker is («hos oss i Bodø», «her i
 * Tromsø», «i Bodø kommune»), not where someone moves or comes from («flytter til Bergen», «moving
 * to Bergen»): the question is then still about the asker's own rules.
 */
export function storyPlaceIsOurs(story: string, place: string): boolean {
  const p = place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}])(?:i|in|hos|at|here in|her i)\\s+${p}(?![\\p{L}])|(?<![\\p{L}])${p}s?\\s+(?:kommune|municipality|council)(?![\\p{L}])`, 'iu').test(story);
}

/**
 * Place names in the question that the knowledge base does not know: a capitalised word before
 * «kommune», or a listed town. `known` says whether the index has the word. (A capitalised word
 * after «i» alone is too often a system or a document: «i Visma», «i Teams».)
 */
export function unknownPlaces(question: string, known: (word: string) => boolean): string[] {
  const out = new Set<string>();
  const re = /(\p{Lu}[\p{L}-]+)\s+(?:kommune|kommunes|kommune's|municipality|council)(?![\p{L}])/gu;
  for (let m = re.exec(question); m !== null; m = re.exec(question)) {
    const raw = m[1] ?? '';
    // An abbreviation or a short word is not a place name.
    if (raw.length < 3 || raw === raw.toUpperCase()) continue;
    const w = raw.toLowerCase();
    // «Når kommune…», «Hvilken kommune», «Our municipality»: a question word or determiner is no place.
    if (isStopWord(w) || NOT_PLACES.has(w)) continue;
    if (!known(w) && !known(w.replace(/s$/, ''))) out.add(w);
  }
  for (const w of question.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    if (OTHER_PLACES.has(w) && !known(w) && !known(w.replace(/s$/, ''))) out.add(w);
  }
  return [...out];
}

/** Adjective endings (pedagogisk, daglig, administrativ, øverste, faglig): a role name is adjective + noun. */
const ADJECTIVE = /(isk|ig|iv|ende|ste|ert|al|ell|ær)$/u;

/** Nouns naming a leader role: «pedagogisk leder», «daglig leder», «teknisk sjef». */
const ROLE_NOUN = /^(leder|ledere|lederen|lederne|leiar|leiarar|leiaren|sjef|sjefen|sjefer)$/u;

/**
 * Leader roles the question names that the sources never mention: an adjective or noun right
 * before «leder»/«sjef» («pedagogisk leder») that no entry writes together with it (as two words
 * or as one, «pedagogisk leder» / «pedagogiskleder»). Words that only frame (ny, god, min) and
 * stop words are not role names. `isKnownPair(a, b)` checks the content; `skip(w)` the framing words.
 */
export function unknownRoles(tokens: readonly string[], isKnownPair: (a: string, b: string) => boolean, skip: (w: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const noun = tokens[i] as string;
    const first = tokens[i - 1] as string;
    // «lederspenn leder», «enhetsleder leder»: a noun of its own before the role noun is no role name.
    if (!ROLE_NOUN.test(noun) || first.length < 4 || /leder|leiar|sjef/u.test(first) || !ADJECTIVE.test(first) || skip(first)) continue;
    if (!isKnownPair(first, noun)) out.push(`${first} ${noun}`);
  }
  return out;
}
