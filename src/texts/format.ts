/**
 * The text layer: the small helpers every user-facing string goes through. Pure, no Teams SDK.
 * Everything a person reads is bokmål; a nynorsk variant can later be added here without touching
 * the modules (they ask for a phrase, not a language).
 */

/** Grouped the Norwegian way: 12 500 (narrow no-break space as Intl gives it). */
export function formatNumber(n: number): string {
  return n.toLocaleString('nb-NO');
}

/**
 * «1 ansatt» / «2 ansatte». `plural` defaults to `singular + 'e'`, which fits most nouns we count
 * (ansatt, person → personer must be given).
 */
export function plural(n: number, singular: string, pluralForm = `${singular}e`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : pluralForm}`;
}

/** Statistics offices' rule: a count below this could point at one person, so it is not shown. */
export const SMALL_COUNT_LIMIT = 3;

/**
 * A count for HR aggregates: counts 1–2 become «under 3» (or `style: 'dash'` → «–», for tables).
 * 0 is shown (nothing to reveal). Use it on every count HR sees per unit.
 */
export function suppressSmall(n: number, style: 'words' | 'dash' = 'words'): string {
  if (n > 0 && n < SMALL_COUNT_LIMIT) return style === 'dash' ? '–' : `under ${SMALL_COUNT_LIMIT}`;
  return formatNumber(n);
}

/** Whether `suppressSmall` hides this count. */
export function isSuppressed(n: number): boolean {
  return n > 0 && n < SMALL_COUNT_LIMIT;
}

/**
 * Escapes what Teams' markdown (in a message or an Adaptive Card TextBlock) would turn into
 * layout at the start of a line: «14. desember» becomes a numbered list starting at 14, «- » a
 * bullet, «# » a heading, «* »/«_» emphasis or a bullet. Inline `*` and `_` are escaped as well,
 * so a name or a course title is shown as written.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\*_`[\]])/g, '\\$1')
    .split('\n')
    .map((line) => line.replace(/^(\s*)(\d+)\.(?=\s|$)/, '$1$2\\.').replace(/^(\s*)([-+#>])/, '$1\\$2'))
    .join('\n');
}

const VOWELS = /[aeiouyæøåéèêáà]/i;
const LETTER = /\p{L}/u;

/**
 * Soft hyphens (U+00AD) in long words, so a narrow table column breaks «Leder­ut­dan­ning» with a
 * hyphen at a syllable instead of «Lederutdannin g». Breaks before a consonant that starts a
 * syllable (V‑CV, VC‑CV), at least 3 letters from each end; words shorter than `minLength` stay.
 * Invisible unless the word is broken.
 */
export function softHyphenate(text: string, minLength = 12): string {
  return text.replace(/\p{L}+/gu, (word) => {
    if (word.length < minLength) return word;
    let out = '';
    for (let i = 0; i < word.length; i++) {
      const c = word[i]!;
      const prev = word[i - 1] ?? '';
      const next = word[i + 1] ?? '';
      const isCons = (ch: string) => LETTER.test(ch) && !VOWELS.test(ch);
      const breakHere =
        i >= 3 &&
        word.length - i >= 3 &&
        isCons(c) &&
        VOWELS.test(next) &&
        (VOWELS.test(prev) || (isCons(prev) && VOWELS.test(word[i - 2] ?? '')));
      out += (breakHere ? '\u00AD' : '') + c;
    }
    return out;
  });
}
