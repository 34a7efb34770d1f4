/**
 * Phase 3c, data files: CSV files named by the scenario inlined as numbers — `volume.replay` →
 * `volume.times`, an empirical distribution's `csv` → `values` — each bad cell reported at its
 * line and column in the CSV.
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { didYouMean, EXPECT, FOUND, LIMITS, shorten, TEXT, type MessageParts } from "../messages.js";
import type { Diagnostic } from "../diagnostics.js";
import { closestName } from "../suggest.js";
import type { CsvRecord, CsvTable, LoadContext, Loc, Path, Position } from "./context.js";
import { hasOwn, isPlainObject, NUMERIC, setOwn } from "./data.js";
import { locate } from "./locate.js";
import { read } from "./read.js";

const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
/** Header names of identifier columns, skipped when guessing which column holds the durations. */
const IDENTIFIER = /^(#|id|ID|Id|index|row|no|nr|n)$|[_\s-](id|ID)$|[a-z0-9]Id$/;

export function inlineCsvFiles(ctx: LoadContext): void {
  const root = ctx.data;
  if (!isPlainObject(root)) return;
  const types = root.contactTypes;
  if (isPlainObject(types)) {
    for (const name of Object.keys(types)) {
      const t = types[name];
      const volume = isPlainObject(t) ? t.volume : undefined;
      if (isPlainObject(volume) && typeof volume.replay === "string" && volume.replay !== "" && !hasOwn(volume, "times")) {
        inlineReplay(ctx, name, volume, ["contactTypes", name, "volume"]);
      }
    }
  }
  // One path stack for the whole walk: a copy per node was most of this phase's time on big files.
  const path: Path = [];
  const visitValue = (v: unknown): void => {
    if (path.length > 64) return;
    if (Array.isArray(v)) {
      // Lists of numbers (times, weights) hold no distributions: skip them without a step per item.
      if (v.length > 0 && typeof v[0] === "number" && typeof v[v.length - 1] === "number" && v.every((x) => typeof x === "number")) return;
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        visitValue(v[i]);
        path.pop();
      }
    } else if (isPlainObject(v)) {
      if (v.dist === "empirical" && typeof v.csv === "string" && v.csv !== "" && !hasOwn(v, "values") && (v.column === undefined || typeof v.column === "string")) {
        inlineEmpirical(ctx, v, [...path]);
      }
      for (const k of Object.keys(v)) {
        path.push(k);
        visitValue(v[k]);
        path.pop();
      }
    }
  };
  visitValue(root);
}

/** The file named by the string at `path`, relative to the file that defines it. */
export function csvLocation(ctx: LoadContext, path: Path, name: string): { file: string; at: Loc; relativeTo?: string } {
  const at = locate(ctx, path, "value");
  if (isAbsolute(name) || !at.layer) return { file: name, at };
  return { file: join(dirname(at.layer.file), name), at, relativeTo: at.layer.file };
}

export function readCsv(ctx: LoadContext, file: string, at: Loc, path: Path, relativeTo?: string): CsvTable | undefined {
  const key = resolve(file);
  if (ctx.csvCache.has(key)) return ctx.csvCache.get(key);
  const table = parseCsvFile(ctx, file, at, path, relativeTo);
  ctx.csvCache.set(key, table);
  return table;
}

export function parseCsvFile(ctx: LoadContext, file: string, at: Loc, path: Path, relativeTo?: string): CsvTable | undefined {
  const text = read(ctx, file, LIMITS.csvBytes, at, path, relativeTo);
  if (text === undefined) return undefined;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = !firstLine.includes(",") && firstLine.includes(";") ? ";" : !firstLine.includes(",") && firstLine.includes("\t") ? "\t" : ",";
  let rows: CsvRecord[];
  try {
    // Plain records are several times faster than csv-parse's per-record info; positions are recomputed on demand.
    rows = (parseCsv(text, { delimiter, bom: true, skip_empty_lines: true, trim: true }) as string[][]).map((cells, index) => ({ cells, index }));
  } catch (e) {
    const lines = (e as { lines?: unknown }).lines;
    const message = (e instanceof Error ? e.message : String(e))
      .replace(/\s+(on|at) line \d+\s*$/i, "")
      .replace(/^([A-Z][A-Za-z ]*):/, (_, title: string) => `${title.toLowerCase()}:`);
    ctx.emit("csv-syntax", { file, line: typeof lines === "number" ? lines : 1, column: 1 }, path, {
      message: TEXT.csvSyntax(message),
      hint: TEXT.csvSyntaxHint,
    });
    return undefined;
  }
  if (delimiter === ";") {
    // A ";" file is a European export: "100,5" there is unambiguously a decimal comma.
    for (const r of rows) for (let i = 0; i < r.cells.length; i++) if (DECIMAL_COMMA.test(r.cells[i])) r.cells[i] = r.cells[i].replace(",", ".");
  }
  const hasHeader = rows.length > 0 && !rows[0].cells.every((c) => NUMERIC.test(c));
  const table: CsvTable = {
    file,
    text,
    delimiter,
    header: hasHeader ? rows[0].cells : undefined,
    headerRecord: hasHeader ? rows[0] : undefined,
    rows: hasHeader ? rows.slice(1) : rows,
  };
  if (table.rows.length === 0) {
    ctx.emit("csv-empty", { file, line: 1, column: 1 }, path, { message: TEXT.csvEmpty(file) });
    return undefined;
  }
  return table;
}

