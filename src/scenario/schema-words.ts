/**
 * Zod introspection for messages: walks the scenario schema to find what a field accepts (its
 * allowed keys, number bounds, choices) and words it plainly ("a duration like 5m or seconds").
 * The words themselves live in messages.ts; this module only knows zod's definitions.
 */
import * as schemaModule from "./schema.js";
import { childOf } from "./phases/data.js";
import { alternatives, discriminatedWords, EXPECT, listWords, mappingWords, numberWords, oneOf, recordWords, type Bound } from "./messages.js";

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export interface Def {
  type: string;
  [key: string]: unknown;
}
export interface Words {
  one: string;
  many: string;
  parts?: readonly string[];
}
export const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;
const isZod = (s: unknown): boolean => typeof s === "object" && s !== null && "_zod" in s;
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"]);

/** Building blocks of schema.ts with hand-written descriptions (matched by definition, which clones made by .meta() share). */
const KNOWN_WORDS: ReadonlyMap<Def, Words> = (() => {
  const known = new Map<Def, Words>();
  const exported = schemaModule as Record<string, unknown>;
  if (isZod(exported.duration)) known.set(defOf(exported.duration), { one: EXPECT.duration, many: EXPECT.durations });
  if (isZod(exported.distribution)) {
    known.set(defOf(exported.distribution), { one: alternatives(EXPECT.distributionParts), many: EXPECT.distributions, parts: EXPECT.distributionParts });
  }
  return known;
})();

/** Hand-written words for a building block, also through clones with extra checks (`duration.refine(…)` keeps the same input side). */
function knownWords(d: Def): Words | undefined {
  const direct = KNOWN_WORDS.get(d);
  if (direct) return direct;
  if (d.type !== "pipe") return undefined;
  for (const [knownDef, words] of KNOWN_WORDS) if (knownDef.type === "pipe" && knownDef.in === d.in) return words;
  return undefined;
}

/** The schema as seen from the input: without wrappers and with pipes replaced by their input side. */
export function inputSide(s: unknown): unknown {
  for (let guard = 0; guard < 100; guard++) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type)) s = d.innerType;
    else if (d.type === "lazy") s = (d.getter as () => unknown)();
    else if (d.type === "pipe") s = defOf(d.in).type === "transform" ? d.out : d.in;
    else return s;
  }
  return s;
}

export function literalValuesOf(s: unknown): unknown[] {
  const d = defOf(inputSide(s));
  if (d.type === "literal") return d.values as unknown[];
  if (d.type === "enum") return Object.values(d.entries as Record<string, unknown>);
  return [];
}

function kindOf(s: unknown): string {
  const d = defOf(inputSide(s));
  switch (d.type) {
    case "object":
    case "record":
      return "object";
    case "array":
    case "tuple":
      return "array";
    case "enum":
      return "string";
    case "literal":
      return typeof (d.values as unknown[])[0];
    default:
      return d.type;
  }
}

function kindOfValue(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  return typeof v;
}

/** The branch of a union that applies to `value` (by discriminator, else by kind). */
function branchFor(union: unknown, value: unknown): unknown {
  const d = defOf(inputSide(union));
  const options = (d.options as unknown[]) ?? [];
  if (typeof d.discriminator === "string") {
    if (!isPlainObject(value)) return undefined;
    const tag = value[d.discriminator];
    return options.find((o) => {
      const od = defOf(inputSide(o));
      return od.type === "object" && literalValuesOf((od.shape as Record<string, unknown>)[d.discriminator as string]).includes(tag);
    });
  }
  const kind = kindOfValue(value);
  for (const o of options) {
    const k = kindOf(o);
    if (k === "union") {
      const inner = branchFor(o, value);
      if (inner) return inner;
    } else if (k === kind) return o;
  }
  return undefined;
}

