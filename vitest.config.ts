import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Two test files at a time. Vitest's default on a two-core machine is one (cores − 1), and
    // then the second core idles while a notebook kernel, a CLI subprocess or a Jupyter process
    // does the work of the file waiting on it.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
