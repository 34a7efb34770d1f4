/**
 * The JSON Schema of scenario files (for editors: YAML language server autocompletion and
 * checks) and the generated key reference in docs/scenario-reference.md, both derived from the
 * zod schema in schema.ts. `npm run docs` (scripts/generate-docs.ts) writes them; a test checks that the
 * committed files equal what these functions produce.
 */
import { z } from "zod";
import { scenarioSchema } from "./schema.js";

export const SCHEMA_ID = "urn:ccsim:scenario";
/** Output files, relative to the repository root. */
export const SCHEMA_FILE = "schema/scenario.schema.json";
export const REFERENCE_FILE = "docs/scenario-reference.md";

type JsonSchema = { [key: string]: unknown };

/** The JSON Schema of what a scenario file may contain (inputs, before defaults are applied). */
export function scenarioJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: "ccsim scenario",
    description: "A ccsim contact-center scenario. Generated from src/scenario/schema.ts by `npm run docs`; do not edit by hand.",
    ...rest,
  };
}

/** The schema file's text: pretty JSON with a final newline. */
export function renderJsonSchema(schema: JsonSchema = scenarioJsonSchema()): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

// ---- the reference ------------------------------------------------------------------------

interface Row {
  key: string;
  type: string;
  default: string;
  description: string;
}

const asSchema = (v: unknown): JsonSchema | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonSchema) : undefined);
const list = (v: unknown): JsonSchema[] => (Array.isArray(v) ? v.map(asSchema).filter((x): x is JsonSchema => x !== undefined) : []);
const code = (s: string) => `\`${s}\``;

function isDuration(s: JsonSchema): boolean {
  const options = list(s.anyOf);
  return (
    options.length === 2 &&
    options.some((o) => o.type === "number") &&
    options.some((o) => o.type === "string" && typeof o.pattern === "string" && o.pattern.includes("min|h"))
  );
}

function distributionVariants(s: JsonSchema): JsonSchema[] | undefined {
  const options = list(s.anyOf);
  const variants = options.flatMap((o) => list(o.oneOf));
  const tagged = variants.length > 0 && variants.every((v) => asSchema(asSchema(v.properties)?.dist)?.const !== undefined);
  const scalar = options.some((o) => o.type === "number" || isDuration(o));
  return tagged && scalar ? variants : undefined;
}

/** The key whose `const` tells the variants of a oneOf apart (e.g. `type` for sites). */
function discriminator(variants: readonly JsonSchema[]): string | undefined {
  if (variants.length === 0) return undefined;
  const first = asSchema(variants[0].properties) ?? {};
  return Object.keys(first).find((k) => variants.every((v) => asSchema(asSchema(v.properties)?.[k])?.const !== undefined));
}

function numberType(s: JsonSchema): string {
  const noun = s.type === "integer" ? "integer" : "number";
  const safe = (v: unknown): v is number => typeof v === "number" && Math.abs(v) < Number.MAX_SAFE_INTEGER;
  if (noun === "number" && s.minimum === 0 && s.maximum === 1) return "probability 0–1";
  if (safe(s.minimum) && safe(s.maximum)) return `${noun} ${s.minimum}–${s.maximum}`;
  const lo = safe(s.minimum) ? `≥ ${s.minimum}` : safe(s.exclusiveMinimum) ? `> ${s.exclusiveMinimum}` : "";
  const hi = safe(s.maximum) ? `≤ ${s.maximum}` : safe(s.exclusiveMaximum) ? `< ${s.exclusiveMaximum}` : "";
  return [noun, [lo, hi].filter(Boolean).join(", ")].filter(Boolean).join(" ");
}

const KNOWN_PATTERNS: [RegExp, string][] = [
  [/\[01\]\?\\d\|2\[0-3\]/, 'time of day "HH:MM"'],
  [/\^\[A-Za-z\]\[A-Za-z0-9_-\]\*\$/, "name (letters, digits, _ or -; starts with a letter)"],
  [/\^\[A-Z\]\{3\}\$/, "currency code (3 capitals)"],
];

