import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { isStale } from "../../scripts/build-if-stale.mjs";

const root = mkdtempSync(join(tmpdir(), "ccsim-stale-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const touch = (path: string, seconds: number) => {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), "x");
  utimesSync(join(root, path), seconds, seconds);
};

describe("npm start rebuilds only when sources changed", () => {
  it("is stale without a build, fresh after it, stale again when any source or build setting is newer", () => {
    touch("src/a/b.ts", 1000);
    expect(isStale(root)).toBe(true);
    touch("dist/bundle/cli.js", 2000);
    expect(isStale(root)).toBe(false);
    touch("src/a/c.ts", 3000);
    expect(isStale(root)).toBe(true);
    touch("dist/bundle/cli.js", 4000);
    touch("tsconfig.build.json", 5000);
    expect(isStale(root)).toBe(true);
  });

  it("is what npm start runs, and fast-check is a peer of ccsim/testing", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.scripts.start).toMatch(/^node scripts\/build-if-stale\.mjs && /);
    expect(pkg.dependencies["fast-check"]).toBeUndefined();
    expect(pkg.peerDependencies["fast-check"]).toBe(pkg.devDependencies["fast-check"]);
    expect(pkg.peerDependenciesMeta["fast-check"]).toEqual({ optional: true });
  });
});
