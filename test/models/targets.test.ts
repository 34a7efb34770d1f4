/**
 * Staffing to targets (src/models/targets.ts) against references written here from the queueing
 * formulas, independently of src/models/erlang.ts:
 * - Erlang C in closed form: P(wait) from the Erlang B recursion, SL(t) = 1 − C·e^{−(c−a)t/h},
 *   ASA = C·h/(c − a), occupancy a/c;
 * - Erlang A (M/M/c+M) from its birth–death chain summed to convergence: abandonment θ·E[Q]/λ
 *   and occupancy (answered load)/c;
 * - the slowed talk time of chat in closed form: T = talk·(1 + e·T/(T + wrap)) is the quadratic
 *   T² + (wrap − talk − talk·e)·T − talk·wrap = 0.
 * The fewest agents meeting a target is then found here by a plain scan upwards.
 */
import { describe, expect, it } from "vitest";
import { erlangAKpis } from "../../src/models/erlang.js";
import { agentsForTargets, kpisFor, meetsTargets, slotHoldingTime, type QueueForecast, type StaffingTargets, type TargetKpis } from "../../src/models/targets.js";

/** Erlang C by its closed form, for load a on c servers with mean handle h. */
function erlangC(a: number, c: number, h: number, t: number) {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const pWait = (c * b) / (c - a * (1 - b));
  return { pWait, serviceLevel: 1 - pWait * Math.exp((-(c - a) * t) / h), asa: (pWait * h) / (c - a), occupancy: a / c };
}

/** Erlang A by its birth–death chain: abandonment and occupancy. */
function erlangA(lambda: number, h: number, patience: number, c: number) {
  const mu = 1 / h;
  const theta = 1 / patience;
  // Unnormalised probabilities in log space would be safer for large c; c ≤ 60 here.
  const p: number[] = [1];
  for (let n = 1; n <= c; n++) p.push((p[n - 1] * lambda) / (n * mu));
  for (let n = c + 1; p[n - 1] > 1e-18 * p[c] || n < c + 10; n++) p.push((p[n - 1] * lambda) / (c * mu + (n - c) * theta));
  const total = p.reduce((s, x) => s + x, 0);
  const queue = p.reduce((s, x, n) => s + Math.max(0, n - c) * x, 0) / total;
  const abandonRate = (theta * queue) / lambda;
  return { abandonRate, occupancy: (lambda * (1 - abandonRate) * h) / c };
}

const voice = (perHour: number, talk: number, wrap = 0, patience: number | null = null): QueueForecast => ({
  arrivalRate: perHour / 3600,
  meanTalk: talk,
  meanWrap: wrap,
  meanPatience: patience,
  concurrency: 1,
  slowdown: 0,
});

/** The fewest agents for which `ok` holds, by scanning up from 1. */
function scan(ok: (n: number) => boolean): number {
  for (let n = 1; n < 10_000; n++) if (ok(n)) return n;
  throw new Error("no staffing found");
}

describe("slotHoldingTime", () => {
  /** The fixed point of T ↦ talk·(1 + e·T/(T + wrap)) by iterating the contraction until it stops moving. */
  const fixedPoint = (talk: number, wrap: number, e: number) => {
    let t = talk * (1 + e);
    for (let k = 0; k < 1_000_000; k++) {
      const next = talk * (1 + (e * t) / (t + wrap));
      if (next === t) break;
      t = next;
    }
    return t + wrap;
  };

  it("is talk plus wrap-up for one conversation at a time, without slowdown, or without talk", () => {
    expect(slotHoldingTime(300, 30, 1, 0.5)).toBe(330);
    expect(slotHoldingTime(300, 30, 0, 0.5)).toBe(330);
    expect(slotHoldingTime(300, 30, 3, 0)).toBe(330);
    expect(slotHoldingTime(0, 30, 3, 0.5)).toBe(30);
    expect(slotHoldingTime(0, 0, 3, 0.5)).toBe(0);
  });

  it("is the fully slowed talk without wrap-up: talk × (1 + slowdown × (concurrency − 1))", () => {
    expect(slotHoldingTime(300, 0, 3, 0.2)).toBeCloseTo(420, 9);
    expect(slotHoldingTime(100, 0, 5, 0.5)).toBeCloseTo(300, 9);
  });

  it.each([
    [300, 60, 3, 0.5],
    [300, 30, 2, 0.2],
    [120, 240, 4, 1],
    [600, 5, 6, 0.3],
    [300, 1e-3, 2, 1],
    [1, 1e6, 2, 1],
    [1e-6, 2e-7, 3, 2],
    [60, 50, 11, 5],
  ])("is the fixed point of T = talk·(1 + e·T/(T + wrap)) for talk %d, wrap %d, %d at once, slowdown %d", (talk, wrap, concurrency, slowdown) => {
    const expected = fixedPoint(talk, wrap, slowdown * (concurrency - 1));
    expect(Math.abs(slotHoldingTime(talk, wrap, concurrency, slowdown) - expected)).toBeLessThanOrEqual(4e-16 * expected);
  });
});

