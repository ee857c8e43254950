/**
 * «Send spørsmålet til HR» in Teams: the asker's form and «Send», HR's «Send svar» and
 * «Lagre som utkast til kunnskapsbasen», and HR's «ubesvarte spørsmål». Each handler parses the
 * card with zod, calls one use case and answers with a card.
 */
import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { card, cardRoutes, text } from '../../bot/card-route.js';
import type { TeamsRouteDeps } from '../../bot/identify.js';
import type { AppTurnState } from '../../bot/state.js';
import type { Capability } from '../../cards/help-card.js';
import { VERBS } from '../../cards/verbs.js';
import { audienceSchema, documentIdSchema, type SourceDocument } from '../qa/knowledge.js';
import { NO_DOCUMENT, renderCompose, renderDraftForm, renderHrCard, renderStatus, renderTopDeclined } from './cards.js';
import type { HrQuestionsService } from './hr-questions-service.js';
import { MAX_ANSWER, MAX_QUESTION, suggestTags } from './model.js';

export interface HrQuestionsTeamsDeps extends TeamsRouteDeps {
  hrQuestions: HrQuestionsService;
  /** The knowledge base's source documents, for the draft form. */
  documents: () => SourceDocument[];
}

export const HRQ_STALE_TEXT = 'Jeg forsto ikke svaret fra kortet – det kan være utdatert eller endret. Ingenting er sendt eller lagret.';

/** «ubesvarte spørsmål», also «ubesvarte», «ubesvarte spørsmålene» and without æøå («ubesvarte sporsmal»). */
export const UNANSWERED_COMMAND = /^\s*ubesvarte(\s+sp(ø|o|oe)rsm(å|a|aa)l(ene)?)?\s*[.!]?\s*$/i;

export const HR_QUESTIONS_CAPABILITY: Capability = {
  title: 'Send spørsmålet til HR',
  text: 'Finner ikke boten svaret, kan du sende spørsmålet til HR – med eller uten navnet ditt – og få svaret her. HR: skriv «ubesvarte spørsmål» for de vanligste spørsmålene uten svar.',
};

const id = z.string().trim().min(1).max(100);
const composeData = z.object({ verb: z.literal(VERBS.hrqCompose), question: z.string().max(4000).optional() });
const sendData = z.object({
  requestId: z.string().uuid(),
  question: z.string().max(MAX_QUESTION * 4).optional(),
  includeName: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
});
const answerData = z.object({ questionId: id, answer: z.string().max(MAX_ANSWER * 2).optional() });
const draftFormData = z.object({ questionId: id });
const draftSaveData = z.object({
  questionId: id,
  title: z.string().max(1000).default(''),
  summary: z.string().max(4000).default(''),
  tags: z.string().max(1000).default(''),
  audience: z.string().max(200).default(''),
  document: z.union([documentIdSchema, z.literal(NO_DOCUMENT), z.literal('')]).default(''),
  section: z.string().max(200).default(''),
});

