/** `ccsim staff FILE --target 80/20`: requirements, a shift plan, shifts.yaml that pastes back into the scenario. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatDiagnostics, parseScenarioText } from "../../src/scenario/load.js";
import { EXIT, ccsim, ccsimOk, csvRecords, listFiles, nonFinitePaths, readJson, requireBuild, tempDir } from "./helpers.js";

let dir: string;

/** The small scenario in block style, with the agent group's staffing given as text (indented 4). */
function scenarioWithStaffing(staffing: string): string {
  return [
    "name: small",
    "seed: 7",
    "replications: 3",
    "horizon: { hours: 8 }",
    "intervalMinutes: 60",
    "contactTypes:",
    "  calls: { volume: { perHour: 200 }, handleTime: { dist: exponential, mean: 180 } }",
    "agentGroups:",
    "  agents:",
    "    skills: { calls: 1 }",
    staffing.replace(/\n$/, "").split("\n").map((l) => `    ${l}`).join("\n"),
    "",
  ].join("\n");
}

beforeAll(() => {
  requireBuild();
  dir = tempDir("staff");
  writeFileSync(join(dir, "small.yaml"), scenarioWithStaffing("staffing: { constant: 14 }"));
});

describe("ccsim staff", () => {
  it("prints the requirements per interval and a shift plan to paste", () => {
    const r = ccsimOk(["staff", "small.yaml", "--target", "80/20", "-q"], { cwd: dir });
    expect(r.stdout).toContain('Staffing "agents" of small (method: auto)\n  calls: 80% within 20 s');
    expect(r.stdout).toMatch(/^Interval\s+Erlangs\s+Erlang C/m);
    // 10 Erlangs, 80/20, 180 s handle time: Erlang C needs 14 agents (13 give 79%).
    const rows = r.stdout.split("\n").filter((l) => /^Mon \d\d:00\s/.test(l));
    expect(rows.length).toBe(8);
    for (const row of rows) expect(row.split(/\s{2,}/).slice(1, 3)).toEqual(["10.0", "14"]);
    expect(r.stdout).toMatch(/^Shift plan: \d+\.\d paid hours \(optimal/m);
    expect(r.stdout).toMatch(/^Check on seed \d+ \(never used for planning\), 3 replications:\n {2}calls: service level \d+\.\d( ± \d+\.\d)?%/m);
    expect(r.stdout).toContain("Paste under each agent group:\n# agentGroups.agents:\nstaffing:\n  shifts:\n    - { start: ");
  });

  it("writes requirements.csv, shifts.yaml, staffing.json and staffed.yaml with --out", () => {
    const out = join(tempDir("staff-out"), "plan");
    ccsimOk(["staff", "small.yaml", "--target", "80/20", "--method", "erlangC", "--out", out, "-q"], { cwd: dir });
    expect(listFiles(out)).toEqual(["manifest.json", "requirements.csv", "shifts.yaml", "staffed.yaml", "staffing.json"]);
    const requirements = csvRecords(readFileSync(join(out, "requirements.csv"), "utf8"));
    expect(requirements.map((x) => x.erlang_c)).toEqual(Array(8).fill("14"));
    expect(requirements.map((x) => x.group)).toEqual(Array(8).fill("agents"));
    const doc = readJson(join(out, "staffing.json"));
    expect(doc.format).toBe("ccsim.staffing/2");
    expect(doc.targets).toEqual({ calls: { serviceLevel: { level: 0.8, thresholdSeconds: 20 } } });
    expect(doc.plans.agents.paidHours).toBeGreaterThanOrEqual(8 * 14);
    expect(nonFinitePaths(doc)).toEqual([]);
    expect(readFileSync(join(out, "shifts.yaml"), "utf8")).toMatch(/^# agentGroups\.agents:\nstaffing:\n {2}shifts:\n/m);
  });

  it("staffed.yaml extends the input with the plan, and `ccsim run` on it reproduces the check bit for bit", () => {
    const out = join(dir, "staffed-out");
    ccsimOk(["staff", "small.yaml", "--target", "80/15", "--out", out, "-q"], { cwd: dir });
    const staffed = readFileSync(join(out, "staffed.yaml"), "utf8");
    expect(staffed).toContain('extends: "../small.yaml"');
    const run = JSON.parse(ccsimOk(["run", join(out, "staffed.yaml"), "--workers", "1", "--format", "json", "-q"], { cwd: dir }).stdout);
    const doc = readJson(join(out, "staffing.json"));
    expect(run.summary.types.calls.serviceLevel.mean).toBe(doc.check.types.calls.serviceLevel.mean);
    expect(run.summary.types.calls.asa.mean).toBe(doc.check.types.calls.asa.mean);
  });

  it("shifts.yaml pasted into the scenario validates, and simulates to the service level staff reported", () => {
    const out = join(tempDir("staff-out"), "plan");
    ccsimOk(["staff", "small.yaml", "--target", "80/20", "--method", "erlangC", "--out", out, "-q"], { cwd: dir });
    const pasted = scenarioWithStaffing(readFileSync(join(out, "shifts.yaml"), "utf8").split("\n").filter((l) => !l.startsWith("#")).join("\n"));
    const parsed = parseScenarioText(pasted, "pasted.yaml");
    expect(parsed.ok, parsed.ok ? "" : formatDiagnostics(parsed.errors)).toBe(true);
    if (!parsed.ok) return;
    const shifts = parsed.scenario.agentGroups.agents.staffing.shifts ?? [];
    expect(shifts.length).toBeGreaterThan(0);
    // Every hour of the 8 is covered by at least 14 agents.
    for (let h = 0; h < 8; h++) {
      const onDuty = shifts.filter((s) => s.start <= h * 3600 && h * 3600 < s.start + s.length).reduce((n, s) => n + s.count, 0);
      expect(onDuty, `hour ${h}`).toBeGreaterThanOrEqual(14);
    }

    writeFileSync(join(dir, "pasted.yaml"), pasted);
    const v = ccsim(["validate", "pasted.yaml"], { cwd: dir });
    expect(v.status).toBe(EXIT.ok);
    expect(v.stdout).toBe("ok pasted.yaml\n");
    const staffing = readJson(join(out, "staffing.json"));
    const run = JSON.parse(ccsimOk(["run", "pasted.yaml", "--workers", "1", "--format", "json", "--seed", String(staffing.check.seed), "-q"], { cwd: dir }).stdout);
    expect(run.summary.types.all.serviceLevel.mean).toBeCloseTo(staffing.check.types.calls.serviceLevel.mean, 12);
  });

  it("an impossible target exits 2 naming --target", () => {
    const r = ccsim(["staff", "small.yaml", "--target", "120/20", "-q"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain("--target");
    expect(r.stdout).toBe("");
  });
});
