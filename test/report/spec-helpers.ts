/** Reading vega-lite specs in tests: titles, inline data, colour scales, schema checks. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { TopLevelSpec } from "vega-lite";
import { JsonSchemaValidator, type SchemaError } from "./json-schema.js";

const require = createRequire(import.meta.url);
let validator: JsonSchemaValidator | undefined;

/** Errors of a spec against node_modules/vega-lite/build/vega-lite-schema.json (after a JSON round trip, as it is shipped). */
export function schemaErrors(spec: TopLevelSpec): SchemaError[] {
  validator ??= new JsonSchemaValidator(JSON.parse(readFileSync(require.resolve("vega-lite/build/vega-lite-schema.json"), "utf8")) as Record<string, unknown>);
  return validator.validate(JSON.parse(JSON.stringify(spec)));
}

/** The title as one line of text. */
export function titleText(spec: TopLevelSpec): string {
  const t = (spec as { title?: { text?: string | string[] } }).title?.text;
  return Array.isArray(t) ? t.join(" ") : (t ?? "");
}

export function subtitleText(spec: TopLevelSpec): string {
  const t = (spec as { title?: { subtitle?: string | string[] } }).title?.subtitle;
  return Array.isArray(t) ? t.join(" ") : (t ?? "");
}

/** Every inline data row of a spec (data.values and datasets, at any depth). */
export function dataRows(spec: unknown): unknown[] {
  const rows: unknown[] = [];
  const walk = (node: unknown, key: string | null) => {
    if (Array.isArray(node)) {
      node.forEach((n) => walk(n, null));
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node)) {
      if (k === "datasets" && v && typeof v === "object") for (const d of Object.values(v)) rows.push(...(d as unknown[]));
      else if (k === "values" && key === "data" && Array.isArray(v)) rows.push(...v);
      else walk(v, k);
    }
  };
  walk(spec, null);
  return rows;
}

/** Paths of non-finite numbers anywhere, and of null/undefined inside data rows. */
export function badValues(spec: unknown): string[] {
  const bad: string[] = [];
  const walk = (node: unknown, path: string, inData: boolean) => {
    if (typeof node === "number" && !Number.isFinite(node)) bad.push(`${path} = ${node}`);
    else if (inData && (node === null || node === undefined)) bad.push(`${path} = ${String(node)}`);
    else if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`, inData));
    else if (node !== null && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        const data = inData || k === "datasets" || (k === "values" && /\.data$/.test(path));
        walk(v, `${path}.${k}`, data);
      }
    }
  };
  walk(spec, "$", false);
  return bad;
}

/** Colour scales of a spec: domain → range pairs. */
export function colorScales(spec: unknown): { domain: unknown[]; range: unknown[] }[] {
  const out: { domain: unknown[]; range: unknown[] }[] = [];
  const walk = (node: unknown, key: string | null): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, null));
    if (node === null || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if ((key === "color" || key === "stroke") && o.scale && typeof o.scale === "object") {
      const s = o.scale as { domain?: unknown; range?: unknown };
      if (Array.isArray(s.domain) && Array.isArray(s.range)) out.push({ domain: s.domain, range: s.range });
    }
    for (const [k, v] of Object.entries(o)) walk(v, k);
  };
  walk(spec, null);
  return out;
}
