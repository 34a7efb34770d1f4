/**
 * A CSV file read column by column, straight from its bytes: memory proportional to the values
 * asked for (a Float64Array per numeric column, an Int32Array of codes per text column), never an
 * array of row objects or a string of the whole file. An array of rows of strings cost 65 bytes
 * per byte of file, so a 200 MB file could not load in 1 GB.
 *
 * The file is scanned once to check its syntax and count its rows (RFC 4180 as csv-parse reads it
 * with trim and skip_empty_lines: quoted fields may hold delimiters, doubled quotes and line
 * breaks; every row has the width of the first), then once more per request for columns. Cell
 * positions are not stored: every 1,024th row's offset and line are, and a position is found by
 * scanning from the checkpoint before it (only diagnostics ask for positions).
 */
import { Buffer } from "node:buffer";
import { NUMERIC } from "./data.js";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;
const DOT = 0x2e;
const CHECKPOINT_EVERY = 1024;
/** 10^k for k ≤ 15, exact as doubles: m / 10^k is then the correctly rounded value of "m·10^-k". */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

export interface CsvPosition {
  line: number;
  column: number;
}

export interface CsvTable {
  file: string;
  bytes: Uint8Array;
  /** The delimiter's character: "," or, when the first line has none, ";" or a tab. */
  delimiter: string;
  /** Column names, if the first row is not all numbers. */
  header?: string[];
  /** Fields per row (that of the first row). */
  width: number;
  /** Data rows (the header not counted). */
  rows: number;
  /** The first non-empty cell of each column among the data rows (for guessing which columns hold numbers). */
  firstFilled: (string | undefined)[];
  /** Byte offset and line of every CHECKPOINT_EVERY-th record (record 0 is the header, if any). */
  checkpointOffsets: Float64Array;
  checkpointLines: Int32Array;
  /** Columns read so far (a file replayed for several contact types is read once). */
  columns: Map<string, Float64Array | { codes: Int32Array; names: string[] }>;
}

/** A syntax error: where, what, and the fix when it is specific (else the general one: as many columns as the header). */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
  hint: string | undefined;
}

export type CsvScan = { ok: true; table: CsvTable } | { ok: false; empty: true } | ({ ok: false; empty: false } & SyntaxProblem);

/** The cells of one record, as byte ranges of the file (a quoted cell's range excludes its quotes). */
interface Fields {
  count: number;
  start: Int32Array;
  end: Int32Array;
  quoted: Uint8Array;
  /** Byte offset of the cell's first character (its quote, if quoted), for positions. */
  at: Int32Array;
}

function newFields(capacity: number): Fields {
  return { count: 0, start: new Int32Array(capacity), end: new Int32Array(capacity), quoted: new Uint8Array(capacity), at: new Int32Array(capacity) };
}

function grow(f: Fields): Fields {
  const g = newFields(f.start.length * 2);
  g.start.set(f.start);
  g.end.set(f.end);
  g.quoted.set(f.quoted);
  g.at.set(f.at);
  g.count = f.count;
  return g;
}

/**
 * Record by record from `offset` (at a record start, line `line`), calling `onRecord` with each
 * non-empty record's fields; stops when `onRecord` returns false. Returns a syntax error, if any.
 */
