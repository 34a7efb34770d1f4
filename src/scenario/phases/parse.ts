/**
 * Phase 2, parse: text → a YAML document with source ranges and its plain data. Syntax errors,
 * duplicate keys, complex keys, alias bombs and recursive aliases are reported at their line;
 * a root that is not a mapping, or an empty file, stops here.
 */
import { type Document, LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from "yaml";
import { EXPECT, FOUND, LIMITS, shorten, TEXT, YAML_HINTS } from "../messages.js";
import type { FileLayer, LoadContext, Path, Position } from "./context.js";
import { cloneData, isPlainObject, jsonish } from "./data.js";

export function pos(layer: FileLayer, offset: number): Position {
  const p = layer.lines.linePos(offset);
  return { file: layer.file, line: Math.max(1, p.line), column: Math.max(1, p.col) };
}

export function parseYaml(ctx: LoadContext, file: string, text: string): { layer: FileLayer; data: Record<string, unknown> } | undefined {
  const lines = new LineCounter();
  // Refuse absurd nesting before the recursive parser sees it.
  const deep = tooDeepAt(text, LIMITS.nesting);
  if (deep !== undefined) {
    lines.addNewLine(0);
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
    const p = lines.linePos(deep);
    ctx.emit("too-deeply-nested", { file, line: Math.max(1, p.line), column: Math.max(1, p.col) }, [], { message: TEXT.tooDeep(LIMITS.nesting) });
    return undefined;
  }
  // uniqueKeys is checked here, not by yaml: its check compares each key with every earlier one
  // (quadratic: 40,000 keys took 100 s); duplicateKeys uses one set per mapping.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true, resolveKnownTags: false, logLevel: "error" });
  const layer: FileLayer = { file, text, doc, lines };
  // A tab in the indentation misaligns everything after it: report the tabs, not their echoes
  // (misaligned items, keys that now look repeated), which go away once the tabs are spaces.
  // Inside a flow list ([…] over several lines) yaml calls the same tab a bad indent instead: the
  // first tab-indented line at or before the first error is then the cause of the errors after it.
  const tabAt = doc.errors.length > 0 && !doc.errors.some((e) => e.code === "TAB_AS_INDENT") ? tabIndentBefore(text, Math.min(...doc.errors.map((e) => e.pos[0]))) : undefined;
  const tabs = tabAt !== undefined || doc.errors.some((e) => e.code === "TAB_AS_INDENT");
  const causes = tabAt !== undefined
    ? [{ code: "TAB_AS_INDENT" as const, pos: [tabAt, tabAt + 1], message: "Tabs are not allowed as indentation" }, ...doc.errors.filter((e) => e.code === "MULTIPLE_DOCS" || e.pos[0] < tabAt)]
    : tabs ? doc.errors.filter((e) => e.code === "TAB_AS_INDENT" || e.code === "MULTIPLE_DOCS") : doc.errors;
  for (const e of causes) {
    const at = pos(layer, e.pos[0]);
    const message = e.code === "MULTIPLE_DOCS" ? TEXT.multipleDocuments : TEXT.yamlSyntax(e.message);
    ctx.emit("yaml-syntax", at, pathAtOffset(layer, e.pos[0]), { message, hint: YAML_HINTS[e.code] });
  }
  // One walk over the nodes finds repeated keys (named at their second appearance), complex
  // keys and whether there are aliases at all (yaml's `visit` copies the ancestor list at every
  // node: three visits were a fifth of the time on a 1 MB file).
  const shape = tabs ? { duplicates: [], complexKeys: [], aliases: false } : scanNodes(doc.contents);
  for (const d of shape.duplicates) {
    ctx.emit("duplicate-key", pos(layer, d.offset), pathAtOffset(layer, d.offset), { message: TEXT.duplicateKey(shorten(d.key)), hint: TEXT.duplicateKeyHint });
  }
  for (const w of doc.warnings) {
    ctx.emit("yaml-warning", pos(layer, w.pos[0]), pathAtOffset(layer, w.pos[0]), { message: TEXT.yamlWarning(w.message) });
  }
  if (doc.errors.length > 0 || shape.duplicates.length > 0) return undefined;
  for (const offset of shape.complexKeys) ctx.emit("complex-key", pos(layer, offset), pathAtOffset(layer, offset), { message: TEXT.complexKey });
  if (shape.complexKeys.length > 0) return undefined;

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const aliasAt = firstAlias(doc);
    const at = aliasAt === undefined ? { file, line: 1, column: 1 } : pos(layer, aliasAt);
    if (e instanceof ReferenceError && /alias/i.test(message)) ctx.emit("yaml-alias-limit", at, [], { message: TEXT.aliasLimit, hint: TEXT.aliasLimitHint });
    else ctx.emit("yaml-syntax", at, [], { message: TEXT.yamlSyntax(message) });
    return undefined;
  }
  // Only aliases share or loop back to a value: without them toJS's tree is already a fresh copy.
  if (!shape.aliases) return rootMapping(ctx, layer, doc, data);
  if (isCyclic(data)) {
    const offset = recursiveAlias(doc) ?? 0;
    ctx.emit("recursive-alias", pos(layer, offset), pathAtOffset(layer, offset), { message: TEXT.recursiveAlias });
    return undefined;
  }
  return rootMapping(ctx, layer, doc, cloneData(data));
}

