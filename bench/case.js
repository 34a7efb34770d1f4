/**
 * One benchmark measurement, run in its own process so that its peak memory is its own:
 *   node bench/case.js <case> [arguments]
 * prints one JSON line: { case, wall, events, calls, maxRssMB, … }. `bench/run.js` drives it.
 *
 * Cases
 *   ccsim N        the MMcM model through the full ccsim path: scenario file → validated scenario →
 *                  run model → engine → KPIs of the replication (N arrivals), once, in a fresh process
 *   suite R N      ccsim, the hand loop and simjs on MMcM, R runs each after one warm-up round,
 *                  interleaved in one process
 *   hand N         the minimal hand-written loop of the same model (bench/handloop.js)
 *   simjs N        the same model in simjs (bench/simjs-mmcm.js)
 *   cli N          the whole `ccsim run` command in this process (its start-up is measured by run.js)
 *   week R W       the bundled in-house baseline week, R replications (R > 20) on W worker threads:
 *                  wall seconds, and replications per second once the first 20 are done
 *   bare R W       the same replications on W bare threads (no pool): the machine's ceiling
 *   big            the big center: 5,000 agents, four weeks, one replication
 *   import         `import("ccsim")` in a fresh process: the library without drawing a chart
 *   staff          `ccsim staff scenarios/baseline.yaml --method simulation`: a week of half hours for
 *                  two groups (iterative staffing algorithm, simulation correction, shifts, check)
 *   validate MB    loading scenario files of MB megabytes (default 1) and 4× that: unknown keys, one long
 *                  list, many types and groups (bench/big-inputs.js); first load and warm median per kind
 *   csv MB KIND    loading a scenario that reads an MB-megabyte CSV (default 200), KIND empirical or
 *                  replay, in a fresh process: wall and peak RSS
 *   fit            a month of call records (bench/month.yaml, about 50,000 attempts, simulated here
 *                  first): the whole `ccsim fit` process, and `ccsim fit --calibrate`
 */
import { performance } from "node:perf_hooks";

const DAY = 86400;
/** Completions before the week case starts measuring throughput. */
const STEADY = 20;
const [name, a, b] = process.argv.slice(2);
const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);
const print = (o) => process.stdout.write(JSON.stringify({ case: name, ...o, maxRssMB: rss() }) + "\n");
const mmcmOverrides = (calls) => [
  { path: ["horizon", "maxArrivals"], value: calls, label: "bench" },
  // Enough days for every arrival (λ = 0.32/s) and the last ones to finish.
  { path: ["horizon", "days"], value: Math.min(366, Math.ceil(calls / 0.32 / DAY) + 2), label: "bench" },
];

/** The MMcM model through the full ccsim path: scenario file → validated scenario → model → engine → KPIs. */
function runCcsim(ccsim, calls) {
  const { scenario } = ccsim.loadScenarioOrThrow("bench/mmcm.yaml", { overrides: mmcmOverrides(calls) });
  const model = ccsim.compileModel(scenario);
  const stats = ccsim.simulate(model, ccsim.streams(scenario.seed).fork(0), 0);
  const result = ccsim.replicationResult(stats, model);
  return { events: stats.events, calls: result.totals.types.all.offered, status: stats.status, abandonRate: result.totals.types.all.abandonRate };
}

/** What a baseline's result reports: its events, calls and abandonment rate. */
function baselineRun(r) {
  return { events: r.events, calls: r.calls, abandonRate: r.abandoned / r.calls };
}

