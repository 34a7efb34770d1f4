/**
 * The tests Stryker runs against each mutant of src/sim and src/models: the in-process tests of
 * the kernel, the models and the engine. CLI tests run the compiled dist/ (they never see a
 * mutant), and the report and notebook tests only add minutes to every dry run.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/sim/**/*.test.ts", "test/models/**/*.test.ts", "test/property/**/*.test.ts", "test/golden/**/*.test.ts", "test/validation/theory.test.ts", "test/validation/determinism.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
