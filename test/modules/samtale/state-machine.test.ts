import { describe, expect, it } from 'vitest';
import type { SamtaleRecord, SamtaleState } from '../../../src/modules/samtale/model.js';
import { type Actor, availableCommands, type SamtaleCommand, TEXT } from '../../../src/modules/samtale/commands.js';
import { canSeePreparation, contentFor, isLocked, roleOf } from '../../../src/modules/samtale/visibility.js';
import { decide } from '../../../src/modules/samtale/state-machine.js';
import { deleteReferatContent, markReferatExported, purgeWorkingNotes } from '../../../src/modules/samtale/retention.js';
import { CONFIRM_MIN_READ_MS, referatToken } from '../../../src/modules/samtale/decide-referat.js';
import { apply, ctx, employee, EMPLOYEE, inState, leader, LEADER, NOW, other, OTHER, SECRET_EMPLOYEE, SECRET_LEADER, started } from './fixtures.js';

const STATES: SamtaleState[] = ['planlagt', 'forberedes', 'klar', 'gjennomfores', 'referat_sendt', 'bekreftet', 'avlyst'];

/** One valid command per event (payload-wise), so only the guards decide. */
const COMMANDS: Record<string, SamtaleCommand> = {
  saveAnswer: { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'Travelt, men bra' } },
  submitPreparation: { type: 'submitPreparation' },
  reschedule: { type: 'reschedule', date: '2026-12-10' },
  open: { type: 'open' },
  addNote: { type: 'addNote', visibility: 'private', text: 'Husk å spørre om kurset' },
  addAction: { type: 'addAction', what: 'Meld på veiledningskurs', ownerEmployeeId: EMPLOYEE, dueDate: '2027-03-01' },
  addDevPlanItem: { type: 'addDevPlanItem', what: 'Bli veileder for nye lærere', competenceId: 'veiledning' },
  sendReferat: { type: 'sendReferat', summary: 'God samtale' },
  reopen: { type: 'reopen' },
  confirm: { type: 'confirm' },
  comment: { type: 'comment', text: 'Jeg vil legge til at kurset var nyttig' },
  cancel: { type: 'cancel' },
};

type Outcome = SamtaleState | 'F' | 'N';
// Columns: planlagt, forberedes, klar, gjennomfores, referat_sendt, bekreftet, avlyst.
// F = refused as not theirs (forbidden); N = refused as not possible in this step (not-allowed).
const TABLE: Record<string, { employee: Outcome[]; leader: Outcome[] }> = {
  saveAnswer: { employee: ['forberedes', 'forberedes', 'N', 'N', 'N', 'N', 'N'], leader: ['forberedes', 'forberedes', 'N', 'N', 'N', 'N', 'N'] },
  submitPreparation: { employee: ['forberedes', 'forberedes', 'N', 'N', 'N', 'N', 'N'], leader: ['forberedes', 'forberedes', 'N', 'N', 'N', 'N', 'N'] },
  reschedule: { employee: ['F', 'F', 'F', 'F', 'F', 'F', 'F'], leader: ['planlagt', 'forberedes', 'klar', 'N', 'N', 'N', 'N'] },
  open: { employee: ['F', 'F', 'F', 'F', 'F', 'F', 'F'], leader: ['gjennomfores', 'gjennomfores', 'gjennomfores', 'N', 'N', 'N', 'N'] },
  addNote: { employee: ['N', 'N', 'N', 'gjennomfores', 'N', 'N', 'N'], leader: ['N', 'N', 'N', 'gjennomfores', 'N', 'N', 'N'] },
  addAction: { employee: ['F', 'F', 'F', 'F', 'F', 'F', 'F'], leader: ['N', 'N', 'N', 'gjennomfores', 'N', 'N', 'N'] },
  addDevPlanItem: { employee: ['F', 'F', 'F', 'F', 'F', 'F', 'F'], leader: ['N', 'N', 'N', 'gjennomfores', 'N', 'N', 'N'] },
  sendReferat: { employee: ['F', 'F', 'F', 'F', 'F', 'F', 'F'], leader: ['N', 'N', 'N', 'referat_sendt', 'N', 'N', 'N'] },
  reopen: { employee: ['F', 'F', 'F', 'F', 'F', 'F', 'F'], leader: ['N', 'N', 'N', 'N', 'gjennomfores', 'N', 'N'] },
  confirm: { employee: ['N', 'N', 'N', 'N', 'bekreftet', 'N', 'N'], leader: ['F', 'F', 'F', 'F', 'F', 'F', 'F'] },
  comment: { employee: ['N', 'N', 'N', 'N', 'referat_sendt', 'bekreftet', 'N'], leader: ['N', 'N', 'N', 'N', 'referat_sendt', 'bekreftet', 'N'] },
  cancel: { employee: ['F', 'F', 'F', 'F', 'F', 'F', 'F'], leader: ['avlyst', 'avlyst', 'avlyst', 'avlyst', 'N', 'N', 'N'] },
};

