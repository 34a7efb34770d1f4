/** `ccsim sweep FILE --set path=v1,v2 …`: a grid of variants on common random numbers, one tidy table. */
import { join } from "node:path";
import { parse as parseYamlScalar } from "yaml";
import { gridPoints, sweepResult, sweepSeries, type SweepParameter, type SweepResult } from "../experiment/sweep.js";
import type { ShardSpec } from "../experiment/shard.js";
import { costReport, hasCosts } from "../models/cost.js";
import { formatMoneyWithHalf, formatWithHalf } from "../report/format.js";
import { csv, csvUnitOf, toJson, unitLabel } from "../report/results.js";
import { csvRound } from "../text/csv.js";
import { renderTable } from "../report/table.js";
import { formatDiagnostics, loadScenarioFile, parsePath } from "../scenario/load.js";
import { BOUNDS, CliError, EXIT, checkOutputDir, interruptible, onceEach } from "./common.js";
import { writeFileAtomic, writeFolderAtomic } from "./files.js";
import { writeShard, type Unit, type UnitResult } from "./jobs.js";
import { runJobAsAsked, unitChecks } from "./precision.js";
import type { RunFlags } from "./run.js";

export interface SweepFlags extends Omit<RunFlags, "trace"> {
  set: string[];
  shard?: ShardSpec;
}

/**
 * "agentGroups.a.staffing.constant=10,12,14" or a range "…=10..20" / "…=10..20:2". Values are
 * read as YAML scalars (numbers, durations like "8h", true/false); ";" separates values that
 * contain commas.
 */
export function parseSet(text: string): SweepParameter {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new CliError(`ccsim: --set takes path=value1,value2,… (got "${text}")`, EXIT.input);
  const pathText = text.slice(0, eq).trim();
  let path: (string | number)[];
  try {
    path = parsePath(pathText);
  } catch (e) {
    throw new CliError(`ccsim: --set "${text}": ${(e as Error).message}`, EXIT.input);
  }
  const raw = text.slice(eq + 1).trim();
  const range = /^(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(raw);
  let values: unknown[];
  if (range) {
    const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3] ?? 1)];
    if (!(step > 0) || to < from || (to - from) / step > 10000) throw new CliError(`ccsim: --set "${text}": a range is from..to or from..to:step with from <= to and at most 10,000 values`, EXIT.input);
    values = [];
    for (let k = 0; from + k * step <= to + 1e-9; k++) values.push(Number((from + k * step).toPrecision(12)));
  } else {
    values = raw.split(raw.includes(";") ? ";" : ",").map((v) => v.trim()).filter((v) => v.length > 0).map((v) => parseYamlScalar(v) as unknown);
  }
  if (values.length === 0) throw new CliError(`ccsim: --set "${text}" has no values`, EXIT.input);
  return { text: pathText, path, values };
}

export async function sweepCommand(file: string, flags: SweepFlags): Promise<number> {
  if (!flags.set?.length) throw new CliError("ccsim: sweep needs at least one --set path=v1,v2,…", EXIT.input);
  const parameters = flags.set.map(parseSet);
  const size = parameters.reduce((n, p) => n * p.values.length, 1);
  if (size > BOUNDS.sweepPoints) {
    throw new CliError(`ccsim: the sweep grid has ${size.toLocaleString("en-US")} points (${parameters.map((p) => p.values.length).join(" × ")}); at most ${BOUNDS.sweepPoints.toLocaleString("en-US")} are run at once: use fewer values or split the sweep`, EXIT.input);
  }
  const points = gridPoints(parameters);
  if (flags.shard && !flags.out) throw new CliError("ccsim: --shard needs --out DIR, where the shard's results are saved for `ccsim merge`", EXIT.input);
  checkOutputDir(flags.out, flags.force, flags.shard, [file]);
  // Build and validate every variant first: an invalid value stops the sweep before anything runs.
  const units: Unit[] = [];
  let invalid = 0;
  const firstTime = onceEach();
  for (const point of points) {
    const overrides = parameters.map((p) => ({ path: p.path, value: point.values[p.text], label: `--set ${p.text}=${JSON.stringify(point.values[p.text])}` }));
    const r = loadScenarioFile(file, { overrides });
    if (!r.ok) {
      const fresh = r.errors.filter(firstTime);
      if (fresh.length) process.stderr.write(formatDiagnostics(fresh) + "\n");
      invalid++;
      continue;
    }
    units.push({ label: point.label, file, scenario: r.scenario });
  }
  if (invalid) throw new CliError(`ccsim: ${invalid} of ${points.length} sweep points are invalid; nothing was run`, EXIT.input);
  const seed = flags.seed ?? units[0].scenario.seed;
  const replications = flags.replications ?? units[0].scenario.replications;
  const { signal, dispose } = interruptible();
  try {
    const { results, shard } = await runJobAsAsked(
      units.map((u) => ({ ...u, scenario: { ...u.scenario, seed } })),
      { command: "sweep", replications, detail: "totals", workers: flags.workers, shard: flags.shard, signal, quiet: flags.quiet, settings: { seed, replications, set: flags.set } },
      flags,
      unitChecks,
    );
    if (shard) {
      writeShard(flags.out!, shard, { force: flags.force, quiet: flags.quiet });
      return signal.aborted ? EXIT.interrupted : EXIT.ok;
    }
    finishSweep(results, flags.set, flags);
    return signal.aborted ? EXIT.interrupted : EXIT.ok;
  } finally {
    dispose();
  }
}

