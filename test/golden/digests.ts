/**
 * The full-output goldens: for every per-feature golden scenario (test/golden/cases.ts), a digest
 * of everything one seeded replication produces — every counter of every report interval, type,
 * group and segment, every wait-histogram bin, the queue samples, and the per-contact trace —
 * so that a change anywhere in the engine's bookkeeping shows, not only in the KPI totals that
 * kpis.json keeps. One digest per part, so a failure says which part moved; the readable
 * numbers of kpis.json then show how. `npm run goldens:update` regenerates both files.
 *
 * Three runs of the same replication, each digested: plain (the plain kernel or the engine's lean
 * path where the model allows them), on the engine (`plainKernel: false`: its lean path where
 * allowed), and traced (a trace callback sends every model through the general handlers).
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { streams } from "../../src/sim/random.js";
import { compileModel } from "../../src/sim/model.js";
import { simulate, type TraceRecord } from "../../src/sim/engine.js";
import type { ReplicationStats } from "../../src/sim/stats.js";
import { GOLDEN_SEED, goldenCases, type GoldenCase } from "./cases.js";

export const DIGEST_FILE = join(import.meta.dirname, "digests.json");
/** Queue samples every ten minutes, so that the sampling code is in the digest too. */
const SAMPLE_SECONDS = 600;
const REPLICATION = 1;

export type Digests = Record<string, string>;

const digestOf = (...parts: (ArrayBufferView | string)[]): string => {
  const h = createHash("sha256");
  for (const p of parts) h.update(typeof p === "string" ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  return h.digest("hex").slice(0, 16);
};

function statsDigests(s: ReplicationStats, prefix: string, out: Digests): void {
  out[`${prefix}.summary`] = `${s.status} events=${s.events} end=${s.endTime} peak=${s.peakInSystem} intervals=${s.reportIntervals}×${s.reportIntervalSeconds}`;
  out[`${prefix}.typeCounters`] = digestOf(s.typeCounters);
  out[`${prefix}.groupCounters`] = digestOf(s.groupCounters);
  out[`${prefix}.waitHist`] = digestOf(s.waitHist);
  out[`${prefix}.segmentCounters`] = digestOf(JSON.stringify(s.segments), s.segmentCounters);
  out[`${prefix}.samples`] = s.samples ? digestOf(String(s.samples.every), s.samples.waiting, s.samples.serving) : "none";
}

/** The digests of one case: its replication run plain, on the engine and traced. */
export function caseDigests(c: GoldenCase): Digests {
  const model = compileModel(c.scenario());
  const out: Digests = {};
  statsDigests(simulate(model, streams(GOLDEN_SEED).fork(REPLICATION), REPLICATION, { sampleSeconds: SAMPLE_SECONDS }), "plain", out);
  statsDigests(simulate(model, streams(GOLDEN_SEED).fork(REPLICATION), REPLICATION, { sampleSeconds: SAMPLE_SECONDS, plainKernel: false }), "engine", out);
  const records: TraceRecord[] = [];
  statsDigests(simulate(model, streams(GOLDEN_SEED).fork(REPLICATION), REPLICATION, { sampleSeconds: SAMPLE_SECONDS, trace: (r) => records.push(r) }), "traced", out);
  out["traced.records"] = `${records.length} ${digestOf(JSON.stringify(records))}`;
  return out;
}

/** The cases that have digests: the small per-feature scenarios (the bundled ones are in kpis.json). */
export const digestCases = (): GoldenCase[] => goldenCases().filter((c) => c.name.startsWith("feature:"));

export function digestDiff(golden: Digests | undefined, now: Digests): string[] {
  if (!golden) return ["(no digests recorded for this case)"];
  return [...new Set([...Object.keys(golden), ...Object.keys(now)])].filter((k) => golden[k] !== now[k]).map((k) => `  ~ ${k}: ${golden[k] ?? "(none)"} → ${now[k] ?? "(none)"}`);
}
