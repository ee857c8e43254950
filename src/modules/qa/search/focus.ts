/**
 * Question focus: in a long message, the sentence that asks (usually the last, or one with a
 * question word, a modal verb or «krav på») matters more than the story around it. Also finds
 * a second question in the same message.
 */

import { isStopWord, WEAK_WORDS } from './normalize.js';
import { stem } from './stem.js';

/** One part of a message, and whether it asks something. */
export interface Segment {
  text: string;
  question: boolean;
}

export interface Focus {
  /** The asking part(s), joined; the whole message when nothing stands out. */
  focus: string;
  /** The rest (the story); empty when the whole message is the focus. */
  context: string;
  /** Separate questions (two or more when the message asks twice). */
  questions: string[];
}

/** Words that open a question in bokmål, nynorsk, dialect and English. */
const QUESTION_OPENERS = new Set(
  `hva hvem hvor hvordan hvorfor hvilke hvilken hvilket når kan må skal bør har er får trenger gjelder finnes stemmer
  kva kven kor korleis kvifor kva for kvar kossen koss åssen ka kem kordan
  what who where how why which when can must should do does is are has have may will would could`.split(/\s+/),
);
/** Phrases that ask even without a question word or mark. */
const ASKING = /(?<![\p{L}])(krav på|rett på|rett til|lurer på|lure på|spørsmål om|vil vite|veit ikkje|vet ikke|wondering|want to know|i need to know|tell me)(?![\p{L}])/iu;
/** Conjunctions and fillers before the question word («og hva …», «men kan …»). */
const LEAD_IN = /^(?:og|men|så|eller|altså|og så|but|and|so|or)\s+/i;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function isQuestion(text: string): boolean {
  const t = text.trim();
  if (t.endsWith('?')) return true;
  const w = words(t.replace(LEAD_IN, ''));
  if (w.length === 0) return false;
  if (QUESTION_OPENERS.has(w[0] as string)) return true;
  return ASKING.test(t);
}

/**
 * Splits a message into sentences and dash-separated parts («Jeg har en ansatt som … – hva må
 * jeg gjøre?»), keeping each part's question mark.
 */
export function segments(message: string): Segment[] {
  const parts = message
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=\S)|\s+[–—-]\s+|\s*;\s*|\s*:\s+(?=\p{Ll})/u)
    .map((s) => s.trim())
    .filter((s) => words(s).length > 0);
  return parts.flatMap(splitJoined).map((text) => ({ text, question: isQuestion(text) }));
}

/** «…, og hva/når/hvem …?» inside one question: a second question joined to the first. */
const JOINED = /,\s+(?:og|eller|men|and|or|og så)\s+(?=(?:hva|hvem|hvor|hvordan|hvorfor|hvilke|hvilken|hvilket|når|kva|kven|kor|korleis|kvifor|what|who|where|how|why|which|when)(?![\p{L}]))/iu;

/**
 * Splits a question that asks twice with a comma and «og»/«eller» before the second question word
 * («Hvilket system bruker vi, og hva må annonsen inneholde?»); the first part gets the question
 * mark, so both count as asked. A statement («Jeg er leder, og hva …») is left whole.
 */
function splitJoined(text: string): string[] {
  if (!text.endsWith('?')) return [text];
  const m = JOINED.exec(text);
  if (!m || m.index === undefined) return [text];
  const first = text.slice(0, m.index).trim();
  const rest = text.slice(m.index + m[0].length).trim();
  if (!isQuestion(first) || words(first).length < 3 || words(rest).length < 3) return [text];
  return [`${first}?`, rest];
}

/** Fewest words before a message counts as long enough to have a story around the question. */
export const MIN_STORY_WORDS = 12;

/** Longest message looked at for its focus (the analyzer reads at most 600 characters anyway). */
const MAX_FOCUS_CHARS = 2000;

/**
 * A question reported inside the story («En pårørende spurte meg hvilke krav loven stiller …»,
 * «hun lurer på om …»): the clause from the question word on.
 */
const EMBEDDED =
  /(?<![\p{L}])(?:spurte|spør|spurt|lurer på|lurte på|lure på|lurar på|vil vite|ville vite|asked|asks|asking|wonders|wondered|wants to know)(?:\s+[\p{L}]+){0,2}?\s+((?:hva|hvilke|hvilken|hvilket|hvordan|hvor|hvem|når|om|kva|korleis|kor|kven|what|which|how|whether|who|when)\s.*)$/iu;

