/**
 * The library's uncertainty propagation (`uncertainCosts`) on a case with a known answer, the one
 * of test/cli/uncertainty.test.ts: an in-house queue whose cost is linear in an uncertain wage
 * (14 agents × 8 paid hours × wage = 112 × wage, plus nothing else) against a vendor paid per
 * handled minute. Every point of the outer sample must cost what a direct run of the scenario
 * with that wage costs (same seed, same replications), the vendor the same at every point, and
 * the defaults, overrides and errors must be the documented ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/replicate.js";
import { costReport } from "../../src/models/cost.js";
import { uncertainCosts } from "../../src/models/uncertain-costs.js";
import { compareOutcomes } from "../../src/report/verdict.js";
import { loadScenarioOrThrow, parsePath } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { inhouse, vendor } from "../fixtures/wage-case.js";

const WAGE = "agentGroups.agents.hourlyWage";

let dir: string;
const file = (name: string) => join(dir, name);

/** The options and comparison of `ccsim compare A B`, run here in-process at the stated values. */
function optionsOf(names: readonly string[]) {
  const scenarios = names.map((n) => loadScenarioOrThrow(file(n)).scenario);
  const seed = scenarios[0].seed;
  const outcomes = scenarios.map((s, i) => {
    const result = runScenario(s, { replications: s.replications, seed, detail: "totals" });
    return { label: names[i].replace(/\.yaml$/, ""), scenario: s, result, costs: costReport(s, result) };
  });
  const comparison = compareOutcomes(outcomes);
  const options = names.map((n, i) => ({ file: file(n), label: outcomes[i].label, scenario: { ...scenarios[i], seed }, result: outcomes[i].result }));
  return { options, comparison };
}

