/**
 * Instructions per call under callgrind (issue 17): counts, not seconds, so they do not swing with
 * the machine's load. Each implementation runs the MMcM model twice in fresh processes, with N and
 * 3N calls; the difference over 2N calls leaves out start-up and most of the JIT warm-up. V8 runs
 * single-threaded here (--single-threaded), so that its background compiler does not blur the counts.
 *   node bench/instructions.js [--calls 50000]
 */
import { spawnSync } from "node:child_process";

function collected(name, calls) {
  const r = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, "--single-threaded", "bench/case.js", name, String(calls)], { encoding: "utf8", maxBuffer: 1 << 26 });
  const m = /Collected : (\d+)/.exec(r.stderr ?? "");
  if (r.status !== 0 || !m) throw new Error(`callgrind of ${name} ${calls} failed (is valgrind installed?):\n${(r.stderr ?? "").slice(-2000)}`);
  return Number(m[1]);
}

/** Instructions per call of ccsim and the hand loop, and their ratio; null without valgrind. */
export function instructionsPerCall(calls = 50000) {
  if (spawnSync("valgrind", ["--version"]).status !== 0) return null;
  const perCall = (name) => (collected(name, 3 * calls) - collected(name, calls)) / (2 * calls);
  const ccsim = perCall("ccsim");
  const hand = perCall("hand");
  return { ccsim, hand, ratio: ccsim / hand, calls };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const calls = Number(process.argv[process.argv.indexOf("--calls") + 1]) || 50000;
  const r = instructionsPerCall(calls);
  console.log(r ? `instructions per call: ccsim ${Math.round(r.ccsim)}, hand loop ${Math.round(r.hand)} (${r.ratio.toFixed(2)}×)` : "valgrind is not installed");
}
