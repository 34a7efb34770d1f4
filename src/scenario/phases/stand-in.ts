/**
 * The stand-in scenario (between phases 4 and 5): when the schema refuses parts of the document,
 * the smallest parts that hold the refused values are cut out — a value, a list item, an entry, a
 * section — until what is left is a valid scenario, whose defaults stand in for what was cut. The
 * cross-field rules then run on it (check.ts), and each rule whose inputs overlap a cut is skipped,
 * so that the schema's errors and the rules' errors come in one pass with no error echoing another.
 *
 * Cuts are recorded in the coordinates of the original document: a list item cut out shifts the
 * items after it, so each list that lost items remembers the original index of each item kept.
 */
import { LIMITS } from "../messages.js";
import { scenarioSchema, type Scenario } from "../schema.js";
import type { Path } from "./context.js";
import { childOf, cloneData, hasOwn, isPlainObject, setOwn } from "./data.js";
import { schemaAtPath } from "../schema-words.js";
import type { Issue } from "./validate.js";

export interface StandIn {
  /** The schema's output for the document with the cuts made. */
  scenario: Scenario;
  /** The paths cut out or replaced by an empty value, in the original document's coordinates. */
  cuts: Path[];
  /** A path of the stand-in (list indexes after the cuts) in the original document's coordinates. */
  original(path: readonly (string | number)[]): Path;
}

/** Each pass cuts one level higher where the last cut was not enough; the schema is at most this deep. */
const MAX_PASSES = 12;

/** True when `a` is `b` or one of its ancestors. */
export function isPrefix(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length <= b.length && a.every((seg, i) => seg === b[i]);
}

/**
 * The document with refused parts cut out, when that leaves a valid scenario; undefined when the
 * cuts reach the top level (nothing useful is left) or the schema reported too many issues.
 * `tainted` paths count as cut although they are not: the keys that unknown keys were probably
 * meant to be (`intervalMinute: 15` means intervalMinutes, whose default would otherwise stand in).
 */
