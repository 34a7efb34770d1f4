// Bundles the CLI (and its worker-thread entry) into dist/bundle with esbuild, so that starting
// `ccsim` reads a few files instead of hundreds: the whole process, start-up included, stays fast.
// Packages that load files next to themselves (WASM, worker scripts) or are only needed for
// charts stay external and load from node_modules on demand.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

/**
 * zod's namespace re-exports every locale (`z.locales`, 48 languages, 366 KB of the bundle's
 * 1.9 MB) that V8 has to parse at each start; ccsim writes its messages in English, the locale zod
 * registers itself. Its locale index resolves to one exporting English alone. The build fails if
 * zod's files move, so that a new zod cannot quietly bring them all back.
 */
const englishZodOnly = {
  name: "english-zod-only",
  setup(b) {
    let replaced = 0;
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)) return undefined;
      replaced++;
      return { path: join(dirname(args.importer), "../locales/index.js"), namespace: "zod-english" };
    });
    b.onLoad({ filter: /.*/, namespace: "zod-english" }, (args) => ({ contents: 'export { default as en } from "./en.js";\n', resolveDir: dirname(args.path), loader: "js" }));
    b.onEnd((result) => {
      if (result.errors.length === 0 && replaced === 0) throw new Error("scripts/bundle.mjs: zod's locale index was not found (zod/v4/{classic,core} → ../locales/index.js); update the english-zod-only plugin for this zod");
    });
  },
};

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
  plugins: [englishZodOnly],
  logLevel: "warning",
});