switch (name) {
  case "ccsim": {
    const t0 = performance.now();
    const ccsim = await import("../dist/index.js");
    const t1 = performance.now();
    const r = runCcsim(ccsim, Number(a));
    print({ wall: (performance.now() - t1) / 1000, importSeconds: (t1 - t0) / 1000, ...r });
    break;
  }
  case "suite": {
    // The three MMcM implementations in one process, run after run, interleaved so that
    // background load hits them alike; run.js takes the medians.
    const runs = Number(a);
    const calls = Number(b);
    const ccsim = await import("../dist/index.js");
    const { runHandLoop } = await import("./handloop.js");
    const { runSimjs } = await import("./simjs-mmcm.js");
    const cases = {
      ccsim: () => runCcsim(ccsim, calls),
      hand: () => baselineRun(runHandLoop({ calls })),
      simjs: () => baselineRun(runSimjs({ calls })),
    };
    const out = {};
    // Round −1 warms up each implementation's compiled code and is not recorded: these are the
    // warm times (the first run in a fresh process is measured by the ccsim/hand/simjs cases).
    for (let i = -1; i < runs; i++) {
      for (const [k, run] of Object.entries(cases)) {
        const t = performance.now();
        const r = run();
        const wall = (performance.now() - t) / 1000;
        if (i >= 0) out[k] = { ...r, samples: [...(out[k]?.samples ?? []), wall] };
      }
    }
    print(out);
    break;
  }
  case "hand": {
    const { runHandLoop } = await import("./handloop.js");
    const t = performance.now();
    const r = baselineRun(runHandLoop({ calls: Number(a) }));
    print({ wall: (performance.now() - t) / 1000, ...r });
    break;
  }
  case "simjs": {
    const { runSimjs } = await import("./simjs-mmcm.js");
    const t = performance.now();
    const r = baselineRun(runSimjs({ calls: Number(a) }));
    print({ wall: (performance.now() - t) / 1000, ...r });
    break;
  }
  case "cli": {
    // The CLI as `ccsim run` runs it, fed the benchmark scenario with N arrivals.
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "ccsim-bench-"));
    const file = join(dir, "mmcm.yaml");
    writeFileSync(file, `extends: ${process.cwd()}/bench/mmcm.yaml\nhorizon: { days: ${Math.min(366, Math.ceil(Number(a) / 0.32 / DAY) + 2)}, maxArrivals: ${Number(a)} }\n`);
    const { main } = await import("../dist/bundle/cli.js");
    const code = await main(["node", "ccsim", "run", file, "-r", "1", "-w", "1", "-q"]);
    print({ exitCode: code, sinceProcessStart: performance.now() / 1000 });
    break;
  }
  case "week": {
    const ccsim = await import("../dist/index.js");
    const { scenario } = ccsim.loadScenarioOrThrow("scenarios/baseline.yaml");
    const replications = Number(a);
    const workers = Number(b);
    const done = [];
    const t = performance.now();
    const result = await ccsim.runScenarioParallel(scenario, { replications, workers, onProgress: () => done.push(performance.now()) });
    const wall = (performance.now() - t) / 1000;
    const events = result.runs.reduce((s, r) => s + r.events, 0);
    const calls = result.runs.reduce((s, r) => s + (r.totals.types.all.offered ?? 0), 0);
    // Throughput once running: replications per second from the STEADY-th completion to the last,
    // leaving out the fixed costs before it (worker start-up, each thread's JIT warm-up).
    const steadyRate = (done.length - STEADY) / ((done[done.length - 1] - done[STEADY - 1]) / 1000);
    print({ wall, steadyRate, firstResult: (done[0] - t) / 1000, summarySeconds: (t + wall * 1000 - done[done.length - 1]) / 1000, events, calls, replications: result.runs.length, workers });
    break;
  }
  case "bare": {
    // The same replications on W bare threads: the ceiling the pool is measured against.
    const { runBareThreads } = await import("./bare-threads.js");
    const r = await runBareThreads(Number(a), Number(b), STEADY);
    print({ ...r, replications: Number(a), workers: Number(b) });
    break;
  }
  case "big": {
    const ccsim = await import("../dist/index.js");
    const t = performance.now();
    const { scenario } = ccsim.loadScenarioOrThrow("bench/big-center.yaml");
    const model = ccsim.compileModel(scenario);
    const stats = ccsim.simulate(model, ccsim.streams(1).fork(0), 0);
    const result = ccsim.replicationResult(stats, model);
    print({ wall: (performance.now() - t) / 1000, events: stats.events, calls: result.totals.types.all.offered, status: stats.status, serviceLevel: result.totals.types.all.serviceLevel });
    break;
  }
  case "staff": {
    // `ccsim staff` on the baseline week (two groups, half-hour intervals) with the iterative
    // staffing algorithm and the simulation correction, in this process; stdout kept for the JSON.
    const { main } = await import("../dist/bundle/cli.js");
    const write = process.stdout.write.bind(process.stdout);
    let out = "";
    process.stdout.write = (chunk) => ((out += chunk), true);
    const t = performance.now();
    const cpu = process.cpuUsage();
    const code = await main(["node", "ccsim", "staff", "scenarios/baseline.yaml", "--method", "simulation", "--format", "json", "-q"]);
    const wall = (performance.now() - t) / 1000;
    const cpuSeconds = process.cpuUsage(cpu).user / 1e6;
    process.stdout.write = write;
    const doc = JSON.parse(out);
    const met = Object.values(doc.check.types).every((v) => v.horizonMet && v.shareOfIntervalsMet >= 0.95);
    print({ wall, cpuSeconds, exitCode: code, groups: doc.groups.length, intervals: doc.requirements.length / doc.groups.length, isaIterations: doc.correction.isa.iterations, corrections: doc.correction.iterations, reason: doc.correction.reason, met });
    break;
  }
  case "fit": {
    const { spawnSync } = await import("node:child_process");
    const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const ccsim = await import("../dist/index.js");
    const format = await import("../dist/records/format.js");
    const dir = mkdtempSync(join(tmpdir(), "ccsim-bench-fit-"));
    try {
      const { scenario } = ccsim.loadScenarioOrThrow("bench/month.yaml");
      const lines = [format.RECORDS_HEADER];
      const maker = new ccsim.RecordMaker(scenario.startDay, 30 * DAY);
      let id = 0;
      // As `ccsim run bench/month.yaml -r 1 --records` writes them.
      ccsim.runScenario(scenario, { replications: 1, detail: "totals", trace: (r) => (id++, lines.push(format.recordLine(maker.record(r)))) });
      const file = join(dir, "month.csv");
      writeFileSync(file, lines.join(""));
      const timed = (args) => {
        const t = performance.now();
        const r = spawnSync(process.execPath, ["bin/ccsim.js", ...args], { encoding: "utf8" });
        if (r.status !== 0) throw new Error(`ccsim ${args.join(" ")} failed:\n${r.stderr}`);
        return (performance.now() - t) / 1000;
      };
      const wall = timed(["fit", file, "--out", join(dir, "fitted.yaml"), "-q"]);
      const calibrateWall = timed(["fit", file, "--out", join(dir, "calibrated.yaml"), "--calibrate", "-q"]);
      print({ wall, calibrateWall, calls: id });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    break;
  }
  case "decision": {
    // `npm start`'s report: the bundled decision set, five options with their default
    // uncertainty (outer sample, break-even searches), as a whole process.
    const { spawnSync } = await import("node:child_process");
    const { mkdtempSync, rmSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "ccsim-bench-decision-"));
    try {
      const files = ["baseline", "outsourced", "hybrid", "ivr-automation", "callbacks"].map((f) => `scenarios/${f}.yaml`);
      const t = performance.now();
      const r = spawnSync(process.execPath, ["bin/ccsim.js", "report", ...files, "--out", join(dir, "report.html"), "-q"], { encoding: "utf8", maxBuffer: 1 << 26 });
      const wall = (performance.now() - t) / 1000;
      if (r.status !== 0) throw new Error(`ccsim report failed:\n${r.stderr}`);
      const lines = r.stdout.split("\n").filter((l) => l.startsWith("• "));
      print({ wall, verdictLines: lines.length, uncertain: lines.some((l) => l.includes("(90% range)")), bytes: readFileSync(join(dir, "report.html")).length });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    break;
  }
  case "validate": {
    // Loading scenario files of `a` MB (default 1) made of unknown keys, one long list, or many
    // types and groups: the first load in this process (what `ccsim run` pays) and the median of
    // three more; and the same at 4× the size, for linearity.
    const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { SCENARIOS } = await import("./big-inputs.js");
    const { loadScenarioFile } = await import("../dist/scenario/load.js");
    const mb = Number(a) || 1;
    const dir = mkdtempSync(join(tmpdir(), "ccsim-bench-validate-"));
    try {
      const kinds = {};
      for (const [kind, make] of Object.entries(SCENARIOS)) {
        const time = (bytes) => {
          const file = join(dir, "s.yaml");
          writeFileSync(file, make(bytes));
          const samples = Array.from({ length: 4 }, () => {
            const t = performance.now();
            loadScenarioFile(file);
            return (performance.now() - t) / 1000;
          });
          return { first: samples[0], warm: samples.slice(1).sort((x, y) => x - y)[1] };
        };
        const one = time(mb * 1e6);
        const four = time(4 * mb * 1e6);
        kinds[kind] = { first: one.first, warm: one.warm, fourTimesWarm: four.warm, ratio: four.warm / one.warm };
      }
      print({ wall: Math.max(...Object.values(kinds).map((k) => k.first)), mb, kinds });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    break;
  }
  case "csv": {
    // A scenario reading an `a` MB CSV (default 200), `b` = empirical or replay, in this fresh process: wall and peak RSS.
    const { mkdtempSync, rmSync, writeFileSync, statSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { csvScenario, writeCsv } = await import("./big-inputs.js");
    const { loadScenarioFile } = await import("../dist/scenario/load.js");
    const kind = b ?? "empirical";
    const dir = mkdtempSync(join(tmpdir(), "ccsim-bench-csv-"));
    try {
      writeCsv(join(dir, "data.csv"), (Number(a) || 200) * 1e6, kind);
      writeFileSync(join(dir, "s.yaml"), csvScenario("data.csv", kind));
      const before = rss();
      const t = performance.now();
      const r = loadScenarioFile(join(dir, "s.yaml"));
      const wall = (performance.now() - t) / 1000;
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
      print({ wall, kind, fileMB: statSync(join(dir, "data.csv")).size / 1e6, startRssMB: before });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    break;
  }
  case "import": {
    const t = performance.now();
    await import("ccsim");
    print({ wall: (performance.now() - t) / 1000 });
    break;
  }
  default:
    process.stderr.write(`unknown benchmark case "${name}"\n`);
    process.exit(2);
}
