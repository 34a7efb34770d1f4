/**
 * Every output is complete or absent: a real full disk (a tiny tmpfs), SIGKILL at seeded random
 * moments, concurrent runs into one folder, a planted symlink and stale temporary names left by
 * killed runs. A result folder is complete when its manifest lists exactly its files with their
 * sizes and SHA-256 (checkFolder).
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFolder, cleanStale } from "../../src/cli/files.js";
import { EXIT, ccsim, ccsimOk, readJson, sleep, startCcsim, tempDir, writeScenario } from "./helpers.js";

/** A scenario whose outputs take a while to write: 15-minute intervals over a day, many replications. */
const WIDE = ["name: wide", "seed: 3", "replications: 24", "horizon: { hours: 24 }", "intervalMinutes: 15", "contactTypes:", "  calls: { volume: { perHour: 120 }, handleTime: { dist: exponential, mean: 180 } }", "agentGroups:", "  agents: { skills: { calls: 1 }, staffing: { constant: 9 } }", ""].join("\n");

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so the kill moments are the same every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seedOf = (dir: string) => readJson(join(dir, "results.json")).seed as number;

describe("on a full disk (a 128 KiB tmpfs)", () => {
  const dir = tempDir("full");
  const mnt = join(dir, "mnt");
  let mounted = false;
  let why = "";
  beforeAll(() => {
    writeScenario(dir, "tiny.yaml", { hours: 1, replications: 1 });
    writeScenario(dir, "small.yaml", { replications: 30 });
    mkdirSync(mnt);
    const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=128k", "tmpfs", mnt], { encoding: "utf8" });
    mounted = r.status === 0;
    why = r.error?.message ?? r.stderr;
  });
  afterAll(() => {
    if (mounted) spawnSync("umount", [mnt]);
  });
  const leftovers = () => readdirSync(mnt).filter((f) => f.includes(".ccsim-"));

  it("keeps the previous complete folder when the new one does not fit, and exits 3 naming the file", (ctx) => {
    if (!mounted) return ctx.skip(`cannot mount a tmpfs here (needs root): ${why}`);
    const out = join(mnt, "results");
    ccsimOk(["run", "tiny.yaml", "-w", "1", "-q", "--out", out, "--seed", "5"], { cwd: dir });
    expect(checkFolder(out)).toBeNull();
    const r = ccsim(["run", "small.yaml", "-w", "1", "-q", "--out", out, "--seed", "6", "--force"], { cwd: dir });
    expect(r.status).toBe(EXIT.output);
    expect(r.stderr).toMatch(/^ccsim: cannot write .*results.* the disk is full \(ENOSPC\); nothing was written there\n$/);
    expect(r.stderr).not.toContain(".ccsim-tmp-");
    expect(checkFolder(out)).toBeNull();
    expect(seedOf(out)).toBe(5);
    expect(leftovers()).toEqual([]);
  });

  it("writes no shard, no report and no trace that does not fit (exit 3 each), and leaves no temporary file", (ctx) => {
    if (!mounted) return ctx.skip(`cannot mount a tmpfs here (needs root): ${why}`);
    const shard = ccsim(["run", "small.yaml", "-w", "1", "-q", "-r", "200", "--shard", "0/1", "--out", join(mnt, "shards")], { cwd: dir });
    expect(shard.status).toBe(EXIT.output);
    expect(existsSync(join(mnt, "shards", "shard-0-of-1.json.gz"))).toBe(false);
    const report = ccsim(["report", "small.yaml", "-w", "1", "-q", "-r", "4", "--out", join(mnt, "report.html")], { cwd: dir });
    expect(report.status).toBe(EXIT.output);
    expect(existsSync(join(mnt, "report.html"))).toBe(false);
    const trace = ccsim(["run", "small.yaml", "-q", "-r", "3", "--trace", join(mnt, "trace.csv")], { cwd: dir });
    expect(trace.status).toBe(EXIT.output);
    expect(existsSync(join(mnt, "trace.csv"))).toBe(false);
    for (const r of [shard, report, trace]) expect(r.stderr).toMatch(/the disk is full \(ENOSPC\)/);
    expect(leftovers()).toEqual([]);
    expect(readdirSync(join(mnt, "shards"))).toEqual([]);
  });
});

