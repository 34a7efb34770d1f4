/**
 * A fit written as a scenario file that runs as it is, with comments that say where each
 * number came from, its 95% interval, and what the records could not tell.
 */
import { formatLocalTime } from "../records/read.js";
import type { LognormalFit } from "./durations.js";
import { WEEKDAYS, type FitResult, type TypeFit } from "./fit.js";
import { thinCurve, type ParametricPatience, type SurvivalStep } from "./survival.js";

/** Staffing chosen by `--calibrate`, replacing the agents seen in the records. */
export interface CalibratedStaffing {
  perInterval: number[];
  iterations: number;
  replications: number;
}

const r3 = (x: number) => Number(x.toPrecision(4));
const sec = (x: number) => Math.round(x * 10) / 10;
const list = (xs: readonly number[]) => `[${xs.join(", ")}]`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ci = ([a, b]: readonly [number, number], f: (x: number) => string | number = r3) => `95% CI ${f(a)}–${f(b)}`;

function lognormalSpec(f: LognormalFit): string {
  if (f.mean === 0) return "{ dist: deterministic, mean: 0 }";
  if (f.sigma === 0) return `{ dist: deterministic, mean: ${sec(f.mean)} }`;
  // The maximum-likelihood parameters themselves (mean and cv would round them twice).
  return `{ dist: lognormal, mu: ${Number(f.mu.toFixed(5))}, sigma: ${Number(f.sigma.toFixed(5))} }`;
}

/** Kaplan–Meier as a survival curve: from (0, 1), at most `points` steps, cut where fewer than `minAtRisk` still wait. */
export function survivalSpec(steps: readonly SurvivalStep[], points = 40, minAtRisk = 20): string | null {
  const kept = thinCurve(steps.filter((s) => s.atRisk >= minAtRisk), points).filter((s) => s.time > 0);
  if (kept.length === 0 || kept[kept.length - 1].survival >= 1) return null;
  const times = [0, ...kept.map((s) => sec(s.time))];
  const survival = [1, ...kept.map((s) => Number(s.survival.toFixed(4)))];
  // Rounding may tie neighbours: keep times increasing.
  const t: number[] = [], v: number[] = [];
  times.forEach((x, i) => {
    if (i === 0 || x > t[t.length - 1]) {
      t.push(x);
      v.push(Math.min(survival[i], v.length ? v[v.length - 1] : 1));
    }
  });
  if (t.length < 2 || v[v.length - 1] >= 1) return null;
  return `{ dist: survival, times: ${list(t)}, survival: ${list(v)} }`;
}

/**
 * Per-interval factors of the mean talk time against the overall mean, where the difference is
 * beyond noise (|z| > 2.5 with the standard error cv·mean/√n), else 1; null when none is.
 */
export function handleFactors(t: TypeFit): number[] | null {
  if (!t.handle) return null;
  const overall = t.handle.sampleMean;
  const cv = t.handle.sampleCv;
  const f = t.handleByInterval.map((h) => (h.n >= 30 && Math.abs(h.mean / overall - 1) > (2.5 * cv) / Math.sqrt(h.n) ? Number((h.mean / overall).toFixed(3)) : 1));
  return f.some((x) => x !== 1) ? f : null;
}

/** Containment per interval of the day where it differs from the overall share beyond noise (|z| > 2.5), or null. */
export function containmentProfile(t: TypeFit): number[] | null {
  if (!t.ivr) return null;
  const all = t.ivr.share;
  const p = t.ivr.byInterval.map((b) => (b.calls >= 20 && Math.abs(b.share - all) > 2.5 * Math.sqrt((all * (1 - all)) / b.calls) ? Number(b.share.toFixed(4)) : Number(all.toFixed(4))));
  return p.some((x) => x !== Number(all.toFixed(4))) ? p : null;
}

function gof(f: LognormalFit): string {
  return `n ${f.n}; mu ${r3(f.mu)}, sigma ${r3(f.sigma)} (of the log); mean ${ci(f.meanCi, sec)}; sample mean ${sec(f.sampleMean)}, cv ${r3(f.sampleCv)}; KS D ${f.ks.d.toFixed(3)} (p ${f.ks.p.toPrecision(2)}), AD ${f.ad.toFixed(2)}`;
}

