import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { scenarioSchema } from "../../src/scenario/schema.js";

type Def = { type: string; [k: string]: any };
const defOf = (s: any): Def => s._zod.def;
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"]);

/** A field's description: on the field or on any wrapper or pipe input inside it. */
function descriptionOf(s: any): string | undefined {
  for (let guard = 0; guard < 20 && s; guard++) {
    const own = z.globalRegistry.get(s)?.description;
    if (own) return own;
    const d = defOf(s);
    if (WRAPPERS.has(d.type)) s = d.innerType;
    else if (d.type === "pipe") s = d.in;
    else return undefined;
  }
  return undefined;
}

/** Every key of every mapping in the schema ("dist" tags excepted: their values say it), with its description. */
function keysOf(root: unknown): { path: string; description?: string }[] {
  const seen = new Set<Def>();
  const out: { path: string; description?: string }[] = [];
  const visit = (s: any, path: string): void => {
    const d = defOf(s);
    if (seen.has(d)) return;
    seen.add(d);
    if (WRAPPERS.has(d.type)) return visit(d.innerType, path);
    if (d.type === "pipe") return (visit(d.in, path), visit(d.out, path));
    if (d.type === "lazy") return visit(d.getter(), path);
    if (d.type === "union") return d.options.forEach((o: any) => visit(o, path));
    if (d.type === "array") return visit(d.element, `${path}[]`);
    if (d.type === "record") return visit(d.valueType, `${path}.*`);
    if (d.type === "object") {
      for (const [k, v] of Object.entries(d.shape)) {
        if (k === "dist") continue;
        out.push({ path: `${path}.${k}`, description: descriptionOf(v) });
        visit(v, `${path}.${k}`);
      }
    }
  };
  visit(root, "");
  return out;
}

describe("every schema key has a description that the editor shows", () => {
  const keys = keysOf(scenarioSchema);

  it("every key of the schema is described", () => {
    expect(keys.length).toBeGreaterThan(150);
    expect(keys.filter((k) => !k.description).map((k) => k.path)).toEqual([]);
  });

  it("every description is in the JSON Schema editors read (hover text)", () => {
    const jsonSchema = readFileSync("schema/scenario.schema.json", "utf8");
    const missing = keys.filter((k) => k.description && !jsonSchema.includes(JSON.stringify(k.description).slice(1, -1)));
    expect(missing.map((k) => k.path)).toEqual([]);
  });
});
