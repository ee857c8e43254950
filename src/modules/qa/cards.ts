import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineCard } from '../../cards/define-card.js';
import { notFoundMessage, type PresentedAnswer } from './present.js';

const alternative = z.object({ id: z.string(), title: z.string() });

const answerCard = defineCard(
  'qa-answer',
  z.object({
    answerId: z.string(),
    entryId: z.string(),
    title: z.string(),
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
  }),
);

const commandCard = defineCard('qa-command', z.object({ command: z.string().min(1) }));

/** «Mente du kommandoen «kompetansegap»?» with a button that sends the command. */
export function renderCommandSuggestionCard(command: string) {
  return commandCard.render({ command });
}

const notFoundCard = defineCard(
  'qa-not-found',
  z.object({ message: z.string(), alternatives: z.array(alternative), question: z.string(), askHr: z.boolean() }),
);

/** Whether the card offers «Send spørsmålet til HR» (when the bot has the hr-questions module). */
export interface AskHrOption {
  askHr?: boolean;
}

export type Feedback = 'none' | 'helpful' | 'notHelpful';

/** Renders an answer: the short answer first, details after, then sources; feedback buttons last. */
export function renderAnswerCard(p: PresentedAnswer, opts: { answerId?: string; feedback?: Feedback } & AskHrOption = {}) {
  const entry = p.entry;
  if (!entry) throw new Error('renderAnswerCard needs an answered result');
  const feedback = opts.feedback ?? 'none';
  return answerCard.render({
    answerId: opts.answerId ?? randomUUID(),
    entryId: entry.id,
    title: entry.title,
    summary: entry.summary,
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
  });
}

export function renderNotFoundCard(p: PresentedAnswer, hrContact: string, opts: AskHrOption = {}) {
  return notFoundCard.render({ message: notFoundMessage(hrContact, p.language ?? 'nb'), alternatives: p.alternatives, question: p.question.slice(0, 500), askHr: Boolean(opts.askHr) });
}

export function renderPresented(p: PresentedAnswer, hrContact: string, opts: AskHrOption = {}) {
  return p.answered ? renderAnswerCard(p, opts) : renderNotFoundCard(p, hrContact, opts);
}
