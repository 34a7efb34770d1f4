/**
 * docs/errors.md, generated from the catalogues of scenario diagnostics (src/scenario/messages.ts)
 * and run warnings (src/report/warnings.ts), so the documentation lists exactly what ccsim says.
 */
import { MESSAGES } from "../scenario/messages.js";
import { RUN_WARNINGS } from "./warnings.js";

export const ERRORS_FILE = "docs/errors.md";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, "<br>");

export function errorsDocument(): string {
  const scenario = Object.entries(MESSAGES).map(([code, m]) => `| \`${code}\` | ${m.severity} | ${cell(m.title)} | \`${cell(m.example)}\` | ${cell(m.fix)} |`);
  const run = Object.entries(RUN_WARNINGS).map(([code, m]) => `| \`${code}\` | ${cell(m.title)} | ${cell(m.example)} | ${cell(m.fix)} |`);
  return [
    "# Errors and warnings",
    "",
    "<!-- Generated from src/scenario/messages.ts and src/report/warnings.ts by `npm run docs`; do not edit by hand. -->",
    "",
    "ccsim never answers bad input with a stack trace. Scenario problems are reported all at once, each as",
    "",
    "```",
    'scenarios/mine.yaml:14:5: error at contactTypes.billing.handeTime: unknown key "handeTime"',
    "  expected: one of the keys channel, volume, …",
    '  hint: did you mean "handleTime"?',
    "```",
    "",
    "naming the file, line, column and field. Errors stop the run (exit code 2) and nothing is written; warnings are printed and the run goes on.",
    "",
    "Errors in the values and errors between sections come in the same pass, sorted by position, one per cause: a check that reads a refused value (or an entry that could not be read) waits until that error is fixed, so that no error is an echo of another, and a parent key left out (`calls: { perHour: 100 }` without `volume:`) is one error at its first orphaned child rather than one per child.",
    "",
    "## Scenario files",
    "",
    "| code | severity | what it means | example | fix |",
    "| --- | --- | --- | --- | --- |",
    ...scenario,
    "",
    "## Run warnings",
    "",
    "Printed after a run (and stored in results.json under `warnings`) when the simulated center cannot keep up.",
    "",
    "| code | what it means | example | fix |",
    "| --- | --- | --- | --- |",
    ...run,
    "",
    "## Exit codes",
    "",
    "| code | meaning |",
    "| --- | --- |",
    "| 0 | success |",
    "| 2 | bad input: usage, invalid scenario, bad flag value, unreadable or inconsistent shard files; nothing was run or written |",
    "| 3 | output refused: the --out directory has files (use --force) or cannot be written |",
    "| 70 | internal error: a bug in ccsim; please report it with the scenario |",
    "| 130 | interrupted (Ctrl-C or SIGTERM): the replications completed so far were written, marked `\"partial\": true` |",
    "",
  ].join("\n");
}
