/**
 * `--precision` (issue 17): replications in deterministic batches until the CI is tight enough;
 * the result is the fixed-count run of the count it needed, and the stop is explained.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT, ccsim, ccsimOk, requireBuild, tempDir, writeScenario } from "./helpers.js";

let dir: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir("precision");
  writeScenario(dir, "small.yaml", { hours: 2, replications: 4 });
  writeScenario(dir, "more.yaml", { hours: 2, replications: 4, agents: 15, name: "more" });
});

const needed = (stderr: string) => Number(/ccsim: (\d+) replications in (\d+) batch/.exec(stderr)?.[1]);

describe("ccsim run --precision", () => {
  it("stops once the service level is within ±1%, and gives exactly the run of that many replications", () => {
    const r = ccsimOk(["run", "small.yaml", "--precision", "1%", "-w", "1", "--format", "json"], { cwd: dir });
    const n = needed(r.stderr);
    expect(n).toBeGreaterThan(4);
    expect(r.stderr).toMatch(/the 95% CI of Service level of small\.yaml is ±0?\.?\d+(\.\d+)?% of its mean, within the ±1% asked\./);
    const fixed = ccsimOk(["run", "small.yaml", "-r", String(n), "-w", "2", "--format", "json"], { cwd: dir });
    expect(r.stdout).toBe(fixed.stdout);
  });

  it("says so when the cap stops it first", () => {
    const r = ccsimOk(["run", "small.yaml", "--precision", "0.1%", "--max-replications", "12", "-w", "1"], { cwd: dir });
    expect(r.stderr).toMatch(/ccsim: 12 replications in \d batches: .* not the ±0\.1% asked: stopped at --max-replications 12\./);
    expect(r.stdout).toContain("12 replications");
  });

  it("refuses nonsense and shards with one sentence", () => {
    for (const [args, msg] of [
      [["--precision", "150%"], /--precision "150%": give the relative half-width/],
      [["--precision", "1%", "--precision-kpi", "speed"], /--precision-kpi "speed" is not a KPI; use one of totalCost/],
      [["--max-replications", "50"], /--precision-kpi and --max-replications go with --precision/],
      [["--precision", "1%", "--shard", "0/2", "--out", "s"], /--precision decides the number of replications from all of them/],
      [["--precision", "1%", "--trace", "t.csv"], /--precision cannot be combined with --trace/],
      [["--precision", "1%", "--records", "r.csv"], /--precision cannot be combined with --records/],
      [["more.yaml", "--records", "r.csv"], /--records writes the calls of one center; give it one scenario file \(got 2\)/],
    ] as const) {
      const r = ccsim(["run", "small.yaml", ...args], { cwd: dir });
      expect(r.status).toBe(EXIT.input);
      expect(r.stderr).toMatch(msg);
    }
  });
});

describe("ccsim compare --precision", () => {
  it("sizes the run on the paired difference", () => {
    const r = ccsimOk(["compare", "small.yaml", "more.yaml", "--precision", "2%", "--precision-kpi", "occupancy", "-w", "1"], { cwd: dir });
    expect(r.stderr).toMatch(/the 95% CI of the difference in occupancy \(more − small\) is ±\d+(\.\d+)?% of its mean, within the ±2% asked\./);
    expect(r.stdout).toContain(`${needed(r.stderr)} replications each`);
  });
});
