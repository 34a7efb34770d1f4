/**
 * Part of phase 4, validate: one error for a missing parent key. A line like `volume:` or
 * `agentGroups:` left out makes the schema see its children in the wrong place, and report the
 * parent as missing plus every child as unknown (and, for a whole entry, every key the entry's
 * new place requires). Those are one cause, so they become one error at the first orphaned
 * child (or at the misplaced entry's name), which names the parent to add.
 */
import type { Diagnostic } from "../diagnostics.js";
import { formatPath } from "../paths.js";
import { TEXT } from "../messages.js";
import type { LoadContext, Path, Position } from "./context.js";
import { isPlainObject } from "./data.js";
import { locate, valueAt } from "./locate.js";
import { isPrefix } from "./stand-in.js";
import { allowedKeysAt } from "./validate.js";

/** Merges, among the diagnostics from index `from` on, each missing key's diagnostic with those of its orphaned children. */
export function mergeOrphans(ctx: LoadContext, from: number): void {
  const mine = ctx.diagnostics.slice(from);
  const unknown = mine.filter((d) => d.code === "unknown-key" && d.message.startsWith("unknown key"));
  // By the mapping they stand in (computed once: a file may have thousands of unknown keys).
  const byParent = new Map<string, Diagnostic[]>();
  for (const u of unknown) {
    const key = JSON.stringify(u.path.slice(0, -1));
    const list = byParent.get(key);
    if (list) list.push(u);
    else byParent.set(key, [u]);
  }
  const drop = new Set<Diagnostic>();
  const merged: Diagnostic[] = [];
  for (const missing of mine.filter((d) => d.code === "missing-key")) {
    if (drop.has(missing)) continue;
    const path = missing.path;
    const key = String(path[path.length - 1]);
    const where = path.length > 1 ? formatPath(path.slice(0, -1)) : TEXT.topLevel;
    // Its children written beside it: `calls: { perHour: 100 }` for `calls: { volume: { perHour: 100 } }`.
    const keys = allowedKeysAt(ctx, path);
    const beside = byParent.get(JSON.stringify(path.slice(0, -1))) ?? [];
    const children = keys ? beside.filter((u) => !drop.has(u) && keys.includes(String(u.path[u.path.length - 1]))) : [];
    if (children.length > 0) {
      const names = children.map((c) => String(c.path[c.path.length - 1]));
      merged.push(replace(missing, children[0], TEXT.childrenWithoutParent(key, names), TEXT.childrenWithoutParentHint(key, names, where)));
      for (const d of [missing, ...children]) drop.add(d);
      continue;
    }
    // A whole entry written in another section: `agents: { skills: …, staffing: … }` under contactTypes when `agentGroups:` is missing.
    const entryKeys = allowedKeysAt(ctx, [...path, "\u0000entry"]);
    if (!entryKeys) continue;
    const entries: Path[] = [];
    for (const [entry, inEntry] of byParent) {
      const entryPath = JSON.parse(entry) as Path;
      if (entryPath.length === 0 || isPrefix(entryPath, path)) continue;
      const value = valueAt(ctx, entryPath).value;
      if (!isPlainObject(value)) continue;
      const own = inEntry.filter((u) => !drop.has(u));
      const written = Object.keys(value);
      // Every key of the entry is unknown where it stands and known in an entry of the missing section.
      if (own.length !== written.length || !written.every((k) => entryKeys.includes(k))) continue;
      entries.push(entryPath);
      for (const d of own) drop.add(d);
      // The keys its wrong place requires are echoes of the same cause.
      for (const d of mine) if (d.code === "missing-key" && isPrefix(entryPath, d.path)) drop.add(d);
    }
    if (entries.length === 0) continue;
    // Every entry that lost its section is the same one cause: one error, at the first of them.
    const first = entries.map((e) => ({ e, at: locate(ctx, e, "key") })).sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column)[0];
    const names = entries.map((e) => String(e[e.length - 1]));
    merged.push(replace(missing, first.at, TEXT.entryWithoutSection(names, key), TEXT.entryWithoutSectionHint(names, key, where)));
    drop.add(missing);
  }
  if (drop.size === 0) return;
  const kept = ctx.diagnostics.filter((d) => !drop.has(d));
  ctx.diagnostics.length = 0;
  ctx.diagnostics.push(...kept, ...merged);
}

/** The missing key's diagnostic, placed at the orphan (where the fix goes) and worded for it. */
function replace(missing: Diagnostic, at: Position, message: string, hint: string): Diagnostic {
  const d: Diagnostic = { ...missing, file: at.file, line: at.line, column: at.column, message, hint };
  delete d.found;
  return d;
}