const cases = Object.entries(TABLE).flatMap(([event, byActor]) =>
  STATES.flatMap((state, i) => [
    { event, state, actorName: 'medarbeideren', actor: employee, expected: byActor.employee[i]! },
    { event, state, actorName: 'lederen', actor: leader, expected: byActor.leader[i]! },
    { event, state, actorName: 'en annen', actor: other, expected: 'F' as Outcome },
  ]),
);

describe('samtale state machine: state × event × actor', () => {
  it.each(cases)('When $actorName sends $event in «$state», then the result is $expected', ({ event, state, actor, expected }) => {
    const record = inState(state);
    expect(record.state).toBe(state);
    const result = decide(record, actor, COMMANDS[event]!, record.version, ctx());
    if (expected === 'F' || expected === 'N') {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe(expected === 'F' ? 'forbidden' : 'not-allowed');
      expect(result.reason).toMatch(/^[A-ZÆØÅ].*\.$/);
      if (actor.party === null) expect(result.reason).toBe(TEXT.noAccess);
      // nothing changed
      expect(record.state).toBe(state);
    } else {
      expect(result).toMatchObject({ ok: true, duplicate: false, record: { state: expected, version: record.version + 1 } });
    }
  });

  it.each([
    ['planlagt', 'addAction', leader, 'Samtalen er ikke startet ennå. Lederen starter den med «Start samtalen».'],
    ['gjennomfores', 'saveAnswer', employee, 'Samtalen er i gang, så forberedelsen kan ikke endres lenger.'],
    ['klar', 'saveAnswer', leader, 'Begge har sendt inn forberedelsen, så den kan ikke endres lenger.'],
    ['referat_sendt', 'addNote', leader, 'Referatet er sendt. Lederen må gjenåpne det for å gjøre endringer.'],
    ['bekreftet', 'reopen', leader, 'Referatet er bekreftet og låst. Du kan fortsatt legge til en kommentar.'],
    ['avlyst', 'open', leader, 'Samtalen er avlyst, så ingenting kan endres.'],
    ['referat_sendt', 'confirm', leader, 'Bare medarbeideren kan bekrefte referatet.'],
    ['gjennomfores', 'sendReferat', employee, 'Bare lederen kan sende referatet.'],
    ['planlagt', 'confirm', employee, 'Referatet er ikke sendt ennå.'],
  ] as [SamtaleState, string, Actor, string][])('When the step is «%s» and %s is sent, then the reason says why in Norwegian', (state, event, actor, reason) => {
    const record = inState(state);
    expect(decide(record, actor, COMMANDS[event]!, record.version, ctx())).toMatchObject({ ok: false, reason });
  });

  it('When one party has submitted, then only that party is refused further edits, and both submitted makes it «klar»', () => {
    const r = apply(started(), [[employee, { type: 'submitPreparation' }]]);
    expect(r.state).toBe('forberedes');
    expect(decide(r, employee, COMMANDS.saveAnswer!, r.version, ctx())).toMatchObject({ ok: false, reason: TEXT.alreadySubmitted });
    const leaderSaves = decide(r, leader, COMMANDS.saveAnswer!, r.version, ctx());
    expect(leaderSaves.ok).toBe(true);
    const klar = apply(r, [[leader, { type: 'submitPreparation' }]]);
    expect(klar.state).toBe('klar');
  });

  it('When the employee shares a shared note, then it is refused; a private note is fine', () => {
    const r = inState('gjennomfores');
    expect(decide(r, employee, { type: 'addNote', visibility: 'shared', text: 'x' }, r.version, ctx())).toMatchObject({ ok: false, code: 'forbidden', reason: TEXT.sharedNoteLeaderOnly });
    expect(decide(r, employee, { type: 'addNote', visibility: 'private', text: 'x' }, r.version, ctx()).ok).toBe(true);
  });

  it('When availableCommands is asked, then it lists exactly what the guards allow', () => {
    expect(availableCommands(inState('planlagt'), 'employee').sort()).toEqual(['saveAnswer', 'submitPreparation']);
    expect(availableCommands(inState('referat_sendt'), 'employee').sort()).toEqual(['comment', 'completeAction', 'confirm']);
    expect(availableCommands(inState('bekreftet'), 'leader').sort()).toEqual(['comment', 'completeAction']);
    expect(availableCommands(inState('gjennomfores'), null)).toEqual([]);
  });
});

