/**
 * Builds the Teams app package for one environment, the way Agents Toolkit's
 * teamsApp/zipAppPackage does, but offline and without the toolkit:
 *
 *   npm run package                 # miljø «local»
 *   npm run package -- --env dev
 *
 * Reads env/.env.<env> and the optional, git-ignored env/.env.<env>.user, replaces every
 * `${{NAME}}` in appPackage/manifest.json, validates the result against the Teams manifest
 * JSON schema bundled with @microsoft/app-manifest, checks the icons, and writes
 * build/appPackage/appPackage.<env>.zip (manifest.json, color.png, outline.png) plus the
 * expanded manifest as build/appPackage/manifest.<env>.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import AdmZip from 'adm-zip';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { PNG } from 'pngjs';

// Both packages are CommonJS with `exports.default`; under NodeNext the default import is the module object.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

/** A problem the user can fix; `main` prints the message without a stack trace. */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

const ENV_NAME = /^[a-z0-9][a-z0-9_-]*$/i;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** Agents Toolkit treats an empty value as missing, except for this one (no suffix in production). */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

/** Parses a dotenv-style file: `NAME=value`, `# comments`, optional quotes, optional `export `. */
export function parseEnvFile(text: string, fileLabel = '.env'): Record<string, string> {
  const values: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    // The line itself is not echoed: in a *.user file it may hold a secret.
    if (!m) throw new PackageError(`${fileLabel}, linje ${i + 1}: forventet NAVN=verdi`);
    const name = m[1]!;
    let value = m[2]!;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    values[name] = value;
  });
  return values;
}

export interface LoadedEnvironment {
  env: string;
  values: Record<string, string>;
  /** The files read, relative to the project root, in the order applied. */
  files: string[];
}

/** Reads env/.env.<env> and, if present, env/.env.<env>.user (which wins on conflicts). */
export function loadEnvironment(root: string, env: string): LoadedEnvironment {
  if (!ENV_NAME.test(env)) throw new PackageError(`Ugyldig miljønavn «${env}»: bruk bokstaver, tall, - og _.`);
  const base = join(root, 'env', `.env.${env}`);
  if (!existsSync(base)) {
    throw new PackageError(`Fant ikke ${relative(root, base)}. Lag filen, eller velg et annet miljø med --env.`);
  }
  const files = [base, `${base}.user`].filter((f, i) => i === 0 || existsSync(f));
  const values: Record<string, string> = {};
  for (const file of files) Object.assign(values, parseEnvFile(readFileSync(file, 'utf8'), relative(root, file)));
  if (values.TEAMSFX_ENV === undefined || values.TEAMSFX_ENV === '') values.TEAMSFX_ENV = env;
  else if (values.TEAMSFX_ENV !== env) {
    throw new PackageError(`TEAMSFX_ENV er «${values.TEAMSFX_ENV}» i ${relative(root, base)}, men miljøet er «${env}».`);
  }
  return { env, values, files: files.map((f) => relative(root, f)) };
}

/** Names of all `${{NAME}}` placeholders in `text`, sorted and without duplicates. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/**
 * Replaces every `${{NAME}}` in a JSON text with its value, JSON-escaped (placeholders sit inside
 * JSON strings). Returns the names that have no value; an empty value counts as missing.
 */
export function expandPlaceholders(jsonText: string, values: Record<string, string>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = jsonText.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || (value === '' && !MAY_BE_EMPTY.has(name))) {
      missing.add(name);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  return { text, missing: [...missing].sort() };
}

/** Path of the bundled Teams manifest JSON schema for `manifestVersion` (e.g. "1.30"). */
export function manifestSchemaPath(manifestVersion: string): string {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const folder = manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
  return join(pkgDir, 'build', 'json-schemas', 'teams', folder, 'MicrosoftTeams.schema.json');
}

const validators = new Map<string, ReturnType<InstanceType<typeof Ajv>['compile']>>();

/**
 * Validates a manifest object against the bundled JSON schema of its `manifestVersion`
 * (draft-04, hence ajv-draft-04). Returns one line per problem; empty when valid.
 */
export function validateManifest(manifest: unknown): string[] {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version !== 'string' || !/^\d+\.\d+$|^devPreview$/.test(version)) {
    return ['/manifestVersion mangler eller er ugyldig'];
  }
  let validate = validators.get(version);
  if (!validate) {
    const path = manifestSchemaPath(version);
    if (!existsSync(path)) return [`/manifestVersion ${version}: @microsoft/app-manifest har ikke skjema for denne versjonen`];
    // Old Teams schemas contain `\a` and `\v` escapes that are not valid JSON; @microsoft/app-manifest cleans them the same way.
    const schema = JSON.parse(readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
    validators.set(version, validate);
  }
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => {
    const where = e.instancePath || '/';
    const params = e.keyword === 'additionalProperties' || e.keyword === 'enum' ? ` ${JSON.stringify(e.params)}` : '';
    return `${where}: ${e.message ?? e.keyword}${params}`;
  });
}

