/**
 * Phase 4, validate: the merged document against the zod schema (which also normalises it:
 * defaults filled, durations in seconds). Each zod issue becomes one located diagnostic in
 * plain words; unions report the branch the value was meant for, not every branch.
 */
import { didYouMean, EXPECT, isKnownCode, LIMITS, numberWords, oneOf, shorten, TEXT } from "../messages.js";
import { formatPath } from "../paths.js";
import { parseDuration, scenarioSchema, type Scenario } from "../schema.js";
import { concrete, defOf, describe, describeParts, formatLiteral, numberBounds, schemaAtPath, stripExpected } from "../schema-words.js";
import { closestName } from "../suggest.js";
import { isMap, isScalar } from "yaml";
import type { LoadContext, Loc, Path } from "./context.js";
import { mergeOrphans } from "./misplaced.js";
import { deref, foundText, locate, valueAt, walk } from "./locate.js";

/**
 * The schema's output (normalised: defaults filled, durations in seconds), or zod's issues after
 * reporting each of them (the stand-in phase cuts the refused parts out with them).
 */
export function validateSchema(ctx: LoadContext): { scenario: Scenario } | { issues: Issue[] } {
  const parsed = scenarioSchema.safeParse(ctx.data);
  if (parsed.success) return { scenario: parsed.data };
  const issues = parsed.error.issues as unknown as Issue[];
  const from = ctx.diagnostics.length;
  for (const issue of issues.slice(0, LIMITS.schemaIssues)) convertIssue(ctx, issue, []);
  mergeOrphans(ctx, from);
  if (issues.length > LIMITS.schemaIssues) {
    ctx.emit("too-many-errors", { file: ctx.mainFile, line: 1, column: 1 }, [], { message: TEXT.tooManyErrors(issues.length - LIMITS.schemaIssues), hint: TEXT.tooManyErrorsHint });
  }
  return { issues };
}

/** A zod issue, read loosely (its extra fields depend on the code). */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  [key: string]: unknown;
}

export function schemaAt(ctx: LoadContext, path: readonly (string | number)[]): unknown {
  return schemaAtPath(ctx.data, path);
}

export function expectedAt(ctx: LoadContext, path: readonly (string | number)[]): string | undefined {
  const s = schemaAt(ctx, path);
  return s === undefined ? undefined : describe(s).one;
}

export function allowedKeysAt(ctx: LoadContext, path: readonly (string | number)[]): string[] | undefined {
  const s = schemaAt(ctx, path);
  if (s === undefined) return undefined;
  const n = concrete(s, valueAt(ctx, path).value);
  return n !== undefined && defOf(n).type === "object" ? Object.keys(defOf(n).shape as object) : undefined;
}

export function durationHint(ctx: LoadContext, path: readonly (string | number)[], value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const seconds = parseDuration(value);
  if (seconds === null) return undefined;
  const s = schemaAt(ctx, path);
  const accepts = s === undefined ? [] : describeParts(s, 0);
  return accepts.some((p) => /seconds/.test(p) && !/duration like|unit/.test(p)) ? TEXT.durationHint(seconds, value) : undefined;
}

/**
 * The exact value to write for a share or service level typed as people say it: "80%" and
 * "0,8" where a number between 0 and 1 is expected, "80/20" for a service level.
 */
function shareHint(ctx: LoadContext, path: Path, value: unknown, expectedType: string): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const ratio = /^(\d+(?:\.\d+)?)\s*%?\s*\/\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (ratio && Number(ratio[1]) <= 100) {
    const target = Number((Number(ratio[1]) / 100).toPrecision(12));
    const keys = expectedType === "object" ? (allowedKeysAt(ctx, path) ?? []) : [];
    if (keys.includes("target") && keys.includes("thresholdSeconds")) return TEXT.ratioHint(target, Number(ratio[2]), true);
    if (expectedType === "number") return TEXT.ratioHint(target, Number(ratio[2]), false);
    return undefined;
  }
  if (expectedType !== "number") return undefined;
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return TEXT.percentHint(text, Number((Number(percent[1]) / 100).toPrecision(12)));
  const comma = /^(\d+),(\d+)$/.exec(text);
  if (comma) return TEXT.decimalCommaHint(`${comma[1]}.${comma[2]}`);
  return undefined;
}

