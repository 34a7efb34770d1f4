/**
 * The cost model: pure functions from a scenario's cost parameters and the simulated results to
 * money, per replication, then distributions across replications.
 *
 * In-house sites pay scheduled hours whether agents are busy or idle, plus premiums (night,
 * weekend, overtime), supervision by span of control, seats sized to the peak scheduled at once,
 * technology, hiring to replace attrition, and amortised investments. Vendors bill by their
 * pricing unit with a monthly minimum, SLA penalties or bonuses, and an amortised transition.
 * Telephony is per minute. The optional cost of poor service charges each customer lost
 * (abandoned or blocked without trying again) or left unresolved with a churn probability ×
 * lifetime value. Costs count from the end of the warm-up; months are 30.4375 days.
 */
import type { ExperimentResult } from "../experiment/replicate.js";
import { summarize, type Summary } from "../experiment/summary.js";
import type { ReplicationResult } from "../experiment/kpis.js";
import { sitesOf, type CostsSpec, type InhouseSiteSpec, type Scenario, type VendorSiteSpec } from "../scenario/schema.js";
import { exactSum } from "./money.js";

export const MONTH_SECONDS = 30.4375 * 86400;
/** Scheduled hours that make one full-time equivalent (for hiring). */
export const FTE_HOURS_PER_WEEK = 40;

/** The by-site entry for scenario-wide costs (telephony, investments, churn); no site name can look like it. */
export const SHARED = "(shared)";