/** Start offsets and lines of the records, by the record boundaries csv-parse uses (newlines outside quotes; empty lines skipped). */
export function recordStarts(table: CsvTable): { offsets: number[]; lines: number[] } {
  if (table.starts) return table.starts;
  const { text } = table;
  const offsets: number[] = [];
  const lines: number[] = [];
  let line = 1;
  let atLineStart = true;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (atLineStart) {
      atLineStart = false;
      const empty = ch === 10 || (ch === 13 && text.charCodeAt(i + 1) === 10);
      if (!empty) {
        offsets.push(i);
        lines.push(line);
      }
    }
    if (ch === 34) inQuotes = !inQuotes;
    else if (ch === 10) {
      line++;
      if (!inQuotes) atLineStart = true;
    }
  }
  table.starts = { offsets, lines };
  return table.starts;
}

/** 1-based line and column of cell `col` of a record. */
export function cellPos(table: CsvTable, record: CsvRecord, col: number): Position {
  const { offsets, lines } = recordStarts(table);
  const start = offsets[record.index];
  if (start === undefined) return { file: table.file, line: 1, column: 1 };
  const text = table.text;
  let line = lines[record.index];
  let column = 1;
  let field = 0;
  let started = false;
  let inQuotes = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (!inQuotes && (ch === "\n" || (ch === "\r" && text[i + 1] === "\n"))) break;
    if (field === col && !started && ch !== " " && ch !== "\t") return { file: table.file, line, column };
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === table.delimiter && !inQuotes) {
      if (field === col) return { file: table.file, line, column };
      field++;
      started = false;
    } else if (ch !== " " && ch !== "\t") started = true;
    if (ch === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  return field === col ? { file: table.file, line, column } : { file: table.file, line: lines[record.index], column: 1 };
}

/** The numbers of one column (undefined if any cell is bad, after reporting each bad cell). */
export function columnValues(ctx: LoadContext, table: CsvTable, rows: readonly CsvRecord[], col: number, name: string, path: Path): number[] | undefined {
  const values: number[] = [];
  let reported = 0;
  let more = 0;
  let last: Diagnostic | undefined;
  const report = (row: CsvRecord, code: "csv-not-a-number" | "csv-negative", parts: MessageParts) => {
    if (reported >= LIMITS.cellErrorsPerColumn) {
      more++;
      return;
    }
    reported++;
    last = ctx.emit(code, cellPos(table, row, col), path, parts);
  };
  for (const row of rows) {
    const cell = row.cells[col] ?? "";
    if (!NUMERIC.test(cell)) {
      report(row, "csv-not-a-number", {
        message: TEXT.csvNotANumber(cell, name),
        found: cell === "" ? FOUND.emptyCell : shorten(cell),
        expected: EXPECT.csvSeconds,
        hint: /^\d+,\d+$/.test(cell) ? TEXT.csvDecimalComma : /^\d+:\d\d(:\d\d)?$/.test(cell) ? TEXT.csvClockTime : undefined,
      });
      continue;
    }
    const v = Number(cell);
    if (!Number.isFinite(v)) {
      report(row, "csv-not-a-number", { message: TEXT.csvNotANumber(cell, name), found: shorten(cell), expected: EXPECT.csvSeconds });
      continue;
    }
    if (v < 0) {
      report(row, "csv-negative", { message: TEXT.csvNegative(cell, name), found: shorten(cell), expected: TEXT.csvNegativeExpected });
      continue;
    }
    values.push(v);
  }
  if (more > 0 && last) last.hint = last.hint ? `${last.hint}; ${TEXT.csvMoreCells(more)}` : TEXT.csvMoreCells(more);
  return reported > 0 ? undefined : values;
}