export function convertIssue(ctx: LoadContext, issue: Issue, prefix: Path): void {
  const path: Path = [...prefix, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
  const { present, value } = valueAt(ctx, path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeysAt(ctx, path);
      const keys = (issue.keys as string[]) ?? [];
      for (const [n, key] of keys.entries()) {
        const keyPath = [...path, key];
        if (n === LIMITS.unknownKeysPerMapping) {
          // Thousands of unknown keys are one cause (a wrong file, a wrong level): list some, count the rest.
          ctx.emit("unknown-key", locate(ctx, keyPath, "key"), keyPath, { message: TEXT.moreUnknownKeys(keys.length - n), expected: allowed ? TEXT.unknownKeyExpected(allowed) : undefined });
          break;
        }
        const suggestion = allowed ? closestName(key, allowed) : undefined;
        if (suggestion) ctx.suggestedKeys.add(JSON.stringify([...path, suggestion]));
        const loc = locate(ctx, keyPath, "key");
        ctx.emit("unknown-key", loc, keyPath, {
          message: TEXT.unknownKey(key),
          expected: allowed ? TEXT.unknownKeyExpected(allowed) : undefined,
          hint: didYouMean(suggestion) ?? (splitByComma(loc, path) ? TEXT.flowCommaHint : undefined),
        });
      }
      return;
    }
    case "invalid_union":
      convertUnion(ctx, issue, path, present, value);
      return;
    case "invalid_key": {
      const key = String(path[path.length - 1]);
      const inner = ((issue.issues as Issue[]) ?? [])[0];
      ctx.emit("invalid-name", locate(ctx, path, "key"), path, {
        message: TEXT.invalidName(key),
        found: shorten(key),
        expected: inner?.message?.startsWith("expected") ? stripExpected(inner.message) : TEXT.nameExpected,
        hint: /\s/.test(key) ? "use '_' or '-' instead of spaces" : undefined,
      });
      return;
    }
    case "invalid_type": {
      if (!present) return missingKey(ctx, path, expectedAt(ctx, path) ?? `a ${String(issue.expected)}`);
      const loc = locate(ctx, path, "value");
      const expected = expectedAt(ctx, path) ?? `a ${String(issue.expected)}`;
      if (issue.expected === "int") {
        ctx.emit("not-integer", loc, path, { message: TEXT.notInteger, found: foundText(loc, value), expected });
      } else {
        ctx.emit("wrong-type", loc, path, { message: TEXT.wrongType, found: foundText(loc, value), expected, hint: durationHint(ctx, path, value) ?? shareHint(ctx, path, value, String(issue.expected)) });
      }
      return;
    }
    case "too_small":
    case "too_big": {
      const loc = locate(ctx, path, "value");
      const found = foundText(loc, value);
      if (issue.origin === "array" || issue.origin === "string") {
        const n = issue.code === "too_small" ? (issue.minimum as number) : (issue.maximum as number);
        const empty = issue.origin === "string";
        const bound = issue.exact ? `exactly ${n}` : issue.code === "too_small" ? `at least ${n}` : `at most ${n}`;
        ctx.emit("wrong-length", loc, path, {
          message: empty ? TEXT.emptyText : TEXT.wrongLength,
          found,
          expected: expectedAt(ctx, path) ?? (empty ? EXPECT.nonEmptyText : `${bound} items`),
        });
        return;
      }
      const s = schemaAt(ctx, path);
      const bounds = s === undefined ? undefined : numberBounds(s);
      const fromIssue = numberWords({
        int: false,
        ...(issue.code === "too_small"
          ? { lower: { value: Number(issue.minimum), inclusive: !!issue.inclusive } }
          : { upper: { value: Number(issue.maximum), inclusive: !!issue.inclusive } }),
      }).one;
      const isShare = bounds?.lower?.value === 0 && bounds.upper?.value === 1;
      const hint = isShare && typeof value === "number" && value > 1 && value <= 100 ? TEXT.percentHint(String(value), value / 100) : undefined;
      ctx.emit("out-of-range", loc, path, { message: TEXT.outOfRange, found, expected: bounds ? numberWords(bounds).one : fromIssue, hint });
      return;
    }
    case "not_multiple_of": {
      const loc = locate(ctx, path, "value");
      ctx.emit("out-of-range", loc, path, { message: TEXT.outOfRange, found: foundText(loc, value), expected: `a multiple of ${String(issue.divisor)}` });
      return;
    }
    case "invalid_format": {
      const loc = locate(ctx, path, "value");
      const own = issue.message.startsWith("expected") ? stripExpected(issue.message) : undefined;
      ctx.emit("invalid-format", loc, path, {
        message: TEXT.invalidFormat,
        found: foundText(loc, value),
        expected: own ?? expectedAt(ctx, path) ?? stripExpected(issue.message),
      });
      return;
    }
    case "invalid_value": {
      if (!present) return missingKey(ctx, path, expectedAt(ctx, path) ?? oneOf(((issue.values as unknown[]) ?? []).map(String)));
      const values = ((issue.values as unknown[]) ?? []).map(String);
      const loc = locate(ctx, path, "value");
      if (!isChoiceLike(value)) {
        // A mapping, list or NaN where one of a few words is expected: the wrong kind of value.
        ctx.emit("wrong-type", loc, path, { message: TEXT.wrongType, found: foundText(loc, value), expected: values.length === 1 ? formatLiteral((issue.values as unknown[])[0]) : oneOf(values) });
        return;
      }
      ctx.emit("invalid-value", loc, path, {
        message: TEXT.invalidValue(String(value)),
        found: foundText(loc, value),
        expected: values.length === 1 ? formatLiteral((issue.values as unknown[])[0]) : oneOf(values),
        hint: didYouMean(closestName(String(value), values)),
      });
      return;
    }
    case "custom": {
      const params = issue.params as { code?: unknown } | undefined;
      const code = typeof params?.code === "string" && isKnownCode(params.code) ? params.code : "failed-check";
      const loc = locate(ctx, path, "value");
      const isExpectation = /^expected\s/i.test(issue.message);
      // A refinement of a single number or text is a range or format rule; of a mapping, a rule between its values.
      const siblings = path.length > 0 ? (allowedKeysAt(ctx, path.slice(0, -1)) ?? []) : [];
      const namesSibling = siblings.some((k) => k !== path[path.length - 1] && /^\w+$/.test(k) && new RegExp(`\\b${k}\\b`).test(issue.message));
      const scalarCode = namesSibling ? undefined : typeof value === "number" ? "out-of-range" : typeof value === "string" ? "invalid-format" : undefined;
      const chosen = code === "failed-check" && scalarCode ? scalarCode : code;
      ctx.emit(chosen, loc, path, {
        message: !isExpectation ? issue.message : chosen === "out-of-range" ? TEXT.outOfRange : chosen === "invalid-format" ? TEXT.invalidFormat : TEXT.failedCheck,
        found: foundText(loc, value),
        expected: isExpectation ? stripExpected(issue.message) : undefined,
      });
      return;
    }
    default: {
      const loc = locate(ctx, path, "value");
      ctx.emit("wrong-type", loc, path, { message: TEXT.wrongType, found: foundText(loc, value), expected: expectedAt(ctx, path) ?? stripExpected(issue.message) });
    }
  }
}

