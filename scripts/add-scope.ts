/**
 * `node --import tsx scripts/add-scope.ts [DIR…] [--dry]` — gives every knowledge entry without a
 * `scope:` line one, chosen from its sources and words (issue #13). Entries that already have a
 * scope are left alone, so the script can be re-run after new entries are merged; a person
 * reviews the choices for entries that mix national and local content (see the README under
 * «Kommunens profil»). Prints one line per entry it changes: `scope  file  (reason)`.
 *
 * Rules, first match wins:
 *  1. id or title names one municipality (kristiansund, bærum/SKUP, sørum, alta, …) → kommune:<id>
 *  2. a law or regulation with § in the title or id (lovkrav-*, aml, fvl, …)   → lov
 *  3. HTA / Hovedavtalen / tariff in id or title                               → avtale
 *  4. only Bærum's documents (000, 004)                                        → kommune:baerum
 *  5. only Kristiansund's temaplan (003)                                       → kommune:kristiansund
 *  6. otherwise (KS report 001, KS-veilederen 002)                             → ks
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { projectRoot } from '../src/util/project-root.js';

const args = process.argv.slice(2);
const dry = args.includes('--dry');
const dirs = args.filter((a) => !a.startsWith('--'));
if (dirs.length === 0) dirs.push(join(projectRoot, 'content/knowledge'));

const MUNICIPALITIES: [RegExp, string][] = [
  [/kristiansund|nordmøre|nordmore/, 'kristiansund'],
  [/bærum|baerum|skup\b|skup-|\bskup/, 'baerum'],
  [/sørum|sorum/, 'sorum'],
  [/\balta\b|alta-|-alta/, 'alta'],
  [/lyngdal/, 'lyngdal'],
  [/drammen/, 'drammen'],
  [/halden/, 'halden'],
  [/risør|risor/, 'risor'],
];
const LAW = /(loven|lova|lov\b|forskrift|aml\b|arbeidsmiljøloven|forvaltningsloven|fvl|kvalifikasjonsprinsipp|gdpr|personvern|fortrinnsrett|§)/;
const AGREEMENT = /(\bhta\b|hta-|hovedtariff|hovedavtal|tariff|særavtale|ia-avtal)/;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.md') && name !== 'README.md') out.push(p);
  }
  return out;
}

/**
 * Reviewed by hand (issue #13): entries where the rules above would mislabel mixed content.
 * 003 §4.1 restates national law; HTA provisions quoted by KS-veilederen (002) are the agreement's,
 * not KS advice; entries that describe one municipality's own practice without naming it in the title.
 */
const REVIEWED: Record<string, string> = {
  'lovkrav-oversikt': 'lov',
  'rekruttering-steg-for-steg': 'lov',
  'lovkrav-turnus-kurs-fridag': 'avtale',
  'lovkrav-foreldrepermisjon-lokale-forhandlinger': 'avtale',
  'lovkrav-lonnspolitikk-kompetanse-lonn': 'avtale',
  'lovkrav-riksmekling-2008-kartlegging': 'avtale',
  'lovkrav-hta-kompetansekrav-oversikt': 'avtale',
  'arshjul-lonnspolitikk-forhandlinger': 'avtale',
  'organ-amu': 'kommune:kristiansund',
  'lovkrav-ia-avtalen': 'kommune:kristiansund',
  'rolle-vernetjeneste-verneombud': 'kommune:kristiansund',
  'rekruttering-verktoy-systemer': 'kommune:kristiansund',
  'rekruttering-lederopplaering-lovverk': 'kommune:kristiansund',
};

export function chooseScope(fm: { id: string; title: string; sources: { document: string }[] }): [string, string] {
  const reviewed = REVIEWED[fm.id];
  if (reviewed) return [reviewed, 'gjennomgått for hånd'];
  const head = `${fm.id} ${fm.title}`.toLowerCase();
  for (const [re, id] of MUNICIPALITIES) if (re.test(head)) return [`kommune:${id}`, 'navn i id/tittel'];
  if (LAW.test(head) && !AGREEMENT.test(head)) return ['lov', 'lov/§ i id/tittel'];
  if (AGREEMENT.test(head)) return ['avtale', 'HTA/Hovedavtalen i id/tittel'];
  const docs = new Set(fm.sources.map((s) => s.document));
  if ([...docs].every((d) => d === '000' || d === '004')) return ['kommune:baerum', 'bare Bærums dokumenter'];
  if ([...docs].every((d) => d === '003')) return ['kommune:kristiansund', 'bare Kristiansunds temaplan'];
  return ['ks', 'KS-rapport/KS-veileder'];
}

let changed = 0;
for (const dir of dirs) {
  for (const path of walk(dir)) {
    const text = readFileSync(path, 'utf8');
    const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!m) continue;
    if (/^scope:/m.test(m[1]!)) continue;
    const fm = parseYaml(m[1]!) as { id: string; title: string; sources: { document: string }[] };
    const [scope, why] = chooseScope(fm);
    // After «audience:», so the field sits with the other classification fields.
    const next = text.replace(/^(audience:.*\r?\n)/m, `$1scope: ${scope}\n`);
    if (next === text) {
      console.error(`${relative(process.cwd(), path)}: fant ikke «audience:»; sett scope for hånd`);
      continue;
    }
    changed++;
    console.log(`${scope.padEnd(22)} ${relative(process.cwd(), path)}  (${why})`);
    if (!dry) writeFileSync(path, next);
  }
}
console.log(`${changed} oppføringer ${dry ? 'ville fått' : 'fikk'} scope`);
