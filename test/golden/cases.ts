/**
 * The seeded numeric goldens ("no-regression" snapshots): for every bundled scenario and for a
 * small scenario per feature, the KPI totals of fixed replications of a fixed seed, as numbers.
 * test/golden/kpis.test.ts compares them exactly with kpis.json; `npm run goldens:update`
 * regenerates kpis.json on purpose and prints what changed.
 *
 * Two replications (0 and 3), so that a change to how a replication's streams are derived from
 * the seed shows, and the totals only (no interval series): cheap, and every KPI is in them.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runReplication } from "../../src/experiment/replicate.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { compileModel } from "../../src/sim/model.js";
import { bundledScenario, scenarioOf } from "../helpers.js";

export const GOLDEN_SEED = 20261204;
export const GOLDEN_REPLICATIONS = [0, 3] as const;
export const GOLDEN_FILE = join(import.meta.dirname, "kpis.json");

/** A number as JSON keeps it: finite numbers as they are (exactly: JSON round-trips doubles), others by name. */
export type GoldenValue = number | "NaN" | "Infinity" | "-Infinity" | null;
export type GoldenNumbers = Record<string, GoldenValue>;

export interface GoldenCase {
  name: string;
  scenario: () => Scenario;
}

const scenariosDir = join(import.meta.dirname, "../../scenarios");


const fixed = (mean: number) => ({ dist: "deterministic", mean });
const base = (calls: Record<string, unknown>, extra: Record<string, unknown> = {}, team: Record<string, unknown> = {}) => ({
  horizon: { hours: 8 },
  contactTypes: { calls: { volume: { perHour: 100 }, handleTime: 300, patience: 200, ...calls } },
  agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 8 }, ...team } },
  ...extra,
});