/** An unknown key without a value inside {…}: most likely text with a comma that split a value in two. */
export function splitByComma(loc: Loc, parentPath: Path): boolean {
  if (!loc.layer || !loc.complete) return false;
  const map = deref(loc.layer.doc, walk(loc.layer, parentPath).node);
  const value = loc.node as { range?: number[] } | null;
  const valueless = value === null || (isScalar(value) && value.value === null);
  return isMap(map) && !!map.flow && valueless;
}

export function missingKey(ctx: LoadContext, path: Path, expected: string): void {
  const key = String(path[path.length - 1]);
  const parent = path.slice(0, -1);
  const d = ctx.emit("missing-key", locate(ctx, path, "value"), path, {
    message: TEXT.missingKey(key),
    expected,
    hint: TEXT.missingKeyHint(key, parent.length ? formatPath(parent) : TEXT.topLevel),
  });
  ctx.pendingMissing.push({ pathKey: JSON.stringify(path), diagnostic: d });
}

/** Does the value get past this union branch's type test (so its deeper issues are the relevant ones)? */
export function branchAccepts(issues: readonly Issue[], value: unknown): boolean {
  return issues.some((i) => {
    if (i.path.length > 0) return true;
    switch (i.code) {
      case "invalid_type":
        return false;
      case "invalid_value":
        return ((i.values as unknown[]) ?? []).some((x) => typeof x === typeof value);
      case "invalid_union":
        return ((i.errors as Issue[][]) ?? []).some((b) => branchAccepts(b, value));
      default:
        return true;
    }
  });
}

