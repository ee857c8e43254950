import type { AnswerResult, ConfidenceLevel, Language } from './answer.js';
import { dedupeBody, focusBody } from './search/clean.js';
import type { DocumentId, KnowledgeBase, KnowledgeEntry } from './knowledge.js';
import { scopedAnswer } from './scope.js';

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
  /** Issue #13: whose rule it is, for the user's municipality («Lovkrav – gjelder alle kommuner», «Eksempel fra …»), and the summary/details as shown. */
  scoped?: { scopeLine: string; summary: string; details: string };
  sources: PresentedSource[];
  alternatives: { id: string; title: string }[];
  confidence: number;
  /** «high» (sure) or «low» (hedged: «Jeg tror du spør om …»); absent when declined. */
  level?: ConfidenceLevel;
  language?: Language;
  /** A line shown before the answer (the hedge, or the English lead-in); empty when none. */
  lead?: string;
  /** The entry's details with repeated sentences removed and off-question paragraphs last. */
  details?: string;
  /** The answer to a second question in the same message. */
  second?: { entry: KnowledgeEntry; sources: PresentedSource[] };
  /** Declined because a rule recognised a topic the sources do not cover (said in the decline). */
  outOfScope?: string;
  /** Declined because the question is about these other municipalities' plans (said in the decline). */
  otherPlaces?: string[];
}

/** Said before an answer to an English question. */
export const ENGLISH_LEAD = 'The sources are Norwegian, so the answer is in Norwegian:';

/** The hedge before a «low» answer. */
export function hedgeText(title: string, hasAlternatives = true): string {
  return hasAlternatives
    ? `Jeg tror du spør om «${title}». Stemmer ikke det, kan du velge et av de andre forslagene under eller spørre på en annen måte.`
    : `Jeg tror du spør om «${title}». Stemmer ikke det, kan du spørre på en annen måte.`;
}

export function sourceLabel(kb: KnowledgeBase, document: DocumentId, section: string, page?: number): string {
  const doc = kb.documents.get(document);
  const name = doc ? `${doc.owner}: ${doc.title} (${doc.year})` : `Dokument ${document}`;
  return page === undefined ? `${name}, ${section}` : `${name}, ${section}, s. ${page}`;
}

/** Why a question was declined, when a rule said so: a topic the sources do not cover, or other municipalities. */
export interface DeclineReason {
  outOfScope?: string;
  otherPlaces?: string[];
}

/**
 * The honest decline. With a reason (a topic such as «ferie» or «oppsigelse og avskjed», or other
 * municipalities), it says why: the sources do not cover it, so HR is the right place.
 */
export function notFoundMessage(hrContact: string, language: Language = 'nb', reason: DeclineReason = {}): string {
  const en =
    language === 'en'
      ? 'I could not find an answer to this in the municipality\'s documents. The sources are Norwegian, so the rest is in Norwegian: '
      : '';
  return en + `${whyNotFound(reason)} Ta kontakt med ${hrContact}, så får du hjelp.`;
}

function whyNotFound({ outOfScope, otherPlaces }: DeclineReason): string {
  if (otherPlaces?.length) {
    const names = otherPlaces.map((n) => n.charAt(0).toLocaleUpperCase('nb') + n.slice(1));
    return `Jeg har ikke de lokale planene til ${names.join(' og ')}. Kildene mine er lov og avtaleverk, KS-veiledning og kompetanseplanene til Bærum og Kristiansund som eksempler.`;
  }
  if (outOfScope) {
    return `Spørsmål om ${outOfScope} dekkes ikke av kildene jeg svarer ut fra: lov og avtaleverk om kompetanse og rekruttering, KS-veiledning og kommunenes kompetanseplaner.`;
  }
  return 'Jeg svarer bare ut fra kommunens kompetanseplaner og veiledere, og der finner jeg ikke noe som svarer godt på dette.';
}

/** «Kilde: …» with each document named once: «Temaplan … (2025), §4.1 og §4.2; KS …». */
export function citeLine(kb: KnowledgeBase, sources: readonly { document: DocumentId; section: string; page?: number }[]): string {
  const byDoc = new Map<DocumentId, string[]>();
  for (const s of sources) {
    const list = byDoc.get(s.document) ?? [];
    const section = s.page === undefined ? s.section : `${s.section}, s. ${s.page}`;
    if (!list.includes(section)) list.push(section);
    byDoc.set(s.document, list);
  }
  const parts = [...byDoc].map(([doc, sections]) => {
    const last = sections.pop() as string;
    return sourceLabel(kb, doc, sections.length ? `${sections.join(', ')} og ${last}` : last);
  });
  return `Kilde: ${parts.join('; ')}`;
}