/** Shapes, prints and writes a sweep (also used by `ccsim merge`). */
export function finishSweep(results: readonly UnitResult[], set: readonly string[], flags: Pick<SweepFlags, "out" | "format" | "force">): SweepResult {
  const parameters = set.map(parseSet);
  const points = gridPoints(parameters);
  const costs = results.map((r) => (hasCosts(r.scenario) && r.result.runs.length ? costReport(r.scenario, r.result).summary : null));
  const sweep = sweepResult(parameters, points.slice(0, results.length), results.map((r) => r.result), costs);
  const tidy = sweepCsv(sweep, results[0]?.scenario.costs?.currency ?? "USD");
  if (flags.out) {
    writeFolderAtomic(flags.out, { force: flags.force, command: "sweep" }, (dir) => {
      writeFileAtomic(join(dir, "sweep.csv"), tidy);
      writeFileAtomic(join(dir, "sweep.json"), toJson({ format: "ccsim.sweep/1", ...sweep }));
    });
  }
  if (flags.format === "csv") process.stdout.write(tidy);
  else if (flags.format === "json") process.stdout.write(toJson({ format: "ccsim.sweep/1", ...sweep }));
  else process.stdout.write(sweepTable(sweep, results[0]?.result.runs.length ?? 0) + "\n");
  return sweep;
}

/** One row per (point, scope, name, KPI), the swept values as given, the statistics rounded to the row's unit. */
export function sweepCsv(s: SweepResult, currency = "USD"): string {
  const names = s.parameters.map((p) => p.text);
  return csv(
    ["point", ...names, "scope", "name", "kpi", "unit", "n", "mean", "sd", "ci_low", "ci_high", "p5", "p50", "p95"],
    s.rows.map((r) => {
      const unit = csvUnitOf(r.scope, r.kpi);
      const values = names.map((n) => {
        const v = r.values[n];
        return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : JSON.stringify(v);
      });
      return [r.point, ...values, r.scope, r.name, r.kpi, unitLabel(unit, currency), r.n, ...[r.mean, r.sd, r.ciLow, r.ciHigh, r.p5, r.p50, r.p95].map((x) => csvRound(x, unit))];
    }),
  );
}

/** The headline KPIs per point. */
function sweepTable(s: SweepResult, replications: number): string {
  const cell = (scope: string, kpi: string, unit: "share" | "seconds" | "money") => (point: number) => {
    const r = sweepSeries(s, scope, "all", kpi).find((x) => x.point === point);
    if (!r || r.mean === null) return "–";
    const half = r.ciHigh !== null && r.ciLow !== null ? (r.ciHigh - r.ciLow) / 2 : null;
    return unit === "money" ? formatMoneyWithHalf(r.mean, half) : formatWithHalf(r.mean, half, unit);
  };
  const withCost = s.rows.some((r) => r.scope === "cost");
  const columns: [string, (p: number) => string][] = [
    ["Service level", cell("type", "serviceLevel", "share")],
    ["ASA", cell("type", "asa", "seconds")],
    ["Abandonment", cell("type", "abandonRate", "share")],
    ["Occupancy", cell("group", "occupancy", "share")],
    ...(withCost ? ([["Total cost", cell("cost", "total", "money")]] as [string, (p: number) => string][]) : []),
  ];
  const rows = s.points.map((p) => [p.label, ...columns.map(([, f]) => f(p.index))]);
  return [`Sweep of ${s.points.length} points — ${replications} replications each, seed ${s.seed}, common random numbers`, "", renderTable(["Point", ...columns.map(([h]) => h)], rows)].join("\n");
}
