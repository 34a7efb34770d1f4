/**
 * What the phases share while one scenario loads: the diagnostics reported so far, the files
 * read, the parsed YAML layers (to map a path back to its source), the overrides applied and
 * the merged data. Every phase is a function of this context; none keeps state of its own.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Document, LineCounter } from "yaml";
import type { Diagnostic } from "../diagnostics.js";
import { sortDiagnostics } from "../diagnostics.js";
import { isKnownCode, MESSAGES, shorten, TEXT, type LoaderCode, type MessageParts } from "../messages.js";
import type { Override } from "../overrides.js";
import type { Scenario } from "../schema.js";
import type { CsvTable } from "./csv-table.js";

export type Path = (string | number)[];
export interface Position {
  file: string;
  line: number;
  column: number;
}
/** One parsed scenario file: its text, YAML document (with ranges) and line index. */
export interface FileLayer {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}
/** A position plus where it came from, to show the source text of a value. */
export interface Loc extends Position {
  layer?: FileLayer;
  override?: Override;
  node?: unknown;
  /** False when the path does not exist and the position is that of its closest parent. */
  complete: boolean;
}
/** Where files come from; the default reads the local file system. */
export interface SourceHost {
  readFile(path: string): Uint8Array;
  exists?(path: string): boolean;
  /** Size in bytes, checked before reading so that huge files are refused without loading them. */
  size?(path: string): number;
  /** What is at the path: only regular files are read (a device or FIFO would never end or never answer). */
  kind?(path: string): "file" | "directory" | "other";
}

export type LoadResult =
  | { ok: true; scenario: Scenario; warnings: Diagnostic[]; files: string[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

export const defaultHost: SourceHost = {
  readFile: (path) => readFileSync(path),
  exists: (path) => existsSync(path),
  size: (path) => statSync(path).size,
  kind: (path) => {
    const s = statSync(path);
    return s.isFile() ? "file" : s.isDirectory() ? "directory" : "other";
  },
};

export class LoadContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly files: string[] = [];
  /** Scenario files, most derived first. */
  readonly layers: FileLayer[] = [];
  /** Overrides that were applied (those whose path could not be taken are reported, not listed). */
  readonly applied: Override[] = [];
  /** CSV files by absolute path (undefined: unreadable, already reported). */
  readonly csvCache = new Map<string, CsvTable | undefined>();
  /** Paths offered as "did you mean" for an unknown key: their own "missing" errors would repeat the cause. */
  readonly suggestedKeys = new Set<string>();
  readonly pendingMissing: { pathKey: string; diagnostic: Diagnostic }[] = [];
  /** Lists read from CSV files (checked cell by cell there, and exempt from the bound on lists written in YAML). */
  readonly inlined = new WeakSet<object>();
  /** For each list read from a CSV file, where its item i came from (file, line and column of the cell). */
  readonly cellOf = new WeakMap<object, (index: number) => Position | undefined>();
  /** The merged document, edited in place by the compose phases. */
  data: unknown;

  constructor(
    readonly mainFile: string,
    readonly overrides: readonly Override[],
    readonly host: SourceHost,
  ) {}

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

  /** Runs the pipeline; an exception becomes an internal-error diagnostic, never a throw. */
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
    return this.result(scenario);
  }

  /** The diagnostics, one per cause (repeats and missing keys already explained by a suggestion dropped), sorted. */
  private result(scenario: Scenario | undefined): LoadResult {
    const missing = new Set(this.pendingMissing.filter((m) => !this.suggestedKeys.has(m.pathKey)).map((m) => m.diagnostic));
    const pending = new Set(this.pendingMissing.map((m) => m.diagnostic));
    const seen = new Set<string>();
    const all = sortDiagnostics(
      this.diagnostics.filter((d) => {
        if (d.code === "missing-key" && pending.has(d) && !missing.has(d)) return false;
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
}
