/**
 * Phase 3b, overrides: `--set path=value` applied to the merged document, in order. A path that
 * cannot be taken (a value where a mapping is needed, an index past a list's end) is reported at
 * the override; missing mappings on the way are created.
 */
import { formatPath } from "../paths.js";
import { didYouMean, TEXT } from "../messages.js";
import { scenarioSchema } from "../schema.js";
import { concrete, defOf, stepSchema } from "../schema-words.js";
import { closestName } from "../suggest.js";
import type { LoadContext } from "./context.js";
import { cloneData, hasOwn, isPlainObject, jsonish, setOwn } from "./data.js";
import { overrideLoc } from "./locate.js";

export function applyOverrides(ctx: LoadContext): void {
  for (const o of ctx.overrides) {
    if (o.path[0] === "extends") {
      ctx.emit("override-extends", overrideLoc(o), [...o.path], { message: TEXT.overrideExtends(o.label) });
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
      ctx.emit("override-path", overrideLoc(o), [...o.path], parts);
    };
    let cur = ctx.data as Record<string, unknown> | unknown[];
    // The schema of `cur`, to tell a mapping of names (agentGroups) from one of fixed keys.
    let schema: unknown = scenarioSchema;
    let ok = true;
    for (let i = 0; i < o.path.length - 1 && ok; i++) {
      const seg = o.path[i];
      const container = cur;
      const containerSchema = schema;
      schema = schema === undefined ? undefined : stepSchema(schema, seg, container);
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
        const names = containerSchema === undefined ? undefined : concrete(containerSchema, container);
        if ((next === undefined || next === null) && names !== undefined && defOf(names).type === "record") {
          // Setting a key inside an entry that does not exist would create a half-defined entry and
          // a cascade of "missing key" errors; the name is most likely misspelt.
          const existing = Object.keys(cur);
          ctx.emit("override-unknown-name", overrideLoc(o, i), o.path.slice(0, i + 1), {
            message: TEXT.overrideUnknownName(o.label, key, formatPath(o.path.slice(0, i))),
            expected: TEXT.overrideUnknownNameExpected(existing),
            hint: didYouMean(closestName(key, existing)),
          });
          ok = false;
          break;
        }
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
    ctx.applied.push(o);
  }
}
