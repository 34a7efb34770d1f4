/**
 * The Slurm recipe (deploy/slurm/ccsim-array.sbatch) on a real one-node Slurm started here
 * (munged, slurmctld and slurmd from Debian's slurm-wlm and munge, installed by
 * scripts/setup.sh; stopped by PID afterwards): a job array where one shard fails, the
 * `afterany` merge that then exits non-zero naming the missing shard, the failed index
 * resubmitted alone (`--array=1`), and the second merge byte-identical to a single run.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, REPO, ccsimOk, expectSameTree, sleep, tempDir, writeScenario } from "../cli/helpers.js";

const TOOLS = ["munged", "slurmctld", "slurmd", "sbatch", "scontrol"];
const missing = TOOLS.filter((t) => spawnSync("sh", ["-c", `command -v ${t}`]).status !== 0);
const isRoot = process.getuid?.() === 0;
const why = !isRoot ? "a one-node Slurm needs root" : missing.length ? `not installed: ${missing.join(", ")} (scripts/setup.sh installs slurm-wlm and munge)` : "";

const dir = tempDir("slurm");
const conf = join(dir, "slurm.conf");
const env = { ...process.env, SLURM_CONF: conf, CCSIM_TEST_DIR: dir, CCSIM_SHARDS: "3" };
const daemons: ChildProcess[] = [];

function slurm(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { env, encoding: "utf8", timeout: 20_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Waits until every task of the job has ended; returns their states and exit codes. */
async function ended(job: string): Promise<{ state: string; exit: string }[]> {
  for (let t = 0; t < 120; t++) {
    const text = slurm("scontrol", ["show", "job", job]);
    const tasks = [...text.matchAll(/JobState=(\S+)[\s\S]*?ExitCode=(\S+)/g)].map((m) => ({ state: m[1], exit: m[2] }));
    if (tasks.length && tasks.every((x) => /^(COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL)$/.test(x.state))) return tasks;
    await sleep(500);
  }
  throw new Error(`job ${job} did not end:\n${slurm("scontrol", ["show", "job", job])}`);
}

