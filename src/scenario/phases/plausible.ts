/**
 * Phase 6, plausibility: warnings for values that are valid but probably not meant. A bare
 * number is seconds (as documented), so `patience: 5` is five seconds; where a bare number is
 * implausibly short as seconds for what it measures, a warning says how to write the unit.
 * Runs on the merged document (before normalisation), where a bare number is still told apart
 * from a text with a unit.
 */
import { TEXT } from "../messages.js";
import type { LoadContext, Path } from "./context.js";
import { isPlainObject } from "./data.js";
import { locate } from "./locate.js";

/** Keys whose bare numbers below `below` seconds are implausible, and the unit probably meant. */
const RULES: Readonly<Record<string, { below: number; unit: "m" | "h"; under?: string }>> = {
  handleTime: { below: 10, unit: "m" },
  patience: { below: 10, unit: "m" },
  // A shift's length (`shifts[i].length`), not a break's.
  length: { below: 60, unit: "h", under: "shifts" },
};

export function warnImplausibleSeconds(ctx: LoadContext): void {
  const visitValue = (v: unknown, path: Path, depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(v)) {
      // Lists of numbers (times, values read from a CSV) hold no keys: skip them without a step per item.
      if (v.every((x) => typeof x === "number")) return;
      v.forEach((x, i) => visitValue(x, [...path, i], depth + 1));
    }
    else if (isPlainObject(v)) {
      for (const k of Object.keys(v)) {
        const rule = RULES[k];
        if (rule && (rule.under === undefined || path[path.length - 2] === rule.under)) {
          // A bare number, or the mean of a distribution given as {dist, mean}.
          const value = v[k];
          const meanOf = isPlainObject(value) && typeof value.mean === "number";
          const n = typeof value === "number" ? value : meanOf ? (value.mean as number) : undefined;
          if (n !== undefined && n > 0 && n < rule.below) {
            const at = meanOf ? [...path, k, "mean"] : [...path, k];
            ctx.emit("implausible-seconds", locate(ctx, at, "value"), at, {
              message: TEXT.implausibleSeconds(k, n),
              hint: TEXT.implausibleSecondsHint(n, rule.unit),
            });
          }
        }
        visitValue(v[k], [...path, k], depth + 1);
      }
    }
  };
  visitValue(ctx.data, [], 0);
}
