/**
 * The promise of `ccsim/testing`: every generated scenario loads without an error or a warning,
 * options switch feature families off, generation is reproducible, failures shrink to small
 * scenarios, and bad options are refused with a RangeError naming the option.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { formatDiagnostics, parseScenarioText } from "../../src/scenario/load.js";
import { distribution, type Scenario, type ScenarioInput } from "../../src/scenario/schema.js";
import { distributionArbitrary, scenarioArbitrary, yamlOf, type ScenarioArbitraryOptions } from "../../src/testing/arbitraries.js";

/** Loads a generated input as a file would be loaded, failing the test on any diagnostic. */
function loadClean(input: ScenarioInput, text = yamlOf(input)): Scenario {
  const r = parseScenarioText(text, "<gen>");
  const diagnostics = r.ok ? r.warnings : [...r.errors, ...r.warnings];
  if (diagnostics.length > 0 || !r.ok) throw new Error(`${formatDiagnostics(diagnostics)}\n--- generated scenario ---\n${text}`);
  return r.scenario;
}

/** Every distribution written as {dist: …} in a scenario or an input, with where it is. */
function distributionsOf(s: Scenario): { where: string; dist: string }[] {
  const out: { where: string; dist: string }[] = [];
  const visit = (v: unknown, where: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${where}[${i}]`));
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.dist === "string") out.push({ where, dist: o.dist });
      for (const [k, x] of Object.entries(o)) visit(x, `${where}.${k}`);
    }
  };
  visit(s, "");
  return out;
}

describe("scenarioArbitrary", () => {
  it("generates 2,000 scenarios that all load with no error and no warning", () => {
    let loaded = 0;
    fc.assert(
      fc.property(scenarioArbitrary(), (input) => {
        loadClean(input, stringify(input));
        loaded++;
      }),
      { numRuns: 2000, seed: 20261124 },
    );
    expect(loaded).toBe(2000);
  });

  it("stays clean at the extremes of its options (six types and groups over a week, 15-minute intervals)", () => {
    fc.assert(
      fc.property(scenarioArbitrary({ maxTypes: 6, maxGroups: 6, maxHours: 168, intervalMinutes: [15] }), (input) => void loadClean(input)),
      { numRuns: 150, seed: 5 },
    );
  });

  it("stays clean under any combination of options", () => {
    const flag = fc.option(fc.boolean(), { nil: undefined });
    const subset = <T>(items: readonly T[]) => fc.option(fc.subarray([...items], { minLength: 1 }), { nil: undefined });
    const optionsArbitrary = fc.record(
      {
        maxTypes: fc.integer({ min: 1, max: 6 }),
        maxGroups: fc.integer({ min: 1, max: 6 }),
        maxHours: fc.integer({ min: 1, max: 30 }),
        maxAgents: fc.integer({ min: 1, max: 30 }),
        maxPerHour: fc.integer({ min: 1, max: 200 }),
        channels: subset(["voice", "chat", "messaging", "email"] as const),
        staffing: subset(["constant", "perInterval", "shifts", "elastic"] as const),
        volumes: subset(["perHour", "daily", "times"] as const),
        distributions: subset(["exponential", "deterministic", "uniform", "triangular", "lognormal", "gamma", "weibull", "erlang", "empirical"] as const),
        intervalMinutes: subset([15, 30, 60] as const),
        abandonment: flag,
        costs: flag,
        features: flag,
        ivr: flag,
        callbacks: flag,
        overflow: flag,
        sites: flag,
        concurrency: flag,
        limits: flag,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(optionsArbitrary, fc.integer({ min: 0, max: 1_000_000 }), (options, seed) => {
        const clean = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ScenarioArbitraryOptions;
        for (const input of fc.sample(scenarioArbitrary(clean), { numRuns: 5, seed })) loadClean(input);
      }),
      { numRuns: 80, seed: 16 },
    );
  });

  it("keeps to the channels asked for, and gives infinite patience when abandonment is off", () => {
    const options: ScenarioArbitraryOptions = { channels: ["chat", "messaging"], abandonment: false };
    fc.assert(
      fc.property(scenarioArbitrary(options), (input) => {
        const s = loadClean(input);
        for (const t of Object.values(s.contactTypes)) {
          expect(["chat", "messaging"]).toContain(t.channel);
          expect(t.patience).toBe("infinite"); // chat and messaging would default to finite patience
          expect(t.retrial?.afterAbandon ?? 0).toBe(0);
        }
      }),
      { numRuns: 200, seed: 6 },
    );
  });

  it("gives plain scenarios with features and costs off", () => {
    fc.assert(
      fc.property(scenarioArbitrary({ channels: ["voice"], features: false, costs: false, abandonment: false, maxTypes: 2, maxGroups: 2, maxHours: 3 }), (input) => {
        const s = loadClean(input);
        expect(s.ivr).toBeUndefined();
        expect(s.trunks).toBeUndefined();
        expect(s.costs).toBeUndefined();
        expect(s.sites).toBeUndefined();
        expect(s.routing.overflow).toEqual([]);
        expect(s.warmup).toBe(0);
        expect(s.horizon.hours).toBeLessThanOrEqual(3);
        expect(Object.keys(s.contactTypes).length).toBeLessThanOrEqual(2);
        expect(Object.keys(s.agentGroups).length).toBeLessThanOrEqual(2);
        for (const t of Object.values(s.contactTypes)) {
          expect(t.channel).toBe("voice");
          for (const key of ["ivr", "callback", "retrial", "resolution", "segments", "openHours", "utcOffsetHours", "serviceLevel"] as const) expect(t[key], key).toBeUndefined();
          expect(t.deflection).toBe(0);
          expect(t.patience ?? "infinite").toBe("infinite");
          expect(t.wrapUp).toEqual({ dist: "deterministic", mean: 0 });
        }
        for (const g of Object.values(s.agentGroups)) {
          expect(g.hourlyWage).toBeUndefined();
          expect(g.fcr).toBeUndefined();
          expect(g.concurrency.max).toBe(1);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("draws only the staffing modes, volume sources, distribution families and intervals asked for", () => {
    const options: ScenarioArbitraryOptions = { staffing: ["shifts"], volumes: ["daily"], distributions: ["exponential"], intervalMinutes: [15] };
    fc.assert(
      fc.property(scenarioArbitrary(options), (input) => {
        const s = loadClean(input);
        expect(s.intervalMinutes).toBe(15);
        for (const g of Object.values(s.agentGroups)) expect(Object.keys(g.staffing).filter((k) => g.staffing[k as keyof typeof g.staffing] !== undefined)).toEqual(["shifts"]);
        for (const t of Object.values(s.contactTypes)) {
          expect(t.volume.daily).toBeDefined();
          expect(t.volume.perHour).toBeUndefined();
          expect(t.volume.times).toBeUndefined();
        }
        // In the input: the schema's own defaults (wrap-up 0, IVR menu 30 s, …) are deterministic.
        for (const d of distributionsOf(input as unknown as Scenario)) expect(d.dist, d.where).toBe("exponential");
      }),
      { numRuns: 200, seed: 8 },
    );
  });

  it("covers every channel, staffing mode, site type and callback mode within a few hundred cases", () => {
    const seen = new Set<string>();
    for (const input of fc.sample(scenarioArbitrary(), { numRuns: 400, seed: 9 })) {
      const s = loadClean(input);
      for (const t of Object.values(s.contactTypes)) {
        seen.add(`channel:${t.channel}`);
        if (t.callback) seen.add(`callback:${t.callback.mode}`);
        if (t.ivr) seen.add("ivr");
        if (t.segments && Object.keys(t.segments).length > 1) seen.add("segments");
        if (t.openHours) seen.add("openHours");
        if (t.volume.times) seen.add("times");
        if (t.volume.intraday) seen.add("intraday");
      }
      for (const g of Object.values(s.agentGroups)) {
        for (const mode of ["constant", "perInterval", "shifts", "elastic"] as const) if (g.staffing[mode] !== undefined) seen.add(`staffing:${mode}`);
        if (g.staffing.shifts?.some((sh) => sh.breaks.length > 0)) seen.add("breaks");
        if (g.concurrency.max > 1) seen.add("concurrency");
        if (g.hourlyWage !== undefined) seen.add("wage");
      }
      for (const site of Object.values(s.sites ?? {})) seen.add(`site:${site.type}`);
      if (s.routing.overflow.length > 0) seen.add("overflow");
      if (s.costs?.poorService) seen.add("poorService");
    }
    const expected = [
      "channel:voice", "channel:chat", "channel:messaging", "channel:email", "callback:keep-place", "callback:scheduled", "ivr", "segments", "openHours", "times", "intraday",
      "staffing:constant", "staffing:perInterval", "staffing:shifts", "staffing:elastic", "breaks", "concurrency", "wage", "site:inhouse", "site:vendor", "overflow", "poorService",
    ];
    expect(expected.filter((e) => !seen.has(e))).toEqual([]);
  });

  it("writes with yamlOf the same scenario as yaml's plain stringify, with lists on one line", () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (input) => {
        const compact = yamlOf(input);
        expect(loadClean(input, compact)).toEqual(loadClean(input, stringify(input)));
        expect(compact).not.toMatch(/^\s*- [\d.e+-]+$/m); // no block list of numbers
      }),
      { numRuns: 200, seed: 15 },
    );
  });

  it("is reproducible: the same seed gives the same scenarios", () => {
    const a = fc.sample(scenarioArbitrary(), { numRuns: 50, seed: 42 });
    const b = fc.sample(scenarioArbitrary(), { numRuns: 50, seed: 42 });
    expect(a).toEqual(b);
    expect(fc.sample(scenarioArbitrary(), { numRuns: 50, seed: 43 })).not.toEqual(a);
  });

  it("shrinks a failing property to a small scenario (one group, bare contact types, no optional sections)", () => {
    // A deliberately false property: "no scenario has a chat contact type".
    const details = fc.check(
      fc.property(scenarioArbitrary(), (input) => Object.values(input.contactTypes).every((t) => t.channel !== "chat")),
      { numRuns: 500, seed: 10 },
    );
    expect(details.failed).toBe(true);
    const [smallest] = details.counterexample!;
    // fast-check shrinks lists by dropping their first items, so a voice type may stay behind the chat type.
    expect(Object.keys(smallest.contactTypes).length).toBeLessThanOrEqual(2);
    expect(Object.keys(smallest.agentGroups)).toHaveLength(1);
    for (const type of Object.values(smallest.contactTypes)) expect(Object.keys(type).filter((k) => k !== "channel").sort()).toEqual(["handleTime", "volume"]);
    expect(Object.values(smallest.contactTypes)[0].channel).toBe("chat");
    for (const key of ["ivr", "trunks", "sites", "costs", "routing", "limits", "warmup"]) expect(smallest, key).not.toHaveProperty(key);
  });

  it("refuses bad options with a RangeError naming the option", () => {
    const bad: [ScenarioArbitraryOptions, RegExp][] = [
      [{ maxTypes: 0 }, /maxTypes/],
      [{ maxTypes: 7 }, /maxTypes/],
      [{ maxGroups: 1.5 }, /maxGroups/],
      [{ maxHours: 0 }, /maxHours/],
      [{ maxAgents: -1 }, /maxAgents/],
      [{ maxPerHour: 0 }, /maxPerHour/],
      [{ channels: [] }, /channels/],
      [{ channels: ["fax" as never] }, /channels.*fax/],
      [{ staffing: ["rota" as never] }, /staffing/],
      [{ volumes: [] }, /volumes/],
      [{ distributions: ["normal" as never] }, /distributions.*normal/],
      [{ intervalMinutes: [20 as never] }, /intervalMinutes/],
      [{ abandonment: "no" as never }, /abandonment/],
      [{ feature: false } as never, /unknown option "feature"/],
    ];
    for (const [options, message] of bad) expect(() => scenarioArbitrary(options), JSON.stringify(options)).toThrow(message);
    for (const [options, message] of bad) expect(() => scenarioArbitrary(options)).toThrow(RangeError);
    expect(() => scenarioArbitrary(null as never)).toThrow(RangeError);
    expect(() => yamlOf(null as never)).toThrow(RangeError);
  });
});

describe("distributionArbitrary", () => {
  it("gives distributions the schema accepts, with their values between lo and hi", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1_000_000 }), (lo, width, seed) => {
        const hi = lo + width;
        for (const d of fc.sample(distributionArbitrary(lo, hi), { numRuns: 20, seed })) {
          const parsed = distribution.safeParse(d);
          expect(parsed.success, JSON.stringify(d)).toBe(true);
          if (!parsed.success) continue;
          const p = parsed.data;
          const values = p.dist === "empirical" ? p.values! : p.dist === "survival" ? p.times : p.dist === "uniform" ? [p.min, p.max] : p.dist === "triangular" ? [p.min, p.mode, p.max] : [p.mean];
          const floor = p.dist === "empirical" || p.dist === "survival" || p.dist === "uniform" || p.dist === "triangular" || p.dist === "deterministic" || lo > 0 ? lo : hi / 100;
          for (const v of values) {
            expect(v).toBeGreaterThanOrEqual(floor);
            expect(v).toBeLessThanOrEqual(hi);
          }
        }
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  it("writes only the families asked for, and bare means only when shorthand is on", () => {
    for (const d of fc.sample(distributionArbitrary(10, 100, { families: ["gamma", "erlang"] }), { numRuns: 200, seed: 12 })) {
      expect(typeof d).toBe("object");
      expect(["gamma", "erlang"]).toContain((d as { dist: string }).dist);
    }
    const forms = new Set(fc.sample(distributionArbitrary(10, 100, { families: ["exponential"] }), { numRuns: 300, seed: 13 }).map((d) => typeof d));
    expect([...forms].sort()).toEqual(["number", "object", "string"]);
    for (const d of fc.sample(distributionArbitrary(10, 100, { families: ["exponential"], shorthand: false }), { numRuns: 100, seed: 14 })) expect(typeof d).toBe("object");
  });

  it("refuses bounds that are not finite, negative or reversed", () => {
    for (const [lo, hi] of [[-1, 10], [5, 4], [0, 0], [Number.NaN, 3], [0, Infinity]]) {
      expect(() => distributionArbitrary(lo, hi), `${lo}, ${hi}`).toThrow(RangeError);
    }
    expect(() => distributionArbitrary(1, 2, { families: [] })).toThrow(/families/);
  });
});
