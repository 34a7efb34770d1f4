/**
 * The sentence each invalid distribution parameter is refused with: it names the parameter, the
 * bound and the value given (the scenario loader quotes it after the field's path).
 */
import { describe, expect, it } from "vitest";
import {
  empirical,
  erlang,
  exponential,
  deterministic,
  gamma,
  gammaShapeScale,
  lognormal,
  lognormalLog,
  survival,
  triangular,
  uniform,
  weibull,
  weibullScale,
} from "../../src/sim/distributions.js";

describe("invalid distribution parameters", () => {
  it("are refused with one sentence naming the parameter, its bound and the value", () => {
    const cases: [() => unknown, string][] = [
      [() => exponential(0), "exponential mean must be a finite number > 0 (got 0)"],
      [() => deterministic(-1), "deterministic value must be a finite number >= 0 (got -1)"],
      [() => uniform(-1, 1), "uniform min must be a finite number >= 0 (got -1)"],
      [() => uniform(2, 1), "uniform max must be a finite number >= 2 (got 1)"],
      [() => triangular(-1, 0, 1), "triangular min must be a finite number >= 0 (got -1)"],
      [() => triangular(1, 0, 2), "triangular mode must be a finite number >= 1 (got 0)"],
      [() => triangular(0, 2, 1), "triangular max must be a finite number >= 2 (got 1)"],
      [() => lognormal(0, 1), "lognormal mean must be a finite number > 0 (got 0)"],
      [() => lognormal(1, -0.1), "lognormal cv must be a finite number >= 0 (got -0.1)"],
      [() => lognormalLog(NaN, 1), "lognormal mu must be a finite number >= -Infinity (got NaN)"],
      [() => lognormalLog(1, -1), "lognormal sigma must be a finite number >= 0 (got -1)"],
      [() => gammaShapeScale(0, 1), "gamma shape must be a finite number > 0 (got 0)"],
      [() => gammaShapeScale(1, 0), "gamma scale must be a finite number > 0 (got 0)"],
      [() => weibullScale(0, 1), "weibull scale must be a finite number > 0 (got 0)"],
      [() => weibullScale(1, 0), "weibull shape must be a finite number > 0 (got 0)"],
      [() => gamma(0, 1), "gamma mean must be a finite number > 0 (got 0)"],
      [() => gamma(1, 0), "gamma cv must be a finite number > 0 (got 0)"],
      [() => weibull(0, 1), "weibull mean must be a finite number > 0 (got 0)"],
      [() => weibull(1, Infinity), "weibull shape must be a finite number > 0 (got Infinity)"],
      [() => erlang(0, 2), "erlang mean must be a finite number > 0 (got 0)"],
      [() => erlang(1, 1.5), "erlang k must be a whole number >= 1 (got 1.5)"],
      [() => erlang(1, 0), "erlang k must be a whole number >= 1 (got 0)"],
      [() => empirical([]), "an empirical distribution needs at least one value"],
      [() => empirical([1, -1]), "an empirical value must be a finite number >= 0 (got -1)"],
      [() => survival([0], [1]), "a survival curve needs at least two times and one survival value per time (got 1 and 1)"],
      [() => survival([0, 1, 2], [1, 0.5]), "a survival curve needs at least two times and one survival value per time (got 3 and 2)"],
      [() => survival([-1, 10], [1, 0.5]), "a survival time must be a finite number >= 0 (got -1)"],
      [() => survival([0, 10, 10], [1, 0.5, 0.4]), "survival times must increase (got 10 after 10)"],
      [() => survival([0, 10], [1, 1.5]), "survival values must lie in [0, 1] (got 1.5)"],
      [() => survival([0, 10], [1, -0.5]), "survival values must lie in [0, 1] (got -0.5)"],
      [() => survival([0, 10, 20], [1, 0.5, 0.6]), "survival values must never increase (got 0.6 after 0.5)"],
      [() => survival([0, 10], [0.9, 0.5]), "a survival curve must start at 1 (got 0.9)"],
      [() => survival([0, 10], [1, 1]), "a survival curve must fall below 1"],
    ];
    for (const [make, message] of cases) {
      expect(make, message).toThrow(RangeError);
      expect(make, message).toThrow(new RangeError(message));
    }
  });

  it("accept the bounds themselves where they are inclusive", () => {
    expect(deterministic(0).mean).toBe(0);
    expect(uniform(0, 0).mean).toBe(0);
    expect(triangular(0, 0, 0).mean).toBe(0);
    expect(lognormal(1, 0).variance).toBe(0);
    expect(lognormalLog(-5, 0).mean).toBeCloseTo(Math.exp(-5), 15);
    expect(erlang(2, 1).variance).toBe(4);
    expect(empirical([0]).mean).toBe(0);
    expect(survival([0, 10], [1, 0]).mean).toBe(5);
  });
});
