/**
 * The Slurm recipe (deploy/slurm/ccsim-array.sbatch) on a real one-node Slurm started here
 * (munged, slurmctld and slurmd from Debian's slurm-wlm and munge, installed by
 * scripts/setup.sh; stopped by PID afterwards):
 * - a job array where one shard fails, the `afterany` merge that then exits non-zero naming the
 *   missing shard, the failed index resubmitted alone (`--array=1`), and the second merge
 *   byte-identical to a single run;
 * - a shard that reaches its time limit (`--time=1`, Slurm's minimum) and is warned by the
 *   recipe's `--signal=B:TERM@…`: it saves a complete partial shard, which `merge` refuses
 *   unless `--allow-partial`, and the index resubmitted with a longer `--time` merges to a single
 *   run's result.
 * The two tests share the cluster and run concurrently (most of the second is waiting for Slurm).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, EXIT, REPO, ccsim, ccsimOk, expectSameTree, sleep, startCcsim, tempDir, writeScenario } from "../cli/helpers.js";

const TOOLS = ["munged", "slurmctld", "slurmd", "sbatch", "scontrol"];
const missing = TOOLS.filter((t) => spawnSync("sh", ["-c", `command -v ${t}`]).status !== 0);
const isRoot = process.getuid?.() === 0;
const why = !isRoot ? "a one-node Slurm needs root" : missing.length ? `not installed: ${missing.join(", ")} (scripts/setup.sh installs slurm-wlm and munge)` : "";

const dir = tempDir("slurm");
const conf = join(dir, "slurm.conf");
const env = { ...process.env, SLURM_CONF: conf, CCSIM_TEST_DIR: dir, CCSIM_SHARDS: "3" };
const daemons: ChildProcess[] = [];
/**
 * The time-limit test: shards of replications/2 replications (about 1.5 s of CPU each), shard 1
 * held to `share` of a core so that it is still running when Slurm's warning comes `warn` s before
 * the 60 s limit. slurmctld looks at time limits every 30 s from its start and warns at the first
 * look within warn + 30 s of the end (its manual: "up to 60 seconds earlier"); the job starts
 * within seconds of slurmctld here, so the warning comes at its first look, about 28 s into the
 * job (29–30 s measured). At 3% of a core ccsim starts in about 5 s and then runs 3–6
 * replications a second (111 done at the warning; 300 would take about 60 s), so the warning
 * finds it with its handler set and far from done. Without `B:` in --signal the task ran into
 * the limit (TIMEOUT) and this test failed, as it should.
 */
const LIMIT = { replications: 600, share: 0.03, warn: 15 };
let cap: string | null = null;

/** `text` with `pattern` replaced; throws when the shipped recipe no longer has what the test edits. */
function edit(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`deploy/slurm/ccsim-array.sbatch no longer matches ${pattern}`);
  return text.replace(pattern, replacement);
}

function slurm(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 20_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout.trim();
}

interface TaskEnd {
  task: string;
  state: string;
  exit: string;
}

/** Waits (polling, up to `seconds`) until every task of the job has ended; returns them by array index. */
async function ended(job: string, seconds = 60): Promise<TaskEnd[]> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const text = slurm("scontrol", ["show", "job", job]);
    const tasks = text.split(/\n\s*\n/).filter((t) => /JobState=/.test(t)).map((t) => ({ task: /ArrayTaskId=(\S+)/.exec(t)?.[1] ?? "", state: /JobState=(\S+)/.exec(t)![1], exit: /ExitCode=(\S+)/.exec(t)![1] }));
    if (tasks.length && tasks.every((x) => /^(COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL)$/.test(x.state))) return tasks.sort((a, b) => Number(a.task) - Number(b.task));
    await sleep(500);
  }
  throw new Error(`job ${job} did not end within ${seconds} s:\n${slurm("scontrol", ["show", "job", job])}`);
}

/**
 * A CPU cgroup holding its processes to `share` of one core, or null where none can be made.
 * The time-limited shard runs in it, so that a shard small enough to rerun and check cheaply
 * still outlasts the signal: it stands for a shard too big for its `--time`.
 */
