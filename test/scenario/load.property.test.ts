import fc from "fast-check";
import { parse as parseYaml, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { parseScenarioText, type LoadResult, type SourceHost } from "../../src/scenario/load.js";
import { isKnownCode } from "../../src/scenario/messages.js";
import { scenarioSchema } from "../../src/scenario/schema.js";

/** Whether the text's data has a valid shape, so that semantic codes of validate.ts may appear. */
function shapeIsValid(text: string): boolean {
  try {
    return scenarioSchema.safeParse(parseYaml(text)).success;
  } catch {
    return false;
  }
}

/** No files exist: `extends` and CSV names in random data must not touch the disk. */
const host: SourceHost = {
  readFile: (path) => {
    throw Object.assign(new Error(`no such file: ${path}`), { code: "ENOENT" });
  },
  exists: () => false,
};

function checkResult(r: LoadResult, text: string): void {
  const all = r.ok ? r.warnings : [...r.errors, ...r.warnings];
  for (const d of all) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(typeof d.message).toBe("string");
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.file.length).toBeGreaterThan(0);
    if (!isKnownCode(d.code)) expect(shapeIsValid(text), `uncatalogued code ${d.code} from a scenario of invalid shape`).toBe(true);
  }
  if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
}

const yamlish = fc.stringMatching(/^[ \n\t:\-\[\]{},#&*!|>'"%@`?a-z0-9.<]{0,80}$/);
const keys = fc.constantFrom("contactTypes", "agentGroups", "billing", "volume", "handleTime", "dist", "mean", "staffing", "constant", "skills", "seed", "warmup", "extends", "patience", "x");
const scenarioish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.jsonValue({ maxDepth: 1 }), tie("object"), fc.constantFrom("5m", "lognormal", "infinite", "", null)),
  object: fc.dictionary(keys, tie("value"), { maxKeys: 4 }),
})).object;

describe("parseScenarioText on arbitrary input", () => {
  it("never throws on garbage text, and every diagnostic is located, coded and explained", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), yamlish), (text) => {
        checkResult(parseScenarioText(text, "garbage.yaml", { host }), text);
      }),
      { numRuns: 400, seed: 20261124 },
    );
  });

  it("never throws on random JSON values, and every diagnostic is located, coded and explained", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), scenarioish), (value) => {
        const text = JSON.stringify(value) ?? "null";
        checkResult(parseScenarioText(text, "json.yaml", { host }), text);
        const block = stringify(value);
        checkResult(parseScenarioText(block, "block.yaml", { host }), block);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
