/**
 * fast-check generators of valid scenarios, for researchers' own property tests.
 *
 *   import fc from "fast-check";
 *   import { scenarioArbitrary } from "ccsim/testing";
 *   fc.assert(fc.property(scenarioArbitrary(), (input) => { ... }));
 *
 * Generated inputs are `ScenarioInput` objects (what a YAML file holds): pass them through
 * `parseScenario` to get a validated `Scenario`. They are small (hours, not weeks) so that a
 * property can simulate a hundred of them in seconds.
 */
import fc from "fast-check";
import type { ScenarioInput } from "../scenario/schema.js";

export interface ScenarioArbitraryOptions {
  /** Most contact types (default 3). */
  maxTypes?: number;
  /** Most agent groups (default 3). */
  maxGroups?: number;
  /** Most simulated hours (default 6). */
  maxHours?: number;
  /** Generate abandonment (default true). */
  abandonment?: boolean;
  /** Generate IVR, trunks, callbacks, retrials, repeats, segments, overflow (default true). */
  features?: boolean;
}

const TYPE_NAMES = ["billing", "tech", "sales", "claims"];
const GROUP_NAMES = ["generalists", "specialists", "vendor", "night"];

/** A duration distribution with a mean of roughly `lo`..`hi` seconds. */
export function distributionArbitrary(lo: number, hi: number): fc.Arbitrary<Exclude<ScenarioInput["contactTypes"][string]["handleTime"], number>> {
  const mean = fc.double({ min: lo, max: hi, noNaN: true });
  const cv = fc.double({ min: 0.1, max: 1.5, noNaN: true });
  return fc.oneof(
    mean.map((m) => ({ dist: "exponential" as const, mean: m })),
    mean.map((m) => ({ dist: "deterministic" as const, mean: m })),
    fc.tuple(mean, cv).map(([m, c]) => ({ dist: "lognormal" as const, mean: m, cv: c })),
    fc.tuple(mean, cv).map(([m, c]) => ({ dist: "gamma" as const, mean: m, cv: c })),
    fc.tuple(mean, fc.double({ min: 0.5, max: 3, noNaN: true })).map(([m, k]) => ({ dist: "weibull" as const, mean: m, shape: k })),
    fc.tuple(mean, fc.integer({ min: 1, max: 5 })).map(([m, k]) => ({ dist: "erlang" as const, mean: m, k })),
    fc.tuple(fc.double({ min: 0, max: lo, noNaN: true }), fc.double({ min: lo, max: hi, noNaN: true })).map(([a, b]) => ({ dist: "uniform" as const, min: a, max: b })),
    fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: 1, maxLength: 8 }).map((values) => ({ dist: "empirical" as const, values })),
  );
}

