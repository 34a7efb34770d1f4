/**
 * The Jupyter notebooks in notebooks/ (TypeScript, tslab kernel): each one is committed clean (no
 * outputs, so diffs stay readable) and executes headless from a fresh checkout after the build,
 * with no cell failing. Execution goes through Debian's `jupyter nbconvert` exactly as a user's
 * "Run all" would; the kernel is `tslab` from node_modules/.bin.
 *
 * Jupyter is a system package (scripts/setup.sh installs it, as CI does). When it is missing the
 * test fails with that instruction instead of skipping: a skipped notebook test is a notebook
 * nobody runs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { VALUE_CHECKS, chartProblems, type ExecutedCell } from "./outputs.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const NOTEBOOKS = join(REPO, "notebooks");
const KERNEL = "tslab";
const SETUP_HINT = "run `bash scripts/setup.sh` (it installs Debian's Jupyter and registers the tslab kernel; CI runs it too)";
/** nbconvert's limit per cell, and this test's limit per notebook (vitest's default of 120 s is too short). */
const CELL_TIMEOUT_SECONDS = 600;
const NOTEBOOK_TIMEOUT_MS = 10 * 60_000;

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
  traceback?: string[];
}
interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string; display_name?: string; language?: string } };
}

const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));
const readNotebook = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Notebook;
const codeCells = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === "code");

/** The environment the kernel needs: `tslab` is started by name, so node_modules/.bin comes first. */
const env = { ...process.env, PATH: [join(REPO, "node_modules", ".bin"), process.env.PATH ?? ""].join(delimiter) };

/** The notebooks in notebooks/, by file name. */
export const notebookFiles = existsSync(NOTEBOOKS) ? readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort() : [];

/** Fails with the fix when Jupyter, the tslab kernel or the build is missing. */
function requireJupyter(): void {
  const version = spawnSync("jupyter", ["nbconvert", "--version"], { cwd: REPO, env, encoding: "utf8" });
  if (version.error || version.status !== 0) {
    const why = version.error ? (version.error as NodeJS.ErrnoException).code === "ENOENT" ? "`jupyter` is not on the PATH" : version.error.message : version.stderr.trim();
    throw new Error(`the notebooks cannot run: ${why}; ${SETUP_HINT}`);
  }
  const kernels = spawnSync("jupyter", ["kernelspec", "list", "--json"], { cwd: REPO, env, encoding: "utf8" });
  const names = kernels.status === 0 ? Object.keys((JSON.parse(kernels.stdout) as { kernelspecs: Record<string, unknown> }).kernelspecs) : [];
  if (!names.includes(KERNEL)) throw new Error(`the Jupyter kernel "${KERNEL}" is not registered (found: ${names.join(", ") || "none"}); ${SETUP_HINT}`);
  if (!existsSync(join(REPO, "node_modules", ".bin", "tslab"))) throw new Error(`node_modules/.bin/tslab is missing; run \`npm ci\` (or ${SETUP_HINT})`);
  if (!existsSync(join(REPO, "dist", "index.js"))) throw new Error("dist/index.js is missing: the notebooks import the built API; run `npm run build` first (`npm test` does)");
}

const outputDir = mkdtempSync(join(tmpdir(), "ccsim-notebooks-"));
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