/** Cost categories, in report order. */
export const COST_CATEGORIES = [
  "labour",
  "premiums",
  "supervision",
  "facilities",
  "technology",
  "hiring",
  "telephony",
  "investments",
  "vendorFees",
  "vendorSla",
  "transition",
  "churn",
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export const COST_LABELS: Record<CostCategory | "total" | "operating", string> = {
  labour: "Agent labour",
  premiums: "Night, weekend and overtime premiums",
  supervision: "Supervision and management",
  facilities: "Facilities (seats)",
  technology: "Technology and IT",
  hiring: "Recruiting and training",
  telephony: "Telephony",
  investments: "Automation investments (amortised)",
  vendorFees: "Vendor fees",
  vendorSla: "Vendor SLA penalties (− bonuses)",
  transition: "Vendor transition (amortised)",
  churn: "Cost of poor service (churn)",
  total: "Total cost",
  operating: "Operating cost (excl. churn)",
};

export type CostRecord = Record<CostCategory, number> & {
  total: number;
  operating: number;
  perOffered: number | null;
  perHandled: number | null;
  /** Per contact resolved by an agent or contained by the IVR. */
  perResolved: number | null;
  /** Per scheduled agent hour (in-house and vendor). */
  perAgentHour: number | null;
};

export interface ReplicationCost {
  replication: number;
  cost: CostRecord;
  /** The same categories per site, plus the scenario-wide ones (telephony, investments, churn) under SHARED. */
  bySite: Record<string, Record<CostCategory, number>>;
}

export interface CostReport {
  currency: string;
  /** Months of the counted period (horizon minus warm-up). */
  months: number;
  runs: ReplicationCost[];
  summary: Record<keyof CostRecord, Summary>;
  bySite: Record<string, Record<CostCategory, Summary>>;
}

const zeroCategories = (): Record<CostCategory, number> => Object.fromEntries(COST_CATEGORIES.map((c) => [c, 0])) as Record<CostCategory, number>;

/** True when the scenario says anything about money (otherwise cost reports are omitted). */
export function hasCosts(s: Scenario): boolean {
  return (
    s.costs !== undefined ||
    Object.values(s.agentGroups).some((g) => g.hourlyWage !== undefined) ||
    Object.values(s.sites ?? {}).some((site) => site.type === "vendor")
  );
}

const DEFAULT_COSTS: CostsSpec = {
  currency: "USD",
  telephony: { perLineMinute: 0, perIvrMinute: 0, perOutboundMinute: 0 },
  investments: [],
};

/** The cost of every replication of a result, and their distributions. */
export function costReport(s: Scenario, result: ExperimentResult): CostReport {
  const costs = s.costs ?? DEFAULT_COSTS;
  const months = (result.info.horizonSeconds - result.info.warmupSeconds) / MONTH_SECONDS;
  const runs = result.runs.map((r) => replicationCost(s, result, r));
  const fields = Object.keys(runs[0]?.cost ?? { ...zeroCategories(), total: 0, operating: 0, perOffered: 0, perHandled: 0, perResolved: 0, perAgentHour: 0 }) as (keyof CostRecord)[];
  const summary = Object.fromEntries(fields.map((f) => [f, summarize(runs.map((r) => r.cost[f]))])) as Record<keyof CostRecord, Summary>;
  const sites = Object.keys(runs[0]?.bySite ?? {});
  const bySite = Object.fromEntries(
    sites.map((site) => [site, Object.fromEntries(COST_CATEGORIES.map((c) => [c, summarize(runs.map((r) => r.bySite[site][c]))]))]),
  ) as CostReport["bySite"];
  return { currency: costs.currency, months, runs, summary, bySite };
}

/** The cost of one replication. */
export function replicationCost(s: Scenario, result: ExperimentResult, r: ReplicationResult): ReplicationCost {
  const info = result.info;
  const costs = s.costs ?? DEFAULT_COSTS;
  const months = (info.horizonSeconds - info.warmupSeconds) / MONTH_SECONDS;
  const weeks = (info.horizonSeconds - info.warmupSeconds) / (7 * 86400);
  const sites = sitesOf(s);
  const groups = info.layout.groups;
  const bySite: Record<string, Record<CostCategory, number>> = {};
  for (const name of Object.keys(sites)) bySite[name] = zeroCategories();
  bySite[SHARED] = zeroCategories();
  const d = r.drivers;
  const hours = (xs: readonly number[]) => exactSum(xs) / 3600;

  for (const [name, site] of Object.entries(sites)) {
    const out = bySite[name];
    const members = groups.map((g, gi) => ({ g, gi })).filter(({ g }) => s.agentGroups[g].site === name);
    if (members.length === 0) continue;
    const scheduledHours = exactSum(members.map(({ g }) => hours(info.schedule[g].scheduledSeconds)));
    if (site.type === "inhouse") inhouseCost(site, members, s, info, d, months, weeks, scheduledHours, info.sitePeakScheduled[name] ?? 0, out);
    else vendorCost(site, name, members, info, d, months, out);
  }

  const shared = bySite[SHARED];
  const t = costs.telephony;
  shared.telephony = exactSum([
    (exactSum(d.lineSeconds) / 60) * t.perLineMinute,
    (exactSum(d.ivrSeconds) / 60) * t.perIvrMinute,
    (exactSum(d.outboundSeconds) / 60) * t.perOutboundMinute,
  ]);
  shared.investments = exactSum(costs.investments.map((inv) => (inv.amount / inv.amortisationMonths) * months));
  if (costs.poorService) {
    const ps = costs.poorService;
    const terms: number[] = [];
    const own = (key: string) => (Object.hasOwn(ps.lifetimeValue, key) ? ps.lifetimeValue[key] : undefined);
    const fallback = own("default") ?? 0;
    info.layout.types.forEach((type, ti) => {
      const segments = s.contactTypes[type].segments;
      // A type without segments has one implicit segment, valued at the default: it has no name,
      // so no key (not even "all", which the loader reserves and warns about) can apply to it.
      const values = segments ? Object.keys(segments).map((name) => own(name) ?? fallback) : [fallback];
      d.segments[ti].forEach((seg, si) => {
        const value = values[si];
        terms.push(
          seg.lostAbandoned * ps.churnProbability.abandoned * value,
          seg.lostBlocked * ps.churnProbability.blocked * value,
          seg.unresolved * ps.churnProbability.unresolved * value,
        );
      });
    });
    shared.churn = exactSum(terms);
  }

  const cost = zeroCategories() as CostRecord;
  for (const c of COST_CATEGORIES) cost[c] = exactSum(Object.values(bySite).map((site) => site[c]));
  cost.total = exactSum(COST_CATEGORIES.map((c) => cost[c]));
  cost.operating = exactSum(COST_CATEGORIES.filter((c) => c !== "churn").map((c) => cost[c]));
  const all = r.totals.types.all;
  const offered = all.offered ?? 0;
  const handled = all.handled ?? 0;
  const resolved = handled * (all.fcrRate ?? 0) + (all.contained ?? 0);
  const agentHours = exactSum(groups.map((g) => hours(info.schedule[g].scheduledSeconds)));
  cost.perOffered = offered > 0 ? cost.total / offered : null;
  cost.perHandled = handled > 0 ? cost.total / handled : null;
  cost.perResolved = resolved > 0 ? cost.total / resolved : null;
  cost.perAgentHour = agentHours > 0 ? cost.total / agentHours : null;
  return { replication: r.replication, cost, bySite };
}

type Members = { g: string; gi: number }[];
type Drivers = ReplicationResult["drivers"];
type Info = ExperimentResult["info"];

function inhouseCost(
  site: InhouseSiteSpec,
  members: Members,
  s: Scenario,
  info: Info,
  d: Drivers,
  months: number,
  weeks: number,
  scheduledHours: number,
  seats: number,
  out: Record<CostCategory, number>,
): void {
  const labour: number[] = [];
  const premiums: number[] = [];
  for (const { g, gi } of members) {
    const wage = s.agentGroups[g].hourlyWage ?? 0;
    const sched = info.schedule[g];
    const overtimeHours = exactSum(d.overtimeSeconds[gi]) / 3600;
    labour.push((exactSum(sched.scheduledSeconds) / 3600) * wage, overtimeHours * wage);
    premiums.push(
      (exactSum(sched.nightSeconds) / 3600) * wage * site.premiums.night,
      (exactSum(sched.weekendSeconds) / 3600) * wage * site.premiums.weekend,
      overtimeHours * wage * site.premiums.overtime,
    );
  }
  out.labour = exactSum(labour);
  out.premiums = exactSum(premiums);
  const sup = site.supervision;
  const supervisorHours = scheduledHours / sup.agentsPerSupervisor;
  const managers = seats / (sup.agentsPerSupervisor * sup.supervisorsPerManager);
  out.supervision = exactSum([supervisorHours * sup.supervisorHourlyWage, managers * sup.managerMonthlySalary * months]);
  out.facilities = seats * site.facilities.perSeatMonthly * months;
  out.technology = exactSum([seats * site.technology.perSeatMonthly * months, site.technology.fixedMonthly * months]);
  const fte = weeks > 0 ? scheduledHours / (FTE_HOURS_PER_WEEK * weeks) : 0;
  out.hiring = fte * site.hiring.attritionPerYear * site.hiring.costPerHire * (months / 12);
}

function vendorCost(site: VendorSiteSpec, name: string, members: Members, info: Info, d: Drivers, months: number, out: Record<CostCategory, number>): void {
  const p = site.pricing;
  const sum = (rows: readonly number[][]) => exactSum(members.map(({ gi }) => exactSum(rows[gi])));
  let fees: number;
  switch (p.per) {
    case "handledMinute":
      fees = (sum(d.talkSeconds) / 60) * p.rate;
      break;
    case "handledContact":
      fees = sum(d.handled) * p.rate;
      break;
    case "productiveHour":
      fees = (sum(d.staffedSeconds) / 3600) * p.rate;
      break;
    case "fte":
      fees = (exactSum(members.map(({ g }) => exactSum(info.schedule[g].scheduledSeconds))) / 3600 / p.fteHoursPerMonth) * p.rate;
      break;
  }
  out.vendorFees = Math.max(fees, site.minimumMonthly * months);
  if (site.transition) out.transition = (site.transition.amount / site.transition.amortisationMonths) * months;
  if (site.sla) out.vendorSla = slaCharge(site.sla, name, members, info, d, months);
}

/** SLA penalties (positive) or bonuses (negative), per measured interval or per month. */
function slaCharge(sla: NonNullable<VendorSiteSpec["sla"]>, site: string, members: Members, info: Info, d: Drivers, months: number): number {
  const soleTypes = info.layout.types.map((t, ti) => (info.typeSoleSite[t] === site ? ti : -1)).filter((ti) => ti >= 0);
  const R = info.reportIntervals;
  const first = Math.floor(info.warmupSeconds / info.reportIntervalSeconds);
  const within = new Array<number>(R).fill(0);
  const denominator = new Array<number>(R).fill(0);
  for (let i = first; i < R; i++) {
    for (const { gi } of members) {
      within[i] += d.answeredWithinSla[gi][i];
      denominator[i] += d.answered[gi][i];
    }
    for (const ti of soleTypes) denominator[i] += d.abandoned[ti][i];
  }
  const charge = (level: number) => {
    const points = (level - sla.target) * 100;
    return points < 0 ? -points * sla.penaltyPerPoint : -points * sla.bonusPerPoint;
  };
  if (sla.per === "interval") {
    const terms: number[] = [];
    for (let i = first; i < R; i++) if (denominator[i] > 0) terms.push(charge(within[i] / denominator[i]));
    return exactSum(terms);
  }
  const total = exactSum(denominator);
  return total > 0 ? charge(exactSum(within) / total) * months : 0;
}
