#!/usr/bin/env node
// The compiled, bundled CLI (npm run build); no on-the-fly transpiling on the hot path.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/bundle/cli.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write("ccsim: the compiled CLI is missing; run `npm run build` first.\n");
  process.exit(70);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv);
