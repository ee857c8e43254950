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
 * layout at the start of a line: «14. desember» would become a numbered list starting at 14 (kept
 * as text by {@link noListStart}, no backslash), «- » a bullet, «# » a heading, «* »/«_» emphasis or a bullet. Inline `*` and `_` are escaped as well,
 * so a name or a course title is shown as written.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\*_`[\]])/g, '\\$1')
    .split('\n')
    .map((line) => noListStart(line).replace(/^(\s*)([-+#>])/, '$1\\$2'))
    .join('\n');
}

/**
 * CommonMark, and the markdown-it that the Adaptive Cards renderers use, read 1–9 digits and «.»
 * or «)» at the start of a line, followed by a space, a tab or the end of the line, as an ordered
 * list item: «14. desember» in Teams became `<ol start="14">`, shown indented as «14.» with the
 * rest as its item. A backslash («14\. desember») is not an answer: Teams showed it. A no-break
 * space (U+00A0) is neither a space nor a tab to the list rule, and reads exactly like the space
 * it replaces (it also keeps «14.» and «desember» on one line). Applied to every line of `text`.
 */
export function noListStart(text: string): string {
  return text.replace(/^([ \t]*\d{1,9}[.)])(?:[ \t]+|(?=[\r\n]|$))/gm, '$1\u00A0');
}

/** Whether some line of `text` would start an ordered list in Teams' markdown. */
export function startsListLine(text: string): boolean {
  return /^[ \t]*\d{1,9}[.)](?:[ \t]|$)/m.test(text);
}

/** A day and a Norwegian month name (or its abbreviation): «14. desember», «1. jan.». */
const DAY_MONTH_START =
  /^([ \t]*\d{1,2}\.)[ \t]+(?=(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|des)\.?(?!\p{L}))/gimu;

/**
 * {@link noListStart} for the lines that start with a date («14. desember …», «1. januar–31. mars»)
 * and no others: in a text that may hold an author's own numbered list (a knowledge entry, an HR
 * message), «1. Kjør …» stays a list item, and a date never becomes one.
 */
export function noDateListStart(text: string): string {
  return text.replace(DAY_MONTH_START, '$1\u00A0');
}

/**
 * A rendered card made safe where Teams reads markdown: every TextBlock's `text` gets
 * {@link noDateListStart} (a date never starts a list; an author's «1. …» list stays one), and
 * every FactSet fact's `title` and `value` gets {@link noListStart} (a fact is one value, never a
 * list). Other strings (inputs, choices, action titles, RichTextBlock runs) are plain text to
 * Teams and stay as they are. Mutates and returns the card (a fresh expansion of its template).
 */
export function markdownSafeCard<T>(card: T): T {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') o.text = noDateListStart(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) {
      for (const fact of o.facts as Record<string, unknown>[]) {
        if (typeof fact?.title === 'string') fact.title = noListStart(fact.title);
        if (typeof fact?.value === 'string') fact.value = noListStart(fact.value);
      }
    }
    for (const value of Object.values(o)) if (value && typeof value === 'object') walk(value);
  };
  walk(card);
  return card;
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

/**
 * A card definition (anything with `render`) whose rendered cards go through
 * {@link markdownSafeCard}: a module wraps its definitions once, and every card it renders is safe.
 */
export function markdownSafeDefinition<T extends { render(data: never): unknown }>(definition: T): T {
  const render = definition.render.bind(definition) as (data: unknown) => unknown;
  return { ...definition, render: (data: unknown) => markdownSafeCard(render(data)) } as T;
}
