/**
 * Theorems about every valid scenario, checked on generated ones (src/testing/arbitraries.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runReplicationStats } from "../../src/experiment/replicate.js";
import { scopedKpis } from "../../src/experiment/kpis.js";
import { simulate, type TraceRecord } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { streams } from "../../src/sim/random.js";
import { N_TYPE, T } from "../../src/sim/stats.js";
import { scenarioArbitrary } from "../../src/testing/arbitraries.js";
import { scenarioOf } from "../helpers.js";

const RUNS = { numRuns: 60, seed: 20261122 };

describe("properties of every valid scenario", () => {
  it("conserves contacts: each attempt is blocked, contained, abandoned, answered, called back or still in system", () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (input) => {
        const model = compileModel(scenarioOf(input));
        const s = runReplicationStats(model, 1, 0);
        const k = s.typeCounters;
        for (let i = 0; i < s.reportIntervals; i++) {
          for (let t = 0; t < s.types.length; t++) {
            const o = (i * s.types.length + t) * N_TYPE;
            const ended = k[o + T.blocked] + k[o + T.contained] + k[o + T.abandoned] + k[o + T.answered] + k[o + T.callbacksAccepted] + k[o + T.inSystem];
            expect(ended).toBe(k[o + T.offered]);
            expect(k[o + T.offered]).toBe(k[o + T.fresh] + k[o + T.retrials] + k[o + T.repeats]);
            expect(k[o + T.callbacksCompleted] + k[o + T.callbacksFailed]).toBeLessThanOrEqual(k[o + T.callbacksAccepted]);
            expect(k[o + T.answeredWithin]).toBeLessThanOrEqual(k[o + T.answered]);
          }
        }
      }),
      RUNS,
    );
  });

  it("is deterministic: the same scenario and seed give bit-identical statistics", () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (input) => {
        const model = compileModel(scenarioOf(input));
        const a = runReplicationStats(model, 7, 3);
        const b = runReplicationStats(compileModel(scenarioOf(input)), 7, 3);
        expect(Buffer.from(a.typeCounters.buffer).equals(Buffer.from(b.typeCounters.buffer))).toBe(true);
        expect(Buffer.from(a.groupCounters.buffer).equals(Buffer.from(b.groupCounters.buffer))).toBe(true);
        expect(Buffer.from(a.waitHist.buffer).equals(Buffer.from(b.waitHist.buffer))).toBe(true);
      }),
      { ...RUNS, numRuns: 30 },
    );
  });

  it("never reports a negative, NaN or infinite KPI", () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (input) => {
        const model = compileModel(scenarioOf(input));
        const kpis = scopedKpis(runReplicationStats(model, 3, 0));
        for (const scope of [kpis.types, kpis.groups]) {
          for (const record of Object.values(scope)) {
            for (const [key, v] of Object.entries(record)) {
              if (v === null) continue;
              expect(Number.isFinite(v), key).toBe(true);
              expect(v, key).toBeGreaterThanOrEqual(0);
              if (key === "serviceLevel" || key.endsWith("Rate") || key === "occupancy") expect(v, key).toBeLessThanOrEqual(1 + 1e-12);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it("keeps replications independent: replication i is the same alone or among others", () => {
    fc.assert(
      fc.property(scenarioArbitrary({ maxHours: 3 }), fc.integer({ min: 0, max: 20 }), (input, i) => {
        const model = compileModel(scenarioOf(input));
        const alone = runReplicationStats(model, 5, i);
        runReplicationStats(model, 5, i + 1); // other replications in between must not matter
        const again = runReplicationStats(model, 5, i);
        expect(Buffer.from(alone.typeCounters.buffer).equals(Buffer.from(again.typeCounters.buffer))).toBe(true);
      }),
      { ...RUNS, numRuns: 20 },
    );
  });

  it("never lets an answered caller wait longer when an agent is added (FIFO, no abandonment)", () => {
    // A theorem for first-come-first-served multi-server queues with service times attached
    // to customers: an extra server never delays anyone. It is false with abandonment.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 20, max: 400, noNaN: true }),
        fc.double({ min: 60, max: 600, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (agents, perHour, meanHandle, seed) => {
          const waits = (c: number) => {
            const model = compileModel(
              scenarioOf({
                horizon: { hours: 4 },
                contactTypes: { calls: { volume: { perHour }, handleTime: { dist: "lognormal", mean: meanHandle, cv: 1 } } },
                agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: c } } },
              }),
            );
            const byArrival = new Map<number, number>();
            simulate(model, streams(seed).fork(0), 0, {
              trace: (r: TraceRecord) => {
                if (r.outcome === "answered") byArrival.set(r.arrival, r.wait);
              },
            });
            return byArrival;
          };
          const fewer = waits(agents);
          const more = waits(agents + 1);
          for (const [arrival, w] of fewer) {
            expect(more.has(arrival)).toBe(true);
            expect(more.get(arrival)!).toBeLessThanOrEqual(w + 1e-9);
          }
        },
      ),
      { ...RUNS, numRuns: 40 },
    );
  });

  it("never makes anyone wait when there are more agents than callers (M/M/∞)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 50, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (perHour, seed) => {
        const model = compileModel(
          scenarioOf({
            seed,
            horizon: { hours: 2 },
            contactTypes: { calls: { volume: { perHour }, handleTime: 300, patience: 60 } },
            agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 400 } } },
          }),
        );
        const k = scopedKpis(runReplicationStats(model, seed, 0)).types.calls;
        expect(k.abandoned).toBe(0);
        expect(k.asa ?? 0).toBe(0);
      }),
      { ...RUNS, numRuns: 30 },
    );
  });
});
