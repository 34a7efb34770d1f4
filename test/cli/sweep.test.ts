/** `ccsim sweep FILE --set path=values`: the points, the tidy CSV, monotonicity in agents, bad values. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT, ccsim, ccsimOk, csvRecords, nonFinitePaths, readJson, requireBuild, tempDir, writeScenario } from "./helpers.js";

const PARAM = "agentGroups.agents.staffing.constant";
const SET = `${PARAM}=12,14,16`;
let dir: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir("sweep");
  writeScenario(dir, "small.yaml");
});

describe("ccsim sweep", () => {
  it("runs 3 points and prints a table with one row per point", () => {
    const r = ccsimOk(["sweep", "small.yaml", "--set", SET, "--workers", "1", "-q"], { cwd: dir });
    expect(r.stdout).toContain("Sweep of 3 points — 4 replications each, seed 7, common random numbers");
    for (const n of [12, 14, 16]) expect(r.stdout).toMatch(new RegExp(`^constant=${n}\\s+\\d+\\.\\d ± \\d+\\.\\d%`, "m"));
  });

  it("prints a tidy CSV: one row per point, scope, name and KPI", () => {
    const r = ccsimOk(["sweep", "small.yaml", "--set", SET, "--workers", "1", "-q", "--format", "csv"], { cwd: dir });
    expect(r.stdout.split("\n")[0]).toBe(`point,${PARAM},scope,name,kpi,unit,n,mean,sd,ci_low,ci_high,p5,p50,p95`);
    const rows = csvRecords(r.stdout);
    expect([...new Set(rows.map((x) => `${x.point}:${x[PARAM]}`))]).toEqual(["0:12", "1:14", "2:16"]);
    const keys = rows.map((x) => `${x.point}|${x.scope}|${x.name}|${x.kpi}`);
    expect(new Set(keys).size).toBe(keys.length);
    const sl = rows.filter((x) => x.scope === "type" && x.name === "all" && x.kpi === "serviceLevel");
    expect(sl.map((x) => x.n)).toEqual(["4", "4", "4"]);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it("more agents never lower the service level nor raise the mean wait for the same seed", () => {
    const out = join(tempDir("sweep-out"), "sweep");
    ccsimOk(["sweep", "small.yaml", "--set", SET, "--workers", "1", "-q", "--out", out], { cwd: dir });
    const doc = readJson(join(out, "sweep.json"));
    expect(doc.format).toBe("ccsim.sweep/1");
    expect(doc.points.map((p: { values: Record<string, number> }) => p.values[PARAM])).toEqual([12, 14, 16]);
    expect(nonFinitePaths(doc)).toEqual([]);
    expect(readFileSync(join(out, "sweep.csv"), "utf8")).toBe(ccsimOk(["sweep", "small.yaml", "--set", SET, "--workers", "1", "-q", "--format", "csv"], { cwd: dir }).stdout);
    const series = (kpi: string) => [0, 1, 2].map((p) => doc.rows.find((r: any) => r.point === p && r.scope === "type" && r.name === "all" && r.kpi === kpi).mean as number);
    const sl = series("serviceLevel");
    const asa = series("asa");
    // FIFO, nobody abandons, common random numbers: every wait is pathwise non-increasing in agents.
    expect(sl[0]).toBeLessThanOrEqual(sl[1]);
    expect(sl[1]).toBeLessThanOrEqual(sl[2]);
    expect(sl[0]).toBeLessThan(sl[2]);
    expect(asa[0]).toBeGreaterThanOrEqual(asa[1]);
    expect(asa[1]).toBeGreaterThanOrEqual(asa[2]);
  });

  it("answers within the threshold never decrease with more agents, replication by replication", () => {
    // The same three variants through `compare` (same seed, common random numbers), whose --out keeps
    // per-replication values. The count answered within 20 s is pathwise monotone in the number of
    // FIFO servers (each customer's wait can only shrink), a theorem; the ratio is not quite, because
    // of contacts still waiting at the end.
    const base = tempDir("sweep-paths");
    for (const n of [12, 14, 16]) writeScenario(base, `c${n}.yaml`, { name: `c${n}`, agents: n });
    ccsimOk(["compare", "c12.yaml", "c14.yaml", "c16.yaml", "--workers", "1", "-q", "--out", join(base, "out")], { cwd: base });
    const within = [1, 2, 3].map((k) =>
      (readJson(join(base, "out", `option-${k}`, "results.json")).runs as any[]).map((r) => Math.round(r.totals.types.all.serviceLevelAnswered * r.totals.types.all.answered)),
    );
    expect(within[0].length).toBe(4);
    for (let rep = 0; rep < 4; rep++) {
      expect(within[0][rep], `replication ${rep}`).toBeLessThanOrEqual(within[1][rep]);
      expect(within[1][rep], `replication ${rep}`).toBeLessThanOrEqual(within[2][rep]);
    }
  });

  it("a point has exactly the statistics of a run of the scenario with that value", () => {
    const doc = JSON.parse(ccsimOk(["sweep", "small.yaml", "--set", SET, "--workers", "2", "-q", "--format", "json"], { cwd: dir }).stdout);
    const run = JSON.parse(ccsimOk(["run", "small.yaml", "--workers", "1", "-q", "--format", "json"], { cwd: dir }).stdout);
    for (const kpi of ["serviceLevel", "asa", "offered", "answered"]) {
      const row = doc.rows.find((r: any) => r.point === 1 && r.scope === "type" && r.name === "all" && r.kpi === kpi);
      const s = run.summary.types.all[kpi];
      expect({ n: row.n, mean: row.mean, sd: row.sd, ciLow: row.ciLow, ciHigh: row.ciHigh }, kpi).toEqual({ n: s.n, mean: s.mean, sd: s.sd, ciLow: s.ci95[0], ciHigh: s.ci95[1] });
    }
  });

  it("an invalid value exits 2 naming the --set and runs nothing", () => {
    const out = join(tempDir("sweep-bad"), "sweep");
    const r = ccsim(["sweep", "small.yaml", "--set", `${PARAM}=12,-1`, "--workers", "1", "--out", out], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain(`--set ${PARAM}=-1`);
    expect(r.stderr).toContain("1 of 2 sweep points are invalid; nothing was run");
    expect(r.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [`${PARAM}`, "--set takes path=value1,value2"],
    [`${PARAM}=`, "has no values"],
    [`${PARAM}=20..10`, "a range is from..to"],
    [`agentGroups.agents.staffing.constnt=3`, 'did you mean "constant"'],
  ])("--set %s exits 2 with a message", (set, message) => {
    const r = ccsim(["sweep", "small.yaml", "--set", set, "--workers", "1"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain(message);
  });
});
