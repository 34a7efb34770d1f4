/** `ccsim merge SHARDS… --out DIR`: shards of a run, comparison or sweep back into exactly the single-run result. */
import { CliError, EXIT, checkOutputDir } from "./common.js";
import { finishCompare } from "./compare.js";
import { mergeShardFiles, type UnitResult } from "./jobs.js";
import { finishRun } from "./run.js";
import { finishSweep } from "./sweep.js";

export interface MergeFlags {
  out?: string;
  format: "table" | "json" | "csv";
  force?: boolean;
  quiet?: boolean;
  allowPartial?: boolean;
}

export async function mergeCommand(paths: string[], flags: MergeFlags): Promise<number> {
  checkOutputDir(flags.out, flags.force, undefined, paths);
  const { job, units, partial } = await mergeShardFiles(paths, { allowPartial: flags.allowPartial });
  for (const line of partial) process.stderr.write(`ccsim: warning: ${line}; merged with --allow-partial\n`);
  const results: UnitResult[] = units.map((u) => ({ label: u.label, file: u.file, scenario: u.scenario, result: u.result }));
  const settings = (job.settings ?? {}) as { independent?: boolean; set?: string[] };
  switch (job.command) {
    case "run":
      finishRun(results, { ...flags, set: settings.set });
      break;
    case "compare":
      finishCompare(results, flags, !settings.independent);
      break;
    case "sweep":
      if (!settings.set) throw new CliError("ccsim: the sweep shards do not record their --set parameters", EXIT.input);
      finishSweep(results, settings.set, flags);
      break;
  }
  return EXIT.ok;
}
