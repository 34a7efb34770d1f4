/**
 * Cross-field rules that the shape alone cannot express: references between sections, lengths
 * that depend on the interval, shares that must sum to 1, settings that only make sense for
 * some channels. Runs after the schema has accepted the shape, so types can be trusted here.
 */
import { checkAssumptions } from "./assumptions.js";
import { DAYS, horizonSecondsOf } from "./basics.js";
import type { Scenario } from "./schema.js";
import { closestName } from "./suggest.js";

export type Path = readonly (string | number)[];

/** A problem found in a scenario, located by its path in the (merged) document. */
export interface ScenarioIssue {
  severity: "error" | "warning";
  code: string;
  path: Path;
  message: string;
  found?: string;
  expected?: string;
  hint?: string;
}

/** Names that would collide with the totals in reports. */
export const RESERVED_NAMES = new Set(["all"]);

/** Errors and warnings of a scenario whose shape is already valid. */
export function checkScenario(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  type More = Partial<Omit<ScenarioIssue, "severity" | "code" | "path" | "message">>;
  const error = (code: string, path: Path, message: string, more: More = {}) => issues.push({ severity: "error", code, path, message, ...more });
  const warn = (code: string, path: Path, message: string, more: More = {}) => issues.push({ severity: "warning", code, path, message, ...more });
  // A "did you mean" searches every name: for the first 200 wrong references only, so that a
  // file of thousands of them is checked in linear time (the errors are still each reported).
  let searches = 0;
  const suggest = (found: string, names: readonly string[]) => {
    if (++searches > 200) return {};
    const best = closestName(found, names);
    return best ? { hint: `did you mean "${best}"?` } : {};
  };

  const typeNames = Object.keys(s.contactTypes);
  const groupNames = Object.keys(s.agentGroups);
  const siteNames = s.sites ? Object.keys(s.sites) : ["inhouse"];
  const perDay = (24 * 60) / s.intervalMinutes;
  const horizon = horizonSecondsOf(s);
  const horizonIntervals = Math.ceil(horizon / (s.intervalMinutes * 60));
  // Indexes of the references, so that the rules below are linear in the number of names (a
  // scenario of 10,000 types and groups took 30 s when each type scanned every group).
  const servedByCount = new Map<string, number>();
  for (const g of Object.values(s.agentGroups)) for (const t of Object.keys(g.skills)) servedByCount.set(t, (servedByCount.get(t) ?? 0) + 1);
  const overflowTypes = new Set(s.routing.overflow.map((o) => o.type));
  const overflowTargets = new Set(s.routing.overflow.map((o) => o.to));
  const siteSet = new Set(siteNames);
  const typeList = oneOf(typeNames);
  const groupList = oneOf(groupNames);

  if (typeNames.length === 0) error("no-contact-types", ["contactTypes"], "the scenario has no contact types", { expected: "at least one contact type" });
  if (groupNames.length === 0) error("no-agent-groups", ["agentGroups"], "the scenario has no agent groups", { expected: "at least one agent group" });
  for (const [section, names] of [["contactTypes", typeNames], ["agentGroups", groupNames], ["sites", s.sites ? siteNames : []]] as const) {
    for (const n of names) if (RESERVED_NAMES.has(n)) error("reserved-name", [section, n], `"${n}" is reserved for totals in reports`, { expected: "another name" });
  }
  if (s.reportIntervalMinutes !== undefined && s.reportIntervalMinutes % s.intervalMinutes !== 0) {
    error("report-interval", ["reportIntervalMinutes"], "the report interval must be a whole number of planning intervals", {
      found: String(s.reportIntervalMinutes),
      expected: `a multiple of intervalMinutes (${s.intervalMinutes})`,
    });
  }
  if (s.warmup >= horizon) {
    error("warmup-too-long", ["warmup"], "the warm-up covers the whole horizon, so nothing would be counted", {
      found: `${s.warmup} s`,
      expected: `less than the horizon (${horizon} s)`,
    });
  }

  for (const [name, t] of Object.entries(s.contactTypes)) {
    const path = ["contactTypes", name] as const;
    const v = t.volume;
    const sources = (["daily", "perHour", "replay", "times"] as const).filter((k) => v[k] !== undefined);
    const replayed = v.replay !== undefined && v.times !== undefined;
    if (!(sources.length === 1 || (replayed && sources.length === 2))) {
      error("volume-source", [...path, "volume"], "give exactly one source of arrivals", {
        found: sources.length ? sources.join(" and ") : "none",
        expected: "one of daily, perHour, replay, times",
      });
    }
    if (v.intraday && v.intraday.length !== perDay) {
      error("profile-length", [...path, "volume", "intraday"], "the intraday profile needs one weight per interval of the day", {
        found: `${v.intraday.length} values`,
        expected: `${perDay} values (one per ${s.intervalMinutes}-minute interval)`,
      });
    }
    if (t.handleTimeByInterval && t.handleTimeByInterval.length !== perDay) {
      error("profile-length", [...path, "handleTimeByInterval"], "the handle-time profile needs one factor per interval of the day", {
        found: `${t.handleTimeByInterval.length} values`,
        expected: `${perDay} values (one per ${s.intervalMinutes}-minute interval)`,
      });
    }
    const containment = t.ivr?.containment;
    if (Array.isArray(containment) && containment.length !== perDay) {
      error("profile-length", [...path, "ivr", "containment"], "a containment profile needs one share per interval of the day", {
        found: `${containment.length} values`,
        expected: `${perDay} values (one per ${s.intervalMinutes}-minute interval), or one number for the whole day`,
      });
    }
    if (v.intraday && v.perHour !== undefined) {
      error("profile-with-per-hour", [...path, "volume", "intraday"], "perHour is a flat rate; an intraday profile needs daily", { expected: "daily with intraday, or perHour alone" });
    }
    if (v.intraday && v.intraday.every((w) => w === 0) && (v.daily ?? 0) > 0) {
      warn("profile-zero", [...path, "volume", "intraday"], "every intraday weight is 0: no contacts of this type will arrive");
    }
    // Weights are normalised by their sum: a sum that overflows to Infinity turns every share into 0.
    if (v.intraday && !Number.isFinite(v.intraday.reduce((a, b) => a + b, 0))) {
      error("profile-overflow", [...path, "volume", "intraday"], "the intraday weights are so large that their sum overflows, which would make every share 0", {
        found: `a largest weight of ${Math.max(...v.intraday.slice(0, 10_000))}`,
        expected: "relative weights of ordinary size (they are normalised to sum 1): e.g. contacts per interval",
      });
    }
    if (v.dayOfWeek && v.dayOfWeek.every((w) => w === 0) && (v.daily ?? 0) > 0) {
      warn("day-of-week-zero", [...path, "volume", "dayOfWeek"], "every day-of-week factor is 0: no contacts of this type will arrive", { hint: "factors multiply the daily volume: 1 is an ordinary day" });
    }
    const latest = v.times ? v.times.reduce((a, b) => (b > a ? b : a), 0) : 0;
    if (latest >= horizon && v.times) {
      // Located at the first such time: in a replay CSV that is its file and line.
      const first = v.times.findIndex((x) => x >= horizon);
      const beyond = v.times.length - v.times.filter((x) => x < horizon).length;
      warn("replay-beyond-horizon", [...path, "volume", "times", first], `${beyond} replayed arrival time${beyond === 1 ? " is" : "s are"} after the end of the horizon and ignored (the first of them here)`, {
        found: `${v.times[first]} s (latest ${latest} s)`,
        expected: `times before ${horizon} s`,
      });
    }
    if (t.segments) {
      const total = Object.values(t.segments).reduce((a, seg) => a + seg.share, 0);
      if (Math.abs(total - 1) > 1e-9) error("segment-shares", [...path, "segments"], "segment shares must add up to 1", { found: `a total of ${round(total)}`, expected: "1" });
      for (const seg of Object.keys(t.segments)) if (RESERVED_NAMES.has(seg)) error("reserved-name", [...path, "segments", seg], `"${seg}" is reserved for totals in reports`);
    }
    if (t.channel !== "voice") {
      for (const key of ["ivr", "callback"] as const) {
        if (t[key]) error("voice-only", [...path, key], `${key === "ivr" ? "an IVR" : "callbacks"} only exist for voice contacts`, { found: `channel ${t.channel}`, expected: "channel voice, or remove this setting" });
      }
    }
    if (t.channel === "email") {
      if (t.patience !== undefined && t.patience !== "infinite") error("email-patience", [...path, "patience"], "emails never abandon", { expected: "no patience for channel email" });
      if (t.retrial) error("email-retrial", [...path, "retrial"], "emails are never blocked or abandoned, so they are never retried", { expected: "no retrial for channel email" });
    }
    if (t.callback?.scheduledDelay && t.callback.mode !== "scheduled") {
      warn("callback-delay-unused", [...path, "callback", "scheduledDelay"], "scheduledDelay is used only with mode: scheduled", { hint: "set mode: scheduled, or remove scheduledDelay" });
    }
    const servedBy = servedByCount.get(name) ?? 0;
    if (servedBy === 0 && !overflowTypes.has(name)) {
      warn("type-unserved", path, `no agent group serves "${name}": its contacts wait until they abandon or the run ends`, {
        hint: `add "${name}" to the skills of an agent group`,
      });
    } else if (servedBy === 0) {
      warn("type-overflow-only", path, `"${name}" is served only by overflow groups, after their wait thresholds`);
    }
  }

  for (const [name, g] of Object.entries(s.agentGroups)) {
    const path = ["agentGroups", name] as const;
    for (const skill of Object.keys(g.skills)) {
      if (!(skill in s.contactTypes)) {
        error("unknown-skill", [...path, "skills", skill], `"${skill}" is not a contact type`, { found: skill, expected: typeList, ...suggest(skill, typeNames) });
      }
    }
    if (!siteSet.has(g.site)) {
      error("unknown-site", [...path, "site"], `"${g.site}" is not a site`, {
        found: g.site,
        expected: s.sites ? oneOf(siteNames) : `"inhouse", or define the site under sites:`,
        ...suggest(g.site, siteNames),
      });
    }
    const site = s.sites?.[g.site];
    if (site?.type === "vendor" && g.hourlyWage !== undefined) {
      error("vendor-wage", [...path, "hourlyWage"], "a vendor's agents are paid through the vendor's pricing, not an hourly wage", { hint: `set sites.${g.site}.pricing instead` });
    }
    const st = g.staffing;
    const modes = (["constant", "perInterval", "shifts", "elastic"] as const).filter((k) => st[k] !== undefined);
    if (modes.length !== 1) {
      error("staffing-mode", [...path, "staffing"], "give exactly one way of staffing", {
        found: modes.length ? modes.join(" and ") : "none",
        expected: "one of constant, perInterval, shifts, elastic",
      });
    }
    if (st.perInterval) {
      const allowed = [...new Set([perDay, perDay * 7, horizonIntervals])];
      if (!allowed.includes(st.perInterval.length)) {
        error("staffing-length", [...path, "staffing", "perInterval"], "staffing per interval must cover a day, a week or the horizon", {
          found: `${st.perInterval.length} values`,
          expected: `${perDay} (a day), ${perDay * 7} (a week) or ${horizonIntervals} (the horizon) values`,
        });
      }
    }
    st.shifts?.forEach((sh, i) => {
      if (sh.length <= 0) error("shift-length", [...path, "staffing", "shifts", i, "length"], "a shift must last longer than 0", { expected: 'a length such as "8h"' });
      sh.breaks.forEach((b, j) => {
        const lastStart = b.after + (b.window ?? 0);
        if (lastStart + b.length > sh.length) {
          error("break-outside-shift", [...path, "staffing", "shifts", i, "breaks", j], "the break ends after the shift", {
            found: b.window ? `breaks starting from ${b.after} s over a ${b.window} s window, ending up to ${lastStart + b.length} s` : `a break from ${b.after} s to ${b.after + b.length} s`,
            expected: `within the shift length (${sh.length} s)`,
          });
        }
      });
    });
    // An overflow target forecasts the overflow it gets (sim/forecast.ts), so it needs no skills of its own.
    if (st.elastic && Object.keys(g.skills).length === 0 && !overflowTargets.has(name)) error("elastic-without-skills", [...path, "staffing", "elastic"], "elastic staffing needs skills to forecast the load from");
    if (st.elastic) {
      // Staffing by Erlang searches up to 100,000 agents; refuse loads it could never cover.
      const erlangs = Object.keys(g.skills).reduce((sum, t) => {
        const type = s.contactTypes[t];
        return type ? sum + peakRate(type, s.intervalMinutes) * (meanOf(type.handleTime) * g.handleTimeFactor + meanOf(type.wrapUp)) : sum;
      }, 0);
      if (erlangs > 90_000) {
        error("elastic-too-large", [...path, "staffing", "elastic"], "the forecast load is too large for elastic staffing", {
          found: `about ${Math.round(erlangs).toLocaleString("en-US")} Erlangs at the peak`,
          expected: "at most 90,000 Erlangs (about 100,000 agents)",
        });
      }
    }
    const peak = st.constant ?? Math.max(0, ...(st.perInterval ?? []), ...(st.shifts ?? []).map((sh) => sh.count));
    // Shrinkage scales agent-time exactly (src/sim/duty.ts): any scheduled agent gives some productive time.
    if (modes.length === 1 && !st.elastic && peak === 0) {
      warn("group-empty", [...path, "staffing"], `agent group "${name}" never has a productive agent on duty`, { hint: "schedule agents for it" });
    }
    const overflowTarget = overflowTargets.has(name);
    if (Object.keys(g.skills).length === 0 && !overflowTarget) {
      warn("group-idle", [...path, "skills"], `agent group "${name}" has no skills and no overflow rule sends it contacts, so it never takes one`, {
        hint: "give it skills, or add a routing.overflow rule with to: " + name,
      });
    }
    const concurrentSkills = Object.keys(g.skills).filter((t) => ["chat", "messaging"].includes(s.contactTypes[t]?.channel ?? ""));
    if (g.concurrency.max > 1 && concurrentSkills.length === 0) {
      warn("concurrency-unused", [...path, "concurrency"], "concurrency applies to chat and messaging only, and this group serves neither");
    }
  }

  s.routing.overflow.forEach((o, i) => {
    const path = ["routing", "overflow", i] as const;
    if (!(o.type in s.contactTypes)) error("unknown-type", [...path, "type"], `"${o.type}" is not a contact type`, { found: o.type, expected: typeList, ...suggest(o.type, typeNames) });
    if (!(o.to in s.agentGroups)) error("unknown-group", [...path, "to"], `"${o.to}" is not an agent group`, { found: o.to, expected: groupList, ...suggest(o.to, groupNames) });
    else if (o.type in s.agentGroups[o.to].skills) warn("overflow-redundant", path, `group "${o.to}" already serves "${o.type}" without waiting; this overflow rule has no effect`);
  });

  checkCosts(s, warn, error);
  issues.push(...checkAssumptions(s));
  return issues;
}