describe('samtale state machine: payload validation', () => {
  it.each([
    ['an unknown section', { type: 'saveAnswer', sectionId: 'finnes-ikke', answers: { a: 'x' } }, 'sectionId'],
    ['an unknown question', { type: 'saveAnswer', sectionId: 'trivsel', answers: { finnesIkke: 'x' } }, 'answers.finnesIkke'],
    ['a too long answer', { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'x'.repeat(2001) } }, 'answers.hverdag'],
    ['an answer that is not text', { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: { $gt: '' } } }, 'answers.hverdag'],
  ] as [string, SamtaleCommand, string][])('When a preparation has %s, then it is refused per field and nothing is saved', (_label, command, field) => {
    const r = started();
    const result = decide(r, employee, command, r.version, ctx());
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    if (!result.ok) expect(result.errors?.map((e) => e.field)).toContain(field);
  });

  it.each([
    ['no text', { what: '  ', ownerEmployeeId: EMPLOYEE, dueDate: '2027-01-01' }, 'what', 'Skriv noe før du lagrer.'],
    ['an owner who is not a party', { what: 'Kurs', ownerEmployeeId: OTHER, dueDate: '2027-01-01' }, 'ownerEmployeeId', 'Ansvarlig må være medarbeideren eller lederen.'],
    ['a due date in the past', { what: 'Kurs', ownerEmployeeId: EMPLOYEE, dueDate: '2026-11-22' }, 'dueDate', 'Datoen har passert (22. november 2026). Velg i dag eller en senere dato.'],
    ['a date that does not exist', { what: 'Kurs', ownerEmployeeId: EMPLOYEE, dueDate: '2027-02-30' }, 'dueDate', 'Velg en gyldig dato.'],
  ])('When an action has %s, then the field gets a Norwegian message', (_label, action, field, message) => {
    const r = inState('gjennomfores');
    const result = decide(r, leader, { type: 'addAction', ...action }, r.version, ctx());
    expect(result).toMatchObject({ ok: false, code: 'invalid', errors: [{ field, message }] });
  });

  it('When a development-plan item names an unknown competence, then it is refused; a known one is linked', () => {
    const r = inState('gjennomfores');
    expect(decide(r, leader, { type: 'addDevPlanItem', what: 'x', competenceId: 'tull' }, r.version, ctx())).toMatchObject({
      ok: false,
      errors: [{ field: 'competenceId', message: 'Ukjent kompetanse i katalogen.' }],
    });
    const ok = decide(r, leader, { type: 'addDevPlanItem', what: 'Veilede nyansatte', competenceId: 'veiledning' }, r.version, ctx());
    expect(ok.ok && ok.record.devPlan).toEqual([{ id: `d${r.version + 1}`, what: 'Veilede nyansatte', competenceId: 'veiledning', createdAt: NOW.toISOString() }]);
  });

  it('When an empty answer is saved, then the earlier answer to that question is removed', () => {
    const r = apply(started(), [[employee, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'Bra' } }]]);
    const cleared = apply(r, [[employee, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: '   ' } }]]);
    expect(cleared.preparations.employee.answers).toEqual({});
  });
});