/** Resolves unions against the value until a non-union schema is reached. */
export function concrete(s: unknown, value: unknown): unknown {
  for (let guard = 0; guard < 20 && s !== undefined; guard++) {
    const n = inputSide(s);
    if (defOf(n).type !== "union") return n;
    s = branchFor(n, value);
  }
  return s;
}

export function stepSchema(s: unknown, seg: string | number, value: unknown): unknown {
  const n = concrete(s, value);
  if (n === undefined) return undefined;
  const d = defOf(n);
  switch (d.type) {
    case "object": {
      const shape = d.shape as Record<string, unknown>;
      return hasOwn(shape, String(seg)) ? shape[String(seg)] : undefined;
    }
    case "record":
      return d.valueType;
    case "array":
      return typeof seg === "number" ? d.element : undefined;
    case "tuple":
      return typeof seg === "number" ? ((d.items as unknown[])[seg] ?? d.rest ?? undefined) : undefined;
    default:
      return undefined;
  }
}

/** The schema of the value at `path` in the document `root` (unions resolved against the values on the way), if any. */
export function schemaAtPath(root: unknown, path: readonly (string | number)[]): unknown {
  let s: unknown = schemaModule.scenarioSchema;
  let v: unknown = root;
  for (const seg of path) {
    s = stepSchema(s, seg, v);
    if (s === undefined) return undefined;
    v = childOf(v, seg).value;
  }
  return s;
}

export function numberBounds(s: unknown): { int: boolean; lower?: Bound; upper?: Bound } | undefined {
  const d = defOf(s);
  if (WRAPPERS.has(d.type)) return numberBounds(d.innerType);
  if (d.type === "pipe") {
    const a = numberBounds(d.in);
    const b = defOf(d.out).type === "transform" ? a && { int: false } : numberBounds(d.out);
    if (!a || !b) return undefined;
    const tighterLower = (x?: Bound, y?: Bound) => (!x ? y : !y ? x : y.value > x.value || (y.value === x.value && !y.inclusive) ? y : x);
    const tighterUpper = (x?: Bound, y?: Bound) => (!x ? y : !y ? x : y.value < x.value || (y.value === x.value && !y.inclusive) ? y : x);
    return { int: a.int || b.int, lower: tighterLower(a.lower, b.lower), upper: tighterUpper(a.upper, b.upper) };
  }
  if (d.type === "union") {
    // A number or something else (a probability or a list of them): the number's bounds.
    const numbers = ((d.options as unknown[]) ?? []).map(numberBounds).filter((b) => b !== undefined);
    return numbers.length === 1 ? numbers[0] : undefined;
  }
  if (d.type !== "number") return undefined;
  const out: { int: boolean; lower?: Bound; upper?: Bound } = { int: false };
  for (const c of (d.checks as unknown[]) ?? []) {
    const cd = defOf(c) as Def & { check?: string; value?: number; inclusive?: boolean; format?: string };
    if (cd.check === "number_format" && /int/.test(cd.format ?? "")) out.int = true;
    else if (cd.check === "greater_than" && typeof cd.value === "number") out.lower = { value: cd.value, inclusive: !!cd.inclusive };
    else if (cd.check === "less_than" && typeof cd.value === "number") out.upper = { value: cd.value, inclusive: !!cd.inclusive };
  }
  // Safe-integer formats carry their own huge bounds; they say nothing to an analyst.
  if (out.lower && out.lower.value <= Number.MIN_SAFE_INTEGER) out.lower = undefined;
  if (out.upper && out.upper.value >= Number.MAX_SAFE_INTEGER) out.upper = undefined;
  return out;
}

