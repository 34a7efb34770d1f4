/**
 * `ccsim run --records`: simulated calls as call records (docs/records.md). The records must
 * reconcile exactly with the run's own KPIs, replication by replication and type by type, so
 * that fitting and backtesting can be tested on data whose truth is known.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { OUTCOMES, RECORD_COLUMNS, TIME_COLUMNS, dayOfWeekOf, parseLocalTime } from "../../src/records/format.js";
import { EXIT, ccsim, ccsimOk, csvRecords, listFiles, readJson, requireBuild, tempDir } from "./helpers.js";

// Every outcome happens: a busy signal (few trunks), IVR-only calls, abandonment, callbacks, calls cut by the end.
const SCENARIO = `name: records
seed: 11
replications: 2
horizon: { days: 2 }
startDay: wed
warmup: 1h
intervalMinutes: 60
trunks: { lines: 14 }
ivr: { menuTime: { dist: uniform, min: 10, max: 40 } }
contactTypes:
  billing:
    volume: { perHour: 110 }
    handleTime: { dist: lognormal, mu: 5, sigma: 0.5 }
    wrapUp: { dist: deterministic, mean: 20 }
    patience: { dist: survival, times: [0, 30, 120], survival: [1, 0.6, 0.2] }
    ivr: { containment: 0.1, containedTime: { dist: deterministic, mean: 50 } }
    callback: { offerWhenWaitAbove: 40, acceptProbability: 0.5 }
  sales:
    volume: { perHour: 30 }
    handleTime: 200
    patience: 100
agentGroups:
  team: { skills: { billing: 1, sales: 2 }, staffing: { constant: 9 } }
`;

let dir: string;
let rows: Record<string, string>[];
let doc: any;
beforeAll(() => {
  requireBuild();
  dir = tempDir("records");
  writeFileSync(join(dir, "records.yaml"), SCENARIO);
  ccsimOk(["run", "records.yaml", "--records", "calls.csv", "--out", "out", "-q"], { cwd: dir });
  rows = csvRecords(readFileSync(join(dir, "calls.csv"), "utf8"));
  doc = readJson(join(dir, "out", "results.json"));
}, 120_000);

describe("ccsim run --records", () => {
  it("writes the documented columns, and every outcome this scenario produces", () => {
    expect(readFileSync(join(dir, "calls.csv"), "utf8").split("\n")[0]).toBe(RECORD_COLUMNS.join(","));
    expect(new Set(rows.map((r) => r.outcome))).toEqual(new Set(OUTCOMES));
    expect(new Set(rows.map((r) => r.call_id)).size).toBe(rows.length);
    expect(listFiles(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("counts exactly what the run reports, per replication and contact type", () => {
    for (const run of doc.runs) {
      for (const type of ["billing", "sales"]) {
        const k = run.totals.types[type];
        const mine = rows.filter((r) => r.call_id.startsWith(`${run.replication + 1}-`) && r.type === type);
        const n = (outcome: string) => mine.filter((r) => r.outcome === outcome).length;
        const where = `replication ${run.replication}, ${type}`;
        expect(mine.length, where).toBe(k.offered);
        expect(n("answered"), where).toBe(k.answered);
        expect(n("abandoned"), where).toBe(k.abandoned);
        expect(n("blocked"), where).toBe(k.blocked);
        expect(n("ivr_only"), where).toBe(k.contained);
        expect(n("callback"), where).toBe(k.callbacksAccepted);
        expect(n("unfinished"), where).toBe(k.inSystem);
      }
      expect(run.totals.types.billing.blocked + run.totals.types.billing.callbacksAccepted).toBeGreaterThan(0);
    }
  });

  it("gives the pooled KPIs of results.json when an ACD report is computed from them by hand", () => {
    for (const type of ["billing", "sales"]) {
      const mine = rows.filter((r) => r.type === type);
      const answered = mine.filter((r) => r.outcome === "answered");
      const abandoned = mine.filter((r) => r.outcome === "abandoned").length;
      const wait = (r: Record<string, string>) => parseLocalTime(r.queue_exit)! - parseLocalTime(r.queue_entry)!;
      const pooled = doc.pooled.types[type];
      expect(pooled.abandonRate.value).toBeCloseTo(abandoned / (answered.length + abandoned), 12);
      expect(pooled.serviceLevel.value).toBeCloseTo(answered.filter((r) => wait(r) <= 20).length / (answered.length + abandoned), 12);
      // Times are written to the millisecond.
      expect(Math.abs(pooled.asa.value - answered.reduce((a, r) => a + wait(r), 0) / answered.length)).toBeLessThan(0.001);
    }
  });

  it("dates replication 1 on the scenario's weekday and each further one a week later, from the warm-up on", () => {
    const start = (rep: number) => Math.min(...rows.filter((r) => r.call_id.startsWith(`${rep}-`)).map((r) => parseLocalTime(r.arrival)!));
    // Wednesday 2024-01-03, after the one-hour warm-up.
    expect(start(1)).toBeGreaterThanOrEqual(2 * 86400 + 3600);
    expect(start(1)).toBeLessThan(2 * 86400 + 3600 + 120);
    expect(start(2)).toBeGreaterThanOrEqual(9 * 86400 + 3600);
    for (const r of rows) {
      const t = parseLocalTime(r.arrival)!;
      expect([2, 3]).toContain(dayOfWeekOf(t)); // Wednesday and Thursday only
    }
  });

  it("fills the times each outcome has, in order, and leaves the others empty", () => {
    const t = (r: Record<string, string>, c: (typeof TIME_COLUMNS)[number]) => (r[c] === "" ? null : parseLocalTime(r[c]));
    for (const r of rows) {
      for (const c of TIME_COLUMNS) if (r[c] !== "") expect(parseLocalTime(r[c]), `${r.call_id} ${c}`).not.toBeNull();
      const times = TIME_COLUMNS.map((c) => t(r, c)).filter((x): x is number => x !== null);
      for (let i = 1; i < times.length; i++) expect(times[i], r.call_id).toBeGreaterThanOrEqual(times[i - 1] - 0.0015);
      if (r.outcome === "blocked") expect(TIME_COLUMNS.filter((c) => r[c] !== "")).toEqual(["arrival"]);
      if (r.outcome === "ivr_only") {
        expect(t(r, "ivr_end")! - t(r, "ivr_start")!).toBeCloseTo(50, 2);
        expect(r.queue_entry).toBe("");
      }
      if (r.outcome === "abandoned") expect(r.talk_start + r.agent).toBe("");
      if (r.outcome === "answered") {
        expect(r.agent).toMatch(/^team-\d+$/);
        expect(r.queue_exit).toBe(r.talk_start);
        if (r.type === "sales") expect(r.ivr_start).not.toBe(""); // the scenario's IVR serves every voice type
      }
    }
    // Wrap-up of 20 s after every finished billing conversation.
    const billing = rows.filter((r) => r.type === "billing" && r.outcome === "answered" && r.talk_end !== "");
    for (const r of billing) expect(parseLocalTime(r.wrap_end)! - parseLocalTime(r.talk_end)!).toBeCloseTo(20, 2);
  });

  it("refuses to overwrite a records file without --force, and writes nothing then", () => {
    const before = readFileSync(join(dir, "calls.csv"));
    const r = ccsim(["run", "records.yaml", "-r", "1", "--records", "calls.csv", "-q"], { cwd: dir });
    expect(r.status).toBe(EXIT.output);
    expect(r.stderr).toContain("calls.csv already exists; use --force");
    expect(readFileSync(join(dir, "calls.csv")).equals(before)).toBe(true);
    const same = ccsim(["run", "records.yaml", "-r", "1", "--records", "x.csv", "--trace", "./x.csv", "-q"], { cwd: dir });
    expect(same.status).toBe(EXIT.input);
    expect(existsSync(join(dir, "x.csv"))).toBe(false);
  });
});