function cpuCap(name: string, share: number): string | null {
  const period = 100_000;
  const quota = String(Math.round(share * period));
  try {
    const v1 = "/sys/fs/cgroup/cpu";
    if (existsSync(join(v1, "cpu.cfs_quota_us"))) {
      const group = join(v1, name);
      mkdirSync(group);
      writeFileSync(join(group, "cpu.cfs_period_us"), String(period));
      writeFileSync(join(group, "cpu.cfs_quota_us"), quota);
      return group;
    }
    const v2 = "/sys/fs/cgroup";
    if (readFileSync(join(v2, "cgroup.subtree_control"), "utf8").split(/\s+/).includes("cpu")) {
      const group = join(v2, name);
      mkdirSync(group);
      writeFileSync(join(group, "cpu.max"), `${quota} ${period}`);
      return group;
    }
  } catch {
    // not writable here (no root, or a container without cgroup delegation)
  }
  return null;
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
  const shipped = readFileSync(join(REPO, "deploy/slurm/ccsim-array.sbatch"), "utf8");
  // The shipped recipe, with its job replaced by a small one, and shard 1 failing until `fixed` exists.
  let recipe = edit(shipped, /^#SBATCH --array=.*$/m, "#SBATCH --array=0-2");
  recipe = edit(recipe, /^export CCSIM_SHARDS=.*$/m, 'export CCSIM_SHARDS="${CCSIM_SHARDS:-3}"');
  recipe = edit(recipe, /^exec scripts\/shard\.sh [\s\S]*$/m, '[ "$SLURM_ARRAY_TASK_ID" != 1 ] || [ -e "$CCSIM_TEST_DIR/fixed" ] || exit 1\nexec scripts/shard.sh "$CCSIM_TEST_DIR/shards" run "$CCSIM_TEST_DIR/s.yaml" -w 1 --force\n');
  writeFileSync(join(dir, "array.sbatch"), recipe);
  writeScenario(dir, "s.yaml", { replications: 6, hours: 4 });
  // The shipped recipe with Slurm's shortest limit, warned WARN s before it by the recipe's own
  // --signal (its signal and B: kept), two shards, and shard 1 slowed when CCSIM_TEST_CPU_CAP is set.
  let limited = edit(shipped, /^#SBATCH --array=.*$/m, "#SBATCH --array=0-1");
  limited = edit(limited, /^#SBATCH --time=.*$/m, "#SBATCH --time=1");
  limited = edit(limited, /^(#SBATCH --signal=B:TERM)@\d+$/m, `$1@${LIMIT.warn}`);
  limited = edit(limited, /^export CCSIM_SHARDS=.*$/m, 'export CCSIM_SHARDS="${CCSIM_SHARDS:-2}"');
  limited = edit(limited, /^(exec scripts\/shard\.sh) [\s\S]*$/m, '[ -z "${CCSIM_TEST_CPU_CAP:-}" ] || [ "$SLURM_ARRAY_TASK_ID" != 1 ] || echo $$$$ > "$CCSIM_TEST_CPU_CAP/cgroup.procs"\n$1 "$CCSIM_TEST_DIR/limit/shards" run "$CCSIM_TEST_DIR/limit.yaml" -w 1 --force\n');
  writeFileSync(join(dir, "limit.sbatch"), limited);
  writeScenario(dir, "limit.yaml", { replications: LIMIT.replications, hours: 8, perHour: 2000, agents: 110 });
  mkdirSync(join(dir, "limit"));
  mkdirSync(join(dir, "limit", "logs"));
  cap = cpuCap(`ccsim-test-${process.pid}`, LIMIT.share);
}, 60_000);

afterAll(async () => {
  for (const d of daemons.reverse()) d.kill("SIGTERM");
  await sleep(500);
  for (const d of daemons) if (d.exitCode === null && d.signalCode === null) d.kill("SIGKILL");
  if (cap) {
    // A slowed shard still running (after a failure) would keep the group busy: end it first.
    for (const pid of readFileSync(join(cap, "cgroup.procs"), "utf8").split("\n").filter(Boolean)) process.kill(Number(pid), "SIGKILL");
    await sleep(200);
    rmdirSync(cap);
  }
});

describe.concurrent("the Slurm recipe on a one-node Slurm", () => {
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

  it("saves a partial shard at the time limit, which merge refuses unless --allow-partial; the index rerun merges to a single run's result", async (ctx) => {
    if (why) return ctx.skip(why);
    if (!cap) return ctx.skip("no CPU cgroup can be made here (the time-limited shard runs in one to be slow)");
    const limit = join(dir, "limit");
    const shards = join(limit, "shards");
    const submit = (args: string[], extraEnv: NodeJS.ProcessEnv) =>
      slurm("sbatch", ["--parsable", `--chdir=${REPO}`, "--mem=200M", "--cpus-per-task=1", `--output=${limit}/logs/ccsim-%A_%a.out`, ...args, join(dir, "limit.sbatch")], { CCSIM_SHARDS: "2", ...extraEnv });
    const job = submit([], { CCSIM_TEST_CPU_CAP: cap });
    // The single run to compare with, meanwhile.
    const single = startCcsim(["run", join(dir, "limit.yaml"), "-w", "1", "-q", "--out", join(limit, "single")], { cwd: dir, timeoutMs: 120_000 });
    const [fast, slow] = await ended(job, 150);
    expect(fast).toMatchObject({ task: "0", state: "COMPLETED", exit: "0:0" });
    const log = readFileSync(join(limit, "logs", `ccsim-${job}_1.out`), "utf8");
    // Warned before the limit, ccsim saved what it had and exited 130, so Slurm says FAILED (not TIMEOUT).
    expect(slow, log).toMatchObject({ task: "1", state: "FAILED", exit: "130:0" });
    const said = /ccsim: shard 1\/2 stopped after (\d+) of (\d+) replications \(partial\)/.exec(log);
    expect(said, log).not.toBeNull();
    const [done, planned] = [Number(said![1]), Number(said![2])];
    expect(planned).toBe(LIMIT.replications / 2);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(planned);
    // The file is whole: a header marked partial with its replications, one line for each, and
    // the trailer with their count and checksum.
    const name = "shard-1-of-2.json.gz";
    const lines = gunzipSync(readFileSync(join(shards, name))).toString("utf8").split(/(?<=\n)/);
    const header = JSON.parse(lines[0]) as { partial: boolean; units: { planned: number[]; done: number[] }[] };
    expect(header.partial).toBe(true);
    expect(header.units.map((u) => [u.planned.length, u.done.length])).toEqual([[planned, done]]);
    const trailer = JSON.parse(lines.at(-1)!) as { lines: number; sha256: string };
    expect(lines).toHaveLength(done + 2);
    expect(trailer.lines).toBe(done + 1);
    expect(trailer.sha256).toBe(createHash("sha256").update(lines.slice(0, -1).join("")).digest("hex"));
    // merge refuses it, naming the file and its count; --allow-partial takes it and says so.
    const refused = ccsim(["merge", shards, "--out", join(limit, "refused")], { cwd: dir });
    expect(refused.status, refused.stderr).toBe(EXIT.input);
    expect(refused.stderr).toContain(name);
    expect(refused.stderr).toContain(`${done} of its ${planned} replications`);
    expect(existsSync(join(limit, "refused"))).toBe(false);
    const allowed = ccsim(["merge", shards, "--out", join(limit, "allowed"), "--allow-partial"], { cwd: dir });
    expect(allowed.status, allowed.stderr).toBe(EXIT.ok);
    expect(allowed.stderr).toMatch(new RegExp(`${name.replace(/\./g, "\\.")} is partial: ${done} of ${planned} replications`));
    // The index resubmitted alone, with a longer limit (and at full speed): the merge is a single run's result.
    const retry = submit(["--array=1", "--time=5"], {});
    expect(await ended(retry, 60)).toMatchObject([{ task: "1", state: "COMPLETED", exit: "0:0" }]);
    ccsimOk(["merge", shards, "--out", join(limit, "merged"), "-q"], { cwd: dir });
    const singleRun = await single.done;
    expect(singleRun.status, singleRun.stderr).toBe(EXIT.ok);
    expectSameTree(join(limit, "merged"), join(limit, "single"));
  }, 240_000);
});