/** A short type label for the reference. */
function typeOf(s: JsonSchema): string {
  if (isDuration(s)) return "duration";
  if (distributionVariants(s)) return "distribution";
  if (s.const !== undefined) return code(JSON.stringify(s.const));
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => code(String(v))).join(", ")}`;
  const anyOf = list(s.anyOf);
  if (anyOf.length) {
    if (anyOf.every((o) => o.const !== undefined)) return `one of ${anyOf.map((o) => code(String(o.const))).join(", ")}`;
    return anyOf.map(typeOf).join(" or ");
  }
  const oneOf = list(s.oneOf);
  if (oneOf.length) {
    const tag = discriminator(oneOf);
    return tag ? `mapping by ${code(tag)}: ${oneOf.map((v) => code(String(asSchema(asSchema(v.properties)?.[tag])?.const))).join(", ")}` : oneOf.map(typeOf).join(" or ");
  }
  switch (s.type) {
    case "number":
    case "integer":
      return numberType(s);
    case "string": {
      if (typeof s.pattern === "string") {
        const known = KNOWN_PATTERNS.find(([re]) => re.test(s.pattern as string));
        return known ? known[1] : `text matching ${code(s.pattern)}`;
      }
      return typeof s.minLength === "number" && s.minLength > 0 ? "non-empty text" : "text";
    }
    case "boolean":
      return "true or false";
    case "array": {
      const items = asSchema(s.items);
      const n =
        typeof s.minItems === "number" && s.minItems === s.maxItems
          ? `${s.minItems} `
          : typeof s.minItems === "number" && s.minItems > 0
            ? `≥ ${s.minItems} `
            : "";
      return `list of ${n}${items ? pluralType(items) : "values"}`;
    }
    case "object":
      if (asSchema(s.additionalProperties) && !asSchema(s.properties)) return `mapping of names to ${pluralType(asSchema(s.additionalProperties)!)}`;
      return "mapping";
    default:
      return "any value";
  }
}

function pluralType(s: JsonSchema): string {
  const t = typeOf(s);
  if (t === "mapping" || t.startsWith("mapping ")) return "mappings";
  if (t.startsWith("one of ")) return t.replace(/^one of /, "");
  if (/^(number|integer|duration|distribution|probability)/.test(t)) return t.replace(/^(\w+)/, "$1s");
  return t;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ").trim();
}

function defaultOf(s: JsonSchema, required: boolean): string {
  if (s.default !== undefined) return code(JSON.stringify(s.default));
  return required ? "required" : "";
}

function collect(s: JsonSchema, key: string, required: boolean, rows: Row[], note = ""): void {
  const description = [typeof s.description === "string" ? s.description : "", note].filter(Boolean).join(" ");
  if (key) rows.push({ key, type: typeOf(s), default: defaultOf(s, required), description });
  if (isDuration(s) || distributionVariants(s)) return;
  const properties = asSchema(s.properties);
  if (properties) {
    const req = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    for (const [name, child] of Object.entries(properties)) {
      const c = asSchema(child);
      if (c) collect(c, key ? `${key}.${name}` : name, req.has(name), rows, note);
    }
  }
  const values = asSchema(s.additionalProperties);
  if (values && !properties) collect(values, `${key}.<name>`, false, rows, note);
  const items = asSchema(s.items);
  if (items && (asSchema(items.properties) || list(items.oneOf).length)) collectChildren(items, `${key}[]`, rows, note);
  const variants = list(s.oneOf);
  const tag = discriminator(variants);
  if (tag) {
    for (const v of variants) {
      const value = String(asSchema(asSchema(v.properties)?.[tag])?.const);
      const req = new Set(Array.isArray(v.required) ? (v.required as string[]) : []);
      for (const [name, child] of Object.entries(asSchema(v.properties) ?? {})) {
        const c = asSchema(child);
        if (c && name !== tag) collect(c, `${key}.${name}`, req.has(name), rows, `(${tag}: ${value})`);
      }
    }
  }
}

/** Rows for the keys of a list item, without a row for the item itself. */
function collectChildren(s: JsonSchema, key: string, rows: Row[], note: string): void {
  const properties = asSchema(s.properties);
  const req = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  for (const [name, child] of Object.entries(properties ?? {})) {
    const c = asSchema(child);
    if (c) collect(c, `${key}.${name}`, req.has(name), rows, note);
  }
}

function findDistributionVariants(s: unknown): JsonSchema[] | undefined {
  const node = asSchema(s);
  if (!node) return Array.isArray(s) ? s.map(findDistributionVariants).find((x) => x !== undefined) : undefined;
  const here = distributionVariants(node);
  if (here) return here;
  for (const v of Object.values(node)) {
    const found = findDistributionVariants(v);
    if (found) return found;
  }
  return undefined;
}

function table(rows: readonly Row[]): string[] {
  return [
    "| Key | Type | Default | Description |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) => `| ${code(r.key)} | ${cell(r.type)} | ${cell(r.default)} | ${cell(r.description)} |`),
  ];
}

/** The Markdown reference of every key, generated from the JSON Schema. */
export function renderReference(schema: JsonSchema = scenarioJsonSchema()): string {
  const rows: Row[] = [];
  collect(schema, "", true, rows);
  const lines = [
    "# Scenario file reference",
    "",
    "<!-- Generated by `npm run docs` from src/scenario/schema.ts. Do not edit by hand. -->",
    "",
    "This file is generated from the scenario schema (`src/scenario/schema.ts`); edit the schema and run",
    "`npm run docs` to change it. Editors can check scenario files against",
    `\`${SCHEMA_FILE}\`, generated by the same script.`,
    "",
    "Conventions: `<name>` stands for a name you choose (a contact type, agent group, site or segment: letters,",
    "digits, `_` or `-`, starting with a letter); `[]` for each item of a list. A *duration* is a number of",
    'seconds or a text with a unit: `"90s"`, `"5m"`, `"2h"`, `"1d"`. A *distribution* is described under',
    "[Distributions](#distributions). *required* keys have no default.",
    "",
    "## Keys",
    "",
    ...table(rows),
    "",
  ];
  const variants = findDistributionVariants(schema);
  if (variants) {
    lines.push(
      "## Distributions",
      "",
      "Wherever a distribution is expected, give a mean duration (an exponential distribution with that mean) or a",
      "mapping with `dist` and the keys of that distribution:",
      "",
      "| `dist` | Keys |",
      "| --- | --- |",
    );
    for (const v of variants) {
      const properties = asSchema(v.properties) ?? {};
      const req = new Set(Array.isArray(v.required) ? (v.required as string[]) : []);
      const keys = Object.entries(properties)
        .filter(([k]) => k !== "dist")
        .map(([k, c]) => {
          const child = asSchema(c) ?? {};
          const desc = typeof child.description === "string" && !isDuration(child) ? `: ${child.description.replace(/\.$/, "")}` : "";
          return `${code(k)} (${typeOf(child)}${req.has(k) ? "" : ", optional"})${desc}`;
        });
      lines.push(`| ${code(String(asSchema(properties.dist)?.const))} | ${cell(keys.join("; "))} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** Every generated file with its text, for the script and for the up-to-date test. */
export function generatedFiles(): { path: string; text: string }[] {
  const schema = scenarioJsonSchema();
  return [
    { path: SCHEMA_FILE, text: renderJsonSchema(schema) },
    { path: REFERENCE_FILE, text: renderReference(schema) },
  ];
}
