/**
 * Positions: where the value at a path is defined — the last override that set it, else the most
 * derived file that has it (through YAML aliases and merge keys), else its closest parent — and
 * the source text to quote as "found".
 */
import { type Document, isAlias, isMap, isScalar, isSeq } from "yaml";
import { FOUND, shorten } from "../messages.js";
import type { Override } from "../overrides.js";
import type { FileLayer, LoadContext, Loc } from "./context.js";
import { childOf, jsonish } from "./data.js";
import { pos } from "./parse.js";

interface Walk {
  depth: number;
  node: unknown;
  key: unknown;
  complete: boolean;
  stoppedAtValue: boolean;
}

/**
 * Where an override is shown: its --set text, at the value after "=" (at the "=" when the value is
 * empty, never past the text), or at path segment `segment` when the problem is a name in the path.
 */
export function overrideLoc(o: Override, segment?: number): Loc {
  const eq = o.label.indexOf("=");
  let column = 1;
  if (eq >= 0) {
    const value = o.label.slice(eq + 1);
    column = value.trim() === "" ? eq + 1 : eq + 2 + (value.length - value.trimStart().length);
  }
  if (segment !== undefined && eq >= 0) {
    // Segments in order within the path text (written with dots or [i]); the label starts with "--set ".
    let at = o.label.indexOf(" ") + 1;
    for (let i = 0; i <= segment && i < o.path.length && at > 0; i++) {
      const found = o.label.indexOf(String(o.path[i]), at);
      if (found < 0 || found >= eq) break;
      if (i === segment) column = found + 1;
      at = found + String(o.path[i]).length;
    }
  }
  return { file: o.label, line: 1, column, override: o, complete: true };
}

export function deref(doc: Document.Parsed, node: unknown): unknown {
  for (let guard = 0; guard < 100 && isAlias(node); guard++) node = node.resolve(doc);
  return node;
}

type Pair = { key: unknown; value: unknown };
/** Each mapping's pairs by key name, built on first lookup: locating n keys of one mapping is linear, not quadratic. */
const pairIndex = new WeakMap<object, Map<string, Pair>>();