describe('samtale state machine: double clicks, stale cards and tampered versions', () => {
  it('When the same save is sent twice from the same card, then the second is answered as done and nothing changes', () => {
    const r = started();
    const command: SamtaleCommand = { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'Bra' } };
    const first = decide(r, employee, command, r.version, ctx());
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const second = decide(first.record, employee, command, r.version, ctx());
    expect(second).toMatchObject({ ok: true, duplicate: true, effects: [] });
    if (second.ok) expect(second.record).toBe(first.record);
  });

  it('When «Legg til tiltak» is double clicked, then there is one action', () => {
    const r = inState('gjennomfores');
    const command = COMMANDS.addAction!;
    const once = decide(r, leader, command, r.version, ctx());
    if (!once.ok) throw new Error(once.reason);
    const twice = decide(once.record, leader, command, r.version, ctx());
    expect(twice.ok && twice.duplicate).toBe(true);
    expect(twice.ok && twice.record.actions).toHaveLength(1);
  });

  it('When both parties save their own preparation from cards of the same version, then both saves are kept', () => {
    const r = started();
    const a = decide(r, employee, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'E' } }, r.version, ctx());
    if (!a.ok) throw new Error(a.reason);
    const b = decide(a.record, leader, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'L' } }, r.version, ctx());
    expect(b).toMatchObject({ ok: true, duplicate: false });
    if (!b.ok) return;
    expect(b.record.preparations.employee.answers.trivsel).toEqual({ hverdag: 'E' });
    expect(b.record.preparations.leader.answers.trivsel).toEqual({ hverdag: 'L' });
  });

  it('When the same section is changed from an older card (another window), then it is refused as stale and the newer answer is kept', () => {
    const r = apply(started(), [[employee, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'Ny' } }]]);
    const stale = decide(r, employee, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'Gammel' } }, r.version - 1, ctx());
    expect(stale).toMatchObject({ ok: false, code: 'stale', reason: TEXT.staleEdit });
    expect(r.preparations.employee.answers.trivsel).toEqual({ hverdag: 'Ny' });
  });

  it('When a card from before the conversation started is clicked, then it is refused as from an earlier step', () => {
    const klar = inState('klar');
    const opened = apply(klar, [[leader, { type: 'open' }]]);
    const result = decide(opened, leader, { type: 'reschedule', date: '2026-12-12' }, klar.version, ctx());
    expect(result).toMatchObject({ ok: false, code: 'stale', reason: TEXT.staleStep('Samtalen pågår') });
  });

  it('When «Bekreft referatet» carries another referat than the stored one, or comes right after its card was drawn, then nothing is confirmed', () => {
    const r = inState('referat_sendt');
    const token = referatToken(r)!;
    const drawn = new Date(NOW.getTime() - 200).toISOString();
    const read = new Date(NOW.getTime() - CONFIRM_MIN_READ_MS - 1).toISOString();
    expect(decide(r, employee, { type: 'confirm', referat: 'et-annet-referat', shownAt: read }, r.version, ctx())).toEqual({ ok: false, code: 'stale', reason: TEXT.referatChanged });
    expect(decide(r, employee, { type: 'confirm', referat: token, shownAt: drawn }, r.version, ctx())).toMatchObject({ ok: false, code: 'invalid', reason: TEXT.confirmTooSoon });
    expect(decide(r, employee, { type: 'confirm', referat: token, shownAt: 'ikke en tid' }, r.version, ctx())).toMatchObject({ ok: false, code: 'stale' });
    const confirmed = decide(r, employee, { type: 'confirm', referat: token, shownAt: read }, r.version, ctx());
    expect(confirmed).toMatchObject({ ok: true, duplicate: false, record: { state: 'bekreftet' } });
  });

  it('When the referat is confirmed twice (double click), then it is confirmed once and the second is answered as done', () => {
    const r = inState('referat_sendt');
    const once = decide(r, employee, { type: 'confirm', comment: 'Enig' }, r.version, ctx());
    if (!once.ok) throw new Error(once.reason);
    const twice = decide(once.record, employee, { type: 'confirm', comment: 'Enig' }, r.version, ctx());
    expect(twice).toMatchObject({ ok: true, duplicate: true });
    expect(twice.ok && twice.record.comments).toHaveLength(1);
  });

  it.each([
    ['a version from the future', 99],
    ['version 0', 0],
    ['a broken version', Number.NaN],
  ])('When a card carries %s, then nothing changes and the user is told to reopen', (_label, version) => {
    const r = started();
    expect(decide(r, employee, COMMANDS.saveAnswer!, version, ctx())).toMatchObject({ ok: false, code: 'stale', reason: TEXT.unknownVersion });
  });

  it('When someone who is not a party sends a command, then they are refused before anything about the samtale is revealed', () => {
    const r = started();
    expect(decide(r, other, COMMANDS.saveAnswer!, 99, ctx())).toEqual({ ok: false, code: 'forbidden', reason: TEXT.noAccess });
  });
});

