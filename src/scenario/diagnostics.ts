/** What the loader reports: located diagnostics, their text form, and the error that carries them. */
import { diagnosticBlock } from "./messages.js";
import { formatPath } from "./paths.js";

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

export class ScenarioError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(formatDiagnostics(diagnostics));
    this.name = "ScenarioError";
    this.diagnostics = [...diagnostics];
  }
}

/** One block per diagnostic ("file:line:col: error at path: message" + found/expected/hint lines), sorted by file, line, column. */
export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  if (!Array.isArray(ds)) throw new RangeError(`formatDiagnostics: expected an array of diagnostics, got ${typeof ds}`);
  return sortDiagnostics(ds)
    .map((d) => diagnosticBlock({ ...d, pathText: formatPath(d.path) }))
    .join("\n");
}

/** By file, then line, then column (stable, so one cause's diagnostics keep their order). */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