/** "one of a, b, c": at most 20 names, so that n wrong references do not each quote all n names. */
function oneOf(names: readonly string[]): string {
  const shown = names.slice(0, 20).join(", ");
  return names.length > 20 ? `one of ${shown}, … (${names.length.toLocaleString("en-US")} in all)` : `one of ${shown}`;
}

type Report = (code: string, path: Path, message: string, more?: Partial<ScenarioIssue>) => void;

function checkCosts(s: Scenario, warn: Report, error: Report): void {
  const inhouseGroups = Object.entries(s.agentGroups).filter(([, g]) => (s.sites?.[g.site]?.type ?? "inhouse") === "inhouse");
  const withWage = inhouseGroups.filter(([, g]) => g.hourlyWage !== undefined);
  if (withWage.length > 0) {
    for (const [name, g] of inhouseGroups) {
      if (g.hourlyWage === undefined) warn("missing-wage", ["agentGroups", name], `in-house group "${name}" has no hourlyWage, so its labour costs nothing`, { hint: "add hourlyWage: the loaded cost of an agent hour" });
    }
  }
  const lifetime = s.costs?.poorService?.lifetimeValue;
  if (lifetime) {
    const segments = new Set(Object.values(s.contactTypes).flatMap((t) => Object.keys(t.segments ?? {})));
    for (const key of Object.keys(lifetime)) {
      if (key !== "default" && !segments.has(key)) {
        warn("unknown-segment", ["costs", "poorService", "lifetimeValue", key], `"${key}" is not a customer segment of any contact type`, {
          expected: `"default" or one of ${[...segments].join(", ") || "(no segments defined)"}`,
          ...(closestName(key, [...segments, "default"]) ? { hint: `did you mean "${closestName(key, [...segments, "default"])}"?` } : {}),
        });
      }
    }
    if (lifetime.default === undefined && segments.size === 0) {
      error("lifetime-default", ["costs", "poorService", "lifetimeValue"], "no lifetime value applies to any customer", { expected: "a `default` value" });
    }
  }
  if (s.sites) {
    const usedSites = new Set(Object.values(s.agentGroups).map((g) => g.site));
    for (const [siteName, site] of Object.entries(s.sites)) {
      if (!usedSites.has(siteName)) warn("site-unused", ["sites", siteName], `no agent group works at site "${siteName}"`);
      if (site.type === "inhouse" && site.premiums.nightFrom === site.premiums.nightTo && site.premiums.night > 0) {
        warn("night-window-empty", ["sites", siteName, "premiums"], "nightFrom equals nightTo, so no hour gets the night premium");
      }
    }
  }
}