describe('samtale state machine: actions from the previous samtale', () => {
  function previousWithAction(): SamtaleRecord {
    const r = apply(inState('gjennomfores'), [[leader, { type: 'addAction', what: 'Ta kurs i veiledning', ownerEmployeeId: EMPLOYEE, dueDate: '2027-02-01' }]]);
    return apply(r, [[leader, { type: 'sendReferat' }], [employee, { type: 'confirm' }]]);
  }

  it('When a new samtale starts, then open actions of the previous one come back and block the referat until closed or carried on', () => {
    const prev = previousWithAction();
    const next = apply(started(prev), [[leader, { type: 'open' }]]);
    expect(next.previousActions).toMatchObject([{ samtaleId: prev.id, what: 'Ta kurs i veiledning' }]);
    expect(decide(next, leader, { type: 'sendReferat' }, next.version, ctx())).toMatchObject({ ok: false, reason: TEXT.previousOpen(1) });
    const actionId = next.previousActions[0]!.actionId;
    const carried = decide(next, leader, { type: 'reviewPreviousAction', actionId, decision: 'carry', dueDate: '2027-06-01' }, next.version, ctx());
    expect(carried).toMatchObject({ ok: true, effects: [{ kind: 'followUpPrevious', samtaleId: prev.id, actionId, status: 'carried' }] });
    if (!carried.ok) return;
    expect(carried.record.actions).toMatchObject([{ what: 'Ta kurs i veiledning', dueDate: '2027-06-01', ownerEmployeeId: EMPLOYEE, carriedFrom: { samtaleId: prev.id, actionId } }]);
    expect(decide(carried.record, leader, { type: 'sendReferat' }, carried.record.version, ctx()).ok).toBe(true);
  });

  it('When a carried action is removed again, then the old action comes back for review', () => {
    const prev = previousWithAction();
    const next = apply(started(prev), [[leader, { type: 'open' }]]);
    const actionId = next.previousActions[0]!.actionId;
    const carried = apply(next, [[leader, { type: 'reviewPreviousAction', actionId, decision: 'carry', dueDate: '2027-06-01' }]]);
    const removed = apply(carried, [[leader, { type: 'removeItem', itemId: carried.actions[0]!.id }]]);
    expect(removed.actions).toEqual([]);
    expect(removed.previousActions[0]!.decision).toBeUndefined();
  });

  it('When an action is closed twice, then the second time says it is already handled', () => {
    const prev = previousWithAction();
    const next = apply(started(prev), [[leader, { type: 'open' }]]);
    const actionId = next.previousActions[0]!.actionId;
    const closed = apply(next, [[leader, { type: 'reviewPreviousAction', actionId, decision: 'close' }]]);
    expect(decide(closed, leader, { type: 'reviewPreviousAction', actionId, decision: 'close' }, closed.version, ctx())).toMatchObject({ ok: false, reason: TEXT.previousDone });
  });
});

