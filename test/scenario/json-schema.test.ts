import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatedFiles, REFERENCE_FILE, SCHEMA_FILE, SCHEMA_ID, scenarioJsonSchema } from "../../src/scenario/json-schema.js";

const root = join(import.meta.dirname, "../..");

describe("generated schema and reference", () => {
  for (const { path, text } of generatedFiles()) {
    it(`the committed ${path} is up to date (run: npm run docs)`, () => {
      expect(readFileSync(join(root, path), "utf8")).toBe(text);
    });
  }

  it("the JSON Schema has an id and a title and rejects unknown top-level keys", () => {
    const schema = scenarioJsonSchema();
    expect(schema.$id).toBe(SCHEMA_ID);
    expect(schema.title).toBe("ccsim scenario");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(["contactTypes", "agentGroups"]));
  });

  it("the reference says it is generated and documents nested keys, defaults and distributions", () => {
    const text = generatedFiles().find((f) => f.path === REFERENCE_FILE)!.text;
    expect(text).toContain("generated");
    expect(text).toContain(SCHEMA_FILE);
    expect(text).toMatch(/\| `contactTypes\.<name>\.handleTime` \| distribution \| required \|/);
    expect(text).toMatch(/\| `replications` \| integer 1–100000 \| `10` \|/);
    expect(text).toMatch(/\| `agentGroups\.<name>\.staffing\.shifts\[\]\.count` \|/);
    expect(text).toMatch(/\| `lognormal` \| `mean` \(duration, optional\); `cv` .*`mu` .*`sigma` /);
  });
});
