/**
 * Erlang B, C and A against exact references: high-precision values (mpmath 1.3 at 40–50
 * significant digits, evaluating the defining sums a^k/k! directly, not the recursion used in
 * the code), textbook closed forms, and for Erlang A a brute-force solution of the birth–death
 * chain plus a numerical integration of the tagged caller's Markov chain, which shares nothing
 * with the integral formulas used in src/models/erlang.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agentsForServiceLevel,
  erlangAKpis,
  erlangB,
  erlangC,
  erlangCKpis,
  type ErlangAInput,
  type ErlangAKpis,
} from "../../src/models/erlang.js";

function expectRelativelyClose(actual: number, expected: number, tolerance: number) {
  expect(Number.isFinite(actual)).toBe(true);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

function stableC(i: Parameters<typeof erlangCKpis>[0]) {
  const k = erlangCKpis(i);
  if (!k.stable) throw new Error(`expected a stable M/M/c for ${JSON.stringify(i)}`);
  return k;
}

/** a^n/n! / Σ_{k<=n} a^k/k!, straight from the definition (fine in doubles for n, a <= 30). */
function erlangBBySum(n: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= n; k++) {
    term *= a / k;
    sum += term;
  }
  return term / sum;
}

/** Poisson(a) probabilities for k = 0..kMax, computed from the mode outward (no underflow at a = 10^4). */
function poissonPmf(a: number, kMax: number): number[] {
  const mode = Math.floor(a);
  let logFactorial = 0;
  for (let j = 2; j <= mode; j++) logFactorial += Math.log(j);
  const pmf = new Array<number>(kMax + 1).fill(0);
  const atMode = a === 0 ? 1 : Math.exp(-a + mode * Math.log(a) - logFactorial);
  if (mode <= kMax) pmf[mode] = atMode;
  for (let k = mode + 1, v = atMode; k <= kMax; k++) pmf[k] = v *= a / k;
  for (let k = mode - 1, v = atMode; k >= 0; k--) pmf[k] = v *= (k + 1) / a;
  return pmf;
}

/**
 * Erlang A by brute force. The stationary law of the birth–death chain from the product formula
 * (truncated where terms drop below 1e−30 of the largest); then the tagged caller's chain —
 * y_i = P(still waiting with i callers ahead) — integrated by classical RK4 from the arrival
 * distribution (PASTA), with the answered mass and ∫ t d(answered) carried along.
 */
