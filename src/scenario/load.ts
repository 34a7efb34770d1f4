/**
 * Scenario loader: YAML text → validated `Scenario`, or every problem at once, each located at
 * file:line:column with the field path, what was found, what was expected and the fix.
 *
 * Loading is a one-way pipeline of named phases (src/scenario/phases/), each a function of one
 * shared LoadContext that records diagnostics instead of throwing:
 *
 *   1. read       bytes → text: regular files only, size limit before reading, strict UTF-8
 *   2. parse      text → YAML document with source positions; syntax, duplicate keys, aliases
 *   3. compose    the merged document:
 *        a. extends     base files merged under the extending one (mappings merge, lists replace, null removes)
 *        b. overrides   `--set path=value` on top, in order (overrides.ts parses the text)
 *        c. data files  CSV files inlined (volume.replay → volume.times, empirical csv → values)
 *        d. bounds      lists written in YAML at most LIMITS.listItems long (before zod sees them)
 *   4. validate   zod schema; normalises too (defaults filled, durations in seconds);
 *                 zod's issues worded by schema-words.ts and messages.ts; a parent key left out
 *                 (its children unknown where they stand) is one error (phases/misplaced.ts)
 *   5. check      cross-field rules (validate.ts) on the normalised scenario. When the schema
 *                 refused parts, phases/stand-in.ts cuts out the smallest parts that hold them
 *                 (a value, list item, entry or section; required values get a stand-in) until
 *                 the rest is a valid scenario, and the rules run on that: each rule declares
 *                 what it reads (check.ts INPUTS) and is skipped when one of its inputs was cut,
 *                 so that a default standing in, or an entry cut out, never yields an error
 *   6. plausible  warnings for valid values probably not meant (a bare `patience: 5` is 5 seconds),
 *                 on the merged document, so also in a pass with errors
 *
 * Every diagnostic is mapped back (phases/locate.ts) to the YAML node, override or CSV cell
 * that defines the value; context.ts drops repeats so that one cause gives one message, and
 * sorts every phase's diagnostics by file and position into one report.
 */
import { resolve } from "node:path";
import { LIMITS, TEXT } from "./messages.js";
import { ScenarioError, type Diagnostic } from "./diagnostics.js";
import type { Override } from "./overrides.js";
import type { Scenario } from "./schema.js";
import { defaultHost, LoadContext, type LoadResult, type SourceHost } from "./phases/context.js";
import { loadChain } from "./phases/compose.js";
import { applyOverrides } from "./phases/overrides.js";
import { inlineCsvFiles } from "./phases/csv.js";
import { checkBounds } from "./phases/bounds.js";
import { read } from "./phases/read.js";
import { validateSchema } from "./phases/validate.js";
import { standIn } from "./phases/stand-in.js";
import { checkRules } from "./phases/check.js";
import { warnImplausibleSeconds } from "./phases/plausible.js";

export { formatDiagnostics, ScenarioError, type Diagnostic } from "./diagnostics.js";
export { formatPath, parsePath } from "./paths.js";
export { parseOverride, type Override } from "./overrides.js";
export type { LoadResult, SourceHost } from "./phases/context.js";

export interface LoadOptions {
  /** Applied in order after `extends`; a null value removes the key. File paths set by overrides are relative to the working directory. */
  overrides?: readonly Override[];
  host?: SourceHost;
}

/** Reads, parses and validates a scenario file; never throws for bad input. */
export function loadScenarioFile(path: string, options: LoadOptions = {}): LoadResult {
  if (typeof path !== "string" || path === "") throw new RangeError(`loadScenarioFile: path must be a non-empty string, got ${JSON.stringify(path)}`);
  const ctx = newContext(path, "loadScenarioFile", options);
  return ctx.run(() => {
    const text = read(ctx, path, LIMITS.scenarioBytes, undefined, []);
    return text === undefined ? undefined : runPhases(ctx, text);
  });
}

/** Parses and validates scenario text; `file` names it in diagnostics and anchors relative paths. Never throws for bad input. */
export function parseScenarioText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  if (typeof text !== "string") throw new RangeError(`parseScenarioText: text must be a string, got ${typeof text}`);
  if (typeof file !== "string" || file === "") throw new RangeError(`parseScenarioText: file must be a non-empty string, got ${JSON.stringify(file)}`);
  const ctx = newContext(file, "parseScenarioText", options);
  return ctx.run(() => {
    if (text.length > LIMITS.scenarioBytes / 4 && Buffer.byteLength(text) > LIMITS.scenarioBytes) {
      ctx.emit("file-too-large", { file, line: 1, column: 1 }, [], {
        message: TEXT.fileTooLarge(file, Buffer.byteLength(text), LIMITS.scenarioBytes),
        hint: TEXT.fileTooLargeHint(false),
      });
      return undefined;
    }
    return runPhases(ctx, text);
  });
}

/** Like loadScenarioFile, but throws a ScenarioError listing every error. */
export function loadScenarioOrThrow(path: string, options: LoadOptions = {}): { scenario: Scenario; warnings: Diagnostic[]; files: string[] } {
  const r = loadScenarioFile(path, options);
  if (!r.ok) throw new ScenarioError(r.errors);
  return { scenario: r.scenario, warnings: r.warnings, files: r.files };
}


/** Phases 2–5 on the main file's text (phase 1 has read it, or the caller supplied it). */
function runPhases(ctx: LoadContext, text: string): Scenario | undefined {
  const merged = loadChain(ctx, ctx.mainFile, text, [resolve(ctx.mainFile)], [ctx.mainFile]);
  if (merged === undefined) return undefined;
  ctx.data = merged;
  applyOverrides(ctx);
  inlineCsvFiles(ctx);
  if (!checkBounds(ctx)) return undefined;
  const validated = validateSchema(ctx);
  if ("issues" in validated) {
    // The cross-field rules in the same pass as the shape, on what the refused parts leave.
    const rest = standIn(ctx.data, validated.issues, [...ctx.suggestedKeys].map((k) => JSON.parse(k) as (string | number)[]));
    if (rest) checkRules(ctx, rest.scenario, rest);
    // Reads the merged document, not the schema's output, so it needs no valid shape either.
    warnImplausibleSeconds(ctx);
    return undefined;
  }
  const scenario = validated.scenario;
  if (!checkRules(ctx, scenario)) return undefined;
  warnImplausibleSeconds(ctx);
  return scenario;
}

function newContext(file: string, fn: string, options: LoadOptions): LoadContext {
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
  return new LoadContext(file, overrides, host);
}
