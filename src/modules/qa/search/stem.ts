/**
 * Norwegian stemming: the Snowball Norwegian stemmer, plus two fixes for its blind spots with
 * agent nouns in -er (leder/ledere/lederne, søker/søkere) and their nynorsk -ar forms
 * (leiar/leiarar/leiarane), so singular, plural and definite forms meet in one stem.
 */
import { createRequire } from 'node:module';

interface SnowballStemmer {
  stem(word: string): string;
}

const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as { newStemmer(lang: string): SnowballStemmer };
const norwegian = snowball.newStemmer('norwegian');

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/** Stem of a folded (lower-case) word. Numbers and very short words are returned as they are. */
export function stem(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const out = computeStem(word);
  if (cache.size < CACHE_LIMIT) cache.set(word, out);
  return out;
}

function computeStem(word: string): string {
  if (word.length <= 3 || /^\p{N}/u.test(word)) return word;
  // Snowball strips "-lov" as if it were a suffix: opplæringsloven would become "opplæring".
  const law = /^(.*lov)(?:en|a|ene|er|ens|ar|ane)?$/.exec(word);
  if (law) return law[1] as string;
  // ledig/ledige (vacant) would become "led", the stem of leder (leader).
  if (word.startsWith('ledig')) return 'ledig';
  // ledelse/ledelsen (management) would become "led" too, and then match every entry naming a leder.
  if (/^ledelse[nr]?$|^ledelsene$/.test(word)) return 'ledelse';
  // Snowball takes the final s of kurs and ressurs for a genitive s («kur»), while kurset and
  // ressursen keep it: nouns whose own stem ends in -rs keep it in every form.
  const rs = /^(.*(?:kurs|ressurs))(?:et|en|ene|er|a|ane|ar)?$/.exec(word);
  if (rs) return rs[1] as string;
  let w = word;
  // Definite plural of -er/-ar nouns, which Snowball leaves as "ledern"/"leiarn".
  if (/(?:er|ar)ne$/.test(w) && w.length > 6) w = w.slice(0, -2);
  else if (/arar$/.test(w) && w.length > 6) w = w.slice(0, -2);
  let s = norwegian.stem(w);
  // ledere → leder → led: a second pass only for a remaining -er/-ar ending, as in the first.
  if (/(?:er|ar)$/.test(s) && s.length >= 5 && s !== w) s = norwegian.stem(s);
  return s;
}
