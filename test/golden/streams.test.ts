/**
 * The random sources of a replication are independent: fresh arrivals, reattempts (retrials,
 * repeats), callbacks and each attribute of each contact type draw from streams of their own.
 *
 * Three views: (1) every stream a replication creates has a path of its own, and every source
 * has one; (2) no two of those streams share a stretch of their sequences, and their draws are
 * uncorrelated within a stated bound; (3) the draws a source makes never move another source's
 * numbers: switching retrials, repeats, callbacks, a second contact type or a different
 * handle-time distribution on leaves every fresh contact's arrival time, handle time and
 * patience where they were (common random numbers). (3) is what catches a source drawing from
 * another's stream, e.g. retrials drawing their attributes from the fresh contacts' streams.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { simulate, type TraceRecord } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { StreamTree, streams } from "../../src/sim/random.js";
import { scenarioOf } from "../helpers.js";

const SEED = 4242;

const everything = {
  horizon: { hours: 6 },
  ivr: { menuTime: 30 },
  contactTypes: {
    calls: {
      volume: { perHour: 120 },
      handleTime: 300,
      wrapUp: 30,
      patience: 150,
      deflection: 0.1,
      segments: { vip: { share: 0.3, priority: 1 }, std: { share: 0.7, priority: 0 } },
      ivr: { containment: 0.2 },
      retrial: { afterAbandon: 0.7, delay: 300 },
      resolution: { fcr: 0.6, repeatDelay: "30m" },
      callback: { offerWhenWaitAbove: 60, acceptProbability: 0.5, answerProbability: 0.8, maxAttempts: 2, retryDelay: 600, dialTime: 20 },
    },
    chats: { channel: "chat", volume: { perHour: 40 }, handleTime: 400, patience: 120, openHours: { from: "01:00", to: "05:00" } },
  },
  agentGroups: { team: { skills: { calls: 1, chats: 1 }, staffing: { constant: 9 } } },
};

function traceOf(input: Record<string, unknown>, replication = 0): TraceRecord[] {
  const rows: TraceRecord[] = [];
  simulate(compileModel(scenarioOf(input)), streams(SEED).fork(replication), replication, { trace: (r) => rows.push(r) });
  return rows;
}

/** The stream paths a replication creates, in order of creation. */
function streamPaths(input: Record<string, unknown>, replication = 0): string[] {
  const paths: string[] = [];
  const original = StreamTree.prototype.stream;
  const spy = vi.spyOn(StreamTree.prototype, "stream").mockImplementation(function (this: StreamTree) {
    paths.push(this.path);
    return original.call(this);
  });
  try {
    simulate(compileModel(scenarioOf(input)), streams(SEED).fork(replication), replication);
  } finally {
    spy.mockRestore();
  }
  return paths;
}

afterEach(() => vi.restoreAllMocks());

describe("stream derivation", () => {
  it("gives every source of every contact type a stream of its own, and no two the same path", () => {
    const paths = streamPaths(everything);
    expect(new Set(paths).size).toBe(paths.length);
    const root = `ccsim:${SEED}/0`;
    for (const type of ["calls", "chats"]) {
      for (const source of ["arrivals", "closed", "deflection", "callback", "retrial", "repeat"]) expect(paths, `${type}/${source}`).toContain(`${root}/${type}/${source}`);
      for (const who of ["fresh", "again"])
        for (const attribute of ["segment", "patience", "handle", "wrap", "ivr", "fcr"]) expect(paths, `${type}/${who}/${attribute}`).toContain(`${root}/${type}/${who}/${attribute}`);
    }
  });

  it("derives different paths for different replications", () => {
    const a = streamPaths(everything, 0);
    const b = streamPaths(everything, 1);
    expect(a.filter((p) => b.includes(p))).toEqual([]);
  });

  it("draws sequences that share no stretch and are uncorrelated within 5 standard errors", () => {
    // 4,096 draws per stream: the correlation of two independent uniform sequences has standard
    // error 1/64; |r| > 5/64 has probability 5.7e-7 per pair, under 1e-3 over the ~1,100 pairs
    // here (Bonferroni). Fixed seed: the outcome is the same on every run.
    const paths = [...new Set(streamPaths(everything))];
    const n = 4096;
    const draws = paths.map((p) => {
      const s = new StreamTree(p).stream();
      return Float64Array.from({ length: n }, () => s.next());
    });
    // A shared stretch (one stream a shifted copy of another, at any offset) shows as a pair of
    // consecutive values that occurs in both.
    const seen = new Map<string, number>();
    draws.forEach((d, k) => {
      for (let i = 0; i + 1 < n; i++) {
        const key = `${d[i]},${d[i + 1]}`;
        const other = seen.get(key);
        if (other !== undefined && other !== k) throw new Error(`${paths[k]} and ${paths[other]} share the draws ${key}`);
        seen.set(key, k);
      }
    });
    let worst = 0;
    for (let a = 0; a < draws.length; a++)
      for (let b = a + 1; b < draws.length; b++) {
        const r = correlation(draws[a], draws[b]);
        expect(Math.abs(r), `${paths[a]} vs ${paths[b]}`).toBeLessThan(5 / Math.sqrt(n));
        worst = Math.max(worst, Math.abs(r));
      }
    expect(worst).toBeGreaterThan(0); // the check compared something
  });
});