/** Mean of a distribution spec (seconds). */
function meanOf(d: Scenario["contactTypes"][string]["handleTime"]): number {
  switch (d.dist) {
    case "uniform": return (d.min + d.max) / 2;
    case "triangular": return (d.min + d.mode + d.max) / 3;
    case "empirical": return d.values && d.values.length ? d.values.reduce((a, b) => a + b, 0) / d.values.length : 0;
    case "lognormal": return d.mu !== undefined ? Math.exp(d.mu + (d.sigma ?? 0) ** 2 / 2) : (d.mean ?? 0);
    case "gamma": return d.shape !== undefined ? d.shape * (d.scale ?? 0) : (d.mean ?? 0);
    // A rough size for the load check (Γ(1 + 1/k) lies between 0.89 and 2 for shapes from 0.5).
    case "weibull": return d.mean ?? d.scale ?? 0;
    case "survival": {
      // The area under the straight-line curve, plus its exponential tail (see Distribution.survival).
      let area = d.times[0];
      for (let i = 1; i < d.times.length; i++) area += ((d.survival[i - 1] + d.survival[i]) / 2) * (d.times[i] - d.times[i - 1]);
      const last = d.survival[d.survival.length - 1];
      return last > 0 && last < 1 ? area + (last * d.times[d.times.length - 1]) / -Math.log(last) : area;
    }
    default: return d.mean;
  }
}

/** The highest arrival rate (per second) a type's volume can reach in any interval. */
function peakRate(t: Scenario["contactTypes"][string], intervalMinutes: number): number {
  const v = t.volume;
  if (v.perHour !== undefined) return v.perHour / 3600;
  if (v.daily === undefined) return 0;
  const perDay = (24 * 60) / intervalMinutes;
  const weights = v.intraday ?? new Array<number>(perDay).fill(1);
  const total = weights.reduce((a, b) => a + b, 0);
  const maxShare = total > 0 ? Math.max(...weights) / total : 1 / perDay;
  const maxDay = v.dayOfWeek ? Math.max(...v.dayOfWeek) : 1;
  return (v.daily * maxDay * maxShare) / (intervalMinutes * 60);
}

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

export { DAYS };