beforeAll(async () => {
  if (why) return;
  const node = hostname().split(".")[0];
  const port = 20000 + (process.pid % 10000) * 2;
  for (const d of ["state", "spool", "logs", "shards"]) mkdirSync(join(dir, d));
  writeFileSync(join(dir, "munge.key"), randomBytes(1024), { mode: 0o600 });
  writeFileSync(
    conf,
    [
      "ClusterName=ccsimtest",
      `SlurmctldHost=${node}`,
      "SlurmUser=root",
      "SlurmdUser=root",
      `SlurmctldPort=${port}`,
      `SlurmdPort=${port + 1}`,
      "AuthType=auth/munge",
      `AuthInfo=socket=${dir}/munge.sock`,
      `StateSaveLocation=${dir}/state`,
      `SlurmdSpoolDir=${dir}/spool`,
      `SlurmctldPidFile=${dir}/slurmctld.pid`,
      `SlurmdPidFile=${dir}/slurmd.pid`,
      `SlurmctldLogFile=${dir}/slurmctld.log`,
      `SlurmdLogFile=${dir}/slurmd.log`,
      "ProctrackType=proctrack/linuxproc",
      "TaskPlugin=task/none",
      "SelectType=select/cons_tres",
      "SelectTypeParameters=CR_Core_Memory",
      "SchedulerType=sched/backfill",
      "MpiDefault=none",
      "ReturnToService=2",
      "JobAcctGatherType=jobacct_gather/none",
      "AccountingStorageType=accounting_storage/none",
      `NodeName=${node} CPUs=2 RealMemory=1000 State=UNKNOWN`,
      "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
      "",
    ].join("\n"),
  );
  const start = (cmd: string, args: string[]) => {
    const child = spawn(cmd, args, { env, stdio: "ignore" });
    daemons.push(child);
  };
  start("munged", ["-F", "--force", "--key-file", join(dir, "munge.key"), "--socket", join(dir, "munge.sock"), "--pid-file", join(dir, "munged.pid"), "--log-file", join(dir, "munged.log"), "--seed-file", join(dir, "munge.seed")]);
  await sleep(500);
  start("slurmctld", ["-D", "-f", conf]);
  start("slurmd", ["-D", "-f", conf]);
  for (let t = 0; t < 60 && !/idle/.test(spawnSync("sinfo", ["-h", "-o", "%T"], { env, encoding: "utf8" }).stdout ?? ""); t++) await sleep(500);
  // The shipped recipe, with its job replaced by a small one, and shard 1 failing until `fixed` exists.
  const recipe = readFileSync(join(REPO, "deploy/slurm/ccsim-array.sbatch"), "utf8")
    .replace(/^#SBATCH --array=.*$/m, "#SBATCH --array=0-2")
    .replace(/^export CCSIM_SHARDS=.*$/m, 'export CCSIM_SHARDS="${CCSIM_SHARDS:-3}"')
    .replace(/^exec scripts\/shard\.sh [\s\S]*$/m, '[ "$SLURM_ARRAY_TASK_ID" != 1 ] || [ -e "$CCSIM_TEST_DIR/fixed" ] || exit 1\nexec scripts/shard.sh "$CCSIM_TEST_DIR/shards" run "$CCSIM_TEST_DIR/s.yaml" -w 1 --force\n');
  writeFileSync(join(dir, "array.sbatch"), recipe);
  writeScenario(dir, "s.yaml", { replications: 6, hours: 4 });
}, 60_000);

afterAll(async () => {
  for (const d of daemons.reverse()) d.kill("SIGTERM");
  await sleep(500);
  for (const d of daemons) if (d.exitCode === null && d.signalCode === null) d.kill("SIGKILL");
});

describe("the Slurm recipe on a one-node Slurm", () => {
  it("reruns a failed shard with --array=1 and merges to exactly a single run's result", async (ctx) => {
    if (why) return ctx.skip(why);
    const common = [`--chdir=${REPO}`, "--mem=200M", "--cpus-per-task=1", `--output=${dir}/logs/ccsim-%A_%a.out`];
    const mergeJob = (after: string) => slurm("sbatch", ["--parsable", `--chdir=${REPO}`, "--mem=300M", `--dependency=afterany:${after}`, `--output=${dir}/logs/merge-%j.out`, "--wrap", `${process.execPath} ${BIN} merge ${dir}/shards --out ${dir}/merged --force`]);
    const array = slurm("sbatch", ["--parsable", ...common, join(dir, "array.sbatch")]);
    const firstMerge = mergeJob(array);
    const states = await ended(array);
    expect(states.map((s) => s.state).sort()).toEqual(["COMPLETED", "COMPLETED", "FAILED"]);
    const [merge1] = await ended(firstMerge);
    // afterany: the merge ran despite the failure, and failed naming the missing shard.
    expect(merge1.state).toBe("FAILED");
    expect(readFileSync(join(dir, "logs", `merge-${firstMerge}.out`), "utf8")).toContain("shard 1/3 is missing (found 2 of 3)");
    // The shard logs say what was saved.
    const logs = readdirSync(join(dir, "logs")).filter((f) => f.startsWith("ccsim-")).map((f) => readFileSync(join(dir, "logs", f), "utf8")).join("");
    expect(logs).toMatch(/ccsim: shard 0\/3 done: 2 replications/);
    writeFileSync(join(dir, "fixed"), "");
    const retry = slurm("sbatch", ["--parsable", ...common, "--array=1", join(dir, "array.sbatch")]);
    const secondMerge = mergeJob(retry);
    expect((await ended(retry)).map((s) => s.state)).toEqual(["COMPLETED"]);
    expect((await ended(secondMerge))[0].state).toBe("COMPLETED");
    ccsimOk(["run", join(dir, "s.yaml"), "-w", "1", "-q", "--out", join(dir, "single")], { cwd: dir });
    expectSameTree(join(dir, "merged"), join(dir, "single"));
  }, 90_000);
});
