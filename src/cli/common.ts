/** What every command shares: loading scenarios with their diagnostics, exit codes, interruption, output checks. */
import { existsSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { ShardSpec } from "../experiment/shard.js";
import { formatDiagnostics, loadScenarioFile, parseOverride, type Diagnostic, type Override } from "../scenario/load.js";
import type { Scenario } from "../scenario/schema.js";
import { cleanStale, isNonEmptyDir } from "./files.js";

import { CliError, EXIT } from "./errors.js";

export { CliError, EXIT };

export interface LoadedScenario {
  file: string;
  scenario: Scenario;
  warnings: Diagnostic[];
}

/** `--set path=value` texts as overrides, the same for every command; a malformed one is a CliError. */
export function overridesOf(set: readonly string[] | undefined): Override[] {
  return (set ?? []).map((text) => {
    try {
      return parseOverride(text);
    } catch (e) {
      throw new CliError(`ccsim: ${(e as Error).message}`, EXIT.input);
    }
  });
}

/**
 * A filter that passes each diagnostic about a --set text once: a wrong path fails every file
 * (or every sweep point) the same way, and one cause is one message.
 */
export function onceEach(): (d: Diagnostic) => boolean {
  const said = new Set<string>();
  return (d) => {
    if (!d.file.startsWith("--set ")) return true;
    const key = [d.code, JSON.stringify(d.path), d.found ?? ""].join("\u0000");
    if (said.has(key)) return false;
    said.add(key);
    return true;
  };
}

/** Loads every file (with the --set overrides on each), printing all diagnostics; fails (exit 2) if any file has errors. */
export function loadAll(files: readonly string[], options: { quiet?: boolean; overrides?: Override[]; set?: readonly string[] } = {}): LoadedScenario[] {
  const loaded: LoadedScenario[] = [];
  let failed = 0;
  const overrides = [...(options.overrides ?? []), ...overridesOf(options.set)];
  const firstTime = onceEach();
  for (const file of files) {
    const r = loadScenarioFile(file, { overrides });
    if (r.warnings.length && !options.quiet) process.stderr.write(formatDiagnostics(r.warnings) + "\n");
    if (!r.ok) {
      const fresh = r.errors.filter(firstTime);
      if (fresh.length) process.stderr.write(formatDiagnostics(fresh) + "\n");
      failed++;
    } else loaded.push({ file, scenario: r.scenario, warnings: r.warnings });
  }
  if (failed) throw new CliError(`ccsim: ${failed === 1 ? "a scenario is" : `${failed} scenarios are`} invalid; nothing was run`, EXIT.input);
  return loaded;
}

/**
 * Refuses an existing, non-empty output directory unless --force (nothing already written is ever
 * lost). Shards share one directory: a shard refuses only if its own file is already there.
 */
export function checkOutputDir(out: string | undefined, force: boolean | undefined, shard?: ShardSpec, inputs: readonly string[] = []): void {
  if (!out) return;
  cleanStale(out);
  if (existsSync(out) && !statSync(out).isDirectory()) {
    const what = inputs.some((f) => sameFile(f, out)) ? "an input file" : "a file, not a directory";
    throw new CliError(`ccsim: --out ${out} is ${what}; --out names a directory for the results, e.g. results/run-1`, EXIT.output);
  }
  if (force) return;
  if (shard) {
    const own = join(out, shardFileName(shard));
    if (existsSync(own)) throw new CliError(`ccsim: ${own} already exists; use --force to overwrite it`, EXIT.output);
    return;
  }
  if (isNonEmptyDir(out)) {
    throw new CliError(`ccsim: the output directory "${out}" already has files; use --force to overwrite them, or choose another --out`, EXIT.output);
  }
}

/** True when both paths name one existing file (by device and inode, so links and `./` count). */
export function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * The rules for a single output file (--trace, report --out): not a directory, never one of the
 * inputs (not even with --force), and not an existing file unless --force.
 */
export function checkOutputFile(flag: string, path: string, force: boolean | undefined, inputs: readonly string[]): void {
  cleanStale(path);
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) throw new CliError(`ccsim: ${flag} ${path} is a directory; ${flag} names a file, e.g. ${join(path, flag === "--trace" ? "trace.csv" : flag === "--records" ? "calls.csv" : "report.html")}`, EXIT.output);
  const input = inputs.find((f) => sameFile(f, path));
  if (input) throw new CliError(`ccsim: ${flag} ${path} is the input file ${input}; choose another file name (not even --force overwrites an input)`, EXIT.output);
  if (!force) throw new CliError(`ccsim: ${path} already exists; use --force to overwrite it`, EXIT.output);
}

/** The file a shard writes into its --out directory. */
export function shardFileName(shard: ShardSpec): string {
  return `shard-${shard.index}-of-${shard.count}.json.gz`;
}

/** The output directory of one file among several: DIR/<file name without extension>. */
export function outputDirFor(out: string, file: string, many: boolean): string {
  return many ? join(out, basename(file, extname(file))) : out;
}

/**
 * Ctrl-C / SIGTERM: the first stops the run and lets the command write what it has, marked
 * partial; a second quits at once. Returns the signal and a function that removes the handlers.
 */
export function interruptible(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write("\nccsim: interrupted; writing the replications completed so far (press again to quit at once)\n");
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/**
 * Upper bounds of what a command may be asked, checked before any work starts (docs/scenarios.md,
 * "Limits"): far beyond real use, well below what exhausts memory.
 */
export const BOUNDS = {
  replications: 100_000,
  workers: 64,
  sweepPoints: 10_000,
} as const;

const BOUND_OF: Readonly<Record<string, number>> = { "--replications": BOUNDS.replications, "--workers": BOUNDS.workers, "--max-replications": BOUNDS.replications };

export function parsePositiveInt(name: string, value: string, min = 1): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  const max = BOUND_OF[name] ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(n) || n < min) throw new CliError(`ccsim: ${name} must be a whole number of at least ${min} (got "${value}")`, EXIT.input);
  if (n > max) throw new CliError(`ccsim: ${name} is at most ${max.toLocaleString("en-US")} (got ${value.trim()})`, EXIT.input);
  return n;
}

export function parseSeed(value: string): number {
  // Number("") is 0: an empty seed must not quietly run as seed 0.
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1) throw new CliError(`ccsim: --seed must be a whole number from 0 to 4294967295 (got "${value}")`, EXIT.input);
  return n;
}
