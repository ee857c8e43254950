import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type AdaptiveCardJson, defineCard } from '../../cards/define-card.js';
import { notFoundMessage, type PresentedAnswer } from './present.js';

const alternative = z.object({ id: z.string(), title: z.string() });

const answerSchema = z.object({
    answerId: z.string(),
    entryId: z.string(),
    title: z.string(),
    scopeLabel: z.string(),
    summary: z.string(),
    details: z.string(),
    sources: z.array(z.object({ label: z.string() })).min(1),
    alternatives: z.array(alternative),
    alternativeIds: z.array(z.string()),
    feedback: z.enum(['none', 'helpful', 'notHelpful']),
    feedbackText: z.string(),
    /** The question asked (the asker's own text), for «Send spørsmålet til HR» after «Nei». */
    question: z.string(),
    askHr: z.boolean(),
    /** The hedge («Jeg tror du spør om …») and/or the English lead-in; empty for none. */
    lead: z.string().default(''),
    /** The answer to a second question in the same message, shown below the first. */
    second: z
      .object({ title: z.string(), summary: z.string(), sources: z.array(z.object({ label: z.string() })).min(1) })
      .nullable()
      .default(null),
});

type Alternative = z.output<typeof alternative>;

/** «Mente du …?» with one button per entry (both Q&A cards). */
function alternativesBlock(alternatives: readonly Alternative[]) {
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      { type: 'TextBlock', text: 'Mente du …?', weight: 'Bolder', size: 'Small', wrap: true },
      ...alternatives.map((a) => ({
        type: 'Container',
        spacing: 'Small',
        style: 'emphasis',
        selectAction: { type: 'Action.Submit', title: a.title, data: { verb: 'qa.show', entryId: a.id } },
        items: [{ type: 'TextBlock', text: `${a.title} ›`, wrap: true, weight: 'Bolder', size: 'Small' }],
      })),
    ],
  };
}

