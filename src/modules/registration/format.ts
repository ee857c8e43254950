/**
 * How registration entries read on the cards: Norwegian dates and months, and the title and detail
 * line of one stored entry.
 */
import type { CompetenceContent } from './catalogue/content.js';
import { EDUCATION_LEVEL_NAMES, type EducationLevel } from './catalogue/schema.js';
import type { ListSection } from './form.js';

// ---------------------------------------------------------------------------------------------
// Formatting

const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

/** `YYYY-MM-DD` → `dd.mm.yyyy`; anything else as it is. */
export function formatDate(iso: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}.${m[2]}.${m[1]}` : (iso ?? '');
}

/** `YYYY-MM` → `august 2019`. */
export function formatMonth(month: string | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  return m ? `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : (month ?? '');
}

const joinParts = (parts: (string | undefined | false)[]) => parts.filter((p): p is string => !!p).join(' · ');

function levelName(content: CompetenceContent, level: unknown): string {
  const l = content.levels.find((x) => x.level === Number(level));
  return l ? `Nivå ${l.level} – ${l.name}` : `Nivå ${String(level)}`;
}

const competenceNames = (content: CompetenceContent, ids: readonly string[] | undefined) =>
  (ids ?? []).map((id) => content.competenceById.get(id)?.name ?? id).join(', ');

export type Item = Record<string, unknown>;
export const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** Title and detail line of one stored entry, as the list on the section card shows it. */
export function describeEntry(section: ListSection, item: Item, content: CompetenceContent): { title: string; detail: string } {
  const gives = (ids: unknown) => (Array.isArray(ids) && ids.length ? `gir: ${competenceNames(content, ids as string[])}` : undefined);
  switch (section) {
    case 'education':
      return {
        title: str(item.field) || 'Utdanning',
        detail: joinParts([
          EDUCATION_LEVEL_NAMES[item.level as EducationLevel] ?? str(item.level),
          str(item.institution),
          item.inProgress === true ? 'pågår' : item.completedYear !== undefined ? `fullført ${str(item.completedYear)}` : undefined,
          item.credits !== undefined && `${str(item.credits)} studiepoeng`,
          gives(item.competenceIds),
        ]),
      };
    case 'experience':
      return {
        title: str(item.role) || 'Arbeidserfaring',
        detail: joinParts([str(item.workplace), `${formatMonth(str(item.from))} – ${item.to ? formatMonth(str(item.to)) : 'nå'}`, gives(item.competenceIds)]),
      };
    case 'courses':
      return {
        title: str(item.name) || 'Kurs',
        detail: joinParts([
          str(item.provider),
          item.inProgress === true ? 'pågår' : item.completedOn ? formatDate(str(item.completedOn)) : undefined,
          item.hours !== undefined && `${str(item.hours)} timer`,
          gives(item.competenceIds),
        ]),
      };
    case 'certifications':
      return {
        title: str(item.name) || content.competenceById.get(str(item.competenceId))?.name || 'Sertifikat',
        detail: joinParts([
          item.issuedOn ? `utstedt ${formatDate(str(item.issuedOn))}` : undefined,
          item.validUntil ? `gyldig til ${formatDate(str(item.validUntil))}` : 'ingen utløpsdato registrert',
        ]),
      };
    case 'languages':
      return { title: str(item.language) || 'Språk', detail: levelName(content, item.level) };
    case 'digitalSkills':
      return { title: str(item.tool) || 'Verktøy', detail: levelName(content, item.level) };
  }
}