/** Mean total cost over the first `n` replications of a direct run from `seed`. */
function directMeanCost(s: Scenario, seed: number, n: number): number {
  const r = runScenario({ ...s, seed }, { replications: n, detail: "totals" });
  const totals = costReport(s, r).runs.map((x) => x.cost.total);
  return totals.reduce((a, b) => a + b, 0) / totals.length;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ccsim-uncertain-costs-"));
  writeFileSync(file("inhouse.yaml"), inhouse(25, `assumptions:\n  ${WAGE}: { low: 20, high: 30, dist: uniform, label: agent wage }`));
  writeFileSync(file("plain.yaml"), inhouse(25, ""));
  writeFileSync(file("vendor.yaml"), vendor());
  // A wage range reaching below zero: some sampled points make the scenario invalid.
  writeFileSync(file("negative.yaml"), inhouse(25, `assumptions:\n  ${WAGE}: { low: -30, high: -20, dist: uniform }`));
  // No money at all: costs are null, so there is nothing to propagate into a saving.
  writeFileSync(file("free-a.yaml"), `${inhouse(25, "").replace("hourlyWage: 25, ", "").replace("costs: { currency: USD }\n", "")}assumptions:\n  contactTypes.calls.volume.perHour: { low: 180, high: 220, dist: uniform }\n`);
  writeFileSync(file("free-b.yaml"), inhouse(25, "").replace("hourlyWage: 25, ", "").replace("costs: { currency: USD }\n", "").replace("name: inhouse", "name: free-b"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("uncertainCosts on an in-house wage against a vendor", () => {
  let base: ReturnType<typeof optionsOf>;
  let u: NonNullable<Awaited<ReturnType<typeof uncertainCosts>>>;
  beforeAll(async () => {
    base = optionsOf(["inhouse.yaml", "vendor.yaml"]);
    u = (await uncertainCosts(base.options, base.comparison, { assumptionPoints: 4, innerReplications: 2 }))!;
  });

  it("costs each point what a direct run at the sampled wage costs, 112 × wage apart", () => {
    const seed = base.options[0].scenario.seed;
    const s = base.options[0].scenario;
    expect(u.result.points).toBe(4);
    const rest = directMeanCost({ ...s, agentGroups: { agents: { ...s.agentGroups.agents, hourlyWage: 0 } } }, seed, 2);
    for (let k = 0; k < 4; k++) {
      const wage = u.result.values[k][0];
      expect(wage).toBeGreaterThanOrEqual(20);
      expect(wage).toBeLessThanOrEqual(30);
      const direct = directMeanCost({ ...s, agentGroups: { agents: { ...s.agentGroups.agents, hourlyWage: wage } } }, seed, 2);
      expect(u.result.meanCost[k][0]).toBeCloseTo(direct, 6);
      expect(u.result.meanCost[k][0]).toBeCloseTo(rest + 112 * wage, 6);
    }
  });

  it("costs the vendor, who states no assumption, the same at every point: its direct run's cost", () => {
    const direct = directMeanCost(base.options[1].scenario, base.options[0].scenario.seed, 2);
    expect(direct).toBeGreaterThan(0);
    for (let k = 0; k < 4; k++) expect(u.result.meanCost[k][1]).toBeCloseTo(direct, 9);
  });

  it("finds the wage's break-even with the stated replications as the bound (min of them and 10)", () => {
    expect(u.breakEvens).toHaveLength(1);
    expect(u.breakEvens[0]).toMatchObject({ key: WAGE, label: "agent wage", replications: 4, stated: 25, low: 20, high: 30 });
  });

  it("takes the seed and the replications of the first option by default", async () => {
    const explicit = await uncertainCosts(base.options, base.comparison, { assumptionPoints: 4, innerReplications: 2, seed: base.options[0].scenario.seed, replications: 4 });
    expect(explicit!.result.values).toEqual(u.result.values);
    expect(explicit!.result.meanCost).toEqual(u.result.meanCost);
    const other = await uncertainCosts(base.options, base.comparison, { assumptionPoints: 4, innerReplications: 2, seed: 8, replications: 3 });
    expect(other!.result.values).not.toEqual(u.result.values);
    expect(other!.breakEvens[0].replications).toBe(3);
  });

  it("applies the overrides (as --set) when it reloads a file for a sampled point", async () => {
    // As with `--set`, the options' scenarios are loaded with the overrides; each sampled point
    // is reloaded from its file with them too: 16 agents instead of 14 cost 128 × wage.
    const overrides = [{ path: parsePath("agentGroups.agents.staffing.constant"), value: 16, label: "test agents" }];
    const options = base.options.map((x) => ({ ...x, scenario: { ...loadScenarioOrThrow(x.file, { overrides }).scenario, seed: x.scenario.seed } }));
    const o = (await uncertainCosts(options, base.comparison, { assumptionPoints: 4, innerReplications: 2, overrides }))!;
    const s = options[0].scenario;
    const seed = s.seed;
    const rest = directMeanCost({ ...s, agentGroups: { agents: { ...s.agentGroups.agents, hourlyWage: 0 } } }, seed, 2);
    for (let k = 0; k < 4; k++) {
      const wage = o.result.values[k][0];
      expect(wage).toBeLessThanOrEqual(30);
      expect(o.result.meanCost[k][0]).toBeCloseTo(rest + 128 * wage, 6);
    }
  });
});

describe("uncertainCosts: nothing to propagate, and bad input", () => {
  it("returns null when no option states an assumption", async () => {
    const { options, comparison } = optionsOf(["plain.yaml", "vendor.yaml"]);
    expect(await uncertainCosts(options, comparison, { assumptionPoints: 4 })).toBeNull();
  });

  it("gives no costs, not zero costs, for scenarios that say nothing about money", async () => {
    const { options, comparison } = optionsOf(["free-a.yaml", "free-b.yaml"]);
    const u = await uncertainCosts(options, comparison, { assumptionPoints: 4, innerReplications: 2 });
    for (const row of u!.result.meanCost) for (const c of row) expect(c).toBeNull();
  });

  it("rejects an empty list of options with one sentence", async () => {
    const { comparison } = optionsOf(["plain.yaml", "vendor.yaml"]);
    await expect(uncertainCosts([], comparison)).rejects.toThrow(new RangeError("uncertainCosts: options must list the compared scenarios, the baseline first"));
  });

  it("names the file, the point, the field, the value and the allowed range when a sampled value is invalid", async () => {
    const { options, comparison } = optionsOf(["plain.yaml", "vendor.yaml"]);
    const bad = [{ ...options[0], file: file("negative.yaml"), scenario: loadScenarioOrThrow(file("negative.yaml")).scenario }, options[1]];
    const error = await uncertainCosts(bad, comparison, { assumptionPoints: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(
      /^the assumption sample's point 1 makes .*negative\.yaml invalid: assumption agentGroups\.agents\.hourlyWage=-2\d[.\d]*:\d+:\d+: error at agentGroups\.agents\.hourlyWage: value out of range\n {2}found: -2[\d.]+\n {2}expected: a number from 0 to /,
    );
  });

  it("stops with null when the signal is aborted", async () => {
    const { options, comparison } = optionsOf(["inhouse.yaml", "vendor.yaml"]);
    const controller = new AbortController();
    controller.abort();
    expect(await uncertainCosts(options, comparison, { assumptionPoints: 4, signal: controller.signal })).toBeNull();
  });
});