/** One small scenario per engine feature, each switching on one thing over the same base. */
const FEATURES: Record<string, Record<string, unknown>> = {
  "feature: M/M/c/+M base": base({}),
  "feature: retrials": base({ retrial: { afterAbandon: 0.6, afterBlocked: 0.8, delay: 300, maxAttempts: 3 } }, { trunks: { lines: 10 } }),
  "feature: repeats (first-contact resolution)": base({ resolution: { fcr: 0.7, repeatDelay: "1h" } }),
  "feature: callbacks": base({ callback: { offerWhenWaitAbove: 30, acceptProbability: 0.5, answerProbability: 0.8, maxAttempts: 2, retryDelay: 600, dialTime: { dist: "uniform", min: 10, max: 30 } } }),
  "feature: IVR containment": base({ ivr: { containment: 0.3, failedSelfServiceExtra: 30 } }, { ivr: { ports: 20, menuTime: fixed(45) } }),
  "feature: web deflection": base({ deflection: 0.25 }),
  "feature: segments by priority": base({ segments: { vip: { share: 0.2, priority: 1 }, std: { share: 0.8, priority: 0 } } }),
  "feature: overflow": {
    ...base({}, {}, { staffing: { constant: 6 } }),
    agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 6 } }, backup: { skills: {}, staffing: { constant: 3 } } },
    routing: { overflow: [{ type: "calls", to: "backup", afterWait: 30 }] },
  },
  "feature: chat concurrency": base({ channel: "chat" }, {}, { concurrency: { max: 3, slowdown: 0.2 }, staffing: { constant: 4 } }),
  "feature: email backlog": {
    horizon: { hours: 8 },
    contactTypes: { calls: { volume: { perHour: 80 }, handleTime: 300, patience: 200 }, mail: { channel: "email", volume: { perHour: 30 }, handleTime: 480 } },
    agentGroups: { team: { skills: { calls: 1, mail: 1 }, staffing: { constant: 10 } } },
  },
  "feature: shifts and open hours": {
    horizon: { days: 2 },
    contactTypes: { calls: { openHours: { from: "08:00", to: "18:00" }, volume: { perHour: 60 }, handleTime: 300, patience: 200 } },
    agentGroups: { team: { skills: { calls: 1 }, staffing: { shifts: [{ start: "08:00", length: "6h", days: "all", count: 4 }, { start: "12:00", length: "6h", days: "all", count: 4 }] } } },
  },
  "feature: warm-up": base({}, { warmup: "1h" }),
  "feature: shrinkage": base({}, {}, { shrinkage: 0.25, staffing: { constant: 11 } }), // 8.25 productive agents: a fraction of an agent
  "feature: shifts with staggered breaks": {
    horizon: { hours: 10 },
    contactTypes: { calls: { volume: { perHour: 90 }, handleTime: 300, patience: 200 } },
    agentGroups: { team: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:00", length: "10h", days: "all", count: 10, breaks: [{ after: "4h", length: "30m", window: "2h" }] }] } } },
  },
  "feature: staffing per interval": base({}, { intervalMinutes: 60 }, { staffing: { perInterval: [6, 8, 10, 10, 9, 8, 7, 6] } }),
  "feature: handle time by interval": base({ handleTimeByInterval: Array.from({ length: 48 }, (_, i) => (i >= 4 && i < 10 ? 1.3 : 1)) }),
  "feature: lognormal by mu and sigma, survival-curve patience": base({ handleTime: { dist: "lognormal", mu: 5.5, sigma: 0.6 }, patience: { dist: "survival", times: [0, 60, 180, 600], survival: [1, 0.7, 0.3, 0.05] } }),
  "feature: wrap-up and lognormal handle time": base({ handleTime: { dist: "lognormal", mean: 280, cv: 0.6 }, wrapUp: { dist: "gamma", mean: 40, cv: 0.5 } }),
  "feature: scheduled callbacks": base({ callback: { mode: "scheduled", scheduledDelay: "20m", offerWhenWaitAbove: 20, acceptProbability: 0.7, answerProbability: 0.6, maxAttempts: 3, retryDelay: 300 } }, {}, { staffing: { constant: 7 } }),
  "feature: busy signals (trunks, no redial)": base({}, { trunks: { lines: 9 } }),
  "feature: IVR by interval, contained time, ports": base(
    { ivr: { containment: Array.from({ length: 48 }, (_, i) => (i % 3) / 4), containedTime: { dist: "uniform", min: 20, max: 90 }, menuTime: fixed(25) } },
    { ivr: { ports: 4 } },
  ),
  "feature: two types, skill tiers, group factors": {
    horizon: { hours: 8 },
    contactTypes: {
      calls: { volume: { perHour: 70 }, handleTime: 300, patience: 200, resolution: { fcr: 0.8, repeatDelay: "30m", repeatProbability: 0.5 } },
      sales: { volume: { perHour: 40 }, handleTime: { dist: "erlang", mean: 420, k: 3 }, patience: { dist: "weibull", mean: 150, shape: 1.5 }, serviceLevel: { thresholdSeconds: 30, target: 0.7 } },
    },
    agentGroups: {
      generalists: { skills: { calls: 1, sales: 2 }, staffing: { constant: 6 }, handleTimeFactor: 1.15, fcr: 0.9 },
      specialists: { skills: { sales: 1 }, staffing: { constant: 3 } },
    },
    routing: { overflow: [{ type: "calls", to: "specialists", afterWait: 45, priority: 2 }] },
  },
  "feature: email blending, open hours, reserve for live": {
    horizon: { days: 2 },
    contactTypes: {
      calls: { openHours: [{ from: "08:00", to: "12:00" }, { from: "13:00", to: "20:00" }], volume: { daily: 600, intraday: Array.from({ length: 48 }, (_, i) => (i >= 16 && i < 40 ? 1 + (i % 4) : 0.1)) }, handleTime: 300, patience: 200 },
      mail: { channel: "email", volume: { perHour: 12 }, handleTime: 600, serviceLevel: { thresholdSeconds: "8h" } },
    },
    agentGroups: { team: { skills: { calls: 1, mail: 2 }, reserveForLive: 2, staffing: { shifts: [{ start: "07:30", length: "8h", days: "all", count: 6 }, { start: "12:00", length: "8h30m", days: "all", count: 5 }] } } },
  },
  "feature: messaging concurrency with default patience": base({ channel: "messaging", handleTime: 900 }, {}, { concurrency: { max: 4, slowdown: 0.1 }, staffing: { constant: 5 } }),
  "feature: elastic staffing to Erlang A": base({ volume: { daily: 2400, intraday: Array.from({ length: 48 }, (_, i) => 1 + Math.sin(i / 8)) } }, { serviceLevel: { thresholdSeconds: 20 } }, { staffing: { elastic: { serviceLevel: 0.8, model: "erlangA" } } }),
  "feature: busyness, day-of-week and time zones": {
    horizon: { days: 3 },
    startDay: "fri",
    utcOffsetHours: 1,
    contactTypes: { calls: { utcOffsetHours: -2, volume: { daily: 1500, dayOfWeek: [1, 1, 1, 1, 1.2, 0.6, 0.4], overdispersion: 0.3 }, handleTime: 300, patience: 200 } },
    agentGroups: { team: { site: "east", skills: { calls: 1 }, staffing: { perInterval: Array.from({ length: 48 }, (_, i) => (i >= 12 && i < 44 ? 9 : 3)) } } },
    sites: { east: { type: "inhouse", utcOffsetHours: 3, hiring: { attritionPerYear: 0.6, rampWeeks: 10, rampHandleTimeFactor: 1.4 } } },
  },
  "feature: replayed arrival times and a cap": base({ volume: { times: Array.from({ length: 900 }, (_, i) => i * 30 + ((i * 7919) % 29)) } }, { horizon: { hours: 8, maxArrivals: 700 } }),
};

