/**
 * Scenario loader: YAML text → validated `Scenario`, or every problem at once, each located at
 * file:line:column with the field path, what was found, what was expected and a suggestion.
 *
 * Pipeline: read bytes (size limit, strict UTF-8) → parse YAML keeping source positions →
 * resolve `extends` (deep merge, extending file wins, arrays replace, null removes) → apply
 * overrides (`--set path=value`) → inline CSV files (volume.replay → volume.times, empirical
 * csv → values) → zod schema → semantic checks (validate.ts) → map every issue back to the
 * YAML node, override or CSV cell that defines it.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { type Document, LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from "yaml";
import * as schemaModule from "./schema.js";
import { parseDuration, scenarioSchema, type Scenario } from "./schema.js";
import { checkScenario } from "./validate.js";
import { distributionBase } from "./merge-distribution.js";
import {
  alternatives,
  didYouMean,
  diagnosticBlock,
  discriminatedWords,
  EXPECT,
  FOUND,
  isKnownCode,
  LIMITS,
  listWords,
  mappingWords,
  MESSAGES,
  numberWords,
  oneOf,
  recordWords,
  shorten,
  TEXT,
  YAML_HINTS,
  type Bound,
  type LoaderCode,
  type MessageParts,
} from "./messages.js";
import { closestName } from "./suggest.js";

// ---- public API -----------------------------------------------------------------------------

export interface Diagnostic {
  severity: "error" | "warning";
  code: string;
  file: string;
  line: number;
  column: number;
  path: (string | number)[];
  message: string;
  found?: string;
  expected?: string;
  hint?: string;
}

export type LoadResult =
  | { ok: true; scenario: Scenario; warnings: Diagnostic[]; files: string[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/** A value set on top of the scenario, e.g. from `--set agentGroups.a.staffing.constant=12`; `label` is the --set text. */
export interface Override {
  path: (string | number)[];
  value: unknown;
  label: string;
}

/** Where files come from; the default reads the local file system. */
export interface SourceHost {
  readFile(path: string): Uint8Array;
  exists?(path: string): boolean;
  /** Size in bytes, checked before reading so that huge files are refused without loading them. */
  size?(path: string): number;
}

export interface LoadOptions {
  /** Applied in order after `extends`; a null value removes the key. File paths set by overrides are relative to the working directory. */
  overrides?: readonly Override[];
  host?: SourceHost;
}

export class ScenarioError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(formatDiagnostics(diagnostics));
    this.name = "ScenarioError";
    this.diagnostics = [...diagnostics];
  }
}

/** Reads, parses and validates a scenario file; never throws for bad input. */
export function loadScenarioFile(path: string, options: LoadOptions = {}): LoadResult {
  if (typeof path !== "string" || path === "") throw new RangeError(`loadScenarioFile: path must be a non-empty string, got ${JSON.stringify(path)}`);
  const loader = new Loader(path, checkOptions("loadScenarioFile", options));
  return loader.run(() => {
    const text = loader.read(path, LIMITS.scenarioBytes, undefined, []);
    return text === undefined ? undefined : loader.fromText(text);
  });
}

/** Parses and validates scenario text; `file` names it in diagnostics and anchors relative paths. Never throws for bad input. */
export function parseScenarioText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  if (typeof text !== "string") throw new RangeError(`parseScenarioText: text must be a string, got ${typeof text}`);
  if (typeof file !== "string" || file === "") throw new RangeError(`parseScenarioText: file must be a non-empty string, got ${JSON.stringify(file)}`);
  const loader = new Loader(file, checkOptions("parseScenarioText", options));
  return loader.run(() => {
    if (text.length > LIMITS.scenarioBytes / 4 && Buffer.byteLength(text) > LIMITS.scenarioBytes) {
      loader.emit("file-too-large", { file, line: 1, column: 1 }, [], {
        message: TEXT.fileTooLarge(file, Buffer.byteLength(text), LIMITS.scenarioBytes),
        hint: TEXT.fileTooLargeHint(false),
      });
      return undefined;
    }
    return loader.fromText(text);
  });
}

/** Like loadScenarioFile, but throws a ScenarioError listing every error. */
export function loadScenarioOrThrow(path: string, options: LoadOptions = {}): { scenario: Scenario; warnings: Diagnostic[]; files: string[] } {
  const r = loadScenarioFile(path, options);
  if (!r.ok) throw new ScenarioError(r.errors);
  return { scenario: r.scenario, warnings: r.warnings, files: r.files };
}

/** One block per diagnostic ("file:line:col: error at path: message" + found/expected/hint lines), sorted by file, line, column. */
export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  if (!Array.isArray(ds)) throw new RangeError(`formatDiagnostics: expected an array of diagnostics, got ${typeof ds}`);
  return sortDiagnostics(ds)
    .map((d) => diagnosticBlock({ ...d, pathText: formatPath(d.path) }))
    .join("\n");
}

/** "agentGroups.a.staffing.shifts[0].count" → ["agentGroups","a","staffing","shifts",0,"count"]; keys with other characters as ["a.b"]. */
export function parsePath(text: string): (string | number)[] {
  if (typeof text !== "string") throw new RangeError(`parsePath: expected a string, got ${typeof text}`);
  const fail = (at: number, what: string): never => {
    throw new RangeError(`parsePath: malformed path ${JSON.stringify(text)}: ${what} at character ${at + 1}`);
  };
  if (text.trim() === "") fail(0, "expected a key");
  const out: (string | number)[] = [];
  let i = 0;
  const readKey = () => {
    const start = i;
    while (i < text.length && !".[]\"'= \t\n".includes(text[i])) i++;
    if (i === start) fail(start, "expected a key");
    const key = text.slice(start, i);
    out.push(/^\d+$/.test(key) ? Number(key) : key);
  };
  const readBracket = () => {
    i++; // "["
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) fail(i, "unclosed quote");
      let key: unknown;
      try {
        key = JSON.parse(text.slice(i, j + 1));
      } catch {
        fail(i, "bad quoted key");
      }
      out.push(key as string);
      i = j + 1;
    } else {
      const start = i;
      while (i < text.length && /\d/.test(text[i])) i++;
      if (i === start) fail(start, 'expected an index or a "quoted key" after "["');
      out.push(Number(text.slice(start, i)));
    }
    if (text[i] !== "]") fail(i, 'expected "]"');
    i++;
  };
  if (text[0] === "[") readBracket();
  else readKey();
  while (i < text.length) {
    if (text[i] === ".") {
      i++;
      readKey();
    } else if (text[i] === "[") readBracket();
    else fail(i, `unexpected ${JSON.stringify(text[i])}`);
  }
  return out;
}

