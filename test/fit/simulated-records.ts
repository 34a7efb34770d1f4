/**
 * Call records with a known truth for the fit and backtest tests: one replication of a scenario,
 * its per-contact trace turned into records. The truth scenarios use a deterministic IVR menu
 * time and no wrap-up, so that the trace's arrival, wait and talk fix every time in the record.
 */
import { runScenario } from "../../src/experiment/replicate.js";
import type { CallRecord } from "../../src/records/read.js";
import { DAYS } from "../../src/scenario/basics.js";
import type { Scenario } from "../../src/scenario/schema.js";
import type { TraceRecord } from "../../src/sim/engine.js";

export const WEEK_OF_2024 = Date.UTC(2024, 0, 1) / 1000;

export function simulatedRecords(s: Scenario, seed: number, menuTime: number): CallRecord[] {
  const day0 = WEEK_OF_2024 + DAYS.indexOf(s.startDay) * 86400;
  const out: CallRecord[] = [];
  let id = 0;
  const hasIvr = s.ivr !== undefined;
  runScenario(s, {
    replications: 1,
    seed,
    detail: "totals",
    trace: (r: TraceRecord) => {
      const a = day0 + r.arrival;
      const ivrEnd = hasIvr ? a + menuTime : NaN;
      const q = hasIvr ? ivrEnd : a;
      const base = { callId: String(++id), type: r.type, arrival: a, ivrStart: hasIvr ? a : NaN, ivrEnd, agent: "", group: r.group };
      const none = { queueEntry: NaN, queueExit: NaN, talkStart: NaN, talkEnd: NaN, wrapEnd: NaN };
      if (r.outcome === "answered") out.push({ ...base, outcome: "answered", queueEntry: q, queueExit: q + r.wait, talkStart: q + r.wait, talkEnd: q + r.wait + r.talk, wrapEnd: q + r.wait + r.talk });
      else if (r.outcome === "abandoned") out.push({ ...base, ...none, outcome: "abandoned", queueEntry: q, queueExit: q + r.wait });
      else if (r.outcome === "contained") out.push({ ...base, ...none, outcome: "ivr_only" });
      else if (r.outcome === "blocked") out.push({ ...base, ...none, ivrStart: NaN, ivrEnd: NaN, outcome: "blocked" });
      else out.push({ ...base, ...none, outcome: "unfinished" });
    },
  });
  return out.sort((x, y) => x.arrival - y.arrival);
}

const iso = (t: number) => (Number.isNaN(t) ? "" : new Date(Math.round(t * 1000)).toISOString().slice(0, 23));

/** Records as ccsim's CSV format (docs/records.md). */
export function recordsCsv(records: readonly CallRecord[]): string {
  const head = "call_id,type,arrival,ivr_start,ivr_end,queue_entry,queue_exit,outcome,talk_start,talk_end,wrap_end,agent,group\n";
  return head + records.map((r) => [r.callId, r.type, iso(r.arrival), iso(r.ivrStart), iso(r.ivrEnd), iso(r.queueEntry), iso(r.queueExit), r.outcome, iso(r.talkStart), iso(r.talkEnd), iso(r.wrapEnd), r.agent, r.group].join(",")).join("\n") + "\n";
}
