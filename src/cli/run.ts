/** `ccsim run FILE…`: simulate, print KPIs with confidence intervals, write results. */
import { join } from "node:path";
import { diagnoseModel, diagnoseResult } from "../experiment/diagnose.js";
import { createWorkerPool, defaultWorkers, runScenarioParallel, type WorkerPool } from "../experiment/pool.js";
import type { ExperimentResult } from "../experiment/replicate.js";
import { costReport, hasCosts, type CostReport } from "../models/cost.js";
import { intervalsCsv, replicationsCsv, resultsDocument, summaryCsv, toJson } from "../report/results.js";
import { kpiTable } from "../report/table.js";
import { describeFinding, type RunWarning } from "../report/warnings.js";
import type { Scenario } from "../scenario/schema.js";
import type { TraceRecord } from "../sim/engine.js";
import { compileModel } from "../sim/model.js";
import { EXIT, checkOutputDir, interruptible, loadAll, outputDirFor } from "./common.js";
import { AtomicLineWriter, writeFileAtomic } from "./files.js";
import { Progress } from "./progress.js";

export interface RunFlags {
  replications?: number;
  seed?: number;
  out?: string;
  format: "table" | "json" | "csv";
  trace?: string;
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

export function writeOutcome(dir: string, o: Outcome): void {
  writeFileAtomic(join(dir, "results.json"), toJson(resultsDocument(o.result, o.costs, o.file, o.warnings)));
  writeFileAtomic(join(dir, "summary.csv"), summaryCsv(o.result, o.costs));
  writeFileAtomic(join(dir, "intervals.csv"), intervalsCsv(o.result));
  writeFileAtomic(join(dir, "replications.csv"), replicationsCsv(o.result, o.costs));
}

export function printWarnings(file: string, warnings: readonly RunWarning[]): void {
  for (const w of warnings) process.stderr.write(`${file}: warning [${w.code}]: ${w.message}\n`);
}

const TRACE_HEADER = "scenario,replication,type,segment,origin,arrival_s,outcome,wait_s,talk_s,group,resolved\n";

function csvField(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function traceLine(scenario: string, r: TraceRecord): string {
  return [csvField(scenario), r.replication, r.type, r.segment, r.origin, r.arrival.toFixed(3), r.outcome, r.wait.toFixed(3), r.talk.toFixed(3), r.group, r.resolved === null ? "" : r.resolved].join(",") + "\n";
}

export async function runCommand(files: string[], flags: RunFlags): Promise<number> {
  const loaded = loadAll(files, { quiet: flags.quiet });
  checkOutputDir(flags.out, flags.force);
  const { signal, dispose } = interruptible();
  const trace = flags.trace ? new AtomicLineWriter(flags.trace) : null;
  trace?.write(TRACE_HEADER);
  const workers = flags.trace ? 1 : (flags.workers ?? defaultWorkers());
  const pool: WorkerPool | null = workers > 1 ? createWorkerPool(workers) : null;
  const printed: string[] = [];
  try {
    for (const { file, scenario } of loaded) {
      const preRun = diagnoseModel(compileModel(scenario)).map((f) => describeFinding(f));
      const progress = new Progress(file, !flags.quiet);
      const result = await runScenarioParallel(scenario, {
        replications: flags.replications,
        seed: flags.seed,
        signal,
        pool: pool ?? undefined,
        onProgress: (done, total) => progress.update(done, total),
        trace: trace ? (r: TraceRecord) => trace.write(traceLine(scenario.name ?? file, r)) : undefined,
      });
      progress.done();
      const outcome = outcomeOf(file, scenario, result, preRun);
      if (!flags.quiet) printWarnings(file, outcome.warnings);
      if (flags.out) writeOutcome(outputDirFor(flags.out, file, loaded.length > 1), outcome);
      if (flags.format === "json") printed.push(toJson(resultsDocument(result, outcome.costs, file, outcome.warnings)).trimEnd());
      else if (flags.format === "csv") printed.push(summaryCsv(result, outcome.costs));
      else printed.push(kpiTable(result, outcome.costs, loaded.length > 1 ? file : undefined) + "\n");
      if (signal.aborted) break;
    }
    trace?.commit();
  } catch (e) {
    trace?.discard();
    throw e;
  } finally {
    dispose();
    await pool?.close();
  }
  process.stdout.write(flags.format === "json" && printed.length > 1 ? `[${printed.join(",\n")}]\n` : flags.format === "json" ? printed.join("") + "\n" : printed.join("\n"));
  return signal.aborted ? EXIT.interrupted : EXIT.ok;
}
