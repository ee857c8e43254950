/**
 * Cards of «Send spørsmålet til HR»: use-case results into template data, nothing else.
 */
import { z } from 'zod';
import { defineCard as defineTemplate } from '../../cards/define-card.js';
import { markdownSafeDefinition } from '../../texts/index.js';
import { formatInstant } from '../../texts/dates.js';
import type { DeclinedQuestionCount } from './model.js';
import type { Audience, SourceDocument } from '../qa/knowledge.js';
import type { HrQuestionView } from './hr-questions-service.js';

/** This module's cards: no date at the start of a line becomes a numbered list in Teams (#12). */
const defineCard: typeof defineTemplate = (name, schema) => markdownSafeDefinition(defineTemplate(name, schema));

const composeCard = defineCard(
  'hrq-compose',
  z.object({ requestId: z.string().uuid(), question: z.string(), errorText: z.string(), retentionDays: z.number().int().positive() }),
);
const statusCard = defineCard(
  'hrq-status',
  z.object({
    kicker: z.string(),
    heading: z.string(),
    style: z.enum(['default', 'good', 'warning', 'attention']),
    lines: z.array(z.object({ text: z.string() })).min(1),
  }),
);
const hrCard = defineCard(
  'hrq-hr',
  z.object({
    questionId: z.string(),
    question: z.string(),
    askerText: z.string(),
    answered: z.boolean(),
    answer: z.string(),
    answeredText: z.string(),
    notice: z.string(),
    noticeStyle: z.enum(['default', 'good', 'warning', 'attention']),
  }),
);
const answerCard = defineCard('hrq-answer', z.object({ question: z.string(), answer: z.string(), footer: z.string() }));
const choice = z.object({ title: z.string(), value: z.string() });
const draftCard = defineCard(
  'hrq-draft',
  z.object({
    questionId: z.string(),
    question: z.string(),
    title: z.string(),
    summary: z.string(),
    tags: z.string(),
    audience: z.string(),
    audienceChoices: z.array(choice).min(1),
    document: z.string(),
    documentChoices: z.array(choice).min(2),
    section: z.string(),
    errors: z.array(z.object({ text: z.string() })),
  }),
);
const topCard = defineCard(
  'hrq-top',
  z.object({ intro: z.string(), rows: z.array(z.object({ countText: z.string(), text: z.string() })), footer: z.string() }),
);

/** Text from people shown in a card: keep it from being read as Markdown. */
const plain = (s: string) => s.replace(/([\\*_[\]()#>`~|])/g, '\\$1');

export function renderCompose(input: { requestId: string; question: string; retentionDays: number; errorText?: string }) {
  return composeCard.render({ requestId: input.requestId, question: input.question, errorText: input.errorText ?? '', retentionDays: input.retentionDays });
}

export function renderStatus(input: { heading: string; lines: string[]; style?: 'default' | 'good' | 'warning' | 'attention'; kicker?: string }) {
  return statusCard.render({ kicker: input.kicker ?? 'Spørsmål til HR', heading: input.heading, style: input.style ?? 'default', lines: input.lines.map((text) => ({ text })) });
}

/** HR's card: the question (and the name only when the asker chose to send it), «Svar», and after the answer «Lagre som utkast». */
export function renderHrCard(view: HrQuestionView, opts: { notice?: string; noticeStyle?: 'default' | 'good' | 'warning' | 'attention' } = {}) {
  const asked = formatInstant(view.askedAt);
  return hrCard.render({
    questionId: view.id,
    question: plain(view.question),
    askerText: view.askerName ? `Fra ${plain(view.askerName)}, sendt ${asked}` : `Sendt ${asked} uten navn – den som spurte får svaret gjennom boten.`,
    answered: view.answer !== undefined,
    answer: view.answer !== undefined ? plain(view.answer) : '',
    answeredText: view.answeredAt ? `Besvart av ${plain(view.answeredByName ?? 'HR')} ${formatInstant(view.answeredAt)}` : '',
    notice: opts.notice ?? '',
    noticeStyle: opts.noticeStyle ?? 'default',
  });
}

/** The asker's card: their question and HR's answer, marked as coming from HR. */
export function renderAnswerForAsker(input: { question: string; answer: string; answeredAt: string }) {
  return answerCard.render({
    question: plain(input.question),
    answer: plain(input.answer),
    footer: `Fra HR, ${formatInstant(input.answeredAt)}.`,
  });
}

/** The draft form's «no document chosen yet». */
export const NO_DOCUMENT = 'mangler';

const AUDIENCE_LABEL: Record<Audience, string> = { leder: 'Ledere', ansatt: 'Ansatte', hr: 'HR', tillitsvalgt: 'Tillitsvalgte' };

export function renderDraftForm(input: {
  view: HrQuestionView;
  documents: SourceDocument[];
  values?: { title: string; summary: string; tags: string; audience: string; document: string; section: string };
  suggestedTags: string[];
  errors?: string[];
}) {
  const v = input.values;
  return draftCard.render({
    questionId: input.view.id,
    question: plain(input.view.question),
    title: v?.title ?? input.view.question.slice(0, 120),
    summary: v?.summary ?? (input.view.answer ?? '').slice(0, 450),
    tags: v?.tags ?? input.suggestedTags.join(', '),
    audience: v?.audience ?? 'leder',
    audienceChoices: (Object.keys(AUDIENCE_LABEL) as Audience[]).map((a) => ({ title: AUDIENCE_LABEL[a], value: a })),
    document: v?.document || NO_DOCUMENT,
    documentChoices: [{ title: 'Velg dokument (mangler)', value: NO_DOCUMENT }, ...input.documents.map((d) => ({ title: `${d.short} (${d.year})`, value: d.id }))],
    section: v?.section ?? '',
    errors: (input.errors ?? []).map((text) => ({ text })),
  });
}

export function renderTopDeclined(top: DeclinedQuestionCount[], retentionDays: number) {
  return topCard.render({
    intro: top.length
      ? 'Spørsmål boten ikke fant svar på, flest først (høyst 20). Uten navn: boten lagrer ikke hvem som spurte.'
      : 'Boten har ikke avvist noen spørsmål i perioden. Her kommer spørsmålene den ikke finner svar på, etter antall.',
    rows: top.map((r) => ({ countText: `${r.count.toLocaleString('nb-NO')} ×`, text: plain(r.text) })),
    footer: `Telles de siste ${retentionDays} dagene (HR_QUESTION_RETENTION_DAYS). Svar som mangler, kan legges inn som nye oppføringer i kunnskapsbasen.`,
  });
}