/** The inverse of parsePath: "contactTypes.billing.handleTime", "shifts[0]", ["a.b"]. */
export function formatPath(path: readonly (string | number)[]): string {
  let s = "";
  for (const seg of path) {
    if (typeof seg === "number") s += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

// ---- internals ------------------------------------------------------------------------------

type Path = (string | number)[];
interface Position {
  file: string;
  line: number;
  column: number;
}
interface FileLayer {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}
/** A position plus where it came from, to show the source text of a value. */
interface Loc extends Position {
  layer?: FileLayer;
  override?: Override;
  node?: unknown;
  /** False when the path does not exist and the position is that of its closest parent. */
  complete: boolean;
}
interface Walk {
  depth: number;
  node: unknown;
  key: unknown;
  complete: boolean;
  stoppedAtValue: boolean;
}
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  [key: string]: unknown;
}
interface CsvRecord {
  cells: string[];
  /** Index of the record in the file (0 = first non-empty line). */
  index: number;
}
interface CsvTable {
  file: string;
  text: string;
  delimiter: string;
  header?: string[];
  headerRecord?: CsvRecord;
  rows: CsvRecord[];
  /** Start offset and line of each record, computed only when a cell position is needed. */
  starts?: { offsets: number[]; lines: number[] };
}

const defaultHost: SourceHost = {
  readFile: (path) => readFileSync(path),
  exists: (path) => existsSync(path),
  size: (path) => statSync(path).size,
};

function checkOptions(fn: string, options: LoadOptions): { overrides: readonly Override[]; host: SourceHost } {
  if (typeof options !== "object" || options === null) throw new RangeError(`${fn}: options must be an object, got ${options === null ? "null" : typeof options}`);
  const overrides = options.overrides ?? [];
  if (!Array.isArray(overrides)) throw new RangeError(`${fn}: options.overrides must be an array, got ${typeof overrides}`);
  overrides.forEach((o, i) => {
    if (typeof o !== "object" || o === null) throw new RangeError(`${fn}: options.overrides[${i}] must be an object, got ${o === null ? "null" : typeof o}`);
    if (typeof o.label !== "string" || o.label === "") throw new RangeError(`${fn}: options.overrides[${i}].label must be a non-empty string, got ${JSON.stringify(o.label)}`);
    if (!Array.isArray(o.path) || o.path.length === 0) throw new RangeError(`${fn}: options.overrides[${i}].path must be a non-empty array (from ${o.label})`);
    for (const seg of o.path) {
      if (!(typeof seg === "string" || (typeof seg === "number" && Number.isInteger(seg) && seg >= 0))) {
        throw new RangeError(`${fn}: options.overrides[${i}].path has segment ${JSON.stringify(seg)}; segments are keys or non-negative indexes (from ${o.label})`);
      }
    }
  });
  const host = options.host ?? defaultHost;
  if (typeof host.readFile !== "function") throw new RangeError(`${fn}: options.host.readFile must be a function`);
  return { overrides, host };
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Sets an own property, also for the key "__proto__" (no prototype pollution). */
function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

function childOf(v: unknown, seg: string | number): { present: boolean; value: unknown } {
  if (Array.isArray(v)) return typeof seg === "number" && seg < v.length ? { present: true, value: v[seg] } : { present: false, value: undefined };
  if (isPlainObject(v) && hasOwn(v, String(seg))) return { present: true, value: v[String(seg)] };
  return { present: false, value: undefined };
}

/** A tree copy of plain data (aliases in YAML share objects; edits must not leak between them). */
function cloneData(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cloneData);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setOwn(out, k, cloneData(v[k]));
    return out;
  }
  return v;
}

function isCyclic(root: unknown): boolean {
  const onPath = new Set<object>();
  const done = new Set<object>();
  const visitValue = (v: unknown): boolean => {
    if (typeof v !== "object" || v === null) return false;
    if (onPath.has(v)) return true;
    if (done.has(v)) return false;
    onPath.add(v);
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (visitValue(c)) return true;
    onPath.delete(v);
    done.add(v);
    return false;
  };
  return visitValue(root);
}

function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

function jsonish(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (v === undefined) return FOUND.nothing;
  try {
    return shorten(JSON.stringify(v) ?? String(v));
  } catch {
    return shorten(String(v));
  }
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

// ---- zod schema introspection (for allowed keys and plain-word expectations) ----------------

interface Def {
  type: string;
  [key: string]: unknown;
}
interface Words {
  one: string;
  many: string;
  parts?: readonly string[];
}
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;
const isZod = (s: unknown): boolean => typeof s === "object" && s !== null && "_zod" in s;
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"]);

/** Building blocks of schema.ts with hand-written descriptions (matched by definition, which clones made by .meta() share). */
const KNOWN_WORDS: ReadonlyMap<Def, Words> = (() => {
  const known = new Map<Def, Words>();
  const exported = schemaModule as Record<string, unknown>;
  if (isZod(exported.duration)) known.set(defOf(exported.duration), { one: EXPECT.duration, many: EXPECT.durations });
  if (isZod(exported.distribution)) {
    known.set(defOf(exported.distribution), { one: alternatives(EXPECT.distributionParts), many: EXPECT.distributions, parts: EXPECT.distributionParts });
  }
  return known;
})();

/** Hand-written words for a building block, also through clones with extra checks (`duration.refine(…)` keeps the same input side). */
function knownWords(d: Def): Words | undefined {
  const direct = KNOWN_WORDS.get(d);
  if (direct) return direct;
  if (d.type !== "pipe") return undefined;
  for (const [knownDef, words] of KNOWN_WORDS) if (knownDef.type === "pipe" && knownDef.in === d.in) return words;
  return undefined;
}

/** The schema as seen from the input: without wrappers and with pipes replaced by their input side. */
function inputSide(s: unknown): unknown {
  for (let guard = 0; guard < 100; guard++) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type)) s = d.innerType;
    else if (d.type === "lazy") s = (d.getter as () => unknown)();
    else if (d.type === "pipe") s = defOf(d.in).type === "transform" ? d.out : d.in;
    else return s;
  }
  return s;
}

function literalValuesOf(s: unknown): unknown[] {
  const d = defOf(inputSide(s));
  if (d.type === "literal") return d.values as unknown[];
  if (d.type === "enum") return Object.values(d.entries as Record<string, unknown>);
  return [];
}

function kindOf(s: unknown): string {
  const d = defOf(inputSide(s));
  switch (d.type) {
    case "object":
    case "record":
      return "object";
    case "array":
    case "tuple":
      return "array";
    case "enum":
      return "string";
    case "literal":
      return typeof (d.values as unknown[])[0];
    default:
      return d.type;
  }
}

function kindOfValue(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  return typeof v;
}

/** The branch of a union that applies to `value` (by discriminator, else by kind). */
function branchFor(union: unknown, value: unknown): unknown {
  const d = defOf(inputSide(union));
  const options = (d.options as unknown[]) ?? [];
  if (typeof d.discriminator === "string") {
    if (!isPlainObject(value)) return undefined;
    const tag = value[d.discriminator];
    return options.find((o) => {
      const od = defOf(inputSide(o));
      return od.type === "object" && literalValuesOf((od.shape as Record<string, unknown>)[d.discriminator as string]).includes(tag);
    });
  }
  const kind = kindOfValue(value);
  for (const o of options) {
    const k = kindOf(o);
    if (k === "union") {
      const inner = branchFor(o, value);
      if (inner) return inner;
    } else if (k === kind) return o;
  }
  return undefined;
}

/** Resolves unions against the value until a non-union schema is reached. */
function concrete(s: unknown, value: unknown): unknown {
  for (let guard = 0; guard < 20 && s !== undefined; guard++) {
    const n = inputSide(s);
    if (defOf(n).type !== "union") return n;
    s = branchFor(n, value);
  }
  return s;
}

function stepSchema(s: unknown, seg: string | number, value: unknown): unknown {
  const n = concrete(s, value);
  if (n === undefined) return undefined;
  const d = defOf(n);
  switch (d.type) {
    case "object": {
      const shape = d.shape as Record<string, unknown>;
      return hasOwn(shape, String(seg)) ? shape[String(seg)] : undefined;
    }
    case "record":
      return d.valueType;
    case "array":
      return typeof seg === "number" ? d.element : undefined;
    case "tuple":
      return typeof seg === "number" ? ((d.items as unknown[])[seg] ?? d.rest ?? undefined) : undefined;
    default:
      return undefined;
  }
}

