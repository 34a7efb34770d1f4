/**
 * The README's example outputs, produced from real runs: every fenced block between
 *
 *   <!-- readme-example {"args": ["run", "scenarios/baseline.yaml"], "keep": ["^In-house", …]} -->
 *   ```
 *   $ npx ccsim run scenarios/baseline.yaml
 *   …what that command prints today…
 *   ```
 *   <!-- /readme-example -->
 *
 * is the output of `ccsim` with those arguments (run from the repository root, or from a
 * scratch folder holding `files`), abridged by `keep`. Regenerate them after changing what the
 * CLI prints, then read the diff:
 *
 *   npm run readme:update            rewrite README.md's example blocks
 *   npm run readme:update -- --check exit 1, naming the blocks, when README.md is out of date
 *
 * test/docs/readme-examples.test.ts runs the same commands and fails when a block differs, so the
 * README cannot drift from what ccsim prints. Keep the examples cheap (a few seconds of CPU in
 * all): the test runs every one.
 *
 * Abridging (`keep`): a list of regular expressions, each picking the next line that matches it,
 * in order; the lines skipped between two kept lines are shown as one "…" line, and so are those
 * after the last kept line unless `"tail": false`. Lines before the first kept one are left out
 * silently (the block starts where the example does). A pattern that matches no line is an error:
 * the output changed shape, and the example needs a look.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const README = join(REPO, "README.md");
const BIN = join(REPO, "bin", "ccsim.js");

/** A scratch file the command reads: `from` (a repository file) with text replaced, or `text`. */
export interface ExampleFile {
  from?: string;
  /** [search, replacement] pairs, each replacing the first occurrence. */
  replace?: [string, string][];
  text?: string;
}

export interface ExampleSpec {
  /** ccsim's arguments, as shown after `$ npx ccsim`. */
  args: string[];
  /** Which stream the block shows (default stdout). */
  stream?: "stdout" | "stderr";
  /** The exit code the command must end with (default 0). */
  exit?: number;
  keep?: string[];
  /** Mark the lines after the last kept one with "…" (default true). */
  tail?: boolean;
  /** Files to create, by path relative to a scratch folder the command then runs in. */
  files?: Record<string, ExampleFile>;
}

export interface Example {
  spec: ExampleSpec;
  /** The block as README.md has it now (the lines between the fences). */
  current: string;
  /** Offsets in the README of the block's text between the fences. */
  start: number;
  end: number;
  /** Line of the marker in README.md (1-based), for messages. */
  line: number;
}

const OPEN = /<!-- readme-example (\{.*\}) -->\n```[a-z]*\n/g;
const CLOSE = "```\n<!-- /readme-example -->";

/** The examples of a README text, in order. */
export function readmeExamples(text: string): Example[] {
  const out: Example[] = [];
  for (const m of text.matchAll(OPEN)) {
    const line = text.slice(0, m.index).split("\n").length;
    let spec: ExampleSpec;
    try {
      spec = JSON.parse(m[1]) as ExampleSpec;
    } catch (e) {
      throw new Error(`README.md:${line}: the readme-example marker is not JSON (${(e as Error).message}); write it as {"args": [...], ...}`);
    }
    if (!Array.isArray(spec.args) || spec.args.some((a) => typeof a !== "string")) throw new Error(`README.md:${line}: the readme-example marker needs "args", a list of ccsim's arguments`);
    const start = m.index + m[0].length;
    const end = text.indexOf(CLOSE, start);
    if (end < 0) throw new Error(`README.md:${line}: the example block has no closing fence followed by <!-- /readme-example -->`);
    out.push({ spec, current: text.slice(start, end), start, end, line });
  }
  return out;
}

/** The lines `keep` picks, with "…" for what it skips (see the module comment). */
export function abridge(output: string, keep: readonly string[] | undefined, tail = true): string[] {
  const lines = output.replace(/\n+$/, "").split("\n").map((l) => l.trimEnd());
  if (!keep) return lines;
  const out: string[] = [];
  let at = 0;
  for (const pattern of keep) {
    const re = new RegExp(pattern);
    const found = lines.findIndex((l, i) => i >= at && re.test(l));
    if (found < 0) throw new Error(`no line from ${at + 1} on matches ${JSON.stringify(pattern)}; the output changed shape:\n${lines.join("\n")}`);
    if (found > at && out.length > 0) out.push("…");
    out.push(lines[found]);
    at = found + 1;
  }
  if (tail && at < lines.length) out.push("…");
  return out;
}

/** The command line as the block shows it. */
export function commandLine(spec: ExampleSpec): string {
  return ["$ npx ccsim", ...spec.args.map((a) => (/^[\w./=:,%-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`))].join(" ");
}

/** Runs one example's command and returns the block it should show. */
export async function renderExample(spec: ExampleSpec): Promise<string> {
  let cwd = REPO;
  let scratch: string | null = null;
  if (spec.files) {
    scratch = mkdtempSync(join(tmpdir(), "ccsim-readme-"));
    cwd = scratch;
    for (const [path, f] of Object.entries(spec.files)) {
      let text = f.text ?? (f.from ? readFileSync(join(REPO, f.from), "utf8") : "");
      for (const [search, replacement] of f.replace ?? []) {
        if (!text.includes(search)) throw new Error(`example file ${path}: "${search}" is not in ${f.from ?? "its text"}`);
        text = text.replace(search, replacement);
      }
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), text);
    }
  }
  try {
    const { status, stdout, stderr } = await run(spec.args, cwd);
    const expected = spec.exit ?? 0;
    if (status !== expected) throw new Error(`\`${commandLine(spec)}\` exited ${status}, not ${expected}:\n${stderr}`);
    const lines = abridge(spec.stream === "stderr" ? stderr : stdout, spec.keep, spec.tail ?? true);
    return [commandLine(spec), ...lines].join("\n") + "\n";
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

function run(args: readonly string[], cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    // No colour, no progress bar: the output a pipe gets.
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", fail);
    child.on("close", (status) => done({ status, stdout, stderr }));
  });
}

/** The README with every example block replaced by `blocks` (in order). */
export function withBlocks(text: string, examples: readonly Example[], blocks: readonly string[]): string {
  let out = "";
  let at = 0;
  examples.forEach((e, i) => {
    out += text.slice(at, e.start) + blocks[i];
    at = e.end;
  });
  return out + text.slice(at);
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const text = readFileSync(README, "utf8");
  const examples = readmeExamples(text);
  const blocks = await Promise.all(examples.map((e) => renderExample(e.spec)));
  const stale = examples.filter((e, i) => e.current !== blocks[i]);
  for (const e of stale) console.log(`README.md:${e.line}: \`${commandLine(e.spec)}\` prints something else today`);
  if (check) {
    console.log(stale.length ? `readme: ${stale.length} of ${examples.length} example(s) out of date; run npm run readme:update` : `readme: all ${examples.length} examples are what ccsim prints`);
    process.exitCode = stale.length ? 1 : 0;
    return;
  }
  if (stale.length) writeFileSync(README, withBlocks(text, examples, blocks));
  console.log(stale.length ? `readme: rewrote ${stale.length} of ${examples.length} example(s); read the diff (git diff README.md)` : `readme: all ${examples.length} examples were up to date`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(`readme: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
