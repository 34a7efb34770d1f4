/**
 * Same seed, same output, all of it: the digests of test/golden/digests.ts (every counter,
 * histogram bin, queue sample and trace row of a seeded replication per feature scenario) against
 * test/golden/digests.json. Regenerate on purpose with `npm run goldens:update`.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { caseDigests, DIGEST_FILE, digestCases, digestDiff, type Digests } from "./digests.js";

const golden: { cases: Record<string, Digests> } = existsSync(DIGEST_FILE) ? JSON.parse(readFileSync(DIGEST_FILE, "utf8")) : { cases: {} };

describe("full-output digests", () => {
  it("cover every per-feature case (no stale entries in digests.json)", () => {
    expect(Object.keys(golden.cases).sort()).toEqual(digestCases().map((c) => c.name).sort());
  });

  for (const c of digestCases()) {
    it(`${c.name} gives the recorded output`, () => {
      const diff = digestDiff(golden.cases[c.name], caseDigests(c));
      if (diff.length > 0) throw new Error(`the output of ${c.name} changed (golden → now):\n${diff.join("\n")}\nIf the change is intended, run \`npm run goldens:update\` and commit test/golden/digests.json.`);
    });
  }
});
