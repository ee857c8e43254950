/**
 * The compiled, indexed competence content the registration and gap modules use: competences,
 * levels, legal bases, requirements and the requirement profile per position.
 */
import type { CompetenceKind, EducationLevel, LegalSource, Priority, Sector } from './schema.js';

// ---------------------------------------------------------------------------------------------
// Compiled model

export interface LevelDefinition {
  level: number;
  name: string;
  description: string;
}

export interface Category {
  id: string;
  name: string;
  description?: string;
}

export interface Competence {
  id: string;
  name: string;
  category: string;
  kind: CompetenceKind;
  description: string;
  qaEntryId?: string;
  hasValidity: boolean;
  educationLevel?: EducationLevel;
  minYears?: number;
  /** Direct implications as written in the file. */
  implies: string[];
  /** Every competence this one gives, transitively (excluding itself). */
  impliesAll: string[];
  languages: string[];
}

export interface LegalBasis {
  source: LegalSource;
  /** source kommunalt: the municipality whose decision it is. */
  kommune?: string;
  reference: string;
  qaEntryId: string;
  effectiveFrom?: string;
  note?: string;
}

export interface RequirementMember {
  competenceId: string;
  /** For skills: the level required. Formal competences have no level. */
  level?: number;
}

export interface RequirementOption {
  label: string;
  members: RequirementMember[];
}

/**
 * One requirement of a profile. Always stored as options (a plain requirement is one option
 * with one member), so the gap code has one path; `competenceId`/`level` are set for a plain one.
 */
export interface Requirement {
  key: string;
  label: string;
  priority: Priority;
  options: RequirementOption[];
  competenceId?: string;
  level?: number;
  legal?: LegalBasis;
  /**
   * Whose rule it is (issue #13): `lov` for an act or regulation, `kommune:<id>` for a municipality's
   * decision, `profil` for the position profile the municipality uses (not a legal requirement).
   */
  scope: 'lov' | `kommune:${string}` | 'profil';
  note?: string;
}

export interface Profile {
  id: string;
  title: string;
  description?: string;
  sector?: Sector;
  codes: string[];
  titles: string[];
  qaEntryId?: string;
  requirements: Requirement[];
  /** Position in the file; ties are resolved in file order. */
  order: number;
}

export interface CompetenceContent {
  levels: LevelDefinition[];
  categories: Category[];
  competences: Competence[];
  profiles: Profile[];
  competenceById: ReadonlyMap<string, Competence>;
  categoryById: ReadonlyMap<string, Category>;
  profileById: ReadonlyMap<string, Profile>;
  /**
   * The profile for a position. The longest title phrase found in the title wins; among equal
   * title matches (or none), a profile listing the code wins; ties go to file order.
   * Cached per (code, title), so calling it for 12,500 employees costs a map lookup each.
   */
  profileFor(position: { code: string; title: string }): Profile | undefined;
}