function numberBounds(s: unknown): { int: boolean; lower?: Bound; upper?: Bound } | undefined {
  const d = defOf(s);
  if (WRAPPERS.has(d.type)) return numberBounds(d.innerType);
  if (d.type === "pipe") {
    const a = numberBounds(d.in);
    const b = defOf(d.out).type === "transform" ? a && { int: false } : numberBounds(d.out);
    if (!a || !b) return undefined;
    const tighterLower = (x?: Bound, y?: Bound) => (!x ? y : !y ? x : y.value > x.value || (y.value === x.value && !y.inclusive) ? y : x);
    const tighterUpper = (x?: Bound, y?: Bound) => (!x ? y : !y ? x : y.value < x.value || (y.value === x.value && !y.inclusive) ? y : x);
    return { int: a.int || b.int, lower: tighterLower(a.lower, b.lower), upper: tighterUpper(a.upper, b.upper) };
  }
  if (d.type === "union") {
    // A number or something else (a probability or a list of them): the number's bounds.
    const numbers = ((d.options as unknown[]) ?? []).map(numberBounds).filter((b) => b !== undefined);
    return numbers.length === 1 ? numbers[0] : undefined;
  }
  if (d.type !== "number") return undefined;
  const out: { int: boolean; lower?: Bound; upper?: Bound } = { int: false };
  for (const c of (d.checks as unknown[]) ?? []) {
    const cd = defOf(c) as Def & { check?: string; value?: number; inclusive?: boolean; format?: string };
    if (cd.check === "number_format" && /int/.test(cd.format ?? "")) out.int = true;
    else if (cd.check === "greater_than" && typeof cd.value === "number") out.lower = { value: cd.value, inclusive: !!cd.inclusive };
    else if (cd.check === "less_than" && typeof cd.value === "number") out.upper = { value: cd.value, inclusive: !!cd.inclusive };
  }
  // Safe-integer formats carry their own huge bounds; they say nothing to an analyst.
  if (out.lower && out.lower.value <= Number.MIN_SAFE_INTEGER) out.lower = undefined;
  if (out.upper && out.upper.value >= Number.MAX_SAFE_INTEGER) out.upper = undefined;
  return out;
}

