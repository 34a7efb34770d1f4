/**
 * Erlang A in the regimes the other Erlang tests leave out (heavy overload, per-second rates,
 * sub-second patience, exactly full load), against an exact reference written here; every
 * error message of src/models/erlang.ts word for word; and the staffing searches at their
 * boundaries (a target met exactly, a limit of exactly the agents needed, a target of 0).
 *
 * The reference shares nothing with the integrals of src/models/erlang.ts. The birth–death chain
 * p_k ∝ a^k/k! (k <= n), p_{n+j} = p_n·Π_{i=1..j} λ/(nμ + iθ) is summed in log space until its
 * terms are below e^{−60} of the largest. An arrival that finds j callers waiting moves up
 * through the stages "k ahead" (k = j, …, 0), leaving each at rate r_k = nμ + kθ, while its own
 * patience runs out at rate θ; the product of r_k/(r_k + θ) telescopes (r_k + θ = r_{k+1}), so
 *     P(answered | j) = nμ/(nμ + (j+1)θ),
 *     E[W; answered | j] = P(answered | j)·Σ_{k=1..j+1} 1/(nμ + kθ)
 * (the second from the Laplace transform Π r_k/(r_k + s) differentiated at s = θ).
 */
import { describe, expect, it } from "vitest";
import { agentsForServiceLevel, erlangAKpis, erlangB, erlangC, erlangCKpis, type ErlangAInput, type StaffingInput } from "../../src/models/erlang.js";

function exactErlangA(i: ErlangAInput) {
  const { arrivalRate: lambda, meanHandle, meanPatience, agents: n } = i;
  const mu = 1 / meanHandle;
  const theta = 1 / meanPatience;
  const nMu = n * mu;
  const a = lambda * meanHandle;
  const logP: number[] = [0];
  for (let k = 1; k <= n; k++) logP.push(logP[k - 1] + Math.log(a / k));
  let peak = Math.max(...logP);
  for (let j = 1; ; j++) {
    const next = logP[n + j - 1] + Math.log(lambda / (nMu + j * theta));
    logP.push(next);
    peak = Math.max(peak, next);
    if (next < peak - 60 && lambda < nMu + j * theta) break;
  }
  const w = logP.map((l) => Math.exp(l - peak));
  const total = w.reduce((s, x) => s + x, 0);
  const p = w.map((x) => x / total);
  let pNoWait = 0;
  let pWait = 0;
  let answeredAfterWait = 0;
  let answeredWait = 0;
  let meanQueue = 0;
  let busy = 0;
  let stageSum = 0; // Σ_{k=1..j+1} 1/(nμ + kθ)
  for (let k = 0; k < p.length; k++) {
    busy += Math.min(k, n) * p[k];
    if (k < n) {
      pNoWait += p[k];
      continue;
    }
    const j = k - n;
    pWait += p[k];
    meanQueue += j * p[k];
    const answered = nMu / (nMu + (j + 1) * theta);
    stageSum += 1 / (nMu + (j + 1) * theta);
    answeredAfterWait += p[k] * answered;
    answeredWait += p[k] * answered * stageSum;
  }
  const pAnswered = pNoWait + answeredAfterWait;
  return {
    pWait,
    pNoWait,
    pAnswered,
    abandonRate: (theta * meanQueue) / lambda,
    asa: answeredWait / pAnswered,
    occupancy: busy / n,
    meanQueue,
    meanWaitAll: meanQueue / lambda,
  };
}

const FIELDS = ["pWait", "pAnswered", "abandonRate", "asa", "occupancy", "meanQueue", "meanWaitAll"] as const;

