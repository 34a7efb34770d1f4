/** `ccsim fit` and `ccsim backtest` as a user runs them: files written, messages, exit codes. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenarioText } from "../../src/scenario/load.js";
import { recordsCsv, simulatedRecords } from "../fit/simulated-records.js";
import { EXIT, ccsim, ccsimOk, listFiles, requireBuild, tempDir } from "./helpers.js";

const TRUTH = `
horizon: { days: 3 }
intervalMinutes: 60
contactTypes:
  calls:
    volume: { daily: 400, intraday: [0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0] }
    handleTime: { dist: lognormal, mean: 200, cv: 1 }
    patience: { dist: exponential, mean: 120 }
agentGroups:
  agents:
    skills: { calls: 1 }
    staffing: { perInterval: [0,0,0,0,0,0,0,0,3,3,3,3,3,3,3,3,3,0,0,0,0,0,0,0] }
`;

describe("ccsim fit and backtest", () => {
  let dir: string;
  beforeAll(() => {
    requireBuild();
    dir = tempDir("fit");
    const r = parseScenarioText(TRUTH, "truth.yaml");
    if (!r.ok) throw new Error("truth does not validate");
    writeFileSync(join(dir, "records.csv"), recordsCsv(simulatedRecords(r.scenario, 3)));
  });

  it("fits a scenario that runs as is, with a report, data and charts beside it", () => {
    const r = ccsimOk(["fit", "records.csv", "--out", "fitted.yaml", "--interval", "60", "-q"], { cwd: dir });
    expect(r.stdout).toMatch(/handle time: lognormal mean [\d.]+ s \(95% CI/);
    expect(r.stdout).toMatch(/patience: \w+, mean [\d.]+ s/);
    expect(r.stdout).toMatch(/not estimated: calls: day-of-week factors: the records cover 3 day\(s\), not every day of the week/);
    expect(listFiles(join(dir, "fitted.fit")).sort()).toEqual(["charts/calls-daily-volume.vl.json", "charts/calls-handle-time.vl.json", "charts/calls-patience.vl.json", "fit.json", "fit.txt", "manifest.json"]);
    ccsimOk(["validate", "fitted.yaml"], { cwd: dir });
    ccsimOk(["run", "fitted.yaml", "-r", "2", "-q"], { cwd: dir });
    // A second fit onto the same file is refused rather than overwriting it.
    const again = ccsim(["fit", "records.csv", "--out", "fitted.yaml"], { cwd: dir });
    expect(again.status).toBe(EXIT.output);
    expect(again.stderr).toMatch(/already exists; use --force/);
  });

  it("backtests the fitted scenario: a verdict line per KPI, the intervals that disagree, --out files", () => {
    const r = ccsimOk(["backtest", "fitted.yaml", "records.csv", "-r", "5", "-q", "--out", "bt"], { cwd: dir });
    for (const label of ["Offered", "Abandonment", "ASA \\(s\\)", "Service level", "P\\(wait > 0\\)", "Agent busy hours"]) expect(r.stdout).toMatch(new RegExp(`^${label}: observed .* (inside|OUTSIDE) the simulation's interval, relative error`, "m"));
    expect(r.stdout).toMatch(/^Verdict: /m);
    expect(listFiles(join(dir, "bt")).sort()).toEqual(["backtest.json", "backtest.txt", "charts/abandonRate.vl.json", "charts/asa.vl.json", "charts/busyHours.vl.json", "charts/delayProbability.vl.json", "charts/offered.vl.json", "charts/serviceLevel.vl.json", "intervals.csv", "manifest.json"]);
    expect(readFileSync(join(dir, "bt", "intervals.csv"), "utf8")).toMatch(/^kpi,unit,interval,observed,simulated_mean/);
  });

  it("calibrates staffing and says so in the scenario", () => {
    const r = ccsimOk(["fit", "records.csv", "--out", "calibrated.yaml", "--interval", "60", "--calibrate", "-r", "3", "-q"], { cwd: dir });
    expect(r.stdout).toMatch(/calibrated staffing: \d+ bisection rounds of 3 replications/);
    expect(readFileSync(join(dir, "calibrated.yaml"), "utf8")).toMatch(/calibrated by simulation/);
  });

  it("stops at a bad row with file:line:column and one sentence, writing nothing", () => {
    const lines = readFileSync(join(dir, "records.csv"), "utf8").split("\n");
    lines[5] = lines[5].replace(/,answered,|,abandoned,/, ",ANSWERED_OK,");
    writeFileSync(join(dir, "bad.csv"), lines.join("\n"));
    const r = ccsim(["fit", "bad.csv", "--out", "bad.yaml"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr.trim()).toMatch(/^ccsim: bad\.csv:6:\d+: column "outcome" \(outcome\): unknown outcome "ANSWERED_OK"; expected one of/);
    expect(existsSync(join(dir, "bad.yaml"))).toBe(false);
    const missing = ccsim(["backtest", "fitted.yaml", "nowhere.csv"], { cwd: dir });
    expect(missing.status).toBe(EXIT.input);
    expect(missing.stderr.trim()).toBe("ccsim: cannot read the records nowhere.csv: no such file");
  });

  it("refuses a scenario whose start day is not the records' first day", () => {
    writeFileSync(join(dir, "tuesday.yaml"), readFileSync(join(dir, "fitted.yaml"), "utf8").replace(/^startDay: mon/m, "startDay: tue"));
    const r = ccsim(["backtest", "tuesday.yaml", "records.csv", "-q"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toMatch(/the records start on a mon but the scenario's startDay is tue; set startDay: mon/);
  });

  it("reads an export with other column names, a split date and time, and other outcome words through --mapping", () => {
    const [header, ...rows] = readFileSync(join(dir, "records.csv"), "utf8").trim().split("\n");
    const col = header.split(",");
    const at = (cells: string[], name: string) => cells[col.indexOf(name)];
    const words: Record<string, string> = { answered: "ANS", abandoned: "ABN", blocked: "BSY", ivr_only: "IVR", callback: "CB", unfinished: "OPEN" };
    const dmy = (t: string) => (t ? `${t.slice(8, 10)}.${t.slice(5, 7)}.${t.slice(0, 4)}` : "");
    const exported = [
      "Id;Skill;Day;Start;Entered;Left;Result;TalkFrom;TalkTo;Done;Login",
      ...rows.map((line) => {
        const c = line.split(",");
        return [at(c, "call_id"), at(c, "type"), dmy(at(c, "arrival")), at(c, "arrival").slice(11), at(c, "queue_entry"), at(c, "queue_exit"), words[at(c, "outcome")], at(c, "talk_start"), at(c, "talk_end"), at(c, "wrap_end"), at(c, "agent")].join(";");
      }),
    ].join("\r\n");
    writeFileSync(join(dir, "export.csv"), "\ufeff" + exported + "\r\n");
    writeFileSync(
      join(dir, "acd.yaml"),
      ["delimiter: ';'", "dateFormat: DD.MM.YYYY", "columns:", "  call_id: Id", "  type: Skill", "  arrival: { date: Day, time: Start }", "  queue_entry: Entered", "  queue_exit: Left", "  outcome: Result",
        "  talk_start: TalkFrom", "  talk_end: TalkTo", "  wrap_end: Done", "  agent: Login", "outcomes:", ...Object.entries(words).map(([o, w]) => `  ${o}: [${w}]`)].join("\n"),
    );
    const viaMapping = ccsimOk(["fit", "export.csv", "--mapping", "acd.yaml", "--out", "mapped.yaml", "--interval", "60", "-q"], { cwd: dir });
    const direct = readFileSync(join(dir, "fitted.fit", "fit.txt"), "utf8");
    // The export has no IVR columns (this truth has no IVR): everything fitted is the same.
    expect(viaMapping.stdout).toBe(direct);
    const bad = ccsim(["fit", "export.csv", "--out", "nomap.yaml"], { cwd: dir });
    expect(bad.status).toBe(EXIT.input);
    expect(bad.stderr.trim()).toBe('ccsim: export.csv:1:1: the header is one column holding ";": the file is not separated by ","; set delimiter: ";" in a --mapping file');
  });
});