export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** Checks that an icon file is a PNG of the required size; the outline icon must be white on transparent. */
export function iconProblems(kind: keyof typeof ICON_SIZES, png: Buffer): string[] {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch {
    return [`${kind}: filen er ikke en gyldig PNG`];
  }
  const size = ICON_SIZES[kind];
  const problems: string[] = [];
  if (image.width !== size || image.height !== size) {
    problems.push(`${kind}: må være ${size}×${size} piksler, er ${image.width}×${image.height}`);
  }
  if (kind === 'outline') {
    let bad = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const white = image.data[i] === 255 && image.data[i + 1] === 255 && image.data[i + 2] === 255;
      if (image.data[i + 3] !== 0 && !white) bad++;
    }
    if (bad > 0) problems.push(`outline: ${bad} piksler er verken hvite eller helt gjennomsiktige`);
  }
  return problems;
}

export interface BuildOptions {
  /** Project root (where appPackage/, env/ and build/ live). */
  root: string;
  env: string;
  /** Values applied after the env files; for tests and one-off runs. */
  overrides?: Record<string, string>;
}

export interface BuildResult {
  zipPath: string;
  manifestPath: string;
  manifest: Record<string, unknown>;
  envFiles: string[];
}

/** Expands, validates and zips the app package. Throws {@link PackageError} naming what to fix. */
export function buildAppPackage({ root, env, overrides = {} }: BuildOptions): BuildResult {
  const loaded = loadEnvironment(root, env);
  const values = { ...loaded.values, ...overrides };
  const appDir = join(root, 'appPackage');
  const template = readFileSync(join(appDir, 'manifest.json'), 'utf8');

  const secrets = placeholderNames(template).filter((n) => n.startsWith('SECRET_'));
  if (secrets.length > 0) {
    throw new PackageError(`manifest.json må ikke bruke hemmeligheter (pakken er ikke hemmelig): ${secrets.join(', ')}`);
  }
  const { text, missing } = expandPlaceholders(template, values);
  if (missing.length > 0) {
    throw new PackageError(
      `Manifestet bruker variabler uten verdi i ${loaded.files.join(' + ')}: ${missing.join(', ')}.\n` +
        `Sett dem i env/.env.${env} (hemmeligheter i env/.env.${env}.user), eller kjør «provision» i Agents Toolkit, ` +
        'som skriver TEAMS_APP_ID og BOT_ID dit.',
    );
  }
  const manifest = JSON.parse(text) as Record<string, unknown>;

  const problems = validateManifest(manifest);
  const icons = (manifest.icons ?? {}) as Partial<Record<keyof typeof ICON_SIZES, string>>;
  const iconFiles: [string, Buffer][] = [];
  for (const kind of Object.keys(ICON_SIZES) as (keyof typeof ICON_SIZES)[]) {
    const name = icons[kind];
    if (!name) continue; // the schema check reports it
    const path = join(appDir, name);
    if (!existsSync(path)) {
      problems.push(`${kind}: fant ikke appPackage/${name}`);
      continue;
    }
    const png = readFileSync(path);
    problems.push(...iconProblems(kind, png));
    iconFiles.push([name, png]);
  }
  if (problems.length > 0) {
    throw new PackageError(`Apppakken for «${env}» er ikke gyldig (${problems.length}):\n- ${problems.join('\n- ')}`);
  }

  const outDir = join(root, 'build', 'appPackage');
  mkdirSync(outDir, { recursive: true });
  const manifestPath = join(outDir, `manifest.${env}.json`);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const [name, png] of iconFiles) zip.addFile(name, png);
  const zipPath = join(outDir, `appPackage.${env}.zip`);
  zip.writeZip(zipPath);
  return { zipPath, manifestPath, manifest, envFiles: loaded.files };
}

function main(): void {
  const usage = 'Bruk: npm run package [-- --env <miljø>]   (standard: local; leser env/.env.<miljø> og env/.env.<miljø>.user)';
  let values: { env?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { env: { type: 'string', short: 'e', default: 'local' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
    }));
  } catch (err) {
    console.error(`Ugyldige argumenter: ${(err as Error).message}\n${usage}`);
    process.exit(1);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const root = process.cwd();
  try {
    const result = buildAppPackage({ root, env: values.env ?? 'local' });
    console.log(`Leste ${result.envFiles.join(' + ')}; manifestet er gyldig.`);
    console.log(relative(root, result.zipPath));
  } catch (err) {
    if (err instanceof PackageError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