describe("erlangAKpis against the exact birth–death reference", () => {
  const cases: [string, ErlangAInput][] = [
    ["per-second rates, twice overloaded, 0.1 s patience", { arrivalRate: 200, meanHandle: 1, meanPatience: 0.1, agents: 100, targetSeconds: 0.05 }],
    ["ten thousand times overloaded, one agent", { arrivalRate: 10, meanHandle: 1000, meanPatience: 60, agents: 1, targetSeconds: 20 }],
    ["nine times overloaded, 20 agents", { arrivalRate: 1, meanHandle: 180, meanPatience: 120, agents: 20, targetSeconds: 20 }],
    ["load exactly equal to the agents", { arrivalRate: 10 / 180, meanHandle: 180, meanPatience: 300, agents: 10, targetSeconds: 20 }],
    ["fast and underloaded, 1,100 agents", { arrivalRate: 1000, meanHandle: 1, meanPatience: 0.5, agents: 1100, targetSeconds: 0.1 }],
    ["patience a thousandth of a second", { arrivalRate: 1, meanHandle: 100, meanPatience: 1e-3, agents: 50, targetSeconds: 1 }],
    ["slightly overloaded, mode a few seconds in", { arrivalRate: 10.5 / 180, meanHandle: 180, meanPatience: 60, agents: 10, targetSeconds: 2 }],
    ["underloaded, very patient", { arrivalRate: 8 / 180, meanHandle: 180, meanPatience: 1e5, agents: 10, targetSeconds: 20 }],
  ];

  it.each(cases)("%s: every field to 1e-11", (_, input) => {
    const k = erlangAKpis(input);
    const ref = exactErlangA(input);
    for (const key of FIELDS) expect(Math.abs(k[key] - ref[key]), `${key}: ${k[key]} vs ${ref[key]}`).toBeLessThanOrEqual(1e-11 * Math.abs(ref[key]));
    expect(Math.abs(k.serviceLevelAnswered - k.serviceLevel / ref.pAnswered)).toBeLessThanOrEqual(1e-11);
  });

  it.each(cases)("%s: service level is P(no wait) at T = 0 and P(answered) past every wait", (_, input) => {
    const ref = exactErlangA(input);
    const atZero = erlangAKpis({ ...input, targetSeconds: 0 }).serviceLevel;
    expect(Math.abs(atZero - ref.pNoWait)).toBeLessThanOrEqual(1e-11 * ref.pNoWait + 1e-300);
    const atInfinity = erlangAKpis({ ...input, targetSeconds: 1e9 });
    expect(Math.abs(atInfinity.serviceLevel - ref.pAnswered)).toBeLessThanOrEqual(1e-11 * ref.pAnswered);
    expect(Math.abs(atInfinity.serviceLevelAnswered - 1)).toBeLessThanOrEqual(1e-11);
  });

  it("keeps a P(wait) below the smallest normal double (Erlang C's, for patience 10^12 handle times)", () => {
    // 1 Erlang on 171 agents: C ≈ e^{−1}/170!/170 ≈ 3e-310, a subnormal number.
    const c = erlangC(171, 1);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(2.2250738585072014e-308);
    const k = erlangAKpis({ arrivalRate: 1 / 180, meanHandle: 180, meanPatience: 180e12, agents: 171, targetSeconds: 20 });
    expect(Math.abs(k.pWait - c)).toBeLessThanOrEqual(1e-6 * c);
  });

  it("gives perfect service without arrivals, even with no agents", () => {
    expect(erlangAKpis({ arrivalRate: 0, meanHandle: 180, meanPatience: 60, agents: 0, targetSeconds: 20 })).toEqual({
      load: 0,
      pWait: 0,
      pAnswered: 1,
      abandonRate: 0,
      asa: 0,
      serviceLevel: 1,
      serviceLevelAnswered: 1,
      occupancy: 0,
      meanQueue: 0,
      meanWaitAll: 0,
    });
  });
});

describe("erlangC at no servers and no load", () => {
  it("is 1 (load >= servers), as erlangB is", () => {
    expect(erlangC(0, 0)).toBe(1);
    expect(erlangB(0, 0)).toBe(1);
  });
});

describe("error messages name the function, the argument and the value", () => {
  const cases: [string, () => unknown, string][] = [
    ["erlangB servers", () => erlangB(1.5, 1), "erlangB: servers must be a non-negative integer, got 1.5"],
    ["erlangB load", () => erlangB(1, -1), "erlangB: load must be a finite number >= 0, got -1"],
    ["erlangC servers", () => erlangC(-1, 1), "erlangC: servers must be a non-negative integer, got -1"],
    ["erlangC load", () => erlangC(1, Number.NaN), "erlangC: load must be a finite number >= 0, got NaN"],
    ["erlangCKpis arrivalRate", () => erlangCKpis({ arrivalRate: -1, meanHandle: 1, agents: 1, targetSeconds: 1 }), "erlangCKpis: arrivalRate must be a finite number >= 0, got -1"],
    ["erlangCKpis meanHandle", () => erlangCKpis({ arrivalRate: 1, meanHandle: -1, agents: 1, targetSeconds: 1 }), "erlangCKpis: meanHandle must be a finite number >= 0, got -1"],
    ["erlangCKpis agents", () => erlangCKpis({ arrivalRate: 1, meanHandle: 1, agents: 0.5, targetSeconds: 1 }), "erlangCKpis: agents must be a non-negative integer, got 0.5"],
    ["erlangCKpis targetSeconds", () => erlangCKpis({ arrivalRate: 1, meanHandle: 1, agents: 1, targetSeconds: -1 }), "erlangCKpis: targetSeconds must be a finite number >= 0, got -1"],
    ["erlangAKpis arrivalRate", () => erlangAKpis({ arrivalRate: -1, meanHandle: 1, meanPatience: 1, agents: 1, targetSeconds: 1 }), "erlangAKpis: arrivalRate must be a finite number >= 0, got -1"],
    ["erlangAKpis meanHandle", () => erlangAKpis({ arrivalRate: 1, meanHandle: Infinity, meanPatience: 1, agents: 1, targetSeconds: 1 }), "erlangAKpis: meanHandle must be a finite number >= 0, got Infinity"],
    ["erlangAKpis meanPatience", () => erlangAKpis({ arrivalRate: 1, meanHandle: 1, meanPatience: -2, agents: 1, targetSeconds: 1 }), "erlangAKpis: meanPatience must be a finite number >= 0, got -2"],
  ];
  it.each(cases)("%s", (_, call, message) => {
    expect(call).toThrow(new RangeError(`ccsim/models/erlang.${message}`));
  });

  const staffing: StaffingInput = { arrivalRate: 10 / 180, meanHandle: 180, targetSeconds: 20, serviceLevel: 0.8, model: "erlangC" };
  const staffingCases: [string, Record<string, unknown>, string][] = [
    ["arrivalRate", { arrivalRate: -1 }, "arrivalRate must be a finite number >= 0, got -1"],
    ["meanHandle", { meanHandle: -1 }, "meanHandle must be a finite number >= 0, got -1"],
    ["targetSeconds", { targetSeconds: -1 }, "targetSeconds must be a finite number >= 0, got -1"],
    ["serviceLevel as text", { serviceLevel: "0.8" }, "serviceLevel must be a number in [0, 1], got 0.8"],
    ["serviceLevel null", { serviceLevel: null }, "serviceLevel must be a number in [0, 1], got null"],
    ["serviceLevel below 0", { serviceLevel: -0.1 }, "serviceLevel must be a number in [0, 1], got -0.1"],
    ["model", { model: "erlangX" }, 'model must be "erlangC" or "erlangA", got erlangX'],
    ["meanPatience", { model: "erlangA", meanPatience: -1 }, "meanPatience must be a finite number >= 0, got -1"],
  ];
  it.each(staffingCases)("agentsForServiceLevel %s", (_, change, message) => {
    expect(() => agentsForServiceLevel({ ...staffing, ...change } as StaffingInput)).toThrow(new RangeError(`ccsim/models/erlang.agentsForServiceLevel: ${message}`));
  });

  it("agentsForServiceLevel says how many agents it tried, for what target and load", () => {
    expect(() => agentsForServiceLevel({ ...staffing, maxAgents: 12 })).toThrow(
      new RangeError("ccsim/models/erlang.agentsForServiceLevel: maxAgents = 12 agents do not reach serviceLevel 0.8 within 20 s (load 10 Erlangs)"),
    );
  });
});

