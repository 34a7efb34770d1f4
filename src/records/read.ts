/**
 * Reads call records (CSV, RFC 4180, a header row, one row per call attempt) into typed records.
 *
 * Streaming: `RecordsReader.push(chunk)` takes the file piece by piece (the CLI reads it in
 * blocks), so a month of records is parsed in one pass without holding the text. Quoted fields
 * may hold delimiters, doubled quotes and line breaks. Every error names file:line:column, the
 * field, what was found, what was expected and the fix; reading stops at the first one (a
 * half-read file is no basis for a fit).
 *
 * Records are records/format.ts's `CallRecord`: times in seconds from the records' epoch
 * (Monday 2024-01-01 00:00 on the center's clock, no zone), null when empty; text "" when empty.
 */
import { OUTCOMES, RECORDS_EPOCH, dayOfWeekOf, formatLocalTime, parseLocalTime, type CallRecord } from "./format.js";
import { DEFAULT_MAPPING, type ColumnMapping, type ColumnSource, type DateFormat, type Outcome, type RecordField, RECORD_FIELDS, TIME_FIELDS } from "./mapping.js";

export const DAY_SECONDS = 86400;
/**
 * The longest row the reader waits for (characters). An ACD row is a few hundred characters; a
 * row that runs past this is a quote never closed (which would otherwise swallow the rest of the
 * file into one field, re-scanned at every block) or not a call-records file at all.
 */
export const MAX_ROW_CHARS = 1 << 20;
const EPOCH_SECONDS = Date.UTC(RECORDS_EPOCH.year, RECORDS_EPOCH.month - 1, RECORDS_EPOCH.day) / 1000;

/** 0 = Monday … 6 = Sunday. */
export const weekdayOf = dayOfWeekOf;

/** Midnight at the start of the day of `t`. */
export function dayStartOf(t: number): number {
  return Math.floor(t / DAY_SECONDS) * DAY_SECONDS;
}

export { formatLocalTime, type CallRecord };

export class RecordsError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const CAMEL: Record<RecordField, keyof CallRecord> = {
  call_id: "callId", type: "type", arrival: "arrival", ivr_start: "ivrStart", ivr_end: "ivrEnd", queue_entry: "queueEntry",
  queue_exit: "queueExit", outcome: "outcome", talk_start: "talkStart", talk_end: "talkEnd", wrap_end: "wrapEnd", agent: "agent", group: "group",
};

/** Where in a row each field is read: column indices of the header, -1 when absent. */
interface Plan {
  field: RecordField;
  kind: "text" | "time" | "split" | "outcome";
  column: number;
  dateColumn: number;
  header: string;
  dateHeader: string;
}

/** "HH:MM" or "HH:MM:SS(.sss)" → seconds from midnight; NaN when malformed. */
export function parseTimeOfDay(s: string): number {
  if (s.length < 5 || s.charCodeAt(2) !== 58) return NaN;
  const h = digits(s, 0, 2), m = digits(s, 3, 2);
  let sec = 0;
  if (s.length > 5) {
    if (s.charCodeAt(5) !== 58 || s.length < 8) return NaN;
    sec = digits(s, 6, 2);
    if (s.length > 8) {
      if (s.charCodeAt(8) !== 46 || s.length === 9) return NaN;
      const frac = s.slice(8);
      if (!/^\.\d+$/.test(frac)) return NaN;
      sec += Number(frac);
    }
  }
  if (!(h <= 23 && m <= 59 && sec < 61)) return NaN;
  return h * 3600 + m * 60 + sec;
}

/**
 * The outcome an unknown export word most likely means, for the fix in the error (ABN →
 * abandoned, ANS → answered, BUSY → blocked): the one sharing the longest prefix, else answered.
 */
export function likelyOutcome(word: string): Outcome {
  const w = word.toLowerCase().replace(/[^a-z]/g, "");
  let best: Outcome = "answered", bestLength = 0;
  for (const o of OUTCOMES) {
    let n = 0;
    while (n < w.length && n < o.length && w[n] === o[n]) n++;
    if (n > bestLength) [best, bestLength] = [o, n];
  }
  return best;
}

