/**
 * Shard files are JSON: interval series (typed arrays, NaN where a KPI is undefined) are written
 * as lists with null and read back exactly, so a merge sees the numbers the workers computed.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/replicate.js";
import { shardFromJson, shardToJson, type ShardFile } from "../../src/experiment/shard.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";

describe("shard files", () => {
  it("read back every replication exactly, undefined interval KPIs included", () => {
    const { scenario } = loadScenarioOrThrow("scenarios/baseline.yaml", { overrides: [{ path: ["horizon", "days"], value: 2, label: "test" }] });
    const result = runScenario(scenario, { replications: 2 });
    const shard: ShardFile = {
      format: "ccsim.shard/1",
      job: { command: "run", detail: "intervals", settings: null },
      shard: { index: 0, count: 1 },
      units: [{ label: "baseline", file: "scenarios/baseline.yaml", scenario, info: result.info, requested: 2, runs: result.runs }],
    };
    const text = shardToJson(shard);
    expect(text).not.toContain("NaN");
    const back = shardFromJson(text);
    const runs = back.units[0].runs;
    // Night intervals have no answered calls: their ASA is undefined, and stays so.
    const asa = runs[0].intervals.types.all.asa;
    expect(asa).toBeInstanceOf(Float64Array);
    expect(asa.some(Number.isNaN)).toBe(true);
    expect(runs).toEqual(result.runs);
  });
});
