/**
 * `--shard i/n` and `ccsim merge`: shards run as separate processes merge into exactly the files
 * of a single run, for run, compare and sweep; missing or duplicate shards are refused.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT, ccsim, ccsimOk, expectSameTree, listFiles, requireBuild, tempDir, writeScenario } from "./helpers.js";

const SHARDS = [0, 1, 2, 3];
const SET = "agentGroups.agents.staffing.constant=12,14,16";
let dir: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir("shard");
  writeScenario(dir, "a.yaml", { name: "fourteen", replications: 5 });
  writeScenario(dir, "b.yaml", { name: "fifteen", replications: 5, agents: 15 });
});

describe("run --shard and merge", () => {
  it("shards written into one directory by separate processes merge into the single-run files", () => {
    // The workflow of `ccsim --help`: `run … --shard 0/4 --out shards && … && ccsim merge shards`.
    const out = tempDir("shard-run");
    for (const i of SHARDS) {
      const r = ccsim(["run", "a.yaml", "--workers", "1", "--shard", `${i}/4`, "--out", join(out, "shards"), "-q"], { cwd: dir });
      expect(r.stderr, `shard ${i}/4`).toBe("");
      expect(r.status, `shard ${i}/4`).toBe(EXIT.ok);
    }
    expect(readdirSync(join(out, "shards")).sort()).toEqual(SHARDS.map((i) => `shard-${i}-of-4.json.gz`));
    ccsimOk(["merge", join(out, "shards"), "--out", join(out, "merged"), "-q"], { cwd: dir });
    ccsimOk(["run", "a.yaml", "--workers", "1", "--out", join(out, "single"), "-q"], { cwd: dir });
    expectSameTree(join(out, "merged"), join(out, "single"));
  });

  it("shards in separate directories merge into byte-identical results.json and tables, printing the same table", () => {
    const out = tempDir("shard-run");
    for (const i of SHARDS) ccsimOk(["run", "a.yaml", "--workers", "1", "--shard", `${i}/4`, "--out", join(out, `shard${i}`), "-q"], { cwd: dir });
    const merged = ccsimOk(["merge", ...SHARDS.map((i) => join(out, `shard${i}`)), "--out", join(out, "merged"), "-q"], { cwd: dir });
    const single = ccsimOk(["run", "a.yaml", "--workers", "2", "--out", join(out, "single"), "-q"], { cwd: dir });
    expectSameTree(join(out, "merged"), join(out, "single"));
    expect(merged.stdout).toBe(single.stdout);
    expect(merged.stdout).toContain("5 replications");
  });

  it("a missing shard makes merge exit 2 naming it, writing nothing", () => {
    const out = tempDir("shard-missing");
    for (const i of SHARDS) ccsimOk(["run", "a.yaml", "--workers", "1", "--shard", `${i}/4`, "--out", join(out, `shard${i}`), "-q"], { cwd: dir });
    const r = ccsim(["merge", join(out, "shard0"), join(out, "shard1"), join(out, "shard3"), "--out", join(out, "merged")], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain("shard 2/4 missing");
    expect(existsSync(join(out, "merged"))).toBe(false);

    // A duplicate (the same shard twice, here as a copy in another directory) is refused too.
    mkdirSync(join(out, "again"));
    copyFileSync(join(out, "shard1", "shard-1-of-4.json.gz"), join(out, "again", "shard-1-of-4.json.gz"));
    const dup = ccsim(["merge", ...SHARDS.map((i) => join(out, `shard${i}`)), join(out, "again"), "--out", join(out, "merged")], { cwd: dir });
    expect(dup.status).toBe(EXIT.input);
    expect(dup.stderr).toContain("shard 1/4 appears twice");
    expect(existsSync(join(out, "merged"))).toBe(false);
  });

  it("merge of a directory without shards or of a path that does not exist exits 2", () => {
    const empty = tempDir("shard-empty");
    const none = ccsim(["merge", empty], { cwd: dir });
    expect(none.status).toBe(EXIT.input);
    expect(none.stderr).toContain("no shard files");
    const missing = ccsim(["merge", join(empty, "nowhere")], { cwd: dir });
    expect(missing.status).toBe(EXIT.input);
    expect(missing.stderr).toContain("does not exist");
  });

  it("shards of different jobs (another seed) do not merge", () => {
    const out = tempDir("shard-mixed");
    ccsimOk(["run", "a.yaml", "--workers", "1", "--shard", "0/2", "--out", join(out, "s0"), "-q"], { cwd: dir });
    ccsimOk(["run", "a.yaml", "--workers", "1", "--shard", "1/2", "--seed", "99", "--out", join(out, "s1"), "-q"], { cwd: dir });
    const r = ccsim(["merge", join(out, "s0"), join(out, "s1"), "--out", join(out, "merged")], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toMatch(/cannot merge/);
    expect(existsSync(join(out, "merged"))).toBe(false);
  });

  it.each(["run", "compare", "sweep"])("%s --shard without --out exits 2 naming --out", (command) => {
    const args = command === "compare" ? ["compare", "a.yaml", "b.yaml"] : command === "sweep" ? ["sweep", "a.yaml", "--set", SET] : ["run", "a.yaml"];
    const r = ccsim([...args, "--shard", "0/4", "--workers", "1"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain("--shard needs --out");
    expect(r.stdout).toBe("");
  });
});

describe("compare and sweep shards", () => {
  it("compare shards merge into exactly the files of a single comparison", () => {
    const out = tempDir("shard-compare");
    for (const i of SHARDS) ccsimOk(["compare", "a.yaml", "b.yaml", "--workers", "1", "--shard", `${i}/4`, "--out", join(out, `shard${i}`), "-q"], { cwd: dir });
    const merged = ccsimOk(["merge", ...SHARDS.map((i) => join(out, `shard${i}`)), "--out", join(out, "merged"), "-q"], { cwd: dir });
    const single = ccsimOk(["compare", "a.yaml", "b.yaml", "--workers", "1", "--out", join(out, "single"), "-q"], { cwd: dir });
    expect(listFiles(join(out, "single"))).toContain("comparison.json");
    expectSameTree(join(out, "merged"), join(out, "single"));
    expect(merged.stdout).toBe(single.stdout);
  });

  it("sweep shards merge into exactly the files of a single sweep", () => {
    const out = tempDir("shard-sweep");
    for (const i of SHARDS) ccsimOk(["sweep", "a.yaml", "--set", SET, "--workers", "1", "--shard", `${i}/4`, "--out", join(out, `shard${i}`), "-q"], { cwd: dir });
    const merged = ccsimOk(["merge", ...SHARDS.map((i) => join(out, `shard${i}`)), "--out", join(out, "merged"), "-q", "--format", "csv"], { cwd: dir });
    const single = ccsimOk(["sweep", "a.yaml", "--set", SET, "--workers", "1", "--out", join(out, "single"), "-q", "--format", "csv"], { cwd: dir });
    expect(listFiles(join(out, "single"))).toEqual(["sweep.csv", "sweep.json"]);
    expectSameTree(join(out, "merged"), join(out, "single"));
    expect(merged.stdout).toBe(single.stdout);
  });
});
