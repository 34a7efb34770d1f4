/**
 * Mutation testing of the kernel and the models with StrykerJS, one source file per Stryker run
 * (each with its own incremental file under test/mutation/incremental/, so a run of one file
 * never forgets the results of the others), then the score per file into test/mutation/scores.json.
 *
 *   npm run mutation                         every file of src/sim and src/models
 *   npm run mutation -- src/sim/calendar.ts  the files named
 *   npm run mutation -- --changed            only files whose source changed since their recorded score
 *                                            (CI: then fails if a file falls below its floor)
 *
 * Incremental: Stryker re-tests only the mutants whose code or covering tests changed since the
 * committed incremental file; the rest keep their recorded result.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

const SCORES = "test/mutation/scores.json";

/**
 * The tests written for each source file (the rest of the suite covers it too, but running all
 * of it for every mutant would take hours on two cores). Files not listed get every in-process
 * test of vitest.mutation.config.ts.
 */
const ENGINE_TESTS = ["test/sim/engine.test.ts", "test/sim/engine-routing.test.ts", "test/sim/engine-agents.test.ts", "test/sim/kernel-rules.test.ts", "test/sim/lean-path.test.ts", "test/sim/plain-kernel.test.ts", "test/golden/*.test.ts", "test/property/*.test.ts"];
const TESTS_FOR = {
  "src/sim/calendar.ts": ["test/sim/calendar*.test.ts", "test/sim/kernel-rules.test.ts"],
  "src/sim/random.ts": ["test/sim/random*.test.ts", "test/golden/streams.test.ts"],
  "src/sim/distributions.ts": ["test/sim/distribution*.test.ts"],
  "src/sim/profiles.ts": ["test/sim/profiles.test.ts"],
  "src/sim/duty.ts": ["test/sim/shrinkage.test.ts", "test/sim/breaks.test.ts"],
  "src/sim/forecast.ts": ["test/sim/forecast*.test.ts"],
  "src/sim/engine.ts": ENGINE_TESTS,
  "src/sim/plain-kernel.ts": ["test/sim/plain-kernel.test.ts"],
  // The compiled model is read by every engine test; these are the fast ones that pin its fields'
  // effects (per-feature goldens, shrinkage, breaks, profiles, forecasts), and the compiled fields themselves.
  "src/sim/model.ts": ["test/golden/kpis.test.ts", "test/sim/engine.test.ts", "test/sim/profiles.test.ts", "test/sim/shrinkage.test.ts", "test/sim/breaks.test.ts", "test/sim/forecast-formulas.test.ts", "test/sim/model-compile.test.ts", "test/sim/model-groups.test.ts", "test/sim/forecast.test.ts"],
  "src/sim/stats.ts": ["test/sim/stats.test.ts"],
  "src/models/erlang.ts": ["test/models/erlang*.test.ts"],
  "src/models/cost.ts": ["test/models/cost*.test.ts"],
  "src/models/money.ts": ["test/models/money.test.ts"],
  "src/models/scheduling.ts": ["test/models/scheduling*.test.ts"],
  "src/models/targets.ts": ["test/models/targets.test.ts"],
  "src/models/uncertain-costs.ts": ["test/models/uncertain-costs.test.ts"],
};
const args = process.argv.slice(2);
const changedOnly = args.includes("--changed");
const named = args.filter((a) => !a.startsWith("--"));

const all = ["src/sim", "src/models"].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => `${dir}/${f}`));
const recorded = existsSync(SCORES) ? JSON.parse(readFileSync(SCORES, "utf8")).files : {};
const hash = (file) => createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);

let files = named.length > 0 ? named : all;
const incrementalFile = (file) => `test/mutation/incremental/${file.replace(/^src\//, "").replaceAll("/", "-").replace(/\.ts$/, "")}.json`;
if (changedOnly) {
  // Only files with a recorded score and incremental results: Stryker then re-tests just the
  // mutants in changed code, which keeps CI short. A file never measured is a full run (hours):
  // measure it on purpose with `npm run mutation -- FILE` and commit the results.
  const unmeasured = files.filter((f) => !recorded[f] || !existsSync(incrementalFile(f)));
  if (unmeasured.length > 0) console.log(`mutation: not measured yet, skipped: ${unmeasured.join(", ")}`);
  files = files.filter((f) => !unmeasured.includes(f) && recorded[f].sourceHash !== hash(f));
}
if (files.length === 0) {
  console.log("mutation: no source file changed since its recorded score");
  process.exit(0);
}

mkdirSync("test/mutation/incremental", { recursive: true });
let failed = false;
for (const file of files) {
  const incremental = incrementalFile(file);
  console.log(`mutation: ${file} (incremental file ${incremental})`);
  // A config per file (its own report and sandbox), so that two files can be mutated at once.
  const name = incremental.replace(/^.*\//, "").replace(/\.json$/, "");
  const report = `reports/mutation/${name}.json`;
  mkdirSync("reports/mutation", { recursive: true });
  // Other files' sandboxes (runs at the same time) are not part of the project: never copy them.
  const base = JSON.parse(readFileSync("stryker.config.json", "utf8"));
  const config = { ...base, jsonReporter: { fileName: report }, tempDirName: `.stryker-tmp-${name}`, ignorePatterns: [...(base.ignorePatterns ?? []), "/.stryker-tmp-*"] };
  delete config.$schema;
  writeFileSync(`reports/mutation/${name}.config.json`, JSON.stringify(config, null, 2));
  const r = spawnSync("npx", ["stryker", "run", `reports/mutation/${name}.config.json`, "--mutate", file, "--incremental", "--incrementalFile", incremental], {
    stdio: "inherit",
    env: { ...process.env, ...(TESTS_FOR[file] ? { MUTATION_TESTS: TESTS_FOR[file].join(",") } : {}) },
  });
  if (r.status !== 0) {
    console.error(`mutation: Stryker failed on ${file}`);
    failed = true;
    continue;
  }
  const check = spawnSync("node", ["scripts/mutation-scores.mjs", report, ...(changedOnly ? ["--check"] : [])], { stdio: "inherit" });
  if (check.status !== 0) failed = true;
  if (changedOnly) spawnSync("node", ["scripts/mutation-scores.mjs", report], { stdio: "inherit" });
}
process.exit(failed ? 1 : 0);