function sourcesOf(kb: KnowledgeBase, entry: KnowledgeEntry): PresentedSource[] {
  return entry.sources.map((s) => ({ ...s, label: sourceLabel(kb, s.document, s.section, s.page) }));
}

/** Presents one entry as an answer (also used when a user picks a «Mente du …?» choice). */
export function presentEntry(
  kb: KnowledgeBase,
  entry: KnowledgeEntry,
  question: string,
  alternatives: { id: string; title: string }[] = [],
  confidence = 1,
  opts: { level?: ConfidenceLevel; language?: Language; second?: KnowledgeEntry } = {},
): PresentedAnswer {
  const level = opts.level ?? 'high';
  const language = opts.language ?? 'nb';
  const sources = sourcesOf(kb, entry);
  const sourceYear = entry.sources[0] ? kb.documents.get(entry.sources[0].document)?.year : undefined;
  const focused = focusBody(dedupeBody(`${entry.title}. ${entry.summary}`, entry.body), question, entry.title, entry.summary, sourceYear);
  // Scope hook (qa/scope.ts, issue #13): label line before the summary, scoped detail lines labelled and
  // ordered (law, own municipality, KS, other municipalities), system names from the municipality profile.
  const scoped = scopedAnswer({ ...entry, body: focused }, kb.kommune);
  const details = scoped.details;
  const leads: string[] = [];
  if (language === 'en') leads.push(ENGLISH_LEAD);
  if (level === 'low') leads.push(hedgeText(entry.title, alternatives.length > 0));
  const lead = leads.join(' ');
  const parts: string[] = [];
  if (lead) parts.push(lead);
  parts.push(scoped.scopeLine ? `${scoped.scopeLine}:\n${scoped.summary}` : scoped.summary);
  const second = opts.second ? { entry: opts.second, sources: sourcesOf(kb, opts.second) } : undefined;
  if (second) {
    // Both short answers first; the details follow.
    const secondScoped = scopedAnswer(second.entry, kb.kommune);
    parts.push(citeLine(kb, sources));
    parts.push(`${second.entry.title}${secondScoped.scopeLine ? ` (${secondScoped.scopeLine})` : ''}: ${secondScoped.summary}`);
    parts.push(citeLine(kb, second.sources));
    if (details) parts.push(details);
  } else {
    if (details) parts.push(details);
    parts.push(citeLine(kb, sources));
  }
  return {
    question,
    answered: true,
    entry,
    text: parts.join('\n\n'),
    sources,
    alternatives,
    confidence,
    level,
    language,
    lead,
    details,
    scoped,
    ...(second ? { second } : {}),
  };
}

export function presentResult(kb: KnowledgeBase, result: AnswerResult, hrContact: string): PresentedAnswer {
  if (result.answered && result.entry) {
    return presentEntry(kb, result.entry, result.question, result.alternatives, result.confidence, {
      level: result.level ?? 'high',
      language: result.language,
      ...(result.second ? { second: result.second.entry } : {}),
    });
  }
  const lines = [
    result.language === 'en'
      ? notFoundMessage(hrContact, 'en', result)
      : `Det finner jeg ikke i kunnskapsbasen. ${notFoundMessage(hrContact, 'nb', result)}`,
  ];
  if (result.alternatives.length) lines.push(`Mente du: ${result.alternatives.map((a) => a.title).join('; ')}?`);
  return {
    question: result.question,
    answered: false,
    text: lines.join('\n\n'),
    sources: [],
    alternatives: result.alternatives,
    confidence: result.confidence,
    language: result.language,
    ...(result.outOfScope ? { outOfScope: result.outOfScope } : {}),
    ...(result.otherPlaces ? { otherPlaces: result.otherPlaces } : {}),
    lead: '',
    details: '',
  };
}

/** The `ask --json` shape (see the README and ../shared/eval/README.md). */
export function toAskJson(p: PresentedAnswer) {
  return {
    question: p.question,
    answered: p.answered,
    id: p.entry?.id ?? null,
    title: p.entry?.title ?? null,
    /** «high» = sure answer, «low» = hedged («Jeg tror du spør om …»), null = declined. */
    confidence: p.answered ? (p.level ?? 'high') : null,
    language: p.language ?? 'nb',
    text: p.text,
    sources: p.sources.map(({ document, section }) => ({ document, section })),
    alternatives: p.alternatives,
    second: p.second
      ? { id: p.second.entry.id, title: p.second.entry.title, sources: p.second.sources.map(({ document, section }) => ({ document, section })) }
      : null,
  };
}
