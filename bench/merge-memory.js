// Peak memory of `ccsim merge` on 1,200 replications of the baseline week in 4 shards
// (issue 15: the target is under 300 MB). Usage:
//   npm run build && node bench/merge-memory.js [SHARD_DIR]
// Without SHARD_DIR it first writes the shards into a temporary folder (about 2 minutes of
// simulation on one thread each); with it, it merges the shards already there.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const REPLICATIONS = 1200;
const SHARDS = 4;
const given = process.argv[2];
const work = mkdtempSync(join(tmpdir(), "ccsim-merge-bench-"));
const shards = given ?? join(work, "shards");
if (!given) {
  for (let i = 0; i < SHARDS; i++) {
    const r = spawnSync(process.execPath, ["bin/ccsim.js", "run", "scenarios/baseline.yaml", "-r", String(REPLICATIONS), "--shard", `${i}/${SHARDS}`, "--out", shards, "-q", "-w", "1"], { stdio: "inherit" });
    if (r.status !== 0) process.exit(1);
  }
}
// The merge in a fresh process that reports its own peak RSS (resourceUsage, in KiB) on exit.
const script = `import("./dist/cli/main.js").then(async ({ main }) => { const code = await main(process.argv.slice(1)); process.stderr.write("maxRSS " + process.resourceUsage().maxRSS + "\\n"); process.exitCode = code; });`;
const started = process.hrtime.bigint();
const r = spawnSync(process.execPath, ["-e", script, "node", "ccsim", "merge", shards, "--out", join(work, "merged"), "-q"], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const rss = Number(/maxRSS (\d+)/.exec(r.stderr ?? "")?.[1] ?? NaN) / 1024;
rmSync(work, { recursive: true, force: true });
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(1);
}
console.log(JSON.stringify({ benchmark: `merge · baseline week × ${REPLICATIONS} in ${SHARDS} shards`, wall: Number(seconds.toFixed(2)), maxRssMB: Math.round(rss), target: "under 300 MB", met: rss < 300 }));
