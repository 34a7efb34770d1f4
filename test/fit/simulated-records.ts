/**
 * Call records with a known truth for the fit and backtest tests: one replication of a scenario,
 * its per-contact trace turned into records. The truth scenarios use a deterministic IVR menu
 * time and no wrap-up, so that the trace's arrival, wait and talk fix every time in the record.
 */
import { runScenario } from "../../src/experiment/replicate.js";
import { RECORDS_HEADER, recordLine, type CallRecord } from "../../src/records/format.js";
import { DAYS } from "../../src/scenario/basics.js";
import type { Scenario } from "../../src/scenario/schema.js";
import type { TraceRecord } from "../../src/sim/engine.js";


export function simulatedRecords(s: Scenario, seed: number, menuTime: number): CallRecord[] {
  // Seconds from the records' epoch, Monday 2024-01-01, as the writer dates them.
  const day0 = DAYS.indexOf(s.startDay) * 86400;
  const out: CallRecord[] = [];
  let id = 0;
  const hasIvr = s.ivr !== undefined;
  runScenario(s, {
    replications: 1,
    seed,
    detail: "totals",
    trace: (r: TraceRecord) => {
      const a = day0 + r.arrival;
      const q = hasIvr ? a + menuTime : a;
      const base = { callId: String(++id), type: r.type, arrival: a, ivrStart: hasIvr ? a : null, ivrEnd: hasIvr ? q : null, agent: "", group: r.group };
      const none = { queueEntry: null, queueExit: null, talkStart: null, talkEnd: null, wrapEnd: null };
      if (r.outcome === "answered") out.push({ ...base, outcome: "answered", queueEntry: q, queueExit: q + r.wait, talkStart: q + r.wait, talkEnd: q + r.wait + r.talk, wrapEnd: q + r.wait + r.talk });
      else if (r.outcome === "abandoned") out.push({ ...base, ...none, outcome: "abandoned", queueEntry: q, queueExit: q + r.wait });
      else if (r.outcome === "contained") out.push({ ...base, ...none, outcome: "ivr_only" });
      else if (r.outcome === "blocked") out.push({ ...base, ...none, ivrStart: null, ivrEnd: null, outcome: "blocked" });
      else out.push({ ...base, ...none, outcome: "unfinished" });
    },
  });
  return out.sort((x, y) => x.arrival - y.arrival);
}

/** Records as ccsim's CSV format (docs/records.md), through the format's own line writer. */
export function recordsCsv(records: readonly CallRecord[]): string {
  return RECORDS_HEADER + records.map(recordLine).join("");
}
