/**
 * «Send spørsmålet til HR», the use cases: a person sends a question the Q&A could not answer
 * (with or without their name), every reachable HR person gets it in Teams, the first HR answer
 * goes back to the asker through the bot, and HR can turn it into a draft knowledge entry.
 * Declined questions are counted (text only, no user) for HR's «ubesvarte spørsmål». Question
 * texts are deleted after the retention time. Logs hold ids and counts, never a question.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../logging/logger.js';
import type { DeclinedQuestionCount, HrQuestionRecord } from './model.js';
import type { HrQuestionRepository } from '../../storage/ports/hr-questions.js';
import type { NewOutboxCampaign, NewOutboxItem } from '../../storage/ports/delivery.js';
import type { OrgService } from '../org/org-service.js';
import type { Employee } from '../org/model.js';
import type { KnowledgeBase } from '../qa/knowledge.js';
import { type Clock, osloToday } from '../../shared/dates.js';
import { draftIdFrom, draftMarkdown, type DraftFormInput, MAX_ANSWER, MAX_QUESTION, normalizeQuestion, TOP_DECLINES } from './model.js';
import type { Refusal } from '../../shared/results.js';

/** Campaign kind of a question on its way to HR. */
export const HRQ_TO_HR_KIND = 'hrq.question';
/** Campaign kind of HR's answer on its way to the asker. */
export const HRQ_ANSWER_KIND = 'hrq.answer';

export type SubmitResult =
  | { ok: true; questionId: string; sentTo: number; withName: boolean }
  | Refusal<'empty' | 'too-long' | 'not-in-org' | 'no-hr' | 'unknown'>;

/** A question as HR sees it: the asker's name only when they chose to send it. */
export interface HrQuestionView {
  id: string;
  question: string;
  askerName?: string;
  askedAt: string;
  answer?: string;
  answeredAt?: string;
  /** Name of the HR person who answered. */
  answeredByName?: string;
}

export type HrViewResult = { ok: true; view: HrQuestionView } | Refusal<'not-hr' | 'unknown'>;

export type AnswerResult =
  | { ok: true; view: HrQuestionView; askerReachable: boolean }
  | Refusal<'not-hr' | 'unknown'>
  /** The question as it stands, to show again with the reason. */
  | { ok: false; code: 'already-answered' | 'empty' | 'too-long'; reason: string; view: HrQuestionView };

export type { DraftFormInput } from './model.js';

export type DraftResult =
  | { ok: true; file: string; id: string; missingSource: boolean }
  | Refusal<'not-hr' | 'unknown' | 'not-answered' | 'too-many'>
  /** What a live entry's schema would refuse, one line per field; the form is shown again with them. */
  | { ok: false; code: 'invalid'; reason: string; errors: string[]; view: HrQuestionView };

export interface HrQuestionsService {
  /** Counts a declined Q&A question under its normalised text (no user, no time of day). */
  recordDecline(question: string): Promise<void>;
  /** Sends a question to every HR person the bot can reach; `requestId` makes a double click harmless. */
  submit(input: { requestId: string; asker: Employee | undefined; question: string; includeName: boolean }): Promise<SubmitResult>;
  /** The question for an HR person's card. */
  viewForHr(viewer: Employee | undefined, questionId: string): Promise<HrViewResult>;
  /** The first HR answer wins and goes to the asker; a later one is refused with the answer given. */
  answer(input: { viewer: Employee | undefined; questionId: string; answer: string }): Promise<AnswerResult>;
  /** Writes HR's answer as a draft knowledge entry into the drafts folder (never loaded by the bot). */
  saveDraft(input: { viewer: Employee | undefined; questionId: string; form: DraftFormInput }): Promise<DraftResult>;
  /** HR's list of the most frequent declined questions. */
  topDeclined(viewer: Employee | undefined): Promise<{ ok: true; top: DeclinedQuestionCount[]; retentionDays: number } | Refusal<'not-hr'>>;
  /** For the answer card to the asker (the renderer, when the dispatcher sends). */
  answerForAsker(questionId: string): Promise<HrQuestionRecord | undefined>;
  /** Deletes questions and decline counts older than the retention time; returns how many. */
  purge(now: Date): Promise<{ questions: number; declines: number }>;
  readonly retentionDays: number;
}