/** `jupyter nbconvert --execute` into the temporary directory; `allowErrors` keeps going past a failing cell. */
function execute(path: string, name: string, allowErrors = false) {
  return spawnSync(
    "jupyter",
    ["nbconvert", "--to", "notebook", "--execute", `--ExecutePreprocessor.timeout=${CELL_TIMEOUT_SECONDS}`, ...(allowErrors ? ["--allow-errors"] : []), "--output-dir", outputDir, "--output", name, path],
    { cwd: REPO, env, encoding: "utf8", timeout: NOTEBOOK_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
  );
}

/**
 * Why a notebook failed. nbconvert names the failing cell but not tslab's message (tslab writes
 * errors, compile errors included, to the cell's stderr, which nbconvert does not print), so the
 * notebook is executed once more with --allow-errors and the stderr and error outputs are quoted.
 */
function failureReport(run: ReturnType<typeof spawnSync>, path: string, name: string): string {
  const stderr = String(run.stderr ?? "");
  const at = stderr.indexOf("CellExecutionError");
  const parts = [run.error ? `${run.error.message}` : "", at >= 0 ? stderr.slice(at) : stderr.split("\n").slice(-40).join("\n")];
  const again = name.replace(/\.executed\.ipynb$/, ".diagnostic.ipynb");
  if (execute(path, again, true).status === 0) {
    codeCells(readNotebook(join(outputDir, again))).forEach((cell, i) => {
      for (const o of cell.outputs ?? []) {
        if (o.output_type === "error") parts.push(`code cell ${i + 1}: ${o.ename}: ${o.evalue}`);
        if (o.output_type === "stream" && o.name === "stderr") parts.push(`code cell ${i + 1} (stderr):\n${text(o.text).split("\n").slice(0, 15).join("\n")}`);
      }
    });
  }
  return parts.filter(Boolean).join("\n");
}

/**
 * The tests of one notebook: committed clean, executes headless, draws its charts and prints
 * values that hold. One test file per notebook, so vitest runs the notebooks in parallel.
 */
export function describeNotebook(file: string): void {
  describe(file, () => {
    const path = join(NOTEBOOKS, file);

    it("is committed clean: no outputs, no execution counts, the tslab kernel, the built API", () => {
      const nb = readNotebook(path);
      expect(nb.metadata.kernelspec?.name, "kernelspec.name").toBe(KERNEL);
      const cells = codeCells(nb);
      expect(cells.length).toBeGreaterThan(0);
      cells.forEach((cell, i) => {
        const source = text(cell.source);
        expect(cell.outputs ?? [], `code cell ${i + 1} has outputs; clear them before committing`).toEqual([]);
        expect(cell.execution_count ?? null, `code cell ${i + 1} has an execution count; clear outputs before committing`).toBeNull();
        // tslab compiles with its own TypeScript and cannot compile src/: notebooks use dist/.
        expect(source, `code cell ${i + 1} imports from src/`).not.toMatch(/from\s+["']\.\.\/src\//);
      });
    });

    it(
      "executes headless with nbconvert, every code cell, without an error",
      () => {
        requireJupyter();
        const name = file.replace(/\.ipynb$/, ".executed.ipynb");
        const started = Date.now();
        const run = execute(path, name);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        if (run.status !== 0) expect.fail(`nbconvert failed on ${file} after ${seconds} s (exit ${run.status}):\n${failureReport(run, path, name)}`);

        const executed = readNotebook(join(outputDir, name));
        const cells = codeCells(executed);
        const problems: string[] = [];
        cells.forEach((cell, i) => {
          for (const o of cell.outputs ?? []) {
            if (o.output_type === "error") problems.push(`code cell ${i + 1}: ${o.ename}: ${o.evalue}\n${(o.traceback ?? []).join("\n")}`);
          }
        });
        expect(problems, problems.join("\n\n")).toEqual([]);
        // tslab leaves execution counts empty, so "it ran" shows as outputs: some cell must have one.
        expect(cells.some((c) => (c.outputs ?? []).length > 0), `${file} executed but produced no output at all`).toBe(true);
      },
      2 * NOTEBOOK_TIMEOUT_MS + 60_000, // a failure executes the notebook twice (see failureReport)
    );

    it("draws every chart it shows, and the values it prints hold (see outputs.ts)", () => {
      const executed = join(outputDir, file.replace(/\.ipynb$/, ".executed.ipynb"));
      if (!existsSync(executed)) expect.fail(`${file} was not executed (the test above failed)`);
      const cells = codeCells(readNotebook(executed)) as ExecutedCell[];
      const charts = cells.flatMap((cell, i) => (text(cell.source).includes("ccsim.show(") ? chartProblems(cell, `code cell ${i + 1}`) : []));
      expect(charts, charts.join("\n")).toEqual([]);
      expect(cells.some((c) => text(c.source).includes("ccsim.show(")), `${file} shows no chart`).toBe(true);
      const check = VALUE_CHECKS[file];
      if (!check) expect.fail(`${file} has no value checks: add them to test/notebooks/outputs.ts`);
      const values = check(cells);
      expect(values, values.join("\n")).toEqual([]);
    });

    it("keeps every chart drawn when exported to HTML with the set-up's nbconvert", () => {
      const executed = join(outputDir, file.replace(/\.ipynb$/, ".executed.ipynb"));
      if (!existsSync(executed)) expect.fail(`${file} was not executed (the test above failed)`);
      const html = file.replace(/\.ipynb$/, ".html");
      const run = spawnSync("jupyter", ["nbconvert", "--to", "html", "--output-dir", outputDir, "--output", html, executed], { cwd: REPO, env, encoding: "utf8", timeout: 120_000 });
      if (run.status !== 0) expect.fail(`nbconvert --to html failed on ${file}: ${String(run.stderr).split("\n").slice(-15).join("\n")}`);
      const page = readFileSync(join(outputDir, html), "utf8");
      // Every chart the notebook displayed, with its drawing: the same number of <g> groups and
      // data marks in the page as in the notebook's SVGs (nbconvert 6.5 drops both from a bare SVG output).
      const svgs = codeCells(readNotebook(executed)).flatMap((c) => (c.outputs ?? []) as { data?: Record<string, unknown> }[]).map((o) => o.data?.["image/svg+xml"]).filter((x) => x !== undefined).map((x) => text(x as string | string[]));
      expect(svgs.length, `${file} displayed no SVG chart`).toBeGreaterThan(0);
      const count = (t: string, re: RegExp) => (t.match(re) ?? []).length;
      const groups = svgs.reduce((n, svg) => n + count(svg, /<g[\s>]/g), 0);
      const marks = svgs.reduce((n, svg) => n + count(svg, /role="graphics-symbol"/g), 0);
      expect(count(page, /<svg[\s>]/g), "charts in the exported page").toBeGreaterThanOrEqual(svgs.length);
      expect(count(page, /<g[\s>]/g), "drawn groups in the exported page").toBeGreaterThanOrEqual(groups);
      expect(count(page, /role="graphics-symbol"/g), "data marks in the exported page").toBeGreaterThanOrEqual(marks);
      expect(count(page, /<path[\s>]/g), "paths in the exported page").toBeGreaterThan(0);
    }, 180_000);
  });
}