export function findPair(doc: Document.Parsed, map: unknown, name: string, depth: number): Pair | undefined {
  if (!isMap(map)) return undefined;
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const k = pair.key;
      // The first pair of a name wins, as a scan from the start would find it.
      if (isScalar(k) && typeof k.value !== "symbol" && !index.has(String(k.value))) index.set(String(k.value), pair);
    }
    pairIndex.set(map, index);
  }
  const direct = index.get(name);
  if (direct) return direct;
  if (depth > 10) return undefined;
  for (const pair of map.items) {
    if (!(isScalar(pair.key) && typeof pair.key.value === "symbol")) continue; // `<<` merge keys
    const source = deref(doc, pair.value);
    const sources = isSeq(source) ? source.items.map((it) => deref(doc, it)) : [source];
    for (const s of sources) {
      const found = findPair(doc, s, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

export function walk(layer: FileLayer, path: readonly (string | number)[]): Walk {
  let node: unknown = layer.doc.contents;
  let key: unknown = null;
  for (let i = 0; i < path.length; i++) {
    const n = deref(layer.doc, node);
    const seg = path[i];
    if (isMap(n)) {
      const pair = findPair(layer.doc, n, String(seg), 0);
      if (!pair) return { depth: i, node, key, complete: false, stoppedAtValue: false };
      key = pair.key;
      node = pair.value ?? null;
    } else if (isSeq(n) && typeof seg === "number" && seg < n.items.length) {
      key = null;
      node = n.items[seg];
    } else return { depth: i, node, key, complete: false, stoppedAtValue: true };
  }
  return { depth: path.length, node, key, complete: true, stoppedAtValue: false };
}

export function nodeLoc(layer: FileLayer, w: Walk, mode: "key" | "value"): Loc {
  const offsetOf = (n: unknown) => (n as { range?: [number, number, number] } | null)?.range?.[0];
  const node = w.node as { range?: [number, number, number] } | null;
  const emptyValue = node === null || (isScalar(node) && node.value === null && node.range !== undefined && node.range[0] === node.range[1]);
  let offset: number | undefined;
  if (!w.complete) offset = offsetOf(w.key) ?? offsetOf(w.node);
  else if (mode === "key") offset = offsetOf(w.key) ?? offsetOf(w.node);
  else offset = emptyValue ? (offsetOf(w.key) ?? offsetOf(w.node)) : offsetOf(w.node);
  const p = offset === undefined ? { file: layer.file, line: 1, column: 1 } : pos(layer, offset);
  return { ...p, layer, node: w.complete ? w.node : undefined, complete: w.complete };
}

export function locateIn(layer: FileLayer, path: readonly (string | number)[], mode: "key" | "value"): Loc {
  return nodeLoc(layer, walk(layer, path), mode);
}

/**
 * Where the value at `path` is defined: the last override that set it or a parent of it, else
 * the most derived file that has it; for a missing key, the closest existing parent mapping.
 */
export function locate(ctx: LoadContext, path: readonly (string | number)[], mode: "key" | "value"): Loc {
  // A value read from a CSV file is located at its cell, not at the scenario line naming the file.
  let cur: unknown = ctx.data;
  for (let i = 0; i < path.length && typeof cur === "object" && cur !== null; i++) {
    const cellAt = ctx.cellOf.get(cur);
    if (cellAt && typeof path[i] === "number") {
      const cell = cellAt(path[i] as number);
      if (cell) return { ...cell, complete: false };
    }
    cur = childOf(cur, path[i]).value;
  }
  for (let i = ctx.applied.length - 1; i >= 0; i--) {
    const o = ctx.applied[i];
    if (o.path.length <= path.length && o.path.every((seg, j) => String(seg) === String(path[j]))) return overrideLoc(o);
  }
  let best: { layer: FileLayer; walk: Walk } | undefined;
  let deepest = -1;
  // A key a base file has but the merged scenario lost (a distribution replaced whole) is missing, not there.
  const gone = path.length > 0 && !valueAt(ctx, path).present;
  for (const layer of ctx.layers) {
    const w = walk(layer, path);
    if (w.complete && gone) {
      // Removed here with null: show that line. Replaced whole by a more derived file: the parent mapping.
      if (w.node === null || (isScalar(w.node) && w.node.value === null)) return nodeLoc(layer, w, mode);
      const parent = walk(layer, path.slice(0, -1));
      if (parent.depth > deepest) {
        best = { layer, walk: parent };
        deepest = parent.depth;
      }
      continue;
    }
    if (w.complete) return nodeLoc(layer, w, mode);
    if (w.stoppedAtValue) {
      // This file holds a single value (or list) here that replaced everything below it in its bases.
      if (w.depth > deepest) return nodeLoc(layer, w, mode);
      break;
    }
    if (w.depth > deepest) {
      best = { layer, walk: w };
      deepest = w.depth;
    }
  }
  let bestOverride: Override | undefined;
  let overrideDepth = deepest;
  for (const o of ctx.applied) {
    let common = 0;
    while (common < o.path.length && common < path.length && String(o.path[common]) === String(path[common])) common++;
    if (common > overrideDepth) {
      bestOverride = o;
      overrideDepth = common;
    }
  }
  // A name of the override's own path that the scenario lacks (`stafing` in agentGroups.a.stafing.constant): at that name.
  if (bestOverride) return { ...overrideLoc(bestOverride, path.length <= overrideDepth && overrideDepth < bestOverride.path.length ? path.length - 1 : undefined), complete: false };
  if (best) return nodeLoc(best.layer, best.walk, mode);
  return { file: ctx.mainFile, line: 1, column: 1, complete: false };
}

/** The source text of the value at `loc` (shortened), or a description of `value`. */
export function foundText(loc: Loc, value: unknown): string {
  if (loc.override) return jsonish(value);
  const layer = loc.layer;
  const node = loc.node as { range?: [number, number, number] } | null | undefined;
  if (!layer || !loc.complete || node === undefined) return jsonish(value);
  if (node === null) return FOUND.empty;
  const r = node.range;
  if (isScalar(node)) {
    const src = r ? layer.text.slice(r[0], r[1]) : String(node.value);
    return src.trim() === "" ? FOUND.empty : shorten(src);
  }
  if ((isMap(node) || isSeq(node)) && node.flow && r) return shorten(layer.text.slice(r[0], r[1]));
  if (isMap(node)) return FOUND.blockMapping(node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : "?")));
  if (isSeq(node)) return FOUND.blockList(node.items.length);
  if (isAlias(node) && r) return shorten(layer.text.slice(r[0], r[1]));
  return jsonish(value);
}

export function valueAt(ctx: LoadContext, path: readonly (string | number)[]): { present: boolean; value: unknown } {
  let cur: { present: boolean; value: unknown } = { present: true, value: ctx.data };
  for (const seg of path) {
    cur = childOf(cur.value, seg);
    if (!cur.present) return cur;
  }
  return cur;
}