export const HRQ_TEXT = {
  notHr: 'Bare HR kan svare på spørsmål som er sendt til HR og lage utkast av svarene.',
  notHrList: 'Lista over ubesvarte spørsmål er bare for HR.',
  unknown: (days: number) => `Jeg finner ikke dette spørsmålet lenger. Spørsmål til HR slettes ${days} dager etter at de ble sendt.`,
  alreadyAnswered: 'Dette spørsmålet er allerede besvart av HR. Den som spurte har fått det første svaret; ditt svar er ikke sendt.',
  emptyQuestion: 'Skriv spørsmålet før du sender det.',
  tooLongQuestion: `Spørsmålet kan være høyst ${MAX_QUESTION} tegn.`,
  emptyAnswer: 'Skriv et svar før du sender det.',
  tooLongAnswer: `Svaret kan være høyst ${MAX_ANSWER} tegn.`,
  notAnswered: 'Svar på spørsmålet før du lager et utkast av svaret.',
  notInOrg: (hrContact: string) =>
    `Jeg finner deg ikke i organisasjonsoversikten, så jeg kan ikke sende svaret fra HR tilbake til deg. Spørsmålet er ikke sendt. Ta kontakt med ${hrContact}.`,
  noHr: (hrContact: string) =>
    `Spørsmålet er ikke sendt: ingen i HR kan nås av boten ennå (de har ikke Kompetansebot i Teams). Ta kontakt med ${hrContact}.`,
} as const;

const DAY_MS = 24 * 60 * 60_000;

/** What the live schema (content/knowledge) would refuse in HR's form; a missing source is allowed here and flagged in the file. */
export function draftFormErrors(form: DraftFormInput): string[] {
  const errors: string[] = [];
  if (form.title.trim().length < 3 || form.title.trim().length > 120) errors.push('Tittelen må ha 3–120 tegn.');
  if (form.summary.trim().length < 10 || form.summary.trim().length > 450) errors.push('Det korte svaret må ha 10–450 tegn.');
  if (!form.tags.length) errors.push('Skriv minst ett stikkord.');
  if (!form.audience.length) errors.push('Velg minst én målgruppe.');
  return errors;
}

