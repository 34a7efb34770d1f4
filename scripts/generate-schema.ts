/**
 * Writes schema/scenario.schema.json and docs/scenario-reference.md from the zod scenario schema.
 * Run after changing src/scenario/schema.ts:  npx tsx scripts/generate-schema.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generatedFiles } from "../src/scenario/json-schema.js";

const root = join(import.meta.dirname, "..");
for (const { path, text } of generatedFiles()) {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stdout.write(`wrote ${path}\n`);
}
