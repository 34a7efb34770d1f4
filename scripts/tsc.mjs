// Runs the TypeScript compiler that package.json declares. `node_modules/.bin/tsc` is not it:
// tslab brings its own TypeScript (5.0) and npm may link that one's `tsc` into .bin.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const declared = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).devDependencies.typescript;
const { version } = require("typescript/package.json");
if (!satisfiesCaret(version, declared)) {
  process.stderr.write(`scripts/tsc.mjs: TypeScript ${version} is installed, but package.json declares ${declared}; run \`npm ci\`.\n`);
  process.exit(1);
}
process.argv.splice(1, 1, require.resolve("typescript/bin/tsc"));
await import(require.resolve("typescript/lib/tsc.js"));

/** `^x.y.z` as npm reads it for x ≥ 1: same major, and at least x.y.z. */
function satisfiesCaret(have, range) {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!m) return have === range;
  const [a, b, c] = have.split(".").map((p) => parseInt(p, 10));
  const [x, y, z] = m.slice(1).map(Number);
  return a === x && (b > y || (b === y && c >= z));
}