function rootMapping(ctx: LoadContext, layer: FileLayer, doc: Document.Parsed, data: unknown): { layer: FileLayer; data: Record<string, unknown> } | undefined {
  const file = layer.file;
  if (data === null || data === undefined) {
    ctx.emit("empty-file", { file, line: 1, column: 1 }, [], { message: TEXT.emptyFile(file) });
    return undefined;
  }
  if (!isPlainObject(data)) {
    const offset = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    ctx.emit("root-not-mapping", pos(layer, offset), [], {
      message: TEXT.rootNotMapping,
      // A text root is most likely not a scenario at all (/etc/passwd): describe it, never quote it.
      found: Array.isArray(data) ? FOUND.blockList(data.length) : typeof data === "string" ? FOUND.textOf(data.length) : jsonish(data),
      expected: EXPECT.mapping,
    });
    return undefined;
  }
  return { layer, data };
}

export function firstAlias(doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias: (_, node) => {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

export function recursiveAlias(doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias: (_, node, ancestors) => {
      const source = node.resolve(doc);
      if (source && (ancestors as readonly unknown[]).includes(source)) {
        offset = node.range?.[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

/** The key path of the innermost pair whose key or value contains `offset` (for syntax errors). */
export function pathAtOffset(layer: FileLayer, offset: number): Path {
  const path: Path = [];
  let node: unknown = layer.doc.contents;
  for (let guard = 0; guard < 200; guard++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const start = (p.key as { range?: number[] } | null)?.range?.[0] ?? Infinity;
        const end = (p.value as { range?: number[] } | null)?.range?.[2] ?? (p.key as { range?: number[] } | null)?.range?.[2] ?? -1;
        return start <= offset && offset < end;
      });
      if (!pair || !isScalar(pair.key) || typeof pair.key.value === "symbol") return path;
      path.push(String(pair.key.value));
      const keyEnd = (pair.key as { range?: number[] }).range?.[1] ?? 0;
      if (offset < keyEnd) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => {
        const r = (it as { range?: number[] } | null)?.range;
        return !!r && r[0] <= offset && offset < r[2];
      });
      if (i < 0) return path;
      path.push(i);
      node = node.items[i];
    } else return path;
  }
  return path;
}

function isCyclic(root: unknown): boolean {
  const onPath = new Set<object>();
  const done = new Set<object>();
  const visitValue = (v: unknown): boolean => {
    if (typeof v !== "object" || v === null) return false;
    if (onPath.has(v)) return true;
    if (done.has(v)) return false;
    onPath.add(v);
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (visitValue(c)) return true;
    onPath.delete(v);
    done.add(v);
    return false;
  };
  return visitValue(root);
}

/** Keys that appear twice in one mapping (at their second appearance), keys that are lists or mappings, and whether any alias is used. */
function scanNodes(root: unknown): { duplicates: { key: string; offset: number }[]; complexKeys: number[]; aliases: boolean } {
  const duplicates: { key: string; offset: number }[] = [];
  const complexKeys: number[] = [];
  let aliases = false;
  const offsetOf = (n: unknown) => (n as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  // Nesting is bounded (tooDeepAt ran first), so recursion is safe.
  const scan = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const k = pair.key;
        if (isScalar(k)) {
          // `<<` merge keys (symbols) may repeat; 1 and "1" are different keys, as for yaml.
          if (typeof k.value !== "symbol") {
            const id = `${typeof k.value}:${String(k.value)}`;
            if (seen.has(id)) duplicates.push({ key: String(k.value), offset: offsetOf(k) });
            seen.add(id);
          }
        } else if (isMap(k) || isSeq(k)) complexKeys.push(offsetOf(k));
        else if (isAlias(k)) aliases = true;
        if (k !== null && !isScalar(k)) scan(k);
        scan(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) scan(item);
    else if (isAlias(node)) aliases = true;
  };
  scan(root);
  return { duplicates, complexKeys, aliases };
}

/**
 * The offset where flow collections ([…], {…}) nest deeper than `limit`, or where a block is
 * indented absurdly far (which nests as deep), else undefined. Quotes and comments are skipped.
 */
function tooDeepAt(text: string, limit: number): number | undefined {
  let depth = 0;
  let quote = "";
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = "";
      continue;
    }
    if (ch === "\n") {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (ch === " ") {
        if (++indent > 4 * limit) return i;
        continue;
      }
      lineStart = false;
    }
    if (ch === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf("\n", i);
      if (end < 0) break;
      i = end - 1;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[" || ch === "{") {
      if (++depth > limit) return i;
    } else if (ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * The offset of the first tab in a line's leading whitespace, on a line that starts at or before
 * `offset` (and after the previous error-free text: the line the first error is on, or one before).
 */
function tabIndentBefore(text: string, offset: number): number | undefined {
  const lineOf = (o: number) => text.lastIndexOf("\n", o - 1) + 1;
  // The error's own line and the line before it (yaml often reports a bad indent at the next token).
  const own = lineOf(Math.min(offset, text.length));
  const starts = own > 0 ? [lineOf(own - 1), own] : [own];
  for (const start of starts) {
    for (let i = start; i < text.length && (text[i] === " " || text[i] === "\t"); i++) if (text[i] === "\t") return i;
  }
  return undefined;
}
