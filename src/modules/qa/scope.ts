/**
 * Whose rule is it? (issue #13) Labels and order for the scope of a knowledge entry and of the
 * scoped lines in its details, seen from one municipality's profile:
 *   1. what binds everyone: «Lovkrav», «Hovedtariffavtalen»/«Hovedavtalen»;
 *   2. what the user's own municipality has decided: «I Fjordvik kommune»;
 *   3. «KS anbefaler»;
 *   4. other municipalities, as examples: «Eksempel fra Kristiansund».
 * Another municipality's rule or system is never presented as the user's own.
 *
 * In an entry's details a list item may carry its own scope: `- [kommune:kristiansund] …`.
 * `{system:rekruttering}` (also arkiv, hr, kompetanse) becomes «rekrutteringssystemet (Easycruit)»
 * where the profile names the system, otherwise «kommunens rekrutteringssystem».
 */
import { isOwn, kommuneName, type KommuneProfile, type SystemKind, SYSTEM_KINDS, systemPhrase } from '../kommune/profile.js';
import type { KnowledgeEntry, Scope } from './knowledge.js';

export type ScopeKind = 'national' | 'own' | 'ks' | 'example';

/** The entry's scope (undefined only for entries built in tests without one). */
export function scopeOf(entry: Pick<KnowledgeEntry, 'scope'>): Scope | undefined {
  return entry.scope;
}

/** The municipality id of a `kommune:<id>` scope. */
export function kommuneOf(scope: Scope): string | undefined {
  return scope.startsWith('kommune:') ? scope.slice('kommune:'.length) : undefined;
}

export function scopeKind(scope: Scope, profile: KommuneProfile): ScopeKind {
  const kommune = kommuneOf(scope);
  if (kommune) return isOwn(profile, kommune) ? 'own' : 'example';
  return scope === 'ks' ? 'ks' : 'national';
}

/** Sort key: national first, then own municipality, then KS, then other municipalities. */
export function scopeRank(scope: Scope, profile: KommuneProfile): number {
  return { national: 0, own: 1, ks: 2, example: 3 }[scopeKind(scope, profile)];
}

/** Orders items by their scope (stable within a rank). */
export function orderByScope<T>(items: readonly T[], scopeOfItem: (item: T) => Scope | undefined, profile: KommuneProfile): T[] {
  return items
    .map((item, i) => ({ item, i, rank: (() => { const s = scopeOfItem(item); return s ? scopeRank(s, profile) : 2; })() }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.item);
}

function agreementName(text = ''): string {
  return /hovedavtal/i.test(text) && !/(\bHTA\b|hovedtariff)/i.test(text) ? 'Hovedavtalen' : 'Hovedtariffavtalen';
}

/**
 * The short label shown before an answer or a line: «Lovkrav», «Hovedtariffavtalen», «I Fjordvik
 * kommune», «KS anbefaler», «Eksempel fra Kristiansund». `text` helps tell HTA from Hovedavtalen.
 */
export function scopeLabel(scope: Scope, profile: KommuneProfile, text?: string): string {
  const kommune = kommuneOf(scope);
  if (kommune) {
    if (!isOwn(profile, kommune)) return `Eksempel fra ${kommuneName(profile, kommune)}`;
    return kommune === profile.id ? `I ${profile.name}` : `I ${profile.name} (vedtatt etter ${kommuneName(profile, kommune)}s modell)`;
  }
  if (scope === 'lov') return 'Lovkrav';
  if (scope === 'avtale') return agreementName(text);
  return 'KS anbefaler';
}

/** The label line above an answer, with what it means for the user («gjelder alle kommuner» …). */
export function answerScopeLine(scope: Scope, profile: KommuneProfile, text?: string): string {
  const label = scopeLabel(scope, profile, text);
  switch (scopeKind(scope, profile)) {
    case 'national':
      return scope === 'lov' ? `${label} – gjelder alle kommuner` : `${label} – gjelder alle kommuner som er med i KS-området`;
    case 'own':
      return `${label} – kommunens egen regel eller praksis`;
    case 'ks':
      return `${label} – råd, ikke krav`;
    case 'example':
      return `${label} – gjelder ikke i ${profile.name} uten eget vedtak`;
  }
}

const SCOPED_ITEM = /^(\s*[-*]\s+)\[(lov|avtale|ks|kommune:[a-z0-9-]+)\]\s*/;
const SYSTEM = new RegExp(`\\{system:(${SYSTEM_KINDS.join('|')})\\}`, 'g');

/** Replaces `{system:…}` with the profile's system name, or a generic phrase. */
export function fillSystems(text: string, profile: KommuneProfile | undefined): string {
  return text.replace(SYSTEM, (_m, kind: SystemKind) => systemPhrase(profile, kind));
}

/**
 * Details as the user reads them: scoped list items get their label («Eksempel fra Kristiansund: …»)
 * and each run of list items is ordered by scope. Without a profile the markers are just removed.
 */
export function scopedDetails(body: string, entryScope: Scope | undefined, profile: KommuneProfile | undefined): string {
  const lines = fillSystems(body, profile).split('\n');
  const out: string[] = [];
  let run: { line: string; rank: number; i: number }[] = [];
  const flush = () => {
    run.sort((a, b) => a.rank - b.rank || a.i - b.i).forEach((r) => out.push(r.line));
    run = [];
  };
  lines.forEach((line, i) => {
    const m = SCOPED_ITEM.exec(line);
    const isItem = /^\s*[-*]\s+/.test(line);
    if (!isItem) {
      flush();
      out.push(line);
      return;
    }
    if (!m) {
      run.push({ line, rank: entryScope && profile ? scopeRank(entryScope, profile) : 0, i });
      return;
    }
    const scope = m[2] as Scope;
    const rest = line.slice(m[0].length);
    const label = scope === 'ks' ? 'Fra KS' : profile ? scopeLabel(scope, profile, rest) : '';
    const shown = profile ? `${m[1]}${label}: ${rest}` : `${m[1]}${rest}`;
    run.push({ line: shown, rank: profile ? scopeRank(scope, profile) : 0, i });
  });
  flush();
  return out.join('\n');
}

/** What presentEntry shows for an entry: the scope line, the summary and the details, for the kb's municipality. */
export function scopedAnswer(entry: Pick<KnowledgeEntry, 'scope' | 'title' | 'summary' | 'body' | 'sources'>, profile: KommuneProfile | undefined): { scopeLine: string; summary: string; details: string } {
  const scope = scopeOf(entry);
  return {
    scopeLine: !scope || !profile
      ? ''
      : scope === 'ks' && !entry.sources.some((s) => s.document === '002')
        ? 'Fra KS-rapporten 2010 – erfaringer fra kommunene, ikke krav'
        : answerScopeLine(scope, profile, `${entry.title} ${entry.summary}`),
    summary: fillSystems(entry.summary, profile),
    details: entry.body ? scopedDetails(entry.body, scope, profile) : '',
  };
}
