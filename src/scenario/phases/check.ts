/**
 * Phase 5, check: the cross-field rules of validate.ts (references between sections, shares
 * that sum to 1, lengths that depend on the interval) on the schema's output, each issue
 * located at the value it names.
 */
import { shorten, TEXT } from "../messages.js";
import type { Scenario } from "../schema.js";
import { checkScenario } from "../validate.js";
import type { LoadContext } from "./context.js";
import { locate } from "./locate.js";

/** Rules about names that refer to other sections: still meaningful when some values were refused. */
const REFERENCES = new Set(["unknown-group", "unknown-site", "unknown-skill", "unknown-type", "reserved-name"]);

/**
 * Reports the scenario's rule violations; false when the rules themselves failed (an internal
 * error). With `referencesOnly`, the scenario is a stand-in with refused values removed, and only
 * the reference rules are reported (the others could be echoes of a default standing in).
 */
export function checkRules(ctx: LoadContext, scenario: Scenario, referencesOnly = false): boolean {
  let issues: ReturnType<typeof checkScenario>;
  try {
    issues = checkScenario(scenario);
  } catch (e) {
    ctx.emit("internal-error", { file: ctx.mainFile, line: 1, column: 1 }, [], {
      message: TEXT.internalError("checking the scenario"),
      found: shorten(e instanceof Error ? `${e.name}: ${e.message}` : String(e)),
    });
    return false;
  }
  for (const issue of issues) {
    if (referencesOnly && !REFERENCES.has(issue.code)) continue;
    const path = [...issue.path];
    const loc = locate(ctx, path, "value");
    ctx.emit(issue.code, loc, path, { message: issue.message, found: issue.found, expected: issue.expected, hint: issue.hint }, issue.severity);
  }
  return true;
}
