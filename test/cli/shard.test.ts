/**
 * `--shard i/n` and `ccsim merge`: shards run as separate processes merge into exactly the files
 * of a single run, for run, compare and sweep; missing or duplicate shards are refused.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT, ccsim, ccsimOk, expectSameTree, listFiles, requireBuild, snapshot, tempDir, writeScenario } from "./helpers.js";

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
  /** Four shards run as separate processes into one directory, and the unsharded run. */
  let jobDir: string;
  const shardFile = (i: number) => join(jobDir, "shards", `shard-${i}-of-4.json.gz`);

  beforeAll(() => {
    jobDir = tempDir("shard-run");
    for (const i of SHARDS) {
      // The workflow of `ccsim --help`: `run … --shard 0/4 --out shards && … && ccsim merge shards`.
      const r = ccsim(["run", "a.yaml", "--workers", "1", "--shard", `${i}/4`, "--out", join(jobDir, "shards"), "-q"], { cwd: dir });
      expect(r.stderr, `shard ${i}/4`).toBe("");
      expect(r.status, `shard ${i}/4`).toBe(EXIT.ok);
    }
    ccsimOk(["run", "a.yaml", "--workers", "2", "--out", join(jobDir, "single"), "-q"], { cwd: dir });
  });

  it("shards written into one directory by separate processes merge into the single-run files", () => {
    expect(readdirSync(join(jobDir, "shards")).sort()).toEqual(SHARDS.map((i) => `shard-${i}-of-4.json.gz`));
    const merged = ccsimOk(["merge", join(jobDir, "shards"), "--out", join(jobDir, "merged"), "-q"], { cwd: dir });
    expectSameTree(join(jobDir, "merged"), join(jobDir, "single"));
    expect(merged.stdout).toContain("5 replications");
    expect(merged.stdout).toBe(ccsimOk(["run", "a.yaml", "--workers", "1", "-q"], { cwd: dir }).stdout);
  });

  it("shard files given one by one, in any order, merge into the same files", () => {
    const out = join(tempDir("shard-files"), "merged");
    ccsimOk(["merge", shardFile(2), shardFile(0), shardFile(3), shardFile(1), "--out", out, "-q"], { cwd: dir });
    expectSameTree(out, join(jobDir, "single"));
  });

  it("a missing shard makes merge exit 2 naming it, writing nothing", () => {
    const out = join(tempDir("shard-missing"), "merged");
    const r = ccsim(["merge", shardFile(0), shardFile(1), shardFile(3), "--out", out], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain("shard 2/4 is missing (found 3 of 4)");
    expect(r.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  });

  it("a duplicate shard makes merge exit 2 naming it, writing nothing", () => {
    const base = tempDir("shard-duplicate");
    // The same shard twice: once in the directory, once as a copy elsewhere.
    mkdirSync(join(base, "again"));
    copyFileSync(shardFile(1), join(base, "again", "shard-1-of-4.json.gz"));
    const r = ccsim(["merge", join(jobDir, "shards"), join(base, "again"), "--out", join(base, "merged")], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toMatch(/is shard 1\/4, and so is .*shard-1-of-4.json.gz: give each shard once/);
    expect(r.stdout).toBe("");
    expect(existsSync(join(base, "merged"))).toBe(false);
  });

  it("rerunning a shard whose file is already in the directory exits 3 and leaves it untouched", () => {
    const before = snapshot(join(jobDir, "shards"));
    const r = ccsim(["run", "a.yaml", "--workers", "1", "--shard", "2/4", "--seed", "99", "--out", join(jobDir, "shards"), "-q"], { cwd: dir });
    expect(r.status).toBe(EXIT.output);
    expect(r.stderr).toContain("--force");
    const after = snapshot(join(jobDir, "shards"));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [f, b] of before) expect(after.get(f)!.bytes.equals(b.bytes), f).toBe(true);
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
    expect(listFiles(join(out, "single"))).toEqual(["manifest.json", "sweep.csv", "sweep.json"]);
    expectSameTree(join(out, "merged"), join(out, "single"));
    expect(merged.stdout).toBe(single.stdout);
  });
});