export function patienceSpec(p: ParametricPatience): string {
  if (p.family === "exponential") return `{ dist: exponential, mean: ${sec(p.mean)} }`;
  if (p.family === "weibull") return `{ dist: weibull, mean: ${sec(p.mean)}, shape: ${r3(p.shape!)} }`;
  return `{ dist: lognormal, mean: ${sec(p.mean)}, cv: ${r3(p.cv!)} }`;
}

function typeLines(t: TypeFit, fit: FitResult): string[] {
  const a = t.arrivals;
  const out: string[] = [];
  const c = (s: string) => out.push(`    # ${s}`);
  out.push(`  ${t.name}:`);
  c(`${a.offered} attempts over ${fit.calendar.days} days; daily volume ${ci(a.dailyCi, (x) => x.toFixed(1))}`);
  out.push("    volume:");
  out.push(`      daily: ${a.daily.toFixed(2)}`);
  if (a.dayOfWeek) out.push(`      dayOfWeek: ${list(a.dayOfWeek.map((x) => Number(x.toFixed(4))))}   # Monday..Sunday`);
  out.push(`      intraday: ${list(a.intraday.map((x) => Number(x.toFixed(5))))}`);
  if (a.overdispersion) out.push(`      overdispersion: ${Number(a.overdispersion.value.toFixed(4))}   # cv of the daily busyness factor, ${ci(a.overdispersion.ci, (x) => x.toFixed(3))}`);
  if (t.handle) {
    c(`handle (talk) time, lognormal by maximum likelihood: ${gof(t.handle)}`);
    out.push(`    handleTime: ${lognormalSpec(t.handle)}   # mean ${sec(t.handle.mean)} s, cv ${r3(t.handle.cv)}`);
    const factors = handleFactors(t);
    if (factors) {
      c("mean talk time per interval of the day against the overall mean, where it differs beyond noise (|z| > 2.5), else 1; the shape is the same in every interval");
      out.push(`    handleTimeByInterval: ${list(factors)}`);
    }
  } else out.push(`    handleTime: 300   # not in the records: a placeholder`);
  if (t.wrapUp) {
    if (t.wrapUp.mean > 0) c(`wrap-up: ${gof(t.wrapUp)}`);
    if (t.wrapUp.nonPositive > 0 && t.wrapUp.mean > 0) {
      // Calls without wrap-up pull the mean down; the lognormal's cv is kept.
      const mean = (t.wrapUp.mean * t.wrapUp.n) / (t.wrapUp.n + t.wrapUp.nonPositive);
      out.push(`    wrapUp: { dist: lognormal, mean: ${sec(mean)}, cv: ${r3(t.wrapUp.cv)} }   # ${t.wrapUp.nonPositive} calls had none`);
    } else out.push(`    wrapUp: ${lognormalSpec(t.wrapUp)}`);
  }
  const p = t.patience;
  if (p.best) {
    c(`patience from ${p.events} abandoned and ${p.censored} answered waits (censored); best by AIC of ${p.fits.map((f) => `${f.family} ${f.aic.toFixed(1)}`).join(", ")}`);
    const km = survivalSpec(p.kaplanMeier);
    if (km) {
      c("Kaplan–Meier survival curve (the share still willing to wait), cut where fewer than 20 callers were still waiting; beyond it a constant hazard");
      out.push(`    patience: ${km}`);
      c(`best parametric fit, mean ${ci(p.best.meanCi, sec)}, largest gap to Kaplan–Meier ${p.maxGap.toFixed(3)}; use it instead to extrapolate:`);
      c(`patience: ${patienceSpec(p.best)}`);
    } else {
      c(`mean ${ci(p.best.meanCi, sec)}; largest gap to Kaplan–Meier ${p.maxGap.toFixed(3)}`);
      out.push(`    patience: ${patienceSpec(p.best)}`);
    }
  } else out.push("    patience: infinite   # too few abandoned calls to estimate");
  if (t.ivr) {
    c(`IVR: ${t.ivr.contained} of ${t.ivr.entered} calls contained, ${ci(t.ivr.shareCi, pct)}`);
    const by = t.ivr.byInterval.map((b) => (b.calls >= 20 ? pct(b.share) : "–"));
    c(`containment by interval of the day: ${by.join(" ")}`);
    c(`mean IVR time by interval of the day (s): ${t.ivr.byInterval.map((b) => (b.calls >= 20 && !Number.isNaN(b.meanTime) ? String(Math.round(b.meanTime)) : "–")).join(" ")}`);
    const routed = t.ivr.routedTime ?? t.ivr.time;
    if (routed) c(`IVR time of callers routed to agents: ${gof(routed)}`);
    if (t.ivr.containedTime) c(`IVR time of contained callers: ${gof(t.ivr.containedTime)}`);
    out.push("    ivr:");
    const profile = containmentProfile(t);
    out.push(profile ? `      containment: ${list(profile)}   # per interval of the day` : `      containment: ${Number(t.ivr.share.toFixed(4))}`);
    if (routed) out.push(`      menuTime: ${lognormalSpec(routed)}`);
    if (t.ivr.containedTime) out.push(`      containedTime: ${lognormalSpec(t.ivr.containedTime)}`);
  }
  const hb = t.handleByInterval.map((h) => (h.n >= 20 ? String(Math.round(h.mean)) : "–"));
  c(`mean talk time by interval of the day (s): ${hb.join(" ")}`);
  return out;
}