/** cards/qa-answer.json built in code (sent on every answered question; see defineCard). */
function buildAnswerCard(d: z.output<typeof answerSchema>): AdaptiveCardJson {
  const body: unknown[] = [];
  if (d.lead !== '') body.push({ type: 'TextBlock', text: d.lead, wrap: true, isSubtle: true });
  body.push({ type: 'TextBlock', text: d.title, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' });
  if (d.scopeLabel !== '') body.push({ type: 'TextBlock', text: d.scopeLabel, weight: 'Bolder', size: 'Small', color: 'Accent', wrap: true, spacing: 'Small' });
  body.push({ type: 'TextBlock', text: d.summary, wrap: true });
  if (d.details !== '') body.push({ type: 'TextBlock', text: d.details, wrap: true, spacing: 'Medium' });
  body.push({
    type: 'Container',
    spacing: 'Medium',
    separator: true,
    items: [
      { type: 'TextBlock', text: 'Kilde', weight: 'Bolder', size: 'Small', wrap: true },
      ...d.sources.map((s) => ({ type: 'TextBlock', text: s.label, size: 'Small', isSubtle: true, wrap: true, spacing: 'None' })),
    ],
  });
  if (d.second !== null) {
    body.push({
      type: 'Container',
      spacing: 'Medium',
      separator: true,
      items: [
        { type: 'TextBlock', text: d.second.title, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: d.second.summary, wrap: true },
        ...d.second.sources.map((s) => ({ type: 'TextBlock', text: `Kilde: ${s.label}`, size: 'Small', isSubtle: true, wrap: true, spacing: 'None' })),
      ],
    });
  }
  if (d.alternatives.length > 0) body.push(alternativesBlock(d.alternatives));
  if (d.feedback === 'none') {
    const data = (helpful: boolean) => ({ answerId: d.answerId, entryId: d.entryId, helpful, alternatives: [...d.alternativeIds], question: d.question });
    body.push({
      type: 'Container',
      spacing: 'Medium',
      separator: true,
      items: [
        { type: 'TextBlock', text: 'Var dette nyttig?', size: 'Small', wrap: true },
        {
          type: 'ActionSet',
          actions: [
            { type: 'Action.Execute', verb: 'qa.feedback', title: 'Ja', data: data(true) },
            { type: 'Action.Execute', verb: 'qa.feedback', title: 'Nei', data: data(false) },
          ],
        },
      ],
    });
  } else {
    body.push({ type: 'TextBlock', text: d.feedbackText, size: 'Small', isSubtle: true, wrap: true, spacing: 'Medium', separator: true });
  }
  if (d.feedback === 'notHelpful' && d.askHr) {
    body.push({ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Send spørsmålet til HR', data: { verb: 'hrq.compose', question: d.question } }] });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
  };
}

/** The Q&A cards' definitions (tests compare their builders with their templates). */
export const answerCard = defineCard('qa-answer', answerSchema, buildAnswerCard);

const commandCard = defineCard('qa-command', z.object({ command: z.string().min(1) }));

/** «Mente du kommandoen «kompetansegap»?» with a button that sends the command. */
export function renderCommandSuggestionCard(command: string) {
  return commandCard.render({ command });
}

/** `rephrase`: the «skriv med andre ord» tip, left out when the topic is outside the sources (rewording will not help). */
const notFoundSchema = z.object({ message: z.string(), alternatives: z.array(alternative), question: z.string(), askHr: z.boolean(), rephrase: z.boolean() });

/** cards/qa-not-found.json built in code (sent on every declined question; see defineCard). */
function buildNotFoundCard(d: z.output<typeof notFoundSchema>): AdaptiveCardJson {
  const body: unknown[] = [
    { type: 'TextBlock', text: 'Det finner jeg ikke i kunnskapsbasen', weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
    { type: 'TextBlock', text: d.message, wrap: true },
  ];
  if (d.alternatives.length > 0) body.push(alternativesBlock(d.alternatives));
  if (d.rephrase) {
    body.push({
      type: 'TextBlock',
      text: 'Tips: skriv spørsmålet med andre ord, eller skriv «hjelp» for å se hva jeg kan svare på.',
      size: 'Small',
      isSubtle: true,
      wrap: true,
      spacing: 'Medium',
    });
  }
  const actions: unknown[] = [];
  if (d.askHr) actions.push({ type: 'Action.Submit', title: 'Send spørsmålet til HR', data: { verb: 'hrq.compose', question: d.question } });
  actions.push({ type: 'Action.Submit', title: 'Hva kan jeg spørre om?', data: { verb: 'help.show' } });
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions };
}

export const notFoundCard = defineCard('qa-not-found', notFoundSchema, buildNotFoundCard);

/** Whether the card offers «Send spørsmålet til HR» (when the bot has the hr-questions module). */
export interface AskHrOption {
  askHr?: boolean;
}

export type Feedback = 'none' | 'helpful' | 'notHelpful';

/** Renders an answer: the short answer first, details after, then sources; feedback buttons last. */
export function renderAnswerCard(p: PresentedAnswer, opts: { answerId?: string; feedback?: Feedback } & AskHrOption = {}) {
  return answerCard.render(answerCardData(p, opts));
}

/** The data of the answer card. */
export function answerCardData(p: PresentedAnswer, opts: { answerId?: string; feedback?: Feedback } & AskHrOption = {}): z.input<typeof answerSchema> {
  const entry = p.entry;
  if (!entry) throw new Error('renderAnswerCard needs an answered result');
  const feedback = opts.feedback ?? 'none';
  return {
    answerId: opts.answerId ?? randomUUID(),
    entryId: entry.id,
    title: entry.title,
    // Issue #13: whose rule it is, above the answer; labelled, ordered details (qa/scope.ts).
    scopeLabel: p.scoped?.scopeLine ?? '',
    summary: p.scoped?.summary ?? entry.summary,
    details: p.details ?? entry.body,
    sources: p.sources.map((s) => ({ label: s.label })),
    alternatives: p.alternatives,
    alternativeIds: p.alternatives.map((a) => a.id),
    feedback,
    feedbackText:
      feedback === 'helpful'
        ? 'Takk for tilbakemeldingen! Fint at svaret var nyttig.'
        : opts.askHr
          ? 'Takk for tilbakemeldingen! Vi bruker den til å forbedre svarene. Vil du heller spørre HR, kan du sende spørsmålet dit.'
          : 'Takk for tilbakemeldingen! Vi bruker den til å forbedre svarene.',
    question: p.question.slice(0, 500),
    askHr: Boolean(opts.askHr),
    lead: p.lead ?? '',
    second: p.second
      ? { title: p.second.entry.title, summary: p.second.entry.summary, sources: p.second.sources.map((s) => ({ label: s.label })) }
      : null,
  };
}

export function renderNotFoundCard(p: PresentedAnswer, hrContact: string, opts: AskHrOption = {}) {
  return notFoundCard.render(notFoundCardData(p, hrContact, opts));
}

/** The data of the «Det finner jeg ikke» card. */
export function notFoundCardData(p: PresentedAnswer, hrContact: string, opts: AskHrOption = {}): z.input<typeof notFoundSchema> {
  return { message: notFoundMessage(hrContact, p.language ?? 'nb', p), alternatives: p.alternatives, question: p.question.slice(0, 500), askHr: Boolean(opts.askHr), rephrase: !p.outOfScope };
}

export function renderPresented(p: PresentedAnswer, hrContact: string, opts: AskHrOption = {}) {
  return p.answered ? renderAnswerCard(p, opts) : renderNotFoundCard(p, hrContact, opts);
}