function regexMessage(s: unknown): string | undefined {
  for (const c of (defOf(s).checks as unknown[]) ?? []) {
    const cd = defOf(c) as Def & { check?: string; format?: string; error?: (issue: unknown) => unknown };
    if (cd.check === "string_format" && cd.format === "regex" && typeof cd.error === "function") {
      try {
        const m = cd.error({});
        const text = typeof m === "string" ? m : (m as { message?: unknown })?.message;
        if (typeof text === "string") return stripExpected(text);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function lengthChecks(s: unknown): { min?: number; max?: number; exact?: number } {
  const out: { min?: number; max?: number; exact?: number } = {};
  for (const c of (defOf(s).checks as unknown[]) ?? []) {
    const cd = defOf(c) as Def & { check?: string; minimum?: number; maximum?: number; length?: number };
    if (cd.check === "min_length") out.min = cd.minimum;
    else if (cd.check === "max_length") out.max = cd.maximum;
    else if (cd.check === "length_equals") out.exact = cd.length;
  }
  return out;
}

export function stripExpected(message: string): string {
  return message.replace(/^expected\s+/i, "");
}

export function formatLiteral(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** Plain words for what a schema accepts. */
export function describe(s: unknown, depth = 0): Words {
  if (depth > 12) return { one: EXPECT.anything, many: EXPECT.anything };
  const d = defOf(s);
  const known = knownWords(d);
  if (known) return known;
  switch (d.type) {
    case "pipe": {
      const bounds = numberBounds(s);
      if (bounds) return numberWords(bounds);
      return describe(defOf(d.in).type === "transform" ? d.out : d.in, depth + 1);
    }
    case "number":
      return numberWords(numberBounds(s) ?? { int: false });
    case "string": {
      const regex = regexMessage(s);
      if (regex) return { one: regex, many: regex };
      return (lengthChecks(s).min ?? 0) > 0 ? { one: EXPECT.nonEmptyText, many: EXPECT.texts } : { one: EXPECT.text, many: EXPECT.texts };
    }
    case "boolean":
      return { one: EXPECT.boolean, many: EXPECT.booleans };
    case "literal": {
      const values = (d.values as unknown[]).map(formatLiteral);
      return { one: alternatives(values), many: values.join("|") };
    }
    case "enum": {
      const values = Object.values(d.entries as Record<string, unknown>).map(String);
      return { one: oneOf(values), many: values.join("|") };
    }
    case "union": {
      const options = d.options as unknown[];
      if (typeof d.discriminator === "string") {
        const tags = options.flatMap((o) => literalValuesOf((defOf(inputSide(o)).shape as Record<string, unknown>)[d.discriminator as string]).map(String));
        const w = discriminatedWords(d.discriminator, tags);
        return { one: w, many: w };
      }
      const values = options.flatMap((o) => literalValuesOf(o));
      if (values.length > 0 && options.every((o) => literalValuesOf(o).length > 0)) {
        return { one: oneOf(values.map(String)), many: values.map(String).join("|") };
      }
      const parts = options.flatMap((o) => describeParts(o, depth + 1));
      const one = alternatives(parts);
      return { one, many: one, parts };
    }
    case "object":
      return { one: mappingWords(Object.keys(d.shape as object)), many: EXPECT.mappings };
    case "record":
      return { one: recordWords(describe(d.valueType, depth + 1).many), many: EXPECT.mappings };
    case "array":
      return { one: listWords(describe(d.element, depth + 1).many, lengthChecks(s)), many: "lists" };
    default:
      if (WRAPPERS.has(d.type)) return describe(d.innerType, depth + 1);
      if (d.type === "lazy") return describe((d.getter as () => unknown)(), depth + 1);
      return { one: EXPECT.anything, many: EXPECT.anything };
  }
}

export function describeParts(s: unknown, depth: number): readonly string[] {
  const n = (() => {
    let x = s;
    while (WRAPPERS.has(defOf(x).type)) x = defOf(x).innerType;
    return x;
  })();
  const w = describe(n, depth);
  if (w.parts) return w.parts;
  const d = defOf(n);
  if (d.type === "literal") return (d.values as unknown[]).map(formatLiteral);
  if (d.type === "enum") return Object.values(d.entries as Record<string, unknown>).map(formatLiteral);
  return [w.one];
}
