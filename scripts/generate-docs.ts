/**
 * Writes every generated file: schema/scenario.schema.json, docs/scenario-reference.md and
 * docs/errors.md. Run after changing the schema or a message:  npm run docs
 * (tests check that the committed files are up to date).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generatedFiles } from "../src/scenario/json-schema.js";
import { ERRORS_FILE, errorsDocument } from "../src/report/errors-doc.js";

const root = join(import.meta.dirname, "..");
for (const { path, text } of [...generatedFiles(), { path: ERRORS_FILE, text: errorsDocument() }]) {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stdout.write(`wrote ${path}\n`);
}