export function parseDate(s: string, format: DateFormat): number {
  let y: number, mo: number, d: number;
  if (format === "YYYY-MM-DD") {
    if (s.length !== 10 || s[4] !== "-" || s[7] !== "-") return NaN;
    [y, mo, d] = [digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)];
  } else {
    const sep = format[2];
    if (s.length !== 10 || s[2] !== sep || s[5] !== sep) return NaN;
    const a = digits(s, 0, 2), b = digits(s, 3, 2);
    y = digits(s, 6, 4);
    [d, mo] = format.startsWith("DD") ? [a, b] : [b, a];
  }
  return civil(y, mo, d, 0);
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

function civil(y: number, mo: number, d: number, tod: number): number {
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31) || Number.isNaN(y) || Number.isNaN(tod)) return NaN;
  const ms = Date.UTC(y, mo - 1, d);
  if (new Date(ms).getUTCDate() !== d) return NaN; // 31 April and the like
  return ms / 1000 - EPOCH_SECONDS + tod;
}

/**
 * A streaming reader: push text chunks in file order, then `end()`; records arrive through
 * `onRecord` as soon as their row is complete.
 */
export class RecordsReader {
  private plan: Plan[] | null = null;
  private headerWidth = 0;
  private buf = "";
  /** Line of the start of `buf` (1-based). */
  private line = 1;
  rows = 0;

  constructor(
    private readonly file: string,
    private readonly onRecord: (r: CallRecord, line: number) => void,
    private readonly mapping: ColumnMapping = DEFAULT_MAPPING,
  ) {}

  push(chunk: string): void {
    this.buf += chunk;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    if (!this.plan) throw new RecordsError(`${this.file}:1:1: no header row: the file is empty; expected a header naming the columns (see docs/records.md)`, this.file, 1, 1);
  }

  /** Splits complete rows off the buffer (a row is complete at a line break outside quotes). */
  private drain(final: boolean): void {
    const buf = this.buf;
    const delim = this.mapping.delimiter.charCodeAt(0);
    let at = 0;
    for (;;) {
      const fields: string[] = [];
      const cols: number[] = [];
      let i = at;
      let lines = 0;
      let complete = false;
      let lineStart = at;
      field: for (;;) {
        cols.push(i - lineStart + 1);
        if (buf.charCodeAt(i) === 34) {
          // Quoted field: up to the closing quote; "" is a quote.
          let value = "";
          let j = i + 1;
          for (;;) {
            const q = buf.indexOf('"', j);
            if (q < 0) {
              if (!final) break field;
              throw this.error(this.line + lines, cols[cols.length - 1], "a quoted field is never closed", "close the quote, or double quotes inside the field (\"\")");
            }
            value += buf.slice(j, q);
            for (let k = j; k < q; k++) if (buf.charCodeAt(k) === 10) { lines++; lineStart = k + 1; }
            if (buf.charCodeAt(q + 1) === 34) {
              value += '"';
              j = q + 2;
              continue;
            }
            j = q + 1;
            break;
          }
          fields.push(value);
          i = j;
          const c = buf.charCodeAt(i);
          if (c === delim) { i++; continue; }
          if (c === 13 && buf.charCodeAt(i + 1) === 10) { i += 2; complete = true; break; }
          if (c === 10) { i++; complete = true; break; }
          if (Number.isNaN(c)) { if (!final) break; complete = i > at; break; }
          throw this.error(this.line + lines, i - lineStart + 1, "text after a closing quote", "quote the whole field, or double the quote inside it");
        }
        // Unquoted field: up to the delimiter or the line break.
        let j = i;
        for (;;) {
          const c = buf.charCodeAt(j);
          if (c === delim || c === 10 || Number.isNaN(c)) break;
          j++;
        }
        const c = buf.charCodeAt(j);
        if (Number.isNaN(c) && !final) break;
        let end = j;
        if (c !== delim && end > i && buf.charCodeAt(end - 1) === 13) end--;
        fields.push(buf.slice(i, end));
        if (c === delim) { i = j + 1; continue; }
        i = j + 1;
        complete = !Number.isNaN(c) || j > at || fields.length > 1;
        break;
      }
      if (!complete) break;
      const rowLine = this.line;
      this.line += lines + 1;
      at = i;
      if (fields.length === 1 && fields[0] === "") continue; // a blank line
      this.row(fields, cols, rowLine);
      if (at >= buf.length) break;
    }
    this.buf = buf.slice(at);
    if (!final && this.buf.length > MAX_ROW_CHARS) {
      const quoted = this.buf.charCodeAt(0) === 34 || this.buf.includes(`${this.mapping.delimiter}"`);
      throw this.error(this.line, 1, `the row starting here runs past ${MAX_ROW_CHARS.toLocaleString("en-US")} characters without ending`, quoted ? "a quote in it is probably never closed: close it, or double quotes inside the field (\"\")" : "a call record is one short line: check that this is a call-records file, or split the oversized field");
    }
  }

