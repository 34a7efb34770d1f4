/**
 * Shared helpers for the command-line integration tests: the compiled CLI (`bin/ccsim.js`, built
 * by `npm run build`) run as a child process in a temporary directory, small scenarios written
 * there, and checks every invocation must pass (no internal error, no stack trace).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseCsvText } from "csv-parse/sync";
import { afterAll, expect } from "vitest";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = join(REPO, "bin", "ccsim.js");
const COMPILED_MAIN = join(REPO, "dist", "cli", "main.js");

/** The exit codes documented in `ccsim --help`. */
export const EXIT = { ok: 0, input: 2, output: 3, internal: 70, interrupted: 130 } as const;

/** A generous per-process limit: every scenario here runs in well under a second or two. */
export const PROCESS_TIMEOUT_MS = 60_000;

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Fails fast, with the fix, when the CLI has not been compiled (vitest alone does not build). */
export function requireBuild(): void {
  if (!existsSync(COMPILED_MAIN)) throw new Error(`the compiled CLI ${COMPILED_MAIN} is missing; run \`npm run build\` first`);
}

/**
 * Checks every invocation must pass, whatever it was asked: never exit code 70 (internal error),
 * never a stack trace, never killed by the timeout.
 */
export function expectNoCrash(r: CliResult, what: string): void {
  expect(r.signal, `${what}: killed by ${r.signal}\nstderr:\n${r.stderr}`).toBeNull();
  expect(r.status, `${what}: internal error (exit 70)\nstderr:\n${r.stderr}`).not.toBe(EXIT.internal);
  expect(r.stderr, `${what}: internal error message`).not.toMatch(/internal error|FATAL ERROR/i);
  expect(r.stderr, `${what}: stack trace on stderr`).not.toMatch(/^\s+at .+(:\d+:\d+\)?|\(node:.+\))$/m);
}

/** Runs `node bin/ccsim.js …args` in `cwd` and waits for it. */
export function ccsim(args: readonly string[], options: { cwd: string; timeoutMs?: number } = { cwd: REPO }): CliResult {
  requireBuild();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    encoding: "utf8",
    timeout: options.timeoutMs ?? PROCESS_TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== "ETIMEDOUT") throw r.error;
  const result: CliResult = { status: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  expectNoCrash(result, `ccsim ${args.join(" ")}`);
  return result;
}

/** Like `ccsim`, but also requires exit code 0 (and shows stderr when it is not). */
export function ccsimOk(args: readonly string[], options: { cwd: string; timeoutMs?: number }): CliResult {
  const r = ccsim(args, options);
  expect(r.status, `ccsim ${args.join(" ")} failed:\n${r.stderr}`).toBe(EXIT.ok);
  return r;
}

export interface RunningCli {
  child: ChildProcess;
  /** The collected stderr so far. */
  stderr: () => string;
  done: Promise<CliResult>;
}

/** Starts `node bin/ccsim.js …args` without waiting (to signal it); killed after the timeout. */
export function startCcsim(args: readonly string[], options: { cwd: string; timeoutMs?: number }): RunningCli {
  requireBuild();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? PROCESS_TIMEOUT_MS);
  const done = new Promise<CliResult>((resolvePromise, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolvePromise({ status, signal, stdout, stderr });
    });
  });
  return { child, stderr: () => stderr, done };
}

const tempRoots: string[] = [];

// Registered while the importing test file is collected, so it runs after that file's tests.
afterAll(() => {
  for (const dir of tempRoots.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under os.tmpdir() ("ccsim-cli-<label>-…"), removed after the test file. */
export function tempDir(label = "tmp"): string {
  const dir = mkdtempSync(join(tmpdir(), `ccsim-cli-${label}-`));
  tempRoots.push(dir);
  return dir;
}

export interface SmallScenario {
  name?: string;
  seed?: number;
  replications?: number;
  hours?: number;
  perHour?: number;
  handleTime?: number;
  agents?: number;
}

/**
 * A one-type, one-group scenario. Defaults: 200 calls/h × 180 s = 10 Erlangs on 14 agents (the
 * textbook M/M/14 of scenarios/mmc.yaml: stable, service level around 0.89), 8 hours, 4 replications.
 */
export function scenarioYaml(s: SmallScenario = {}): string {
  return [
    `name: ${s.name ?? "small"}`,
    `seed: ${s.seed ?? 7}`,
    `replications: ${s.replications ?? 4}`,
    `horizon: { hours: ${s.hours ?? 8} }`,
    `intervalMinutes: 60`,
    `contactTypes:`,
    `  calls: { volume: { perHour: ${s.perHour ?? 200} }, handleTime: { dist: exponential, mean: ${s.handleTime ?? 180} } }`,
    `agentGroups:`,
    `  agents: { skills: { calls: 1 }, staffing: { constant: ${s.agents ?? 14} } }`,
    ``,
  ].join("\n");
}

/** Writes a scenario into `dir` and returns its file name (relative to `dir`, as the tests pass it). */
export function writeScenario(dir: string, fileName: string, s: SmallScenario = {}): string {
  writeFileSync(join(dir, fileName), scenarioYaml(s));
  return fileName;
}

/** Every file under `dir` (relative paths, dot files included), sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Bytes and modification times of every file under `dir`. */
export function snapshot(dir: string): Map<string, { bytes: Buffer; mtimeMs: number }> {
  return new Map(listFiles(dir).map((f) => [f, { bytes: readFileSync(join(dir, f)), mtimeMs: statSync(join(dir, f)).mtimeMs }]));
}

/** A result folder's manifest without its run id (unique to each run by design); other files as they are. */
function withoutRunId(file: string, bytes: Buffer): Buffer {
  if (!/(^|\/)manifest\.json$/.test(file)) return bytes;
  const manifest = JSON.parse(bytes.toString("utf8")) as { runId?: string };
  expect(manifest.runId, `${file} has a run id`).toMatch(/^[0-9a-f-]{36}$/);
  delete manifest.runId;
  return Buffer.from(JSON.stringify(manifest));
}

/** Expects two directories to hold the same files with byte-identical contents. */
export function expectSameTree(actualDir: string, expectedDir: string): void {
  const expected = listFiles(expectedDir);
  expect(listFiles(actualDir)).toEqual(expected);
  expect(expected.length).toBeGreaterThan(0);
  for (const f of expected) {
    const a = withoutRunId(f, readFileSync(join(actualDir, f)));
    const b = withoutRunId(f, readFileSync(join(expectedDir, f)));
    expect(a.equals(b), `${f} differs between ${actualDir} and ${expectedDir}`).toBe(true);
  }
}

/** Paths (like `summary.types.all.mean`) of every NaN/Infinity number or "NaN"/"Infinity" string in a JSON value. */
export function nonFinitePaths(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (typeof value === "string") return /^[+-]?(NaN|Infinity)$/i.test(value.trim()) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => nonFinitePaths(v, `${path}.${k}`));
  return [];
}

/** A CSV text as rows of strings (the first row is the header). */
export function parseCsv(text: string): string[][] {
  return parseCsvText(text, { relax_column_count: false }) as string[][];
}

/** A CSV text as records keyed by its header. */
export function csvRecords(text: string): Record<string, string>[] {
  return parseCsvText(text, { columns: true }) as Record<string, string>[];
}

export function readJson<T = any>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
