import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { CSV_BOM } from '../../src/shared/csv.js';
import { COMPETENCE_TEXT } from '../../src/modules/registration/registration-service.js';
import { MAX_ITEMS } from '../../src/modules/registration/sections.js';
import { OTHER_PERSON_TEXT, REGISTRATION_STALE_TEXT } from '../../src/modules/registration/teams.js';
import { unknownUserText } from '../../src/bot/identify.js';
import { actionsOf, cardOf, cardText, createHarness, HR_CONTACT, inputById, inputsOf, invokeCardOf, LEADER, type TestUser } from '../helpers/bot-harness.js';
import { LARS, RANDI } from '../helpers/small-org-users.js';

// Lars Lærer (1004) has the profile «laerer»; Randi Rektor (1003) is his leader.

type Card = NonNullable<ReturnType<typeof cardOf>>;
type Harness = Awaited<ReturnType<typeof createHarness>>;
type Action = Record<string, unknown> & { verb?: string; title?: string; data?: Record<string, unknown> };

/** The text of a message an Action.Execute answered with (instead of a card). */
function invokeTextOf(activity: Partial<Activity> | undefined): string | undefined {
  const value = activity?.value as { body?: { type?: string; value?: unknown } } | undefined;
  return value?.body?.type === 'application/vnd.microsoft.activity.message' ? String(value.body.value) : undefined;
}

/** Every input on a card with the value it shows, as Teams sends them with an action. */
function inputValues(card: unknown): Record<string, string> {
  return Object.fromEntries(inputsOf(card).flatMap((i) => (typeof i.id === 'string' ? [[i.id, i.value === undefined ? '' : String(i.value)]] : [])));
}

function findAction(card: unknown, verb: string, match: (a: Action) => boolean = () => true): Action {
  const action = (actionsOf(card) as Action[]).find((a) => a.verb === verb && match(a));
  if (!action) throw new Error(`No ${verb} action on the card:\n${cardText(card)}`);
  return action;
}

/** Clicks an Action.Execute like Teams does: the action's data plus the card's inputs (unless the action has associatedInputs none). */
async function click(h: Harness, card: unknown, verb: string, opts: { match?: (a: Action) => boolean; inputs?: Record<string, unknown>; user?: TestUser } = {}) {
  const action = findAction(card, verb, opts.match);
  const inputs = action.associatedInputs === 'none' ? {} : { ...inputValues(card), ...opts.inputs };
  const [response] = await h.execute(verb, { ...action.data, ...inputs }, opts.user ?? LARS);
  return { response, card: invokeCardOf(response), text: invokeTextOf(response) };
}

async function openOverview(h: Harness, user = LARS): Promise<Card> {
  const [reply] = await h.say('min kompetanse', user);
  const card = cardOf(reply);
  if (!card) throw new Error(`No card: ${reply?.text}`);
  return card;
}

async function openSection(h: Harness, section: string, user = LARS): Promise<Card> {
  const overview = await openOverview(h, user);
  const { card } = await click(h, overview, VERBS.registrationSection, { match: (a) => a.data?.section === section, user });
  return card!;
}

const EDUCATION = { level: 'master', field: 'Spesialpedagogikk', institution: 'Universitetet i Oslo', completedYear: '2014', credits: '120', inProgress: 'false', competenceIds: 'utd-pedagogisk' };