export function standIn(data: unknown, firstIssues: readonly Issue[], tainted: readonly Path[] = []): StandIn | undefined {
  if (firstIssues.length > LIMITS.schemaIssues) return undefined;
  const doc = { root: cloneData(data) };
  /** For each list that lost items: the original index of each item it still holds. */
  const kept = new WeakMap<unknown[], number[]>();
  /** Cut paths (original coordinates) and how: "cut" (removed) or "emptied" (replaced by {}, [] or a value its schema accepts). */
  const cuts = new Map<string, { path: Path; how: "cut" | "emptied" }>();

  const original = (path: readonly (string | number)[]): Path => {
    const out: Path = [];
    let node: unknown = doc.root;
    for (const seg of path) {
      out.push(Array.isArray(node) && typeof seg === "number" ? (kept.get(node)?.[seg] ?? seg) : seg);
      node = childOf(node, seg).value;
    }
    return out;
  };
  /** The current path of an original path, or undefined when part of it was cut. */
  const current = (path: Path): Path | undefined => {
    const out: Path = [];
    let node: unknown = doc.root;
    for (const seg of path) {
      let s = seg;
      if (Array.isArray(node) && typeof seg === "number") {
        const map = kept.get(node);
        if (map) s = map.indexOf(seg);
        if (s === -1) return undefined;
      }
      out.push(s);
      node = childOf(node, s).value;
    }
    return out;
  };

  let issues = firstIssues;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Decide every cut of this pass in original coordinates first: cutting a list item shifts the others.
    const planned = new Map<string, { path: Path; how: "cut" | "emptied"; empty?: unknown }>();
    for (const issue of issues) {
      const at = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
      if (issue.code === "unrecognized_keys") {
        // No rule reads an unknown key, so it is removed without a record (there may be thousands);
        // the key it was probably meant to be is among the `tainted` paths.
        const parent = valueAt(doc.root, at);
        if (isPlainObject(parent)) for (const k of (issue.keys as string[]) ?? []) delete parent[k];
        continue;
      }
      const plan = planCut(original(at), at, issue);
      if (plan === undefined) return undefined;
      planned.set(JSON.stringify(plan.path), plan);
    }
    const plans = [...planned.values()].filter((p) => ancestorIn(planned, p.path, false) === undefined);
    for (const plan of plans) {
      const at = current(plan.path);
      if (at === undefined || at.length === 0) continue;
      const parent = valueAt(doc.root, at.slice(0, -1));
      const last = at[at.length - 1];
      if (plan.how === "emptied") {
        if (isPlainObject(parent)) setOwn(parent, String(last), plan.empty);
      } else if (Array.isArray(parent) && typeof last === "number") {
        const map = kept.get(parent) ?? parent.map((_, i) => i);
        map.splice(last, 1);
        parent.splice(last, 1);
        kept.set(parent, map);
      } else if (isPlainObject(parent) && hasOwn(parent, String(last))) {
        delete parent[String(last)];
      }
      cuts.set(JSON.stringify(plan.path), { path: plan.path, how: plan.how });
    }
    // A cut that contains earlier cuts replaces them.
    for (const [key, cut] of [...cuts]) if (ancestorIn(cuts, cut.path, false)) cuts.delete(key);
    const parsed = scenarioSchema.safeParse(doc.root);
    if (parsed.success) return { scenario: parsed.data, cuts: [...[...cuts.values()].map((c) => c.path), ...tainted], original };
    issues = parsed.error.issues as unknown as Issue[];
  }
  return undefined;

  /**
   * Where to cut for an issue at `path` (original coordinates; `now` is the same path in the
   * current document): the value itself; an empty mapping or list where a required one is missing;
   * one level up when the issue lies at or under an earlier cut (that cut was not enough).
   */
  function planCut(path: Path, now: Path, issue: Issue): { path: Path; how: "cut" | "emptied"; empty?: unknown } | undefined {
    if (path.length === 0) return undefined; // the top level itself is refused: nothing to stand on
    const earlier = ancestorIn(cuts, path, true);
    const present = childOf(valueAt(doc.root, now.slice(0, -1)), now[now.length - 1]).present;
    if (earlier === undefined || (earlier.how === "cut" && earlier.path.length === path.length)) {
      // A required value: an empty mapping or list, or any value its schema accepts, keeps the entry's other fields checked.
      const empty = present ? undefined : issue.code === "invalid_type" ? (emptyOf(issue.expected) ?? acceptedValue(now)) : acceptedValue(now);
      if (empty !== undefined) return { path, how: "emptied", empty };
      if (!present) return path.length > 1 ? { path: path.slice(0, -1), how: "cut" } : undefined;
      return path.length > 0 ? { path, how: "cut" } : undefined;
    }
    return earlier.path.length > 1 ? { path: earlier.path.slice(0, -1), how: "cut" } : undefined;
  }

  /** The first of a few plain values that the schema accepts at this path of the document, if any. */
  function acceptedValue(now: Path): unknown {
    const schema = schemaAtPath(doc.root, now);
    if (schema === undefined) return undefined;
    const s = schema as { safeParse(v: unknown): { success: boolean } };
    return STAND_IN_VALUES.find((v) => s.safeParse(v).success);
  }
}

/** Values tried as stand-ins for a required value; the rules that read it are skipped (check.ts), so which one is used does not matter. */
const STAND_IN_VALUES: readonly unknown[] = [1, 0, "x", "00:00", true, false];

function emptyOf(expected: unknown): unknown {
  return expected === "record" || expected === "object" ? {} : expected === "array" ? [] : undefined;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const seg of path) node = childOf(node, seg).value;
  return node;
}

/**
 * The entry of `map` (keyed by JSON paths) at an ancestor of `path`, or at `path` itself when
 * `orSelf`: looked up level by level, since a mapping may have had thousands of unknown keys cut.
 */
function ancestorIn<T>(map: Map<string, T>, path: Path, orSelf: boolean): T | undefined {
  for (let n = 0; n < path.length + (orSelf ? 1 : 0); n++) {
    const hit = map.get(JSON.stringify(path.slice(0, n)));
    if (hit !== undefined) return hit;
  }
  return undefined;
}
