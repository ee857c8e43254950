/**
 * «Send spørsmålet til HR» through the real Application over TestAdapter: Lars Lærer (1004)
 * asks something the knowledge base has no answer to, sends it to HR, Hanne HR (1007) and Rita
 * (1001, given the HR role here) get it, the first answer goes back to Lars, and HR saves it as
 * a draft entry that `kb:check` validates. The dispatcher does not run in the harness: the
 * outbox items are rendered with the module's own renderers, as the dispatcher would.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { createMessageRenderers } from '../../src/modules/delivery/dispatcher.js';
import { registerHrQuestionRenderers, wireHrQuestions } from '../../src/modules/hr-questions/delivery.js';
import { HRQ_ANSWER_KIND, HRQ_TO_HR_KIND } from '../../src/modules/hr-questions/hr-questions-service.js';
import { HRQ_STALE_TEXT } from '../../src/modules/hr-questions/teams.js';
import type { OutboxItemRecord } from '../../src/storage/ports/delivery.js';
import { projectRoot } from '../../src/util/project-root.js';
import { actionsOf, cardOf, cardText, createHarness, HR_CONTACT, inputById, inputsOf, invokeCardOf, LEADER, type TestUser } from '../helpers/bot-harness.js';
import { HANNE, LARS, RITA, TOR } from '../helpers/small-org-users.js';

const run = promisify(execFile);

/** Not in the fixture knowledge base: the Q&A declines it. */
const QUESTION = 'Hvor mange feriedager har en lærer med sommerjobb?';

type Harness = Awaited<ReturnType<typeof createHarness>>;
type Action = Record<string, unknown> & { verb?: string; title?: string; data?: Record<string, unknown> };

const tmpDirs: string[] = [];
afterEach(() => {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'kb-hrq-'));
  tmpDirs.push(d);
  return d;
}

function action(card: unknown, title: string): Action {
  const found = (actionsOf(card) as Action[]).find((a) => a.title === title);
  if (!found) throw new Error(`no «${title}» on the card:\n${cardText(card)}`);
  return found;
}
const questionIdOf = (form: unknown) => String(action(form, 'Send').data!.requestId);
const hasAction = (card: unknown, title: string) => (actionsOf(card) as Action[]).some((a) => a.title === title);

function input(card: unknown, id: string): Record<string, unknown> {
  const found = inputById(card, id);
  if (!found) throw new Error(`no input «${id}» on the card:\n${cardText(card)}`);
  return found;
}

/** What Teams sends of a card's inputs: each input's current value (prefilled or default). */
function inputValues(card: unknown): Record<string, unknown> {
  return Object.fromEntries(inputsOf(card).flatMap((i) => (typeof i.id === 'string' && i.value !== undefined ? [[i.id, i.value]] : [])));
}

/** Clicks an Action.Execute with the card's inputs, changed as given; returns the card that replaces it. */
async function click(h: Harness, user: TestUser, card: unknown, title: string, inputs: Record<string, unknown> = {}, conversationId = `conv-${user.id}`) {
  const a = action(card, title);
  const replies = await h.execute(a.verb!, { ...inputValues(card), ...inputs, ...a.data }, user, conversationId);
  const next = invokeCardOf(replies[0]);
  if (!next) throw new Error(`no card after «${title}»: ${JSON.stringify(replies[0]?.value)}`);
  return next;
}

/** The person opens the bot once (Teams saves where to reach them). */
async function install(h: Harness, user: TestUser) {
  await h.say('hvem er jeg', user, `conv-${user.id}`);
}

/** Gives Rita the HR role too, so two HR people get each question. */
async function withSecondHrPerson(h: Harness) {
  const org = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/org/small-org.json'), 'utf8')) as { employees: { employeeId: string; roles: string[] }[] };
  org.employees.find((e) => e.employeeId === '1001')!.roles = ['leder', 'hr'];
  const report = await h.org.importOrg(JSON.stringify(org), 'org.json');
  expect(report.imported).toBe(true);
}

/** Lars asks, is declined, presses «Send spørsmålet til HR» and gets the form. */
async function askAndOpenForm(h: Harness, question = QUESTION) {
  const [reply] = await h.say(question, LARS, 'conv-lars');
  const declined = cardOf(reply)!;
  expect(cardText(declined)).toContain('Det finner jeg ikke');
  const send = action(declined, 'Send spørsmålet til HR');
  const [formReply] = await h.submit(send.data!, LARS, 'conv-lars');
  return cardOf(formReply)!;
}

