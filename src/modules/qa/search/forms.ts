/**
 * The form a question is written in, for reporting (eval per form): English, nynorsk, long
 * situational, or other. Detected from the text when an eval item does not say.
 */
import { isEnglish, type Glossary } from './glossary.js';
import { tokenize } from './normalize.js';

export type QuestionForm = 'english' | 'nynorsk' | 'long-situational' | 'other';

/** Words only nynorsk (and close dialects) write; two of them, or one in a short question, decide. */
const NYNORSK_MARKERS = new Set(
  `kva kven korleis kvifor kor kvar ikkje eg ein eit dei deira noko nokon nokre mykje fleire meir berre frå
  vere vore vert vart blei korso sjølv eigen eige eigne tilsette tilsett leiar leiarar leiaren leiarane
  medarbeidar medarbeidarar opplæringslova arbeidsmiljølova kommunelova barnehagelova lova avtalen heile
  heilt også korleis skulle kome kjem gjer gjere seie seier difor sidan utan døme særleg viktigaste
  tilsetjing tilsetting søkjar søkjarar stillinga stillingane planen planane krav kravet krava
  kompetanseplanen einingsleiar avdelingsleiar styrar rektoren opplæring opplæringa rettleiar`.split(/\s+/),
);
/** Also bokmål: only count these with another marker. */
const WEAK_NYNORSK = new Set('også krav kravet planen opplæring stillinga stillingane planane rektoren kome skulle'.split(' '));

export function detectForm(question: string, glossary: Glossary): QuestionForm {
  if (isEnglish(question, glossary)) return 'english';
  const words = tokenize(question).filter((t) => !t.numeric).map((t) => t.text);
  let strong = 0;
  for (const w of words) if (NYNORSK_MARKERS.has(w) && !WEAK_NYNORSK.has(w)) strong++;
  if (strong >= 2 || (strong === 1 && words.length <= 10)) return 'nynorsk';
  const sentences = question.split(/(?<=[.!?])\s+|\s+[–—-]\s+/).filter((s) => s.trim()).length;
  if (words.length >= 20 || (sentences >= 2 && words.length >= 14)) return 'long-situational';
  return 'other';
}