export function literalStrings(issues: readonly Issue[]): string[] {
  return issues.flatMap((i) =>
    i.code === "invalid_value"
      ? ((i.values as unknown[]) ?? []).filter((x): x is string => typeof x === "string")
      : i.code === "invalid_union"
        ? ((i.errors as Issue[][]) ?? []).flatMap((b) => literalStrings(b))
        : [],
  );
}

export function convertUnion(ctx: LoadContext, issue: Issue, path: Path, present: boolean, value: unknown): void {
  const branches = (issue.errors as Issue[][]) ?? [];
  if (typeof issue.discriminator === "string" && branches.length === 0) {
    // No option has this discriminator value; zod's path already ends at the discriminator key.
    const options = ((issue.options as unknown[]) ?? []).map(String);
    if (!present) return missingKey(ctx, path, oneOf(options));
    const loc = locate(ctx, path, "value");
    if (!isChoiceLike(value)) {
      ctx.emit("wrong-type", loc, path, { message: TEXT.wrongType, found: foundText(loc, value), expected: oneOf(options) });
      return;
    }
    ctx.emit("invalid-value", loc, path, {
      message: TEXT.invalidValue(String(value)),
      found: foundText(loc, value),
      expected: oneOf(options),
      hint: didYouMean(closestName(String(value), options)),
    });
    return;
  }
  const accepting = branches.filter((b) => branchAccepts(b, value));
  const onlyLiterals = accepting.every((b) => b.every((i) => i.path.length === 0 && i.code === "invalid_value"));
  if (accepting.length === 0 || (accepting.length > 1 && onlyLiterals)) return collapseUnion(ctx, path, present, value, branches.flat());
  const best = accepting.reduce((a, b) => (b.length < a.length ? b : a));
  for (const i of best) {
    if (i.path.length === 0 && (i.code === "invalid_value" || i.code === "invalid_type")) collapseUnion(ctx, path, present, value, branches.flat());
    else convertIssue(ctx, i, path);
  }
}

/** One diagnostic for a value that matches no alternative of a union. */
export function collapseUnion(ctx: LoadContext, path: Path, present: boolean, value: unknown, issues: readonly Issue[]): void {
  const expected = expectedAt(ctx, path) ?? "a valid value";
  if (!present) return missingKey(ctx, path, expected);
  const loc = locate(ctx, path, "value");
  const literals = literalStrings(issues);
  const suggestion = typeof value === "string" ? closestName(value, literals) : undefined;
  const sameKind = issues.some((i) => i.path.length === 0 && i.code === "invalid_value" && ((i.values as unknown[]) ?? []).some((x) => typeof x === typeof value));
  const isLiteralMiss = isChoiceLike(value) && (suggestion !== undefined || (sameKind && issues.every((i) => i.path.length === 0 && i.code === "invalid_value")));
  ctx.emit(isLiteralMiss ? "invalid-value" : "wrong-type", loc, path, {
    message: isLiteralMiss ? TEXT.invalidValue(String(value)) : TEXT.wrongType,
    found: foundText(loc, value),
    expected,
    hint: didYouMean(suggestion) ?? durationHint(ctx, path, value),
  });
}

/** A value that could be a misspelt choice (a word, number or boolean), as opposed to a mapping, list or NaN. */
function isChoiceLike(value: unknown): boolean {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && !Number.isNaN(value));
}
