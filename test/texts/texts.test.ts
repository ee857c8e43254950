import { describe, expect, it } from 'vitest';
import { escapeMarkdown, softHyphenate, formatDay, formatInstant, invalidDayReason, osloDay, plural, suppressSmall } from '../../src/texts/index.js';

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

  it('When a line starts with a date, then Teams does not get a numbered list («14\\. desember»)', () => {
    expect(escapeMarkdown('14. desember: frist')).toBe('14\\. desember: frist');
    expect(escapeMarkdown('Frist\n1. mars')).toBe('Frist\n1\\. mars');
    expect(escapeMarkdown('- punkt\n# tittel\n*fet*_x_')).toBe('\\- punkt\n\\# tittel\n\\*fet\\*\\_x\\_');
    expect(escapeMarkdown('Møte 14. desember')).toBe('Møte 14. desember');
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