function bruteForceErlangA(i: ErlangAInput, step: number) {
  const { arrivalRate: lambda, meanHandle, meanPatience, agents: n, targetSeconds } = i;
  const mu = 1 / meanHandle;
  const theta = 1 / meanPatience;
  const p = [1];
  let largest = 1;
  for (let k = 1; ; k++) {
    p.push((p[k - 1] * lambda) / (Math.min(k, n) * mu + Math.max(k - n, 0) * theta));
    largest = Math.max(largest, p[k]);
    if (k > n && p[k] < 1e-30 * largest) break;
  }
  const total = p.reduce((s, x) => s + x, 0);
  const prob = p.map((x) => x / total);
  let pNoWait = 0;
  let meanQueue = 0;
  let busy = 0;
  for (let k = 0; k < prob.length; k++) {
    if (k < n) pNoWait += prob[k];
    meanQueue += Math.max(k - n, 0) * prob[k];
    busy += Math.min(k, n) * prob[k];
  }
  const J = prob.length - 1 - n; // most callers ahead
  const nMu = n * mu;
  // state: y_0..y_J, answered, ∫ t d(answered)
  const derivative = (t: number, s: Float64Array, out: Float64Array) => {
    for (let j = 0; j <= J; j++) {
      out[j] = -(nMu + (j + 1) * theta) * s[j] + (j < J ? (nMu + (j + 1) * theta) * s[j + 1] : 0);
    }
    out[J + 1] = nMu * s[0];
    out[J + 2] = t * nMu * s[0];
  };
  let s = new Float64Array(J + 3);
  for (let j = 0; j <= J; j++) s[j] = prob[n + j];
  const k1 = new Float64Array(J + 3), k2 = new Float64Array(J + 3), k3 = new Float64Array(J + 3), k4 = new Float64Array(J + 3);
  const tmp = new Float64Array(J + 3);
  let answeredByTarget = targetSeconds === 0 ? 0 : NaN;
  for (let stepIndex = 0; ; stepIndex++) {
    const t = stepIndex * step;
    if (Math.abs(t - targetSeconds) < step / 2) answeredByTarget = s[J + 1];
    let waiting = 0;
    for (let j = 0; j <= J; j++) waiting += s[j];
    if (waiting < 1e-16 && t > targetSeconds) break;
    derivative(t, s, k1);
    for (let j = 0; j < s.length; j++) tmp[j] = s[j] + (step / 2) * k1[j];
    derivative(t + step / 2, tmp, k2);
    for (let j = 0; j < s.length; j++) tmp[j] = s[j] + (step / 2) * k2[j];
    derivative(t + step / 2, tmp, k3);
    for (let j = 0; j < s.length; j++) tmp[j] = s[j] + step * k3[j];
    derivative(t + step, tmp, k4);
    const next = new Float64Array(s.length);
    for (let j = 0; j < s.length; j++) next[j] = s[j] + (step / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
    s = next;
  }
  const pAnswered = pNoWait + s[J + 1];
  return {
    pWait: 1 - pNoWait,
    pAnswered,
    abandonRate: (theta * meanQueue) / lambda,
    asa: s[J + 2] / pAnswered,
    serviceLevel: pNoWait + answeredByTarget,
    occupancy: busy / n,
    meanQueue,
    meanWaitAll: meanQueue / lambda,
  };
}

function expectErlangAInRange(k: ErlangAKpis) {
  for (const [name, v] of Object.entries(k)) {
    expect(Number.isFinite(v), name).toBe(true);
    expect(v, name).toBeGreaterThanOrEqual(0);
  }
  for (const v of [k.pWait, k.pAnswered, k.abandonRate, k.serviceLevel, k.serviceLevelAnswered, k.occupancy]) {
    expect(v).toBeLessThanOrEqual(1);
  }
}

// -----------------------------------------------------------------------------------------------

describe("erlang B", () => {
  it("erlang B matches high-precision values of the defining sum at 5, 8 and 90 Erlangs", () => {
    // mpmath, 40 digits: (a^n/n!)/Σ_{k<=n} a^k/k!. B(10, 5) = 0.01838 is also the standard table entry.
    expectRelativelyClose(erlangB(10, 5), 0.018384570336648133137, 1e-14);
    expectRelativelyClose(erlangB(10, 8), 0.12166106425295151004, 1e-14);
    expectRelativelyClose(erlangB(100, 90), 0.026957380464359214770, 1e-13);
  });

  it("erlang B agrees with the definition over a grid of small systems", () => {
    for (let n = 0; n <= 30; n++) {
      for (const a of [0.01, 0.5, 1, 2.5, 7, 13.3, 30]) expectRelativelyClose(erlangB(n, a), erlangBBySum(n, a), 1e-13);
    }
  });

  it("erlang B is 1 without servers and 0 without load", () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(0, 0)).toBe(1);
    expect(erlangB(7, 0)).toBe(0);
  });

  it("erlang B is accurate, finite and decreasing in servers at 10,000 servers and loads 9,000 to 11,000", () => {
    // mpmath, 40 digits, direct sum with log-gamma.
    expectRelativelyClose(erlangB(10_000, 9_000), 2.0916197944192896143e-26, 1e-11);
    expectRelativelyClose(erlangB(10_000, 10_000), 0.0079365632488056718823, 1e-12);
    expectRelativelyClose(erlangB(10_000, 11_000), 0.091799166106076389077, 1e-12);
    for (const a of [9_000, 10_000, 11_000]) {
      let previous = erlangB(9_990, a);
      for (let n = 9_991; n <= 10_010; n++) {
        const b = erlangB(n, a);
        expect(b).toBeGreaterThan(0);
        expect(b).toBeLessThan(previous);
        previous = b;
      }
    }
  });

  it("erlang B rejects invalid arguments with a precise RangeError", () => {
    expect(() => erlangB(2.5, 1)).toThrow(RangeError);
    expect(() => erlangB(2.5, 1)).toThrow("servers must be a non-negative integer, got 2.5");
    expect(() => erlangB(-1, 1)).toThrow("servers must be a non-negative integer, got -1");
    expect(() => erlangB(3, -0.1)).toThrow("load must be a finite number >= 0, got -0.1");
    expect(() => erlangB(3, Number.NaN)).toThrow("load must be a finite number >= 0, got NaN");
    expect(() => erlangB(3, Number.POSITIVE_INFINITY)).toThrow("load must be a finite number >= 0, got Infinity");
  });
});

