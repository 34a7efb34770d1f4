/**
 * Phase 3d, bounds: limits on the merged document checked before the schema sees it. A list
 * written in YAML may hold at most LIMITS.listItems items (long data belongs in a CSV file, whose
 * rows are checked as they are read); 200,000 bad items would otherwise overflow the validator's
 * stack and take minutes to word.
 */
import { LIMITS, TEXT } from "../messages.js";
import type { LoadContext, Path } from "./context.js";
import { isPlainObject } from "./data.js";
import { locate } from "./locate.js";

/** Reports every list over the bound; false if there was one (validation would not be worth running). */
export function checkBounds(ctx: LoadContext): boolean {
  let ok = true;
  const visitValue = (v: unknown, path: Path, depth: number): void => {
    if (depth > LIMITS.nesting) return;
    if (Array.isArray(v)) {
      if (v.length > LIMITS.listItems && !ctx.inlined.has(v)) {
        ok = false;
        ctx.emit("list-too-long", locate(ctx, path, "value"), path, {
          message: TEXT.listTooLong(v.length),
          expected: TEXT.listTooLongExpected(LIMITS.listItems),
          hint: TEXT.listTooLongHint,
        });
        return;
      }
      if (ctx.inlined.has(v)) return;
      for (let i = 0; i < v.length; i++) if (typeof v[i] === "object" && v[i] !== null) visitValue(v[i], [...path, i], depth + 1);
    } else if (isPlainObject(v)) for (const k of Object.keys(v)) visitValue(v[k], [...path, k], depth + 1);
  };
  visitValue(ctx.data, [], 0);
  return ok;
}
