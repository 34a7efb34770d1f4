/**
 * Theorems about every valid scenario, checked on generated ones (src/testing/arbitraries.ts).
 * Each property is a true statement about the model, not a tendency: conservation of contacts,
 * determinism, independence of replications, and path-wise results of queueing theory that hold
 * exactly (a FIFO multi-server queue never delays anyone when a server is added; an M/M/∞
 * system never queues).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scopedKpis, scopeLayout } from "../../src/experiment/kpis.js";
import { simulate, type TraceRecord } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { streams } from "../../src/sim/random.js";
import { N_TYPE, T, type ReplicationStats } from "../../src/sim/stats.js";
import { scenarioArbitrary } from "../../src/testing/arbitraries.js";
import { scenarioOf } from "../helpers.js";

const RUNS = { numRuns: 60, seed: 20261122 };

function statsOf(input: Parameters<typeof scenarioOf>[0], seed: number, replication = 0): ReplicationStats {
  return simulate(compileModel(scenarioOf(input)), streams(seed).fork(replication), replication);
}

const same = (a: ArrayBufferView, b: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe("properties of every valid scenario", () => {
  it("conserves contacts: each attempt is blocked, contained, abandoned, answered, called back or still waiting", () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (input) => {
        const s = statsOf(input, 1);
        const k = s.typeCounters;
        for (let i = 0; i < s.reportIntervals; i++) {
          for (let t = 0; t < s.types.length; t++) {
            const o = (i * s.types.length + t) * N_TYPE;
            const ended = k[o + T.blocked] + k[o + T.contained] + k[o + T.abandoned] + k[o + T.answered] + k[o + T.callbacksAccepted] + k[o + T.inSystem];
            expect(ended).toBe(k[o + T.offered]);
            expect(k[o + T.offered]).toBe(k[o + T.fresh] + k[o + T.retrials] + k[o + T.repeats]);
            expect(k[o + T.callbacksCompleted] + k[o + T.callbacksFailed]).toBeLessThanOrEqual(k[o + T.callbacksAccepted]);
            expect(k[o + T.answeredWithin]).toBeLessThanOrEqual(k[o + T.answered]);
            expect(k[o + T.queued]).toBeLessThanOrEqual(k[o + T.answered] + k[o + T.abandoned] + k[o + T.inSystem] + k[o + T.callbacksAccepted]);
            expect(k[o + T.lostBlocked]).toBeLessThanOrEqual(k[o + T.blocked]);
            expect(k[o + T.lostAbandoned]).toBeLessThanOrEqual(k[o + T.abandoned]);
          }
        }
      }),
      RUNS,
    );
  });

  it("is deterministic: the same scenario and seed give bit-identical statistics", () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (input) => {
        const a = statsOf(input, 7, 3);
        const b = statsOf(input, 7, 3);
        expect(same(a.typeCounters, b.typeCounters)).toBe(true);
        expect(same(a.groupCounters, b.groupCounters)).toBe(true);
        expect(same(a.waitHist, b.waitHist)).toBe(true);
        expect(same(a.segmentCounters, b.segmentCounters)).toBe(true);
      }),
      { ...RUNS, numRuns: 30 },
    );
  });

  it("never reports a negative, NaN or infinite KPI, and shares stay within [0, 1]", () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (input) => {
        const model = compileModel(scenarioOf(input));
        const s = simulate(model, streams(3).fork(0), 0);
        const kpis = scopedKpis(s, scopeLayout(model), 0, s.reportIntervals);
        for (const scope of Object.values(kpis) as Record<string, Record<string, number | null>>[]) {
          for (const record of Object.values(scope)) {
            for (const [key, v] of Object.entries(record)) {
              if (v === null) continue;
              expect(Number.isFinite(v), key).toBe(true);
              expect(v, key).toBeGreaterThanOrEqual(0);
              if (key.startsWith("serviceLevel") || key.endsWith("Rate") || key === "occupancy" || key === "delayProbability") expect(v, key).toBeLessThanOrEqual(1 + 1e-12);
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
        const alone = simulate(model, streams(5).fork(i), i);
        simulate(model, streams(5).fork(i + 1), i + 1); // another replication in between must not matter
        const again = simulate(model, streams(5).fork(i), i);
        expect(same(alone.typeCounters, again.typeCounters)).toBe(true);
      }),
      { ...RUNS, numRuns: 20 },
    );
  });

  it("never lets an answered caller wait longer when an agent is added (FIFO, no abandonment)", () => {
    // A theorem for first-come-first-served multi-server queues with service times attached to
    // customers: an extra server never delays anyone. It is false with abandonment.
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
            horizon: { hours: 2 },
            contactTypes: { calls: { volume: { perHour }, handleTime: 300, patience: 60 } },
            agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 400 } } },
          }),
        );
        const s = simulate(model, streams(seed).fork(0), 0);
        const k = scopedKpis(s, scopeLayout(model), 0, s.reportIntervals).types.calls;
        expect(k.abandoned).toBe(0);
        expect(k.delayProbability ?? 0).toBe(0);
        expect(k.asa ?? 0).toBe(0);
      }),
      { ...RUNS, numRuns: 30 },
    );
  });

  it("gives identical waits to chats served k at a time without slowdown and to calls served by k times as many agents", () => {
    // Identical servers, FIFO, service times attached to customers: the waits do not depend on
    // which server (here: which slot of which agent) takes a customer.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1000 }), (agents, k, seed) => {
        const run = (channel: "chat" | "voice", n: number, max: number) => {
          const model = compileModel(
            scenarioOf({
              horizon: { hours: 3 },
              contactTypes: { c: { channel, volume: { perHour: 50 * agents * k }, handleTime: 240, patience: "infinite" } },
              agentGroups: { team: { skills: { c: 1 }, staffing: { constant: n }, concurrency: { max, slowdown: 0 } } },
            }),
          );
          const waits: number[] = [];
          simulate(model, streams(seed).fork(0), 0, { trace: (r) => r.outcome === "answered" && waits.push(r.wait) });
          return waits;
        };
        expect(run("chat", agents, k)).toEqual(run("voice", agents * k, 1));
      }),
      { ...RUNS, numRuns: 30 },
    );
  });
});
