/**
 * Determinism under stress (issue 7): on a scenario that uses every feature of the simulator
 * (scenarios/omnichannel.yaml), the same seed gives byte-identical results across 1, 2 and 4
 * worker threads, across shards merged back together, and across repeated runs — through the
 * real command line.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const scenario = join(root, "scenarios/omnichannel.yaml");
const dir = mkdtempSync(join(tmpdir(), "ccsim-determinism-"));

function ccsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "bin/ccsim.js"), ...args], { cwd: root, encoding: "utf8", timeout: 300_000 });
  expect(r.status, r.stderr).toBe(0);
  return r;
}

const files = ["results.json", "summary.csv", "intervals.csv", "replications.csv"];
const read = (out: string) => Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, out, f), "utf8")]));

describe("a scenario that uses every feature", () => {
  const reference = () => read("w1");

  it("gives byte-identical results with 1, 2 and 4 worker threads", () => {
    for (const w of ["1", "2", "4"]) ccsim("run", scenario, "-r", "8", "-w", w, "-q", "--out", join(dir, `w${w}`));
    const one = reference();
    expect(JSON.parse(one["results.json"]).replications).toBe(8);
    expect(read("w2")).toEqual(one);
    expect(read("w4")).toEqual(one);
  });

  it("gives byte-identical results when run again", () => {
    ccsim("run", scenario, "-r", "8", "-w", "2", "-q", "--out", join(dir, "again"));
    expect(read("again")).toEqual(reference());
  });

  it("gives byte-identical results from three shards merged", () => {
    for (let i = 0; i < 3; i++) ccsim("run", scenario, "-r", "8", "-w", "1", "-q", "--shard", `${i}/3`, "--out", join(dir, "shards"));
    ccsim("merge", join(dir, "shards"), "-q", "--out", join(dir, "merged"));
    expect(read("merged")).toEqual(reference());
  });
});
