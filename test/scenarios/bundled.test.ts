/** Every bundled scenario validates, runs and warns about nothing. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/replicate.js";
import { formatDiagnostics, loadScenarioFile } from "../../src/scenario/load.js";

const dir = join(import.meta.dirname, "../../scenarios");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));

describe("bundled scenarios", () => {
  it("exist", () => expect(files.length).toBeGreaterThan(3));

  for (const file of files) {
    it(`${file} validates without warnings and runs to completion`, () => {
      const r = loadScenarioFile(join(dir, file));
      if (!r.ok) throw new Error(formatDiagnostics(r.errors));
      expect(formatDiagnostics(r.warnings)).toBe("");
      const result = runScenario(r.scenario, { replications: 2 });
      expect(result.runs.every((run) => run.status === "complete")).toBe(true);
      expect(result.summary.types.all.offered.mean).toBeGreaterThan(0);
    });
  }
});
