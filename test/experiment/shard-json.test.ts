/**
 * Shard files are JSON lines with provenance: interval series (typed arrays, NaN where a KPI is
 * undefined) are written as lists with null and read back exactly, and the assembler refuses
 * anything inconsistent — an edit, another scenario, a duplicate or missing replication, a
 * partial shard — with one sentence naming the file and what differs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario, summarizeExperiment } from "../../src/experiment/replicate.js";
import { SHARD_FORMAT, ShardAssembler, shardLines, type LineSink, type ShardFile } from "../../src/experiment/shard.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";

let scenario: Scenario;
let shards: ShardFile[];

/** Two shards of a two-replication job: replication 0 in shard 0/2, 1 in shard 1/2. */
beforeAll(() => {
  ({ scenario } = loadScenarioOrThrow("scenarios/baseline.yaml", { overrides: [{ path: ["horizon", "days"], value: 2, label: "test" }] }));
  const result = runScenario(scenario, { replications: 2 });
  shards = [0, 1].map((i) => ({
    format: SHARD_FORMAT,
    job: { command: "run", detail: "intervals", settings: { seed: null, replications: null } },
    shard: { index: i, count: 2 },
    units: [{ label: "baseline", file: "scenarios/baseline.yaml", scenario, info: result.info, requested: 2, planned: [i], runs: [result.runs[i]] }],
  }));
});

const linesOf = (s: ShardFile) => [...shardLines(s, "1.0.0")].map((l) => l.slice(0, -1));

/** A merge: the checking pass over every file, then a pass per block of interval series. */
function assemble(files: [string, string[]][], allowPartial = false) {
  const a = new ShardAssembler("1.0.0", allowPartial);
  const feed = (sink: LineSink) => {
    for (const [name, lines] of files) {
      sink.begin(name);
      for (const l of lines) sink.line(l);
      sink.end();
    }
  };
  feed(a);
  for (const pass of a.seriesPasses()) {
    feed(pass);
    pass.summarise();
  }
  return a.finish();
}

describe("shard files", () => {
  it("read back every replication exactly, undefined interval KPIs included", () => {
    const lines = shards.map(linesOf);
    expect(lines.join("\n")).not.toContain("NaN");
    const { units } = assemble([["a", lines[0]], ["b", lines[1]]]);
    const original = shards.flatMap((s) => s.units[0].runs);
    const expected = summarizeExperiment(shards[0].units[0].info, original, 2);
    // The replications come back without their series (summarised by the series passes instead).
    expect(units[0].result.runs).toEqual(original.map((r) => ({ ...r, intervals: { types: {}, channels: {}, groups: {}, sites: {} }, dayProfile: null })));
    // Night intervals have no answered calls: their ASA is undefined (NaN, null in the file), and stays so.
    expect(original[0].intervals.types.all.asa.some(Number.isNaN)).toBe(true);
    expect(units[0].result.intervals.types.all.asa.some((b) => b.n < 2)).toBe(true);
    expect(units[0].result.intervals).toEqual(expected.intervals);
    expect(units[0].result.dayProfile).toEqual(expected.dayProfile);
    expect(units[0].result.summary).toEqual(expected.summary);
  });

  it("an edited replication fails the checksum, naming the file", () => {
    const [a, b] = shards.map(linesOf);
    const edited = [...b];
    edited[1] = edited[1].replace(/"offered":(\d+)/, (_, n) => `"offered":${Number(n) + 500}`);
    expect(edited[1]).not.toBe(b[1]);
    expect(() => assemble([["a", a], ["b.json.gz", edited]])).toThrow("b.json.gz is corrupt or was edited: its checksum does not match its content");
  });

  it("a scenario changed between shards is refused, naming the field and both values", () => {
    const other = { ...shards[1], units: [{ ...shards[1].units[0], scenario: { ...scenario, seed: 2 } }] };
    expect(() => assemble([["a", linesOf(shards[0])], ["b", linesOf(other)]])).toThrow("b and a are not shards of one job: their scenarios for baseline differ (seed: 2026 in a, 2 in b)");
  });

  it("the same replication in two shards, or one in none, is refused", () => {
    const both = { ...shards[1], units: [{ ...shards[1].units[0], planned: [0], runs: [shards[0].units[0].runs[0]] }] };
    expect(() => assemble([["a", linesOf(shards[0])], ["b", linesOf(both)]])).toThrow("b and a both hold replication 0 of baseline");
    const none = { ...shards[1], units: [{ ...shards[1].units[0], planned: [], runs: [] }] };
    expect(() => assemble([["a", linesOf(shards[0])], ["b", linesOf(none)]])).toThrow("no shard holds replication 1 of baseline (2 requested)");
  });

  it("a partial shard is refused naming it and its count, and merged only when allowed", () => {
    const partial = { ...shards[1], units: [{ ...shards[1].units[0], runs: [] }] };
    expect(() => assemble([["a", linesOf(shards[0])], ["b", linesOf(partial)]])).toThrow("b is partial: it holds 0 of its 1 replications (it was interrupted); rerun that shard, or merge what there is with --allow-partial");
    const { units } = assemble([["a", linesOf(shards[0])], ["b", linesOf(partial)]], true);
    expect(units[0].result.partial).toBe(true);
    expect(units[0].result.runs.length).toBe(1);
  });

  it("a truncated file, a file of another version and text that is not a shard are refused", () => {
    const a = linesOf(shards[0]);
    expect(() => assemble([["a", a.slice(0, -1)]])).toThrow("a is truncated: it ends before its end line");
    expect(() => assemble([["x", ["not json"]]])).toThrow("x is corrupt: line 1 is not JSON (is it a ccsim shard file?)");
    expect(() => assemble([["old", [JSON.stringify({ format: "ccsim.shard/1" })]]])).toThrow("old was written by an older ccsim");
    const b = [...shardLines(shards[1], "2.0.0")].map((l) => l.slice(0, -1));
    expect(() => assemble([["a", a], ["b", b]])).toThrow("b was written by ccsim 2.0.0 and a by ccsim 1.0.0");
  });
});
