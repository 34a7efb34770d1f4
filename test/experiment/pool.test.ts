/**
 * The default worker count (issue 17): this thread runs replications and calls in workers only
 * when the work left repays them; whoever runs a replication, the result is bit-identical.
 */
import { describe, expect, it } from "vitest";
import { createWorkerPool, runScenarioParallel, workersPay, type WorkerPool } from "../../src/experiment/pool.js";
import { runScenario } from "../../src/experiment/replicate.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";

const { scenario } = loadScenarioOrThrow("scenarios/mmc.yaml", { overrides: [{ path: ["horizon", "days"], value: 1, label: "test" }] });
const strip = (r: Awaited<ReturnType<typeof runScenarioParallel>>) => JSON.stringify({ summary: r.summary, intervals: r.intervals, runs: r.runs.map((x) => x.totals) });

describe("workersPay", () => {
  it("calls workers in only when the work left exceeds their start-up and cold runs", () => {
    expect(workersPay(19, 0.03)).toBe(false); // the bundled week's 20 replications: 0.57 s left
    expect(workersPay(199, 0.03)).toBe(true); // 6 s left
    expect(workersPay(5, 1)).toBe(false); // 5 s left, but a worker's cold runs cost 10 s
    expect(workersPay(30, 1)).toBe(true);
  });
});

describe("the default worker count", () => {
  const reference = strip(runScenario(scenario, { replications: 12 }));

  it("runs in this thread when workers do not pay, with the single-thread result", async () => {
    let asked = 0;
    const r = await runScenarioParallel(scenario, { replications: 12, workersToCall: () => (asked++, 0) });
    expect(strip(r)).toBe(reference);
    expect(asked).toBe(10); // asked after each warm replication but the last
  });

  it("gives the single-thread result when workers join half-way", async () => {
    let made: WorkerPool | undefined;
    let onWorkers = 0;
    const counting = (pool: WorkerPool): WorkerPool => ({ ...pool, run: (task) => (onWorkers++, pool.run(task)) });
    const progress: number[] = [];
    const r = await runScenarioParallel(scenario, {
      replications: 12,
      workersToCall: (left) => (left <= 8 ? 1 : 0),
      poolFor: (threads) => counting((made ??= createWorkerPool(threads))),
      onProgress: (done) => progress.push(done),
    });
    try {
      expect(made?.threads).toBe(1);
      expect(onWorkers).toBeGreaterThan(0);
      expect(strip(r)).toBe(reference);
      expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    } finally {
      await made?.close();
    }
  });
});
