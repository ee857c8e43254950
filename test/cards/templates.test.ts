import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { CARDS_DIR, type AdaptiveCardJson } from '../../src/cards/define-card.js';
import { renderHelpCard } from '../../src/cards/help-card.js';
import { VERBS } from '../../src/cards/verbs.js';
import { renderAnswerCard, renderCommandSuggestionCard, renderNotFoundCard } from '../../src/modules/qa/cards.js';
import type { PresentedAnswer } from '../../src/modules/qa/present.js';
import { actionsOf, inputsOf } from '../helpers/bot-harness.js';
import { registrationFixtures } from './registration-fixtures.js';
import { arshjulFixtures } from './arshjul-fixtures.js';
import { gapFixtures } from './gap-fixtures.js';
import { deliveryFixtures } from './delivery-fixtures.js';
import { samtaleFixtures } from './samtale-fixtures.js';
import { broadcastFixtures } from './broadcast-fixtures.js';
import { hrqFixtures } from './hrq-fixtures.js';

const entry = {
  id: 'rektor-krav',
  title: 'Krav til rektor',
  summary: 'Rektor skal ha pedagogisk kompetanse.',
  body: '- Detalj ${ikke-mal}',
  tags: ['rektor'],
  audience: ['leder' as const],
  sources: [{ document: '003' as const, section: '§4.1' }],
  lastReviewed: '2026-11-23',
  related: [],
  examples: [],
  file: 'x.md',
};
const presented: PresentedAnswer = {
  question: 'krav til rektor',
  answered: true,
  entry,
  text: '',
  sources: [{ document: '003', section: '§4.1', label: 'Kristiansund kommune: Temaplan (2025), §4.1' }],
  alternatives: [{ id: 'styrer-krav', title: 'Krav til styrer' }],
  confidence: 0.9,
};

/** One rendered fixture per template file; a new template without one fails this test. */
const fixtures: Record<string, () => AdaptiveCardJson[]> = {
  'qa-answer': () => [
    renderAnswerCard(presented),
    renderAnswerCard(presented, { feedback: 'helpful' }),
    renderAnswerCard({ ...presented, alternatives: [] }),
    renderAnswerCard(presented, { feedback: 'notHelpful', askHr: true }),
  ],
  'qa-command': () => [renderCommandSuggestionCard('kompetansegap')],
  'qa-not-found': () => [
    renderNotFoundCard({ ...presented, answered: false, entry: undefined }, 'HR'),
    renderNotFoundCard({ ...presented, answered: false, alternatives: [] }, 'HR'),
    renderNotFoundCard({ ...presented, answered: false, entry: undefined }, 'HR', { askHr: true }),
    renderNotFoundCard({ ...presented, answered: false, entry: undefined, alternatives: [], outOfScope: 'ferie' }, 'HR', { askHr: true }),
  ],
  help: () => [renderHelpCard('welcome', [{ title: 'Spørsmål', text: 'Svar med kilde' }]), renderHelpCard('help', [])],
  ...registrationFixtures,
  ...arshjulFixtures,
  ...gapFixtures,
  ...deliveryFixtures,
  ...samtaleFixtures,
  ...broadcastFixtures,
  ...hrqFixtures,
};

const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json'));
const allVerbs = new Set<string>(Object.values(VERBS));

function verbOf(action: Record<string, unknown>): string | undefined {
  if (action.type === 'Action.Execute') return action.verb as string | undefined;
  if (action.type === 'Action.Submit') return (action.data as { verb?: string } | undefined)?.verb;
  return undefined;
}

describe('card templates', () => {
  it('has a fixture for every template', () => {
    expect(templates.map((t) => t.replace(/\.json$/, '')).sort()).toEqual(Object.keys(fixtures).sort());
  });

  describe.each(templates)('%s', (file) => {
    const raw = JSON.parse(readFileSync(join(CARDS_DIR, file), 'utf8')) as Record<string, unknown>;

    it('is Adaptive Card 1.5 with a label on every input and a known verb on every action', () => {
      expect(raw.version).toBe('1.5');
      for (const input of inputsOf(raw)) expect(input.label, `input ${String(input.id)}`).toBeTruthy();
      for (const action of actionsOf(raw)) {
        expect(['Action.Submit', 'Action.Execute']).toContain(action.type);
        const verb = verbOf(action);
        expect(verb, JSON.stringify(action)).toBeTruthy();
        expect(allVerbs.has(verb!), `verb ${verb} not in VERBS`).toBe(true);
      }
    });

    it('renders with its fixtures: nothing left unexpanded, and the Adaptive Cards parser accepts it', () => {
      for (const card of fixtures[file.replace(/\.json$/, '')]!()) {
        const json = JSON.stringify(card);
        // '${ikke-mal}' comes from content and must stay literal; nothing else may remain.
        expect(json.replaceAll('${ikke-mal}', '')).not.toContain('${');
        expect(json).not.toContain('$when');
        expect(json).not.toContain('$data');
        const ac = new AC.AdaptiveCard();
        const ctx = new AC.SerializationContext();
        ac.parse(card, ctx);
        const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
        expect(events).toEqual([]);
        expect(ac.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
      }
    });
  });

  it('uses every verb in some template (no route without a button)', () => {
    const used = new Set<string>();
    for (const file of templates) {
      for (const a of actionsOf(JSON.parse(readFileSync(join(CARDS_DIR, file), 'utf8')))) {
        const v = verbOf(a);
        if (v) used.add(v);
      }
    }
    expect([...allVerbs].filter((v) => !used.has(v))).toEqual([]);
  });
});
