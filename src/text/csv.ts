/**
 * The one CSV writer every CSV ccsim writes goes through (results, comparisons, sweeps, staffing,
 * traces, call records). Fields are quoted as RFC 4180 requires (a comma, a double quote, CR or
 * LF inside), and text a spreadsheet would execute as a formula — a cell beginning with =, +, -,
 * @, tab or CR, e.g. a scenario named "=HYPERLINK(…)" — is neutralised as OWASP recommends, by a
 * leading apostrophe, so it shows as text. Numbers, and text that is just a number ("-1.5"),
 * are written as they are. Lines end in "\n" (readers accept both line ends).
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const MUST_QUOTE = /[",\r\n]/;

/** One field: empty for null, undefined, false and non-finite numbers (never "NaN" or "Infinity"). */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  // As csv-stringify wrote them before this writer: true as 1, false as empty.
  if (typeof value === "boolean") return value ? "1" : "";
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return MUST_QUOTE.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, with its line end. */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(",") + "\n";
}

/** A whole table: the header, then the rows. */
export function csvTable(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  let out = csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}

/**
 * What a number in a CSV measures, named in the table's `unit` column (or a header suffix):
 * `fraction` (0–1: service level, abandonment, occupancy — never percent), `s` seconds, `h`
 * hours, `count`, `agents`, `money` (written as the currency code, e.g. `USD`), `number` (other).
 */
export type CsvUnit = "fraction" | "s" | "h" | "count" | "agents" | "money" | "number";

/**
 * How each unit is rounded for a CSV: to `digits` significant digits, but never to fewer than
 * `min` or more than `max` decimals. So seconds keep at least 0.1 s and at most 0.1 ms (481.8,
 * 4.041, 0.0312), shares 4 to 6 decimals (0.9387, 0.01235), money cents. Full precision stays in
 * the JSON files; these are what a reader can use (a simulated mean has no 17 meaningful digits).
 */
export const CSV_PRECISION: Readonly<Record<CsvUnit, { digits: number; min: number; max: number }>> = {
  fraction: { digits: 4, min: 4, max: 6 },
  s: { digits: 4, min: 1, max: 4 },
  h: { digits: 4, min: 2, max: 5 },
  count: { digits: 4, min: 1, max: 3 },
  agents: { digits: 4, min: 1, max: 3 },
  money: { digits: 1, min: 2, max: 2 },
  number: { digits: 6, min: 0, max: 9 },
};

/** The power of ten of |x| (x ≠ 0): 481.8 → 2, 0.031 → −2; by comparison, not a logarithm, so it is exact. */
function exponentOf(a: number): number {
  let e = 0;
  while (e < 308 && a >= 10 ** (e + 1)) e++;
  while (e > -324 && a < 10 ** e) e--;
  return e;
}

/**
 * A number rounded as its unit is written in a CSV (see CSV_PRECISION); null for null and
 * non-finite numbers. Deterministic: the same double always gives the same text, so a merged
 * shard run writes the same bytes as a single run.
 */
export function csvRound(value: number | null | undefined, unit: CsvUnit): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const { digits, min, max } = CSV_PRECISION[unit];
  const a = Math.abs(value);
  const decimals = a === 0 ? min : Math.min(max, Math.max(min, digits - 1 - exponentOf(a)));
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded; // no "-0"
}