describe("common random numbers: one source's draws never move another's", () => {
  const base = {
    horizon: { hours: 6 },
    contactTypes: { calls: { volume: { perHour: 110 }, handleTime: 300, patience: 120 } },
    agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 9 } } },
  };
  const withCalls = (extra: Record<string, unknown>) => ({ ...base, contactTypes: { calls: { ...base.contactTypes.calls, ...extra } } });

  /** Fresh contacts by arrival time: their handle time (if answered) and patience (if abandoned). */
  function freshDraws(rows: TraceRecord[]) {
    const fresh = rows.filter((r) => r.type === "calls" && r.origin === "fresh");
    return {
      arrivals: fresh.map((r) => r.arrival).sort((a, b) => a - b),
      talk: new Map(fresh.filter((r) => r.outcome === "answered").map((r) => [r.arrival, r.talk])),
      patience: new Map(fresh.filter((r) => r.outcome === "abandoned").map((r) => [r.arrival, r.wait])),
    };
  }

  /** Compares the fresh contacts' draws of two runs; returns how many contacts were compared. */
  function expectSameFreshDraws(a: TraceRecord[], b: TraceRecord[], what: string): { talks: number; patiences: number } {
    const x = freshDraws(a);
    const y = freshDraws(b);
    expect(y.arrivals, `${what}: fresh arrival times`).toEqual(x.arrivals);
    let talks = 0;
    let patiences = 0;
    for (const [arrival, talk] of x.talk) {
      const other = y.talk.get(arrival);
      if (other === undefined) continue;
      talks++;
      if (!same(other, talk)) throw new Error(`${what}: the fresh contact arriving at ${arrival} talks ${talk} s in one run and ${other} s in the other`);
    }
    for (const [arrival, patience] of x.patience) {
      const other = y.patience.get(arrival);
      if (other === undefined) continue;
      patiences++;
      if (!same(other, patience)) throw new Error(`${what}: the fresh contact arriving at ${arrival} waits ${patience} s before hanging up in one run and ${other} s in the other`);
    }
    return { talks, patiences };
  }

  const plain = traceOf(base);

  const variants: [string, Record<string, unknown>][] = [
    ["retrials are", withCalls({ retrial: { afterAbandon: 1, delay: 200, maxAttempts: 3 } })],
    ["repeats are", withCalls({ resolution: { fcr: 0.5, repeatDelay: "20m" } })],
    ["callbacks are", withCalls({ callback: { offerWhenWaitAbove: 30, acceptProbability: 0.6, answerProbability: 0.7, maxAttempts: 2, retryDelay: 300, dialTime: 20 } })],
    ["a second contact type is", { ...base, contactTypes: { ...base.contactTypes, chats: { channel: "chat", volume: { perHour: 60 }, handleTime: 300, patience: 100 } }, agentGroups: { team: { skills: { calls: 1, chats: 1 }, staffing: { constant: 9 } } } }],
  ];

  for (const [what, input] of variants) {
    it(`leaves every fresh contact's arrival, handle time and patience unchanged when ${what} switched on`, () => {
      const rows = traceOf(input);
      expect(rows.some((r) => r.type !== "calls" || r.origin !== "fresh" || r.outcome.startsWith("callback")), `${what} happened`).toBe(true);
      const compared = expectSameFreshDraws(plain, rows, what);
      expect(compared.talks).toBeGreaterThan(200);
      expect(compared.patiences).toBeGreaterThan(5);
    });
  }

  it("keeps the patience draws when the handle-time distribution draws differently (attributes have their own streams)", () => {
    // A deterministic handle time draws nothing, a gamma one a variable number of uniforms: a
    // patience drawn from the same stream would move.
    const a = traceOf(withCalls({ handleTime: { dist: "deterministic", mean: 300 } }));
    const b = traceOf(withCalls({ handleTime: { dist: "gamma", mean: 300, cv: 0.7 } }));
    const x = freshDraws(a).patience;
    const y = freshDraws(b).patience;
    let compared = 0;
    for (const [arrival, patience] of x) {
      if (!y.has(arrival)) continue;
      compared++;
      expect(same(y.get(arrival)!, patience), `patience of the contact arriving at ${arrival}: ${patience} and ${y.get(arrival)}`).toBe(true);
    }
    expect(compared).toBeGreaterThan(5);
  });
});

/**
 * Equal up to rounding: talk and wait are differences of clock times, so the same draw can
 * differ in its last bits between two runs; a draw taken from another stream differs by far more.
 */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
