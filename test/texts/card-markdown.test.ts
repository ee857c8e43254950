/**
 * #12 «Dates at the start of a line become numbered lists in Teams markdown»: through the
 * renderers. Every card fixture of the årshjul, broadcast, delivery and hr-questions templates
 * (test/cards/*-fixtures.ts), plus cards built here with a date at the start of a line, has no
 * TextBlock text and no fact whose line starts
 * like an ordered list item in CommonMark («14. desember» → `<ol start="14">`), and no backslash
 * before the period (Teams showed it).
 */
import { describe, expect, it } from 'vitest';
import type { AdaptiveCardJson } from '../../src/cards/define-card.js';
import { renderMessage } from '../../src/modules/broadcast/cards.js';
import { renderAnswerForAsker, renderHrCard } from '../../src/modules/hr-questions/cards.js';
import { renderInstallRequest } from '../../src/modules/delivery/cards.js';
import { startsListLine } from '../../src/texts/index.js';
import { arshjulFixtures } from '../cards/arshjul-fixtures.js';
import { broadcastFixtures } from '../cards/broadcast-fixtures.js';
import { deliveryFixtures } from '../cards/delivery-fixtures.js';
import { gapFixtures } from '../cards/gap-fixtures.js';
import { hrqFixtures } from '../cards/hrq-fixtures.js';
import { registrationFixtures } from '../cards/registration-fixtures.js';
import { samtaleFixtures } from '../cards/samtale-fixtures.js';

interface MarkdownString {
  where: string;
  text: string;
}

/** The strings Teams renders as markdown: TextBlock text, fact titles and values. */
function markdownStrings(card: unknown, where = ''): MarkdownString[] {
  const out: MarkdownString[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push({ where: `${path}.text`, text: o.text });
    if (o.type === 'FactSet' && Array.isArray(o.facts)) {
      (o.facts as { title?: string; value?: string }[]).forEach((f, i) => {
        if (typeof f.title === 'string') out.push({ where: `${path}.facts[${i}].title`, text: f.title });
        if (typeof f.value === 'string') out.push({ where: `${path}.facts[${i}].value`, text: f.value });
      });
    }
    for (const [k, v] of Object.entries(o)) if (v && typeof v === 'object') walk(v, `${path}.${k}`);
  };
  walk(card, where);
  return out;
}

const DATE_LINE = /^[ \t]*\d{1,2}\\?\.[ \t]*(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)/im;
const DATE_LINE_AS_TEXT = /^[ \t]*\d{1,2}\.\u00A0(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)/im;

/** Lines that Teams would turn into a list although they are a date, or that show a backslash. */
function offending(cards: AdaptiveCardJson[], name: string): MarkdownString[] {
  return cards.flatMap((card, i) =>
    markdownStrings(card, `${name}#${i}`).filter(
      (s) =>
        /^[ \t]*\d{1,9}\\[.)]/m.test(s.text) ||
        (DATE_LINE.test(s.text) && startsListLine(s.text.split(/\r\n|\r|\n/).filter((l) => DATE_LINE.test(l)).join('\n'))) ||
        (s.where.includes('.facts[') && startsListLine(s.text)),
    ),
  );
}

// Samtale, registration and gap cards wrap their definitions the same way (markdownSafeDefinition)
// in their own modules; their fixtures are checked in a test of their own below.
const all: Record<string, () => AdaptiveCardJson[]> = { ...arshjulFixtures, ...deliveryFixtures, ...broadcastFixtures, ...hrqFixtures };

describe('dates at the start of a line in cards (#12)', () => {
  it('When any årshjul, broadcast, delivery or HR-question card fixture is rendered, then no line Teams reads as markdown starts a numbered list with a date, and no fact starts one at all', () => {
    const bad = Object.entries(all).flatMap(([name, render]) => offending(render(), name));
    expect(bad).toEqual([]);
    // The fixtures do show dates at the start of a line (årshjul «1. januar–31. mars»):
    const kept = Object.entries(all).flatMap(([name, render]) => render().flatMap((c, i) => markdownStrings(c, `${name}#${i}`))).filter((s) => DATE_LINE_AS_TEXT.test(s.text));
    expect(kept.map((s) => s.where.split('#')[0])).toEqual(expect.arrayContaining(['arshjul-now', 'arshjul-reminder', 'arshjul-escalation']));
  });

  it('When any samtale, gap or registration card fixture is rendered, then no line Teams reads as markdown starts a numbered list with a date, and no fact starts one at all', () => {
    const modules = { ...samtaleFixtures, ...gapFixtures, ...registrationFixtures };
    expect(Object.keys(modules).length).toBeGreaterThan(20);
    expect(Object.entries(modules).flatMap(([name, render]) => offending(render(), name))).toEqual([]);
    // The samtale's date facts are among them, kept as text («1.\u00A0desember 2026»):
    const dates = Object.entries(samtaleFixtures).flatMap(([name, render]) => render().flatMap((c, i) => markdownStrings(c, `${name}#${i}`))).filter((s) => DATE_LINE_AS_TEXT.test(s.text));
    expect(dates.some((s) => s.where.includes('.facts['))).toBe(true);
  });

  it('When an årshjul card shows a period or a deadline first on a line, then it reads «1. januar–31. mars 2027» as text, not as a list from 1', () => {
    const item = arshjulFixtures['arshjul-reminder']!()[0]!;
    expect(markdownStrings(item).some((s) => s.text === '1.\u00A0januar–31. mars 2027')).toBe(true);
    const whatsNow = arshjulFixtures['arshjul-now']!()[0]!;
    expect(offending([whatsNow], 'now')).toEqual([]);
    expect(JSON.stringify(whatsNow)).not.toMatch(/"text":"\d{1,2}\. (januar|mars)/);
  });

  it('When HR writes a line that starts with a date in a broadcast, then it stays a line of text; HR\'s own numbered list stays a list', () => {
    const card = renderMessage('b-1', { title: 'Ny rutine', text: '1. januar gjelder ny rutine.\n\nSlik gjør du det:\n1. Les rutinen\n2. Bekreft', ackRequired: false, audience: { kind: 'everyone' } });
    const texts = markdownStrings(card).map((s) => s.text).join('\n');
    expect(texts).toContain('1.\u00A0januar gjelder ny rutine.');
    expect(texts).toContain('\n1. Les rutinen\n2. Bekreft');
    expect(offending([card], 'broadcast')).toEqual([]);
  });

  it('When an HR answer or an install request starts a line with a date, then it is not a list, and no backslash is shown', () => {
    const answer = renderAnswerForAsker({ question: 'Når er fristen?', answer: '15. mars er fristen.\n1. april starter neste runde.', answeredAt: '2026-11-23T12:00:00.000Z' });
    const hr = renderHrCard({ id: 'q-1', question: '14. desember: gjelder fristen for alle?', askedAt: '2026-11-23T10:00:00.000Z' });
    const install = renderInstallRequest({ names: ['Ahmed Ali'], reason: '14. desember er samtalen – Ahmed Ali har ikke åpnet Kompetansebot ennå.' });
    for (const [name, card] of [['answer', answer], ['hr', hr], ['install', install]] as const) {
      expect(offending([card], name)).toEqual([]);
      expect(JSON.stringify(card)).not.toMatch(/\d\\\\\./);
    }
    expect(markdownStrings(answer).map((s) => s.text).join('\n')).toMatch(/15\.\u00A0mars er fristen\.(\n|\r)1\.\u00A0april/);
  });
});
