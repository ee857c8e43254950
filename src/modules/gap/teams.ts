/**
 * Teams routes of the leader's competence-gap dialog: «kompetansegap», «kompetansegap <enhet>»,
 * «kompetanseoversikt» (HR), «mitt kompetansegap», and the card actions. Each handler finds out
 * who is asking, parses the card data, calls the competence service (which decides access and
 * gives a polite reason when it refuses) and answers with a card. Ids in card data are only
 * requests: the service checks each against the viewer, so a changed id gets a refusal, not data.
 */
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { card, cardRoutes, type Reply, text } from '../../bot/card-route.js';
import type { TeamsRouteDeps } from '../../bot/identify.js';
import { personalRoutes } from '../../bot/scope.js';
import type { AppTurnState } from '../../bot/state.js';
import type { Capability } from '../../cards/help-card.js';
import { VERBS } from '../../cards/verbs.js';
import type { Downloads } from '../../shared/downloads.js';
import type { Employee, Unit } from '../org/model.js';
import { ALL_POSITIONS } from './card-format.js';
import { renderPersonGap, renderUnitOverview, renderUnitPicker } from './cards.js';
import { renderCoverage, renderExportLinks, renderMobilisation, renderMunicipality, renderUnitMeasures } from './summary-cards.js';
import type { GapService, UnitChoice, UnitGapRequest } from './gap-service.js';

/** «kompetansegap», «kompetansegapet for Nordby skole», «kompetansegap sørby». Group 1: the unit name. */
export const GAP_COMMAND = /^\s*kompetansegap(?:et)?(?:\s+(?:(?:for|i|på|til)\s+)?(.*?))?\s*[.!?]*\s*$/i;
/** «mitt kompetansegap». */
export const MY_GAP_COMMAND = /^\s*(?:vis\s+)?(?:mitt|mine|min|mi|eget)\s+kompetansegap(?:et)?\s*[.!?]*\s*$/i;
/** «kompetanseoversikt», «kompetanseoversikt for hele kommunen». */
export const MUNICIPALITY_COMMAND = /^\s*kompetanseoversikt(?:en)?(?:\s+(?:for|i)\s+(?:hele\s+)?kommunen)?\s*[.!?]*\s*$/i;

export const GAP_TEXT = {
  notForEmployees:
    'Kompetansegapet for en enhet er for lederen av enheten og HR. Du står ikke som leder for noen enhet i organisasjonsoversikten, så jeg har ingen enhet å vise deg. ' +
    'Ditt eget kompetansegap ser du med «mitt kompetansegap».',
  stale: 'Jeg forsto ikke svaret fra kortet – det kan være utdatert eller endret. Skriv «kompetansegap» for å åpne oversikten på nytt.',
} as const;

export const GAP_CAPABILITY: Capability = {
  title: 'Kompetansegap',
  text:
    'Ledere og HR: skriv «kompetansegap» (eller «kompetansegap» og navnet på enheten) for å se hvem som mangler hva – kritiske lovkrav først – med dekning, tiltak og nedlasting som CSV. ' +
    'HR: «kompetanseoversikt» for hele kommunen. Alle: «mitt kompetansegap».',
};

export interface GapTeamsDeps extends TeamsRouteDeps {
  competence: GapService;
  downloads: Downloads;
}

// ---------------------------------------------------------------------------------------------
// Unit names typed by people

/** Lower case, æøå folded, accents and punctuation gone: «Sørby barnehage» → «sorby barnehage». */
export function normaliseName(s: string): string {
  return s
    .toLocaleLowerCase('nb')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return false;
    prev = cur;
  }
  return prev[b.length]! <= max;
}

/**
 * The units whose name matches what someone typed, loosely: case, æøå and punctuation do not
 * matter, words may be shortened («sørby» for «Sørby barnehage») and a small typo is forgiven.
 * The closest kind of match wins: exact, then contained, then word prefixes, then typos.
 */