export function goldenCases(): GoldenCase[] {
  const files = readdirSync(scenariosDir).filter((f) => f.endsWith(".yaml")).sort();
  return [
    ...files.map((file) => ({ name: `scenario: ${file}`, scenario: () => bundledScenario(file) })),
    ...Object.entries(FEATURES).map(([name, input]) => ({ name, scenario: () => scenarioOf(input) })),
  ];
}

function goldenValue(x: number): GoldenValue {
  if (Number.isFinite(x)) return Object.is(x, -0) ? 0 : x;
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

/** Every number under `value`, by its path ("r0.totals.types.calls.asa"). */
function flatten(value: unknown, path: string, out: GoldenNumbers): void {
  if (typeof value === "number") out[path] = goldenValue(value);
  else if (value === null || value === undefined) out[path] = null;
  else if (Array.isArray(value) || ArrayBuffer.isView(value)) (value as ArrayLike<unknown> as unknown[]).forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  else if (typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
}

/** The golden numbers of one case: status, events and every KPI total of each golden replication. */
export function goldenNumbers(c: GoldenCase): GoldenNumbers {
  const model = compileModel(c.scenario());
  const out: GoldenNumbers = {};
  for (const index of GOLDEN_REPLICATIONS) {
    const r = runReplication(model, GOLDEN_SEED, index, "totals");
    out[`r${index}.complete`] = r.status === "complete" ? 1 : 0;
    flatten({ events: r.events, peakInSystem: r.peakInSystem, endTime: r.endTime, totals: r.totals }, `r${index}`, out);
  }
  return out;
}

/** The differences between golden and current numbers, one readable line each. */
export function goldenDiff(golden: GoldenNumbers | undefined, now: GoldenNumbers): string[] {
  if (!golden) return ["(no golden numbers recorded for this case)"];
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(golden), ...Object.keys(now)])) {
    const g = golden[key];
    const n = now[key];
    if (g === n) continue;
    if (!(key in golden)) lines.push(`  + ${key}: ${n} (new)`);
    else if (!(key in now)) lines.push(`  - ${key}: ${g} (gone)`);
    else {
      const rel = typeof g === "number" && typeof n === "number" && g !== 0 ? ` (${(((n - g) / Math.abs(g)) * 100).toPrecision(3)}%)` : "";
      lines.push(`  ~ ${key}: ${g} → ${n}${rel}`);
    }
  }
  return lines;
}