  private error(line: number, column: number, message: string, fix: string): RecordsError {
    return new RecordsError(`${this.file}:${line}:${column}: ${message}; ${fix}`, this.file, line, column);
  }

  private row(fields: string[], cols: number[], line: number): void {
    if (!this.plan) {
      this.header(fields.map((f) => f.trim()), line);
      return;
    }
    if (fields.length !== this.headerWidth) {
      throw this.error(line, cols[Math.min(cols.length, this.headerWidth) - 1] ?? 1, `found ${fields.length} fields, expected ${this.headerWidth} (one per header column)`, "quote fields that contain the delimiter, or fix the row");
    }
    const r: Record<string, string | number | null> = {};
    for (const p of this.plan) {
      const key = CAMEL[p.field];
      if (p.column < 0) {
        r[key] = p.kind === "text" ? "" : null;
        continue;
      }
      const raw = fields[p.column].trim();
      const where = () => `column "${p.header}" (${p.field})`;
      if (p.kind === "text") r[key] = raw;
      else if (p.kind === "outcome") {
        const o = this.mapping.outcomes.get(raw.toLowerCase());
        if (o === undefined && raw === "") throw this.error(line, cols[p.column], `${where()}: the outcome is empty`, "every call attempt needs its outcome (answered, abandoned, …); fix the row, or map the export's outcome column in a --mapping file");
        if (o === undefined) {
          const known = [...new Set(this.mapping.outcomes.keys())].join(", ");
          throw this.error(line, cols[p.column], `${where()}: unknown outcome ${JSON.stringify(raw)}`, `expected one of ${known}; map the export's words in a --mapping file (outcomes: { ${likelyOutcome(raw)}: [${JSON.stringify(raw)}] })`);
        }
        r[key] = o;
      } else if (raw === "" && (p.kind === "time" || fields[p.dateColumn].trim() === "")) r[key] = null;
      else if (p.kind === "time") {
        const t = parseLocalTime(raw);
        if (t === null) throw this.error(line, cols[p.column], `${where()}: found ${JSON.stringify(raw)}`, "expected a local date-time YYYY-MM-DDTHH:MM:SS(.sss), or empty when unknown");
        r[key] = t;
      } else {
        const dateRaw = fields[p.dateColumn].trim();
        const d = parseDate(dateRaw, this.mapping.dateFormat);
        if (Number.isNaN(d)) throw this.error(line, cols[p.dateColumn], `column "${p.dateHeader}" (${p.field}): found date ${JSON.stringify(dateRaw)}`, `expected a date ${this.mapping.dateFormat} (set dateFormat in the mapping file)`);
        const tod = parseTimeOfDay(raw);
        if (Number.isNaN(tod)) throw this.error(line, cols[p.column], `${where()}: found time ${JSON.stringify(raw)}`, "expected a time of day HH:MM:SS(.sss)");
        r[key] = d + tod;
      }
    }
    const rec = r as unknown as CallRecord;
    if (rec.arrival === null) throw this.error(line, cols[this.plan[2].column] ?? 1, "the arrival time is empty", "every call attempt needs its arrival time");
    this.check(rec, line, cols);
    this.rows++;
    this.onRecord(rec, line);
  }

