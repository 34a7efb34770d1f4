/**
 * The call-records format shared by the writer (`ccsim run --records`) and the reader
 * (`ccsim fit`, `ccsim backtest`): column names, outcome values and the center's local
 * date-times. docs/records.md is the user's description; this module is the code's.
 *
 * One CSV row per call attempt (a redial is a new row), RFC 4180, with a header row. Times are
 * ISO 8601 local date-times on the center's clock without a zone (`2024-01-01T08:30:00` or with
 * milliseconds `2024-01-01T08:30:00.250`); an empty cell is "not applicable or unknown".
 */
import { csvCell } from "../text/csv.js";

/** The columns, in the order the writer puts them. */
export const RECORD_COLUMNS = [
  "call_id",
  "type",
  "arrival",
  "ivr_start",
  "ivr_end",
  "queue_entry",
  "queue_exit",
  "outcome",
  "talk_start",
  "talk_end",
  "wrap_end",
  "agent",
  "group",
] as const;
export type RecordColumn = (typeof RECORD_COLUMNS)[number];

/** The columns that hold local date-times. */
export const TIME_COLUMNS = ["arrival", "ivr_start", "ivr_end", "queue_entry", "queue_exit", "talk_start", "talk_end", "wrap_end"] as const satisfies readonly RecordColumn[];
export type TimeColumn = (typeof TIME_COLUMNS)[number];

/**
 * How an attempt ended.
 * - `answered`: connected to an agent (talk_start set; talk_end empty if the period ended mid-call);
 * - `abandoned`: hung up while waiting in the queue (queue_exit is the hang-up);
 * - `blocked`: got a busy signal (no trunk line or IVR port); only `arrival` is set;
 * - `ivr_only`: ended in the IVR, resolved by self-service (ivr_end is the hang-up);
 * - `callback`: left the queue for a callback (queue_exit is the acceptance); the outbound
 *   conversation, when one happened, is in talk_start/talk_end/agent/group;
 * - `unfinished`: still in the IVR or queue when the period ended (an ACD export cut at midnight
 *   has these too): a censored wait, neither answered nor abandoned.
 */
export const OUTCOMES = ["answered", "abandoned", "blocked", "ivr_only", "callback", "unfinished"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One call attempt. Times are seconds from the records' epoch (see `RECORDS_EPOCH`), null when empty. */
export interface CallRecord {
  callId: string;
  type: string;
  arrival: number;
  ivrStart: number | null;
  ivrEnd: number | null;
  queueEntry: number | null;
  queueExit: number | null;
  outcome: Outcome;
  talkStart: number | null;
  talkEnd: number | null;
  wrapEnd: number | null;
  agent: string;
  group: string;
}

/**
 * The writer dates time 0 of a scenario at midnight of its `startDay` in the week of Monday
 * 2024-01-01, so days of the week come out right. Readers may get any dates; they turn them into
 * seconds from this epoch (a Monday), so `Math.floor(t / 86400) % 7` is the day of the week
 * (0 = Monday) for any record dated on or after it.
 */
export const RECORDS_EPOCH = { year: 2024, month: 1, day: 1 } as const;

const DAY = 86400;
/** Days from 1970-01-01 to the records' epoch. */
const EPOCH_DAYS = Date.UTC(RECORDS_EPOCH.year, RECORDS_EPOCH.month - 1, RECORDS_EPOCH.day) / 86_400_000;

/**
 * Seconds from the epoch → `YYYY-MM-DDTHH:MM:SS.sss`, rounded to the millisecond (the writer's
 * precision). Whole seconds are written without the fraction.
 */
export function formatLocalTime(seconds: number): string {
  if (!Number.isFinite(seconds)) throw new RangeError(`a record time must be a finite number of seconds (got ${seconds})`);
  const ms = Math.round(seconds * 1000);
  const d = new Date(EPOCH_DAYS * 86_400_000 + ms);
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ, in UTC: the arithmetic is zone-free
  return ms % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;

/**
 * `YYYY-MM-DDTHH:MM[:SS[.sss]]` (a space instead of T is accepted, as spreadsheets write it) →
 * seconds from the epoch; null when malformed or not a real date-time. A zone suffix is not
 * accepted: records are on the center's clock.
 */
export function parseLocalTime(text: string): number | null {
  const m = LOCAL_TIME.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const dayMs = Date.UTC(year, month - 1, day);
  if (new Date(dayMs).getUTCDate() !== day) return null; // 2024-02-30
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  return (dayMs / 86_400_000 - EPOCH_DAYS) * DAY + hour * 3600 + minute * 60 + second + fraction;
}

/** Day of the week of a time in seconds from the epoch: 0 = Monday … 6 = Sunday. */
export function dayOfWeekOf(seconds: number): number {
  const d = Math.floor(seconds / DAY) % 7;
  return d < 0 ? d + 7 : d;
}

/** One CSV field through the shared writer: quoted when it must be (RFC 4180), formula cells neutralised. */
export function csvField(value: string): string {
  return csvCell(value);
}

/** The header line, with its CRLF-free line end (the writer uses "\n"; readers accept both). */
export const RECORDS_HEADER = RECORD_COLUMNS.join(",") + "\n";

/** One record as a CSV line. */
export function recordLine(r: CallRecord): string {
  const t = (x: number | null) => (x === null ? "" : formatLocalTime(x));
  return (
    [
      csvField(r.callId),
      csvField(r.type),
      t(r.arrival),
      t(r.ivrStart),
      t(r.ivrEnd),
      t(r.queueEntry),
      t(r.queueExit),
      r.outcome,
      t(r.talkStart),
      t(r.talkEnd),
      t(r.wrapEnd),
      csvField(r.agent),
      csvField(r.group),
    ].join(",") + "\n"
  );
}