export function matchUnits<T extends { name: string }>(units: readonly T[], query: string): T[] {
  const q = normaliseName(query);
  if (!q) return [];
  const named = units.map((u) => ({ u, n: normaliseName(u.name) }));
  const exact = named.filter((x) => x.n === q);
  if (exact.length) return exact.map((x) => x.u);
  const contained = named.filter((x) => x.n.includes(q));
  if (contained.length) return contained.map((x) => x.u);
  const qWords = q.split(' ');
  const words = (n: string) => n.split(' ');
  const prefixed = named.filter((x) => qWords.every((w) => words(x.n).some((t) => t.startsWith(w))));
  if (prefixed.length) return prefixed.map((x) => x.u);
  const tolerance = (w: string) => (w.length >= 8 ? 2 : w.length >= 4 ? 1 : 0);
  return named
    .filter((x) => qWords.every((w) => words(x.n).some((t) => t.startsWith(w) || editDistanceAtMost(w, t, tolerance(w)) || editDistanceAtMost(w, t.slice(0, w.length), tolerance(w)))))
    .map((x) => x.u);
}

// ---------------------------------------------------------------------------------------------
// Card data

const id = z.string().min(1).max(200);
/** Any integer; out-of-range pages are clamped by the card. */
const page = z.number().int().optional();
/** '' and «alle» mean no position filter. */
const profileId = z.string().max(100).optional();

const unitData = z.object({ unitId: id, page, profileId, filterProfileId: profileId });
const unitsData = z.object({ page });
const personData = z.object({ employeeId: id, unitId: z.string().max(200).optional() });
const unitOnlyData = z.object({ unitId: id, profileId });
const coverageData = z.object({ unitId: z.string().max(200).optional(), profileId, page });
const municipalityData = z.object({ page });

const filterOf = (p: string | undefined): UnitGapRequest => (p && p !== ALL_POSITIONS ? { profileId: p } : {});

// ---------------------------------------------------------------------------------------------
// Routes

