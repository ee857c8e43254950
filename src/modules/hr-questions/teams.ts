/**
 * «Send spørsmålet til HR» in Teams: the asker's form and «Send», HR's «Send svar» and
 * «Lagre som utkast til kunnskapsbasen», and HR's «ubesvarte spørsmål». Each handler parses the
 * card with zod, calls one use case and answers with a card.
 */
import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { sendCard } from '../../bot/reply.js';
import type { AppTurnState } from '../../bot/state.js';
import type { Capability } from '../../cards/help-card.js';
import { VERBS } from '../../cards/verbs.js';
import { identifyUser, type TeamsRouteDeps, unknownUserText } from '../org/teams.js';
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
  const whoIs = (context: TurnContext) => identifyUser(context, deps.org, { lookupMember: deps.lookupMember, logger: log });
  const refused = (text: string) => renderStatus({ heading: 'Ikke gjort', lines: [text], style: 'attention' });

  // «Send spørsmålet til HR» on a decline or after «Nei»: the form, with the question to edit.
  app.adaptiveCards.actionSubmit(VERBS.hrqCompose, async (context) => {
    const parsed = composeData.safeParse(context.activity.value);
    if (!parsed.success) {
      await context.sendActivity(HRQ_STALE_TEXT);
      return;
    }
    await sendCard(context, renderCompose({ requestId: randomUUID(), question: (parsed.data.question ?? '').trim().slice(0, MAX_QUESTION), retentionDays: hrQuestions.retentionDays }));
  });

  app.adaptiveCards.actionExecute(VERBS.hrqSend, async (context, _state, raw) => {
    const parsed = sendData.safeParse(raw);
    if (!parsed.success) return refused(HRQ_STALE_TEXT) as never;
    const { requestId, question = '', includeName } = parsed.data;
    const asker = await whoIs(context);
    const result = await hrQuestions.submit({ requestId, asker, question, includeName: includeName === true || includeName === 'true' });
    if (!result.ok) {
      if (result.code === 'empty' || result.code === 'too-long') {
        return renderCompose({ requestId, question: question.slice(0, MAX_QUESTION), retentionDays: hrQuestions.retentionDays, errorText: result.reason }) as never;
      }
      return renderStatus({ heading: 'Spørsmålet er ikke sendt', lines: [result.reason], style: 'warning' }) as never;
    }
    return renderStatus({
      heading: 'Spørsmålet er sendt til HR',
      style: 'good',
      lines: [
        result.sentTo === 1
          ? 'Det gikk til én person i HR, og svaret kommer her i chatten.'
          : `Det gikk til ${result.sentTo} personer i HR. Bare én av dem trenger å svare, og svaret kommer her i chatten.`,
        result.withName ? 'HR ser navnet ditt.' : 'HR ser ikke hvem du er.',
        `Spørsmålet slettes ${hrQuestions.retentionDays} dager etter at det ble sendt.`,
      ],
    }) as never;
  });

  app.adaptiveCards.actionExecute(VERBS.hrqAnswer, async (context, _state, raw) => {
    const parsed = answerData.safeParse(raw);
    if (!parsed.success) return refused(HRQ_STALE_TEXT) as never;
    const me = await whoIs(context);
    const result = await hrQuestions.answer({ viewer: me, questionId: parsed.data.questionId, answer: parsed.data.answer ?? '' });
    if (result.ok) {
      const notice = result.askerReachable
        ? 'Svaret er sendt til den som spurte, gjennom boten.'
        : 'Svaret er lagret, men den som spurte kan ikke nås av boten nå (har fjernet Kompetansebot i Teams), så svaret kommer ikke fram gjennom boten.';
      return renderHrCard(result.view, { notice, noticeStyle: result.askerReachable ? 'good' : 'warning' }) as never;
    }
    log?.info({ code: result.code }, 'hrq.answer.refused');
    if ('view' in result) return renderHrCard(result.view, { notice: result.reason, noticeStyle: result.code === 'already-answered' ? 'warning' : 'attention' }) as never;
    return refused(result.reason) as never;
  });

  app.adaptiveCards.actionExecute(VERBS.hrqDraftForm, async (context, _state, raw) => {
    const parsed = draftFormData.safeParse(raw);
    if (!parsed.success) return refused(HRQ_STALE_TEXT) as never;
    const me = await whoIs(context);
    const result = await hrQuestions.viewForHr(me, parsed.data.questionId);
    if (!result.ok) return refused(result.reason) as never;
    return renderDraftForm({ view: result.view, documents: deps.documents(), suggestedTags: suggestTags(result.view.question) }) as never;
  });

  app.adaptiveCards.actionExecute(VERBS.hrqDraftSave, async (context, _state, raw) => {
    const parsed = draftSaveData.safeParse(raw);
    if (!parsed.success) return refused(HRQ_STALE_TEXT) as never;
    const me = await whoIs(context);
    const d = parsed.data;
    const audience = d.audience.split(',').map((a) => a.trim()).filter(Boolean);
    const badAudience = audience.filter((a) => !audienceSchema.safeParse(a).success);
    if (badAudience.length) return refused(HRQ_STALE_TEXT) as never;
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
      return renderDraftForm({ view: result.view, documents: deps.documents(), suggestedTags: [], errors: result.errors, values }) as never;
    }
    if (!result.ok) return refused(result.reason) as never;
    const file = `${result.id}.md`;
    return renderStatus({
      kicker: 'Utkast til kunnskapsbasen',
      heading: `Utkastet er lagret: ${file}`,
      style: result.missingSource ? 'warning' : 'good',
      lines: [
        `Filen ligger i utkastmappa (KNOWLEDGE_DRAFTS_DIR). Boten bruker den ikke ennå.`,
        ...(result.missingSource ? ['Kilde mangler: fyll inn dokument og avsnitt i filen. `npm run kb:check` feiler til det er gjort.'] : []),
        'Kjør `npm run kb:check`, legg til flere eksempler på spørsmål, og flytt filen til en temamappe i content/knowledge (f.eks. content/knowledge/rekruttering) når den er klar.',
      ],
    }) as never;
  });

  app.message(UNANSWERED_COMMAND, async (context) => {
    const me = await whoIs(context);
    if (!me) {
      await context.sendActivity(unknownUserText(deps.hrContact));
      return;
    }
    const result = await hrQuestions.topDeclined(me);
    if (!result.ok) {
      await context.sendActivity(result.reason);
      return;
    }
    log?.info({ employeeId: me.employeeId, rows: result.top.length }, 'hrq.topDeclined');
    await sendCard(context, renderTopDeclined(result.top, result.retentionDays));
  });
}
