/**
 * `--set path=value`: one value set on top of a scenario, the same for every command (run,
 * compare, report, staff, sweep) and for library callers that vary an assumption. Parse the
 * text with `parseOverride`, pass the result as `LoadOptions.overrides`; the loader applies
 * them after `extends` and before validation, so a bad value is reported at the `--set` text.
 */
import { parse as parseYamlValue } from "yaml";
import { parsePath } from "./paths.js";

/** A value set on top of the scenario, e.g. from `--set agentGroups.a.staffing.constant=12`; `label` is the --set text. */
export interface Override {
  path: (string | number)[];
  value: unknown;
  label: string;
}

/**
 * "agentGroups.agents.staffing.constant=12" → an Override. The value is read as YAML, so `12`,
 * `5m`, `true`, `[1, 2]` and `{dist: exponential, mean: 300}` mean what they mean in a scenario;
 * an empty value or `null` removes the key. Throws a RangeError with the reason for malformed text.
 */
export function parseOverride(text: string): Override {
  if (typeof text !== "string") throw new RangeError(`parseOverride: expected "path=value", got ${typeof text}`);
  const eq = text.indexOf("=");
  if (eq <= 0) throw new RangeError(`--set takes path=value, e.g. agentGroups.agents.staffing.constant=12 (got ${JSON.stringify(text)})`);
  const path = parsePath(text.slice(0, eq).trim());
  const raw = text.slice(eq + 1).trim();
  let value: unknown;
  try {
    value = raw === "" ? null : (parseYamlValue(raw) as unknown);
  } catch (e) {
    throw new RangeError(`--set ${JSON.stringify(text)}: the value is not valid YAML (${(e as Error).message.split("\n")[0]})`);
  }
  return { path, value, label: `--set ${text}` };
}
