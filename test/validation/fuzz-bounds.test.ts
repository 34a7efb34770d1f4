/**
 * Inputs that used to be silently misread or to exhaust memory or time: each is now refused (or
 * read correctly) quickly, with a located message. Kept small so that the suite stays fast; the
 * speeds themselves are measured in bench/.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostics, loadScenarioFile, parseScenarioText, type Diagnostic, type LoadResult } from "../../src/scenario/load.js";

const dir = mkdtempSync(join(tmpdir(), "ccsim-bounds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (volume = "{ perHour: 100 }", handleTime = "300", extra = "") => `name: b
horizon: { days: 1 }
contactTypes:
  calls: { volume: ${volume}, handleTime: ${handleTime} }
agentGroups:
  agents: { skills: { calls: 1 }, staffing: { constant: 14 } }
${extra}`;
const errorsOf = (r: LoadResult): Diagnostic[] => {
  if (r.ok) throw new Error("expected errors, but the scenario loaded");
  return r.errors;
};
const okOf = (r: LoadResult) => {
  if (!r.ok) throw new Error(formatDiagnostics(r.errors));
  return r;
};
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("no silent nonsense", () => {
  it("a second YAML document is an error at its `---`, not dropped", () => {
    const [e, ...rest] = errorsOf(parseScenarioText(base() + "---\nname: second\n", "s.yaml"));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ code: "yaml-syntax", line: 7 });
    expect(e.message).toContain("second YAML document");
  });

  it("a European CSV (';' separators, decimal commas) is read as it was meant", () => {
    write("eu.csv", "id;s\n1;100,5\n2;200,25\n");
    const r = okOf(loadScenarioFile(write("eu.yaml", base(undefined, "{ dist: empirical, csv: eu.csv }"))));
    expect(r.scenario.contactTypes.calls.handleTime).toEqual({ dist: "empirical", values: [100.5, 200.25] });
    expect(r.warnings).toEqual([]);
  });

  it("intraday weights whose sum overflows are an error; day-of-week factors all 0 a warning", () => {
    const weights = `[${Array.from({ length: 24 }, () => "1e308").join(", ")}]`;
    const overflow = errorsOf(parseScenarioText(base(`{ daily: 1000, intraday: ${weights} }`).replace("name: b", "name: b\nintervalMinutes: 60"), "s.yaml"));
    expect(overflow.map((e) => e.code)).toEqual(["profile-overflow"]);
    const zeros = okOf(parseScenarioText(base("{ daily: 1000, dayOfWeek: [0, 0, 0, 0, 0, 0, 0] }"), "s.yaml"));
    expect(zeros.warnings.map((w) => w.code)).toEqual(["day-of-week-zero"]);
  });
});

describe("bounded resources", () => {
  it("reads only regular files: /dev/zero, /dev/urandom and a FIFO are refused at once", () => {
    const zero = errorsOf(parseScenarioText(base().replace("name: b", "extends: /dev/zero\nname: b"), join(dir, "z.yaml")));
    expect(zero.map((e) => [e.code, e.line])).toEqual([["file-unreadable", 1]]);
    expect(zero[0].message).toContain("not a regular file");
    expect(errorsOf(loadScenarioFile("/dev/urandom"))[0].message).toContain("not a regular file");
    const fifo = join(dir, "pipe.csv");
    if (spawnSync("mkfifo", [fifo]).status === 0) {
      const [e] = errorsOf(parseScenarioText(base(undefined, `{ dist: empirical, csv: ${fifo} }`), join(dir, "f.yaml")));
      expect(e.code).toBe("file-unreadable");
    }
  });

  it("does not quote a file that is not a scenario (its first line could be a secret)", () => {
    write("passwd", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
    const [e] = errorsOf(parseScenarioText(base().replace("name: b", "extends: passwd\nname: b"), join(dir, "p.yaml")));
    expect(e.code).toBe("root-not-mapping");
    expect(e.found).toBe("a text of 79 characters");
    expect(formatDiagnostics([e])).not.toContain("root:x");
  });

  it("thousands of unknown keys are 50 listed and one that counts the rest", () => {
    const junk = Array.from({ length: 5000 }, (_, i) => `junk${i}: 1`).join("\n");
    const errors = errorsOf(parseScenarioText(base() + junk + "\n", "s.yaml"));
    expect(errors).toHaveLength(51);
    expect(errors[50].message).toBe("and 4,950 more unknown keys in this mapping (not listed one by one)");
  });

  it("a list of more than 100,000 items in YAML is one error, not a stack overflow", () => {
    const list = `[${"0, ".repeat(100_001).slice(0, -2)}]`;
    const errors = errorsOf(parseScenarioText(base().replace("staffing: { constant: 14 }", `staffing: { perInterval: ${list} }`), "s.yaml"));
    expect(errors.map((e) => [e.code, e.path.join(".")])).toEqual([["list-too-long", "agentGroups.agents.staffing.perInterval"]]);
  });

  it("limits.maxInSystem is at most 2,000,000", () => {
    const [e] = errorsOf(parseScenarioText(base(undefined, undefined, "limits: { maxInSystem: 1e12 }"), "s.yaml"));
    expect(e).toMatchObject({ code: "out-of-range", path: ["limits", "maxInSystem"] });
  });
});

describe("errors inside a CSV name the CSV file and line", () => {
  it("a replayed time beyond the horizon is located at its row of the CSV, and an overflowing cell is refused there", () => {
    const csv = write("calls.csv", "time\n10\n90000\n20\n");
    const r = okOf(loadScenarioFile(write("replay.yaml", base("{ replay: calls.csv }"))));
    expect(r.warnings.map((w) => [w.code, w.file, w.line])).toEqual([["replay-beyond-horizon", csv, 3]]);
    write("huge.csv", "time\n10\n1e400\n");
    const [e] = errorsOf(loadScenarioFile(write("huge.yaml", base("{ replay: huge.csv }"))));
    expect([e.code, e.file, e.line]).toEqual(["csv-not-a-number", join(dir, "huge.csv"), 3]);
  });
});