describe('samtale visibility', () => {
  it('When nobody has submitted, then each party sees only their own preparation', () => {
    const r = apply(started(), [
      [employee, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_EMPLOYEE } }],
      [leader, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_LEADER } }],
    ]);
    const forEmployee = contentFor(r, EMPLOYEE, 'employee')!;
    const forLeader = contentFor(r, LEADER, 'leader')!;
    expect(forEmployee.mine.answers.kompetanse).toEqual({ egenvurdering: SECRET_EMPLOYEE });
    expect(forEmployee.other).toEqual({ status: 'pagar' });
    expect(JSON.stringify(forEmployee)).not.toContain(SECRET_LEADER);
    expect(JSON.stringify(forLeader)).not.toContain(SECRET_EMPLOYEE);
  });

  it('When only the employee has submitted, then the leader still cannot read it, but sees that it is sent', () => {
    const r = apply(started(), [
      [employee, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_EMPLOYEE } }],
      [employee, { type: 'submitPreparation' }],
    ]);
    const forLeader = contentFor(r, LEADER, 'leader')!;
    expect(forLeader.other.status).toBe('sendt');
    expect(forLeader.other.answers).toBeUndefined();
    expect(canSeePreparation(r, 'leader', 'employee')).toBe(false);
  });

  it('When both have submitted, then both see both preparations side by side', () => {
    const r = inState('klar');
    expect(contentFor(r, LEADER, 'leader')!.other.answers).toEqual({ kompetanse: { egenvurdering: SECRET_EMPLOYEE } });
    expect(contentFor(r, EMPLOYEE, 'employee')!.other.answers).toEqual({ kompetanse: { egenvurdering: SECRET_LEADER } });
  });

  it('When the leader opens the samtale before the employee submitted, then the preparations are shared from then on', () => {
    const r = apply(started(), [
      [employee, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_EMPLOYEE } }],
      [leader, { type: 'open' }],
    ]);
    expect(contentFor(r, LEADER, 'leader')!.other).toEqual({ status: 'pagar', answers: { kompetanse: { egenvurdering: SECRET_EMPLOYEE } } });
  });

  it('When notes are written, then private notes are seen by their author only and shared notes by both', () => {
    const r = apply(inState('gjennomfores'), [
      [leader, { type: 'addNote', visibility: 'shared', text: 'Felles notat' }],
      [leader, { type: 'addNote', visibility: 'private', text: 'Lederens private notat' }],
      [employee, { type: 'addNote', visibility: 'private', text: 'Medarbeiderens private notat' }],
    ]);
    const e = contentFor(r, EMPLOYEE, 'employee')!;
    const l = contentFor(r, LEADER, 'leader')!;
    expect(e.sharedNotes.map((n) => n.text)).toEqual(['Felles notat']);
    expect(l.sharedNotes.map((n) => n.text)).toEqual(['Felles notat']);
    expect(e.privateNotes.map((n) => n.text)).toEqual(['Medarbeiderens private notat']);
    expect(l.privateNotes.map((n) => n.text)).toEqual(['Lederens private notat']);
    expect(JSON.stringify(e)).not.toContain('Lederens private notat');
    // the leader cannot remove the employee's private note
    const theirs = r.notes.find((n) => n.text === 'Medarbeiderens private notat')!;
    expect(decide(r, leader, { type: 'removeItem', itemId: theirs.id }, r.version, ctx())).toMatchObject({ ok: false, reason: TEXT.removeNotOwn });
  });

  it('When someone is neither the employee nor the current leader, then they see nothing at all', () => {
    const r = inState('bekreftet');
    expect(roleOf(r, OTHER, LEADER)).toBeNull();
    expect(contentFor(r, OTHER, null)).toBeUndefined();
    // the leader who started it, once no longer the current leader, is «other» too
    expect(roleOf(r, LEADER, '1002')).toBeNull();
    // a new current leader is not a party of the samtale the former leader held (#17)
    expect(roleOf(r, '1002', '1002')).toBeNull();
    expect(roleOf(r, LEADER, LEADER)).toBe('leader');
  });

  it('When the referat is confirmed, then it is locked; later remarks are appended as comments', () => {
    const r = inState('bekreftet');
    expect(isLocked(r)).toBe(true);
    expect(decide(r, leader, { type: 'addNote', visibility: 'shared', text: 'x' }, r.version, ctx()).ok).toBe(false);
    const commented = apply(r, [[employee, { type: 'comment', text: 'Etter samtalen har jeg tenkt mer på dette' }]]);
    expect(commented.comments).toMatchObject([{ authorId: EMPLOYEE, afterConfirmation: true }]);
    expect(commented.referat).toEqual(r.referat);
  });
});