describe("agentsForServiceLevel at its boundaries", () => {
  const voice = { arrivalRate: 10 / 180, meanHandle: 180, targetSeconds: 20 };

  it("accepts a target met exactly (Erlang C): the service level of 14 agents needs 14", () => {
    const k = erlangCKpis({ ...voice, agents: 14 });
    if (!k.stable) throw new Error("unstable");
    expect(agentsForServiceLevel({ ...voice, serviceLevel: k.serviceLevel, model: "erlangC" })).toBe(14);
  });

  it("accepts a target met exactly (Erlang A): the service level of n agents needs n", () => {
    for (const agents of [6, 9, 12]) {
      const level = erlangAKpis({ ...voice, meanPatience: 60, agents }).serviceLevel;
      expect(agentsForServiceLevel({ ...voice, serviceLevel: level, model: "erlangA", meanPatience: 60 })).toBe(agents);
    }
  });

  it("accepts a service level of 1 where the queue's service level rounds to 1", () => {
    // C·e^{−(n−a)T/h} underflows to 0 for T = 10^6 s: every stable staffing meets 100%.
    expect(agentsForServiceLevel({ ...voice, targetSeconds: 1e6, serviceLevel: 1, model: "erlangC" })).toBe(11);
  });

  it("allows a limit of exactly the first stable staffing (Erlang C)", () => {
    const level = erlangCKpis({ ...voice, agents: 11 });
    if (!level.stable) throw new Error("unstable");
    expect(agentsForServiceLevel({ ...voice, serviceLevel: level.serviceLevel, model: "erlangC", maxAgents: 11 })).toBe(11);
    expect(() => agentsForServiceLevel({ ...voice, serviceLevel: level.serviceLevel, model: "erlangC", maxAgents: 10 })).toThrow(RangeError);
  });

  it("stays within maxAgents below the load (Erlang A with impatient callers)", () => {
    // 20 Erlangs, 30-second patience: 50% needs fewer agents than the load, but more than 5.
    const input: StaffingInput = { arrivalRate: 20 / 180, meanHandle: 180, targetSeconds: 20, serviceLevel: 0.5, model: "erlangA", meanPatience: 30 };
    const needed = agentsForServiceLevel(input);
    expect(needed).toBeGreaterThan(5);
    expect(needed).toBeLessThan(20);
    expect(agentsForServiceLevel({ ...input, maxAgents: needed })).toBe(needed);
    expect(() => agentsForServiceLevel({ ...input, maxAgents: 5 })).toThrow("maxAgents = 5 agents do not reach serviceLevel 0.5");
  });

  it("needs no agents for a target of 0 (Erlang A), whatever the load", () => {
    for (const arrivalRate of [0.3 / 180, 10 / 180]) {
      expect(agentsForServiceLevel({ arrivalRate, meanHandle: 180, targetSeconds: 20, serviceLevel: 0, model: "erlangA", meanPatience: 60 })).toBe(0);
    }
  });
});
