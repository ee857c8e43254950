/**
 * Text normalisation shared by the index and the query side: folding (case, Unicode forms,
 * typographic punctuation, foreign diacritics) and tokenising. Norwegian letters æ, ø and å
 * are kept: they carry meaning (får/far, lønn/lonn) and the content is written with them.
 */

/** One token as it appeared in the text, before stop-word removal and stemming. */
export interface Token {
  /** Folded form: lower case, NFC, foreign diacritics removed. */
  text: string;
  /** The original spelling (case kept), used for case-sensitive abbreviations. */
  raw: string;
  /** True when the token is a number such as 2018, 7,3 or 4.2.4. */
  numeric: boolean;
}

/** Longest question text the engine looks at; anything longer is cut (junk protection). */
export const MAX_QUERY_CHARS = 600;
/** Most tokens the engine analyses per question. */
export const MAX_QUERY_TOKENS = 40;

const FOREIGN_LETTERS: Record<string, string> = {
  ä: 'æ',
  ö: 'ø',
  é: 'e',
  è: 'e',
  ê: 'e',
  ë: 'e',
  á: 'a',
  à: 'a',
  â: 'a',
  ó: 'o',
  ò: 'o',
  ô: 'o',
  ü: 'u',
  ú: 'u',
  í: 'i',
  ï: 'i',
  ç: 'c',
  ñ: 'n',
};
const FOREIGN_RE = new RegExp(`[${Object.keys(FOREIGN_LETTERS).join('')}]`, 'g');

/**
 * Lower-cases and folds a text: NFC, typographic dashes/quotes to ASCII, soft hyphens and
 * zero-width characters removed, foreign diacritics (é, ü, ä, ö) mapped to Norwegian/ASCII.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00ad\u200b-\u200d\ufeff]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toLowerCase()
    .replace(FOREIGN_RE, (ch) => FOREIGN_LETTERS[ch] ?? ch);
}

/**
 * Words and numbers. A number may contain inner dots or commas (3.3, 4.2.4, 7,3, 18,5);
 * a hyphen splits words (KS-veilederen → ks, veilederen) because the parts are what people
 * type separately.
 */
const TOKEN_RE = /\p{N}+(?:[.,]\p{N}+)*|\p{L}[\p{L}\p{M}\p{N}]*/gu;

/** Splits a text into tokens (see {@link Token}); keeps the original spelling in `raw`. */
export function tokenize(text: string, maxTokens = Number.POSITIVE_INFINITY): Token[] {
  const out: Token[] = [];
  const nfc = text.normalize('NFC').replace(/[\u00ad\u200b-\u200d\ufeff]/g, '');
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(nfc); m !== null; m = TOKEN_RE.exec(nfc)) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    const numeric = (c >= 48 && c <= 57) || (c > 127 && /^\p{N}/u.test(raw));
    let folded = raw.toLowerCase();
    if (NON_PLAIN.test(folded)) folded = folded.replace(FOREIGN_RE, (ch) => FOREIGN_LETTERS[ch] ?? ch);
    out.push({ text: folded, raw, numeric });
    if (out.length >= maxTokens) break;
  }
  TOKEN_RE.lastIndex = 0;
  return out;
}

/** Anything beyond ASCII and æøå: only then is the foreign-letter map needed. */
const NON_PLAIN = /[^\x00-\x7fæøå]/;

