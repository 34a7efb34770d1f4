/** `ccsim run`: the table, JSON and CSV outputs, --out with and without --force, --trace, bad input. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT, ccsim, ccsimOk, csvRecords, listFiles, nonFinitePaths, parseCsv, readJson, requireBuild, sleep, snapshot, tempDir, writeScenario } from "./helpers.js";

const SUMMARY_HEADER = "scenario,scope,name,kpi,unit,n,mean,sd,ci_low,ci_high,p5,p50,p95,pooled,pooled_ci_low,pooled_ci_high";
const TRACE_HEADER = "scenario,replication,type,segment,origin,arrival_s,outcome,wait_s,talk_s,group,resolved";
const OUT_FILES = ["intervals.csv", "manifest.json", "replications.csv", "results.json", "summary.csv"];

let dir: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir("run");
  writeScenario(dir, "small.yaml");
  // 300 calls/h × 180 s = 15 Erlangs on 14 agents: overloaded, the queue grows (warnings, long waits).
  writeScenario(dir, "overloaded.yaml", { name: "overloaded", perHour: 300 });
  // No arrivals at all: every ratio KPI is undefined.
  writeScenario(dir, "empty.yaml", { name: "empty", perHour: 0 });
});

describe("ccsim run prints", () => {
  it("a table of KPIs with mean ± half-width on stdout", () => {
    const r = ccsimOk(["run", "small.yaml", "--workers", "1"], { cwd: dir });
    expect(r.stdout).toContain("small — 4 replications, seed 7");
    expect(r.stdout).toContain("mean ± half-width");
    expect(r.stdout).toMatch(/^Service level\s+\d+\.\d ± \d+\.\d%$/m);
    expect(r.stdout).toMatch(/^Occupancy\s+\d+\.\d ± \d+\.\d%$/m);
  });

  it.each(["small.yaml", "overloaded.yaml", "empty.yaml"])("valid JSON in the ccsim.results/1 format without NaN or Infinity for %s", (file) => {
    const r = ccsimOk(["run", file, "--workers", "1", "--format", "json", "--quiet"], { cwd: dir });
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe("ccsim.results/1");
    expect(doc.replications).toBe(4);
    expect(doc.requested).toBe(4);
    expect(doc.partial).toBe(false);
    expect(doc.runs.map((x: { replication: number }) => x.replication)).toEqual([0, 1, 2, 3]);
    expect(nonFinitePaths(doc)).toEqual([]);
    const sl = doc.summary.types.all.serviceLevel;
    if (file === "empty.yaml") {
      expect(sl.n).toBe(0);
      expect(sl.mean).toBeNull();
    } else {
      expect(sl.n).toBe(4);
      expect(sl.mean).toBeGreaterThanOrEqual(0);
      expect(sl.mean).toBeLessThanOrEqual(1);
    }
  });

  it("the M/M/14 service level is high, with a sane interval, and the overloaded one lower", () => {
    const small = JSON.parse(ccsimOk(["run", "small.yaml", "--workers", "1", "--format", "json", "-q", "-r", "5"], { cwd: dir }).stdout);
    const over = JSON.parse(ccsimOk(["run", "overloaded.yaml", "--workers", "1", "--format", "json", "-q", "-r", "5"], { cwd: dir }).stdout);
    const s = small.summary.types.all.serviceLevel;
    // Loose: 8 hours from an empty start, 5 replications; the interval must at least be sane.
    expect(s.mean).toBeGreaterThan(0.7);
    // The interval is the replications' mean ± t(0.975, 4)·sd/√5, from the runs in the same file.
    const values: number[] = small.runs.map((r: { totals: { types: { all: { serviceLevel: number } } } }) => r.totals.types.all.serviceLevel);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    const half = (2.7764451051977987 * sd) / Math.sqrt(values.length);
    expect(values).toHaveLength(5);
    expect(s.mean).toBeCloseTo(mean, 9);
    expect(half).toBeGreaterThan(0);
    expect(s.ci95[0]).toBeCloseTo(mean - half, 9);
    expect(s.ci95[1]).toBeCloseTo(mean + half, 9);
    expect(over.summary.types.all.serviceLevel.mean).toBeLessThan(s.mean);
  });

  it("CSV with the documented summary header", () => {
    const r = ccsimOk(["run", "small.yaml", "--workers", "1", "--format", "csv", "-q"], { cwd: dir });
    expect(r.stdout.split("\n")[0]).toBe(SUMMARY_HEADER);
    const rows = csvRecords(r.stdout);
    const sl = rows.find((x) => x.scope === "type" && x.name === "all" && x.kpi === "serviceLevel");
    expect(sl).toBeDefined();
    expect(sl!.scenario).toBe("small");
    expect(Number(sl!.n)).toBe(4);
    expect(Number(sl!.mean)).toBeGreaterThan(0);
    expect(Number(sl!.mean)).toBeLessThanOrEqual(1);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it("nothing on stderr with --quiet, also with worker threads", () => {
    const r = ccsimOk(["run", "small.yaml", "--workers", "2", "--replications", "12", "--quiet"], { cwd: dir });
    expect(r.stderr).toBe("");
  });
});

describe("ccsim run --out", () => {
  it("writes results.json, summary.csv, intervals.csv and replications.csv and nothing else", () => {
    const out = join(tempDir("out"), "results");
    const r = ccsimOk(["run", "small.yaml", "--workers", "1", "--out", out, "-q"], { cwd: dir });
    expect(listFiles(out)).toEqual(OUT_FILES);
    const doc = readJson(join(out, "results.json"));
    expect(doc.format).toBe("ccsim.results/1");
    expect(nonFinitePaths(doc)).toEqual([]);
    expect(readFileSync(join(out, "summary.csv"), "utf8").split("\n")[0]).toBe(SUMMARY_HEADER);
    // --out does not change what is printed: the same table as without it.
    expect(r.stdout).toBe(ccsimOk(["run", "small.yaml", "--workers", "1", "-q"], { cwd: dir }).stdout);
    // The CSV tables parse with a constant column count, one replication block per run.
    const reps = csvRecords(readFileSync(join(out, "replications.csv"), "utf8"));
    expect(new Set(reps.map((x) => x.replication))).toEqual(new Set(["0", "1", "2", "3"]));
    expect(parseCsv(readFileSync(join(out, "intervals.csv"), "utf8"))[0]).toEqual(["scenario", "interval", "start_s", "start", "scope", "name", "kpi", "unit", "n", "mean", "sd", "ci_low", "ci_high", "p5", "p50", "p95"]);
  });

  it.each(["table", "csv"])("prints the same %s and warnings as a run without --out, which skips the interval series", (format) => {
    // Without --out (or JSON, or --shard) `run` summarises only the totals: what it prints must not notice.
    const out = join(tempDir("out"), "results");
    const args = ["run", "overloaded.yaml", "small.yaml", "--workers", "1", "--format", format];
    const withOut = ccsimOk([...args, "--out", out], { cwd: dir });
    const without = ccsimOk(args, { cwd: dir });
    expect(without.stdout).toBe(withOut.stdout);
    expect(without.stderr).toContain("warning [");
    expect(without.stderr.split("\n").filter((l) => l.includes("warning ["))).toEqual(withOut.stderr.split("\n").filter((l) => l.includes("warning [")));
    if (format === "csv") expect(without.stdout).toBe(readFileSync(join(out, "overloaded", "summary.csv"), "utf8") + "\n" + readFileSync(join(out, "small", "summary.csv"), "utf8"));
  });

  it("refuses (exit 3) a non-empty directory without --force and leaves its files untouched", async () => {
    const out = join(tempDir("out"), "results");
    ccsimOk(["run", "small.yaml", "--workers", "1", "--out", out, "-q"], { cwd: dir });
    const before = snapshot(out);
    await sleep(20); // so that a rewrite would show in the modification times
    const r = ccsim(["run", "small.yaml", "--workers", "1", "--out", out, "-q", "--seed", "99"], { cwd: dir });
    expect(r.status).toBe(EXIT.output);
    expect(r.stderr).toContain("--force");
    expect(r.stdout).toBe("");
    const after = snapshot(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [f, b] of before) {
      expect(after.get(f)!.bytes.equals(b.bytes), `${f} changed`).toBe(true);
      expect(after.get(f)!.mtimeMs, `${f} rewritten`).toBe(b.mtimeMs);
    }
  });

  it("overwrites with --force, giving exactly the files of a fresh run", () => {
    const base = tempDir("out");
    const out = join(base, "results");
    ccsimOk(["run", "small.yaml", "--workers", "1", "--out", out, "-q"], { cwd: dir });
    const first = readFileSync(join(out, "results.json"));
    ccsimOk(["run", "small.yaml", "--workers", "1", "--out", out, "-q", "--seed", "99", "--force"], { cwd: dir });
    const second = readFileSync(join(out, "results.json"));
    expect(second.equals(first)).toBe(false);
    expect(readJson(join(out, "results.json")).seed).toBe(99);
    ccsimOk(["run", "small.yaml", "--workers", "1", "--out", join(base, "fresh"), "-q", "--seed", "99"], { cwd: dir });
    expect(listFiles(out)).toEqual(OUT_FILES);
    for (const f of OUT_FILES.filter((f) => f !== "manifest.json")) expect(readFileSync(join(out, f)).equals(readFileSync(join(base, "fresh", f))), f).toBe(true);
  });
});

describe("ccsim run --trace", () => {
  it("writes a CSV with the header and one row per finished attempt, consistent with the results", () => {
    const base = tempDir("trace");
    const trace = join(base, "trace.csv");
    const r = ccsimOk(["run", "small.yaml", "--replications", "2", "--trace", trace, "--out", join(base, "out"), "-q"], { cwd: dir });
    expect(r.stdout).toContain("mean ± half-width");
    const text = readFileSync(trace, "utf8");
    expect(text.split("\n")[0]).toBe(TRACE_HEADER);
    const rows = csvRecords(text);
    expect(listFiles(base).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const doc = readJson(join(base, "out", "results.json"));
    for (const run of doc.runs) {
      const mine = rows.filter((x) => Number(x.replication) === run.replication);
      const totals = run.totals.types.all;
      // Every finished conversation has an "answered" row (nobody abandons here); at most every answered contact has one.
      const answeredRows = mine.filter((x) => x.outcome === "answered").length;
      expect(answeredRows).toBeGreaterThanOrEqual(totals.handled);
      expect(answeredRows).toBeLessThanOrEqual(totals.answered);
      expect(mine.filter((x) => x.outcome === "abandoned").length).toBe(0);
      expect(mine.length).toBeLessThanOrEqual(totals.offered);
      for (const x of mine) {
        expect(x.scenario).toBe("small");
        expect(x.type).toBe("calls");
        expect(Number(x.arrival_s)).toBeGreaterThanOrEqual(0);
        expect(Number(x.arrival_s)).toBeLessThan(doc.horizonSeconds);
        expect(Number(x.wait_s)).toBeGreaterThanOrEqual(0);
        expect(Number(x.talk_s)).toBeGreaterThan(0);
      }
    }
    expect(new Set(rows.map((x) => x.replication))).toEqual(new Set(["0", "1"]));
  });

  it("has one row for every offered attempt, including those still waiting or talking at the end", () => {
    // README and `run --help`: "one CSV row per contact attempt". Attempts answered but still in
    // conversation (or still queued) when the horizon ends are offered and answered in the results,
    // so a trace that reconciles with them needs a row for each (outcome e.g. "in-progress").
    const base = tempDir("trace");
    const trace = join(base, "trace.csv");
    ccsimOk(["run", "small.yaml", "--replications", "2", "--trace", trace, "--out", join(base, "out"), "-q"], { cwd: dir });
    const rows = csvRecords(readFileSync(trace, "utf8"));
    const doc = readJson(join(base, "out", "results.json"));
    for (const run of doc.runs) {
      expect(rows.filter((x) => Number(x.replication) === run.replication).length, `replication ${run.replication}`).toBe(run.totals.types.all.offered);
    }
  });
});

describe("ccsim run with bad input", () => {
  it("an invalid scenario exits 2 with file:line:col and writes nothing", () => {
    writeFileSync(join(dir, "invalid.yaml"), readFileSync(join(dir, "small.yaml"), "utf8").replace("perHour: 200", "perHour: -200"));
    const base = tempDir("bad");
    const r = ccsim(["run", "invalid.yaml", "--out", join(base, "out"), "--trace", join(base, "trace.csv")], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toMatch(/^invalid\.yaml:7:\d+: error at contactTypes\.calls\.volume\.perHour/m);
    expect(r.stderr).toContain("nothing was run");
    expect(r.stdout).toBe("");
    expect(listFiles(base)).toEqual([]);
  });

  it("a YAML syntax error exits 2 with file:line:col", () => {
    writeFileSync(join(dir, "syntax.yaml"), "name: x\ncontactTypes: { calls: [\n");
    const r = ccsim(["run", "syntax.yaml"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toMatch(/^syntax\.yaml:\d+:\d+: /m);
  });

  it("a missing file exits 2 naming it and writes nothing", () => {
    const base = tempDir("bad");
    const r = ccsim(["run", "missing.yaml", "--out", join(base, "out")], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain("missing.yaml");
    expect(r.stdout).toBe("");
    expect(existsSync(join(base, "out"))).toBe(false);
  });

  it("one bad file among several runs nothing", () => {
    const base = tempDir("bad");
    const r = ccsim(["run", "small.yaml", "missing.yaml", "--out", join(base, "out")], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(existsSync(join(base, "out"))).toBe(false);
  });
});