/** The gap dialog's commands and card actions. Register before the Q&A catch-all. */
export function registerGapRoutes(app: Application<AppTurnState>, deps: GapTeamsDeps): void {
  // Every route here shows personal data: only in the person's personal chat (src/bot/scope.ts).
  const routes = cardRoutes(personalRoutes(app), { ...deps, scope: 'gap', stale: text(GAP_TEXT.stale) });
  const log = deps.logger?.child('gap');
  const { competence } = deps;

  const overview = async (me: Employee, unitId: string, pageNo = 0, profile?: string): Promise<Reply> => {
    const result = await competence.unitGap(me.employeeId, unitId);
    return result.ok ? card(renderUnitOverview(result.gap, { page: pageNo, ...(profile ? { profileId: profile } : {}) })) : text(result.reason);
  };

  const pickUnit = (units: readonly UnitChoice[], pageNo = 0, intro?: string): Reply => card(renderUnitPicker(units, pageNo, intro));

  /** «kompetansegap [navn]». */
  const gapCommand = async (me: Employee, query: string): Promise<Reply> => {
    const visible = competence.unitsForLeader(me.employeeId);
    if (!query) {
      if (visible.length === 0) return text(GAP_TEXT.notForEmployees);
      return visible.length === 1 ? overview(me, visible[0]!.unitId) : pickUnit(visible);
    }
    const mine = matchUnits(visible, query);
    if (mine.length === 1) return overview(me, mine[0]!.unitId);
    if (mine.length > 1) return pickUnit(mine, 0, `Flere enheter passer til «${query}». Velg den du mener.`);
    // Not among the viewer's units: if it exists, let the service say why it is not for them.
    const other = matchUnits<Unit>(deps.org.directory().snapshot.units, query);
    if (other.length === 1) return overview(me, other[0]!.id);
    if (visible.length === 0) return text(GAP_TEXT.notForEmployees);
    const names = visible.slice(0, 10).map((u) => u.name);
    const more = visible.length > names.length ? ` og ${visible.length - names.length} til` : '';
    return text(`Jeg finner ingen enhet som heter «${query}» blant enhetene du kan se: ${names.join(', ')}${more}. Skriv «kompetansegap» for å velge fra listen.`);
  };

  routes.message(MY_GAP_COMMAND, async (me) => {
    const result = await competence.personGap(me.employeeId, me.employeeId);
    // The employee's own gap: the advice is addressed to them, not to the leader (#12).
    return result.ok ? card(renderPersonGap(result.gap, result.measures, competence.content, { forEmployee: true })) : text(result.reason);
  });

  routes.message(GAP_COMMAND, async (me, { context }) => {
    const query = (GAP_COMMAND.exec(context.activity.text ?? '')?.[1] ?? '').trim().slice(0, 100);
    return gapCommand(me, query);
  });

  routes.message(MUNICIPALITY_COMMAND, async (me) => {
    const result = await competence.municipalityGap(me.employeeId);
    return result.ok ? card(renderMunicipality(result.gap)) : text(result.reason);
  });

  // --- card actions -----------------------------------------------------------------------------

  const unit = (me: Employee, d: z.infer<typeof unitData>) => overview(me, d.unitId, d.page ?? 0, d.filterProfileId ?? d.profileId);
  routes.execute(VERBS.gapUnit, unitData, unit);
  routes.submit(VERBS.gapUnit, unitData, unit);

  routes.execute(VERBS.gapUnits, unitsData, async (me, d) => {
    const visible = competence.unitsForLeader(me.employeeId);
    return visible.length ? pickUnit(visible, d.page ?? 0) : text(GAP_TEXT.notForEmployees);
  });

  routes.submit(VERBS.gapPerson, personData, async (me, d) => {
    const result = await competence.personGap(me.employeeId, d.employeeId);
    return result.ok ? card(renderPersonGap(result.gap, result.measures, competence.content)) : text(result.reason);
  });

  const coverage = async (me: Employee, d: z.infer<typeof coverageData>): Promise<Reply> => {
    if (!d.unitId) {
      const result = await competence.municipalityGap(me.employeeId);
      return result.ok ? card(renderCoverage({ scope: 'kommune', gap: result.gap }, d.page ?? 0)) : text(result.reason);
    }
    const result = await competence.unitGap(me.employeeId, d.unitId, filterOf(d.profileId));
    return result.ok ? card(renderCoverage({ scope: 'unit', gap: result.gap }, d.page ?? 0)) : text(result.reason);
  };
  routes.submit(VERBS.gapCoverage, coverageData, coverage);
  routes.execute(VERBS.gapCoverage, coverageData, coverage);

  routes.submit(VERBS.gapMobilisation, unitOnlyData, async (me, d) => {
    const result = await competence.unitGap(me.employeeId, d.unitId, filterOf(d.profileId));
    return result.ok ? card(renderMobilisation(result.gap)) : text(result.reason);
  });

  routes.submit(VERBS.gapMeasures, unitOnlyData, async (me, d) => {
    const result = await competence.unitGap(me.employeeId, d.unitId, filterOf(d.profileId));
    return result.ok ? card(renderUnitMeasures(result.gap)) : text(result.reason);
  });

  routes.submit(VERBS.gapExport, unitOnlyData, async (me, d) => {
    // Two tables of the same use case: one row per person and requirement, and the heatmap.
    const filter = filterOf(d.profileId);
    const people = await competence.unitGapCsv(me.employeeId, d.unitId, { ...filter, table: 'people' });
    if (!people.ok) return text(people.reason);
    const coverage = await competence.unitGapCsv(me.employeeId, d.unitId, { ...filter, table: 'coverage' });
    if (!coverage.ok) return text(coverage.reason);
    const unitName = deps.org.directory().unit(d.unitId)?.name ?? d.unitId;
    log?.info({ viewerId: me.employeeId, unitId: d.unitId, files: 2 }, 'gap.export');
    return card(
      renderExportLinks(unitName, [
        { label: 'Medarbeidere og krav (CSV)', url: deps.downloads.url(deps.downloads.offer(people.file)) },
        { label: 'Dekning per krav – varmekartet (CSV)', url: deps.downloads.url(deps.downloads.offer(coverage.file)) },
      ]),
    );
  });

  routes.execute(VERBS.gapMunicipality, municipalityData, async (me, d) => {
    const result = await competence.municipalityGap(me.employeeId);
    return result.ok ? card(renderMunicipality(result.gap, d.page ?? 0)) : text(result.reason);
  });
}