describe('«Min kompetanse» conversation', () => {
  it('When an employee types «min kompetanse» (or a variant), then the overview lists every section with its status and offers export and delete', async () => {
    const h = await createHarness();
    for (const text of ['min kompetanse', 'Min kompetanse!', 'registrer kompetanse', 'Registrere kompetansen min', 'kompetansen min', 'vis min kompetanse']) {
      const [reply] = await h.say(text, LARS);
      const card = cardOf(reply);
      expect(cardText(card), text).toContain('Min kompetanse');
    }
    const card = await openOverview(h);
    const text = cardText(card);
    expect(text).toContain('Lars Lærer · Lektor');
    expect(text).toContain('Stillingsprofil: Lærer, adjunkt eller lektor');
    for (const name of ['Utdanning', 'Arbeidserfaring', 'Kurs og opplæring', 'Autorisasjoner og sertifikater', 'Språk', 'Digitale ferdigheter', 'Egenvurdering', 'Kompetanse jeg ikke får brukt i jobben i dag']) {
      expect(text).toContain(name);
    }
    expect(text).toContain('Du har ikke registrert noe ennå');
    expect(text).toMatch(/0 av \d+ vurdert/);
    expect(actionsOf(card).filter((a) => a.verb === VERBS.registrationSection)).toHaveLength(8);
    expect(text).toContain('Last ned som CSV (Excel)');
    expect(text).toContain('Last ned som JSON');
    expect(text).toContain('Slett registreringen');
    // A question about registering is still a question.
    const [question] = await h.say('Hvordan registrerer jeg kompetanse i kommunen?', LARS);
    expect(cardText(cardOf(question))).not.toContain('Slett registreringen');
  });

  it('When the employee saves an education, then it is stored, listed on the section card and counted in the overview', async () => {
    const h = await createHarness();
    const form = await openSection(h, 'education');
    expect(cardText(form)).toContain('Legg til en utdanning');
    for (const id of Object.keys(EDUCATION)) expect(inputById(form, id)?.label, id).toBeTruthy();
    // The picker says how «Pedagogisk utdanning», «Lærerutdanning» and «PPU» relate (#12).
    const picker = JSON.stringify(inputById(form, 'competenceIds'));
    expect(picker).toContain('Lærerutdanning (gir også pedagogisk utdanning)');
    expect(picker).toContain('Praktisk-pedagogisk utdanning (PPU) (gir også pedagogisk utdanning)');
    expect(cardText(form)).toMatch(/«Pedagogisk utdanning» er samlebetegnelsen: har du Lærerutdanning, Praktisk-pedagogisk utdanning \(PPU\)(, [^,]+)* eller [^,]+, velg den/);

    const saved = await click(h, form, VERBS.registrationSave, { inputs: EDUCATION });
    expect(cardText(saved.card)).toContain('«Spesialpedagogikk» er lagret.');
    expect(cardText(saved.card)).toMatch(/Registrert \(1\)[\s\S]*Spesialpedagogikk[\s\S]*Master · Universitetet i Oslo · fullført 2014 · 120 studiepoeng · gir: Pedagogisk utdanning/);
    // The form is empty again, ready for the next one.
    expect(inputById(saved.card, 'field')?.value).toBe('');

    const stored = await h.store.registrations.get('1004');
    expect(stored?.version).toBe(1);
    expect(stored?.education).toEqual([
      { level: 'master', field: 'Spesialpedagogikk', institution: 'Universitetet i Oslo', completedYear: 2014, credits: 120, inProgress: false, competenceIds: ['utd-pedagogisk'] },
    ]);

    const overview = await click(h, saved.card, VERBS.registrationOpen);
    expect(cardText(overview.card)).toMatch(/Utdanning\n1 registrert/);
    expect(cardText(overview.card)).toContain('Sist lagret 23. november 2026');
  });

  it('When the employee edits and then removes an entry, then the store follows and the card says what happened', async () => {
    const h = await createHarness();
    const form = await openSection(h, 'languages');
    const first = await click(h, form, VERBS.registrationSave, { inputs: { language: 'Engelsk', level: '2' } });
    const second = await click(h, first.card, VERBS.registrationSave, { inputs: { language: 'Arabisk', level: '4' } });
    expect(cardText(second.card)).toMatch(/Engelsk\nNivå 2 – Selvstendig[\s\S]*Arabisk\nNivå 4 – Ekspert/);

    const edit = await click(h, second.card, VERBS.registrationSection, { match: (a) => a.data?.index === 0 });
    expect(cardText(edit.card)).toContain('Endre «Engelsk»');
    expect(inputById(edit.card, 'level')?.value).toBe('2');
    const changed = await click(h, edit.card, VERBS.registrationSave, { match: (a) => a.title === 'Lagre endringene', inputs: { level: '3' } });
    expect(cardText(changed.card)).toContain('Endringene i «Engelsk» er lagret.');
    expect((await h.store.registrations.get('1004'))?.languages).toEqual([
      { language: 'Engelsk', level: 3 },
      { language: 'Arabisk', level: 4 },
    ]);

    const editArabic = await click(h, changed.card, VERBS.registrationSection, { match: (a) => a.data?.index === 1 });
    const removed = await click(h, editArabic.card, VERBS.registrationRemove);
    expect(cardText(removed.card)).toContain('«Arabisk» er fjernet.');
    expect((await h.store.registrations.get('1004'))?.languages).toEqual([{ language: 'Engelsk', level: 3 }]);
  });

  it('When the employee rates the profile competences, then the card shows the catalogue level descriptions and the ratings are stored', async () => {
    const h = await createHarness();
    const card = await openSection(h, 'selfAssessment');
    const text = cardText(card);
    expect(text).toContain('Vurder deg selv på kompetansene i stillingsprofilen «Lærer, adjunkt eller lektor»');
    expect(text).toContain('Kjenner til området og kan løse enkle oppgaver med veiledning eller støtte.');
    expect(text).toContain('Grunnleggende digital kompetanse');
    expect(text).toContain('Stillingen din krever nivå 3 (Erfaren).');
    const skillInputs = Object.keys(inputValues(card));
    expect(skillInputs.length).toBeGreaterThanOrEqual(2);
    for (const id of skillInputs) expect(inputById(card, id)?.label).toMatch(/^Ditt nivå: /);

    const saved = await click(h, card, VERBS.registrationSave, { inputs: { 'level_digital-grunnleggende': '3', 'level_digital-fagsystemer': '2' } });
    expect(cardText(saved.card)).toContain('Egenvurderingen er lagret.');
    expect(cardText(saved.card)).toMatch(new RegExp(`Egenvurdering\\n2 av ${skillInputs.length} vurdert`));
    expect((await h.store.registrations.get('1004'))?.selfAssessment).toEqual([
      { competenceId: 'digital-grunnleggende', level: 3 },
      { competenceId: 'digital-fagsystemer', level: 2 },
    ]);

    // Re-opened, the card shows the saved levels; «Ikke vurdert» on one removes that rating.
    const again = await click(h, saved.card, VERBS.registrationSection, { match: (a) => a.data?.section === 'selfAssessment' });
    expect(inputById(again.card, 'level_digital-grunnleggende')?.value).toBe('3');
    await click(h, again.card, VERBS.registrationSave, { inputs: { 'level_digital-fagsystemer': 'none' } });
    expect((await h.store.registrations.get('1004'))?.selfAssessment).toEqual([{ competenceId: 'digital-grunnleggende', level: 3 }]);
  });

  it('When the employee fills in mobilisation potential, then the competences and the note are stored', async () => {
    const h = await createHarness();
    const card = await openSection(h, 'mobilisation');
    expect(inputById(card, 'competenceIds')?.label).toBe('Kompetanse jeg har, men ikke får brukt');
    const saved = await click(h, card, VERBS.registrationSave, { inputs: { competenceIds: 'veiledning,ledelse-personal', note: 'Har vært inspektør i fem år.' } });
    expect(cardText(saved.card)).toContain('«Kompetanse jeg ikke får brukt i jobben i dag» er lagret.');
    expect(cardText(saved.card)).toContain('2 kompetanser og en beskrivelse');
    expect((await h.store.registrations.get('1004'))?.mobilisation).toEqual({ competenceIds: ['veiledning', 'ledelse-personal'], note: 'Har vært inspektør i fem år.' });
  });

  describe('invalid input comes back in the card with the reason, and nothing is saved', () => {
    it('When a language level is 7, then the level input says why and the typed language is kept', async () => {
      const h = await createHarness();
      const form = await openSection(h, 'languages');
      const { card } = await click(h, form, VERBS.registrationSave, { inputs: { language: 'Engelsk', level: '7' } });
      const text = cardText(card);
      expect(text).toContain('Ingenting er lagret.');
      expect(text).toContain('Nivå må være et nivå fra 1 til 4.');
      expect(text.indexOf('Nivå må være')).toBeGreaterThan(text.indexOf('Velg nivå'));
      expect(inputById(card, 'language')?.value).toBe('Engelsk');
      expect(await h.store.registrations.get('1004')).toBeUndefined();
    });

    it('When a course date is «31.02.2025», then the date input says it is not a valid date', async () => {
      const h = await createHarness();
      const form = await openSection(h, 'courses');
      const { card } = await click(h, form, VERBS.registrationSave, { inputs: { name: 'Førstehjelp', completedOn: '31.02.2025', hours: '8' } });
      expect(cardText(card)).toContain('Gjennomført dato må være en gyldig dato på formen ÅÅÅÅ-MM-DD.');
      expect(inputById(card, 'name')?.value).toBe('Førstehjelp');
      expect(inputById(card, 'hours')?.value).toBe(8);
      expect(await h.store.registrations.count()).toBe(0);
    });

    it('When a required field is empty, then it is named, the other values stay and nothing is saved; a fixed form then saves', async () => {
      const h = await createHarness();
      const form = await openSection(h, 'education');
      const bad = await click(h, form, VERBS.registrationSave, { inputs: { ...EDUCATION, field: '   ' } });
      expect(cardText(bad.card)).toContain('Fag eller studium mangler.');
      expect(inputById(bad.card, 'institution')?.value).toBe('Universitetet i Oslo');
      expect(inputById(bad.card, 'level')?.value).toBe('master');
      expect(await h.store.registrations.count()).toBe(0);
      const fixed = await click(h, bad.card, VERBS.registrationSave, { inputs: { field: 'Spesialpedagogikk' } });
      expect(cardText(fixed.card)).toContain('«Spesialpedagogikk» er lagret.');
      expect((await h.store.registrations.get('1004'))?.education).toHaveLength(1);
    });

    it('When a certification that must be renewed has no expiry date, then «Gyldig til» asks for it', async () => {
      const h = await createHarness();
      const form = await openSection(h, 'certifications');
      const { card } = await click(h, form, VERBS.registrationSave, { inputs: { competenceId: 'sert-forstehjelp', issuedOn: '2025-01-10' } });
      expect(cardText(card)).toMatch(/Gyldig til mangler\. «.+» må fornyes/);
      expect(await h.store.registrations.count()).toBe(0);
      const ok = await click(h, card, VERBS.registrationSave, { inputs: { validUntil: '2027-01-10' } });
      expect(cardText(ok.card)).toContain('gyldig til 10.01.2027');
    });

    it('When a self-assessment level is 7, then that competence says why and no rating is saved', async () => {
      const h = await createHarness();
      const card = await openSection(h, 'selfAssessment');
      const { card: back } = await click(h, card, VERBS.registrationSave, { inputs: { 'level_digital-grunnleggende': '7', 'level_digital-fagsystemer': '2' } });
      expect(cardText(back)).toContain('Ingenting er lagret.');
      expect(cardText(back)).toContain('Nivå må være et nivå fra 1 til 4.');
      expect(inputById(back, 'level_digital-fagsystemer')?.value).toBe('2');
      expect(await h.store.registrations.count()).toBe(0);
    });
  });

  it('When a card is stale (saved elsewhere since it was opened), then the conflict message shows and the newer data stays', async () => {
    const h = await createHarness();
    const oldCard = await openSection(h, 'languages');
    const otherWindow = await openSection(h, 'languages');
    await click(h, otherWindow, VERBS.registrationSave, { inputs: { language: 'Engelsk', level: '3' } });

    const stale = await click(h, oldCard, VERBS.registrationSave, { inputs: { language: 'Tysk', level: '1' } });
    expect(cardText(stale.card)).toContain(COMPETENCE_TEXT.conflict);
    expect(cardText(stale.card)).toContain('Åpne «Språk» på nytt');
    const stored = await h.store.registrations.get('1004');
    expect(stored?.version).toBe(1);
    expect(stored?.languages).toEqual([{ language: 'Engelsk', level: 3 }]);

    // «Åpne på nytt» shows the fresh state, and saving from there works.
    const reopened = await click(h, stale.card, VERBS.registrationSection);
    expect(cardText(reopened.card)).toContain('Engelsk');
    await click(h, reopened.card, VERBS.registrationSave, { inputs: { language: 'Tysk', level: '1' } });
    expect((await h.store.registrations.get('1004'))?.languages).toHaveLength(2);
  });

  it('When «Lagre» is clicked twice, then the entry is saved once', async () => {
    const h = await createHarness();
    const form = await openSection(h, 'education');
    const [a, b] = await Promise.all([
      click(h, form, VERBS.registrationSave, { inputs: EDUCATION }),
      click(h, form, VERBS.registrationSave, { inputs: EDUCATION }),
    ]);
    const stored = await h.store.registrations.get('1004');
    expect(stored?.version).toBe(1);
    expect(stored?.education).toHaveLength(1);
    const texts = [cardText(a.card), cardText(b.card)];
    expect(texts.filter((t) => t.includes('«Spesialpedagogikk» er lagret.'))).toHaveLength(1);
    // The second click was made on the same (now old) card: it says nothing more was saved.
    expect(texts.filter((t) => t.includes(COMPETENCE_TEXT.conflict))).toHaveLength(1);
  });

  describe('a tampered payload is refused clearly and changes nothing', () => {
    it('When the types are wrong or the section is unknown, then the user is told the card is not valid', async () => {
      const h = await createHarness();
      const form = await openSection(h, 'education');
      const save = findAction(form, VERBS.registrationSave).data!;
      for (const data of [
        { ...save, version: 'x' },
        { ...save, items: 'tull' },
        { ...save, index: -1 },
        { ...save, index: 5 },
        { ...save, section: 'lonn' },
        { ...save, items: [{}], version: 0, index: 0, section: 'education', employeeId: undefined },
        { verb: 'x' },
        'tull',
        null,
      ]) {
        const [response] = await h.execute(VERBS.registrationSave, data, LARS);
        expect(invokeTextOf(response), JSON.stringify(data)).toBe(REGISTRATION_STALE_TEXT);
      }
      for (const [verb, data] of [
        [VERBS.registrationSection, { employeeId: '1004', section: 'lonn' }],
        [VERBS.registrationExport, { employeeId: '1004', format: 'xlsx' }],
        [VERBS.registrationRemove, { employeeId: '1004', section: 'selfAssessment', version: 0, index: 0, items: [] }],
      ] as const) {
        const [response] = await h.execute(verb, data, LARS);
        expect(invokeTextOf(response)).toBe(REGISTRATION_STALE_TEXT);
      }
      expect(await h.store.registrations.count()).toBe(0);
    });

    it('When a field has the wrong type or an entry carries an unknown field, then the card says so and nothing is saved', async () => {
      const h = await createHarness();
      const form = await openSection(h, 'education');
      const wrongType = await click(h, form, VERBS.registrationSave, { inputs: { ...EDUCATION, field: 42 } });
      expect(cardText(wrongType.card)).toContain('Fag eller studium må være tekst.');
      const save = findAction(form, VERBS.registrationSave).data!;
      const [injected] = await h.execute(VERBS.registrationSave, { ...save, ...EDUCATION, index: 1, items: [{ ...EDUCATION, employeeId: '1003' }] }, LARS);
      expect(cardText(invokeCardOf(injected))).toContain('Ukjent felt «employeeId»');
      expect(await h.store.registrations.count()).toBe(0);
    });

    it("When a card carries another employee's id, then it is refused and neither registration changes", async () => {
      const h = await createHarness();
      // Randi saves something of her own first.
      const randiForm = await openSection(h, 'languages', RANDI);
      await click(h, randiForm, VERBS.registrationSave, { inputs: { language: 'Fransk', level: '2' }, user: RANDI });
      const randiBefore = await h.store.registrations.get('1003');

      // Lars sends Randi's card (or edits the id) with his own click.
      for (const verb of [VERBS.registrationSave, VERBS.registrationSection, VERBS.registrationOpen, VERBS.registrationExport, VERBS.registrationDeleteConfirm]) {
        const action = findAction(randiForm, VERBS.registrationSave);
        const data = verb === VERBS.registrationExport ? { employeeId: '1003', format: 'json' } : { ...action.data, language: 'Tysk', level: '1' };
        const [response] = await h.execute(verb, data, LARS);
        expect(invokeTextOf(response), verb).toBe(OTHER_PERSON_TEXT);
      }
      expect(await h.store.registrations.get('1003')).toEqual(randiBefore);
      expect(await h.store.registrations.get('1004')).toBeUndefined();
      expect(h.downloads.take('x')).toBeUndefined();
    });
  });

  it('When the employee exports, then the card links to a one-time file with their data: CSV with BOM, JSON that parses', async () => {
    const h = await createHarness();
    const form = await openSection(h, 'education');
    const saved = await click(h, form, VERBS.registrationSave, { inputs: EDUCATION });
    const overview = await click(h, saved.card, VERBS.registrationOpen);

    const csv = await click(h, overview.card, VERBS.registrationExport, { match: (a) => a.data?.format === 'csv' });
    const csvLink = /\[Last ned ([^\]]+\.csv)\]\((http:\/\/127\.0\.0\.1:3978\/api\/downloads\/([\w-]+))\)/.exec(cardText(csv.card));
    expect(csvLink, cardText(csv.card)).not.toBeNull();
    expect(cardText(csv.card)).toContain('Lenken virker én gang');
    const csvFile = h.downloads.take(csvLink![3]!);
    expect(String(csvFile?.content).startsWith(CSV_BOM)).toBe(true);
    expect(csvFile?.content).toContain('Spesialpedagogikk');
    expect(csvFile?.content).toContain('Universitetet i Oslo');
    expect(h.downloads.take(csvLink![3]!)).toBeUndefined();

    const json = await click(h, csv.card, VERBS.registrationExport, { match: (a) => a.data?.format === 'json' });
    const jsonLink = /\((http:\/\/127\.0\.0\.1:3978\/api\/downloads\/([\w-]+))\)/.exec(cardText(json.card));
    const jsonFile = h.downloads.take(jsonLink![2]!);
    expect(jsonFile?.contentType).toMatch(/json/);
    const parsed = JSON.parse(String(jsonFile!.content)) as unknown;
    expect(JSON.stringify(parsed)).toContain('Spesialpedagogikk');
    expect(JSON.stringify(parsed)).toContain('1004');
  });

  it('When the employee deletes with confirmation, then the registration is gone and the card confirms it', async () => {
    const h = await createHarness();
    const form = await openSection(h, 'education');
    await click(h, form, VERBS.registrationSave, { inputs: EDUCATION });
    const overview = await openOverview(h);

    const confirm = await click(h, overview, VERBS.registrationDelete);
    expect(cardText(confirm.card)).toContain('Slette registreringen?');
    expect(cardText(confirm.card)).toContain('kan ikke angres');
    expect(cardText(confirm.card)).toMatch(/Utdanning\n1 registrert/);
    // Asking is not deleting.
    expect(await h.store.registrations.get('1004')).toBeDefined();
    const keep = await click(h, confirm.card, VERBS.registrationOpen);
    expect(cardText(keep.card)).toMatch(/Utdanning\n1 registrert/);

    const confirmAgain = await click(h, keep.card, VERBS.registrationDelete);
    const done = await click(h, confirmAgain.card, VERBS.registrationDeleteConfirm);
    expect(cardText(done.card)).toContain('Registreringen din er slettet.');
    expect(await h.store.registrations.get('1004')).toBeUndefined();

    const after = await openOverview(h);
    expect(cardText(after)).toContain('Du har ikke registrert noe ennå');
    // A second confirmation (double click) deletes nothing more and says so.
    const again = await click(h, confirmAgain.card, VERBS.registrationDeleteConfirm);
    expect(cardText(again.card)).toContain('ingenting å slette');
  });

  it('When a section has more entries than fit on a page, then the card pages with «Forrige»/«Neste» and stays well under 28 KB', async () => {
    const h = await createHarness();
    const items = Array.from({ length: MAX_ITEMS }, (_, i) => ({
      level: 'master',
      field: `Master i spesialpedagogikk med fordypning nummer ${i + 1}`,
      institution: 'Universitetet i Sørøst-Norge, campus Drammen',
      completedYear: 2015,
      credits: 120,
      competenceIds: ['utd-pedagogisk', 'utd-ppu', 'lederutdanning'],
    }));
    expect((await h.competence.saveSection('1004', 'education', { items }, 0)).ok).toBe(true);
    const first = await openSection(h, 'education');
    expect(JSON.stringify(first).length).toBeLessThan(20_000);
    expect(cardText(first)).toContain('Viser 1–10 av 30');
    expect(cardText(first)).toContain('Du har registrert 30, som er det høyeste antallet.');
    expect(cardText(first)).not.toContain('fordypning nummer 11');
    const next = await click(h, first, VERBS.registrationSection, { match: (a) => a.title === 'Neste' });
    expect(cardText(next.card)).toContain('Viser 11–20 av 30');
    expect(cardText(next.card)).toContain('fordypning nummer 11');
    expect(findAction(next.card, VERBS.registrationSection, (a) => a.title === 'Forrige')).toBeTruthy();
  });

  it('When an unknown Teams user opens «min kompetanse» or clicks a card, then they get the unknown-user message and can still ask a question', async () => {
    const h = await createHarness();
    const [reply] = await h.say('min kompetanse', LEADER);
    expect(reply?.text).toBe(unknownUserText(HR_CONTACT));
    expect(cardOf(reply)).toBeUndefined();
    const [clicked] = await h.execute(VERBS.registrationSave, { employeeId: '1004', section: 'languages', version: 0, index: 0, items: [], language: 'Engelsk', level: '2' }, LEADER);
    expect(invokeTextOf(clicked)).toBe(unknownUserText(HR_CONTACT));
    expect(await h.store.registrations.count()).toBe(0);

    const [answer] = await h.say('Hvilke krav stilles til en rektor?', LEADER);
    expect(cardText(cardOf(answer))).toContain('Krav til rektor');
  });

  it('When someone asks for help, then «Min kompetanse» is among the capabilities', async () => {
    const h = await createHarness();
    const [help] = await h.say('hjelp', LARS);
    expect(cardText(cardOf(help))).toContain('Skriv «min kompetanse»');
  });
});
