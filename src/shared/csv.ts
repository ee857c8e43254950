/**
 * The one CSV writer of the project: every CSV a person downloads goes through `toCsv`.
 * `;`-separated with a header row, CRLF line ends and a UTF-8 byte order mark, so Norwegian
 * Excel opens it with æøå intact. Pure functions: text in, text out.
 */

export const CSV_BOM = '\uFEFF';
const SEPARATOR = ';';
const EOL = '\r\n';

export type CsvCell = string | number | boolean | undefined | null;

/**
 * One CSV field. Text starting with = + - @, a tab or a carriage return gets a leading
 * apostrophe and quotes, so a spreadsheet shows it as text instead of running it as a formula
 * (names, titles and free text come from imports and from people: `=HYPERLINK(…)`,
 * `+1+cmd|calc`, `@SUM(…)`). Otherwise quoted when it holds the separator, a quote or a line
 * break; quotes are doubled. Numbers are written as numbers (a negative number stays one).
 */
export function csvField(value: CsvCell): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nei';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  if (/^[=+\-@\t\r]/.test(value)) return quote(`'${value}`);
  return /[";\r\n]/.test(value) ? quote(value) : value;
}

/** One line (without the line end). */
export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(SEPARATOR);
}

/** A whole CSV document: BOM, header, rows, CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + [header, ...rows].map(csvRow).join(EOL) + EOL;
}
