/**
 * Builds the search index once at start: BM25F pseudo-frequencies per field (title, tags, summary,
 * body, source, examples), title postings, adjacent word pairs and which words are names (facets).
 */
import type { DocumentId, KnowledgeEntry, SourceDocument } from '../knowledge.js';
import { Analyzer } from './analyzer.js';
import type { Token } from './normalize.js';
import { stem } from './stem.js';
import type { SynonymTable } from './synonyms.js';
import type { SearchIndex } from './types.js';

interface FieldSpec {
  name: 'title' | 'tags' | 'summary' | 'body' | 'source' | 'examples';
  weight: number;
  /** BM25 length normalisation for the field. */
  b: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'title', weight: 3, b: 0.3 },
  { name: 'tags', weight: 2.5, b: 0.3 },
  { name: 'summary', weight: 1.5, b: 0.6 },
  { name: 'body', weight: 1, b: 0.75 },
  { name: 'source', weight: 0.6, b: 0 },
  // Example questions (chat, situation, nynorsk, English, abbreviation): a question worded like
  // one of them is strong evidence, but five or more of them together are long, so they are
  // length-normalised like the summary and weigh between the tags and the summary.
  { name: 'examples', weight: 2, b: 0.6 },
];

/** BM25 term-frequency saturation. */
export const K1 = 1.2;

/** A word is a name (facet) when the content writes it capitalised this often… */
const PROPER_MIN_SHARE = 0.9;
/** …in at least this many occurrences. */
const PROPER_MIN_COUNT = 4;

function sourceText(entry: KnowledgeEntry, documents?: ReadonlyMap<DocumentId, SourceDocument>): string {
  return entry.sources
    .map((s) => {
      const d = documents?.get(s.document);
      return d ? `${d.owner} ${d.title} ${d.short}` : '';
    })
    .join(' ');
}

function fieldTexts(entry: KnowledgeEntry, documents?: ReadonlyMap<DocumentId, SourceDocument>): Record<FieldSpec['name'], string> {
  return {
    title: entry.title,
    tags: entry.tags.join(' , '),
    summary: entry.summary,
    body: entry.body,
    source: sourceText(entry, documents),
    examples: entry.examples.join(' . '),
  };
}

/**
 * Builds the index once at start. `documents` (from the knowledge base) adds each entry's
 * source owner and title as a low-weight field, so "i Bærum" or "ifølge KS-veilederen" helps.
 */
export function buildIndex(
  entries: readonly KnowledgeEntry[],
  synonyms: SynonymTable,
  documents?: ReadonlyMap<DocumentId, SourceDocument>,
): SearchIndex {
  const analyzer = new Analyzer(synonyms);
  const sourceTokens = new Map<string, Token[]>();
  const tokens = entries.map((e) => {
    const t = fieldTexts(e, documents);
    return FIELDS.map((f) => {
      if (f.name !== 'source') return analyzer.contentTokens(t[f.name]);
      // Many entries share a source text: tokenise each once.
      let st = sourceTokens.get(t.source);
      if (!st) sourceTokens.set(t.source, (st = analyzer.contentTokens(t.source)));
      return st;
    });
  });

  // 1. Vocabulary of surface words, so compounds can be split against it; and the words the
  //    content writes capitalised (names, abbreviations), which become facets in questions.
  const surface = new Map<string, number>();
  const capitalised = new Map<string, number>();
  for (const fields of tokens) {
    FIELDS.forEach((f, fi) => {
      for (const w of fields[fi] as Token[]) {
        if (w.numeric || f.name === 'source') continue;
        surface.set(w.text, (surface.get(w.text) ?? 0) + 1);
        // Questions capitalise their first word: examples say nothing about names.
        if (f.name !== 'examples' && w.raw[0] !== w.text[0]) capitalised.set(w.text, (capitalised.get(w.text) ?? 0) + 1);
      }
    });
  }
  // Counted per stem, so "Kommunenes Sentralforbund" does not make every "kommune" a name.
  const stemCount = new Map<string, [number, number]>();
  for (const [w, n] of surface) {
    const st = stem(w);
    const c = stemCount.get(st) ?? [0, 0];
    c[0] += n;
    c[1] += capitalised.get(w) ?? 0;
    stemCount.set(st, c);
  }
  const properNouns = new Set<string>();
  for (const [st, [n, caps]] of stemCount) if (st.length >= 2 && n >= PROPER_MIN_COUNT && caps >= PROPER_MIN_SHARE * n) properNouns.add(st);
  const postings = new Map<string, Map<number, number>>();
  analyzer.setVocabulary(
    surface,
    {
      hasTerm: (t) => postings.has(t),
      cooccur: (terms) => {
        const lists = terms.map((t) => postings.get(t));
        const [first, ...rest] = lists;
        if (!first || rest.some((l) => !l)) return false;
        for (const doc of first.keys()) if (rest.every((l) => l?.has(doc))) return true;
        return false;
      },
    },
    properNouns,
  );

  // 2. Term frequencies per field, then BM25F pseudo-frequencies per (term, entry).
  const perDoc: Map<string, number[]>[] = [];
  const lengths: number[][] = [];
  for (const fields of tokens) {
    const tf = new Map<string, number[]>();
    const len: number[] = [];
    FIELDS.forEach((_, fi) => {
      const occ = analyzer.contentTerms(fields[fi] as Token[]);
      let n = 0;
      for (const o of occ) {
        let arr = tf.get(o.term);
        if (!arr) tf.set(o.term, (arr = new Array<number>(FIELDS.length).fill(0)));
        arr[fi] = (arr[fi] as number) + o.weight;
        if (o.weight >= 1) n++;
      }
      len.push(n);
    });
    perDoc.push(tf);
    lengths.push(len);
  }
  const avg = FIELDS.map((_, fi) => Math.max(1, lengths.reduce((s, l) => s + (l[fi] as number), 0) / Math.max(1, entries.length)));
  const titleField = FIELDS.findIndex((f) => f.name === 'title');
  const titlePostings = new Map<string, Set<number>>();
  perDoc.forEach((tf, doc) => {
    const len = lengths[doc] as number[];
    for (const [term, arr] of tf) {
      if ((arr[titleField] as number) > 0) {
        let t = titlePostings.get(term);
        if (!t) titlePostings.set(term, (t = new Set()));
        t.add(doc);
      }
      let x = 0;
      FIELDS.forEach((f, fi) => {
        const v = arr[fi] as number;
        if (v > 0) x += (f.weight * v) / (1 - f.b + (f.b * (len[fi] as number)) / (avg[fi] as number));
      });
      let p = postings.get(term);
      if (!p) postings.set(term, (p = new Map()));
      p.set(doc, x);
    }
  });

  const n = entries.length;
  const bigrams = new Set<string>();
  for (const fields of tokens) {
    for (const ts of fields) {
      for (let i = 1; i < ts.length; i++) {
        const a = ts[i - 1] as Token;
        const b = ts[i] as Token;
        if (!a.numeric && !b.numeric) bigrams.add(`${stem(a.text)} ${stem(b.text)}`);
      }
    }
  }
  return {
    entries,
    analyzer,
    postings,
    titlePostings,
    bigrams,
    idf: (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5)),
  };
}

