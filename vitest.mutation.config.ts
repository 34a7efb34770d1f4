/**
 * The tests Stryker runs against each mutant of src/sim and src/models: the in-process tests of
 * the kernel, the models and the engine, and the golden numbers of the per-feature scenarios.
 * Left out: CLI tests (they run the compiled dist/ and never see a mutant), report and notebook
 * tests, and the validation against theory (tens of seconds per run; under Stryker's
 * instrumentation minutes, for each of hundreds of mutants). MUTATION=1 also skips the few
 * tests too slow when instrumented (each names the cheaper test that kills the same mutants).
 * MUTATION_TESTS (comma-separated globs, set by scripts/mutation.mjs per source file) narrows
 * the set to the tests written for the file being mutated: every engine test covers the
 * calendar, but running them all for each calendar mutant would take hours on two cores.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(",") : ["test/sim/**/*.test.ts", "test/models/**/*.test.ts", "test/property/**/*.test.ts", "test/golden/**/*.test.ts"],
    env: { MUTATION: "1" },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
