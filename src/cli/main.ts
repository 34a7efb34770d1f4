/**
 * The `ccsim` command line: the only code that touches argv, files, the console and exit codes.
 *
 * Exit codes: 0 success; 2 bad input (usage, invalid scenario); 3 output refused or not
 * writable; 130 interrupted (partial results written); 70 internal error (a bug: please report).
 */
import { Command, CommanderError, Option } from "commander";
import { MONEY_PERIODS, type MoneyPer } from "../report/period.js";
import { VERSION } from "../report/results.js";
import { formatDiagnostics, loadScenarioFile } from "../scenario/load.js";
import { parseShard, type ShardSpec } from "../experiment/shard.js";
import { CliError, EXIT, parsePositiveInt, parseSeed } from "./common.js";
import { compareCommand, type CompareFlags } from "./compare.js";
import { mergeCommand, type MergeFlags } from "./merge.js";
import { runCommand, type RunFlags } from "./run.js";
import type { ReportFlags } from "./report.js";
import type { StaffFlags } from "./staff.js";
import type { FitFlags } from "./fit.js";
import type { BacktestFlags } from "./backtest.js";
import { sweepCommand, type SweepFlags } from "./sweep.js";

function validateCommand(files: string[]): number {
  let invalid = 0;
  for (const file of files) {
    const r = loadScenarioFile(file);
    if (r.warnings.length) process.stderr.write(formatDiagnostics(r.warnings) + "\n");
    if (r.ok) process.stdout.write(`ok ${file}${r.warnings.length ? ` (${r.warnings.length} warning${r.warnings.length === 1 ? "" : "s"})` : ""}\n`);
    else {
      process.stderr.write(formatDiagnostics(r.errors) + "\n");
      invalid++;
    }
  }
  return invalid ? EXIT.input : EXIT.ok;
}

const int = (name: string, min = 1) => (v: string) => parsePositiveInt(name, v, min);

function shardArg(v: string): ShardSpec {
  try {
    return parseShard(v);
  } catch (e) {
    throw new CliError(`ccsim: --shard: ${(e as Error).message}`, EXIT.input);
  }
}

