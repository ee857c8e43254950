/**
 * Which cited `sources[].section` strings name a real section of a source document.
 *
 * The rule (also in content/knowledge/README.md, «Slik skriver du en oppføring»):
 * a citation names exactly ONE section listed in content/documents.yml, written as
 *   1. the section's `id`                                   «§4.1», «Forord», «vedlegg casekommuner, Bærum»
 *   2. the `id` followed by the start of its `title`        «§4.1 Våre kompetansekrav», «§5 Strategisk kompetansestyring»
 *   3. the `title` alone, for a section outside the appendices whose title is unique in the document
 *                                                           «Sammendrag», «Tariffbestemmelser»
 * optionally followed by ONE named part inside that section (a listed `parts` title, or the start of
 * one of at least two words), after «, », « – », a space or in brackets:
 *                                                           «§5.1 Tiltaksplaner, Godt lederskap», «§10.2.1 punkt 3»,
 *                                                           «vedlegg Bærum SKUP 2010–13, årshjul – Desember», «§10.4 (Tabell 12)»
 * Letter case, spacing and the kind of dash do not matter; «punkt 3» and «pkt. 3» are the same.
 * Several sections in one string («§3; §4.1») or ranges («§1.1–1.7») are refused: write one source each.
 */

export interface SectionPart {
  title: string;
  line: number;
  page?: number;
}

export interface DocumentSection {
  id: string;
  title: string;
  /** «280–414», lines of the document's seed file. */
  lines: string;
  page?: number;
  parts?: SectionPart[];
}

export interface SectionMatch {
  section: DocumentSection;
  part?: SectionPart;
}

/** Lower case, one kind of dash without spaces around it, single spaces, «punkt»/«pkt» → «pkt.». */
export function normaliseSectionText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212-]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .replace(/\b(?:punkt|pkt)\.?\s*(?=\d)/g, 'pkt. ')
    .replace(/[.:\s]+$/, '')
    .trim();
}

/** Parses «280–414» (any dash) into [280, 414]; undefined when malformed or reversed. */
export function parseLineSpan(text: string): [number, number] | undefined {
  const m = /^\s*(\d+)\s*[\u2010-\u2015\u2212-]\s*(\d+)\s*$/.exec(text) ?? /^\s*(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2] ?? m[1]);
  return start >= 1 && end >= start ? [start, end] : undefined;
}

/** «a b-c d» → «a», «a b», «a b-c», «a b-c d»: the title cut before a space or a dash. */
function wordPrefixes(text: string): string[] {
  const t = normaliseSectionText(text);
  const out: string[] = [];
  for (let i = 1; i < t.length; i++) if (t[i] === ' ' || t[i] === '-') out.push(t.slice(0, i));
  out.push(t);
  return out;
}

/** Every way the section itself (without a part) may be written, normalised. */
function baseForms(section: DocumentSection, titleAloneAllowed: boolean): string[] {
  const id = normaliseSectionText(section.id);
  const forms = new Set([id]);
  for (const p of wordPrefixes(section.title)) forms.add(`${id} ${p}`);
  if (titleAloneAllowed) forms.add(normaliseSectionText(section.title));
  return [...forms];
}

function partMatches(rest: string, part: SectionPart): boolean {
  const title = normaliseSectionText(part.title);
  if (rest === title) return true;
  const words = rest.split(' ');
  return words.length >= 2 && (title.startsWith(`${rest} `) || title.startsWith(`${rest}-`));
}

/** The part named by what follows a section's base form, or undefined when it names none. */
function findPart(restRaw: string, parts: SectionPart[]): SectionPart | undefined {
  let rest = restRaw;
  const bracket = /^ ?\((.+)\)$/.exec(rest);
  if (bracket) rest = bracket[1] ?? '';
  else if (rest.startsWith(', ')) rest = rest.slice(2);
  else if (rest.startsWith(',') || rest.startsWith('-') || rest.startsWith(' ')) rest = rest.slice(1);
  else return undefined;
  rest = rest.trim();
  if (!rest) return undefined;
  return parts.find((p) => partMatches(rest, p));
}

/**
 * Index of one document's sections for matching citations.
 * Parts are looked up in the cited section's whole line span, so «§7 Tabell 8» finds a table in §7.3.5.
 */
export class SectionIndex {
  private readonly entries: { section: DocumentSection; forms: string[]; parts: SectionPart[]; own: SectionPart[] }[];

