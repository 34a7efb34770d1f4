/**
 * The cluster recipe (docs/cluster.md): scripts/shard.sh under Kubernetes- and Slurm-style
 * environments, as separate processes, merged, equals one unsharded run bit for bit; the
 * manifests call the same script with consistent shard counts.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const ccsim = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(root, "bin/ccsim.js"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });
const shard = (args: string[], env: Record<string, string>) =>
  spawnSync("bash", [join(root, "scripts/shard.sh"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });

const SCENARIO = `
seed: 5
replications: 6
horizon: { hours: 6 }
contactTypes: { calls: { volume: { perHour: 200 }, handleTime: 180, patience: 120 } }
agentGroups: { agents: { skills: { calls: 1 }, staffing: { constant: 10 }, hourlyWage: 25 } }
`;

describe("sharding on a cluster", () => {
  for (const [scheduler, envOf] of [
    ["a Kubernetes Indexed Job", (i: number) => ({ JOB_COMPLETION_INDEX: String(i), CCSIM_SHARDS: "3" })],
    // Each index submitted on its own, as a retry does (`sbatch --array=2 …`: Slurm then says MIN 2, COUNT 1).
    ["a Slurm job array, every index resubmitted alone", (i: number) => ({ SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_MIN: String(i), SLURM_ARRAY_TASK_COUNT: "1", CCSIM_SHARDS: "3" })],
  ] as const) {
    it(`merges the shards of ${scheduler} into exactly the single-run result`, () => {
      const dir = mkdtempSync(join(tmpdir(), "ccsim-shard-"));
      const file = join(dir, "s.yaml");
      writeFileSync(file, SCENARIO);
      for (let i = 0; i < 3; i++) {
        const r = shard([join(dir, "shards"), "run", file, "-w", "1"], envOf(i));
        expect(r.status, r.stderr).toBe(0);
      }
      const merged = ccsim(["merge", join(dir, "shards"), "--out", join(dir, "merged"), "-q"]);
      expect(merged.status, merged.stderr).toBe(0);
      const single = ccsim(["run", file, "-w", "1", "-q", "--out", join(dir, "single")]);
      expect(single.status, single.stderr).toBe(0);
      for (const f of ["results.json", "summary.csv", "intervals.csv", "replications.csv"]) {
        expect(readFileSync(join(dir, "merged", f), "utf8"), f).toBe(readFileSync(join(dir, "single", f), "utf8"));
      }
    });
  }

  it("refuses to guess a shard when no scheduler says which", () => {
    const env = { ...process.env };
    for (const k of ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "CCSIM_SHARD_INDEX"]) delete env[k];
    const r = spawnSync("bash", [join(root, "scripts/shard.sh"), "/tmp/x", "run", "scenarios/mmc.yaml"], { cwd: root, encoding: "utf8", env });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/CCSIM_SHARD_INDEX/);
  });

  it("under Slurm refuses to guess the shard count from the array (a retry submits fewer indices)", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_MIN: "2", SLURM_ARRAY_TASK_COUNT: "1" };
    delete env.CCSIM_SHARDS;
    delete env.JOB_COMPLETION_INDEX;
    const r = spawnSync("bash", [join(root, "scripts/shard.sh"), "/tmp/x", "run", "scenarios/mmc.yaml"], { cwd: root, encoding: "utf8", env });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/CCSIM_SHARDS/);
  });

  it("passes the time-limit signal to ccsim (the script execs it), which saves a partial shard", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccsim-shard-term-"));
    writeFileSync(join(dir, "s.yaml"), SCENARIO.replace("replications: 6", "replications: 40000"));
    // As Slurm's --signal=B:TERM does: the signal goes to the batch shell's process only.
    const child = spawn("bash", [join(root, "scripts/shard.sh"), join(dir, "shards"), "run", join(dir, "s.yaml"), "-w", "1"], { cwd: root, env: { ...process.env, SLURM_ARRAY_TASK_ID: "0", CCSIM_SHARDS: "2" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (t: string) => (stderr += t));
    await new Promise((r) => setTimeout(r, 2500));
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((r) => child.on("close", (c) => r(c)));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/ccsim: shard 0\/2 stopped after \d+ of 20000 replications \(partial\)/);
    const merged = ccsim(["merge", join(dir, "shards"), "--allow-partial", "-q", "--format", "json"]);
    expect(merged.stderr).toMatch(/^ccsim: cannot merge: shard 1\/2 is missing/);
  });

  it("ships a Slurm recipe that catches the time limit, merges after any ending and can be resubmitted", () => {
    const sbatch = readFileSync(join(root, "deploy/slurm/ccsim-array.sbatch"), "utf8");
    expect(sbatch).toMatch(/^#SBATCH --signal=B:TERM@\d+$/m);
    expect(sbatch).toMatch(/^exec scripts\/shard\.sh /m);
    expect(sbatch).toContain("--dependency=afterany:");
    expect(sbatch).not.toContain("afterok");
    expect(sbatch).toMatch(/--array=2,5/);
    const [, last] = /#SBATCH --array=0-(\d+)/.exec(sbatch)!;
    expect(sbatch).toContain(`CCSIM_SHARDS="\${CCSIM_SHARDS:-${Number(last) + 1}}"`);
  });

  it("ships manifests that run the shard script with matching shard counts", () => {
    const job = parse(readFileSync(join(root, "deploy/kubernetes/indexed-job.yaml"), "utf8"));
    expect(job.spec.completionMode).toBe("Indexed");
    const container = job.spec.template.spec.containers[0];
    expect(container.command[0]).toBe("scripts/shard.sh");
    const shards = container.env.find((e: { name: string }) => e.name === "CCSIM_SHARDS").value;
    expect(Number(shards)).toBe(job.spec.completions);
    const sbatch = readFileSync(join(root, "deploy/slurm/ccsim-array.sbatch"), "utf8");
    expect(sbatch).toMatch(/#SBATCH --array=0-7/);
    expect(sbatch).toContain("scripts/shard.sh");
  });
});