describe("kpisFor", () => {
  it("is perfect service without arrivals", () => {
    expect(kpisFor(voice(0, 300), 3, 20)).toEqual({ serviceLevel: 1, asa: 0, abandonment: 0, occupancy: 0 });
    expect(kpisFor({ ...voice(0, 300), meanPatience: 60 }, 0, 20)).toEqual({ serviceLevel: 1, asa: 0, abandonment: 0, occupancy: 0 });
  });

  it("is Erlang C without patience: 10 Erlangs on 11–14 agents", () => {
    for (const c of [11, 12, 13, 14]) {
      const k = kpisFor(voice(200, 180), c, 20)!;
      const ref = erlangC(10, c, 180, 20);
      expect(k.serviceLevel).toBeCloseTo(ref.serviceLevel, 10);
      expect(k.asa).toBeCloseTo(ref.asa, 8);
      expect(k.occupancy).toBeCloseTo(ref.occupancy, 12);
      expect(k.abandonment).toBe(0);
    }
  });

  it("is unstable (null) without patience once the load reaches the agents", () => {
    expect(kpisFor(voice(200, 180), 10, 20)).toBeNull();
    expect(kpisFor(voice(200, 180), 9, 20)).toBeNull();
  });

  it("counts each agent as `concurrency` slots held for the slowed talk plus wrap-up", () => {
    const chat: QueueForecast = { arrivalRate: 120 / 3600, meanTalk: 300, meanWrap: 60, meanPatience: null, concurrency: 3, slowdown: 0.5 };
    const hold = slotHoldingTime(300, 60, 3, 0.5);
    const k = kpisFor(chat, 9, 60)!;
    const ref = erlangC((120 / 3600) * hold, 27, hold, 60);
    expect(kpisFor(chat, 7, 60)).toBeNull();
    expect(k.serviceLevel).toBeCloseTo(ref.serviceLevel, 10);
    expect(k.occupancy).toBeCloseTo(ref.occupancy, 12);
  });

  it("is Erlang A with patience: abandonment and occupancy from the birth–death chain", () => {
    for (const [perHour, talk, patience, c] of [
      [200, 180, 120, 9],
      [200, 180, 120, 12],
      [60, 300, 60, 4],
      [720, 240, 300, 50],
    ]) {
      const k = kpisFor(voice(perHour, talk, 0, patience), c, 20)!;
      const ref = erlangA(perHour / 3600, talk, patience, c);
      expect(k.abandonment).toBeCloseTo(ref.abandonRate, 9);
      expect(k.occupancy).toBeCloseTo(ref.occupancy, 9);
      const direct = erlangAKpis({ arrivalRate: perHour / 3600, meanHandle: talk, meanPatience: patience, agents: c, targetSeconds: 20 });
      expect(k.serviceLevel).toBe(direct.serviceLevel);
      expect(k.asa).toBe(direct.asa);
    }
  });
});

describe("meetsTargets", () => {
  const k: TargetKpis = { serviceLevel: 0.8, asa: 20, abandonment: 0.05, occupancy: 0.85 };

  it("fails without KPIs (an unstable queue) and passes with no target", () => {
    expect(meetsTargets(null, {})).toBe(false);
    expect(meetsTargets(k, {})).toBe(true);
  });

  it("meets each target exactly at its bound and fails just past it", () => {
    const cases: [StaffingTargets, StaffingTargets][] = [
      [{ serviceLevel: { level: 0.8, thresholdSeconds: 20 } }, { serviceLevel: { level: 0.8000001, thresholdSeconds: 20 } }],
      [{ asa: 20 }, { asa: 19.9999 }],
      [{ abandonment: 0.05 }, { abandonment: 0.0499999 }],
      [{ occupancy: 0.85 }, { occupancy: 0.8499999 }],
    ];
    for (const [at, past] of cases) {
      expect(meetsTargets(k, at), JSON.stringify(at)).toBe(true);
      expect(meetsTargets(k, past), JSON.stringify(past)).toBe(false);
    }
  });

  it("treats a zero target as a target", () => {
    expect(meetsTargets(k, { asa: 0 })).toBe(false);
    expect(meetsTargets(k, { abandonment: 0 })).toBe(false);
    expect(meetsTargets(k, { occupancy: 0 })).toBe(false);
    expect(meetsTargets({ serviceLevel: 1, asa: 0, abandonment: 0, occupancy: 0 }, { asa: 0, abandonment: 0, occupancy: 0 })).toBe(true);
  });

  it("needs every target met at once", () => {
    const all: StaffingTargets = { serviceLevel: { level: 0.8, thresholdSeconds: 20 }, asa: 20, abandonment: 0.05, occupancy: 0.85 };
    expect(meetsTargets(k, all)).toBe(true);
    for (const worse of [{ serviceLevel: 0.79 }, { asa: 21 }, { abandonment: 0.06 }, { occupancy: 0.86 }]) expect(meetsTargets({ ...k, ...worse }, all)).toBe(false);
  });
});

