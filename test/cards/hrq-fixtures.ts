import type { AdaptiveCardJson } from '../../src/cards/define-card.js';
import { renderAnswerForAsker, renderCompose, renderDraftForm, renderHrCard, renderStatus, renderTopDeclined } from '../../src/modules/hr-questions/cards.js';

const view = { id: 'q-1', question: 'Hvor lenge har en *ny* ansatt prøvetid ${ikke-mal}?', askedAt: '2026-11-23T10:00:00.000Z' };
const answered = { ...view, askerName: 'Lars [Lærer]', answer: 'Seks måneder, se [aml § 15-6].', answeredAt: '2026-11-23T12:00:00.000Z', answeredByName: 'Hanne HR' };
const documents = [{ id: '003' as const, owner: 'Kristiansund kommune', title: 'Temaplan', year: 2025, short: 'Kristiansund temaplan', file: '003_9c3211eee2cb2027.txt', lineCount: 1500, sections: [{ id: '§4.1', title: 'Lovpålagte kompetansekrav', lines: '500–610' }] }];

/** Rendered fixtures of the hr-questions templates, for test/cards/templates.test.ts. */
export const hrqFixtures: Record<string, () => AdaptiveCardJson[]> = {
  'hrq-compose': () => [
    renderCompose({ requestId: '6f1c2d9e-8a7b-4c3d-9e0f-1a2b3c4d5e6f', question: 'Hvor lenge er prøvetiden?', retentionDays: 90 }),
    renderCompose({ requestId: '6f1c2d9e-8a7b-4c3d-9e0f-1a2b3c4d5e6f', question: '', retentionDays: 30, errorText: 'Skriv spørsmålet før du sender det.' }),
  ],
  'hrq-status': () => [renderStatus({ heading: 'Spørsmålet er sendt til HR', lines: ['Én person.', 'HR ser ikke hvem du er.'], style: 'good' }), renderStatus({ heading: 'Ikke gjort', lines: ['Nei.'], style: 'attention', kicker: 'Utkast' })],
  'hrq-hr': () => [renderHrCard(view), renderHrCard(answered, { notice: 'Svaret er sendt.', noticeStyle: 'good' }), renderHrCard(answered, { notice: 'Allerede besvart av HR.', noticeStyle: 'warning' })],
  'hrq-answer': () => [renderAnswerForAsker({ question: view.question, answer: answered.answer, answeredAt: answered.answeredAt })],
  'hrq-draft': () => [
    renderDraftForm({ view: answered, documents, suggestedTags: ['prøvetid', 'ansatt'] }),
    renderDraftForm({ view: answered, documents, suggestedTags: [], errors: ['Skriv minst ett stikkord.'], values: { title: 'Prøvetid', summary: 'Seks måneder.', tags: '', audience: 'leder,hr', document: '003', section: '§4.1' } }),
  ],
  'hrq-top': () => [renderTopDeclined([{ text: 'hva er lønna mi', count: 12 }, { text: 'ferie [jul]', count: 1 }], 90), renderTopDeclined([], 90)],
};