export function scenarioText(fit: FitResult, sources: readonly string[], calibrated: CalibratedStaffing | null = null): string {
  const cal = fit.calendar;
  const first = formatLocalTime(cal.day0).slice(0, 10);
  const last = formatLocalTime(cal.day0 + (cal.days - 1) * 86400).slice(0, 10);
  const L: string[] = [];
  L.push(`# Fitted by \`ccsim fit\` from ${fit.records} call records (${sources.join(", ")}), ${first} to ${last}.`);
  L.push("# Every number below comes from the records; 95% intervals in the comments. Check it with");
  L.push("# `ccsim backtest THIS_FILE RECORDS…` before using it to decide anything.");
  for (const n of fit.notEstimated) L.push(`# not estimated: ${n}`);
  for (const n of fit.approximations) L.push(`# approximated: ${n}`);
  L.push(`name: fitted`);
  L.push(`seed: 1`);
  L.push(`replications: 20`);
  L.push(`horizon: { days: ${cal.days} }`);
  L.push(`startDay: ${WEEKDAYS[cal.startWeekday]}   # ${first}`);
  L.push(`intervalMinutes: ${fit.intervalMinutes}`);
  L.push(`serviceLevel: { thresholdSeconds: ${fit.serviceLevelSeconds} }`);
  if (fit.types.some((t) => t.ivr)) L.push("ivr: {}   # each contact type sets its own menu time");
  if (fit.trunks.blocked > 0) L.push(`trunks: { lines: ${fit.trunks.maxInSystem} }   # ${fit.trunks.blocked} calls were blocked; lines = the most calls in the system at once`);
  L.push("contactTypes:");
  for (const t of fit.types) L.push(...typeLines(t, fit));
  L.push("agentGroups:");
  L.push("  agents:");
  L.push("    # one group answering every type: routing between groups is not fitted");
  L.push(`    skills: { ${fit.types.map((t) => `${t.name}: 1`).join(", ")} }`);
  L.push("    staffing:");
  const s = fit.staffing;
  const what = s.pattern === "week" ? "per interval of the week from Monday, averaged over the weeks" : "per interval of the day, averaged over the days";
  if (calibrated) {
    L.push(`      # effective agents ${what}, calibrated by simulation (ccsim fit --calibrate: bisection per interval on`);
    L.push(`      # common random numbers, ${calibrated.iterations} rounds of ${calibrated.replications} replications) so that simulated abandonment`);
    L.push("      # per interval matches the observed; ASA, service level and waits remain independent checks.");
    L.push(`      # agents seen on duty in the records: ${list(s.perInterval)}`);
    L.push(`      perInterval: ${list(calibrated.perInterval)}`);
  } else {
    L.push(
      s.source === "agents"
        ? `      # agents on duty ${what}: ${s.agentsSeen} agents, each on duty from a conversation to the end of the last one before an idle hour`
        : `      # no agent ids: busy agents at 85% occupancy ${what}`,
    );
    L.push("      # (agents who log in without answering are not seen: run `ccsim fit --calibrate` when abandonment disagrees)");
    L.push(`      perInterval: ${list(s.perInterval)}`);
  }
  return L.join("\n") + "\n";
}