describe("erlang C", () => {
  it("erlang C staffs the classic 80/20 example at 10 Erlangs and 180 s with 14 agents", () => {
    const base = { arrivalRate: 10 / 180, meanHandle: 180, targetSeconds: 20 };
    // mpmath, 40 digits: SL(13) = 0.79559478841778311910, SL(14) = 0.88835001917946688425.
    const at13 = stableC({ ...base, agents: 13 });
    const at14 = stableC({ ...base, agents: 14 });
    expectRelativelyClose(at13.serviceLevel, 0.7955947884177831191, 1e-14);
    expectRelativelyClose(at14.serviceLevel, 0.88835001917946688425, 1e-14);
    expect(at13.serviceLevel).toBeLessThan(0.8);
    expect(at14.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(agentsForServiceLevel({ ...base, serviceLevel: 0.8, model: "erlangC" })).toBe(14);
  });

  it("erlang C matches a hand calculation for two agents at half load", () => {
    // M/M/2, a = 1: B(2,1) = 0.5/2.5 = 0.2, C = 2·0.2/(2 − 1 + 0.2) = 1/3 (= 2ρ²/(1+ρ) at ρ = 1/2).
    // ASA = C·E[S]/(n − a) = 20 s; SL(30 s) = 1 − e^{−(2−1)·30/60}/3; L_q = λ·ASA = 1/3.
    const k = stableC({ arrivalRate: 1 / 60, meanHandle: 60, agents: 2, targetSeconds: 30 });
    expectRelativelyClose(k.pWait, 1 / 3, 1e-15);
    expectRelativelyClose(k.asa, 20, 1e-14);
    expectRelativelyClose(k.serviceLevel, 1 - Math.exp(-0.5) / 3, 1e-15);
    expectRelativelyClose(k.meanQueue, 1 / 3, 1e-14);
    expectRelativelyClose(k.occupancy, 0.5, 1e-15);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 15);
  });

  it("erlang C agrees with the textbook formula over a grid of small systems", () => {
    for (let n = 1; n <= 25; n++) {
      for (const rho of [0.05, 0.3, 0.7, 0.95]) {
        const a = rho * n;
        let term = 1;
        let below = 0; // Σ_{k<n} a^k/k!
        for (let k = 0; k < n; k++) {
          below += term;
          term *= a / (k + 1);
        }
        const waiting = (term * n) / (n - a); // a^n/n! · n/(n − a)
        expectRelativelyClose(erlangC(n, a), waiting / (below + waiting), 1e-13);
      }
    }
  });

  it("erlang C stays finite and accurate at utilisation 0.999", () => {
    // M/M/1: C = ρ and ASA = ρ·E[S]/(1 − ρ).
    const single = stableC({ arrivalRate: 0.999 / 100, meanHandle: 100, agents: 1, targetSeconds: 10 });
    expectRelativelyClose(single.pWait, 0.999, 1e-14);
    expectRelativelyClose(single.asa, (0.999 * 100) / 0.001, 1e-12);
    // 1,000 agents at 999 Erlangs; mpmath, 50 digits: C = 0.96123926040841911191.
    const large = stableC({ arrivalRate: 999 / 180, meanHandle: 180, agents: 1000, targetSeconds: 20 });
    expectRelativelyClose(large.pWait, 0.96123926040841911191, 1e-11);
    expectRelativelyClose(large.asa, 173.02306687351544014, 1e-11);
    expect(large.serviceLevel).toBeGreaterThan(0);
    expect(large.serviceLevel).toBeLessThan(1);
  });

  it("erlang C reports load at or above the agents as unstable instead of infinities", () => {
    expect(erlangCKpis({ arrivalRate: 14 / 180, meanHandle: 180, agents: 14, targetSeconds: 20 })).toEqual({ stable: false, load: 14 * (1 / 180) * 180, occupancy: 1 });
    expect(erlangCKpis({ arrivalRate: 1, meanHandle: 30, agents: 14, targetSeconds: 20 })).toEqual({ stable: false, load: 30, occupancy: 1 });
    expect(erlangCKpis({ arrivalRate: 1, meanHandle: 30, agents: 0, targetSeconds: 20 }).stable).toBe(false);
    expect(erlangC(14, 14)).toBe(1);
    expect(erlangC(14, 30)).toBe(1);
  });

  it("erlang C handles exactly zero load", () => {
    expect(erlangC(5, 0)).toBe(0);
    expect(erlangCKpis({ arrivalRate: 0, meanHandle: 180, agents: 5, targetSeconds: 20 })).toEqual({
      stable: true, load: 0, pWait: 0, asa: 0, serviceLevel: 1, occupancy: 0, meanQueue: 0,
    });
    expect(erlangCKpis({ arrivalRate: 0, meanHandle: 180, agents: 0, targetSeconds: 20 }).stable).toBe(true);
    expect(erlangCKpis({ arrivalRate: 2, meanHandle: 0, agents: 1, targetSeconds: 0 })).toEqual({
      stable: true, load: 0, pWait: 0, asa: 0, serviceLevel: 1, occupancy: 0, meanQueue: 0,
    });
  });

  it("erlang C rejects invalid arguments with a precise RangeError", () => {
    expect(() => erlangCKpis({ arrivalRate: -1, meanHandle: 1, agents: 1, targetSeconds: 1 })).toThrow("arrivalRate must be a finite number >= 0, got -1");
    expect(() => erlangCKpis({ arrivalRate: 1, meanHandle: 1, agents: 1.5, targetSeconds: 1 })).toThrow("agents must be a non-negative integer, got 1.5");
    expect(() => erlangCKpis({ arrivalRate: 1, meanHandle: 1, agents: 1, targetSeconds: Number.NaN })).toThrow(RangeError);
    expect(() => erlangC(3, Number.NaN)).toThrow("load must be a finite number >= 0, got NaN");
  });
});

