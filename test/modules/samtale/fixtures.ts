/**
 * Shared set-up for the samtale tests: a small, stable template (so HR edits to
 * content/samtale do not move the expectations) and records in every state.
 */
import type { SamtaleRecord } from '../../../src/modules/samtale/model.js';
import type { Actor, DecideContext, SamtaleCommand } from '../../../src/modules/samtale/commands.js';
import { decide, startSamtale } from '../../../src/modules/samtale/state-machine.js';
import { parseSamtaleTemplate } from '../../../src/modules/samtale/template.js';

export const TEMPLATE_YML = `
id: test
title: Testsamtale
sections:
  - id: trivsel
    title: Arbeidssituasjon og trivsel
    intro: Hvordan har du det i jobben din nå?
    leaderIntro: Hvordan opplever du at medarbeideren har det i jobben nå?
    questions:
      - { id: hverdag, text: Hvordan har du det på jobb?, leaderText: Hvordan har medarbeideren det? }
  - id: kompetanse
    title: Kompetanse og læring
    questions:
      - { id: egenvurdering, text: Hvordan vurderer du din egen kompetanse? }
      - { id: ubrukt, text: Har du kompetanse du ikke får brukt? }
  - id: oppfolging
    title: Oppfølging fra forrige samtale
    kind: oppfolging
    questions:
      - { id: status, text: Hvordan gikk det med tiltakene? }
`;

export const template = parseSamtaleTemplate('samtale/test.yml', TEMPLATE_YML);

/** 23 November 2026, 10:00 UTC. */
export const NOW = new Date('2026-11-23T10:00:00.000Z');
export const EMPLOYEE = '1004';
export const LEADER = '1003';
export const OTHER = '1008';

export const employee: Actor = { employeeId: EMPLOYEE, party: 'employee' };
export const leader: Actor = { employeeId: LEADER, party: 'leader' };
export const other: Actor = { employeeId: OTHER, party: null };

export const ctx = (now = NOW): DecideContext => ({
  now,
  template,
  nameOf: (id) => ({ [EMPLOYEE]: 'Lars Lærer', [LEADER]: 'Randi Rektor' })[id],
  competenceName: (id) => (id === 'veiledning' ? 'Veiledning' : undefined),
});

export function started(previous?: SamtaleRecord): SamtaleRecord {
  const r = startSamtale({ id: 'smt-1', employeeId: EMPLOYEE, leaderId: LEADER, unitId: 'nordby-skole', templateId: 'test', scheduledFor: '2026-12-01', now: NOW }, previous);
  if (!r.ok) throw new Error(r.reason);
  return r.record;
}

/** Applies commands in order, each from the current version; throws on a refusal. */
export function apply(record: SamtaleRecord, steps: [Actor, SamtaleCommand][], now = NOW): SamtaleRecord {
  let r = record;
  for (const [actor, command] of steps) {
    const d = decide(r, actor, command, r.version, ctx(now));
    if (!d.ok) throw new Error(`${command.type}: ${d.reason}`);
    r = d.record;
  }
  return r;
}

export const SECRET_EMPLOYEE = 'Hemmelig forberedelse fra Lars';
export const SECRET_LEADER = 'Hemmelig forberedelse fra Randi';

const toKlar: [Actor, SamtaleCommand][] = [
  [employee, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_EMPLOYEE } }],
  [leader, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_LEADER } }],
  [employee, { type: 'submitPreparation' }],
  [leader, { type: 'submitPreparation' }],
];

/** A record in each state, reached through the machine itself. */
export function inState(state: SamtaleRecord['state']): SamtaleRecord {
  const base = started();
  switch (state) {
    case 'planlagt':
      return base;
    case 'forberedes':
      return apply(base, [toKlar[0]!]);
    case 'klar':
      return apply(base, toKlar);
    case 'gjennomfores':
      return apply(base, [...toKlar, [leader, { type: 'open' }]]);
    case 'referat_sendt':
      return apply(base, [...toKlar, [leader, { type: 'open' }], [leader, { type: 'sendReferat', summary: 'Oppsummering' }]]);
    case 'bekreftet':
      return apply(base, [...toKlar, [leader, { type: 'open' }], [leader, { type: 'sendReferat', summary: 'Oppsummering' }], [employee, { type: 'confirm' }]]);
    case 'avlyst':
      return apply(base, [[leader, { type: 'cancel' }]]);
  }
}
