/**
 * Checks of the `assumptions:` section that its shape cannot express: each key is a field path
 * (the syntax of `--set`) that holds a number in this scenario, and each range is a range. The
 * sampling itself lives in experiment/assumptions.ts.
 */
import { parsePath } from "./paths.js";
import type { Scenario } from "./schema.js";
import { closestName } from "./suggest.js";
import type { ScenarioIssue } from "./validate.js";

/** The value at a path of the validated scenario, and the deepest object reached on the way. */
export function valueAt(root: unknown, path: readonly (string | number)[]): { value: unknown; parent: unknown; missing: string | number | null } {
  let node: unknown = root;
  for (const seg of path) {
    if (node === null || typeof node !== "object" || !(String(seg) in (node as object))) return { value: undefined, parent: node, missing: seg };
    node = (node as Record<string, unknown>)[String(seg)];
  }
  return { value: node, parent: null, missing: null };
}

export function checkAssumptions(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  for (const [key, a] of Object.entries(s.assumptions ?? {})) {
    const at = ["assumptions", key];
    let path: (string | number)[];
    try {
      path = parsePath(key);
    } catch (e) {
      issues.push({ severity: "error", code: "assumption-path", path: at, message: `"${key}" is not a field path`, found: (e as Error).message.replace(/^parsePath: /, ""), expected: "a path as for --set, e.g. agentGroups.generalists.fcr" });
      continue;
    }
    const { value, parent, missing } = valueAt(s, path);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      const names = parent && typeof parent === "object" ? Object.keys(parent as object) : [];
      const best = missing !== null ? closestName(String(missing), names) : null;
      issues.push({
        severity: "error",
        code: "assumption-path",
        path: at,
        message: `the assumption "${key}" names no number in this scenario`,
        found: missing !== null ? `no "${missing}" there${names.length ? ` (has ${names.slice(0, 8).join(", ")})` : ""}` : `${value === null || value === undefined ? "no value" : typeof value}`,
        expected: "the path of a numeric field the scenario has (after extends and defaults)",
        hint: best ? `did you mean "${best}"?` : `a file that extends another can drop an inherited assumption with \`${key}: null\``,
      });
      continue;
    }
    const range = (message: string, found: string, expected: string) => issues.push({ severity: "error", code: "assumption-range", path: at, message, found, expected });
    if (!(a.low < a.high)) range(`the assumption "${key}" needs low below high`, `low ${a.low}, high ${a.high}`, "low < high");
    else if (a.dist === "lognormal" && !(a.low > 0)) range(`a lognormal assumption needs positive values`, `low ${a.low}`, "low > 0, or another dist");
    // The stated value itself may lie anywhere (a --set, a sweep or a break-even search moves it):
    // only an explicit mode must lie in the range; the default mode is the stated value clamped to it.
    else if (a.dist === "triangular") {
      if (a.mode !== undefined && !(a.mode >= a.low && a.mode <= a.high)) range(`the most likely value of "${key}" lies outside its range`, `mode ${a.mode}, range ${a.low} to ${a.high}`, "low <= mode <= high");
    } else if (a.mode !== undefined) range(`only a triangular assumption takes a mode`, `dist ${a.dist} with mode ${a.mode}`, "dist: triangular, or no mode");
  }
  return issues;
}