  /** Times must follow the call's course: arrival ≤ IVR ≤ queue ≤ talk ≤ wrap-up. */
  private check(r: CallRecord, line: number, cols: number[]): void {
    const order: [TimeFieldKey, RecordField][] = [["arrival", "arrival"], ["ivrStart", "ivr_start"], ["ivrEnd", "ivr_end"], ["queueEntry", "queue_entry"], ["queueExit", "queue_exit"], ["talkStart", "talk_start"], ["talkEnd", "talk_end"], ["wrapEnd", "wrap_end"]];
    let last = -Infinity;
    let lastField: RecordField = "arrival";
    for (const [k, f] of order) {
      const t = r[k];
      if (t === null) continue;
      if (t < last - 1e-6) {
        const p = this.plan!.find((q) => q.field === f)!;
        throw this.error(line, cols[p.column] ?? 1, `${f} (${formatLocalTime(t)}) is before ${lastField} (${formatLocalTime(last)})`, "times must follow the call: arrival, IVR, queue, talk, wrap-up; fix the row or the column mapping");
      }
      last = t;
      lastField = f;
    }
  }

  private header(names: string[], line: number): void {
    this.headerWidth = names.length;
    const index = new Map<string, number>();
    const twice = new Map<string, [number, number]>();
    names.forEach((n, i) => {
      const before = index.get(n.toLowerCase());
      if (before !== undefined && !twice.has(n.toLowerCase())) twice.set(n.toLowerCase(), [before, i]);
      else index.set(n.toLowerCase(), i);
    });
    const find = (name: string) => {
      // A column read under a name the header has twice: which one holds the field is a guess.
      const both = twice.get(name.toLowerCase());
      if (both) throw this.error(line, 1, `the header names column ${JSON.stringify(name)} twice (columns ${both[0] + 1} and ${both[1] + 1})`, "rename one of them, or map the field to another column in a --mapping file");
      return index.get(name.toLowerCase()) ?? -1;
    };
    const other = names.length === 1 ? [";", "\t", "|"].find((d) => d !== this.mapping.delimiter && names[0].includes(d)) : undefined;
    if (other !== undefined)
      throw this.error(line, 1, `the header is one column holding ${JSON.stringify(other)}: the file is not separated by ${JSON.stringify(this.mapping.delimiter)}`, `set delimiter: ${JSON.stringify(other)} in a --mapping file`);
    const missing = (src: ColumnSource, field: RecordField) =>
      this.error(line, 1, `no column ${"column" in src ? JSON.stringify(src.column) : `${JSON.stringify(src.date)} and ${JSON.stringify(src.time)}`} for ${field} in the header (${names.join(", ")})`, `name it in the header, or map the export's column in a --mapping file (columns: { ${field}: YOUR_COLUMN })`);
    this.plan = RECORD_FIELDS.map((field): Plan => {
      const src = this.mapping.columns[field];
      const kind: Plan["kind"] = field === "outcome" ? "outcome" : (TIME_FIELDS as readonly string[]).includes(field) ? ("date" in src ? "split" : "time") : "text";
      if ("date" in src) {
        const c = find(src.time), d = find(src.date);
        if (c < 0 || d < 0) throw missing(src, field);
        return { field, kind, column: c, dateColumn: d, header: src.time, dateHeader: src.date };
      }
      const c = find(src.column);
      if (c < 0 && (field === "arrival" || field === "outcome")) throw missing(src, field);
      return { field, kind, column: c, dateColumn: -1, header: src.column, dateHeader: "" };
    });
  }
}

type TimeFieldKey = "arrival" | "ivrStart" | "ivrEnd" | "queueEntry" | "queueExit" | "talkStart" | "talkEnd" | "wrapEnd";

/** Parses a whole text (tests, small files); the CLI streams files through `RecordsReader`. */
export function parseRecords(text: string, file: string, mapping: ColumnMapping = DEFAULT_MAPPING): CallRecord[] {
  const out: CallRecord[] = [];
  const reader = new RecordsReader(file, (r) => out.push(r), mapping);
  reader.push(text);
  reader.end();
  return out;
}
