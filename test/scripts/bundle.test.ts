/**
 * What the CLI bundle (scripts/bundle.mjs, dist/bundle) holds: every byte in it is parsed at
 * each `ccsim` start, so what the commands never use stays out.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { requireBuild } from "../cli/helpers.js";

const BUNDLE = join(import.meta.dirname, "../../dist/bundle");

describe("the CLI bundle", () => {
  it("holds zod's English locale and none of its other 47", () => {
    requireBuild();
    const text = readdirSync(BUNDLE)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(BUNDLE, f), "utf8"))
      .join("\n");
    // esbuild starts each bundled module with a comment naming its file.
    const locales = [...text.matchAll(/^\/\/ (?:[\w-]+:)?\S*node_modules\/zod\/v4\/locales\/(\S+)$/gm)].map((m) => m[1]);
    expect(locales.sort()).toEqual(["en.js", "index.js"]);
    expect(text).toMatch(/^\/\/ zod-english:\S*node_modules\/zod\/v4\/locales\/index\.js$/m);
  });
});