describe("agentsForTargets: the fewest agents, against a scan of the references", () => {
  it("needs no agents without arrivals", () => {
    expect(agentsForTargets(voice(0, 300), { serviceLevel: { level: 0.8, thresholdSeconds: 20 } })).toBe(0);
    expect(agentsForTargets({ ...voice(0, 300), arrivalRate: -1 }, { asa: 10 })).toBe(0);
  });

  it.each([
    [200, 180, 0.8, 20],
    [200, 180, 0.95, 10],
    [20, 180, 0.8, 20],
    [1, 60, 0.5, 0],
    [3600, 240, 0.9, 15],
    [400, 300, 0.7, 60],
  ])("meets a service level (Erlang C): %d an hour × %d s, %d within %d s", (perHour, talk, level, threshold) => {
    const a = (perHour / 3600) * talk;
    const expected = scan((c) => c > a && erlangC(a, c, talk, threshold).serviceLevel >= level);
    expect(agentsForTargets(voice(perHour, talk), { serviceLevel: { level, thresholdSeconds: threshold } })).toBe(expected);
  });

  it("meets an ASA and an occupancy ceiling at once (Erlang C)", () => {
    const a = 25;
    const asa = scan((c) => c > a && erlangC(a, c, 300, 0).asa <= 5);
    expect(agentsForTargets(voice(300, 300), { asa: 5 })).toBe(asa);
    const occupancy = scan((c) => c > a && a / c <= 0.7);
    expect(occupancy).toBeGreaterThan(asa);
    expect(agentsForTargets(voice(300, 300), { asa: 5, occupancy: 0.7 })).toBe(occupancy);
  });

  it("meets an abandonment cap (Erlang A), also when it needs fewer agents than the load", () => {
    // 20 Erlangs with impatient callers: a loose cap needs far fewer than 20 agents.
    for (const cap of [0.5, 0.3, 0.1, 0.02]) {
      const expected = scan((c) => erlangA(400 / 3600, 180, 60, c).abandonRate <= cap);
      expect(agentsForTargets(voice(400, 180, 0, 60), { abandonment: cap }), `cap ${cap}`).toBe(expected);
    }
    expect(agentsForTargets(voice(400, 180, 0, 60), { abandonment: 0.5 })).toBeLessThan(18);
  });

  it("staffs chat by slots: the fewest agents whose slots meet the service level", () => {
    const chat: QueueForecast = { arrivalRate: 120 / 3600, meanTalk: 300, meanWrap: 0, meanPatience: null, concurrency: 3, slowdown: 0.5 };
    const hold = slotHoldingTime(300, 0, 3, 0.5);
    const a = (120 / 3600) * hold;
    const expected = scan((n) => 3 * n > a && erlangC(a, 3 * n, hold, 60).serviceLevel >= 0.8);
    expect(agentsForTargets(chat, { serviceLevel: { level: 0.8, thresholdSeconds: 60 } })).toBe(expected);
  });

  it("gives up with one sentence when more than maxAgents would be needed", () => {
    expect(() => agentsForTargets(voice(200, 180), { occupancy: 0 }, 50)).toThrow(new RangeError("more than 50 agents would be needed for 200.0 contacts an hour"));
    // A limit of exactly the agents needed allows them, one fewer does not.
    const target = { serviceLevel: { level: 0.8, thresholdSeconds: 20 } };
    const needed = scan((c) => c > 10 && erlangC(10, c, 180, 20).serviceLevel >= 0.8);
    expect(agentsForTargets(voice(200, 180), target, needed)).toBe(needed);
    expect(() => agentsForTargets(voice(200, 180), target, needed - 1)).toThrow(new RangeError(`more than ${needed - 1} agents would be needed for 200.0 contacts an hour`));
    // Small loads gallop from one agent (1, 3, 7, …): the limit holds between the gallop's steps too.
    const small = scan((c) => c > 1 && erlangC(1, c, 180, 20).serviceLevel >= 0.99);
    expect(small).toBeGreaterThan(3);
    expect(agentsForTargets(voice(20, 180), { serviceLevel: { level: 0.99, thresholdSeconds: 20 } }, small)).toBe(small);
    expect(() => agentsForTargets(voice(20, 180), { serviceLevel: { level: 0.99, thresholdSeconds: 20 } }, small - 1)).toThrow(RangeError);
  });
});
