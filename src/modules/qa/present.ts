import type { AnswerResult } from './answer.js';
import type { DocumentId, KnowledgeBase, KnowledgeEntry } from './knowledge.js';

export interface PresentedSource {
  document: DocumentId;
  section: string;
  /** «Kristiansund kommune: Temaplan … (2025), §4.1»; «…, s. 5» when the source has a page. */
  label: string;
}

/**
 * What a person is shown for one question, independent of Teams: the bot's card and the
 * `ask` command line both render from this, so they cannot drift apart.
 */
export interface PresentedAnswer {
  question: string;
  answered: boolean;
  entry?: KnowledgeEntry;
  /** Full text the user reads (summary, details, sources; or the honest «finner ikke»). */
  text: string;
  sources: PresentedSource[];
  alternatives: { id: string; title: string }[];
  confidence: number;
}

export function sourceLabel(kb: KnowledgeBase, document: DocumentId, section: string, page?: number): string {
  const doc = kb.documents.get(document);
  const name = doc ? `${doc.owner}: ${doc.title} (${doc.year})` : `Dokument ${document}`;
  return page === undefined ? `${name}, ${section}` : `${name}, ${section}, s. ${page}`;
}

export function notFoundMessage(hrContact: string): string {
  return (
    'Jeg svarer bare ut fra kommunens kompetanseplaner og veiledere, og der finner jeg ikke noe som svarer godt ' +
    `på dette. Ta kontakt med ${hrContact}, så får du hjelp.`
  );
}

/** Presents one entry as an answer (also used when a user picks a «Mente du …?» choice). */
export function presentEntry(
  kb: KnowledgeBase,
  entry: KnowledgeEntry,
  question: string,
  alternatives: { id: string; title: string }[] = [],
  confidence = 1,
): PresentedAnswer {
  const sources = entry.sources.map((s) => ({
    document: s.document,
    section: s.section,
    label: sourceLabel(kb, s.document, s.section, s.page),
  }));
  const parts = [entry.summary];
  if (entry.body) parts.push(entry.body);
  parts.push(`Kilde: ${sources.map((s) => s.label).join('; ')}`);
  return { question, answered: true, entry, text: parts.join('\n\n'), sources, alternatives, confidence };
}

export function presentResult(kb: KnowledgeBase, result: AnswerResult, hrContact: string): PresentedAnswer {
  if (result.answered && result.entry) {
    return presentEntry(kb, result.entry, result.question, result.alternatives, result.confidence);
  }
  const lines = [`Det finner jeg ikke i kunnskapsbasen. ${notFoundMessage(hrContact)}`];
  if (result.alternatives.length) lines.push(`Mente du: ${result.alternatives.map((a) => a.title).join('; ')}?`);
  return {
    question: result.question,
    answered: false,
    text: lines.join('\n\n'),
    sources: [],
    alternatives: result.alternatives,
    confidence: result.confidence,
  };
}

/** The `ask --json` shape (see the README and ../shared/eval/README.md). */
export function toAskJson(p: PresentedAnswer) {
  return {
    question: p.question,
    answered: p.answered,
    id: p.entry?.id ?? null,
    title: p.entry?.title ?? null,
    text: p.text,
    sources: p.sources.map(({ document, section }) => ({ document, section })),
    alternatives: p.alternatives,
  };
}
