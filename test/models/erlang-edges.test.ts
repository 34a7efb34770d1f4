/**
 * Every field of erlangCKpis and erlangAKpis at the edges, against closed forms computed here:
 * zero patience (the Erlang B loss system), one agent (M/M/1 and M/M/1+M), and load at and
 * around the number of agents (ρ → 1, and beyond for Erlang A, which is always stable).
 *
 * The Erlang A closed forms use one exact fact: with patience equal to the handle time (θ = μ)
 * every customer in the system leaves at rate μ, waiting or served, so the number in the system
 * is Poisson(a) for any number of agents c. Then P(wait) = P(N ≥ c), E[Q] = E[(N − c)⁺],
 * P(abandon) = θ·E[Q]/λ = E[(N − c)⁺]/a and occupancy = E[min(N, c)]/c.
 */
import { describe, expect, it } from "vitest";
import { erlangAKpis, erlangCKpis, type ErlangAKpis } from "../../src/models/erlang.js";

/** Erlang B from its defining sum: (a^c/c!) / Σ_{k≤c} a^k/k!. */
function erlangBBySum(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= c; k++) {
    term *= a / k;
    sum += term;
  }
  return term / sum;
}

/** Poisson(a) probabilities 0..n. */
function poisson(a: number, n: number): number[] {
  const p = [Math.exp(-a)];
  for (let k = 1; k <= n; k++) p.push((p[k - 1] * a) / k);
  return p;
}

function expectClose(actual: number, expected: number, what: string, rel = 1e-10): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

const FIELDS: (keyof ErlangAKpis)[] = ["load", "pWait", "pAnswered", "abandonRate", "asa", "serviceLevel", "serviceLevelAnswered", "occupancy", "meanQueue", "meanWaitAll"];

describe("erlangAKpis with zero patience (the Erlang B loss system)", () => {
  for (const [agents, load] of [
    [1, 0.5],
    [3, 2],
    [10, 12],
  ]) {
    it(`gives every field of M/M/${agents}/${agents} at ${load} Erlangs`, () => {
      const meanHandle = 200;
      const lambda = load / meanHandle;
      const b = erlangBBySum(agents, load);
      const k = erlangAKpis({ arrivalRate: lambda, meanHandle, meanPatience: 0, agents, targetSeconds: 20 });
      const expected: ErlangAKpis = {
        load,
        pWait: b,
        pAnswered: 1 - b,
        abandonRate: b,
        asa: 0,
        serviceLevel: 1 - b,
        serviceLevelAnswered: 1,
        occupancy: (load * (1 - b)) / agents,
        meanQueue: 0,
        meanWaitAll: 0,
      };
      for (const f of FIELDS) expectClose(k[f], expected[f], f);
      expect(k.pAnswered + k.abandonRate).toBeCloseTo(1, 14);
    });
  }
});

