// Bundles the CLI (and its worker-thread entry) into dist/bundle with esbuild, so that starting
// `ccsim` reads a few files instead of hundreds: the whole process, start-up included, stays fast.
// Packages that load files next to themselves (WASM, worker scripts) or are only needed for
// charts stay external and load from node_modules on demand.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names carry content hashes: start empty so old chunks do not pile up.
rmSync("dist/bundle", { recursive: true, force: true });

await build({
  entryPoints: { cli: "src/cli/main.ts", worker: "src/experiment/worker.ts" },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["highs", "piscina", "vega", "vega-lite", "playwright-core", "tslab"],
  // CommonJS dependencies (seedrandom) may call require() for Node built-ins.
  banner: { js: "import { createRequire as __ccsimCreateRequire } from 'node:module'; const require = __ccsimCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