function regexMessage(s: unknown): string | undefined {
  for (const c of (defOf(s).checks as unknown[]) ?? []) {
    const cd = defOf(c) as Def & { check?: string; format?: string; error?: (issue: unknown) => unknown };
    if (cd.check === "string_format" && cd.format === "regex" && typeof cd.error === "function") {
      try {
        const m = cd.error({});
        const text = typeof m === "string" ? m : (m as { message?: unknown })?.message;
        if (typeof text === "string") return stripExpected(text);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function lengthChecks(s: unknown): { min?: number; max?: number; exact?: number } {
  const out: { min?: number; max?: number; exact?: number } = {};
  for (const c of (defOf(s).checks as unknown[]) ?? []) {
    const cd = defOf(c) as Def & { check?: string; minimum?: number; maximum?: number; length?: number };
    if (cd.check === "min_length") out.min = cd.minimum;
    else if (cd.check === "max_length") out.max = cd.maximum;
    else if (cd.check === "length_equals") out.exact = cd.length;
  }
  return out;
}

function stripExpected(message: string): string {
  return message.replace(/^expected\s+/i, "");
}

function formatLiteral(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** Plain words for what a schema accepts. */
function describe(s: unknown, depth = 0): Words {
  if (depth > 12) return { one: EXPECT.anything, many: EXPECT.anything };
  const d = defOf(s);
  const known = knownWords(d);
  if (known) return known;
  switch (d.type) {
    case "pipe": {
      const bounds = numberBounds(s);
      if (bounds) return numberWords(bounds);
      return describe(defOf(d.in).type === "transform" ? d.out : d.in, depth + 1);
    }
    case "number":
      return numberWords(numberBounds(s) ?? { int: false });
    case "string": {
      const regex = regexMessage(s);
      if (regex) return { one: regex, many: regex };
      return (lengthChecks(s).min ?? 0) > 0 ? { one: EXPECT.nonEmptyText, many: EXPECT.texts } : { one: EXPECT.text, many: EXPECT.texts };
    }
    case "boolean":
      return { one: EXPECT.boolean, many: EXPECT.booleans };
    case "literal": {
      const values = (d.values as unknown[]).map(formatLiteral);
      return { one: alternatives(values), many: values.join("|") };
    }
    case "enum": {
      const values = Object.values(d.entries as Record<string, unknown>).map(String);
      return { one: oneOf(values), many: values.join("|") };
    }
    case "union": {
      const options = d.options as unknown[];
      if (typeof d.discriminator === "string") {
        const tags = options.flatMap((o) => literalValuesOf((defOf(inputSide(o)).shape as Record<string, unknown>)[d.discriminator as string]).map(String));
        const w = discriminatedWords(d.discriminator, tags);
        return { one: w, many: w };
      }
      const values = options.flatMap((o) => literalValuesOf(o));
      if (values.length > 0 && options.every((o) => literalValuesOf(o).length > 0)) {
        return { one: oneOf(values.map(String)), many: values.map(String).join("|") };
      }
      const parts = options.flatMap((o) => describeParts(o, depth + 1));
      const one = alternatives(parts);
      return { one, many: one, parts };
    }
    case "object":
      return { one: mappingWords(Object.keys(d.shape as object)), many: EXPECT.mappings };
    case "record":
      return { one: recordWords(describe(d.valueType, depth + 1).many), many: EXPECT.mappings };
    case "array":
      return { one: listWords(describe(d.element, depth + 1).many, lengthChecks(s)), many: "lists" };
    default:
      if (WRAPPERS.has(d.type)) return describe(d.innerType, depth + 1);
      if (d.type === "lazy") return describe((d.getter as () => unknown)(), depth + 1);
      return { one: EXPECT.anything, many: EXPECT.anything };
  }
}

function describeParts(s: unknown, depth: number): readonly string[] {
  const n = (() => {
    let x = s;
    while (WRAPPERS.has(defOf(x).type)) x = defOf(x).innerType;
    return x;
  })();
  const w = describe(n, depth);
  if (w.parts) return w.parts;
  const d = defOf(n);
  if (d.type === "literal") return (d.values as unknown[]).map(formatLiteral);
  if (d.type === "enum") return Object.values(d.entries as Record<string, unknown>).map(formatLiteral);
  return [w.one];
}

// ---- the loader -----------------------------------------------------------------------------

class Loader {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly files: string[] = [];
  /** Scenario files, most derived first. */
  private readonly layers: FileLayer[] = [];
  private readonly applied: Override[] = [];
  private readonly csvCache = new Map<string, CsvTable | undefined>();
  private readonly suggestedKeys = new Set<string>();
  private readonly pendingMissing: { pathKey: string; diagnostic: Diagnostic }[] = [];
  private data: unknown;
  private readonly overrides: readonly Override[];
  private readonly host: SourceHost;

  constructor(
    private readonly mainFile: string,
    options: { overrides: readonly Override[]; host: SourceHost },
  ) {
    this.overrides = options.overrides;
    this.host = options.host;
  }

  emit(code: LoaderCode | string, at: Position, path: readonly (string | number)[], parts: MessageParts, severity?: "error" | "warning"): Diagnostic {
    const d: Diagnostic = {
      severity: severity ?? (isKnownCode(code) ? MESSAGES[code].severity : "error"),
      code,
      file: at.file,
      line: Math.max(1, at.line),
      column: Math.max(1, at.column),
      path: [...path],
      message: parts.message,
    };
    if (parts.found !== undefined) d.found = parts.found;
    if (parts.expected !== undefined) d.expected = parts.expected;
    if (parts.hint !== undefined) d.hint = parts.hint;
    this.diagnostics.push(d);
    return d;
  }

  run(body: () => Scenario | undefined): LoadResult {
    let scenario: Scenario | undefined;
    try {
      scenario = body();
    } catch (e) {
      this.emit("internal-error", { file: this.mainFile, line: 1, column: 1 }, [], {
        message: TEXT.internalError("loading the scenario"),
        found: shorten(e instanceof Error ? `${e.name}: ${e.message}` : String(e)),
      });
      scenario = undefined;
    }
    const missing = new Set(this.pendingMissing.filter((m) => !this.suggestedKeys.has(m.pathKey)).map((m) => m.diagnostic));
    const seen = new Set<string>();
    const all = sortDiagnostics(
      this.diagnostics.filter((d) => {
        if (d.code === "missing-key" && this.pendingMissing.some((m) => m.diagnostic === d) && !missing.has(d)) return false;
        // A CSV named twice reports its bad cells once; scenario values shared by aliases report each path.
        const pathPart = this.csvCache.has(resolve(d.file)) ? "" : JSON.stringify(d.path);
        const key = [d.severity, d.code, d.file, d.line, d.column, d.message, pathPart].join("\u0000");
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      }),
    );
    const errors = all.filter((d) => d.severity === "error");
    const warnings = all.filter((d) => d.severity === "warning");
    if (errors.length > 0 || scenario === undefined) {
      if (errors.length === 0) {
        errors.push({ severity: "error", code: "internal-error", file: this.mainFile, line: 1, column: 1, path: [], message: TEXT.internalError("loading the scenario") });
      }
      return { ok: false, errors, warnings };
    }
    return { ok: true, scenario, warnings, files: [...new Set(this.files)] };
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The text of a file, or undefined after reporting why not; `at` is where the file is named. */
  read(file: string, limit: number, at: Loc | undefined, path: Path, relativeTo?: string): string | undefined {
    const where: Position = at ?? { file, line: 1, column: 1 };
    const notFound = () =>
      this.emit("file-not-found", where, path, {
        message: TEXT.fileNotFound(file),
        found: at ? this.foundText(at, file) : undefined,
        hint: TEXT.fileNotFoundHint(resolve(file), relativeTo),
      });
    let bytes: Uint8Array;
    try {
      if (this.host.exists && !this.host.exists(file)) {
        notFound();
        return undefined;
      }
      const size = this.host.size?.(file);
      if (size !== undefined && size > limit) {
        this.tooLarge(file, size, limit, path);
        return undefined;
      }
      bytes = this.host.readFile(file);
    } catch (e) {
      const code = (e as { code?: unknown })?.code;
      if (code === "ENOENT") notFound();
      else {
        this.emit("file-unreadable", where, path, {
          message: TEXT.fileUnreadable(file, code === "EISDIR" ? TEXT.directory : e instanceof Error ? e.message : String(e)),
        });
      }
      return undefined;
    }
    this.files.push(file);
    if (bytes.length > limit) {
      this.tooLarge(file, bytes.length, limit, path);
      return undefined;
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      const offset = Math.max(0, firstInvalidUtf8(bytes));
      let line = 1;
      let lineStart = 0;
      for (let i = 0; i < offset; i++) {
        if (bytes[i] === 0x0a) {
          line++;
          lineStart = i + 1;
        }
      }
      const before = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset)).replace(/^\uFEFF/, "");
      const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
      this.emit("not-utf8", { file, line, column: before.length + 1 }, path, {
        message: TEXT.notUtf8(file),
        found: TEXT.notUtf8Found(bytes[offset] ?? 0),
        expected: "UTF-8 text",
        hint: TEXT.notUtf8Hint(utf16),
      });
      return undefined;
    }
  }

  private tooLarge(file: string, size: number, limit: number, path: Path): void {
    this.emit("file-too-large", { file, line: 1, column: 1 }, path, {
      message: TEXT.fileTooLarge(file, size, limit),
      hint: TEXT.fileTooLargeHint(limit === LIMITS.csvBytes),
    });
  }

  // ---- YAML ---------------------------------------------------------------------------------

  private pos(layer: FileLayer, offset: number): Position {
    const p = layer.lines.linePos(offset);
    return { file: layer.file, line: Math.max(1, p.line), column: Math.max(1, p.col) };
  }

  private parseYaml(file: string, text: string): { layer: FileLayer; data: Record<string, unknown> } | undefined {
    const lines = new LineCounter();
    // Refuse absurd nesting before the recursive parser sees it.
    const deep = tooDeepAt(text, LIMITS.nesting);
    if (deep !== undefined) {
      lines.addNewLine(0);
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
      const p = lines.linePos(deep);
      this.emit("too-deeply-nested", { file, line: Math.max(1, p.line), column: Math.max(1, p.col) }, [], { message: TEXT.tooDeep(LIMITS.nesting) });
      return undefined;
    }
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true, resolveKnownTags: false, logLevel: "silent" });
    const layer: FileLayer = { file, text, doc, lines };
    let duplicatesReported = false;
    for (const e of doc.errors) {
      const at = this.pos(layer, e.pos[0]);
      if (e.code === "DUPLICATE_KEY") {
        // Name each repeated key at its second appearance (the error's own position can be off).
        if (duplicatesReported) continue;
        duplicatesReported = true;
        const found = duplicateKeys(doc);
        if (found.length === 0) found.push({ key: "?", offset: e.pos[0] });
        for (const d of found) {
          this.emit("duplicate-key", this.pos(layer, d.offset), this.pathAtOffset(layer, d.offset), { message: TEXT.duplicateKey(shorten(d.key)), hint: TEXT.duplicateKeyHint });
        }
      } else {
        this.emit("yaml-syntax", at, this.pathAtOffset(layer, e.pos[0]), { message: TEXT.yamlSyntax(e.message), hint: YAML_HINTS[e.code] });
      }
    }
    for (const w of doc.warnings) {
      this.emit("yaml-warning", this.pos(layer, w.pos[0]), this.pathAtOffset(layer, w.pos[0]), { message: TEXT.yamlWarning(w.message) });
    }
    if (doc.errors.length > 0) return undefined;

    let bad = false;
    visit(doc, {
      Pair: (_, pair) => {
        if (isMap(pair.key) || isSeq(pair.key)) {
          const offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? 0;
          this.emit("complex-key", this.pos(layer, offset), this.pathAtOffset(layer, offset), { message: TEXT.complexKey });
          bad = true;
        }
      },
    });
    if (bad) return undefined;

    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const firstAlias = this.firstAlias(doc);
      const at = firstAlias === undefined ? { file, line: 1, column: 1 } : this.pos(layer, firstAlias);
      if (e instanceof ReferenceError && /alias/i.test(message)) this.emit("yaml-alias-limit", at, [], { message: TEXT.aliasLimit, hint: TEXT.aliasLimitHint });
      else this.emit("yaml-syntax", at, [], { message: TEXT.yamlSyntax(message) });
      return undefined;
    }
    if (isCyclic(data)) {
      const offset = this.recursiveAlias(doc) ?? 0;
      this.emit("recursive-alias", this.pos(layer, offset), this.pathAtOffset(layer, offset), { message: TEXT.recursiveAlias });
      return undefined;
    }
    if (data === null || data === undefined) {
      this.emit("empty-file", { file, line: 1, column: 1 }, [], { message: TEXT.emptyFile(file) });
      return undefined;
    }
    if (!isPlainObject(data)) {
      const offset = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
      this.emit("root-not-mapping", this.pos(layer, offset), [], {
        message: TEXT.rootNotMapping,
        found: Array.isArray(data) ? FOUND.blockList(data.length) : jsonish(data),
        expected: EXPECT.mapping,
      });
      return undefined;
    }
    return { layer, data: cloneData(data) as Record<string, unknown> };
  }

  private firstAlias(doc: Document.Parsed): number | undefined {
    let offset: number | undefined;
    visit(doc, {
      Alias: (_, node) => {
        offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    return offset;
  }

  private recursiveAlias(doc: Document.Parsed): number | undefined {
    let offset: number | undefined;
    visit(doc, {
      Alias: (_, node, ancestors) => {
        const source = node.resolve(doc);
        if (source && (ancestors as readonly unknown[]).includes(source)) {
          offset = node.range?.[0];
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return offset;
  }

  /** The key path of the innermost pair whose key or value contains `offset` (for syntax errors). */
  private pathAtOffset(layer: FileLayer, offset: number): Path {
    const path: Path = [];
    let node: unknown = layer.doc.contents;
    for (let guard = 0; guard < 200; guard++) {
      if (isMap(node)) {
        const pair = node.items.find((p) => {
          const start = (p.key as { range?: number[] } | null)?.range?.[0] ?? Infinity;
          const end = (p.value as { range?: number[] } | null)?.range?.[2] ?? (p.key as { range?: number[] } | null)?.range?.[2] ?? -1;
          return start <= offset && offset < end;
        });
        if (!pair || !isScalar(pair.key) || typeof pair.key.value === "symbol") return path;
        path.push(String(pair.key.value));
        const keyEnd = (pair.key as { range?: number[] }).range?.[1] ?? 0;
        if (offset < keyEnd) return path;
        node = pair.value;
      } else if (isSeq(node)) {
        const i = node.items.findIndex((it) => {
          const r = (it as { range?: number[] } | null)?.range;
          return !!r && r[0] <= offset && offset < r[2];
        });
        if (i < 0) return path;
        path.push(i);
        node = node.items[i];
      } else return path;
    }
    return path;
  }

  // ---- extends ------------------------------------------------------------------------------

  fromText(text: string): Scenario | undefined {
    const merged = this.loadChain(this.mainFile, text, [resolve(this.mainFile)], [this.mainFile]);
    if (merged === undefined) return undefined;
    this.data = merged;
    this.applyOverrides();
    this.inlineCsvFiles();

    const parsed = scenarioSchema.safeParse(this.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) this.convertIssue(issue as unknown as Issue, []);
      return undefined;
    }
    let issues: ReturnType<typeof checkScenario>;
    try {
      issues = checkScenario(parsed.data);
    } catch (e) {
      this.emit("internal-error", { file: this.mainFile, line: 1, column: 1 }, [], {
        message: TEXT.internalError("checking the scenario"),
        found: shorten(e instanceof Error ? `${e.name}: ${e.message}` : String(e)),
      });
      return undefined;
    }
    for (const issue of issues) {
      const path = [...issue.path];
      const loc = this.locate(path, "value");
      this.emit(issue.code, loc, path, { message: issue.message, found: issue.found, expected: issue.expected, hint: issue.hint }, issue.severity);
    }
    return parsed.data;
  }

  private loadChain(file: string, text: string, chain: readonly string[], shown: readonly string[]): Record<string, unknown> | undefined {
    const parsed = this.parseYaml(file, text);
    if (!parsed) return undefined;
    const { layer, data } = parsed;
    this.layers.push(layer);
    const ext = hasOwn(data, "extends") ? data.extends : undefined;
    if (typeof ext !== "string" || ext === "") return data; // other types are reported by the schema
    const target = isAbsolute(ext) ? ext : join(dirname(file), ext);
    const absolute = resolve(target);
    const at = this.locateIn(layer, ["extends"], "value");
    const cycleStart = chain.indexOf(absolute);
    if (cycleStart >= 0) {
      this.emit("extends-cycle", at, ["extends"], {
        message: TEXT.extendsCycle([...shown.slice(cycleStart), target]),
        found: this.foundText(at, ext),
        hint: TEXT.extendsCycleHint,
      });
      return undefined;
    }
    const baseText = this.read(target, LIMITS.scenarioBytes, at, ["extends"], file);
    if (baseText === undefined) return undefined;
    const base = this.loadChain(target, baseText, [...chain, absolute], [...shown, target]);
    if (base === undefined) return undefined;
    return this.mergeOver(base, data, layer, []);
  }

  /** `over` on top of `base`: mappings merge, the rest (lists included) replaces, null removes. */
  private mergeOver(base: Record<string, unknown>, over: Record<string, unknown>, layer: FileLayer, prefix: Path): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(base)) setOwn(out, k, base[k]);
    for (const k of Object.keys(over)) {
      const v = over[k];
      if (v === null) {
        if (hasOwn(out, k)) delete out[k];
        else {
          const at = this.locateIn(layer, [...prefix, k], "key");
          this.emit("null-removes-nothing", at, [...prefix, k], {
            message: TEXT.nullRemovesNothing(k),
            hint: TEXT.nullRemovesNothingHint(closestName(k, Object.keys(base))),
          });
        }
        continue;
      }
      const b = hasOwn(out, k) ? out[k] : undefined;
      setOwn(out, k, isPlainObject(v) ? this.mergeOver(isPlainObject(b) ? distributionBase(b, v) : {}, v, layer, [...prefix, k]) : v);
    }
    return out;
  }

  // ---- overrides ----------------------------------------------------------------------------

  private overrideLoc(o: Override): Loc {
    const eq = o.label.indexOf("=");
    return { file: o.label, line: 1, column: eq >= 0 ? eq + 2 : 1, override: o, complete: true };
  }

  private applyOverrides(): void {
    for (const o of this.overrides) {
      if (o.path[0] === "extends") {
        this.emit("override-extends", this.overrideLoc(o), [...o.path], { message: TEXT.overrideExtends(o.label) });
        continue;
      }
      /** Reports that step `i` of the path cannot be taken in `container`. */
      const fail = (i: number, container: unknown) => {
        const prefix = formatPath(o.path.slice(0, i));
        const seg = o.path[i];
        const parts = Array.isArray(container)
          ? typeof seg === "number"
            ? { message: TEXT.overrideIndex(o.label, prefix, container.length), expected: TEXT.overrideIndexExpected(container.length) }
            : { message: TEXT.overrideList(o.label, prefix), expected: TEXT.overrideListExpected(prefix) }
          : { message: TEXT.overridePath(o.label, prefix), found: `${prefix} = ${jsonish(container)}`, expected: TEXT.overridePathExpected(prefix) };
        this.emit("override-path", this.overrideLoc(o), [...o.path], parts);
      };
      let cur = this.data as Record<string, unknown> | unknown[];
      let ok = true;
      for (let i = 0; i < o.path.length - 1 && ok; i++) {
        const seg = o.path[i];
        if (Array.isArray(cur)) {
          const next = typeof seg === "number" && seg < cur.length ? cur[seg] : undefined;
          if (typeof seg !== "number" || next === undefined) {
            fail(i, cur);
            ok = false;
          } else if (!(isPlainObject(next) || Array.isArray(next))) {
            fail(i + 1, next);
            ok = false;
          } else cur = next as Record<string, unknown> | unknown[];
        } else {
          const key = String(seg);
          let next = hasOwn(cur, key) ? cur[key] : undefined;
          if (next === undefined || next === null) {
            next = {};
            setOwn(cur, key, next);
          }
          if (isPlainObject(next) || Array.isArray(next)) cur = next;
          else {
            fail(i + 1, next);
            ok = false;
          }
        }
      }
      if (!ok) continue;
      const last = o.path[o.path.length - 1];
      const value = cloneData(o.value);
      if (Array.isArray(cur)) {
        if (typeof last !== "number" || last > cur.length) {
          fail(o.path.length - 1, cur);
          continue;
        }
        cur[last] = value;
      } else if (value === null) delete cur[String(last)];
      else setOwn(cur, String(last), value);
      this.applied.push(o);
    }
  }

  // ---- positions ----------------------------------------------------------------------------

  private deref(doc: Document.Parsed, node: unknown): unknown {
    for (let guard = 0; guard < 100 && isAlias(node); guard++) node = node.resolve(doc);
    return node;
  }

  private findPair(doc: Document.Parsed, map: unknown, name: string, depth: number): { key: unknown; value: unknown } | undefined {
    if (!isMap(map)) return undefined;
    for (const pair of map.items) {
      const k = pair.key;
      if (isScalar(k) && typeof k.value !== "symbol" && String(k.value) === name) return pair;
    }
    if (depth > 10) return undefined;
    for (const pair of map.items) {
      if (!(isScalar(pair.key) && typeof pair.key.value === "symbol")) continue; // `<<` merge keys
      const source = this.deref(doc, pair.value);
      const sources = isSeq(source) ? source.items.map((it) => this.deref(doc, it)) : [source];
      for (const s of sources) {
        const found = this.findPair(doc, s, name, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  private walk(layer: FileLayer, path: readonly (string | number)[]): Walk {
    let node: unknown = layer.doc.contents;
    let key: unknown = null;
    for (let i = 0; i < path.length; i++) {
      const n = this.deref(layer.doc, node);
      const seg = path[i];
      if (isMap(n)) {
        const pair = this.findPair(layer.doc, n, String(seg), 0);
        if (!pair) return { depth: i, node, key, complete: false, stoppedAtValue: false };
        key = pair.key;
        node = pair.value ?? null;
      } else if (isSeq(n) && typeof seg === "number" && seg < n.items.length) {
        key = null;
        node = n.items[seg];
      } else return { depth: i, node, key, complete: false, stoppedAtValue: true };
    }
    return { depth: path.length, node, key, complete: true, stoppedAtValue: false };
  }

  private nodeLoc(layer: FileLayer, w: Walk, mode: "key" | "value"): Loc {
    const offsetOf = (n: unknown) => (n as { range?: [number, number, number] } | null)?.range?.[0];
    const node = w.node as { range?: [number, number, number] } | null;
    const emptyValue = node === null || (isScalar(node) && node.value === null && node.range !== undefined && node.range[0] === node.range[1]);
    let offset: number | undefined;
    if (!w.complete) offset = offsetOf(w.key) ?? offsetOf(w.node);
    else if (mode === "key") offset = offsetOf(w.key) ?? offsetOf(w.node);
    else offset = emptyValue ? (offsetOf(w.key) ?? offsetOf(w.node)) : offsetOf(w.node);
    const p = offset === undefined ? { file: layer.file, line: 1, column: 1 } : this.pos(layer, offset);
    return { ...p, layer, node: w.complete ? w.node : undefined, complete: w.complete };
  }

  private locateIn(layer: FileLayer, path: readonly (string | number)[], mode: "key" | "value"): Loc {
    return this.nodeLoc(layer, this.walk(layer, path), mode);
  }

  /**
   * Where the value at `path` is defined: the last override that set it or a parent of it, else
   * the most derived file that has it; for a missing key, the closest existing parent mapping.
   */
  private locate(path: readonly (string | number)[], mode: "key" | "value"): Loc {
    for (let i = this.applied.length - 1; i >= 0; i--) {
      const o = this.applied[i];
      if (o.path.length <= path.length && o.path.every((seg, j) => String(seg) === String(path[j]))) return this.overrideLoc(o);
    }
    let best: { layer: FileLayer; walk: Walk } | undefined;
    let deepest = -1;
    // A key a base file has but the merged scenario lost (a distribution replaced whole) is missing, not there.
    const gone = path.length > 0 && !this.valueAt(path).present;
    for (const layer of this.layers) {
      const w = this.walk(layer, path);
      if (w.complete && gone) continue;
      if (w.complete) return this.nodeLoc(layer, w, mode);
      if (w.stoppedAtValue) {
        // This file holds a single value (or list) here that replaced everything below it in its bases.
        if (w.depth > deepest) return this.nodeLoc(layer, w, mode);
        break;
      }
      if (w.depth > deepest) {
        best = { layer, walk: w };
        deepest = w.depth;
      }
    }
    let bestOverride: Override | undefined;
    let overrideDepth = deepest;
    for (const o of this.applied) {
      let common = 0;
      while (common < o.path.length && common < path.length && String(o.path[common]) === String(path[common])) common++;
      if (common > overrideDepth) {
        bestOverride = o;
        overrideDepth = common;
      }
    }
    if (bestOverride) return { ...this.overrideLoc(bestOverride), complete: false };
    if (best) return this.nodeLoc(best.layer, best.walk, mode);
    return { file: this.mainFile, line: 1, column: 1, complete: false };
  }

  /** The source text of the value at `loc` (shortened), or a description of `value`. */
  private foundText(loc: Loc, value: unknown): string {
    if (loc.override) return jsonish(value);
    const layer = loc.layer;
    const node = loc.node as { range?: [number, number, number] } | null | undefined;
    if (!layer || !loc.complete || node === undefined) return jsonish(value);
    if (node === null) return FOUND.empty;
    const r = node.range;
    if (isScalar(node)) {
      const src = r ? layer.text.slice(r[0], r[1]) : String(node.value);
      return src.trim() === "" ? FOUND.empty : shorten(src);
    }
    if ((isMap(node) || isSeq(node)) && node.flow && r) return shorten(layer.text.slice(r[0], r[1]));
    if (isMap(node)) return FOUND.blockMapping(node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : "?")));
    if (isSeq(node)) return FOUND.blockList(node.items.length);
    if (isAlias(node) && r) return shorten(layer.text.slice(r[0], r[1]));
    return jsonish(value);
  }

  private valueAt(path: readonly (string | number)[]): { present: boolean; value: unknown } {
    let cur: { present: boolean; value: unknown } = { present: true, value: this.data };
    for (const seg of path) {
      cur = childOf(cur.value, seg);
      if (!cur.present) return cur;
    }
    return cur;
  }

  // ---- CSV files ----------------------------------------------------------------------------

  private inlineCsvFiles(): void {
    const root = this.data;
    if (!isPlainObject(root)) return;
    const types = root.contactTypes;
    if (isPlainObject(types)) {
      for (const name of Object.keys(types)) {
        const t = types[name];
        const volume = isPlainObject(t) ? t.volume : undefined;
        if (isPlainObject(volume) && typeof volume.replay === "string" && volume.replay !== "" && !hasOwn(volume, "times")) {
          this.inlineReplay(name, volume, ["contactTypes", name, "volume"]);
        }
      }
    }
    const visitValue = (v: unknown, path: Path, depth: number): void => {
      if (depth > 64) return;
      if (Array.isArray(v)) v.forEach((x, i) => visitValue(x, [...path, i], depth + 1));
      else if (isPlainObject(v)) {
        if (v.dist === "empirical" && typeof v.csv === "string" && v.csv !== "" && !hasOwn(v, "values") && (v.column === undefined || typeof v.column === "string")) {
          this.inlineEmpirical(v, path);
        }
        for (const k of Object.keys(v)) visitValue(v[k], [...path, k], depth + 1);
      }
    };
    visitValue(root, [], 0);
  }

  /** The file named by the string at `path`, relative to the file that defines it. */
  private csvLocation(path: Path, name: string): { file: string; at: Loc; relativeTo?: string } {
    const at = this.locate(path, "value");
    if (isAbsolute(name) || !at.layer) return { file: name, at };
    return { file: join(dirname(at.layer.file), name), at, relativeTo: at.layer.file };
  }

  private readCsv(file: string, at: Loc, path: Path, relativeTo?: string): CsvTable | undefined {
    const key = resolve(file);
    if (this.csvCache.has(key)) return this.csvCache.get(key);
    const table = this.parseCsvFile(file, at, path, relativeTo);
    this.csvCache.set(key, table);
    return table;
  }

  private parseCsvFile(file: string, at: Loc, path: Path, relativeTo?: string): CsvTable | undefined {
    const text = this.read(file, LIMITS.csvBytes, at, path, relativeTo);
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
      this.emit("csv-syntax", { file, line: typeof lines === "number" ? lines : 1, column: 1 }, path, {
        message: TEXT.csvSyntax(message),
        hint: TEXT.csvSyntaxHint,
      });
      return undefined;
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
      this.emit("csv-empty", { file, line: 1, column: 1 }, path, { message: TEXT.csvEmpty(file) });
      return undefined;
    }
    return table;
  }

  /** Start offsets and lines of the records, by the record boundaries csv-parse uses (newlines outside quotes; empty lines skipped). */
  private recordStarts(table: CsvTable): { offsets: number[]; lines: number[] } {
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
  private cellPos(table: CsvTable, record: CsvRecord, col: number): Position {
    const { offsets, lines } = this.recordStarts(table);
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
  private columnValues(table: CsvTable, rows: readonly CsvRecord[], col: number, name: string, path: Path): number[] | undefined {
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
      last = this.emit(code, this.cellPos(table, row, col), path, parts);
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
      if (v < 0) {
        report(row, "csv-negative", { message: TEXT.csvNegative(cell, name), found: shorten(cell), expected: TEXT.csvNegativeExpected });
        continue;
      }
      values.push(v);
    }
    if (more > 0 && last) last.hint = last.hint ? `${last.hint}; ${TEXT.csvMoreCells(more)}` : TEXT.csvMoreCells(more);
    return reported > 0 ? undefined : values;
  }

  private inlineReplay(typeName: string, volume: Record<string, unknown>, volumePath: Path): void {
    const path = [...volumePath, "replay"];
    const { file, at, relativeTo } = this.csvLocation(path, volume.replay as string);
    const table = this.readCsv(file, at, path, relativeTo);
    if (!table) return;
    const timeCol = table.header?.indexOf("time") ?? -1;
    if (!table.header || timeCol < 0) {
      const headerAt = table.headerRecord ? this.cellPos(table, table.headerRecord, 0) : { file, line: 1, column: 1 };
      this.emit("csv-missing-column", headerAt, path, {
        message: TEXT.csvMissingColumn("time", file),
        found: TEXT.csvHeaderFound(table.header),
        expected: EXPECT.timeColumn,
        hint: table.header ? didYouMean(closestName("time", table.header)) : TEXT.csvHeaderless,
      });
      return;
    }
    const typeCol = table.header.indexOf("type");
    const rows = typeCol < 0 ? table.rows : table.rows.filter((r) => r.cells[typeCol] === typeName);
    const times = this.columnValues(table, rows, timeCol, "time", path);
    if (typeCol >= 0 && rows.length === 0) {
      const types = [...new Set(table.rows.map((r) => r.cells[typeCol] ?? ""))];
      this.emit("csv-no-rows-for-type", at, path, {
        message: TEXT.csvNoRowsForType(file, typeName),
        found: TEXT.csvNoRowsForTypeFound(types),
        expected: `rows with type "${typeName}"`,
        hint: didYouMean(closestName(typeName, types)),
      });
    }
    if (times) setOwn(volume, "times", times.sort((a, b) => a - b));
  }

  private inlineEmpirical(dist: Record<string, unknown>, distPath: Path): void {
    const path = [...distPath, "csv"];
    const { file, at, relativeTo } = this.csvLocation(path, dist.csv as string);
    const table = this.readCsv(file, at, path, relativeTo);
    if (!table) return;
    const header = table.header ?? table.rows[0].cells.map((_, i) => String(i + 1));
    let col: number;
    if (typeof dist.column === "string") {
      col = header.indexOf(dist.column);
      if (col < 0) {
        const columnPath = [...distPath, "column"];
        const columnAt = this.locate(columnPath, "value");
        this.emit("csv-missing-column", columnAt, columnPath, {
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
        this.emit("csv-no-numeric-column", this.cellPos(table, table.rows[0], 0), path, {
          message: TEXT.csvNoNumericColumn(file),
          found: TEXT.csvHeaderFound(table.header),
          expected: EXPECT.numericColumn,
          hint: TEXT.csvNoNumericColumnHint,
        });
        return;
      }
      col = numeric[0];
      if (numeric.length > 1) {
        this.emit("csv-column-guessed", at, path, {
          message: TEXT.csvColumnGuessed(header[col], file),
          hint: TEXT.csvColumnGuessedHint(numeric.map((i) => header[i])),
        });
      }
    }
    const values = this.columnValues(table, table.rows, col, header[col], path);
    if (!values) return;
    // The schema takes exactly one of values and csv: the file's numbers replace its name.
    setOwn(dist, "values", values);
    delete dist.csv;
    delete dist.column;
  }

  // ---- schema issues ------------------------------------------------------------------------

  private schemaAt(path: readonly (string | number)[]): unknown {
    let s: unknown = scenarioSchema;
    let v: unknown = this.data;
    for (const seg of path) {
      s = stepSchema(s, seg, v);
      if (s === undefined) return undefined;
      v = childOf(v, seg).value;
    }
    return s;
  }

  private expectedAt(path: readonly (string | number)[]): string | undefined {
    const s = this.schemaAt(path);
    return s === undefined ? undefined : describe(s).one;
  }

  private allowedKeysAt(path: readonly (string | number)[]): string[] | undefined {
    const s = this.schemaAt(path);
    if (s === undefined) return undefined;
    const n = concrete(s, this.valueAt(path).value);
    return n !== undefined && defOf(n).type === "object" ? Object.keys(defOf(n).shape as object) : undefined;
  }

  private durationHint(path: readonly (string | number)[], value: unknown): string | undefined {
    if (typeof value !== "string") return undefined;
    const seconds = parseDuration(value);
    if (seconds === null) return undefined;
    const s = this.schemaAt(path);
    const accepts = s === undefined ? [] : describeParts(s, 0);
    return accepts.some((p) => /seconds/.test(p) && !/duration like|unit/.test(p)) ? TEXT.durationHint(seconds, value) : undefined;
  }

  private convertIssue(issue: Issue, prefix: Path): void {
    const path: Path = [...prefix, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
    const { present, value } = this.valueAt(path);
    switch (issue.code) {
      case "unrecognized_keys": {
        const allowed = this.allowedKeysAt(path);
        for (const key of (issue.keys as string[]) ?? []) {
          const keyPath = [...path, key];
          const suggestion = allowed ? closestName(key, allowed) : undefined;
          if (suggestion) this.suggestedKeys.add(JSON.stringify([...path, suggestion]));
          const loc = this.locate(keyPath, "key");
          this.emit("unknown-key", loc, keyPath, {
            message: TEXT.unknownKey(key),
            expected: allowed ? TEXT.unknownKeyExpected(allowed) : undefined,
            hint: didYouMean(suggestion) ?? (this.splitByComma(loc, path) ? TEXT.flowCommaHint : undefined),
          });
        }
        return;
      }
      case "invalid_union":
        this.convertUnion(issue, path, present, value);
        return;
      case "invalid_key": {
        const key = String(path[path.length - 1]);
        const inner = ((issue.issues as Issue[]) ?? [])[0];
        this.emit("invalid-name", this.locate(path, "key"), path, {
          message: TEXT.invalidName(key),
          found: shorten(key),
          expected: inner?.message?.startsWith("expected") ? stripExpected(inner.message) : TEXT.nameExpected,
          hint: /\s/.test(key) ? "use '_' or '-' instead of spaces" : undefined,
        });
        return;
      }
      case "invalid_type": {
        if (!present) return this.missingKey(path, this.expectedAt(path) ?? `a ${String(issue.expected)}`);
        const loc = this.locate(path, "value");
        const expected = this.expectedAt(path) ?? `a ${String(issue.expected)}`;
        if (issue.expected === "int") {
          this.emit("not-integer", loc, path, { message: TEXT.notInteger, found: this.foundText(loc, value), expected });
        } else {
          this.emit("wrong-type", loc, path, { message: TEXT.wrongType, found: this.foundText(loc, value), expected, hint: this.durationHint(path, value) });
        }
        return;
      }
      case "too_small":
      case "too_big": {
        const loc = this.locate(path, "value");
        const found = this.foundText(loc, value);
        if (issue.origin === "array" || issue.origin === "string") {
          const n = issue.code === "too_small" ? (issue.minimum as number) : (issue.maximum as number);
          const empty = issue.origin === "string";
          const bound = issue.exact ? `exactly ${n}` : issue.code === "too_small" ? `at least ${n}` : `at most ${n}`;
          this.emit("wrong-length", loc, path, {
            message: empty ? TEXT.emptyText : TEXT.wrongLength,
            found,
            expected: this.expectedAt(path) ?? (empty ? EXPECT.nonEmptyText : `${bound} items`),
          });
          return;
        }
        const s = this.schemaAt(path);
        const bounds = s === undefined ? undefined : numberBounds(s);
        const fromIssue = numberWords({
          int: false,
          ...(issue.code === "too_small"
            ? { lower: { value: Number(issue.minimum), inclusive: !!issue.inclusive } }
            : { upper: { value: Number(issue.maximum), inclusive: !!issue.inclusive } }),
        }).one;
        this.emit("out-of-range", loc, path, { message: TEXT.outOfRange, found, expected: bounds ? numberWords(bounds).one : fromIssue });
        return;
      }
      case "not_multiple_of": {
        const loc = this.locate(path, "value");
        this.emit("out-of-range", loc, path, { message: TEXT.outOfRange, found: this.foundText(loc, value), expected: `a multiple of ${String(issue.divisor)}` });
        return;
      }
      case "invalid_format": {
        const loc = this.locate(path, "value");
        const own = issue.message.startsWith("expected") ? stripExpected(issue.message) : undefined;
        this.emit("invalid-format", loc, path, {
          message: TEXT.invalidFormat,
          found: this.foundText(loc, value),
          expected: own ?? this.expectedAt(path) ?? stripExpected(issue.message),
        });
        return;
      }
      case "invalid_value": {
        if (!present) return this.missingKey(path, this.expectedAt(path) ?? oneOf(((issue.values as unknown[]) ?? []).map(String)));
        const values = ((issue.values as unknown[]) ?? []).map(String);
        const loc = this.locate(path, "value");
        if (!isChoiceLike(value)) {
          // A mapping, list or NaN where one of a few words is expected: the wrong kind of value.
          this.emit("wrong-type", loc, path, { message: TEXT.wrongType, found: this.foundText(loc, value), expected: values.length === 1 ? formatLiteral((issue.values as unknown[])[0]) : oneOf(values) });
          return;
        }
        this.emit("invalid-value", loc, path, {
          message: TEXT.invalidValue(String(value)),
          found: this.foundText(loc, value),
          expected: values.length === 1 ? formatLiteral((issue.values as unknown[])[0]) : oneOf(values),
          hint: didYouMean(closestName(String(value), values)),
        });
        return;
      }
      case "custom": {
        const params = issue.params as { code?: unknown } | undefined;
        const code = typeof params?.code === "string" && isKnownCode(params.code) ? params.code : "failed-check";
        const loc = this.locate(path, "value");
        const isExpectation = /^expected\s/i.test(issue.message);
        // A refinement of a single number or text is a range or format rule; of a mapping, a rule between its values.
        const siblings = path.length > 0 ? (this.allowedKeysAt(path.slice(0, -1)) ?? []) : [];
        const namesSibling = siblings.some((k) => k !== path[path.length - 1] && /^\w+$/.test(k) && new RegExp(`\\b${k}\\b`).test(issue.message));
        const scalarCode = namesSibling ? undefined : typeof value === "number" ? "out-of-range" : typeof value === "string" ? "invalid-format" : undefined;
        const chosen = code === "failed-check" && scalarCode ? scalarCode : code;
        this.emit(chosen, loc, path, {
          message: !isExpectation ? issue.message : chosen === "out-of-range" ? TEXT.outOfRange : chosen === "invalid-format" ? TEXT.invalidFormat : TEXT.failedCheck,
          found: this.foundText(loc, value),
          expected: isExpectation ? stripExpected(issue.message) : undefined,
        });
        return;
      }
      default: {
        const loc = this.locate(path, "value");
        this.emit("wrong-type", loc, path, { message: TEXT.wrongType, found: this.foundText(loc, value), expected: this.expectedAt(path) ?? stripExpected(issue.message) });
      }
    }
  }

  /** An unknown key without a value inside {…}: most likely text with a comma that split a value in two. */
  private splitByComma(loc: Loc, parentPath: Path): boolean {
    if (!loc.layer || !loc.complete) return false;
    const map = this.deref(loc.layer.doc, this.walk(loc.layer, parentPath).node);
    const value = loc.node as { range?: number[] } | null;
    const valueless = value === null || (isScalar(value) && value.value === null);
    return isMap(map) && !!map.flow && valueless;
  }

  private missingKey(path: Path, expected: string): void {
    const key = String(path[path.length - 1]);
    const parent = path.slice(0, -1);
    const d = this.emit("missing-key", this.locate(path, "value"), path, {
      message: TEXT.missingKey(key),
      expected,
      hint: TEXT.missingKeyHint(key, parent.length ? formatPath(parent) : TEXT.topLevel),
    });
    this.pendingMissing.push({ pathKey: JSON.stringify(path), diagnostic: d });
  }

  /** Does the value get past this union branch's type test (so its deeper issues are the relevant ones)? */
  private branchAccepts(issues: readonly Issue[], value: unknown): boolean {
    return issues.some((i) => {
      if (i.path.length > 0) return true;
      switch (i.code) {
        case "invalid_type":
          return false;
        case "invalid_value":
          return ((i.values as unknown[]) ?? []).some((x) => typeof x === typeof value);
        case "invalid_union":
          return ((i.errors as Issue[][]) ?? []).some((b) => this.branchAccepts(b, value));
        default:
          return true;
      }
    });
  }

  private literalStrings(issues: readonly Issue[]): string[] {
    return issues.flatMap((i) =>
      i.code === "invalid_value"
        ? ((i.values as unknown[]) ?? []).filter((x): x is string => typeof x === "string")
        : i.code === "invalid_union"
          ? ((i.errors as Issue[][]) ?? []).flatMap((b) => this.literalStrings(b))
          : [],
    );
  }

  private convertUnion(issue: Issue, path: Path, present: boolean, value: unknown): void {
    const branches = (issue.errors as Issue[][]) ?? [];
    if (typeof issue.discriminator === "string" && branches.length === 0) {
      // No option has this discriminator value; zod's path already ends at the discriminator key.
      const options = ((issue.options as unknown[]) ?? []).map(String);
      if (!present) return this.missingKey(path, oneOf(options));
      const loc = this.locate(path, "value");
      if (!isChoiceLike(value)) {
        this.emit("wrong-type", loc, path, { message: TEXT.wrongType, found: this.foundText(loc, value), expected: oneOf(options) });
        return;
      }
      this.emit("invalid-value", loc, path, {
        message: TEXT.invalidValue(String(value)),
        found: this.foundText(loc, value),
        expected: oneOf(options),
        hint: didYouMean(closestName(String(value), options)),
      });
      return;
    }
    const accepting = branches.filter((b) => this.branchAccepts(b, value));
    const onlyLiterals = accepting.every((b) => b.every((i) => i.path.length === 0 && i.code === "invalid_value"));
    if (accepting.length === 0 || (accepting.length > 1 && onlyLiterals)) return this.collapseUnion(path, present, value, branches.flat());
    const best = accepting.reduce((a, b) => (b.length < a.length ? b : a));
    for (const i of best) {
      if (i.path.length === 0 && (i.code === "invalid_value" || i.code === "invalid_type")) this.collapseUnion(path, present, value, branches.flat());
      else this.convertIssue(i, path);
    }
  }

  /** One diagnostic for a value that matches no alternative of a union. */
  private collapseUnion(path: Path, present: boolean, value: unknown, issues: readonly Issue[]): void {
    const expected = this.expectedAt(path) ?? "a valid value";
    if (!present) return this.missingKey(path, expected);
    const loc = this.locate(path, "value");
    const literals = this.literalStrings(issues);
    const suggestion = typeof value === "string" ? closestName(value, literals) : undefined;
    const sameKind = issues.some((i) => i.path.length === 0 && i.code === "invalid_value" && ((i.values as unknown[]) ?? []).some((x) => typeof x === typeof value));
    const isLiteralMiss = isChoiceLike(value) && (suggestion !== undefined || (sameKind && issues.every((i) => i.path.length === 0 && i.code === "invalid_value")));
    this.emit(isLiteralMiss ? "invalid-value" : "wrong-type", loc, path, {
      message: isLiteralMiss ? TEXT.invalidValue(String(value)) : TEXT.wrongType,
      found: this.foundText(loc, value),
      expected,
      hint: didYouMean(suggestion) ?? this.durationHint(path, value),
    });
  }
}

/** A value that could be a misspelt choice (a word, number or boolean), as opposed to a mapping, list or NaN. */
function isChoiceLike(value: unknown): boolean {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && !Number.isNaN(value));
}

/** Keys that appear twice in one mapping, at their second appearance. */
function duplicateKeys(doc: ReturnType<typeof parseDocument>): { key: string; offset: number }[] {
  const out: { key: string; offset: number }[] = [];
  visit(doc, {
    Map: (_, map) => {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) out.push({ key, offset: pair.key.range?.[0] ?? 0 });
        seen.add(key);
      }
    },
  });
  return out;
}

/**
 * The offset where flow collections ([…], {…}) nest deeper than `limit`, or where a block is
 * indented absurdly far (which nests as deep), else undefined. Quotes and comments are skipped.
 */
function tooDeepAt(text: string, limit: number): number | undefined {
  let depth = 0;
  let quote = "";
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = "";
      continue;
    }
    if (ch === "\n") {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (ch === " ") {
        if (++indent > 4 * limit) return i;
        continue;
      }
      lineStart = false;
    }
    if (ch === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf("\n", i);
      if (end < 0) break;
      i = end - 1;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[" || ch === "{") {
      if (++depth > limit) return i;
    } else if (ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
  }
  return undefined;
}
