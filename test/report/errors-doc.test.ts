import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERRORS_FILE, errorsDocument } from "../../src/report/errors-doc.js";
import { MESSAGES } from "../../src/scenario/messages.js";

const root = join(import.meta.dirname, "../..");

describe("docs/errors.md", () => {
  it("is up to date with the message catalogues (run: npm run docs)", () => {
    expect(readFileSync(join(root, ERRORS_FILE), "utf8")).toBe(errorsDocument());
  });

  it("documents every code the semantic checks can emit", () => {
    const source = readFileSync(join(root, "src/scenario/validate.ts"), "utf8");
    const codes = [...source.matchAll(/\b(?:error|warn)\("([a-z-]+)"/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) expect(Object.keys(MESSAGES), code).toContain(code);
  });
});
