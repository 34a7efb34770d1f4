/**
 * What the run model needs of a validated scenario beyond its fields: the days of the week, the
 * horizon in seconds, and the sites (with the default in-house site). Kept apart from the schema
 * so that compiling and simulating a scenario — in every worker thread — does not load zod, which
 * took 100 ms of each worker's start.
 */
import type { InhouseSiteSpec, Scenario, SiteSpec } from "./schema.js";

export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const DAY = 86400;

export function horizonSecondsOf(s: Pick<Scenario, "horizon">): number {
  const h = (s.horizon.days ?? 0) * DAY + (s.horizon.hours ?? 0) * 3600;
  return h > 0 ? h : DAY;
}

/** The scenario's sites; a scenario that declares none has one in-house site, "inhouse", with the schema's defaults. */
export function sitesOf(s: Pick<Scenario, "sites">): Record<string, SiteSpec> {
  return s.sites ?? { inhouse: defaultInhouseSite() };
}

/**
 * Seconds a site's clock is ahead of the center's (a site without its own offset keeps the
 * center's), in whole seconds. Real offsets are whole minutes, for which the product is already
 * whole. For an odd offset the schema also accepts (such as −6/7 hours) an unrounded shift made
 * the center time of a site midnight, shifted back, land a rounding error before that midnight,
 * and the model's staffing then read the piece after it as the day before.
 */
export function siteClockShift(s: Pick<Scenario, "utcOffsetHours">, site: SiteSpec | undefined): number {
  return Math.round(((site?.utcOffsetHours ?? s.utcOffsetHours) - s.utcOffsetHours) * 3600);
}

/** Seconds the clock of a group's site is ahead of the center's (see `siteClockShift`). */
export function groupClockShift(s: Pick<Scenario, "utcOffsetHours" | "sites" | "agentGroups">, group: string): number {
  return siteClockShift(s, sitesOf(s)[s.agentGroups[group].site]);
}

/** The schema's defaults for `{ type: inhouse }` (a test checks that they agree). */
export function defaultInhouseSite(): InhouseSiteSpec {
  return {
    type: "inhouse",
    premiums: { night: 0, nightFrom: 21 * 3600, nightTo: 7 * 3600, weekend: 0, overtime: 0.5 },
    supervision: { agentsPerSupervisor: 12, supervisorHourlyWage: 0, supervisorsPerManager: 8, managerMonthlySalary: 0 },
    facilities: { perSeatMonthly: 0 },
    technology: { perSeatMonthly: 0, fixedMonthly: 0 },
    hiring: { attritionPerYear: 0, costPerHire: 0, rampWeeks: 0, rampHandleTimeFactor: 1 },
  };
}
