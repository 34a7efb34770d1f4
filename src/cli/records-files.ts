/** Reading call-records files for `ccsim fit` and `ccsim backtest`: streamed in blocks, errors as one sentence. */
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { MappingError, parseMapping, DEFAULT_MAPPING, type ColumnMapping } from "../records/mapping.js";
import { RecordsError, RecordsReader, type CallRecord } from "../records/read.js";
import { CliError, EXIT } from "./common.js";

const BLOCK = 1 << 20;

/** Why a file cannot be read, in words (a directory, a missing file), for `cannot read …: WHY`. */
function unreadable(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory; name a file";
  if (code === "EACCES") return "permission denied";
  return (e as Error).message;
}

/** Refuses a directory up front: reading one fails with a bare EISDIR deep inside. */
function requireFile(path: string, what: string): void {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new CliError(`ccsim: cannot read the ${what} ${path}: ${unreadable(path, e)}`, EXIT.input);
  }
  if (isDir) throw new CliError(`ccsim: cannot read the ${what} ${path}: it is a directory; name a file`, EXIT.input);
}

export function loadMappingFile(path: string | undefined): ColumnMapping {
  if (!path) return DEFAULT_MAPPING;
  requireFile(path, "column mapping");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(`ccsim: cannot read the column mapping ${path}: ${unreadable(path, e)}`, EXIT.input);
  }
  try {
    return parseMapping(text, path);
  } catch (e) {
    if (e instanceof MappingError) throw new CliError(`ccsim: ${e.message}`, EXIT.input);
    throw e;
  }
}

/** Where each record read by `readRecordFiles` came from ("file:line"), for messages about it. */
const locations = new WeakMap<CallRecord, string>();
export const locationOf = (r: CallRecord): string => locations.get(r) ?? "?";

/**
 * All records of the files, in file order, sorted by arrival. A call id seen twice is refused:
 * the same export given twice, or overlapping exports, would silently double the calls.
 */
export function readRecordFiles(files: readonly string[], mapping: ColumnMapping): CallRecord[] {
  const out: CallRecord[] = [];
  const seen = new Map<string, string>();
  for (const file of files) requireFile(file, "records");
  const twice = files.find((f, i) => files.findIndex((g) => resolve(g) === resolve(f)) !== i);
  if (twice !== undefined) throw new CliError(`ccsim: the records ${twice} are given twice; name each records file once`, EXIT.input);
  for (const file of files) {
    let fd: number;
    try {
      fd = openSync(file, "r");
    } catch (e) {
      throw new CliError(`ccsim: cannot read the records ${file}: ${unreadable(file, e)}`, EXIT.input);
    }
    try {
      const reader = new RecordsReader(file, (r, line) => {
        if (r.callId !== "") {
          const first = seen.get(r.callId);
          if (first !== undefined)
            throw new CliError(`ccsim: ${file}:${line}: call_id ${JSON.stringify(r.callId)} was already read at ${first}; each call attempt must appear once: give each export once, and not overlapping exports`, EXIT.input);
          seen.set(r.callId, `${file}:${line}`);
        }
        locations.set(r, `${file}:${line}`);
        out.push(r);
      }, mapping);
      const decoder = new TextDecoder("utf-8");
      const buf = Buffer.allocUnsafe(BLOCK);
      let first = true;
      for (;;) {
        let n: number;
        try {
          n = readSync(fd, buf, 0, BLOCK, null);
        } catch (e) {
          throw new CliError(`ccsim: cannot read the records ${file}: ${unreadable(file, e)}`, EXIT.input);
        }
        if (n === 0) break;
        let text = decoder.decode(buf.subarray(0, n), { stream: true });
        if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark from spreadsheet exports
        first = false;
        reader.push(text);
      }
      reader.push(decoder.decode());
      reader.end();
    } catch (e) {
      if (e instanceof RecordsError) throw new CliError(`ccsim: ${e.message}`, EXIT.input);
      throw e;
    } finally {
      closeSync(fd);
    }
  }
  if (out.length === 0) throw new CliError(`ccsim: ${files.join(", ")}: no call records (only a header); expected one row per call attempt`, EXIT.input);
  return out.sort((a, b) => a.arrival - b.arrival);
}
