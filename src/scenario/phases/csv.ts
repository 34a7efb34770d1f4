/**
 * Phase 3c, data files: CSV files named by the scenario inlined as numbers — `volume.replay` →
 * `volume.times`, an empirical distribution's `csv` → `values` — each bad cell reported at its
 * line and column in the CSV.
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { didYouMean, EXPECT, FOUND, LIMITS, shorten, TEXT, type MessageParts } from "../messages.js";
import type { Diagnostic } from "../diagnostics.js";
import { closestName } from "../suggest.js";
import type { LoadContext, Loc, Path, Position } from "./context.js";
import { cellAt, cellPosition, numberColumn, rowsWithCode, scanCsv, textColumn, type CsvTable } from "./csv-table.js";
import { hasOwn, isPlainObject, NUMERIC, setOwn } from "./data.js";
import { locate } from "./locate.js";
import { readBytes } from "./read.js";

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
  // Columns are cached only while several distributions or types read one file: drop them before
  // the schema copies the lists (the bytes stay, to locate cells in later messages).
  for (const table of ctx.csvCache.values()) table?.columns.clear();
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
  const bytes = readBytes(ctx, file, LIMITS.csvBytes, at, path, relativeTo);
  if (bytes === undefined) return undefined;
  const scanned = scanCsv(file, bytes);
  if (scanned.ok) return scanned.table;
  if (scanned.empty) ctx.emit("csv-empty", { file, line: 1, column: 1 }, path, { message: TEXT.csvEmpty(file) });
  else ctx.emit("csv-syntax", { file, line: scanned.line, column: scanned.column }, path, { message: TEXT.csvSyntax(scanned.message), hint: scanned.hint ?? TEXT.csvSyntaxHint });
  return undefined;
}

/** File, line and column of a data cell (`row` -1: the header). */
export function cellPos(table: CsvTable, row: number, col: number): Position {
  return { file: table.file, ...cellPosition(table, row, col) };
}

/**
 * The numbers of one column, as a plain list for the schema (undefined if any cell is bad, after
 * reporting each bad cell at its line and column). `rows` maps each value to its data row.
 */
export function columnValues(ctx: LoadContext, table: CsvTable, col: number, name: string, path: Path, rows?: Int32Array): number[] | undefined {
  const all = numberColumn(table, col);
  const values = rows ? gather(all, rows) : all;
  const rowOf = (i: number) => (rows ? rows[i] : i);
  let reported = 0;
  let more = 0;
  let last: Diagnostic | undefined;
  const report = (i: number, code: "csv-not-a-number" | "csv-negative", parts: (cell: string) => MessageParts) => {
    if (reported >= LIMITS.cellErrorsPerColumn) {
      more++;
      return;
    }
    reported++;
    last = ctx.emit(code, cellPos(table, rowOf(i), col), path, parts(cellAt(table, rowOf(i), col)));
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= 0 && v !== Infinity) continue;
    if (v < 0) {
      report(i, "csv-negative", (cell) => ({ message: TEXT.csvNegative(cell, name), found: shorten(cell), expected: TEXT.csvNegativeExpected }));
      continue;
    }
    report(i, "csv-not-a-number", (cell) => ({
      message: TEXT.csvNotANumber(cell, name),
      found: cell === "" ? FOUND.emptyCell : shorten(cell),
      expected: EXPECT.csvSeconds,
      hint: /^\d+,\d+$/.test(cell) ? TEXT.csvDecimalComma : /^\d+:\d\d(:\d\d)?$/.test(cell) ? TEXT.csvClockTime : undefined,
    }));
  }
  if (more > 0 && last) last.hint = last.hint ? `${last.hint}; ${TEXT.csvMoreCells(more)}` : TEXT.csvMoreCells(more);
  if (reported > 0) return undefined;
  return plainList(values);
}

/** values[rows[i]] for each i. */
function gather(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

/**
 * The schema takes plain lists: a copy of the column, the typed one being dropped after. Filled
 * in place (Array.from grows the list as it goes, which cost 2.6 times the list's size).
 */
function plainList(values: Float64Array | number[]): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

export function inlineReplay(ctx: LoadContext, typeName: string, volume: Record<string, unknown>, volumePath: Path): void {
  const path = [...volumePath, "replay"];
  const { file, at, relativeTo } = csvLocation(ctx, path, volume.replay as string);
  const table = readCsv(ctx, file, at, path, relativeTo);
  if (!table) return;
  const timeCol = table.header?.indexOf("time") ?? -1;
  if (!table.header || timeCol < 0) {
    const headerAt = table.header ? cellPos(table, -1, 0) : { file, line: 1, column: 1 };
    ctx.emit("csv-missing-column", headerAt, path, {
      message: TEXT.csvMissingColumn("time", file),
      found: TEXT.csvHeaderFound(table.header),
      expected: EXPECT.timeColumn,
      hint: table.header ? didYouMean(closestName("time", table.header)) : TEXT.csvHeaderless,
    });
    return;
  }
  const typeCol = table.header.indexOf("type");
  let rows: Int32Array | undefined;
  if (typeCol >= 0) {
    const types = textColumn(table, typeCol);
    const code = types.names.indexOf(typeName);
    rows = rowsWithCode(types.codes, code);
    if (code < 0) {
      ctx.emit("csv-no-rows-for-type", at, path, {
        message: TEXT.csvNoRowsForType(file, typeName),
        found: TEXT.csvNoRowsForTypeFound(types.names),
        expected: `rows with type "${typeName}"`,
        hint: didYouMean(closestName(typeName, types.names)),
      });
    }
  }
  const times = columnValues(ctx, table, timeCol, "time", path, rows);
  if (!times) return;
  const rowOf = (i: number) => (rows ? rows[i] : i);
  let sorted = true;
  for (let i = 1; i < times.length && sorted; i++) sorted = times[i - 1] <= times[i];
  // Sorted (exported arrival times usually are already), with the row of each time found when a
  // later message names its CSV line.
  const inOrder = sorted ? times : plainList(Float64Array.from(times).sort());
  let order: Uint32Array | undefined;
  const orderOf = (i: number) => {
    if (sorted) return i;
    if (!order) order = new Uint32Array(times.length).map((_, k) => k).sort((a, b) => times[a] - times[b] || a - b);
    return order[i];
  };
  ctx.inlined.add(inOrder);
  ctx.cellOf.set(inOrder, (i) => (i >= 0 && i < inOrder.length ? cellPos(table, rowOf(orderOf(i)), timeCol) : undefined));
  setOwn(volume, "times", inOrder);
}

export function inlineEmpirical(ctx: LoadContext, dist: Record<string, unknown>, distPath: Path): void {
  const path = [...distPath, "csv"];
  const { file, at, relativeTo } = csvLocation(ctx, path, dist.csv as string);
  const table = readCsv(ctx, file, at, path, relativeTo);
  if (!table) return;
  const header = table.header ?? Array.from({ length: table.width }, (_, i) => String(i + 1));
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
        const first = table.firstFilled[i];
        return first !== undefined && NUMERIC.test(first);
      });
    if (numeric.length === 0) {
      ctx.emit("csv-no-numeric-column", cellPos(table, 0, 0), path, {
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
  const values = columnValues(ctx, table, col, header[col], path);
  if (!values) return;
  // The schema takes exactly one of values and csv: the file's numbers replace its name.
  ctx.inlined.add(values);
  ctx.cellOf.set(values, (i) => (i >= 0 && i < values.length ? cellPos(table, i, col) : undefined));
  setOwn(dist, "values", values);
  delete dist.csv;
  delete dist.column;
}
