/** `ccsim fit RECORDS… --out scenario.yaml`: a scenario fitted to call records, with its report and charts. */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { AlignmentError } from "../fit/against-records.js";
import { calibrateStaffing, type CalibrationResult } from "../fit/calibrate.js";
import { fitRecords, type FitResult } from "../fit/fit.js";
import { scenarioText } from "../fit/scenario-text.js";
import { thinCurve } from "../fit/survival.js";
import { dailyVolumeChart, handleTimeQuantileChart, patienceChart } from "../report/charts/fit.js";
import { formatDiagnostics, parseScenarioText } from "../scenario/load.js";
import { CliError, EXIT, checkOutputFile } from "./common.js";
import { isNonEmptyDir, writeFileAtomic, writeFolderAtomic } from "./files.js";
import { formatLocalTime, type CallRecord } from "../records/read.js";
import { loadMappingFile, locationOf, readRecordFiles } from "./records-files.js";

export interface FitFlags {
  out: string;
  mapping?: string;
  interval?: string;
  threshold?: string;
  calibrate?: boolean;
  replications?: number;
  seed?: number;
  force?: boolean;
  quiet?: boolean;
}

/** The folder beside the scenario that holds the fit's report, data and charts. */
export function fitFolderOf(out: string): string {
  return join(dirname(out), `${basename(out, extname(out))}.fit`);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** What was fitted, one line per parameter, and what could not be. */
export function fitSummary(fit: FitResult, calibration: CalibrationResult | null): string[] {
  const L: string[] = [`${fit.records} call records, ${fit.calendar.days} days, ${fit.intervalMinutes}-minute intervals`];
  for (const t of fit.types) {
    const a = t.arrivals;
    L.push(`${t.name}:`);
    L.push(`  arrivals: ${a.daily.toFixed(1)} per day (95% CI ${a.dailyCi[0].toFixed(1)}–${a.dailyCi[1].toFixed(1)})${a.dayOfWeek ? `, day of week ${a.dayOfWeek.map((x) => x.toFixed(2)).join(" ")}` : ""}`);
    if (a.overdispersion) L.push(`  overdispersion: ${a.overdispersion.value.toFixed(3)} (95% CI ${a.overdispersion.ci[0].toFixed(3)}–${a.overdispersion.ci[1].toFixed(3)})`);
    if (t.handle) L.push(`  handle time: lognormal mean ${t.handle.mean.toFixed(1)} s (95% CI ${t.handle.meanCi[0].toFixed(1)}–${t.handle.meanCi[1].toFixed(1)}), cv ${t.handle.cv.toFixed(3)}, mu ${t.handle.mu.toFixed(3)}, sigma ${t.handle.sigma.toFixed(3)}; KS D ${t.handle.ks.d.toFixed(3)} (p ${t.handle.ks.p.toPrecision(2)}), AD ${t.handle.ad.toFixed(2)}; n ${t.handle.n}`);
    if (t.wrapUp) L.push(`  wrap-up: mean ${t.wrapUp.mean.toFixed(1)} s${t.wrapUp.mean > 0 ? `, cv ${t.wrapUp.cv.toFixed(3)}` : ""}`);
    const p = t.patience;
    if (p.best) {
      L.push(`  patience: ${p.best.family}, mean ${p.best.mean.toFixed(1)} s (95% CI ${p.best.meanCi[0].toFixed(1)}–${p.best.meanCi[1].toFixed(1)}) from ${p.events} abandoned and ${p.censored} censored waits; largest gap to Kaplan–Meier ${p.maxGap.toFixed(3)}`);
      L.push(`    AIC: ${p.fits.map((f) => `${f.family} ${f.aic.toFixed(1)}`).join(", ")}`);
    }
    if (t.ivr) L.push(`  IVR: containment ${pct(t.ivr.share)} (95% CI ${pct(t.ivr.shareCi[0])}–${pct(t.ivr.shareCi[1])}) of ${t.ivr.entered}${t.ivr.time ? `; IVR time mean ${t.ivr.time.mean.toFixed(1)} s` : ""}`);
  }
  const s = fit.staffing;
  L.push(`staffing: ${s.source === "agents" ? `${s.agentsSeen} agents seen; on duty per interval` : "from busy time"} (peak ${Math.max(...s.perInterval)} agents), a ${s.pattern} pattern`);
  if (calibration) {
    L.push(`calibrated staffing: ${calibration.rounds} bisection rounds of ${calibration.replications} replications; peak ${Math.max(...calibration.perInterval)} effective agents (seen: ${Math.max(...calibration.seen)})`);
    const off = calibration.slots.filter((x) => x.calibrated && Math.abs(x.simulated - x.observed) > 0.02);
    L.push(`  ${calibration.slots.filter((x) => x.calibrated).length} intervals calibrated; ${off.length} still differ by more than 2 points of abandonment (whole agents cannot match them closer)`);
  }
  if (fit.trunks.blocked > 0) L.push(`trunks: ${fit.trunks.blocked} blocked calls; lines = ${fit.trunks.maxInSystem} (most calls in the system at once)`);
  for (const n of fit.notEstimated) L.push(`not estimated: ${n}`);
  for (const n of fit.approximations) L.push(`approximated: ${n}`);
  return L;
}

function fitJson(fit: FitResult, calibration: CalibrationResult | null): string {
  const types = fit.types.map((t) => ({ ...t, patience: { ...t.patience, kaplanMeier: thinCurve(t.patience.kaplanMeier, 200) } }));
  return JSON.stringify({ ...fit, types, calibration }, (_, v) => (typeof v === "function" ? undefined : typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n";
}

const isDirectory = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

/** The longest period a scenario covers (its horizon's bound). */
const MAX_DAYS = 366;

/** Records over more than a scenario's longest horizon: nearly always one stray date. */
function checkSpan(records: readonly CallRecord[]): void {
  const first = records[0], last = records[records.length - 1]; // sorted by arrival
  const days = Math.floor(last.arrival / 86400) - Math.floor(first.arrival / 86400) + 1;
  if (days <= MAX_DAYS) return;
  throw new CliError(
    `ccsim: the records span ${days.toLocaleString("en-US")} days, from ${formatLocalTime(first.arrival)} (${locationOf(first)}) to ${formatLocalTime(last.arrival)} (${locationOf(last)}), more than the ${MAX_DAYS} a scenario covers; fix the stray date, or fit at most a year of records at a time`,
    EXIT.input,
  );
}

export async function fitCommand(files: string[], flags: FitFlags): Promise<number> {
  const interval = Number(flags.interval ?? 30);
  if (![15, 30, 60].includes(interval)) throw new CliError(`ccsim: --interval: expected 15, 30 or 60 minutes, found ${JSON.stringify(flags.interval)}`, EXIT.input);
  const threshold = Number(flags.threshold ?? 20);
  if (!(threshold >= 0)) throw new CliError(`ccsim: --threshold: expected seconds >= 0, found ${JSON.stringify(flags.threshold)}`, EXIT.input);
  const folder = fitFolderOf(flags.out);
  if (isDirectory(flags.out)) throw new CliError(`ccsim: --out ${flags.out} is a directory; --out names the scenario file to write, e.g. ${join(flags.out, "fitted.yaml")}`, EXIT.output);
  // Never the records or the mapping, even with --force: that would replace the analyst's export.
  checkOutputFile("--out", flags.out, true, flags.mapping ? [...files, flags.mapping] : files);
  if (!flags.force && (existsSync(flags.out) || isNonEmptyDir(folder))) throw new CliError(`ccsim: ${existsSync(flags.out) ? flags.out : folder} already exists; use --force to overwrite it, or choose another --out`, EXIT.output);
  const records = readRecordFiles(files, loadMappingFile(flags.mapping));
  checkSpan(records);
  const fit = fitRecords(records, { intervalMinutes: interval as 15 | 30 | 60, serviceLevelSeconds: threshold });
  let text = scenarioText(fit, files.map((f) => basename(f)));
  const check = (t: string) => {
    const parsed = parseScenarioText(t, flags.out);
    // A bug of the fit, not of the input: still one sentence, not a stack trace.
    if (!parsed.ok) throw new CliError(`ccsim: internal error (a bug; please report it with the records): the fitted scenario does not validate: ${formatDiagnostics(parsed.errors).split("\n")[0]}`, EXIT.internal);
    return parsed.scenario;
  };
  let calibration: CalibrationResult | null = null;
  if (flags.calibrate) {
    const scenario = check(text);
    try {
      calibration = calibrateStaffing(scenario, records, {
        replications: flags.replications ?? 10,
        seed: flags.seed ?? scenario.seed,
        onRound: (round, open) => {
          if (!flags.quiet) process.stderr.write(`ccsim: calibrating staffing: round ${round}, ${open} intervals to settle\n`);
        },
      });
    } catch (e) {
      if (e instanceof AlignmentError || e instanceof RangeError) throw new CliError(`ccsim: --calibrate: ${e.message}`, EXIT.input);
      throw e;
    }
    // The advice to calibrate is done by now: say what was done instead, in the report and the scenario.
    fit.notEstimated = fit.notEstimated.map((n) => n.replace(" — calibrate it with --calibrate", ", then calibrated by simulation (--calibrate)"));
    text = scenarioText(fit, files.map((f) => basename(f)), { perInterval: calibration.perInterval, iterations: calibration.rounds, replications: calibration.replications });
  }
  check(text);
  const summary = fitSummary(fit, calibration);
  const charts: [string, unknown][] = fit.types.flatMap((t) => [
    [`${t.name}-daily-volume.vl.json`, dailyVolumeChart(fit, t)],
    [`${t.name}-handle-time.vl.json`, handleTimeQuantileChart(t)],
    [`${t.name}-patience.vl.json`, patienceChart(t)],
  ]);
  // Everything is computed before the first file is written: a failure leaves no files.
  // The fit folder is one result, replaced whole (a refit with other contact types must not
  // keep the old types' charts); the scenario last, so it never exists without its report.
  writeFolderAtomic(folder, { force: flags.force, command: "fit" }, (dir) => {
    writeFileAtomic(join(dir, "fit.txt"), summary.join("\n") + "\n");
    writeFileAtomic(join(dir, "fit.json"), fitJson(fit, calibration));
    for (const [name, spec] of charts) writeFileAtomic(join(dir, "charts", name), JSON.stringify(spec, null, 1) + "\n");
  });
  writeFileAtomic(flags.out, text);
  process.stdout.write(summary.join("\n") + "\n");
  if (!flags.quiet) process.stderr.write(`ccsim: wrote ${flags.out} and ${folder}/ (fit.txt, fit.json, charts/); check it with \`ccsim backtest ${flags.out} ${files.join(" ")}\`\n`);
  return EXIT.ok;
}