export function createHrQuestionsService(deps: {
  repo: HrQuestionRepository;
  org: Pick<OrgService, 'directory'>;
  /** The delivery module's outbox (main.ts) or the store's (tests). */
  outbox: { enqueue(campaign: NewOutboxCampaign, items: NewOutboxItem[]): Promise<{ added: number; existing: number }> };
  /** Employee ids the bot can reach in a personal chat. */
  reachableEmployeeIds: () => Promise<Set<string>>;
  kb: Pick<KnowledgeBase, 'byId' | 'documents'>;
  /** Where drafts are written (KNOWLEDGE_DRAFTS_DIR); not read by the bot. */
  draftsDir: string;
  retentionDays: number;
  hrContact: string;
  clock: Clock;
  logger: Logger;
}): HrQuestionsService {
  const log = deps.logger.child('hr-questions');
  const isHr = (e: Employee | undefined): e is Employee => Boolean(e && deps.org.directory().hasRole(e.employeeId, 'hr'));
  const hrPeople = () => deps.org.directory().snapshot.employees.filter((e) => isHr(e));
  const nameOf = (id: string | undefined) => (id ? deps.org.directory().employee(id)?.name : undefined);
  const toView = (r: HrQuestionRecord): HrQuestionView => ({
    id: r.id,
    question: r.question,
    ...(r.askerName ? { askerName: r.askerName } : {}),
    askedAt: r.askedAt,
    ...(r.answer !== undefined ? { answer: r.answer, answeredAt: r.answeredAt, answeredByName: nameOf(r.answeredBy) ?? 'HR' } : {}),
  });
  const unknown = (): Refusal<'unknown'> => ({ ok: false, code: 'unknown', reason: HRQ_TEXT.unknown(deps.retentionDays) });
  const notHr = (): Refusal<'not-hr'> => ({ ok: false, code: 'not-hr', reason: HRQ_TEXT.notHr });

  return {
    retentionDays: deps.retentionDays,

    async recordDecline(question) {
      const text = normalizeQuestion(question);
      if (!text) return;
      await deps.repo.recordDecline(text, deps.clock.now().toISOString().slice(0, 10));
    },

    async submit({ requestId, asker, question, includeName }) {
      const text = question.replace(/\s+/g, ' ').trim();
      if (!text) return { ok: false, code: 'empty', reason: HRQ_TEXT.emptyQuestion };
      if (text.length > MAX_QUESTION) return { ok: false, code: 'too-long', reason: HRQ_TEXT.tooLongQuestion };
      if (!asker) return { ok: false, code: 'not-in-org', reason: HRQ_TEXT.notInOrg(deps.hrContact) };
      const existing = await deps.repo.get(requestId);
      if (existing) {
        // A second click on «Send»: the question went once; say what happened the first time.
        if (existing.askerEmployeeId !== asker.employeeId) return unknown();
        return { ok: true, questionId: existing.id, sentTo: existing.sentTo, withName: Boolean(existing.askerName) };
      }
      const reachable = await deps.reachableEmployeeIds();
      const recipients = hrPeople().filter((e) => reachable.has(e.employeeId));
      if (!recipients.length) {
        log.warn({ hrPeople: hrPeople().length, reachable: 0 }, 'hrq.noHrReachable');
        return { ok: false, code: 'no-hr', reason: HRQ_TEXT.noHr(deps.hrContact) };
      }
      const record: HrQuestionRecord = {
        id: requestId,
        question: text,
        askerEmployeeId: asker.employeeId,
        ...(includeName ? { askerName: asker.name } : {}),
        sentTo: recipients.length,
        askedAt: deps.clock.now().toISOString(),
      };
      if (!(await deps.repo.create(record))) {
        const again = await deps.repo.get(requestId);
        return { ok: true, questionId: requestId, sentTo: again?.sentTo ?? recipients.length, withName: Boolean(again?.askerName) };
      }
      // The outbox holds ids only: the renderer reads the question when it sends.
      await deps.outbox.enqueue(
        { id: `hrq:${record.id}`, kind: HRQ_TO_HR_KIND, priority: 6 },
        recipients.map((e) => ({ key: `hrq:${record.id}:hr:${e.employeeId}`, recipient: { kind: 'employee' as const, employeeId: e.employeeId }, data: { questionId: record.id } })),
      );
      log.info({ questionId: record.id, sentTo: recipients.length, withName: includeName }, 'hrq.submitted');
      return { ok: true, questionId: record.id, sentTo: recipients.length, withName: includeName };
    },

    async viewForHr(viewer, questionId) {
      if (!isHr(viewer)) return notHr();
      const r = await deps.repo.get(questionId);
      return r ? { ok: true, view: toView(r) } : unknown();
    },

    async answer({ viewer, questionId, answer }) {
      if (!isHr(viewer)) return notHr();
      const r = await deps.repo.get(questionId);
      if (!r) return unknown();
      if (r.answeredAt) return { ok: false, code: 'already-answered', reason: HRQ_TEXT.alreadyAnswered, view: toView(r) };
      const text = answer.trim();
      if (!text) return { ok: false, code: 'empty', reason: HRQ_TEXT.emptyAnswer, view: toView(r) };
      if (text.length > MAX_ANSWER) return { ok: false, code: 'too-long', reason: HRQ_TEXT.tooLongAnswer, view: toView(r) };
      const won = await deps.repo.answer(questionId, { answer: text, answeredBy: viewer.employeeId, answeredAt: deps.clock.now().toISOString() });
      const after = await deps.repo.get(questionId);
      if (!after) return unknown();
      if (!won) return { ok: false, code: 'already-answered', reason: HRQ_TEXT.alreadyAnswered, view: toView(after) };
      const askerReachable = (await deps.reachableEmployeeIds()).has(r.askerEmployeeId);
      await deps.outbox.enqueue(
        { id: `hrq-svar:${questionId}`, kind: HRQ_ANSWER_KIND, priority: 6 },
        [{ key: `hrq:${questionId}:svar`, recipient: { kind: 'employee', employeeId: r.askerEmployeeId }, data: { questionId } }],
      );
      log.info({ questionId, answeredBy: viewer.employeeId, askerReachable }, 'hrq.answered');
      return { ok: true, view: toView(after), askerReachable };
    },

    async saveDraft({ viewer, questionId, form }) {
      if (!isHr(viewer)) return notHr();
      const r = await deps.repo.get(questionId);
      if (!r) return unknown();
      if (!r.answeredAt || r.answer === undefined) return { ok: false, code: 'not-answered', reason: HRQ_TEXT.notAnswered };
      const errors = draftFormErrors(form);
      if (errors.length) return { ok: false, code: 'invalid', reason: errors.join(' '), errors, view: toView(r) };
      const base = draftIdFrom(r.question);
      const today = osloToday(deps.clock.now());
      mkdirSync(deps.draftsDir, { recursive: true });
      // Never overwrite: another draft (or a live entry) with this id gets a number after it.
      for (let n = 1; n < 100; n++) {
        const id = n === 1 ? base : `${base}-${n}`;
        if (deps.kb.byId.has(id)) continue;
        const file = join(deps.draftsDir, `${id}.md`);
        const markdown = draftMarkdown({ ...form, id, question: r.question, today, questionId });
        try {
          writeFileSync(file, markdown, { encoding: 'utf8', flag: 'wx' });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw err;
        }
        const missingSource = !(form.document && form.section?.trim());
        // Not the draft's id: it is made from the question's words.
        log.info({ questionId, missingSource }, 'hrq.draftSaved');
        return { ok: true, file, id, missingSource };
      }
      return { ok: false, code: 'too-many', reason: 'Det finnes allerede for mange utkast med dette navnet. Rydd i utkastmappa og prøv igjen.' };
    },

    async topDeclined(viewer) {
      if (!isHr(viewer)) return { ok: false, code: 'not-hr', reason: HRQ_TEXT.notHrList };
      return { ok: true, top: await deps.repo.topDeclines(TOP_DECLINES), retentionDays: deps.retentionDays };
    },

    answerForAsker: (questionId) => deps.repo.get(questionId),

    async purge(now) {
      const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
      const questions = await deps.repo.deleteAskedBefore(cutoff.toISOString());
      const declines = await deps.repo.deleteDeclinesBefore(cutoff.toISOString().slice(0, 10));
      log.info({ questions, declines, retentionDays: deps.retentionDays }, 'hrq.purged');
      return { questions, declines };
    },
  };
}