/**
 * Function words, question words and filler of bokmål, nynorsk and common dialect spellings.
 * They carry no topic: dropping them keeps "a match on a generic word" from counting.
 * (Nynorsk/dialect forms are also mapped to bokmål through synonyms.yml; listing both here
 * means a missing map entry does not make a filler word count as content.)
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `
a å alle allerede alt altså andre annen annet anten at av
bak bare begge bak blant ble blei bli blir blitt bort både bør burde
ca cirka
da dag de dei deim deira dem den denne dere deres dermed derfor dersom det dette deg di din dine dit disse ditt du då dykk dykkar
eg ei eit ein eller elles en enda enn ennå enten er et ett etter ettersom
for foran fordi forresten fortsatt fra framfor fremfor frå før får fått
ganske gi gir ga gav gitt gjerne gjennom gjorde gjør gjøre gjort
ha hadde ham han hans har hatt hass hen henne hennar hennes her hit hjå hos hun ho hvem hva hvilke hvilken hvilket
hvis hvor hvordan hvorfor hvorvidt hver hvert hverandre
i ifra igjen ikke ikkje inkje ingen ingenting inn innen innenfor inni isteden istedenfor
ja jeg jo
kan kanskje kva kvar kvarandre kven kvifor kor korleis korso korsen kun kunne kunnet
la lage laga likevel litt liksom lissom
man mange me med medan meg meir mellom men mens mer mest mi min mine mitt mot mye mykje må måtte
nei noe noen noko nokon nokre nå når nokså nettopp
og også om omkring oss opp oppå osv over
pga på
elr ell evt mtp ang vedr iallfall uansett
siden slags omtrent stk
rundt
sa samme same seg selv sin sine sitt sjøl sjølv skal skulle slik slike slikt som sånn sånt så
til tips typ
under ut utan uten utenfor
verken vi via vil ville vår våre vårt var vart vere være vært ved veldig viss vorte
egentlig egentleg faktisk helst vel nok få asså heilt helt
hei hallo takk heisann morn hmm eh ehm haha lol mvh hilsen
`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * True for a token written as an upper-case abbreviation (HA, MU, TV). Such a token is kept even
 * when its lower-case form is a stop word: "HA" (hovedansvar/Hovedavtalen) is not "ha".
 */
export function isAbbreviation(t: Token): boolean {
  return t.raw.length >= 2 && t.raw.length <= 6 && /^\p{Lu}+$/u.test(t.raw);
}

/** True when the folded word is a stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * Words that do carry some meaning but mostly frame a question ("hva sier planen", "tar imot",
 * "gjelder", "bruke"): they count for little, both in ranking and in how much of a question an
 * entry must cover. Matched on stems, so inflected forms are included.
 */
export const WEAK_WORDS: readonly string[] = `
si sier sa sagt stå står stod ta tar tok tatt imot fikk finnes fins finne finner gjelder gjelde gjaldt
bruke brukes brukt trenger trenge trengs mene mener menes ment tro tror synes syns vite veit vet
forstå forstår skjønner skjønne fatter aner
hjelp hjelpe spørsmål svar svare lure lurer lurt type typer måte måter ting greie greier huske husker huska
enkelte enkelt ulike ulik forskjellige forskjellig visse viss særlig spesielt generelt typisk vanlig vanlige
viktig viktigste mulig mulige nødvendig riktig riktige bra dårlig god gode godt best beste stor store konkret konkrete forslag
liten lite små lang lange kort korte høy høyt høye lav lavt lave
ny nye nytt gammel gamle siste første neste senere tidligere nylig lenge ofte sjelden alltid aldri snart
ifølge iht jf angående
kommer komme kom gå går gikk sette setter satt legge legger lagt holde holder vise viser vist
se ser sett høre hører lese leser spørre spør spurte spurt fortelle forteller fortalt fortalte forklare forklar forklarer beskrive
bety betyr betyder innebærer handler dreier skje skjer skjedde prøve prøver begynne begynner
snakke snakker klare klarer åpne åpner åpnes sørge sørger
stille stiller stilles bestå består besto fungere fungerer funke funker funka virke virker
forskjell forskjellen skille eksempel eksempler problem problemet
egen eget egne eigen eige eigne hel hele heile
sliter slite plis please ok okei forvirret forvirrende usikker
null peiling kjempe skikkelig tilbake fram frem videre
selve sitte sitter vare varer varte ligge ligger lå ligget beskjed
`
  .split(/\s+/)
  .filter(Boolean);