describe("erlangAKpis with patience equal to the handle time (Poisson number in system)", () => {
  // c = 1 and c = 3 below, at and around full load; c = 1 at ρ = 1 and 2 is M/M/1+M past saturation.
  for (const [agents, load] of [
    [1, 0.5],
    [1, 0.999],
    [1, 1],
    [1, 2],
    [3, 2.9],
    [3, 3],
    [3, 4.5],
    [10, 10],
  ]) {
    it(`gives P(wait), P(answered), abandonment, occupancy, queue and wait for c = ${agents}, a = ${load}`, () => {
      const meanHandle = 300;
      const lambda = load / meanHandle;
      const p = poisson(load, 200);
      const below = p.slice(0, agents).reduce((s, x) => s + x, 0);
      const pWait = 1 - below;
      // E[(N − c)⁺] = a − c + Σ_{n<c} (c − n)·p_n; E[min(N, c)] = a − E[(N − c)⁺].
      const queue = load - agents + p.slice(0, agents).reduce((s, x, n) => s + (agents - n) * x, 0);
      const abandon = queue / load;
      const k = erlangAKpis({ arrivalRate: lambda, meanHandle, meanPatience: meanHandle, agents, targetSeconds: 20 });
      expectClose(k.load, load, "load");
      expectClose(k.pWait, pWait, "pWait", 1e-7);
      expectClose(k.abandonRate, abandon, "abandonRate", 1e-7);
      expectClose(k.pAnswered, 1 - abandon, "pAnswered", 1e-7);
      expectClose(k.meanQueue, queue, "meanQueue", 1e-7);
      expectClose(k.meanWaitAll, queue / lambda, "meanWaitAll", 1e-7);
      expectClose(k.occupancy, (load - queue) / agents, "occupancy", 1e-7);
      // The fields that need a tagged customer's wait: consistent with the others.
      expectClose(k.serviceLevelAnswered, k.serviceLevel / k.pAnswered, "serviceLevelAnswered = serviceLevel / pAnswered", 1e-12);
      expect(k.serviceLevel).toBeLessThanOrEqual(k.pAnswered);
      expect(k.serviceLevel).toBeGreaterThanOrEqual(1 - k.pWait); // every call that does not wait is answered at once
      expect(k.asa * k.pAnswered).toBeLessThanOrEqual(k.meanWaitAll); // answered calls' waits are part of all waits
      expect(k.asa).toBeGreaterThan(0);
    });
  }

  it("gives M/M/1's ASA and service level when patience is practically infinite", () => {
    const meanHandle = 100;
    const rho = 0.8;
    const lambda = rho / meanHandle;
    const k = erlangAKpis({ arrivalRate: lambda, meanHandle, meanPatience: 1e9, agents: 1, targetSeconds: 30 });
    const gap = 1 / meanHandle - lambda;
    expectClose(k.pWait, rho, "pWait", 1e-6);
    expectClose(k.asa, rho / gap, "asa", 1e-5);
    expectClose(k.serviceLevel, 1 - rho * Math.exp(-gap * 30), "serviceLevel", 1e-6);
    expectClose(k.occupancy, rho, "occupancy", 1e-6);
    expectClose(k.meanQueue, (rho * rho) / (1 - rho), "meanQueue", 1e-5);
  });
});

describe("erlangCKpis at one agent and near full load", () => {
  for (const rho of [0.1, 0.5, 0.9, 0.999]) {
    it(`gives every field of M/M/1 at ρ = ${rho}`, () => {
      const meanHandle = 120;
      const lambda = rho / meanHandle;
      const k = erlangCKpis({ arrivalRate: lambda, meanHandle, agents: 1, targetSeconds: 15 });
      if (!k.stable) throw new Error("unstable");
      const gap = 1 / meanHandle - lambda;
      expectClose(k.load, rho, "load");
      expectClose(k.pWait, rho, "pWait");
      expectClose(k.asa, rho / gap, "asa");
      expectClose(k.serviceLevel, 1 - rho * Math.exp(-gap * 15), "serviceLevel");
      expectClose(k.occupancy, rho, "occupancy");
      expectClose(k.meanQueue, (rho * rho) / (1 - rho), "meanQueue", 1e-9);
    });
  }

  it("stays finite and exact as the load approaches the agents (ρ = 1 − 1e-9)", () => {
    const agents = 20;
    const meanHandle = 180;
    const load = agents * (1 - 1e-9);
    const lambda = load / meanHandle;
    const k = erlangCKpis({ arrivalRate: lambda, meanHandle, agents, targetSeconds: 20 });
    if (!k.stable) throw new Error("unstable");
    expect(k.pWait).toBeGreaterThan(0.999);
    expect(k.pWait).toBeLessThanOrEqual(1);
    const gap = agents - load;
    expectClose(k.asa, (k.pWait * meanHandle) / gap, "asa = C·E[S]/(c − a)", 1e-9);
    expectClose(k.serviceLevel, 1 - k.pWait * Math.exp((-gap * 20) / meanHandle), "serviceLevel", 1e-12);
    expectClose(k.occupancy, load / agents, "occupancy");
    expectClose(k.meanQueue, lambda * k.asa, "meanQueue", 1e-12);
    expect(Number.isFinite(k.asa)).toBe(true);
  });

  it("reports a load equal to the agents as unstable with full occupancy", () => {
    expect(erlangCKpis({ arrivalRate: 10 / 180, meanHandle: 180, agents: 10, targetSeconds: 20 })).toEqual({ stable: false, load: 10, occupancy: 1 });
    expect(erlangCKpis({ arrivalRate: 1 / 180, meanHandle: 180, agents: 1, targetSeconds: 20 })).toEqual({ stable: false, load: 1, occupancy: 1 });
  });
});
