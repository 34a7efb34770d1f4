/**
 * The loader's cost grows linearly with its input (issue 16, item 5). Checked by ratios within
 * one run, which load on the machine scales alike, not by absolute times: bench/case.js
 * (`validate`, `csv`) measures the times themselves.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { csvScenario, SCENARIOS, writeCsv } from "../../bench/big-inputs.js";
import { parseScenarioText } from "../../src/scenario/load.js";

const dir = mkdtempSync(join(tmpdir(), "ccsim-scaling-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The faster of two loads (the other absorbs a pause of the machine). */
function seconds(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    parseScenarioText(text, "big.yaml");
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return best;
}

describe("validation time is linear in the file's size", () => {
  // 4× the size may take at most 6× the time. Before the fix, 4× the types and groups took 14×
  // (0.25 → 1 MB: 2.3 s → 31.6 s; each type scanned every group), 9× at these sizes.
  const base = { "unknown keys": 50_000, "volume.times list": 50_000, "types and groups": 100_000 };
  for (const [kind, make] of Object.entries(SCENARIOS)) {
    it(`${kind}: 4× the size takes at most 6× the time`, () => {
      const bytes = base[kind as keyof typeof base];
      const small = make(bytes);
      const large = make(4 * bytes);
      seconds(small); // compiles the loader's hot paths before timing
      const ratio = seconds(large) / seconds(small);
      expect(ratio).toBeLessThan(6);
    });
  }
});

describe("memory for a data file is proportional to its values", () => {
  it("a 20 MB CSV loads within 10× its size above the process's start, in a child process", () => {
    writeCsv(join(dir, "data.csv"), 20e6, "empirical");
    writeFileSync(join(dir, "s.yaml"), csvScenario("data.csv", "empirical"));
    const script = `
      import { loadScenarioFile } from ${JSON.stringify(new URL("../../dist/scenario/load.js", import.meta.url).href)};
      const start = process.resourceUsage().maxRSS;
      const r = loadScenarioFile(${JSON.stringify(join(dir, "s.yaml"))});
      console.log(JSON.stringify({ ok: r.ok, n: r.ok ? r.scenario.contactTypes.calls.handleTime.values.length : 0, startKB: start, maxKB: process.resourceUsage().maxRSS }));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.stderr).toBe("");
    const out = JSON.parse(child.stdout) as { ok: boolean; n: number; startKB: number; maxKB: number };
    expect(out.ok).toBe(true);
    expect(out.n).toBeGreaterThan(1_000_000);
    // Measured: 110 MB above the start for this 20 MB file (5.5×); the row-object reader took 590 MB (30×).
    const bytes = statSync(join(dir, "data.csv")).size;
    expect((out.maxKB - out.startKB) * 1024).toBeLessThan(10 * bytes);
  });
});