function scan(
  bytes: Uint8Array,
  delimiter: number,
  offset: number,
  line: number,
  onRecord: (fields: Fields, recordStart: number, line: number, lineStart: number) => boolean,
): SyntaxProblem | undefined {
  let f = newFields(16);
  let i = offset;
  let lineStart = offset;
  const n = bytes.length;
  const columnAt = (p: number, ls: number) => Buffer.from(bytes.buffer, bytes.byteOffset + ls, p - ls).toString("utf8").length + 1;
  while (i < n) {
    const recordStart = i;
    const recordLine = line;
    const recordLineStart = lineStart;
    f.count = 0;
    let blank = true;
    // One field per turn of this loop, until the end of the record.
    for (;;) {
      while (i < n && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
      if (f.count === f.start.length) f = grow(f);
      const k = f.count++;
      f.at[k] = i;
      if (i < n && bytes[i] === QUOTE) {
        blank = false;
        const open = i;
        const openLine = line;
        const openLineStart = lineStart;
        i++;
        f.start[k] = i;
        f.quoted[k] = 1;
        for (;;) {
          if (i >= n) return { line: openLine, column: columnAt(open, openLineStart), message: "a quoted field is never closed", hint: "close the quote, or double the quotes inside the field (\"\")" };
          const b = bytes[i];
          if (b === QUOTE) {
            if (bytes[i + 1] === QUOTE) {
              i += 2;
              continue;
            }
            break;
          }
          if (b === LF || (b === CR && bytes[i + 1] !== LF)) {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
        f.end[k] = i;
        i++; // the closing quote
        while (i < n && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
        if (i < n && bytes[i] !== delimiter && bytes[i] !== LF && bytes[i] !== CR) {
          return { line, column: columnAt(i, lineStart), message: "text after a closing quote", hint: "quote the whole field, and double the quotes inside it (\"\")" };
        }
      } else {
        f.start[k] = i;
        f.quoted[k] = 0;
        while (i < n && bytes[i] !== delimiter && bytes[i] !== LF && bytes[i] !== CR) {
          if (bytes[i] === QUOTE) return { line, column: columnAt(i, lineStart), message: "a quote inside a field that does not start with one", hint: "quote the whole field, and double the quotes inside it (\"\")" };
          i++;
        }
        let e = i;
        while (e > f.start[k] && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
        f.end[k] = e;
        if (e > f.start[k]) blank = false;
      }
      if (i < n && bytes[i] === delimiter) {
        blank = false;
        i++;
        continue;
      }
      break;
    }
    // The record ends at a line break or at the end of the file.
    if (i < n) {
      i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
      line++;
      lineStart = i;
    }
    if (!blank && !onRecord(f, recordStart, recordLine, recordLineStart)) return undefined;
  }
  return undefined;
}

const text = (bytes: Uint8Array, start: number, end: number, quoted: number): string => {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("utf8");
  return quoted ? s.replaceAll('""', '"') : s;
};

/** Checks the syntax, finds the delimiter and header, counts the rows. */
export function scanCsv(file: string, bytes: Uint8Array): CsvScan {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let firstLineEnd = bom;
  while (firstLineEnd < bytes.length && bytes[firstLineEnd] !== LF && bytes[firstLineEnd] !== CR) firstLineEnd++;
  const firstLine = Buffer.from(bytes.buffer, bytes.byteOffset + bom, firstLineEnd - bom).toString("utf8");
  const delimiter = !firstLine.includes(",") && firstLine.includes(";") ? ";" : !firstLine.includes(",") && firstLine.includes("\t") ? "\t" : ",";
  const d = delimiter.charCodeAt(0);
  let width = -1;
  let records = 0;
  let first: string[] = [];
  let firstFilled: (string | undefined)[] = [];
  let unfilled = 0;
  let badWidth: SyntaxProblem | undefined;
  const offsets: number[] = [];
  const lines: number[] = [];
  const error = scan(bytes, d, bom, 1, (f, recordStart, line, lineStart) => {
    if (records % CHECKPOINT_EVERY === 0) {
      offsets.push(recordStart);
      lines.push(line);
    }
    if (width < 0) {
      width = f.count;
      first = Array.from({ length: f.count }, (_, k) => cellText(bytes, f, k, d));
      firstFilled = new Array<string | undefined>(width).fill(undefined);
      unfilled = width;
    } else if (f.count !== width) {
      const column = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, f.at[Math.min(f.count, width) - 1] - lineStart).toString("utf8").length + 1;
      badWidth = { line, column, message: `found ${f.count} fields, expected ${width} (as many as the first row has)`, hint: undefined };
      return false;
    } else if (unfilled > 0) {
      for (let k = 0; k < width; k++) {
        if (firstFilled[k] === undefined && f.end[k] > f.start[k]) {
          firstFilled[k] = cellText(bytes, f, k, d);
          unfilled--;
        }
      }
    }
    records++;
    return true;
  });
  if (error) return { ok: false, empty: false, ...error };
  if (badWidth) return { ok: false, empty: false, ...badWidth };
  const hasHeader = records > 0 && !first.every((c) => NUMERIC.test(c));
  const rows = hasHeader ? records - 1 : records;
  if (rows === 0) return { ok: false, empty: true };
  if (!hasHeader) {
    // The first row is data: it may be the first filled cell of its columns.
    firstFilled = firstFilled.map((c, k) => (first[k] !== "" ? first[k] : c));
  }
  return {
    ok: true,
    table: { file, bytes, delimiter, header: hasHeader ? first : undefined, width, rows, firstFilled, checkpointOffsets: Float64Array.from(offsets), checkpointLines: Int32Array.from(lines), columns: new Map() },
  };
}

/** A cell as text: quotes removed, doubled quotes undone, a decimal comma of a ";" file made a dot. */
function cellText(bytes: Uint8Array, f: Fields, k: number, delimiter: number): string {
  const s = text(bytes, f.start[k], f.end[k], f.quoted[k]);
  // A ";" file is a European export: "100,5" there is unambiguously a decimal comma.
  return delimiter === 0x3b && /^[+-]?\d+,\d+$/.test(s) ? s.replace(",", ".") : s;
}

/**
 * The number in a cell, read from its bytes without making a string when it is a plain decimal
 * of at most 15 digits (then m / 10^k is exactly what Number() gives); NaN when it is not a number.
 */
function cellNumber(bytes: Uint8Array, f: Fields, k: number, delimiter: number): number {
  let i = f.start[k];
  const e = f.end[k];
  let negative = false;
  if (i < e && (bytes[i] === 0x2b || bytes[i] === 0x2d)) negative = bytes[i++] === 0x2d;
  let m = 0;
  let digits = 0;
  let fraction = -1;
  const point = delimiter === 0x3b ? COMMA : DOT;
  for (; i < e; i++) {
    const b = bytes[i];
    if (b >= 0x30 && b <= 0x39) {
      m = m * 10 + (b - 0x30);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (b === point && fraction < 0) fraction = 0;
    else break;
  }
  if (i === e && digits > 0 && digits <= 15 && !(point === COMMA && fraction === 0)) {
    const v = fraction > 0 ? m / POW10[fraction] : m;
    return negative ? -v : v;
  }
  const s = cellText(bytes, f, k, delimiter);
  return NUMERIC.test(s) ? Number(s) : NaN;
}

/** Calls `visit(row, fields)` for each data row, in order. */
function eachRow(table: CsvTable, visit: (row: number, f: Fields) => void): void {
  let record = 0;
  const skip = table.header ? 1 : 0;
  scan(table.bytes, table.delimiter.charCodeAt(0), table.checkpointOffsets[0], table.checkpointLines[0], (f) => {
    if (record >= skip) visit(record - skip, f);
    record++;
    return true;
  });
}

/** The numbers of column `col`, one per data row: NaN where a cell is not a number. Read once per table and column. */
export function numberColumn(table: CsvTable, col: number): Float64Array {
  const key = `n${col}`;
  const cached = table.columns.get(key);
  if (cached) return cached as Float64Array;
  const d = table.delimiter.charCodeAt(0);
  // The row count is known from the first scan: the column is allocated once at its full size.
  const values = new Float64Array(table.rows);
  eachRow(table, (row, f) => {
    values[row] = cellNumber(table.bytes, f, col, d);
  });
  table.columns.set(key, values);
  return values;
}

/** The text of a column's cells as codes into `names` (one string per distinct value). Read once per table and column. */
export function textColumn(table: CsvTable, col: number): { codes: Int32Array; names: string[] } {
  const key = `t${col}`;
  const cached = table.columns.get(key);
  if (cached) return cached as { codes: Int32Array; names: string[] };
  const d = table.delimiter.charCodeAt(0);
  const codes = new Int32Array(table.rows);
  const names: string[] = [];
  const index = new Map<string, number>();
  eachRow(table, (row, f) => {
    const s = cellText(table.bytes, f, col, d);
    let code = index.get(s);
    if (code === undefined) {
      code = names.length;
      names.push(s);
      index.set(s, code);
    }
    codes[row] = code;
  });
  const column = { codes, names };
  table.columns.set(key, column);
  return column;
}

/** The data rows whose code in `codes` is `code`, in order. */
export function rowsWithCode(codes: Int32Array, code: number): Int32Array {
  let n = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) n++;
  const rows = new Int32Array(n);
  for (let i = 0, k = 0; i < codes.length; i++) if (codes[i] === code) rows[k++] = i;
  return rows;
}

/** The text of one cell (for messages). */
export function cellAt(table: CsvTable, row: number, col: number): string {
  let out = "";
  atRecord(table, row + (table.header ? 1 : 0), (f) => {
    out = cellText(table.bytes, f, col, table.delimiter.charCodeAt(0));
  });
  return out;
}

/** Line and column of a cell (`row` -1 is the header): where its first character is, after leading blanks. */
export function cellPosition(table: CsvTable, row: number, col: number): CsvPosition {
  let p: CsvPosition = { line: 1, column: 1 };
  atRecord(table, row + (table.header ? 1 : 0), (f, line, lineStart) => {
    const at = f.at[Math.min(col, f.count - 1)];
    // A quoted field may span lines: count the line breaks before the cell.
    let l = line;
    let ls = lineStart;
    for (let i = lineStart; i < at; i++) {
      const b = table.bytes[i];
      if (b === LF || (b === CR && table.bytes[i + 1] !== LF)) {
        l++;
        ls = i + 1;
      }
    }
    p = { line: l, column: Buffer.from(table.bytes.buffer, table.bytes.byteOffset + ls, at - ls).toString("utf8").length + 1 };
  });
  return p;
}

function atRecord(table: CsvTable, record: number, visit: (f: Fields, line: number, lineStart: number) => void): void {
  const c = Math.min(Math.floor(record / CHECKPOINT_EVERY), table.checkpointOffsets.length - 1);
  let r = c * CHECKPOINT_EVERY;
  scan(table.bytes, table.delimiter.charCodeAt(0), table.checkpointOffsets[c], table.checkpointLines[c], (f, _start, line, lineStart) => {
    if (r++ < record) return true;
    visit(f, line, lineStart);
    return false;
  });
}
