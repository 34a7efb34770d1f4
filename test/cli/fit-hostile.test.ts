/**
 * `ccsim fit` and `ccsim backtest` given what analysts give them by mistake: a folder, the same
 * export twice, an oversized field, records shorter than the scenario. Each is one sentence and
 * exit 2 (or, for a backtest over a shorter period, a note saying why the totals cannot match).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkFolder } from "../../src/cli/files.js";
import { EXIT, ccsim, readJson, requireBuild, tempDir } from "./helpers.js";

const HEADER = "call_id,type,arrival,queue_entry,queue_exit,outcome,talk_start,talk_end,agent";

/** Answered calls, two a minute from 08:00 on Monday 2024-01-01 (`day` days later). */
function rows(n: number, day = 0, idFrom = 1): string[] {
  return Array.from({ length: n }, (_, i) => {
    const m = 8 * 60 + Math.floor(i / 2);
    const at = (s: number) => `2024-01-${String(1 + day).padStart(2, "0")}T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
    const s = (i % 2) * 30;
    return `${idFrom + i},calls,${at(s)},${at(s)},${at(s + 5)},answered,${at(s + 5)},${at(s + 25)},a-${1 + (i % 3)}`;
  });
}

const TWO_DAYS = `
horizon: { days: 2 }
intervalMinutes: 60
contactTypes:
  calls:
    volume: { daily: 300, intraday: [0,0,0,0,0,0,0,0,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0] }
    handleTime: 20
    patience: 300
agentGroups:
  agents: { skills: { calls: 1 }, staffing: { constant: 3 } }
`;

describe("ccsim fit and backtest on hostile input", () => {
  let dir: string;
  beforeAll(() => {
    requireBuild();
    dir = tempDir("fit-hostile");
    writeFileSync(join(dir, "calls.csv"), [HEADER, ...rows(200)].join("\n") + "\n");
    writeFileSync(join(dir, "copy.csv"), [HEADER, ...rows(200)].join("\n") + "\n");
    writeFileSync(join(dir, "two-days.yaml"), TWO_DAYS);
    mkdirSync(join(dir, "exports"));
  });

  const expectRefused = (args: string[], message: RegExp) => {
    const r = ccsim(args, { cwd: dir });
    expect(r.status, r.stderr).toBe(EXIT.input);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, "out.yaml"))).toBe(false);
  };

  it("refuses a folder given as records or as the mapping, with exit 2 and the word directory", () => {
    expectRefused(["fit", "exports", "--out", "out.yaml"], /^ccsim: cannot read the records exports: it is a directory; name a file$/m);
    expectRefused(["backtest", "two-days.yaml", "exports"], /cannot read the records exports: it is a directory/);
    expectRefused(["fit", "calls.csv", "--mapping", "exports", "--out", "out.yaml"], /cannot read the column mapping exports: it is a directory/);
  });

  it("refuses the same file twice, and a call id already read in another file", () => {
    expectRefused(["fit", "calls.csv", "./calls.csv", "--out", "out.yaml"], /the records \.\/calls\.csv are given twice/);
    expectRefused(["fit", "calls.csv", "copy.csv", "--out", "out.yaml"], /copy\.csv:2: call_id "1" was already read at calls\.csv:2; each call attempt must appear once/);
  });

  it("stops at a row that never ends (an unclosed quote, a giant field) instead of swallowing the file", () => {
    const body = rows(50);
    writeFileSync(join(dir, "giant.csv"), [HEADER, ...body.slice(0, 20), `x${"y".repeat(3 << 20)}${body[20].slice(2)}`, ...body.slice(21)].join("\n") + "\n");
    expectRefused(["fit", "giant.csv", "--out", "out.yaml"], /giant\.csv:22:1: the row starting here runs past 1,048,576 characters without ending/);
    const filler = Array.from({ length: 40_000 }, (_, i) => rows(1, 0, 1000 + i)[0]);
    const open = body[5].replace(",calls,", ',"calls,');
    writeFileSync(join(dir, "quote.csv"), [HEADER, ...body.slice(0, 5), open, ...filler].join("\n") + "\n");
    expectRefused(["fit", "quote.csv", "--out", "out.yaml"], /quote\.csv:7:1: .*a quote in it is probably never closed/);
  });

  it("suggests the outcome an unknown export word most likely means, not always answered", () => {
    const body = rows(20);
    body[9] = body[9].replace(",answered,", ",ABN,");
    writeFileSync(join(dir, "abn.csv"), [HEADER, ...body].join("\n") + "\n");
    expectRefused(["fit", "abn.csv", "--out", "out.yaml"], /abn\.csv:11:\d+: column "outcome" \(outcome\): unknown outcome "ABN"; .*\(outcomes: \{ abandoned: \["ABN"\] \}\)$/m);
  });

  it("refuses records spanning more than a scenario's year (a stray date) instead of an internal error", () => {
    const body = rows(30);
    body[11] = body[11].replaceAll("2024-01-01", "2099-01-01");
    writeFileSync(join(dir, "stray.csv"), [HEADER, ...body].join("\n") + "\n");
    expectRefused(["fit", "stray.csv", "--out", "out.yaml"], /^ccsim: the records span 27,395 days, from 2024-01-01T08:00:00 \(stray\.csv:2\) to 2099-01-01T08:05:30 \(stray\.csv:13\), more than the 366 a scenario covers; fix the stray date/m);
  });

  it("refuses an empty outcome, a used column named twice, an empty mapping and one word for two outcomes", () => {
    writeFileSync(join(dir, "blank.csv"), "arrival,outcome\n2024-01-01T08:00,answered\n2024-01-01T08:01,\n");
    expectRefused(["fit", "blank.csv", "--out", "out.yaml"], /^ccsim: blank\.csv:3:18: column "outcome" \(outcome\): the outcome is empty; every call attempt needs its outcome/m);
    writeFileSync(join(dir, "twice.csv"), "arrival,outcome,arrival,note,note\n2024-01-01T08:00,answered,2024-01-01T09:00,a,b\n");
    expectRefused(["fit", "twice.csv", "--out", "out.yaml"], /^ccsim: twice\.csv:1:1: the header names column "arrival" twice \(columns 1 and 3\)/m);
    writeFileSync(join(dir, "unused-twice.csv"), "arrival,outcome,note,note\n2024-01-01T08:00,answered,a,b\n2024-01-01T08:10,answered,a,b\n");
    expect(ccsim(["fit", "unused-twice.csv", "--out", "u.yaml", "-q"], { cwd: dir }).status).toBe(EXIT.ok);
    writeFileSync(join(dir, "empty.yaml"), "");
    expectRefused(["fit", "calls.csv", "--mapping", "empty.yaml", "--out", "out.yaml"], /^ccsim: empty\.yaml:1: the mapping file is empty; expected a mapping/m);
    writeFileSync(join(dir, "two-ways.yaml"), "outcomes:\n  answered: [ABN]\n  abandoned: [abn]\n");
    expectRefused(["fit", "calls.csv", "--mapping", "two-ways.yaml", "--out", "out.yaml"], /^ccsim: two-ways\.yaml:3: outcomes\.abandoned: the word "abn" is also given for answered; give each export word for one outcome only$/m);
  });

  it("never writes the fitted scenario over the records or the mapping, even with --force", () => {
    writeFileSync(join(dir, "victim.csv"), [HEADER, ...rows(20)].join("\n") + "\n");
    writeFileSync(join(dir, "victim-map.yaml"), "delimiter: \",\"\n");
    for (const [out, extra] of [["victim.csv", []], ["victim-map.yaml", ["--mapping", "victim-map.yaml"]]] as const) {
      const r = ccsim(["fit", "victim.csv", ...extra, "--out", out, "--force", "-q"], { cwd: dir });
      expect(r.status).toBe(EXIT.output);
      expect(r.stderr).toMatch(new RegExp(`--out ${out.replace(".", "\\.")} is the input file`));
    }
    expect(readFileSync(join(dir, "victim.csv"), "utf8").startsWith(HEADER)).toBe(true);
    const folder = ccsim(["fit", "victim.csv", "--out", "exports", "-q"], { cwd: dir });
    expect(folder.status).toBe(EXIT.output);
    expect(folder.stderr.trim()).toBe(`ccsim: --out exports is a directory; --out names the scenario file to write, e.g. ${join("exports", "fitted.yaml")}`);
    expect(readFileSync(join(dir, "victim-map.yaml"), "utf8")).toBe("delimiter: \",\"\n");
  });

  it("does not advise --calibrate in a fit that was calibrated", () => {
    writeFileSync(join(dir, "no-agents.csv"), "arrival,outcome\n2024-01-01T08:00,answered\n2024-01-01T08:10,answered\n");
    const r = ccsim(["fit", "no-agents.csv", "--out", "cal.yaml", "--calibrate", "-r", "2", "-q"], { cwd: dir });
    expect(r.status, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/not estimated: staffing: no agent ids in the records; estimated as busy time at 85% occupancy, then calibrated by simulation \(--calibrate\)/);
    expect(r.stdout + readFileSync(join(dir, "cal.yaml"), "utf8")).not.toMatch(/calibrate it with --calibrate/);
  });

  it("refuses a backtest of one replication instead of passing it with every KPI unknown", () => {
    const r = ccsim(["backtest", "two-days.yaml", "calls.csv", "-r", "1", "-q"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr.trim()).toBe("ccsim: a backtest needs at least 2 replications to know the simulation's spread, found 1; use -r 20 or more");
    expect(r.stdout).toBe("");
  });

  it("says why a backtest over fewer days than the horizon cannot match, and keeps counts non-negative", () => {
    const r = ccsim(["backtest", "two-days.yaml", "calls.csv", "-r", "3", "-q"], { cwd: dir });
    expect(r.status, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/note: the records cover 1 day\(s\) but the scenario's horizon is 2 days, and [45]\d\.\d% of the simulated calls arrive after the records' last day/);
    expect(r.stdout).not.toMatch(/(mean|replications) -\d/);
    const both = [HEADER, ...rows(200), ...rows(200, 1, 1000)].join("\n") + "\n";
    writeFileSync(join(dir, "both.csv"), both);
    const whole = ccsim(["backtest", "two-days.yaml", "both.csv", "-r", "3", "-q"], { cwd: dir });
    expect(whole.stdout).not.toMatch(/note: the records cover/);
  });

  it("replaces the fit folder whole on --force: no chart of a contact type the new records lack", () => {
    expect(ccsim(["fit", "calls.csv", "--out", "f.yaml", "-q"], { cwd: dir }).status).toBe(EXIT.ok);
    writeFileSync(join(dir, "f.fit", "charts", "gone-patience.vl.json"), "{}\n");
    expect(ccsim(["fit", "calls.csv", "--out", "f.yaml", "-q", "--force"], { cwd: dir }).status).toBe(EXIT.ok);
    expect(existsSync(join(dir, "f.fit", "charts", "gone-patience.vl.json"))).toBe(false);
    expect(checkFolder(join(dir, "f.fit"))).toBeNull();
  });

  it("writes backtest --out as one folder with a manifest: --force replaces an older folder whole", () => {
    mkdirSync(join(dir, "bt"));
    writeFileSync(join(dir, "bt", "stale.txt"), "from an older run\n");
    const r = ccsim(["backtest", "two-days.yaml", "both.csv", "-r", "2", "-q", "--out", "bt", "--force"], { cwd: dir });
    expect(r.status, r.stderr).toBe(EXIT.ok);
    expect(existsSync(join(dir, "bt", "stale.txt"))).toBe(false);
    expect(checkFolder(join(dir, "bt"))).toBeNull();
    expect(readJson(join(dir, "bt", "manifest.json")).command).toBe("backtest");
  });
});