describe("killed at random moments (SIGKILL, seeded)", () => {
  it("always leaves the previous complete folder or the new complete one, never a mix", async () => {
    const dir = tempDir("kill");
    writeFileSync(join(dir, "wide.yaml"), WIDE);
    const out = join(dir, "results");
    const started = Date.now();
    ccsimOk(["run", "wide.yaml", "-w", "1", "-q", "--out", out, "--seed", "100"], { cwd: dir });
    const duration = Date.now() - started;
    let previous = 100;
    const random = seeded(15);
    const seen = { previous: 0, next: 0 };
    for (let k = 1; k <= 8; k++) {
      const next = 100 + k;
      const run = startCcsim(["run", "wide.yaml", "-w", "1", "-q", "--out", out, "--seed", String(next), "--force"], { cwd: dir });
      await sleep(duration * (0.4 + 0.8 * random()));
      run.child.kill("SIGKILL");
      await run.done;
      // What the next run does first: tidy names of dead processes (and put back a folder moved aside).
      cleanStale(out);
      expect(readdirSync(dir).filter((f) => f.startsWith(".")), `kill ${k}: leftovers`).toEqual([]);
      expect(checkFolder(out), `kill ${k}: the folder is not complete`).toBeNull();
      const now = seedOf(out);
      expect([previous, next], `kill ${k}`).toContain(now);
      seen[now === previous ? "previous" : "next"]++;
      previous = now;
    }
    // The moments span the run: some kills came before the folder was replaced, some after.
    expect(seen.previous).toBeGreaterThan(0);
  });
});

describe("concurrent runs into one folder", () => {
  const dir = tempDir("concurrent");
  beforeAll(() => writeScenario(dir, "small.yaml"));

  it("without --force exactly one of two runs writes it; the other exits 3 and the folder is complete", async () => {
    const out = join(dir, "empty");
    mkdirSync(out);
    const runs = [1, 2].map((s) => startCcsim(["run", "small.yaml", "-w", "1", "-q", "--out", out, "--seed", String(s)], { cwd: dir }));
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r) => r.status).sort()).toEqual([EXIT.ok, EXIT.output]);
    expect(results.find((r) => r.status === EXIT.output)!.stderr).toContain("--force");
    expect(checkFolder(out)).toBeNull();
    expect(seedOf(out)).toBe(results[0].status === EXIT.ok ? 1 : 2);
  });

  it("with --force every run succeeds and the folder is one run's complete result", async () => {
    const out = join(dir, "forced");
    const runs = [1, 2, 3].map((s) => startCcsim(["run", "small.yaml", "-w", "1", "-q", "--out", out, "--seed", String(s), "--force"], { cwd: dir }));
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r) => r.status)).toEqual([EXIT.ok, EXIT.ok, EXIT.ok]);
    expect(checkFolder(out)).toBeNull();
    expect([1, 2, 3]).toContain(seedOf(out));
    expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
  });
});

describe("planted names", () => {
  const dir = tempDir("planted");
  beforeAll(() => writeScenario(dir, "small.yaml"));

  it("a symlink planted at a shard's name is never followed: the file it points to is untouched", () => {
    const shards = join(dir, "shards");
    mkdirSync(shards);
    const outside = join(dir, "outside.txt");
    writeFileSync(outside, "precious\n");
    symlinkSync(outside, join(shards, "shard-0-of-1.json.gz"));
    const refused = ccsim(["run", "small.yaml", "-w", "1", "-q", "--shard", "0/1", "--out", shards], { cwd: dir });
    expect(refused.status).toBe(EXIT.output);
    ccsimOk(["run", "small.yaml", "-w", "1", "-q", "--shard", "0/1", "--out", shards, "--force"], { cwd: dir });
    expect(readFileSync(outside, "utf8")).toBe("precious\n");
    expect(lstatSync(join(shards, "shard-0-of-1.json.gz")).isFile()).toBe(true);
  });

  it("stale temporary names of dead processes are removed, a live process's are kept, a folder moved aside is put back", () => {
    const me = `${hostname().replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const dead = 2 ** 22 + 12345; // above the default pid_max: no such process
    const staleDir = join(dir, `.results.ccsim-tmp-${me}-${dead}-AbC123`);
    const liveDir = join(dir, `.results.ccsim-tmp-${me}-${process.pid}-XyZ789`);
    const aside = join(dir, `.results.ccsim-old-${me}-${dead}-QwE456`);
    for (const d of [staleDir, liveDir, aside]) mkdirSync(d);
    writeFileSync(join(staleDir, "results.json"), "{ half");
    writeFileSync(join(aside, "results.json"), '{"seed": 42}');
    // The previous result, interrupted between "rename it aside" and "rename the new one in": restored, so refused without --force.
    const r = ccsim(["run", "small.yaml", "-w", "1", "-q", "--out", join(dir, "results")], { cwd: dir });
    expect(r.status).toBe(EXIT.output);
    expect(readJson(join(dir, "results", "results.json")).seed).toBe(42);
    expect(existsSync(staleDir)).toBe(false);
    expect(existsSync(aside)).toBe(false);
    expect(existsSync(liveDir)).toBe(true);
  });
});