async function sendForm(h: Harness, form: unknown, inputs: { question?: string; includeName: 'true' | 'false' }) {
  return click(h, LARS, form, 'Send', { question: inputs.question ?? String(input(form, 'question').value), includeName: inputs.includeName }, 'conv-lars');
}

/** Renders outbox items the way the dispatcher does, with the module's renderers. */
async function delivered(h: Harness, campaignId: string) {
  const renderers = createMessageRenderers();
  registerHrQuestionRenderers(renderers, h.hrQuestions);
  const campaign = (await h.store.outbox.getCampaign(campaignId))!;
  const items = await h.store.outbox.list(campaignId);
  return Promise.all(
    items.map(async (item: OutboxItemRecord) => ({
      to: item.recipient.kind === 'employee' ? item.recipient.employeeId : '',
      card: (await renderers.get(campaign.kind)!(item, campaign))!.card!,
      kind: campaign.kind,
    })),
  );
}

describe('«Send spørsmålet til HR» in Teams', () => {
  it('When an employee sends a declined question without their name, then HR gets it without the name, the first answer reaches the employee, a second HR answer is refused, and HR saves a draft that kb:check accepts', async () => {
    const drafts = tmp();
    const h = await createHarness({ draftsDir: drafts });
    await withSecondHrPerson(h);
    await install(h, HANNE);
    await install(h, RITA);

    // 1. The decline offers «Send spørsmålet til HR»; the form has the question to edit and «Ta med navnet mitt» off.
    const form = await askAndOpenForm(h);
    expect(input(form, 'question')).toMatchObject({ label: 'Spørsmålet ditt', value: QUESTION });
    expect(input(form, 'includeName')).toMatchObject({ title: 'Ta med navnet mitt', value: 'false' });

    // 2. «Send» without the name: sent to both HR people, and Lars is told so.
    const edited = `${QUESTION} Gjelder det også vikarer?`;
    const sent = await sendForm(h, form, { question: edited, includeName: 'false' });
    expect(cardText(sent)).toContain('Spørsmålet er sendt til HR');
    expect(cardText(sent)).toContain('2 personer i HR');
    expect(cardText(sent)).toContain('HR ser ikke hvem du er');
    const requestId = questionIdOf(form);

    // A double click on «Send» sends nothing twice.
    await sendForm(h, form, { question: edited, includeName: 'false' });
    const toHr = await delivered(h, `hrq:${requestId}`);
    expect(toHr.map((d) => d.to).sort()).toEqual(['1001', '1007']);
    expect(toHr.every((d) => d.kind === HRQ_TO_HR_KIND)).toBe(true);

    // 3. HR's card: the edited question, no name, «Svar» and «Send svar».
    const hanneCard = toHr.find((d) => d.to === '1007')!.card;
    expect(cardText(hanneCard)).toContain(edited);
    expect(cardText(hanneCard)).toContain('uten navn');
    expect(cardText(hanneCard)).not.toContain('Lars');
    expect(input(hanneCard, 'answer')).toMatchObject({ label: 'Svar' });

    // 4. Hanne answers first.
    const answer = 'Ferie følger ferieloven og hovedtariffavtalen: 25 virkedager, og vikarer har samme rett.';
    const answered = await click(h, HANNE, hanneCard, 'Send svar', { answer });
    expect(cardText(answered)).toContain('Svaret er sendt til den som spurte');
    expect(hasAction(answered, 'Lagre som utkast til kunnskapsbasen')).toBe(true);

    // 5. Lars gets the answer through the bot: his question, HR's answer, «Fra HR».
    const [toLars] = await delivered(h, `hrq-svar:${requestId}`);
    expect(toLars!.to).toBe('1004');
    expect(toLars!.kind).toBe(HRQ_ANSWER_KIND);
    expect(cardText(toLars!.card)).toContain(edited);
    expect(cardText(toLars!.card)).toContain(answer);
    expect(cardText(toLars!.card)).toContain('Fra HR');

    // 6. Rita answers the same question afterwards: refused politely, nothing more goes to Lars.
    const ritaCard = toHr.find((d) => d.to === '1001')!.card;
    const late = await click(h, RITA, ritaCard, 'Send svar', { answer: 'Et annet svar' });
    expect(cardText(late)).toContain('allerede besvart av HR');
    expect(cardText(late)).toContain(answer);
    expect(await h.store.outbox.list(`hrq-svar:${requestId}`)).toHaveLength(1);
    // A card to HR that goes out only after the answer (that person was not reachable before) shows the answer, and no «Send svar».
    const lateDelivery = (await delivered(h, `hrq:${requestId}`)).find((d) => d.to === '1001')!.card;
    expect(cardText(lateDelivery)).toContain('allerede besvart av HR');
    expect(hasAction(lateDelivery, 'Send svar')).toBe(false);

    // 7. Hanne saves the answer as a draft, with document and section.
    const draftForm = await click(h, HANNE, answered, 'Lagre som utkast til kunnskapsbasen');
    expect(input(draftForm, 'summary').value).toBe(answer);
    // What a live entry may not have is asked for again on the form, and nothing is written.
    const tooShort = await click(h, HANNE, draftForm, 'Lagre utkast', { summary: 'Kort.', tags: '' });
    expect(cardText(tooShort)).toContain('Det korte svaret må ha 10–450 tegn.');
    expect(cardText(tooShort)).toContain('Skriv minst ett stikkord.');
    expect(readdirSync(drafts)).toEqual([]);
    const saved = await click(h, HANNE, draftForm, 'Lagre utkast', {
      title: 'Ferie for lærere og vikarer',
      summary: String(input(draftForm, 'summary').value),
      tags: String(input(draftForm, 'tags').value),
      audience: 'leder,hr',
      document: '003',
      section: '§4.1',
    });
    expect(cardText(saved)).toContain('Utkastet er lagret');
    expect(cardText(saved)).not.toContain('Kilde mangler');
    const files = readdirSync(drafts);
    expect(files).toHaveLength(1);
    const markdown = readFileSync(join(drafts, files[0]!), 'utf8');
    expect(markdown).toContain('title: Ferie for lærere og vikarer');
    expect(markdown).toContain(edited);

    // 8. kb:check validates it with the live schema and accepts it.
    const ok = await run('node', ['--import', 'tsx', 'scripts/kb-check.ts'], { cwd: projectRoot, env: { ...process.env, KNOWLEDGE_DRAFTS_DIR: drafts } });
    expect(ok.stdout).toContain(`OK: 1 utkast`);
  }, 60_000);

  it('When HR saves a draft without a source, or a draft is broken, then kb:check fails and names the file and field', async () => {
    const drafts = tmp();
    const h = await createHarness({ draftsDir: drafts });
    await install(h, HANNE);
    const form = await askAndOpenForm(h);
    const sent = await sendForm(h, form, { includeName: 'true' });
    expect(cardText(sent)).toContain('HR ser navnet ditt');
    const [toHanne] = await delivered(h, `hrq:${questionIdOf(form)}`);
    const answered = await click(h, HANNE, toHanne!.card, 'Send svar', { answer: 'Feriedager følger ferieloven og tariffavtalen.' });
    const draftForm = await click(h, HANNE, answered, 'Lagre som utkast til kunnskapsbasen');
    const saved = await click(h, HANNE, draftForm, 'Lagre utkast', { audience: 'leder', document: 'mangler', section: '' });
    expect(cardText(saved)).toContain('Kilde mangler');
    const [file] = readdirSync(drafts);
    expect(readFileSync(join(drafts, file!), 'utf8')).toContain('MANGLER KILDE');

    const failed = await run('node', ['--import', 'tsx', 'scripts/kb-check.ts'], { cwd: projectRoot, env: { ...process.env, KNOWLEDGE_DRAFTS_DIR: drafts } }).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`utkast ${file}: feltet «sources»`);
  }, 60_000);

  it('When the employee chose «Ta med navnet mitt», then HR sees the name; when the employee can no longer be reached, HR is told so', async () => {
    const h = await createHarness();
    await install(h, HANNE);
    const form = await askAndOpenForm(h);
    await sendForm(h, form, { includeName: 'true' });
    const [toHanne] = await delivered(h, `hrq:${questionIdOf(form)}`);
    expect(cardText(toHanne!.card)).toContain('Fra Lars Lærer');

    // Lars removes the bot before HR answers: Hanne is told the answer cannot reach him, not that it was sent.
    expect(await h.store.conversationRefs.remove(`user:${LARS.aadObjectId}`)).toBe(true);
    const answered = await click(h, HANNE, toHanne!.card, 'Send svar', { answer: 'Ferie følger ferieloven.' });
    expect(cardText(answered)).toContain('kan ikke nås av boten nå');
    expect(cardText(answered)).not.toContain('Svaret er sendt');
  });

  it('When no HR person has the bot yet, then the employee is told the question was not sent and where to go, and nothing is stored', async () => {
    const h = await createHarness();
    const form = await askAndOpenForm(h);
    const result = await sendForm(h, form, { includeName: 'false' });
    expect(cardText(result)).toContain('Spørsmålet er ikke sendt');
    expect(cardText(result)).toContain(HR_CONTACT);
    expect(cardText(result)).not.toContain('Spørsmålet er sendt til HR');
    expect(await h.store.hrQuestions.get(questionIdOf(form))).toBeUndefined();
    expect(await h.store.outbox.getCampaign(`hrq:${questionIdOf(form)}`)).toBeUndefined();
  });

  it('When someone the bot cannot find in the organisation sends a question, then they are told it was not sent (the answer could not come back) and where to go', async () => {
    const h = await createHarness();
    await install(h, HANNE);
    const [reply] = await h.say(QUESTION, LEADER, 'conv-ukjent');
    const [formReply] = await h.submit(action(cardOf(reply), 'Send spørsmålet til HR').data!, LEADER, 'conv-ukjent');
    const form = cardOf(formReply)!;
    const result = await click(h, LEADER, form, 'Send', { includeName: 'false' }, 'conv-ukjent');
    expect(cardText(result)).toContain('Spørsmålet er ikke sendt');
    expect(cardText(result)).toContain(HR_CONTACT);
    expect(await h.store.outbox.getCampaign(`hrq:${questionIdOf(form)}`)).toBeUndefined();
  });

  it('When someone outside HR presses HR\'s buttons, or a card is tampered with, then they get a clear refusal and nothing changes', async () => {
    const h = await createHarness();
    await install(h, HANNE);
    const form = await askAndOpenForm(h);
    await sendForm(h, form, { includeName: 'false' });
    const questionId = questionIdOf(form);
    const [toHanne] = await delivered(h, `hrq:${questionId}`);

    const byTor = await click(h, TOR, toHanne!.card, 'Send svar', { answer: 'Jeg svarer jeg' });
    expect(cardText(byTor)).toContain('Bare HR kan svare');
    const byLars = await h.execute(VERBS.hrqDraftForm, { questionId: questionId }, LARS, 'conv-lars');
    expect(cardText(invokeCardOf(byLars[0]))).toContain('Bare HR kan svare');
    expect((await h.store.hrQuestions.get(questionId))?.answer).toBeUndefined();

    const tampered = await h.execute(VERBS.hrqSend, { requestId: 'ikke-en-uuid', question: 'x', includeName: 'true' }, LARS, 'conv-lars');
    expect(cardText(invokeCardOf(tampered[0]))).toContain(HRQ_STALE_TEXT);
    const badDocument = await h.execute(VERBS.hrqDraftSave, { questionId: questionId, title: 'Tittel', summary: 'Et svar på ti tegn', tags: 'a', audience: 'leder', document: '999', section: '1' }, HANNE, 'conv-29:hanne');
    expect(cardText(invokeCardOf(badDocument[0]))).toContain(HRQ_STALE_TEXT);
    const badAudience = await h.execute(VERBS.hrqDraftSave, { questionId: questionId, title: 'Tittel', summary: 'Et svar på ti tegn', tags: 'a', audience: 'alle', document: '003', section: '1' }, HANNE, 'conv-29:hanne');
    expect(cardText(invokeCardOf(badAudience[0]))).toContain(HRQ_STALE_TEXT);

    // A draft of a question nobody has answered yet is refused.
    const early = await h.execute(VERBS.hrqDraftSave, { questionId, title: 'Tittel', summary: 'Et svar på ti tegn', tags: 'a', audience: 'leder', document: '003', section: '1' }, HANNE, 'conv-29:hanne');
    expect(cardText(invokeCardOf(early[0]))).toContain('Svar på spørsmålet før du lager et utkast');

    // An empty question or answer is asked for again, on the same card.
    const empty = await sendForm(h, await askAndOpenForm(h), { question: '   ', includeName: 'false' });
    expect(cardText(empty)).toContain('Skriv spørsmålet før du sender det');
    const emptyAnswer = await click(h, HANNE, toHanne!.card, 'Send svar', { answer: '  ' });
    expect(cardText(emptyAnswer)).toContain('Skriv et svar før du sender det');
  });

  it('When «Nei» is pressed on «Var dette nyttig?», then the card offers «Send spørsmålet til HR» with the question', async () => {
    const h = await createHarness();
    const question = 'Hvilke krav stilles til en rektor?';
    const [reply] = await h.say(question, LARS, 'conv-lars');
    const answerCard = cardOf(reply)!;
    expect(hasAction(answerCard, 'Send spørsmålet til HR')).toBe(false);
    const no = await click(h, LARS, answerCard, 'Nei', {}, 'conv-lars');
    const offer = action(no, 'Send spørsmålet til HR');
    expect(offer.data).toEqual({ verb: VERBS.hrqCompose, question });
    const [formReply] = await h.submit(offer.data!, LARS, 'conv-lars');
    expect(input(cardOf(formReply), 'question').value).toBe(question);
  });

  it('When HR asks for «ubesvarte spørsmål», then the most frequent declined questions are counted by normalised text without names; others are refused', async () => {
    const h = await createHarness();
    await h.say('Hvor mange feriedager har jeg?', LARS, 'conv-lars');
    await h.say('hvor  mange FERIEDAGER har jeg', TOR, 'conv-tor');
    await h.say('Hva er lønna til en lærer?', LARS, 'conv-lars');
    await h.say('Hvilke krav stilles til en rektor?', LARS, 'conv-lars');

    const [list] = await h.say('ubesvarte spørsmål', HANNE, 'conv-hanne');
    const text = cardText(cardOf(list));
    expect(text).toContain('Ubesvarte spørsmål');
    expect(text).toMatch(/2 ×\nhvor mange feriedager har jeg/);
    expect(text).toMatch(/1 ×\nhva er lønna til en lærer/);
    expect(text).not.toContain('rektor');
    expect(text).not.toContain('Lars');
    expect(text).not.toContain('Tor');

    // Typed without æøå it is the same command.
    const [plainAscii] = await h.say('Ubesvarte sporsmal', HANNE, 'conv-hanne');
    expect(cardText(cardOf(plainAscii))).toContain('Ubesvarte spørsmål');

    const [refused] = await h.say('ubesvarte spørsmål', TOR, 'conv-tor');
    expect(refused?.text).toContain('bare for HR');
  });

  it('When the retention time has passed, then the daily job deletes the question texts and the decline counts, and HR\'s old card says so', async () => {
    const h = await createHarness();
    await install(h, HANNE);
    const form = await askAndOpenForm(h);
    await sendForm(h, form, { includeName: 'true' });
    const questionId = questionIdOf(form);
    const [toHanne] = await delivered(h, `hrq:${questionId}`);

    let job: (() => Promise<void>) | undefined;
    await wireHrQuestions({
      service: h.hrQuestions,
      renderers: createMessageRenderers(),
      scheduler: { every: async (_name, _ms, handler) => void (job = handler) },
      clock: h.clock,
    });
    // 89 days later: still kept.
    h.clock.set('2027-02-20T10:00:00Z');
    await job!();
    expect(await h.store.hrQuestions.get(questionId)).toBeDefined();
    // 91 days later: gone, text and name with it, and the decline counts too.
    h.clock.set('2027-02-22T10:00:00Z');
    await job!();
    expect(await h.store.hrQuestions.get(questionId)).toBeUndefined();
    expect(await h.store.hrQuestions.topDeclines(20)).toEqual([]);
    const late = await click(h, HANNE, toHanne!.card, 'Send svar', { answer: 'Et sent svar på spørsmålet' });
    expect(cardText(late)).toContain('slettes 90 dager etter');
  });
});
