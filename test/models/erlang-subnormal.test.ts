/**
 * Erlang A's P(no wait) where it is below the smallest normal double: one agent, λ = 725/s and
 * μ = θ = 1/s, so the number waiting is nearly Poisson(λ) and P(no wait) ≈ e^{−725}. The reference
 * sums the birth–death chain in log space (p_0 ∝ 1, p_j = p_{j−1}·λ/(μ + jθ)), so it needs no
 * number below 1e-308.
 */
import { describe, expect, it } from "vitest";
import { erlangAKpis } from "../../src/models/erlang.js";

/** log P(no wait) of M/M/1+M, with μ = 1/meanHandle and θ = 1/meanPatience. */
function logPNoWaitOneAgent(lambda: number, meanHandle: number, meanPatience: number): number {
  const mu = 1 / meanHandle;
  const theta = 1 / meanPatience;
  const logP = [0, Math.log(lambda / mu)];
  for (let j = 1; logP[logP.length - 1] > Math.max(...logP) - 60 || lambda > mu + j * theta; j++) {
    logP.push(logP[logP.length - 1] + Math.log(lambda / (mu + j * theta)));
  }
  const peak = Math.max(...logP);
  return -peak - Math.log(logP.reduce((s, l) => s + Math.exp(l - peak), 0));
}

describe("erlangAKpis where P(no wait) is a subnormal number", () => {
  it("keeps P(no wait) = e^{−725·…} instead of rounding it to 0 (one agent, 725 calls per handle time)", () => {
    const input = { arrivalRate: 725, meanHandle: 1, meanPatience: 1, agents: 1, targetSeconds: 0 };
    const ref = logPNoWaitOneAgent(725, 1, 1);
    expect(ref).toBeLessThan(Math.log(2.2250738585072014e-308));
    expect(ref).toBeGreaterThan(-740);
    const k = erlangAKpis(input);
    // At T = 0 the service level is P(no wait).
    expect(Math.abs(Math.log(k.serviceLevel) - ref)).toBeLessThan(1e-6);
    expect(Math.abs(k.pWait - 1)).toBeLessThanOrEqual(1e-15);
  });
});
