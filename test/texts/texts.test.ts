import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownSafeCard, noDateListStart, noListStart, startsListLine, softHyphenate, formatDay, formatInstant, invalidDayReason, osloDay, plural, suppressSmall } from '../../src/texts/index.js';

describe('text layer', () => {
  it('When one person is counted, then the noun is singular («1 ansatt», not «1 ansatte»)', () => {
    expect(plural(1, 'ansatt')).toBe('1 ansatt');
    expect(plural(2, 'ansatt')).toBe('2 ansatte');
    expect(plural(0, 'person', 'personer')).toBe('0 personer');
    expect(plural(12500, 'ansatt')).toMatch(/^12\s500 ansatte$/);
  });

  it('When an HR count is 1 or 2, then it is shown as «under 3» (or «–»); 0 and 3+ are shown', () => {
    expect(suppressSmall(1)).toBe('under 3');
    expect(suppressSmall(2, 'dash')).toBe('–');
    expect(suppressSmall(0)).toBe('0');
    expect(suppressSmall(3)).toBe('3');
  });

  it('When a line starts with a date, then Teams does not get a numbered list, and no backslash is shown («14. desember»)', () => {
    const nbsp = '\u00A0';
    expect(noListStart('14. desember: frist')).toBe(`14.${nbsp}desember: frist`);
    expect(noListStart('Frist\n1. mars\r\n  3) tre\r2.\tto')).toBe(`Frist\n1.${nbsp}mars\r\n  3)${nbsp}tre\r2.${nbsp}to`);
    expect(noListStart('14.')).toBe(`14.${nbsp}`);
    // Not list markers: a date in digits, a number without a period, 10 digits, mid-line.
    for (const text of ['01.03.2025 · 8 timer', '3 av 5', '1234567890. x', 'Møte 14. desember', '1.5']) expect(noListStart(text)).toBe(text);
    for (const text of ['14. desember', 'a\n1. mars', '2) to', '7.']) {
      expect(startsListLine(text)).toBe(true);
      expect(startsListLine(noListStart(text))).toBe(false);
    }
    expect(noDateListStart('1. jan. og 3. des\n14. Desember\n1. Kjør')).toBe('1.\u00A0jan. og 3. des\n14.\u00A0Desember\n1. Kjør');
    expect(escapeMarkdown('14. desember: frist')).toBe(`14.${nbsp}desember: frist`);
    expect(escapeMarkdown('14. desember')).not.toContain('\\');
    expect(escapeMarkdown('- punkt\n# tittel\n*fet*_x_')).toBe('\\- punkt\n\\# tittel\n\\*fet\\*\\_x\\_');
    expect(escapeMarkdown('Møte 14. desember')).toBe('Møte 14. desember');
  });

  it('When a card is made safe, then TextBlock texts and FactSet titles and values lose a list start; inputs and choices keep their text', () => {
    const card = markdownSafeCard({
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '1. januar–31. mars 2027' },
        { type: 'TextBlock', text: 'Slik gjør du det:\n1. Kjør sjekken\n2. Les svaret\r31. mars: frist\n3. marked' },
        { type: 'Container', items: [{ type: 'FactSet', facts: [{ title: 'Dato', value: '14. desember 2026' }, { title: '3. trinn', value: 'x' }] }] },
        { type: 'Input.Text', id: 'd', value: '14. desember' },
        { type: 'Input.ChoiceSet', id: 'c', choices: [{ title: '1. valg', value: '1' }] },
      ],
    });
    const body = (card as { body: Record<string, any>[] }).body;
    expect(body[0]!.text).toBe('1.\u00A0januar–31. mars 2027');
    // An author's own numbered list stays a list; only the date line is taken out of it.
    expect(body[1]!.text).toBe('Slik gjør du det:\n1. Kjør sjekken\n2. Les svaret\r31.\u00A0mars: frist\n3. marked');
    expect(body[2]!.items[0].facts).toEqual([{ title: 'Dato', value: '14.\u00A0desember 2026' }, { title: '3.\u00A0trinn', value: 'x' }]);
    expect(body[3]!.value).toBe('14. desember');
    expect(body[4]!.choices[0].title).toBe('1. valg');
  });

  it('When an instant is shown, then it is in Oslo time (winter +1, summer +2)', () => {
    expect(formatInstant(new Date('2026-12-14T08:30:00Z'))).toBe('14. desember 2026 kl. 09:30');
    expect(formatInstant('2026-06-14T22:30:00Z', 'date')).toBe('15. juni 2026');
    expect(formatInstant('2026-06-14T08:30:00Z', 'time')).toBe('10:30');
    expect(formatInstant('2026-11-23T10:00:00Z', 'numericDateTime')).toBe('23.11.2026 11:00');
    expect(osloDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('When a calendar day is shown, then it is that day, and a day that does not exist is said in words', () => {
    expect(formatDay('2026-12-14')).toBe('14. desember 2026');
    expect(formatDay('2026-12-14', 'dayMonth')).toBe('14. desember');
    expect(formatDay('2027-02-31')).toBeUndefined();
    expect(invalidDayReason(31, 2)).toBe('31. februar finnes ikke.');
    expect(invalidDayReason(29, 2)).toBeUndefined();
    expect(invalidDayReason(29, 2, 2027)).toBe('29. februar 2027 finnes ikke.');
    expect(invalidDayReason(1, 13)).toBe('Måned 13 finnes ikke (bruk 1–12).');
  });

  it('When a long word must break in a narrow column, then it breaks at a syllable with a hyphen, never «Lederutdannin g»', () => {
    expect(softHyphenate('Lederutdanning')).toBe('Lede\u00ADrut\u00ADdan\u00ADning');
    expect(softHyphenate('Styrer i barnehage (1)')).toBe('Styrer i barnehage (1)');
    expect(softHyphenate('Barnehagelærerutdanning').replace(/\u00AD/g, '')).toBe('Barnehagelærerutdanning');
    expect(softHyphenate('Barnehagelærerutdanning').split('\u00AD')).toEqual(['Bar', 'ne', 'ha', 'ge', 'læ', 're', 'rut', 'dan', 'ning']);
  });
});