describe("erlang A", () => {
  it("erlang A reduces to erlang C when patience is practically infinite, with a gap proportional to 1/patience", () => {
    for (const [arrivalRate, meanHandle, agents] of [
      [0.05, 180, 14],
      [95 / 300, 300, 100],
      [0.5 / 100, 100, 1],
      [990 / 180, 180, 1000],
    ]) {
      const base = { arrivalRate, meanHandle, agents, targetSeconds: 20 };
      const c = stableC(base);
      const patient = erlangAKpis({ ...base, meanPatience: 1e9 });
      const morePatient = erlangAKpis({ ...base, meanPatience: 1e12 });
      expect(patient.abandonRate).toBeLessThan(1e-6);
      for (const key of ["pWait", "asa", "serviceLevel", "meanQueue", "occupancy"] as const) {
        const gap = patient[key] - c[key];
        expect(Math.abs(gap), key).toBeLessThanOrEqual(1e-4 * c[key]);
        // The gap is first order in θ = 1/patience: 1000 times smaller at 1000 times the patience.
        // This only holds if both are computed to far better than the 1e−10 relative gap at 1e12.
        expect(Math.abs(1000 * (morePatient[key] - c[key]) - gap), key).toBeLessThanOrEqual(0.01 * Math.abs(gap) + 1e-12 * c[key]);
      }
    }
  });

  it("erlang A with patience equal to the handle time keeps a Poisson(a) number of callers in the system", () => {
    // Death rate k·μ in every state: the M/M/∞ chain, so P(wait) = P(N >= n) and busy agents = E[min(N, n)].
    for (const [agents, load] of [
      [5, 4],
      [20, 25],
      [100, 90],
      [10_000, 10_000],
    ]) {
      const pmf = poissonPmf(load, Math.ceil(load + 40 * Math.sqrt(load) + 50));
      let tail = 0;
      let busy = 0;
      let waiting = 0;
      for (let k = 0; k < pmf.length; k++) {
        if (k >= agents) tail += pmf[k];
        busy += Math.min(k, agents) * pmf[k];
        waiting += Math.max(k - agents, 0) * pmf[k];
      }
      const k = erlangAKpis({ arrivalRate: load / 180, meanHandle: 180, meanPatience: 180, agents, targetSeconds: 20 });
      expectRelativelyClose(k.pWait, tail, 1e-9);
      expectRelativelyClose(k.occupancy, busy / agents, 1e-9);
      expectRelativelyClose(k.meanQueue, waiting, 1e-9);
    }
    // mpmath: P(Poisson(4) >= 5) = 0.37116306482012647658, P(Poisson(10^4) >= 10^4) = 0.50132980833995520038.
    expectRelativelyClose(erlangAKpis({ arrivalRate: 4 / 180, meanHandle: 180, meanPatience: 180, agents: 5, targetSeconds: 20 }).pWait, 0.37116306482012647658, 1e-13);
    expectRelativelyClose(erlangAKpis({ arrivalRate: 1e4 / 180, meanHandle: 180, meanPatience: 180, agents: 1e4, targetSeconds: 20 }).pWait, 0.5013298083399552, 1e-11);
  });

  it("erlang A matches a brute-force birth–death and tagged-caller integration for 3 and 5 agents", () => {
    const cases: ErlangAInput[] = [
      { arrivalRate: 1 / 50, meanHandle: 180, meanPatience: 120, agents: 3, targetSeconds: 20 }, // overloaded, a = 3.6
      { arrivalRate: 1 / 45, meanHandle: 180, meanPatience: 300, agents: 5, targetSeconds: 20 }, // a = 4
      { arrivalRate: 1 / 60, meanHandle: 240, meanPatience: 30, agents: 5, targetSeconds: 15 }, // short patience
    ];
    for (const input of cases) {
      const exact = erlangAKpis(input);
      const brute = bruteForceErlangA(input, 0.05);
      for (const key of ["pWait", "pAnswered", "abandonRate", "asa", "serviceLevel", "occupancy", "meanQueue", "meanWaitAll"] as const) {
        expect(Math.abs(exact[key] - brute[key]), `${key} for ${JSON.stringify(input)}`).toBeLessThanOrEqual(1e-12 * Math.abs(brute[key]));
      }
      expectRelativelyClose(exact.serviceLevelAnswered, brute.serviceLevel / brute.pAnswered, 1e-12);
    }
  });

  it("erlang A answers and abandons every call exactly once and its service level never exceeds the answered share", () => {
    for (const input of [
      { arrivalRate: 0.32, meanHandle: 300, meanPatience: 120, agents: 100, targetSeconds: 20 },
      { arrivalRate: 2, meanHandle: 60, meanPatience: 5, agents: 100, targetSeconds: 10 },
      { arrivalRate: 0.001, meanHandle: 600, meanPatience: 60, agents: 2, targetSeconds: 0 },
    ]) {
      const k = erlangAKpis(input);
      expect(Math.abs(k.pAnswered + k.abandonRate - 1)).toBeLessThanOrEqual(1e-13);
      expect(k.serviceLevel).toBeLessThanOrEqual(1 - k.abandonRate + 1e-13);
      expectRelativelyClose(k.occupancy, (k.load * (1 - k.abandonRate)) / input.agents, 1e-12);
    }
  });

  it("erlang A with zero patience is the erlang B loss system, and tiny patience approaches it", () => {
    const base = { arrivalRate: 8 / 180, meanHandle: 180, agents: 10, targetSeconds: 20 };
    const loss = erlangAKpis({ ...base, meanPatience: 0 });
    const b = erlangB(10, 8);
    expect(loss.pWait).toBe(b);
    expect(loss.abandonRate).toBe(b);
    expectRelativelyClose(loss.serviceLevel, 1 - b, 1e-15);
    expect(loss.asa).toBe(0);
    const impatient = erlangAKpis({ ...base, meanPatience: 1e-6 });
    expectRelativelyClose(impatient.abandonRate, b, 1e-6);
    expectRelativelyClose(impatient.pWait, b, 1e-6);
  });

  it("erlang A stays finite and consistent at 10,000 agents around full load", () => {
    let previousWait = 0;
    for (const load of [9_000, 9_900, 9_999, 10_000, 10_001, 10_100, 11_000]) {
      for (const meanPatience of [120, 1e9]) {
        const k = erlangAKpis({ arrivalRate: load / 180, meanHandle: 180, meanPatience, agents: 10_000, targetSeconds: 20 });
        expectErlangAInRange(k);
        expect(Math.abs(k.pAnswered + k.abandonRate - 1)).toBeLessThanOrEqual(1e-12);
        // Far above full load the fluid limit holds: agents answer n/a of the calls.
        if (load === 11_000) expectRelativelyClose(k.pAnswered, 10_000 / 11_000, 1e-3);
      }
      const withPatience = erlangAKpis({ arrivalRate: load / 180, meanHandle: 180, meanPatience: 120, agents: 10_000, targetSeconds: 20 });
      expect(withPatience.pWait).toBeGreaterThan(previousWait);
      previousWait = withPatience.pWait;
    }
  });

  it("erlang A handles zero load, zero agents and zero threshold", () => {
    const none = erlangAKpis({ arrivalRate: 0, meanHandle: 180, meanPatience: 60, agents: 3, targetSeconds: 20 });
    expect(none).toMatchObject({ pWait: 0, abandonRate: 0, asa: 0, serviceLevel: 1, occupancy: 0, meanQueue: 0 });
    const unstaffed = erlangAKpis({ arrivalRate: 0.1, meanHandle: 180, meanPatience: 60, agents: 0, targetSeconds: 20 });
    expect(unstaffed).toMatchObject({ pWait: 1, pAnswered: 0, abandonRate: 1, serviceLevel: 0, meanWaitAll: 60 });
    expectRelativelyClose(unstaffed.meanQueue, 6, 1e-15);
    const instant = erlangAKpis({ arrivalRate: 0.1, meanHandle: 0, meanPatience: 60, agents: 1, targetSeconds: 20 });
    expect(instant).toMatchObject({ pWait: 0, serviceLevel: 1 });
    // T = 0: only calls answered on arrival count.
    const k = erlangAKpis({ arrivalRate: 0.05, meanHandle: 180, meanPatience: 60, agents: 10, targetSeconds: 0 });
    expectRelativelyClose(k.serviceLevel, 1 - k.pWait, 1e-14);
  });

  it("erlang A rejects invalid arguments with a precise RangeError", () => {
    const ok = { arrivalRate: 0.1, meanHandle: 180, meanPatience: 60, agents: 3, targetSeconds: 20 };
    expect(() => erlangAKpis({ ...ok, meanPatience: -1 })).toThrow("meanPatience must be a finite number >= 0, got -1");
    expect(() => erlangAKpis({ ...ok, meanPatience: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => erlangAKpis({ ...ok, agents: Number.NaN })).toThrow("agents must be a non-negative integer, got NaN");
    expect(() => erlangAKpis({ ...ok, targetSeconds: -5 })).toThrow("targetSeconds must be a finite number >= 0, got -5");
  });
});

// -----------------------------------------------------------------------------------------------

/** Valid Erlang A inputs: 1..2000 agents, load 0..1.5n, patience from 1e−3 to 1e6 handle times. */
const erlangAInput = fc
  .record({
    agents: fc.integer({ min: 1, max: 2000 }),
    utilisation: fc.double({ min: 0, max: 1.5, noNaN: true }),
    meanHandle: fc.double({ min: 1, max: 3600, noNaN: true }),
    patienceExponent: fc.double({ min: -3, max: 6, noNaN: true }),
    targetSeconds: fc.double({ min: 0, max: 600, noNaN: true }),
  })
  .map(({ agents, utilisation, meanHandle, patienceExponent, targetSeconds }) => ({
    arrivalRate: (utilisation * agents) / meanHandle,
    meanHandle,
    meanPatience: meanHandle * 10 ** patienceExponent,
    agents,
    targetSeconds,
  }));

const SLACK = 1e-12; // rounding slack in monotonicity checks

describe("erlang properties", () => {
  it("the erlang A service level never decreases with more agents or a longer threshold, and P(wait) never increases with more agents", () => {
    fc.assert(
      fc.property(erlangAInput, fc.double({ min: 0, max: 300, noNaN: true }), (input, extraSeconds) => {
        const k = erlangAKpis(input);
        const more = erlangAKpis({ ...input, agents: input.agents + 1 });
        const later = erlangAKpis({ ...input, targetSeconds: input.targetSeconds + extraSeconds });
        expect(more.serviceLevel).toBeGreaterThanOrEqual(k.serviceLevel - SLACK);
        expect(more.pWait).toBeLessThanOrEqual(k.pWait + SLACK);
        expect(later.serviceLevel).toBeGreaterThanOrEqual(k.serviceLevel - SLACK);
      }),
      { seed: 20250101, numRuns: 200 },
    );
  });

  it("every erlang A output is finite and in range for valid inputs", () => {
    fc.assert(
      fc.property(erlangAInput, (input) => {
        const k = erlangAKpis(input);
        expectErlangAInRange(k);
        expect(Math.abs(k.pAnswered + k.abandonRate - 1)).toBeLessThanOrEqual(1e-12);
        expect(k.serviceLevel).toBeLessThanOrEqual(k.pAnswered + SLACK);
      }),
      { seed: 20250102, numRuns: 300 },
    );
  });

  it("the erlang C service level never decreases and P(wait) never increases with more agents, and outputs stay in range", () => {
    fc.assert(
      fc.property(erlangAInput, (input) => {
        const k = erlangCKpis(input);
        const more = erlangCKpis({ ...input, agents: input.agents + 1 });
        if (!k.stable) {
          expect(k.load).toBeGreaterThanOrEqual(input.agents);
          return;
        }
        if (!more.stable) throw new Error("adding an agent made the system unstable");
        for (const v of [k.pWait, k.serviceLevel, k.occupancy]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        expect(Number.isFinite(k.asa) && Number.isFinite(k.meanQueue)).toBe(true);
        expect(more.serviceLevel).toBeGreaterThanOrEqual(k.serviceLevel - SLACK);
        expect(more.pWait).toBeLessThanOrEqual(k.pWait + SLACK);
      }),
      { seed: 20250103, numRuns: 300 },
    );
  });
});

describe("agentsForServiceLevel", () => {
  it("agentsForServiceLevel returns the minimum staffing that meets the target", () => {
    const staffingInput = fc.record({
      arrivalRate: fc.double({ min: 1e-4, max: 5, noNaN: true }),
      meanHandle: fc.double({ min: 10, max: 600, noNaN: true }),
      targetSeconds: fc.double({ min: 0, max: 120, noNaN: true }),
      serviceLevel: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
      model: fc.constantFrom("erlangC" as const, "erlangA" as const),
      meanPatience: fc.double({ min: 5, max: 3600, noNaN: true }),
    });
    fc.assert(
      fc.property(staffingInput, (input) => {
        const agents = agentsForServiceLevel(input);
        const level = (n: number) => {
          const base = { arrivalRate: input.arrivalRate, meanHandle: input.meanHandle, agents: n, targetSeconds: input.targetSeconds };
          if (input.model === "erlangA") return erlangAKpis({ ...base, meanPatience: input.meanPatience }).serviceLevel;
          const c = erlangCKpis(base);
          return c.stable ? c.serviceLevel : 0;
        };
        expect(level(agents)).toBeGreaterThanOrEqual(input.serviceLevel);
        if (agents > 0) expect(level(agents - 1)).toBeLessThan(input.serviceLevel);
      }),
      { seed: 20250104, numRuns: 300 },
    );
  });

  it("agentsForServiceLevel needs no agents for no calls and only stable staffings under erlang C", () => {
    expect(agentsForServiceLevel({ arrivalRate: 0, meanHandle: 180, targetSeconds: 20, serviceLevel: 0.8, model: "erlangC" })).toBe(0);
    expect(agentsForServiceLevel({ arrivalRate: 0, meanHandle: 180, targetSeconds: 20, serviceLevel: 0.8, model: "erlangA", meanPatience: 60 })).toBe(0);
    // A zero target is met by any stable staffing: the first one above the load.
    expect(agentsForServiceLevel({ arrivalRate: 10 / 180, meanHandle: 180, targetSeconds: 20, serviceLevel: 0, model: "erlangC" })).toBe(11);
  });

  it("agentsForServiceLevel staffs erlang A below the load when impatient callers leave", () => {
    // 1,000 Erlangs, 2-minute patience, 80/20: abandonment relieves the queue enough to staff under the load.
    const a = agentsForServiceLevel({ arrivalRate: 1000 / 180, meanHandle: 180, targetSeconds: 20, serviceLevel: 0.8, model: "erlangA", meanPatience: 120 });
    const c = agentsForServiceLevel({ arrivalRate: 1000 / 180, meanHandle: 180, targetSeconds: 20, serviceLevel: 0.8, model: "erlangC" });
    expect(c).toBeGreaterThan(1000);
    expect(a).toBeLessThan(c);
  });

  it("agentsForServiceLevel throws a RangeError when maxAgents is not enough or arguments are invalid", () => {
    const base = { arrivalRate: 10 / 180, meanHandle: 180, targetSeconds: 20, serviceLevel: 0.8 };
    expect(() => agentsForServiceLevel({ ...base, model: "erlangC", maxAgents: 13 })).toThrow(RangeError);
    expect(() => agentsForServiceLevel({ ...base, model: "erlangC", maxAgents: 13 })).toThrow("maxAgents = 13");
    expect(agentsForServiceLevel({ ...base, model: "erlangC", maxAgents: 14 })).toBe(14);
    expect(() => agentsForServiceLevel({ ...base, model: "erlangA", meanPatience: 60, maxAgents: 3 })).toThrow("maxAgents = 3");
    expect(() => agentsForServiceLevel({ ...base, model: "erlangA" })).toThrow("meanPatience is required");
    expect(() => agentsForServiceLevel({ ...base, serviceLevel: 1.5, model: "erlangC" })).toThrow("serviceLevel must be a number in [0, 1], got 1.5");
    expect(() => agentsForServiceLevel({ ...base, model: "erlangC", maxAgents: -1 })).toThrow("maxAgents must be a non-negative integer, got -1");
  });
});
