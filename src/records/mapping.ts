/**
 * How the columns of a call-records file map onto the fields of a call record.
 *
 * The default mapping reads ccsim's own format (docs/records.md): one column per field, under the
 * field's name, times as ISO 8601 local date-times, outcomes as ccsim's words. An ACD export that
 * names or splits fields differently is read through a mapping file (YAML):
 *
 *   delimiter: ";"
 *   dateFormat: DD.MM.YYYY          # for split date columns: YYYY-MM-DD (default), DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY
 *   columns:
 *     call_id: CallID
 *     type: Skill
 *     arrival: { date: CallDate, time: CallTime }   # a date and a time of day in two columns
 *     queue_exit: QueueLeft
 *   outcomes:
 *     answered: [ANS, Answered]
 *     abandoned: [ABN, "Caller hung up"]
 *
 * Fields a mapping does not name are read from the column of the field's own name, if present.
 */
import { parseDocument } from "yaml";
import { OUTCOMES, RECORD_COLUMNS, TIME_COLUMNS, type Outcome, type RecordColumn } from "./format.js";

/** The fields of a call record: the columns of ccsim's own files (records/format.ts). */
export const RECORD_FIELDS = RECORD_COLUMNS;
export type RecordField = RecordColumn;
/** The fields that hold a date-time. */
export const TIME_FIELDS = TIME_COLUMNS;
export { OUTCOMES, type Outcome };

export const DATE_FORMATS = ["YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** A field read from one column, or a time split into a date column and a time-of-day column. */
export type ColumnSource = { column: string } | { date: string; time: string };

export interface ColumnMapping {
  readonly delimiter: string;
  readonly dateFormat: DateFormat;
  readonly columns: Readonly<Record<RecordField, ColumnSource>>;
  /** Outcome word in the file (lower case, trimmed) → ccsim outcome. */
  readonly outcomes: ReadonlyMap<string, Outcome>;
  /** Where the mapping came from, for messages. */
  readonly source: string;
}

export const DEFAULT_MAPPING: ColumnMapping = {
  delimiter: ",",
  dateFormat: "YYYY-MM-DD",
  columns: Object.fromEntries(RECORD_FIELDS.map((f) => [f, { column: f }])) as Record<RecordField, ColumnSource>,
  outcomes: new Map(OUTCOMES.map((o) => [o, o] as [string, Outcome]).concat([["ivr-only", "ivr_only"], ["contained", "ivr_only"]])),
  source: "ccsim's records format",
};

export class MappingError extends Error {}

export function parseMapping(text: string, file: string): ColumnMapping {
  const doc = parseDocument(text, { prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : text.slice(0, offset).split("\n").length);
  if (doc.errors.length) throw new MappingError(`${file}:${lineOf(doc.errors[0].pos[0])}: not valid YAML: ${doc.errors[0].message.split("\n")[0]}`);
  const data = doc.toJS() as unknown;
  const fail = (key: string, message: string, fix: string): never => {
    const node = doc.getIn(key.split("."), true) as { range?: [number, number] } | undefined;
    throw new MappingError(`${file}:${lineOf(node?.range?.[0])}: ${key}: ${message}; ${fix}`);
  };
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw new MappingError(`${file}:1: ${data === null || data === undefined ? "the mapping file is empty" : `found ${Array.isArray(data) ? "a list" : JSON.stringify(data)}`}; expected a mapping with columns, outcomes, delimiter or dateFormat (see docs/records.md)`);
  const m = data as Record<string, unknown>;
  for (const k of Object.keys(m)) if (!["columns", "outcomes", "delimiter", "dateFormat"].includes(k)) fail(k, `unknown key "${k}"`, "expected columns, outcomes, delimiter or dateFormat");
  const delimiter = m.delimiter ?? ",";
  if (typeof delimiter !== "string" || delimiter.length !== 1 || delimiter === '"' || delimiter === "\n") fail("delimiter", `found ${JSON.stringify(delimiter)}`, 'expected one character such as "," ";" or "\\t"');
  const dateFormat = m.dateFormat ?? "YYYY-MM-DD";
  if (!DATE_FORMATS.includes(dateFormat as DateFormat)) fail("dateFormat", `found ${JSON.stringify(dateFormat)}`, `expected one of ${DATE_FORMATS.join(", ")}`);
  const columns = { ...DEFAULT_MAPPING.columns } as Record<RecordField, ColumnSource>;
  const given = (m.columns ?? {}) as Record<string, unknown>;
  if (typeof given !== "object" || Array.isArray(given)) fail("columns", "expected a mapping of field: column", "e.g. columns: { call_id: CallID }");
  for (const [field, src] of Object.entries(given)) {
    if (!RECORD_FIELDS.includes(field as RecordField)) fail(`columns.${field}`, `unknown field "${field}"`, `expected one of ${RECORD_FIELDS.join(", ")}`);
    if (typeof src === "string" && src.length > 0) columns[field as RecordField] = { column: src };
    else if (src && typeof src === "object" && typeof (src as { date?: unknown }).date === "string" && typeof (src as { time?: unknown }).time === "string") {
      if (!(TIME_FIELDS as readonly string[]).includes(field)) fail(`columns.${field}`, "only time fields can be split into date and time", "give the column name");
      columns[field as RecordField] = { date: (src as { date: string }).date, time: (src as { time: string }).time };
    } else fail(`columns.${field}`, `found ${JSON.stringify(src)}`, "expected a column name, or { date: COLUMN, time: COLUMN } for a time");
  }
  const outcomes = new Map(DEFAULT_MAPPING.outcomes);
  const words = (m.outcomes ?? {}) as Record<string, unknown>;
  const mapped = new Map<string, Outcome>();
  for (const [outcome, list] of Object.entries(words)) {
    if (!OUTCOMES.includes(outcome as Outcome)) fail(`outcomes.${outcome}`, `unknown outcome "${outcome}"`, `expected one of ${OUTCOMES.join(", ")}`);
    const all = Array.isArray(list) ? list : [list];
    for (const w of all) {
      if (typeof w !== "string" && typeof w !== "number") fail(`outcomes.${outcome}`, `found ${JSON.stringify(w)}`, "expected the words of the export for this outcome, e.g. [ANS, Answered]");
      const word = String(w).trim().toLowerCase();
      // One word for two outcomes would silently take the later one: every such call miscounted.
      const earlier = mapped.get(word);
      if (earlier !== undefined && earlier !== outcome) fail(`outcomes.${outcome}`, `the word ${JSON.stringify(String(w))} is also given for ${earlier}`, "give each export word for one outcome only");
      mapped.set(word, outcome as Outcome);
      outcomes.set(word, outcome as Outcome);
    }
  }
  return { delimiter: delimiter as string, dateFormat: dateFormat as DateFormat, columns, outcomes, source: file };
}