/** A request reported in the story («hun ba om utdanningspermisjon», «asked for educational leave»): what follows. */
const REQUESTED = /(?<![\p{L}])(?:ba om|bad om|søkte om|søkt om|spurte etter|asked for|asking for|applied for|requested|asking whether|asking if|asked whether|asked if)\s+(.*)$/iu;

const FRAMING = new Set(WEAK_WORDS.map(stem));
/**
 * Words that do not name a topic in a closing question: «Hva sier reglene?», and the English function
 * words (the message is read before it is translated): «What do I tell her?», «What are the rules?».
 */
const CLOSING_FRAMING = new Set(
  `regel regler reglene regelen rules rule what which how who when where why do does did i we you he she they it its is are was be
  the a an to of in on for about tell say answer reply should can could would will shall must may my our your her his him them me us
  now then here there this that these those apply applies any anything`.split(/\s+/),
);

/** True for a word that frames a closing question without naming a topic («reglene», «rules», «tell»). */
export function isFramingWord(word: string): boolean {
  const w = word.toLowerCase();
  return CLOSING_FRAMING.has(w) || FRAMING.has(stem(w));
}

/** True when a sentence has no word that could name a topic («Hva kan jeg svare?», «Hva gjør jeg nå?»). */
function contentFree(text: string): boolean {
  return words(text).every((w) => isStopWord(w) || isFramingWord(w) || /^\p{N}+$/u.test(w));
}

/**
 * «Hvem har rett?» after a story asks who is right, not about a right (rett på/til): the word names
 * no topic, and the story says what the disagreement is about.
 */
const WHO_IS_RIGHT = /^((?:(?:og|men|så)\s+)?(?:hvem|kven|kem|who)\s+(?:har|er|is|e))\s+(?:rett|right)((?:\s+(?:her|av\s+oss|of\s+us))?\s*\?)$/iu;

export function extractFocus(message: string): Focus {
  if (message.length > MAX_FOCUS_CHARS) return { focus: message, context: '', questions: [message] };
  const segs = segments(message).map((s) => (s.question ? { ...s, text: s.text.replace(WHO_IS_RIGHT, '$1$2') } : s));
  const total = words(message).length;
  // A sentence with a question mark is the question; one that only sounds like asking («jeg vet
  // ikke helt hvor jeg skal begynne», «kan være lurt») is then part of the story.
  const marked = segs.filter((s) => s.question && s.text.endsWith('?'));
  const asking = marked.length > 0 ? marked : segs.filter((s) => s.question);
  const questions = asking.length >= 2 ? asking.map((s) => s.text) : [message];
  if (segs.length < 2 || total < MIN_STORY_WORDS || asking.length === 0 || asking.length === segs.length) {
    return { focus: message, context: '', questions };
  }
  // «…spurte meg hvilke krav loven stiller. Hva kan jeg svare?»: the question asked is the one reported.
  if (asking.every((s) => contentFree(s.text))) {
    const reported = segs.filter((s) => !asking.includes(s)).map((s) => ({ s, m: EMBEDDED.exec(s.text) ?? REQUESTED.exec(s.text) }));
    // The reported question ends where the sentence goes on with «, og …»/«, men …».
    const cut = (clause: string): [string, string] => {
      const end = /,\s+(?:og|men|så|mens|and|but)\s/iu.exec(clause);
      return end ? [clause.slice(0, end.index), clause.slice(end.index + 1)] : [clause, ''];
    };
    const found = reported.filter((r) => r.m);
    if (found.length > 0) {
      const parts = reported.map((r) => {
        if (!r.m) return { asked: '', story: r.s.text };
        const [asked, rest] = cut(r.m[1] as string);
        return { asked, story: `${r.s.text.slice(0, r.m.index + r.m[0].length - (r.m[1] as string).length)}${rest}` };
      });
      return {
        focus: [...parts.map((x) => x.asked).filter(Boolean), ...asking.map((s) => s.text)].join(' '),
        context: parts.map((x) => x.story.trim()).filter(Boolean).join(' '),
        questions,
      };
    }
  }
  return {
    focus: asking.map((s) => s.text).join(' '),
    context: segs
      .filter((s) => !asking.includes(s))
      .map((s) => s.text)
      .join(' '),
    questions,
  };
}