/** Valid scenario inputs. */
export function scenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<ScenarioInput> {
  const { maxTypes = 3, maxGroups = 3, maxHours = 6, abandonment = true, features = true } = options;
  return fc
    .record({
      nTypes: fc.integer({ min: 1, max: Math.min(maxTypes, TYPE_NAMES.length) }),
      nGroups: fc.integer({ min: 1, max: Math.min(maxGroups, GROUP_NAMES.length) }),
      hours: fc.integer({ min: 1, max: maxHours }),
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
      intervalMinutes: fc.constantFrom(15 as const, 30 as const, 60 as const),
    })
    .chain(({ nTypes, nGroups, hours, seed, intervalMinutes }) => {
      const types = TYPE_NAMES.slice(0, nTypes);
      const groups = GROUP_NAMES.slice(0, nGroups);
      const perDay = (24 * 60) / intervalMinutes;
      const maybe = <T>(arb: fc.Arbitrary<T>) => (features ? fc.option(arb, { nil: undefined }) : fc.constant(undefined));
      const contactType = fc.record({
        volume: fc.oneof(
          fc.record({ perHour: fc.double({ min: 0, max: 200, noNaN: true }) }),
          fc.record({
            daily: fc.double({ min: 0, max: 3000, noNaN: true }),
            intraday: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: perDay, maxLength: perDay }),
          }),
        ),
        handleTime: distributionArbitrary(30, 600),
        wrapUp: fc.option(distributionArbitrary(0, 60), { nil: undefined }),
        patience: abandonment ? fc.option(distributionArbitrary(10, 600), { nil: undefined }) : fc.constant(undefined),
        ivr: maybe(fc.record({ containment: fc.double({ min: 0, max: 1, noNaN: true }) })),
        segments: maybe(
          fc.double({ min: 0, max: 1, noNaN: true }).map((share) => ({ vip: { share, priority: 1 }, standard: { share: 1 - share, priority: 0 } })),
        ),
        retrial: maybe(
          fc.record({
            afterBlocked: fc.double({ min: 0, max: 1, noNaN: true }),
            afterAbandon: fc.double({ min: 0, max: 1, noNaN: true }),
            delay: distributionArbitrary(10, 600),
            maxAttempts: fc.integer({ min: 0, max: 4 }),
          }),
        ),
        callback: maybe(
          fc.record({
            offerWhenWaitAbove: fc.integer({ min: 0, max: 300 }),
            acceptProbability: fc.double({ min: 0, max: 1, noNaN: true }),
            answerProbability: fc.double({ min: 0, max: 1, noNaN: true }),
            maxAttempts: fc.integer({ min: 1, max: 3 }),
            mode: fc.constantFrom("keep-place" as const, "scheduled" as const),
          }),
        ),
        resolution: maybe(fc.record({ fcr: fc.double({ min: 0, max: 1, noNaN: true }), repeatDelay: distributionArbitrary(60, 3600) })),
      });
      const staffing = fc.oneof(
        fc.record({ constant: fc.integer({ min: 0, max: 30 }) }),
        fc.record({ perInterval: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: perDay, maxLength: perDay }) }),
        fc.record({
          shifts: fc.array(
            fc.record({
              start: fc.integer({ min: 0, max: 23 }).map((h) => `${String(h).padStart(2, "0")}:00`),
              length: fc.integer({ min: 1, max: 10 }).map((h) => `${h}h`),
              days: fc.constant("all" as const),
              count: fc.integer({ min: 0, max: 30 }),
            }),
            { minLength: 1, maxLength: 3 },
          ),
        }),
      );
      const group = fc.record({
        skills: fc.subarray(types, { minLength: 1 }).chain((skills) =>
          fc.tuple(...skills.map(() => fc.integer({ min: 1, max: 3 }))).map((prios) => Object.fromEntries(skills.map((s, i) => [s, prios[i]]))),
        ),
        staffing,
        shrinkage: fc.constantFrom(0, 0.1, 0.3),
        handleTimeFactor: fc.double({ min: 0.5, max: 2, noNaN: true }),
      });
      return fc.record({
        seed: fc.constant(seed),
        replications: fc.constant(1),
        horizon: fc.constant({ hours }),
        intervalMinutes: fc.constant(intervalMinutes),
        trunks: maybe(fc.record({ lines: fc.integer({ min: 0, max: 60 }) })),
        ivr: maybe(fc.record({ ports: fc.integer({ min: 0, max: 40 }), menuTime: distributionArbitrary(5, 60) })),
        contactTypes: fc.tuple(...types.map(() => contactType)).map((ts) => Object.fromEntries(types.map((n, i) => [n, stripUndefined(ts[i])]))),
        agentGroups: fc.tuple(...groups.map(() => group)).map((gs) => Object.fromEntries(groups.map((n, i) => [n, gs[i]]))),
        routing: features
          ? fc.array(
              fc.record({ type: fc.constantFrom(...types), to: fc.constantFrom(...groups), afterWait: fc.integer({ min: 0, max: 120 }) }),
              { maxLength: 2 },
            ).map((overflow) => ({ overflow }))
          : fc.constant({ overflow: [] }),
      }).map((s) => stripUndefined(s) as ScenarioInput);
    });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