  constructor(readonly sections: DocumentSection[]) {
    const titleCount = new Map<string, number>();
    for (const s of sections) {
      const t = normaliseSectionText(s.title);
      titleCount.set(t, (titleCount.get(t) ?? 0) + 1);
    }
    const allParts = sections.flatMap((s) => s.parts ?? []);
    this.entries = sections.map((section) => {
      const span = parseLineSpan(section.lines);
      const titleAlone =
        !normaliseSectionText(section.id).startsWith('vedlegg') &&
        titleCount.get(normaliseSectionText(section.title)) === 1;
      const parts = span ? allParts.filter((p) => p.line >= span[0] && p.line <= span[1]) : [];
      return { section, forms: baseForms(section, titleAlone), parts, own: section.parts ?? [] };
    });
  }

  /** The section (and part) a citation names, or undefined when it names none. */
  match(cited: string): SectionMatch | undefined {
    const text = normaliseSectionText(cited);
    if (!text) return undefined;
    // Longest base form first, so «§1.1 …» is never read as «§1» followed by text.
    let best: { match: SectionMatch; length: number } | undefined;
    for (const e of this.entries) {
      for (const form of e.forms) {
        if (best && form.length <= best.length) continue;
        if (text === form) best = { match: { section: e.section }, length: form.length };
        else if (text.startsWith(form)) {
          const part = findPart(text.slice(form.length), e.parts);
          if (part) best = { match: { section: e.section, part }, length: form.length };
        }
      }
    }
    return best?.match;
  }

  /**
   * The `count` listed sections (or parts) that share most words and numbers with the citation,
   * for the error message: «vedlegg Sørum kompetanseplan, 8.5 HMS» → «vedlegg Sørum strategisk …, §8.5».
   */
  nearest(cited: string, count = 3): string[] {
    const wanted = tokens(cited);
    const weight = (t: string): number => (/\d/.test(t) ? 2 : 1);
    const total = [...wanted].reduce((n, t) => n + weight(t), 0) || 1;
    const text = normaliseSectionText(cited);
    const candidates = this.entries.flatMap((e) => [
      { label: describeSection(e.section), words: tokens(`${e.section.id} ${e.section.title}`), id: e.section.id },
      ...e.own.map((p) => ({
        label: `${describeSection(e.section)} med delen «${p.title}»`,
        words: tokens(`${e.section.id} ${e.section.title} ${p.title}`),
        id: `${e.section.id} ${p.title}`,
      })),
    ]);
    const scored = candidates.map((c) => {
      let common = 0;
      for (const t of wanted) {
        if (c.words.has(t) || [...c.words].some((w) => sameStem(t, w))) common += weight(t);
        else if (/^\d+(\.\d+)*$/.test(t)) common += weight(t) * Math.max(0, ...[...c.words].map((w) => sharedNumber(t, w)));
      }
      const score = common / total - 0.002 * Math.max(0, c.words.size - wanted.size) - 0.001 * distance(text, normaliseSectionText(c.id));
      return { label: c.label, score };
    });
    scored.sort((a, b) => b.score - a.score);
    const out: string[] = [];
    for (const s of scored) {
      if (!out.includes(s.label)) out.push(s.label);
      if (out.length === count) break;
    }
    return out;
  }
}

/** «4.7» against «4.1»: the share of the cited number's leading parts that agree (0.5), less for a longer number. */
function sharedNumber(cited: string, listed: string): number {
  if (!/^\d+(\.\d+)*$/.test(listed)) return 0;
  const a = cited.split('.');
  const b = listed.split('.');
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return (n / a.length) * 0.9 - 0.05 * Math.abs(a.length - b.length);
}

/** «casekommunene» ~ «casekommuner»: a shared start of at least six letters and 80 % of the shorter word. */
function sameStem(a: string, b: string): boolean {
  if (/\d/.test(a) || /\d/.test(b)) return false;
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n >= 6 && n >= 0.8 * Math.min(a.length, b.length);
}

/** Words and section numbers of a citation, «§8.5» and «8.5.» both as «8.5». */
function tokens(text: string): Set<string> {
  return new Set(
    normaliseSectionText(text)
      .split(/[^\p{L}\p{N}.]+/u)
      .map((t) => t.replace(/^\.+|\.+$/g, ''))
      .filter((t) => t.length > 0 && !['og', 'i', 'av', 'for', 'pkt', 'på', 'med'].includes(t)),
  );
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** «§4.1 (Våre kompetansekrav og vår kompetansebeholdning)» for messages. */
export function describeSection(section: DocumentSection): string {
  const same = normaliseSectionText(section.id) === normaliseSectionText(section.title);
  return same ? `«${section.id}»` : `«${section.id}» (${section.title})`;
}
