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
