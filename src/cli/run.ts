/** `ccsim run FILE…`: simulate, print KPIs with confidence intervals, write results. */
import { join } from "node:path";
import { diagnoseModel, diagnoseResult } from "../experiment/diagnose.js";
import { runScenarioYielding, type ExperimentResult } from "../experiment/replicate.js";
import type { ShardSpec } from "../experiment/shard.js";
import { costReport, hasCosts, type CostReport } from "../models/cost.js";
import { intervalsCsvParts, jsonParts, replicationsCsvParts, resultsDocument, summaryCsv, toJson } from "../report/results.js";
import { kpiTable } from "../report/table.js";
import { csvLine } from "../text/csv.js";
import { describeFinding, type RunWarning } from "../report/warnings.js";
import type { Scenario } from "../scenario/schema.js";
import type { TraceRecord } from "../sim/engine.js";
import { compileModel } from "../sim/model.js";
import { CliError, EXIT, checkOutputDir, checkOutputFile, interruptible, loadAll, outputDirFor } from "./common.js";
import { writeShard, type Unit, type UnitResult } from "./jobs.js";
import { runJobAsAsked, unitChecks, type PrecisionFlags } from "./precision.js";
import { AtomicLineWriter, writeFileAtomic, writeFolderAtomic, writePartsAtomic } from "./files.js";
import { Progress } from "./progress.js";
import { resolve } from "node:path";
import { RECORDS_HEADER, recordLine } from "../records/format.js";
import { RecordMaker } from "../records/write.js";
import { horizonSecondsOf } from "../scenario/basics.js";

export interface RunFlags extends PrecisionFlags {
  /** `--set path=value` overrides applied to every scenario. */
  set?: string[];
  replications?: number;
  seed?: number;
  out?: string;
  format: "table" | "json" | "csv";
  trace?: string;
  /** Simulated calls as call records (docs/records.md). */
  records?: string;
  force?: boolean;
  quiet?: boolean;
  workers?: number;
}

/** One scenario's complete outcome: results, costs and warnings. */
export interface Outcome {
  file: string;
  scenario: Scenario;
  result: ExperimentResult;
  costs: CostReport | null;
  warnings: RunWarning[];
}

export function outcomeOf(file: string, scenario: Scenario, result: ExperimentResult, preRun: RunWarning[] = []): Outcome {
  const costs = hasCosts(scenario) && result.runs.length > 0 ? costReport(scenario, result) : null;
  const warnings = [...preRun, ...diagnoseResult(result).map((f) => describeFinding(f, result.info.startDay))];
  return { file, scenario, result, costs, warnings };
}

export function writeOutcome(dir: string, o: Outcome, overrides: readonly string[] = []): void {
  // The big files are written piece by piece, never held whole (results.json and
  // replications.csv grow with the replications; intervals.csv is 43,000 rows for a week).
  writePartsAtomic(join(dir, "results.json"), jsonParts(resultsDocument(o.result, o.costs, o.file, o.warnings, overrides)));
  writeFileAtomic(join(dir, "summary.csv"), summaryCsv(o.result, o.costs));
  writePartsAtomic(join(dir, "intervals.csv"), intervalsCsvParts(o.result));
  writePartsAtomic(join(dir, "replications.csv"), replicationsCsvParts(o.result, o.costs));
}

export function printWarnings(file: string, warnings: readonly RunWarning[]): void {
  for (const w of warnings) process.stderr.write(`${file}: warning [${w.code}]: ${w.message}\n`);
}

const TRACE_HEADER = "scenario,replication,type,segment,origin,arrival_s,outcome,wait_s,talk_s,group,resolved\n";

function traceLine(scenario: string, r: TraceRecord): string {
  return csvLine([scenario, r.replication, r.type, r.segment, r.origin, r.arrival.toFixed(3), r.outcome, r.wait.toFixed(3), r.talk.toFixed(3), r.group, r.resolved === null ? "" : String(r.resolved)]);
}

export async function runCommand(files: string[], flags: RunFlags & { shard?: ShardSpec }): Promise<number> {
  const loaded = loadAll(files, { quiet: flags.quiet, set: flags.set });
  if (flags.shard && !flags.out) throw new CliError("ccsim: --shard needs --out DIR, where the shard's results are saved for `ccsim merge`", EXIT.input);
  checkOutputDir(flags.out, flags.force, flags.shard, files);
  if (flags.trace && flags.shard) throw new CliError("ccsim: --trace cannot be combined with --shard", EXIT.input);
  if (flags.records && flags.shard) throw new CliError("ccsim: --records cannot be combined with --shard", EXIT.input);
  if (flags.records && loaded.length > 1) throw new CliError(`ccsim: --records writes the calls of one center; give it one scenario file (got ${loaded.length})`, EXIT.input);
  if ((flags.trace || flags.records) && flags.precision !== undefined) {
    throw new CliError(`ccsim: --precision cannot be combined with ${flags.trace ? "--trace" : "--records"}, which writes the contacts of a set number of replications; run with --precision first, then with --replications set to the count it printed`, EXIT.input);
  }
  checkCallFiles(flags, files);
  const { signal, dispose } = interruptible();
  try {
    if (flags.trace || flags.records) return await runTraced(loaded, flags, signal);
    const units: Unit[] = loaded.map(({ file, scenario }) => ({ label: file, file, scenario }));
    const { results, shard } = await runJobAsAsked(units, { command: "run", seed: flags.seed, replications: flags.replications, detail: detailNeeded(flags), workers: flags.workers, shard: flags.shard, signal, quiet: flags.quiet, settings: { seed: flags.seed ?? null, replications: flags.replications ?? null, ...(flags.set?.length ? { set: flags.set } : {}) } }, flags, unitChecks);
    if (shard) {
      writeShard(flags.out!, shard, { force: flags.force, quiet: flags.quiet });
      return signal.aborted ? EXIT.interrupted : EXIT.ok;
    }
    finishRun(results, flags);
    return signal.aborted ? EXIT.interrupted : EXIT.ok;
  } finally {
    dispose();
  }
}

