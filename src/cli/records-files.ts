/** Reading call-records files for `ccsim fit` and `ccsim backtest`: streamed in blocks, errors as one sentence. */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { MappingError, parseMapping, DEFAULT_MAPPING, type ColumnMapping } from "../records/mapping.js";
import { RecordsError, RecordsReader, type CallRecord } from "../records/read.js";
import { CliError, EXIT } from "./common.js";

const BLOCK = 1 << 20;

export function loadMappingFile(path: string | undefined): ColumnMapping {
  if (!path) return DEFAULT_MAPPING;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(`ccsim: cannot read the column mapping ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`, EXIT.input);
  }
  try {
    return parseMapping(text, path);
  } catch (e) {
    if (e instanceof MappingError) throw new CliError(`ccsim: ${e.message}`, EXIT.input);
    throw e;
  }
}

/** All records of the files, in file order, sorted by arrival. */
export function readRecordFiles(files: readonly string[], mapping: ColumnMapping): CallRecord[] {
  const out: CallRecord[] = [];
  for (const file of files) {
    let fd: number;
    try {
      fd = openSync(file, "r");
    } catch (e) {
      throw new CliError(`ccsim: cannot read the records ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`, EXIT.input);
    }
    try {
      const reader = new RecordsReader(file, (r) => out.push(r), mapping);
      const decoder = new TextDecoder("utf-8");
      const buf = Buffer.allocUnsafe(BLOCK);
      let first = true;
      for (;;) {
        const n = readSync(fd, buf, 0, BLOCK, null);
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