export function registerHrQuestionRoutes(app: Application<AppTurnState>, deps: HrQuestionsTeamsDeps): void {
  const log = deps.logger?.child('hr-questions');
  const { hrQuestions } = deps;
  const refused = (reason: string) => card(renderStatus({ heading: 'Ikke gjort', lines: [reason], style: 'attention' }));
  // Asking HR works for anyone, also someone not in the organisation; the service decides what HR may do.
  const routes = cardRoutes(app, { ...deps, scope: 'hr-questions', stale: refused(HRQ_STALE_TEXT) });

  // «Send spørsmålet til HR» on a decline or after «Nei»: the form, with the question to edit.
  routes.submitPublic(
    VERBS.hrqCompose,
    composeData,
    async (d) => card(renderCompose({ requestId: randomUUID(), question: (d.question ?? '').trim().slice(0, MAX_QUESTION), retentionDays: hrQuestions.retentionDays })),
    { stale: text(HRQ_STALE_TEXT) },
  );

  routes.executePublic(VERBS.hrqSend, sendData, async (d, turn) => {
    const { requestId, question = '', includeName } = d;
    const asker = await turn.whoIs();
    const result = await hrQuestions.submit({ requestId, asker, question, includeName: includeName === true || includeName === 'true' });
    if (!result.ok) {
      if (result.code === 'empty' || result.code === 'too-long') {
        return card(renderCompose({ requestId, question: question.slice(0, MAX_QUESTION), retentionDays: hrQuestions.retentionDays, errorText: result.reason }));
      }
      return card(renderStatus({ heading: 'Spørsmålet er ikke sendt', lines: [result.reason], style: 'warning' }));
    }
    return card(
      renderStatus({
        heading: 'Spørsmålet er sendt til HR',
        style: 'good',
        lines: [
          result.sentTo === 1
            ? 'Det gikk til én person i HR, og svaret kommer her i chatten.'
            : `Det gikk til ${result.sentTo} personer i HR. Bare én av dem trenger å svare, og svaret kommer her i chatten.`,
          result.withName ? 'HR ser navnet ditt.' : 'HR ser ikke hvem du er.',
          `Spørsmålet slettes ${hrQuestions.retentionDays} dager etter at det ble sendt.`,
        ],
      }),
    );
  });

  routes.executePublic(VERBS.hrqAnswer, answerData, async (d, turn) => {
    const me = await turn.whoIs();
    const result = await hrQuestions.answer({ viewer: me, questionId: d.questionId, answer: d.answer ?? '' });
    if (result.ok) {
      const notice = result.askerReachable
        ? 'Svaret er sendt til den som spurte, gjennom boten.'
        : 'Svaret er lagret, men den som spurte kan ikke nås av boten nå (har fjernet Kompetansebot i Teams), så svaret kommer ikke fram gjennom boten.';
      return card(renderHrCard(result.view, { notice, noticeStyle: result.askerReachable ? 'good' : 'warning' }));
    }
    log?.info({ code: result.code }, 'hrq.answer.refused');
    if ('view' in result) return card(renderHrCard(result.view, { notice: result.reason, noticeStyle: result.code === 'already-answered' ? 'warning' : 'attention' }));
    return refused(result.reason);
  });

  routes.executePublic(VERBS.hrqDraftForm, draftFormData, async (d, turn) => {
    const result = await hrQuestions.viewForHr(await turn.whoIs(), d.questionId);
    if (!result.ok) return refused(result.reason);
    return card(renderDraftForm({ view: result.view, documents: deps.documents(), suggestedTags: suggestTags(result.view.question) }));
  });

  routes.executePublic(VERBS.hrqDraftSave, draftSaveData, async (d, turn) => {
    const me = await turn.whoIs();
    const audience = d.audience.split(',').map((a) => a.trim()).filter(Boolean);
    const badAudience = audience.filter((a) => !audienceSchema.safeParse(a).success);
    if (badAudience.length) return refused(HRQ_STALE_TEXT);
    const form = {
      title: d.title.trim(),
      summary: d.summary.trim(),
      tags: d.tags.split(',').map((t) => t.trim()).filter(Boolean),
      audience: audience.map((a) => audienceSchema.parse(a)),
      ...(d.document && d.document !== NO_DOCUMENT ? { document: d.document } : {}),
      section: d.section.trim(),
    };
    const result = await hrQuestions.saveDraft({ viewer: me, questionId: d.questionId, form });
    if (!result.ok && result.code === 'invalid') {
      const values = { title: d.title, summary: d.summary, tags: d.tags, audience: d.audience, document: d.document, section: d.section };
      return card(renderDraftForm({ view: result.view, documents: deps.documents(), suggestedTags: [], errors: result.errors, values }));
    }
    if (!result.ok) return refused(result.reason);
    const file = `${result.id}.md`;
    return card(
      renderStatus({
        kicker: 'Utkast til kunnskapsbasen',
        heading: `Utkastet er lagret: ${file}`,
        style: result.missingSource ? 'warning' : 'good',
        lines: [
          `Filen ligger i utkastmappa (KNOWLEDGE_DRAFTS_DIR). Boten bruker den ikke ennå.`,
          ...(result.missingSource ? ['Kilde mangler: fyll inn dokument og avsnitt i filen. `npm run kb:check` feiler til det er gjort.'] : []),
          'Kjør `npm run kb:check`, legg til flere eksempler på spørsmål, og flytt filen til en temamappe i content/knowledge (f.eks. content/knowledge/rekruttering) når den er klar.',
        ],
      }),
    );
  });

  routes.message(UNANSWERED_COMMAND, async (me) => {
    const result = await hrQuestions.topDeclined(me);
    if (!result.ok) return text(result.reason);
    log?.info({ employeeId: me.employeeId, rows: result.top.length }, 'hrq.topDeclined');
    return card(renderTopDeclined(result.top, result.retentionDays));
  });
}