/**
 * The KPI table, the summary CSV and the warnings read only the totals; the interval series go to
 * --out's files, the JSON document and shards. Summarising them took a 1,000-call run of 40 days
 * 0.12 G instructions of its 1.45 G (a band per KPI per day, most of it V8 compiling `summarize`).
 */
function detailNeeded(flags: Pick<RunFlags, "out" | "format"> & { shard?: ShardSpec }): "intervals" | "totals" {
  return flags.out || flags.shard || flags.format === "json" ? "intervals" : "totals";
}

/** Prints and writes a run's outcomes (also used by `ccsim merge`). */
export function finishRun(results: readonly UnitResult[], flags: Pick<RunFlags, "out" | "format" | "quiet" | "force" | "set">): void {
  const set = flags.set ?? [];
  const outcomes = results.map(({ file, scenario, result, model }) => {
    const preRun = diagnoseModel(model ?? compileModel(scenario)).map((f) => describeFinding(f, result.info.startDay));
    return outcomeOf(file, scenario, result, preRun);
  });
  // The whole --out folder (every file's subfolder) is one unit: all of it is written, or none.
  if (flags.out) writeFolderAtomic(flags.out, { force: flags.force, command: "run", set }, (dir) => outcomes.forEach((o) => writeOutcome(outputDirFor(dir, o.file, results.length > 1), o, set)));
  const printed: string[] = [];
  for (const outcome of outcomes) {
    const { file, result } = outcome;
    if (!flags.quiet) printWarnings(file, outcome.warnings);
    if (flags.format === "json") printed.push(toJson(resultsDocument(result, outcome.costs, file, outcome.warnings, set)).trimEnd());
    else if (flags.format === "csv") printed.push(summaryCsv(result, outcome.costs));
    else printed.push(kpiTable(result, outcome.costs, results.length > 1 ? file : undefined, set) + "\n");
  }
  process.stdout.write(flags.format === "json" && printed.length > 1 ? `[${printed.join(",\n")}]\n` : flags.format === "json" ? printed.join("") + "\n" : printed.join("\n"));
}

/** --trace and --records follow the rules of --out (checkOutputFile), and must not name the same file. */
function checkCallFiles(flags: RunFlags, inputs: readonly string[]): void {
  if (flags.trace && flags.records && resolve(flags.trace) === resolve(flags.records)) {
    throw new CliError("ccsim: --trace and --records name the same file; give them different names", EXIT.input);
  }
  if (flags.trace) checkOutputFile("--trace", flags.trace, flags.force, inputs);
  if (flags.records) checkOutputFile("--records", flags.records, flags.force, inputs);
}

/**
 * With --trace or --records: replications in this thread, one CSV row per contact attempt,
 * each file written atomically (complete, or not at all).
 */
async function runTraced(loaded: ReturnType<typeof loadAll>, flags: RunFlags, signal: AbortSignal): Promise<number> {
  const writers: AtomicLineWriter[] = [];
  const results: UnitResult[] = [];
  try {
    const trace = flags.trace ? new AtomicLineWriter(flags.trace, { replace: flags.force === true }) : null;
    if (trace) writers.push(trace);
    const records = flags.records ? new AtomicLineWriter(flags.records, { replace: flags.force === true }) : null;
    if (records) writers.push(records);
    trace?.write(TRACE_HEADER);
    records?.write(RECORDS_HEADER);
    for (const { file, scenario } of loaded) {
      const progress = new Progress(file, !flags.quiet);
      const maker = new RecordMaker(scenario.startDay, horizonSecondsOf(scenario));
      const model = compileModel(scenario);
      const result = await runScenarioYielding(scenario, {
        model,
        detail: detailNeeded(flags),
        replications: flags.replications,
        seed: flags.seed,
        signal,
        onProgress: (done, total) => progress.update(done, total),
        trace: (r: TraceRecord) => {
          trace?.write(traceLine(scenario.name ?? file, r));
          records?.write(recordLine(maker.record(r)));
        },
      });
      progress.done();
      results.push({ label: file, file, scenario, result, model });
      if (signal.aborted) break;
    }
    for (const w of writers) w.commit();
  } catch (e) {
    for (const w of writers) w.discard();
    throw e;
  }
  finishRun(results, flags);
  return signal.aborted ? EXIT.interrupted : EXIT.ok;
}