function moneyPerArg(v: string): MoneyPer {
  if ((MONEY_PERIODS as readonly string[]).includes(v)) return v as MoneyPer;
  throw new CliError(`ccsim: --per takes ${MONEY_PERIODS.join(", ")} (got "${v}")`, EXIT.input);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `--set path=value` (repeatable), the same on every command that loads scenarios (sweep takes lists of values). */
const SET_HELP = "override a scenario value, e.g. agentGroups.agents.staffing.constant=12 or contactTypes.calls.patience=5m (repeatable)";

/** --precision and its companions: replications in batches until the answer is known well enough. */
function precisionOptions(cmd: Command): Command {
  return cmd
    .option("--precision <p>", "add replications in batches until the 95% CI's half-width is within p of the mean (e.g. 1%) for the cost (or --precision-kpi) of each scenario, or of each paired difference when comparing")
    .option("--precision-kpi <kpi>", "what --precision is about: totalCost, operatingCost, costPerHandled, costPerResolved, serviceLevel, abandonRate, asa, fcrRate or occupancy (default: totalCost when costs are known, else serviceLevel)")
    .option("--max-replications <n>", "cap for --precision (default 1000)", int("--max-replications"));
}

/** Flags shared by every command that simulates. */
function simulationOptions(cmd: Command): Command {
  return precisionOptions(cmd)
    .option("-r, --replications <n>", "number of replications (default: the scenario's)", int("--replications"))
    .option("-s, --seed <n>", "random seed (default: the scenario's)", parseSeed)
    .option("-w, --workers <n>", "worker threads (default: this thread alone, joined by workers on free cores when the job is big enough to repay them; 1 runs in this thread)", int("--workers"))
    .option("-o, --out <dir>", "write results (JSON and CSV tables) into this directory")
    .addOption(new Option("-f, --format <format>", "what to print on stdout").choices(["table", "json", "csv"]).default("table"))
    .option("--force", "overwrite files in an existing --out directory")
    .option("-q, --quiet", "no progress bar or warnings");
}

export function buildProgram(setExit: (code: number) => void): Command {
  // Set before any subcommand is added: commander copies these settings into each subcommand,
  // so usage errors anywhere throw (exit code 2) instead of exiting with 1.
  const program = new Command("ccsim").exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .description("Deterministic discrete-event simulation of contact centers: KPIs and costs with confidence intervals.")
    .version(VERSION)
    .showHelpAfterError("(run `ccsim --help` for usage)")
    .addHelpText(
      "after",
      `
Examples:
  ccsim run scenarios/baseline.yaml
  ccsim run scenarios/baseline.yaml --replications 50 --seed 7 --out results/baseline
  ccsim run scenarios/mmc.yaml --format csv > summary.csv
  ccsim compare scenarios/baseline.yaml scenarios/outsourced.yaml scenarios/hybrid.yaml
  ccsim sweep scenarios/mmc.yaml --set agentGroups.agents.staffing.constant=12..18 --out results/sweep
  ccsim staff scenarios/time-varying.yaml --target 80/20 --method simulation
  ccsim report scenarios/baseline.yaml scenarios/outsourced.yaml --out report.html
  ccsim run scenarios/baseline.yaml --shard 0/4 --out shards && … && ccsim merge shards --out results
  ccsim validate scenarios/*.yaml
  ccsim fit calls.csv --out fitted.yaml --calibrate && ccsim backtest fitted.yaml calls.csv

Exit codes: 0 ok, 2 bad input, 3 output refused, 130 interrupted (partial results written), 70 internal error.
Docs: docs/scenarios.md (scenario files), docs/results.md (outputs), docs/records.md (call records, fit, backtest), docs/errors.md (messages).`,
    );

  simulationOptions(
    program
      .command("run")
      .description("simulate scenarios and print KPIs (and costs) with 95% confidence intervals")
      .argument("<files...>", "scenario YAML files"),
  )
    .option("--trace <file>", "write one CSV row per contact attempt (runs in one thread; slower)")
    .option("--records <file>", "write the simulated calls as call records (docs/records.md), as an ACD export would (runs in one thread)")
    .option("--set <path=value>", SET_HELP, collect)
    .option("--shard <i/n>", "run only shard i of n (0-based) of the replications and save it in --out for `ccsim merge`", shardArg)
    .addHelpText("after", `\nExamples:\n  ccsim run scenarios/baseline.yaml\n  ccsim run scenarios/baseline.yaml -r 50 --seed 7 --out results/baseline\n  ccsim run scenarios/mmc.yaml --format csv > summary.csv\n  ccsim run scenarios/mmc.yaml -r 2 --trace trace.csv\n  ccsim run scenarios/baseline.yaml -r 1 --records calls.csv   # then: ccsim fit calls.csv\n  ccsim run scenarios/baseline.yaml --shard 0/4 --out shards   # then: ccsim merge shards --out results\n`)
    .action(async (files: string[], flags: RunFlags & { shard?: ShardSpec }) => setExit(await runCommand(files, flags)));

  simulationOptions(
    program
      .command("compare")
      .description("run scenarios on common random numbers and compare them with the first: paired differences, P(cheapest), a verdict")
      .argument("<files...>", "scenario YAML files; the first is the baseline"),
  )
    .option("--set <path=value>", SET_HELP, collect)
    .option("--independent", "use independent random numbers per option (to see what common random numbers buy)")
    .option("--per <period>", "state money per week, month or year (default: the horizon's own period)", moneyPerArg)
    .option("--assumption-points <n>", "plausible cases sampled from the scenarios' uncertain assumptions (default 24; 0 for none)", int("--assumption-points", 0))
    .option("--inner-replications <n>", "replications per sampled case (default 2)", int("--inner-replications"))
    .option("--no-uncertainty", "ignore the scenarios' uncertain assumptions (the stated values only)")
    .option("--shard <i/n>", "run only shard i of n (0-based) and save it in --out for `ccsim merge`", shardArg)
    .addHelpText("after", `\nExamples:\n  ccsim compare scenarios/baseline.yaml scenarios/outsourced.yaml scenarios/hybrid.yaml\n  ccsim compare scenarios/baseline.yaml scenarios/callbacks.yaml -r 50 --out results/callbacks\n  ccsim compare a.yaml b.yaml --independent   # what common random numbers buy\n`)
    .action(async (files: string[], flags: CompareFlags) => setExit(await compareCommand(files, flags)));

  simulationOptions(
    program
      .command("sweep")
      .description("run a grid of parameter values on common random numbers and write one tidy table")
      .argument("<file>", "scenario YAML file"),
  )
    .requiredOption("--set <path=values>", "a parameter and its values, e.g. agentGroups.agents.staffing.constant=10,12,14 or …=10..20:2 (repeatable: the grid is their product)", collect)
    .option("--shard <i/n>", "run only shard i of n (0-based) and save it in --out for `ccsim merge`", shardArg)
    .addHelpText("after", `\nExamples:\n  ccsim sweep scenarios/mmc.yaml --set agentGroups.agents.staffing.constant=12..18\n  ccsim sweep scenarios/baseline.yaml --set contactTypes.billing.ivr.containment=0.2,0.3,0.4 --format csv > sweep.csv\n`)
    .action(async (file: string, flags: SweepFlags) => setExit(await sweepCommand(file, flags)));

  program
    .command("staff")
    .description("agents needed per interval (Erlang C, Erlang A, simulation), a shift plan at the fewest paid hours, and its simulated service level")
    .argument("<file>", "scenario YAML file")
    .option("-t, --target <SL/T>", 'service-level target for every contact type, e.g. "80/20" (80% answered within 20 s; default: each type\'s own from the scenario)')
    .option("--asa <seconds>", "ceiling on the average speed of answer, e.g. 30s")
    .option("--abandon <share>", "cap on abandonment, e.g. 5%")
    .option("--occupancy <share>", "ceiling on agent occupancy, e.g. 85%")
    .option("-g, --group <name>", "plan only this agent group (default: every group that is not elastic, together)")
    .addOption(new Option("-m, --method <method>", "auto: Erlang A (C without abandonment) corrected by simulation; erlangC/erlangA: the formulas alone; simulation: the iterative staffing algorithm, then corrected").choices(["auto", "erlangC", "erlangA", "simulation"]).default("auto"))
    .option("--iterations <n>", "most simulation iterations (default 30; 25 for the iterative staffing algorithm)", int("--iterations"))
    .option("-r, --replications <n>", "replications for the simulation (default: the scenario's)", int("--replications"))
    .option("-s, --seed <n>", "random seed (default: the scenario's)", parseSeed)
    .option("--set <path=value>", SET_HELP, collect)
    .option("--shift-lengths <list>", "allowed paid shift lengths", "8.5h,6h,4h")
    .option("--lunch <duration>", "unpaid-time break placed mid-shift in shifts of 6 hours or more (0 for none)", "30m")
    .option("--time-limit <s>", "seconds the shift solver may take", int("--time-limit"))
    .option("-o, --out <dir>", "write requirements.csv, shifts.yaml, staffing.json and staffed.yaml (the input with the plan: `ccsim run` on it reproduces the check)")
    .addOption(new Option("-f, --format <format>", "what to print on stdout").choices(["table", "json", "csv"]).default("table"))
    .option("--force", "overwrite files in an existing --out directory")
    .option("-q, --quiet", "no progress messages")
    // Loaded on demand: the shift solver (HiGHS, WebAssembly) is not needed by other commands.
    .addHelpText("after", `\nExamples:\n  ccsim staff scenarios/mmc.yaml --target 80/20\n  ccsim staff scenarios/time-varying.yaml --target 80/20 --method simulation --out results/staff\n  ccsim staff scenarios/baseline.yaml --out results/staff        (every group together)\n  ccsim staff scenarios/baseline.yaml --group specialists --target 80/20 --shift-lengths 8.5h,4h\n`)
    .action(async (file: string, flags: StaffFlags) => setExit(await (await import("./staff.js")).staffCommand(file, flags)));

  program
    .command("report")
    .description("run scenarios (compared with the first) and write a standalone HTML page with the verdict, charts and tables")
    .argument("<files...>", "scenario YAML files; the first is the baseline")
    .option("-o, --out <file>", "the HTML file to write", "report.html")
    .option("-r, --replications <n>", "number of replications (default: the first scenario's)", int("--replications"))
    .option("-s, --seed <n>", "random seed (default: the first scenario's)", parseSeed)
    .option("-w, --workers <n>", "worker threads (default: chosen from the job, as for run)", int("--workers"))
    .option("--precision <p>", "add replications until the 95% CI's half-width is within p of the mean (e.g. 1%), as for compare")
    .option("--precision-kpi <kpi>", "what --precision is about (default: totalCost when costs are known, else serviceLevel)")
    .option("--max-replications <n>", "cap for --precision (default 1000)", int("--max-replications"))
    .option("--title <text>", "page title")
    .option("--set <path=value>", SET_HELP, collect)
    .option("--per <period>", "state money per week, month or year (default: the horizon's own period)", moneyPerArg)
    .option("--assumption-points <n>", "plausible cases sampled from the scenarios' uncertain assumptions (default 24; 0 for none)", int("--assumption-points", 0))
    .option("--inner-replications <n>", "replications per sampled case (default 2)", int("--inner-replications"))
    .option("--no-uncertainty", "ignore the scenarios' uncertain assumptions (the stated values only)")
    .option("--force", "overwrite an existing file")
    .option("-q, --quiet", "no progress bar or warnings")
    // Loaded on demand: the chart renderer (vega) is not needed by other commands.
    .addHelpText("after", `\nExamples:\n  ccsim report scenarios/baseline.yaml scenarios/outsourced.yaml scenarios/hybrid.yaml --out report.html\n`)
    .action(async (files: string[], flags: ReportFlags) => setExit(await (await import("./report.js")).reportCommand(files, flags)));

  program
    .command("merge")
    .description("combine the shards of a run, comparison or sweep into exactly the result of a single run")
    .argument("<paths...>", "shard files or directories holding shard-*.json.gz")
    .option("-o, --out <dir>", "write the results into this directory")
    .addOption(new Option("-f, --format <format>", "what to print on stdout").choices(["table", "json", "csv"]).default("table"))
    .option("--force", "overwrite files in an existing --out directory")
    .option("-q, --quiet", "no warnings")
    .option("--allow-partial", "merge shards that were interrupted (named on stderr; the result is marked partial) instead of refusing them")
    .addHelpText("after", `\nExamples:\n  ccsim merge shards --out results\n  ccsim merge shards/shard-0-of-2.json.gz shards/shard-1-of-2.json.gz --format csv\n`)
    .action(async (paths: string[], flags: MergeFlags) => setExit(await mergeCommand(paths, flags)));

  // Loaded on demand, like staff and report: only these two commands read call records.
  program
    .command("fit")
    .description("fit a scenario to call records: arrivals, handle times, patience (censored), IVR, staffing; with a report and charts")
    .argument("<records...>", "call-records CSV files (docs/records.md)")
    .requiredOption("-o, --out <file>", "the scenario YAML to write (its report and charts go to FILE.fit/)")
    .option("--mapping <file>", "a column-mapping YAML for exports that name or split fields differently")
    .option("--interval <minutes>", "planning interval: 15, 30 or 60", "30")
    .option("--threshold <seconds>", "service-level threshold written into the scenario", "20")
    .option("--calibrate", "choose effective staffing per interval by simulation so that abandonment per interval matches the records")
    .option("-r, --replications <n>", "replications per calibration round (default 10)", int("--replications"))
    .option("-s, --seed <n>", "random seed for the calibration (default: the scenario's)", parseSeed)
    .option("--force", "overwrite an existing scenario file and fit folder")
    .option("-q, --quiet", "no progress messages")
    .addHelpText("after", `\nExamples:\n  ccsim fit calls-2024-03.csv --out fitted.yaml\n  ccsim fit export.csv --mapping acd-mapping.yaml --interval 15 --out fitted.yaml --calibrate\n`)
    .action(async (files: string[], flags: FitFlags) => setExit(await (await import("./fit.js")).fitCommand(files, flags)));

  program
    .command("backtest")
    .description("simulate a scenario against call records: offered, abandonment, ASA, service level, P(wait>0), busy hours, with a verdict per KPI")
    .argument("<scenario>", "scenario YAML file (its time 0 is midnight of the records' first day)")
    .argument("<records...>", "call-records CSV files (docs/records.md)")
    .option("--mapping <file>", "a column-mapping YAML for exports that name or split fields differently")
    .option("-r, --replications <n>", "number of replications (default: the scenario's)", int("--replications"))
    .option("-s, --seed <n>", "random seed (default: the scenario's)", parseSeed)
    .option("-o, --out <dir>", "write backtest.txt, backtest.json, intervals.csv and charts/")
    .option("--force", "overwrite files in an existing --out directory")
    .option("-q, --quiet", "no progress bar or warnings")
    .addHelpText("after", `\nExamples:\n  ccsim backtest fitted.yaml calls-2024-03.csv --out results/backtest\n`)
    .action(async (scenario: string, records: string[], flags: BacktestFlags) => setExit(await (await import("./backtest.js")).backtestCommand(scenario, records, flags)));

  program
    .command("validate")
    .description("check scenario files and report every error with file, line and field")
    .argument("<files...>", "scenario YAML files")
    .addHelpText("after", `\nExamples:\n  ccsim validate scenarios/*.yaml\n`)
    .action((files: string[]) => setExit(validateCommand(files)));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? EXIT.ok : EXIT.input;
    }
    if (e instanceof CliError) {
      process.stderr.write(e.message + "\n");
      return e.exitCode;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === "string" && ["EACCES", "ENOSPC", "EROFS", "EISDIR", "ENOTDIR", "EEXIST", "EPERM", "ENOENT"].includes(err.code) && err.syscall) {
      process.stderr.write(`ccsim: cannot write output: ${err.message}\n`);
      return EXIT.output;
    }
    process.stderr.write(`ccsim: internal error (a bug; please report it with the scenario):\n${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}
