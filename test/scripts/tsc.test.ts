/**
 * The build type-checks with the TypeScript that package.json declares (issue 17), not with the
 * older copy tslab brings along, which npm may link as node_modules/.bin/tsc.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

describe("the TypeScript toolchain", () => {
  it("build and typecheck go through scripts/tsc.mjs", () => {
    expect(pkg.scripts.build).toMatch(/^node scripts\/tsc\.mjs /);
    expect(pkg.scripts.typecheck).toMatch(/^node scripts\/tsc\.mjs /);
  });

  it("scripts/tsc.mjs runs the declared TypeScript", () => {
    const r = spawnSync(process.execPath, ["scripts/tsc.mjs", "--version"], { cwd: root, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const ran = /Version (\d+\.\d+\.\d+)/.exec(r.stdout)?.[1];
    const declared = /^\^(\d+\.\d+\.\d+)$/.exec(pkg.devDependencies.typescript)?.[1];
    expect(declared).toBeDefined();
    const [major, minor, patch] = ran!.split(".").map(Number);
    const [dMajor, dMinor, dPatch] = declared!.split(".").map(Number);
    expect(major).toBe(dMajor);
    expect(minor * 1e4 + patch).toBeGreaterThanOrEqual(dMinor * 1e4 + dPatch);
  });
});
