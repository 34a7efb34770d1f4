/**
 * The Jupyter notebooks: the README's three exist, and each has its own test file
 * (test/notebooks/<name>.test.ts, via notebook-suite.ts), so that vitest runs them in parallel.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { notebookFiles } from "./notebook-suite.js";

describe("the notebooks", () => {
  it("exist: the three notebooks of the README", () => {
    expect(notebookFiles).toEqual(expect.arrayContaining(["outsourcing-decision.ipynb", "queue-behaviour.ipynb", "staffing-and-automation.ipynb"]));
  });

  it("each have a test file of their own", () => {
    const tests = readdirSync(import.meta.dirname);
    for (const f of notebookFiles) expect(tests, f).toContain(f.replace(/\.ipynb$/, ".test.ts"));
  });
});
