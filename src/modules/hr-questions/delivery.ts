/**
 * «Send spørsmålet til HR» on the delivery module: the cards to HR and back to the asker are
 * rendered when the dispatcher sends (the outbox holds only the question id), and a daily job
 * deletes question texts and decline counts older than HR_QUESTION_RETENTION_DAYS.
 */
import type { OutboxItemRecord } from '../../storage/ports/delivery.js';
import type { MessageRenderers, OutboundMessage } from '../delivery/dispatcher.js';
import { nextMorning } from '../samtale/delivery.js';
import { renderAnswerForAsker, renderHrCard } from './cards.js';
import { HRQ_ANSWER_KIND, HRQ_TO_HR_KIND, type HrQuestionsService } from './hr-questions-service.js';

const DAY_MS = 24 * 60 * 60_000;

const questionIdOf = (item: OutboxItemRecord) => (typeof item.data?.questionId === 'string' ? item.data.questionId : '');

/** A deleted question is not sent: the renderer fails the item (ids only in the log). */
export function registerHrQuestionRenderers(renderers: MessageRenderers, service: Pick<HrQuestionsService, 'answerForAsker'>): void {
  renderers.register(HRQ_TO_HR_KIND, async (item): Promise<OutboundMessage> => {
    const r = await service.answerForAsker(questionIdOf(item));
    if (!r) throw new Error('question deleted');
    const view = { id: r.id, question: r.question, askedAt: r.askedAt, ...(r.askerName ? { askerName: r.askerName } : {}) };
    // Sent after a colleague answered (this person could not be reached until now): show the answer, ask for none.
    if (r.answer !== undefined && r.answeredAt) {
      return { card: renderHrCard({ ...view, answer: r.answer, answeredAt: r.answeredAt, answeredByName: 'HR' }, { notice: 'Dette spørsmålet er allerede besvart av HR.', noticeStyle: 'default' }) };
    }
    return { card: renderHrCard(view) };
  });
  renderers.register(HRQ_ANSWER_KIND, async (item): Promise<OutboundMessage> => {
    const r = await service.answerForAsker(questionIdOf(item));
    if (!r || r.answer === undefined || !r.answeredAt) throw new Error('answer missing');
    return { card: renderAnswerForAsker({ question: r.question, answer: r.answer, answeredAt: r.answeredAt }) };
  });
}

/** Composition (main.ts): the renderers, and the daily deletion after the retention time. */
export async function wireHrQuestions(deps: {
  service: HrQuestionsService;
  renderers: MessageRenderers;
  scheduler: { every(name: string, intervalMs: number, handler: () => Promise<void>, firstAt?: Date): Promise<void> };
  clock: { now(): Date };
}): Promise<void> {
  registerHrQuestionRenderers(deps.renderers, deps.service);
  await deps.scheduler.every('hr-questions.purge', DAY_MS, async () => {
    await deps.service.purge(deps.clock.now());
  }, nextMorning(deps.clock.now()));
}
