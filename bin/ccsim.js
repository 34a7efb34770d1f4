#!/usr/bin/env node
// The compiled, bundled CLI (npm run build); no on-the-fly transpiling on the hot path.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/bundle/cli.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write("ccsim: the compiled CLI is missing; run `npm run build` first.\n");
  process.exit(70);
}
// A reader that stops early (`ccsim --help | head`) closes the pipe: the output ends there, by the
// reader's choice, and that is not an error to report with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv);
