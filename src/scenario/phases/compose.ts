/**
 * Phase 3a, compose: a file and the chain of files it `extends` → one merged document. The
 * extending file wins, mappings merge, lists and other values replace, null removes a key.
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { LIMITS, TEXT } from "../messages.js";
import { closestName } from "../suggest.js";
import type { FileLayer, LoadContext, Path } from "./context.js";
import { hasOwn, isPlainObject, setOwn } from "./data.js";
import { foundText, locateIn } from "./locate.js";
import { distributionBase } from "../merge-distribution.js";
import { parseYaml } from "./parse.js";
import { read } from "./read.js";

export function loadChain(ctx: LoadContext, file: string, text: string, chain: readonly string[], shown: readonly string[]): Record<string, unknown> | undefined {
  const parsed = parseYaml(ctx, file, text);
  if (!parsed) return undefined;
  const { layer, data } = parsed;
  ctx.layers.push(layer);
  const ext = hasOwn(data, "extends") ? data.extends : undefined;
  if (typeof ext !== "string" || ext === "") return data; // other types are reported by the schema
  const target = isAbsolute(ext) ? ext : join(dirname(file), ext);
  const absolute = resolve(target);
  const at = locateIn(layer, ["extends"], "value");
  const cycleStart = chain.indexOf(absolute);
  if (cycleStart >= 0) {
    ctx.emit("extends-cycle", at, ["extends"], {
      message: TEXT.extendsCycle([...shown.slice(cycleStart), target]),
      found: foundText(at, ext),
      hint: TEXT.extendsCycleHint,
    });
    return undefined;
  }
  const baseText = read(ctx, target, LIMITS.scenarioBytes, at, ["extends"], file);
  if (baseText === undefined) return undefined;
  const base = loadChain(ctx, target, baseText, [...chain, absolute], [...shown, target]);
  if (base === undefined) return undefined;
  return mergeOver(ctx, base, data, layer, []);
}

/** `over` on top of `base`: mappings merge, the rest (lists included) replaces, null removes. */
export function mergeOver(ctx: LoadContext, base: Record<string, unknown>, over: Record<string, unknown>, layer: FileLayer, prefix: Path): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(base)) setOwn(out, k, base[k]);
  for (const k of Object.keys(over)) {
    const v = over[k];
    if (v === null) {
      if (hasOwn(out, k)) delete out[k];
      else {
        const at = locateIn(layer, [...prefix, k], "key");
        ctx.emit("null-removes-nothing", at, [...prefix, k], {
          message: TEXT.nullRemovesNothing(k),
          hint: TEXT.nullRemovesNothingHint(closestName(k, Object.keys(base))),
        });
      }
      continue;
    }
    const b = hasOwn(out, k) ? out[k] : undefined;
    setOwn(out, k, isPlainObject(v) ? mergeOver(ctx, isPlainObject(b) ? distributionBase(b, v) : {}, v, layer, [...prefix, k]) : v);
  }
  return out;
}
