/**
 * The merge summarises interval series a block at a time (merge-series.ts): its result equals a
 * single run's exactly however small the blocks, and what it holds is bounded by the block, not
 * by replications × intervals — the first pass keeps no replication's series, and no pass holds
 * more than its budget however many replications there are.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario, type ExperimentResult } from "../../src/experiment/replicate.js";
import { SHARD_FORMAT, ShardAssembler, shardLines, type ShardFile } from "../../src/experiment/shard.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";

const REPLICATIONS = 6;
let single: ExperimentResult;
let files: [string, string[]][];

/** Three shards of six replications of the baseline's first two days (96 half-hours, a day profile of 48). */
beforeAll(() => {
  const { scenario } = loadScenarioOrThrow("scenarios/baseline.yaml", { overrides: [{ path: ["horizon", "days"], value: 2, label: "test" }] });
  single = runScenario(scenario, { replications: REPLICATIONS });
  files = [0, 1, 2].map((i) => {
    const planned = single.runs.filter((r) => r.replication % 3 === i).map((r) => r.replication);
    const shard: ShardFile = {
      format: SHARD_FORMAT,
      job: { command: "run", detail: "intervals", settings: null },
      shard: { index: i, count: 3 },
      units: [{ label: "baseline", file: "baseline.yaml", scenario, info: single.info, requested: REPLICATIONS, planned, runs: single.runs.filter((r) => planned.includes(r.replication)) }],
    };
    return [`shard-${i}`, [...shardLines(shard, "1.0.0")].map((l) => l.slice(0, -1))];
  });
});

/** Values in one replication's series (its intervals and its day profile). */
function valuesPerReplication(): number {
  const lengths = [single.runs[0].intervals, single.runs[0].dayProfile!].flatMap((set) => Object.values(set).flatMap((byName) => Object.values(byName).flatMap((byKpi) => Object.values(byKpi).map((s) => s.length))));
  return lengths.reduce((a, b) => a + b, 0);
}

/** Every pass reads every file, as `ccsim merge` does; returns the bytes each pass held. */
function merge(budget?: number) {
  const a = new ShardAssembler("1.0.0");
  const feed = (sink: { begin(f: string): void; line(t: string): void; end(): void }) => {
    for (const [name, lines] of files) {
      sink.begin(name);
      for (const l of lines) sink.line(l);
      sink.end();
    }
  };
  feed(a);
  const passes = a.seriesPasses(budget);
  const held: number[] = [];
  for (const pass of passes) {
    feed(pass);
    held.push(pass.bytes());
    pass.summarise();
  }
  return { ...a.finish(), held };
}

describe("a merge's interval series, block by block", () => {
  it("come out exactly as a single run's, in one block or cut into many", () => {
    // 70 intervals a pass: blocks end inside a series (96 intervals) and span two.
    for (const budget of [undefined, 8 * REPLICATIONS * 70]) {
      const { units, held } = merge(budget);
      const merged = units[0].result;
      expect(merged.intervals).toEqual(single.intervals);
      expect(merged.dayProfile).toEqual(single.dayProfile);
      expect(JSON.stringify(merged.intervals)).toBe(JSON.stringify(single.intervals));
      expect(merged.summary).toEqual(single.summary);
      expect(merged.pooled).toEqual(single.pooled);
      expect(held.length).toBe(budget ? Math.ceil(valuesPerReplication() / 70) : 1);
    }
  });

  it("hold no replication's series after the first pass, and at most the budget in any pass", () => {
    // Every replication's series as doubles: what the merge held before, at the least.
    const everything = 8 * REPLICATIONS * valuesPerReplication();
    const budget = Math.floor(everything / 10);
    const { units, held } = merge(budget);
    for (const run of units[0].result.runs) {
      expect(Object.values(run.intervals).every((byName) => Object.keys(byName).length === 0)).toBe(true);
      expect(run.dayProfile).toBeNull();
    }
    // Every value is read once, in some pass; no pass holds more than the budget.
    expect(held.reduce((a, b) => a + b, 0)).toBe(everything);
    expect(Math.max(...held)).toBeLessThanOrEqual(budget);
    expect(held.length).toBeGreaterThanOrEqual(10);
  });
});
