/**
 * What every user pays before asking for anything (issue 17): the default worker count against
 * `--workers 1` on every bundled scenario (whole `ccsim run` processes, interleaved rounds,
 * median of the rounds' ratios), and `import("ccsim")` in a fresh process. `bench/run.js` adds these rows;
 * alone:  node bench/defaults.js [--rounds 3]
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function cliSeconds(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ["bin/ccsim.js", ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`ccsim ${args.join(" ")} failed:\n${r.stderr}`);
  return (performance.now() - t) / 1000;
}

/** Default workers against --workers 1 for each bundled scenario: rows and one target. */
export function defaultWorkerRows(rounds = 7) {
  const files = readdirSync("scenarios").filter((f) => f.endsWith(".yaml")).sort();
  const rows = [];
  let worst = 0;
  for (const f of files) {
    const one = [];
    const auto = [];
    for (let i = 0; i < rounds; i++) {
      one.push(cliSeconds(["run", `scenarios/${f}`, "-q", "-w", "1"]));
      auto.push(cliSeconds(["run", `scenarios/${f}`, "-q"]));
    }
    // Within a round, next to each other in time: with three rounds and a ratio of medians, two
    // identical 0.3 s commands (the default is one worker for small jobs) read 1.06×.
    const ratio = median(auto.map((a, i) => a / one[i]));
    worst = Math.max(worst, ratio);
    rows.push({ benchmark: `default workers · ${f}`, wall: median(auto), events: null, calls: null, maxRssMB: 0, note: `${ratio.toFixed(2)}× the time of --workers 1 (${median(one).toFixed(3)} s)` });
  }
  return { rows, worst, targets: { "default workers never slower than --workers 1 (within 5%)": worst <= 1.05 } };
}

/** import("ccsim") in fresh processes. */
export function importRow(runs = 5) {
  const samples = Array.from({ length: runs }, () => {
    const r = spawnSync(process.execPath, ["bench/case.js", "import"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`import case failed:\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split("\n").pop()).wall;
  });
  const wall = median(samples);
  return { row: { benchmark: "import(\"ccsim\") · fresh process", wall, events: null, calls: null, maxRssMB: 0, note: "vega and vega-lite load on the first chart" }, targets: { "library import under 0.2 s": wall < 0.2 } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1]) || 7;
  const imp = importRow();
  const workers = defaultWorkerRows(rounds);
  for (const r of [imp.row, ...workers.rows]) console.log(`${r.benchmark.padEnd(42)} ${r.wall.toFixed(3)} s  ${r.note}`);
  for (const [k, ok] of Object.entries({ ...imp.targets, ...workers.targets })) console.log(`${ok ? "✓" : "✗"} ${k}`);
}
