/**
 * Phase 5, check: the cross-field rules of validate.ts (references between sections, shares
 * that sum to 1, lengths that depend on the interval) on the schema's output, each issue
 * located at the value it names.
 *
 * When the schema refused parts of the document, the rules run on the stand-in (stand-in.ts), and
 * INPUTS says what each rule reads beyond the place it reports: a rule is reported only when none
 * of its inputs was cut, so a default standing in for a refused value never produces an error.
 */
import { shorten, TEXT } from "../messages.js";
import { parsePath } from "../paths.js";
import type { Scenario } from "../schema.js";
import { checkScenario, type ScenarioIssue } from "../validate.js";
import type { LoadContext, Path } from "./context.js";
import { locate } from "./locate.js";
import { isPrefix, type StandIn } from "./stand-in.js";

/**
 * What a rule reads. "at": the reported path only (a cut at it, above it or inside it skips the
 * rule); "name": only that the reported key exists (a cut inside the entry does not matter);
 * "entry": the whole entry the path is in (a contact type, group, site or overflow rule);
 * a section name: that section of the scenario; "ref": the entry the reported name refers to
 * (by the issue's `found`, in the section that follows it); "named": the field an assumption names.
 */
type Input = "at" | "name" | "entry" | "ref:contactTypes" | "ref:agentGroups" | "ref:sites" | "named" | "intervalMinutes" | "horizon" | "warmup" | "reportIntervalMinutes" | "contactTypes" | "agentGroups" | "sites" | "routing";

export const INPUTS: Record<string, readonly Input[]> = {
  "no-contact-types": ["at"],
  "no-agent-groups": ["at"],
  "reserved-name": ["name"],
  "report-interval": ["at", "intervalMinutes"],
  "warmup-too-long": ["at", "horizon"],
  "volume-source": ["at"],
  "profile-length": ["at", "intervalMinutes"],
  "profile-with-per-hour": ["entry"],
  "profile-zero": ["entry"],
  "profile-overflow": ["at"],
  "day-of-week-zero": ["entry"],
  "replay-beyond-horizon": ["entry", "horizon", "warmup"],
  "segment-shares": ["at"],
  "voice-only": ["entry"],
  "email-patience": ["entry"],
  "email-retrial": ["entry"],
  "callback-delay-unused": ["entry"],
  "type-unserved": ["entry", "agentGroups", "routing"],
  "type-overflow-only": ["entry", "agentGroups", "routing"],
  "unknown-skill": ["name", "ref:contactTypes"],
  "unknown-site": ["at", "ref:sites"],
  "vendor-wage": ["entry", "sites"],
  "staffing-mode": ["at"],
  "staffing-length": ["at", "intervalMinutes", "horizon"],
  "shift-length": ["at"],
  "break-outside-shift": ["entry"],
  "elastic-without-skills": ["entry", "routing"],
  "elastic-too-large": ["entry", "contactTypes", "intervalMinutes"],
  "group-empty": ["entry"],
  "group-idle": ["entry", "routing"],
  "concurrency-unused": ["entry", "contactTypes"],
  "unknown-type": ["at", "ref:contactTypes"],
  "unknown-group": ["at", "ref:agentGroups"],
  "overflow-redundant": ["entry", "agentGroups"],
  "missing-wage": ["entry", "agentGroups", "sites"],
  "unknown-segment": ["at", "contactTypes"],
  "lifetime-default": ["at", "contactTypes"],
  "site-unused": ["entry", "agentGroups"],
  "night-window-empty": ["entry"],
  "assumption-path": ["entry", "named"],
  "assumption-range": ["entry"],
};

/** Sections whose entries are named (`contactTypes.billing`) or numbered (`routing.overflow[0]`). */
function entryOf(path: Path): Path {
  if (path[0] === "routing" && path[1] === "overflow") return path.slice(0, 3);
  if (["contactTypes", "agentGroups", "sites", "assumptions"].includes(String(path[0]))) return path.slice(0, 2);
  return path;
}

/** The paths a rule's issue depends on, each with whether a cut below it matters ("name" inputs only need the key). */
function inputsOf(issue: ScenarioIssue, path: Path): { path: Path; whole: boolean }[] | undefined {
  const inputs = INPUTS[issue.code];
  if (inputs === undefined) return undefined;
  return inputs.map((input) => {
    switch (input) {
      case "at":
        return { path, whole: true };
      case "name":
        return { path, whole: false };
      case "entry":
        return { path: entryOf(path), whole: true };
      case "ref:contactTypes":
      case "ref:agentGroups":
      case "ref:sites":
        return { path: [input.slice(4), issue.found ?? ""], whole: false };
      case "named": {
        try {
          return { path: parsePath(String(path[1])), whole: true };
        } catch {
          return { path: [], whole: false }; // a key that is no path: the rule reads nothing else
        }
      }
      default:
        return { path: [input], whole: true };
    }
  });
}

/** Does a cut make the rule's verdict unreliable? A cut at or above an input always does; one inside it when the input is read whole. */
function touchesCut(inputs: { path: Path; whole: boolean }[], cuts: readonly Path[]): boolean {
  return inputs.some((input) => cuts.some((cut) => isPrefix(cut, input.path) || (input.whole && isPrefix(input.path, cut))));
}

/**
 * Reports the scenario's rule violations; false when the rules themselves failed (an internal
 * error). With a stand-in, the scenario had parts cut out, and only the rules whose inputs are
 * all intact are reported, at their paths in the original document.
 */
export function checkRules(ctx: LoadContext, scenario: Scenario, standIn?: StandIn): boolean {
  let issues: ScenarioIssue[];
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
    const path = standIn ? standIn.original(issue.path) : [...issue.path];
    if (standIn) {
      const inputs = inputsOf(issue, path);
      // A rule not in INPUTS could read anything: it waits for a valid shape.
      if (inputs === undefined || touchesCut(inputs, standIn.cuts)) continue;
    }
    const loc = locate(ctx, path, "value");
    ctx.emit(issue.code, loc, path, { message: issue.message, found: issue.found, expected: issue.expected, hint: issue.hint }, issue.severity);
  }
  return true;
}
