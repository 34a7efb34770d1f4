/** `ccsim backtest SCENARIO RECORDS…`: the scenario simulated against the records, KPI by KPI and interval by interval. */
import { join } from "node:path";
import { AlignmentError, backtestScenario } from "../fit/against-records.js";
import { backtestCsv, backtestLines } from "../fit/backtest.js";
import { BACKTEST_KPIS } from "../fit/observed.js";
import { backtestKpiChart } from "../report/charts/fit.js";
import { CliError, EXIT, checkOutputDir, loadAll } from "./common.js";
import { writeFileAtomic, writeFolderAtomic } from "./files.js";
import { Progress } from "./progress.js";
import { loadMappingFile, readRecordFiles } from "./records-files.js";

export interface BacktestFlags {
  mapping?: string;
  replications?: number;
  seed?: number;
  out?: string;
  force?: boolean;
  quiet?: boolean;
}

export async function backtestCommand(scenarioFile: string, recordFiles: string[], flags: BacktestFlags): Promise<number> {
  const [{ scenario }] = loadAll([scenarioFile], { quiet: flags.quiet });
  const replications = flags.replications ?? scenario.replications;
  // A prediction interval is made of the replications' spread: one replication has none, and
  // every KPI would come out "not in the records" with a passing verdict.
  if (replications < 2)
    throw new CliError(`ccsim: a backtest needs at least 2 replications to know the simulation's spread, found ${replications}${flags.replications === undefined ? ` (the scenario's replications: ${replications})` : ""}; use -r 20 or more`, EXIT.input);
  checkOutputDir(flags.out, flags.force);
  const records = readRecordFiles(recordFiles, loadMappingFile(flags.mapping));
  const progress = new Progress(scenarioFile, !flags.quiet);
  let result: ReturnType<typeof backtestScenario>;
  try {
    result = backtestScenario(scenario, records, { replications, seed: flags.seed, onProgress: (d, t) => progress.update(d, t) });
  } catch (e) {
    if (e instanceof AlignmentError) throw new CliError(`ccsim: ${scenarioFile}: ${e.message}`, EXIT.input);
    throw e;
  } finally {
    progress.done();
  }
  const lines = backtestLines(result);
  const u = result.uncovered;
  if (u)
    lines.unshift(`note: the records cover ${u.recordDays} day(s) but the scenario's horizon is ${u.horizonDays} days, and ${(100 * u.simulatedShare).toFixed(1)}% of the simulated calls arrive after the records' last day: totals cannot match; set the scenario's horizon to the records' days (horizon: { days: ${u.recordDays} }) or backtest against records of the whole horizon`);
  if (result.outside > 0) lines.unshift(`note: ${result.outside} records fall outside the scenario's horizon and are not compared`);
  lines.unshift(`${scenarioFile} against ${records.length} call records (${recordFiles.join(", ")}), ${result.replications} replications:`);
  if (flags.out) {
    const summary = {
      scenario: scenarioFile,
      records: recordFiles,
      replications: result.replications,
      pass: result.pass,
      kpis: result.kpis.map((k) => ({ kpi: k.kpi, ...k.whole, insideShare: k.insideShare, worstIntervals: k.worst })),
    };
    const charts = BACKTEST_KPIS.map((k) => [k, backtestKpiChart(result, k)] as const);
    // One folder, complete or not at all (with a manifest), like every other --out: a --force
    // over an older backtest replaces it whole instead of mixing its files with these.
    writeFolderAtomic(flags.out, { force: flags.force, command: "backtest" }, (dir) => {
      writeFileAtomic(join(dir, "backtest.txt"), lines.join("\n") + "\n");
      writeFileAtomic(join(dir, "intervals.csv"), backtestCsv(result));
      writeFileAtomic(join(dir, "backtest.json"), JSON.stringify(summary, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n");
      for (const [k, spec] of charts) writeFileAtomic(join(dir, "charts", `${k}.vl.json`), JSON.stringify(spec, null, 1) + "\n");
    });
  }
  process.stdout.write(lines.join("\n") + "\n");
  return EXIT.ok;
}
