/**
 * A fit written as a scenario file that runs as it is, with comments that say where each
 * number came from, its 95% interval, and what the records could not tell.
 */
import { formatLocalTime } from "../records/read.js";
import type { LognormalFit } from "./durations.js";
import { WEEKDAYS, type FitResult, type TypeFit } from "./fit.js";
import type { ParametricPatience } from "./survival.js";

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
  return `{ dist: lognormal, mean: ${sec(f.mean)}, cv: ${r3(f.cv)} }`;
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
    out.push(`    handleTime: ${lognormalSpec(t.handle)}`);
  } else out.push(`    handleTime: 300   # not in the records: a placeholder`);
  if (t.wrapUp) {
    if (t.wrapUp.mean > 0) c(`wrap-up: ${gof(t.wrapUp)}`);
    const scaled = t.wrapUp.nonPositive > 0 && t.wrapUp.mean > 0 ? { ...t.wrapUp, mean: (t.wrapUp.mean * t.wrapUp.n) / (t.wrapUp.n + t.wrapUp.nonPositive) } : t.wrapUp;
    out.push(`    wrapUp: ${lognormalSpec(scaled)}`);
  }
  const p = t.patience;
  if (p.best) {
    c(`patience from ${p.events} abandoned and ${p.censored} answered waits (censored); best by AIC of ${p.fits.map((f) => `${f.family} ${f.aic.toFixed(1)}`).join(", ")}`);
    c(`mean ${ci(p.best.meanCi, sec)}; largest gap to Kaplan–Meier ${p.maxGap.toFixed(3)}`);
    out.push(`    patience: ${patienceSpec(p.best)}`);
    const km = p.kaplanMeier.filter((_, i, all) => i % Math.max(1, Math.ceil(all.length / 12)) === 0);
    c(`Kaplan–Meier survival (seconds: share still waiting): ${km.map((s) => `${sec(s.time)}: ${s.survival.toFixed(3)}`).join(", ")}`);
  } else out.push("    patience: infinite   # too few abandoned calls to estimate");
  if (t.ivr) {
    c(`IVR: ${t.ivr.contained} of ${t.ivr.entered} calls contained, ${ci(t.ivr.shareCi, pct)}`);
    const by = t.ivr.byInterval.map((b) => (b.calls >= 20 ? pct(b.share) : "–"));
    c(`containment by interval of the day: ${by.join(" ")}`);
    c(`mean IVR time by interval of the day (s): ${t.ivr.byInterval.map((b) => (b.calls >= 20 && !Number.isNaN(b.meanTime) ? String(Math.round(b.meanTime)) : "–")).join(" ")}`);
    if (t.ivr.time) c(`IVR time: ${gof(t.ivr.time)}`);
    out.push("    ivr:");
    out.push(`      containment: ${Number(t.ivr.share.toFixed(4))}`);
    if (t.ivr.time) out.push(`      menuTime: ${lognormalSpec(t.ivr.time)}`);
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
        ? `      # agents on duty ${what}: ${s.agentsSeen} agents, each on duty from their first conversation of a day to the end of their last`
        : `      # no agent ids: busy agents at 85% occupancy ${what}`,
    );
    L.push("      # (agents who log in without answering are not seen: run `ccsim fit --calibrate` when abandonment disagrees)");
    L.push(`      perInterval: ${list(s.perInterval)}`);
  }
  return L.join("\n") + "\n";
}
