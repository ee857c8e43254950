/**
 * What the registration cards show, worked out before rendering: the schemas of the parts several
 * cards share (notice, choice, level, form field), a form field's values, the «nothing saved»
 * notice, each section's status on the overview and what the profile expects of a skill. Pure;
 * the cards (cards.ts) render.
 */
import { z } from 'zod';
import type { Employee } from '../org/model.js';
import type { Competence, CompetenceContent, Profile } from './catalogue/content.js';
import { FIELD_KINDS, type FieldDef, type FormErrors, NO_CHOICE } from './form.js';
import { str } from './format.js';
import type { CompetenceRegistration, RegistrationSection } from './sections.js';

export const notice = z.object({ style: z.enum(['default', 'emphasis', 'good', 'attention', 'warning']), text: z.string() });
export type Notice = z.infer<typeof notice>;
export const NO_NOTICE: Notice = { style: 'default', text: '' };
export const choice = z.object({ title: z.string(), value: z.string().min(1) });
export const levelFact = z.object({ title: z.string(), description: z.string() });

export const field = z.object({
  id: z.string(),
  kind: z.enum(FIELD_KINDS),
  label: z.string(),
  value: z.string(),
  placeholder: z.string(),
  hint: z.string(),
  error: z.string(),
  choices: z.array(choice),
  maxLength: z.number(),
  hasNumber: z.boolean(),
  numberValue: z.number(),
});

export function toField(def: FieldDef, content: CompetenceContent, raw: unknown, error: string | undefined): z.input<typeof field> {
  let value = '';
  let hasNumber = false;
  let numberValue = 0;
  if (def.kind === 'multichoice') value = Array.isArray(raw) ? raw.map(str).join(',') : str(raw);
  else if (def.kind === 'toggle') value = raw === true || raw === 'true' ? 'true' : 'false';
  else if (def.kind === 'number') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(?:[.,]\d+)?\s*$/.test(raw) ? Number(raw.trim().replace(',', '.')) : NaN;
    hasNumber = Number.isFinite(n);
    numberValue = hasNumber ? n : 0;
  } else value = str(raw);
  if (def.id === 'competenceId' && value === '') value = NO_CHOICE;
  return {
    id: def.id,
    kind: def.kind,
    // The server checks required fields (the card does not, so paging can carry a half-typed entry).
    label: def.required ? `${def.label} *` : def.label,
    value,
    placeholder: def.placeholder ?? '',
    hint: [def.hint ?? '', def.hintFrom?.(content) ?? ''].filter(Boolean).join(' '),
    error: error ?? '',
    choices: def.choices?.(content) ?? [],
    maxLength: def.maxLength ?? 0,
    hasNumber,
    numberValue,
  };
}
const NOTHING_SAVED = 'Ingenting er lagret.';

export function invalidNotice(errors: FormErrors): Notice {
  const fields = Object.keys(errors.byField).length;
  const lines = [fields ? `${NOTHING_SAVED} Rett det som er merket under, og lagre igjen.` : NOTHING_SAVED, ...errors.general.map((m) => `- ${m}`)];
  return { style: 'attention', text: lines.join('\n') };
}

/** The skills the employee's profile asks for, in profile order (what the self-assessment shows). */
export function profileSkills(content: CompetenceContent, profile: Profile | undefined): Competence[] {
  const ids = new Set<string>();
  for (const r of profile?.requirements ?? []) for (const o of r.options) for (const m of o.members) ids.add(m.competenceId);
  return [...ids].map((id) => content.competenceById.get(id)).filter((c): c is Competence => c?.kind === 'skill');
}

export interface RegistrationView {
  employee: Employee;
  registration: CompetenceRegistration;
  stored: boolean;
  profile?: Profile;
  skillsToAssess: Competence[];
}

export function sectionStatus(view: RegistrationView, section: RegistrationSection): { status: string; filled: boolean } {
  const reg = view.registration;
  if (section === 'selfAssessment') {
    const rated = new Set(reg.selfAssessment.map((r) => r.competenceId));
    if (view.skillsToAssess.length === 0) {
      return rated.size ? { status: `${rated.size} vurdert`, filled: true } : { status: 'Ingen kompetanser å vurdere for stillingen din', filled: false };
    }
    const done = view.skillsToAssess.filter((s) => rated.has(s.id)).length;
    return { status: `${done} av ${view.skillsToAssess.length} vurdert`, filled: rated.size > 0 };
  }
  if (section === 'mobilisation') {
    const n = reg.mobilisation.competenceIds.length;
    const parts = [n ? `${n} ${n === 1 ? 'kompetanse' : 'kompetanser'}` : '', reg.mobilisation.note ? 'en beskrivelse' : ''].filter(Boolean);
    return parts.length ? { status: parts.join(' og '), filled: true } : { status: 'Ikke fylt ut', filled: false };
  }
  const n = reg[section].length;
  return n ? { status: `${n} registrert`, filled: true } : { status: 'Ingenting registrert', filled: false };
}

export function expectationOf(profile: Profile | undefined, competenceId: string, content: CompetenceContent): string {
  for (const r of profile?.requirements ?? []) {
    for (const o of r.options) {
      const m = o.members.find((x) => x.competenceId === competenceId && x.level !== undefined);
      if (!m) continue;
      const level = content.levels.find((l) => l.level === m.level);
      const named = `nivå ${m.level}${level ? ` (${level.name})` : ''}`;
      return r.priority === 'required' ? `Stillingen din krever ${named}.` : `Ønsket for stillingen din: ${named}.`;
    }
  }
  return '';
}
