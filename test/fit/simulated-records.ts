/**
 * Call records with a known truth for the fit and backtest tests: replications of a scenario
 * written as records exactly as `ccsim run --records` writes them (records/write.ts).
 */
import { runScenario } from "../../src/experiment/replicate.js";
import { RECORDS_HEADER, recordLine, type CallRecord } from "../../src/records/format.js";
import { RecordMaker } from "../../src/records/write.js";
import { horizonSecondsOf } from "../../src/scenario/basics.js";
import type { Scenario } from "../../src/scenario/schema.js";

/** One replication (index 0) of `s` on `seed`, as call records sorted by arrival. */
export function simulatedRecords(s: Scenario, seed: number): CallRecord[] {
  const maker = new RecordMaker(s.startDay, horizonSecondsOf(s));
  const out: CallRecord[] = [];
  runScenario(s, { replications: 1, seed, detail: "totals", trace: (r) => out.push(maker.record(r)) });
  return out.sort((x, y) => x.arrival - y.arrival);
}

/** Records as ccsim's CSV format (docs/records.md), through the format's own line writer. */
export function recordsCsv(records: readonly CallRecord[]): string {
  return RECORDS_HEADER + records.map(recordLine).join("");
}