describe('samtale retention (pure)', () => {
  it('When the retention time has passed since confirmation, then preparations and notes go and the referat stays', () => {
    const r = apply(inState('gjennomfores'), [
      [leader, { type: 'addNote', visibility: 'shared', text: 'Felles notat' }],
      [leader, { type: 'addNote', visibility: 'private', text: 'Privat' }],
      [leader, { type: 'sendReferat', summary: 'Oppsummert' }],
      [employee, { type: 'confirm' }],
    ]);
    const confirmed = new Date(r.confirmedAt!);
    expect(purgeWorkingNotes(r, new Date('2027-02-22T10:00:00Z'), 3)).toBeUndefined();
    const purged = purgeWorkingNotes(r, new Date(confirmed.getTime() + 92 * 86_400_000), 3)!;
    expect(purged.preparations.employee.answers).toEqual({});
    expect(purged.preparations.leader.answers).toEqual({});
    expect(purged.notes).toEqual([]);
    expect(purged.referat?.sharedNotes).toEqual([{ text: 'Felles notat' }]);
    expect(purged.referat?.summary).toBe('Oppsummert');
    expect(JSON.stringify(purged)).not.toContain(SECRET_EMPLOYEE);
    expect(purgeWorkingNotes(purged, new Date('2030-01-01T00:00:00Z'), 3)).toBeUndefined();
  });

  it('When a samtale was cancelled, then its working notes are deleted the same number of months after the cancellation', () => {
    const r = apply(started(), [
      [employee, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_EMPLOYEE } }],
      [leader, { type: 'cancel' }],
    ]);
    expect(purgeWorkingNotes(r, new Date('2027-02-23T09:59:59Z'), 3)).toBeUndefined();
    expect(purgeWorkingNotes(r, new Date('2027-02-23T10:00:00Z'), 3)?.preparations.employee.answers).toEqual({});
  });

  it('When a samtale is still running, then nothing is purged however old it is', () => {
    expect(purgeWorkingNotes(inState('referat_sendt'), new Date('2035-01-01T00:00:00Z'), 3)).toBeUndefined();
  });
});

describe('samtale referat retention (pure)', () => {
  const exportedAt = new Date('2026-11-24T08:00:00Z');
  const later = new Date('2028-11-23T10:00:00Z'); // 24 months after confirmation (NOW)

  it('When only a confirmed referat is exported, then the export is recorded, without spoiling open cards', () => {
    for (const state of ['gjennomfores', 'referat_sendt', 'avlyst'] as const) expect(markReferatExported(inState(state), exportedAt)).toBeUndefined();
    const confirmed = inState('bekreftet');
    const exported = markReferatExported(confirmed, exportedAt)!;
    expect(exported).toMatchObject({ referatExportedAt: exportedAt.toISOString(), version: confirmed.version + 1 });
    // A comment from a card rendered before the export still goes through.
    expect(decide(exported, employee, { type: 'comment', text: 'Senere merknad' }, confirmed.version, ctx(exportedAt))).toMatchObject({ ok: true, duplicate: false });
  });

  it('When the referat is deleted, then the content is gone, the input is untouched, and every command is refused with the date', () => {
    const exported = markReferatExported(inState('bekreftet'), exportedAt)!;
    expect(deleteReferatContent(inState('bekreftet'), later, 24)).toBeUndefined(); // never exported
    expect(deleteReferatContent(exported, new Date(later.getTime() - 1), 24)).toBeUndefined(); // too early
    const before = JSON.stringify(exported);
    const tombstone = deleteReferatContent(exported, later, 24)!;
    expect(JSON.stringify(exported)).toBe(before);
    expect(tombstone.referat).toBeUndefined();
    expect(JSON.stringify(tombstone)).not.toContain(SECRET_EMPLOYEE);
    expect(JSON.stringify(tombstone)).not.toContain('Oppsummering');
    expect(tombstone).toMatchObject({ state: 'bekreftet', referatDeletedAt: later.toISOString(), confirmedAt: exported.confirmedAt });
    expect(deleteReferatContent(tombstone, new Date('2040-01-01T00:00:00Z'), 24)).toBeUndefined();
    for (const actor of [employee, leader]) {
      expect(availableCommands(tombstone, actor.party)).toEqual([]);
      for (const command of Object.values(COMMANDS)) {
        expect(decide(tombstone, actor, command, tombstone.version, ctx(later))).toEqual({ ok: false, code: 'not-allowed', reason: TEXT.referatDeleted(later.toISOString()) });
      }
    }
    expect(TEXT.referatDeleted(later.toISOString())).toBe('Referatet er slettet etter arkivering (23. november 2028), så ingenting kan endres.');
    expect(contentFor(tombstone, EMPLOYEE, 'employee')?.referatDeletedAt).toBe(later.toISOString());
  });
});
