/**
 * Determinism of the command line: the same scenario and seed give byte-identical files across
 * runs and for any number of worker threads, and replication i does not depend on how many
 * replications are run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ccsimOk, csvRecords, expectSameTree, requireBuild, tempDir, writeScenario } from "./helpers.js";

let dir: string;
let out: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir("determinism");
  out = tempDir("determinism-out");
  writeScenario(dir, "small.yaml", { replications: 5 });
});

describe("ccsim run is deterministic", () => {
  beforeAll(() => {
    ccsimOk(["run", "small.yaml", "--workers", "1", "--out", join(out, "workers-1"), "-q"], { cwd: dir });
  });

  it("two runs with the same seed write byte-identical files", () => {
    ccsimOk(["run", "small.yaml", "--workers", "1", "--out", join(out, "again"), "-q"], { cwd: dir });
    expectSameTree(join(out, "again"), join(out, "workers-1"));
  });

  it("a different seed gives different results (the comparisons here can fail)", () => {
    ccsimOk(["run", "small.yaml", "--workers", "1", "--out", join(out, "seed8"), "--seed", "8", "-q"], { cwd: dir });
    expect(readFileSync(join(out, "seed8", "replications.csv")).equals(readFileSync(join(out, "workers-1", "replications.csv")))).toBe(false);
  });

  it("--workers 1, 2 and 4 write byte-identical files", () => {
    for (const w of ["2", "4"]) ccsimOk(["run", "small.yaml", "--workers", w, "--out", join(out, `workers-${w}`), "-q"], { cwd: dir });
    expectSameTree(join(out, "workers-2"), join(out, "workers-1"));
    expectSameTree(join(out, "workers-4"), join(out, "workers-1"));
  });

  it("--workers 2 prints the JSON document that --workers 1 writes", () => {
    const two = ccsimOk(["run", "small.yaml", "--workers", "2", "--format", "json", "-q"], { cwd: dir }).stdout;
    expect(two).toBe(readFileSync(join(out, "workers-1", "results.json"), "utf8"));
  });

  it("replication i is the same whether 3 or 6 replications are run", () => {
    ccsimOk(["run", "small.yaml", "--workers", "1", "-r", "3", "--out", join(out, "r3"), "-q"], { cwd: dir });
    ccsimOk(["run", "small.yaml", "--workers", "2", "-r", "6", "--out", join(out, "r6"), "-q"], { cwd: dir });
    const three = csvRecords(readFileSync(join(out, "r3", "replications.csv"), "utf8"));
    const six = csvRecords(readFileSync(join(out, "r6", "replications.csv"), "utf8"));
    expect(new Set(three.map((r) => r.replication))).toEqual(new Set(["0", "1", "2"]));
    expect(new Set(six.map((r) => r.replication))).toEqual(new Set(["0", "1", "2", "3", "4", "5"]));
    expect(six.filter((r) => Number(r.replication) < 3)).toEqual(three);
    // The later replications are not copies of the first ones.
    const offered = (rows: typeof six, rep: string) => rows.find((r) => r.replication === rep && r.scope === "type" && r.name === "all" && r.kpi === "offered")!.value;
    expect(new Set(["0", "1", "2", "3", "4", "5"].map((rep) => offered(six, rep))).size).toBeGreaterThan(1);
  });
});