export function inlineReplay(ctx: LoadContext, typeName: string, volume: Record<string, unknown>, volumePath: Path): void {
  const path = [...volumePath, "replay"];
  const { file, at, relativeTo } = csvLocation(ctx, path, volume.replay as string);
  const table = readCsv(ctx, file, at, path, relativeTo);
  if (!table) return;
  const timeCol = table.header?.indexOf("time") ?? -1;
  if (!table.header || timeCol < 0) {
    const headerAt = table.headerRecord ? cellPos(table, table.headerRecord, 0) : { file, line: 1, column: 1 };
    ctx.emit("csv-missing-column", headerAt, path, {
      message: TEXT.csvMissingColumn("time", file),
      found: TEXT.csvHeaderFound(table.header),
      expected: EXPECT.timeColumn,
      hint: table.header ? didYouMean(closestName("time", table.header)) : TEXT.csvHeaderless,
    });
    return;
  }
  const typeCol = table.header.indexOf("type");
  const rows = typeCol < 0 ? table.rows : table.rows.filter((r) => r.cells[typeCol] === typeName);
  const times = columnValues(ctx, table, rows, timeCol, "time", path);
  if (typeCol >= 0 && rows.length === 0) {
    const types = [...new Set(table.rows.map((r) => r.cells[typeCol] ?? ""))];
    ctx.emit("csv-no-rows-for-type", at, path, {
      message: TEXT.csvNoRowsForType(file, typeName),
      found: TEXT.csvNoRowsForTypeFound(types),
      expected: `rows with type "${typeName}"`,
      hint: didYouMean(closestName(typeName, types)),
    });
  }
  if (times) {
    // Sorted, with the row of each time kept so that a later error names the CSV line.
    const order = Array.from(times.keys()).sort((a, b) => times[a] - times[b]);
    const sorted = order.map((i) => times[i]);
    ctx.inlined.add(sorted);
    ctx.cellOf.set(sorted, (i) => (order[i] === undefined ? undefined : cellPos(table, rows[order[i]], timeCol)));
    setOwn(volume, "times", sorted);
  }
}

export function inlineEmpirical(ctx: LoadContext, dist: Record<string, unknown>, distPath: Path): void {
  const path = [...distPath, "csv"];
  const { file, at, relativeTo } = csvLocation(ctx, path, dist.csv as string);
  const table = readCsv(ctx, file, at, path, relativeTo);
  if (!table) return;
  const header = table.header ?? table.rows[0].cells.map((_, i) => String(i + 1));
  let col: number;
  if (typeof dist.column === "string") {
    col = header.indexOf(dist.column);
    if (col < 0) {
      const columnPath = [...distPath, "column"];
      const columnAt = locate(ctx, columnPath, "value");
      ctx.emit("csv-missing-column", columnAt, columnPath, {
        message: TEXT.csvMissingColumn(dist.column, file),
        found: TEXT.csvHeaderFound(table.header),
        expected: TEXT.csvColumnExpected(dist.column),
        hint: didYouMean(closestName(dist.column, header)),
      });
      return;
    }
  } else {
    const numeric = header
      .map((_, i) => i)
      .filter((i) => {
        const first = table.rows.find((r) => (r.cells[i] ?? "") !== "");
        return first !== undefined && NUMERIC.test(first.cells[i]);
      });
    if (numeric.length === 0) {
      ctx.emit("csv-no-numeric-column", cellPos(table, table.rows[0], 0), path, {
        message: TEXT.csvNoNumericColumn(file),
        found: TEXT.csvHeaderFound(table.header),
        expected: EXPECT.numericColumn,
        hint: TEXT.csvNoNumericColumnHint,
      });
      return;
    }
    // Identifier columns (id, callId, row, #) are numbers but never durations.
    const candidates = table.header ? numeric.filter((i) => !IDENTIFIER.test(header[i])) : numeric;
    const choice = candidates.length > 0 ? candidates : numeric;
    col = choice[0];
    if (choice.length > 1) {
      ctx.emit("csv-column-guessed", at, path, {
        message: TEXT.csvColumnGuessed(header[col], file),
        hint: TEXT.csvColumnGuessedHint(choice.map((i) => header[i])),
      });
    }
  }
  const values = columnValues(ctx, table, table.rows, col, header[col], path);
  if (!values) return;
  // The schema takes exactly one of values and csv: the file's numbers replace its name.
  ctx.inlined.add(values);
  ctx.cellOf.set(values, (i) => (table.rows[i] === undefined ? undefined : cellPos(table, table.rows[i], col)));
  setOwn(dist, "values", values);
  delete dist.csv;
  delete dist.column;
}
