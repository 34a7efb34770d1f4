/**
 * Rendering: a vega-lite spec to a standalone SVG string, in Node without a DOM or canvas
 * (vega-lite 5 compiles to vega 5, whose headless View writes SVG). Charts stay pure specs;
 * this is the only module that runs vega.
 *
 * Two things make the SVG fit for snapshots and for pages that inline several charts:
 * - text is measured with Helvetica's metrics (charts/common.ts) instead of vega's rough
 *   canvas-less estimate, so labels are neither truncated early nor padded far too wide;
 * - vega numbers clip paths and gradients with process-wide counters, so the ids depend on what
 *   was rendered before and clash between inline SVGs; they are renumbered per SVG and prefixed
 *   with a hash of the SVG's content.
 *
 * vega and vega-lite are loaded on the first chart, not on import: together they cost about half
 * a second, which every user of the library (notebooks, scripts) would pay without drawing.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type * as vega from "vega";
import type * as vegaLite from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import { textWidth } from "./charts/common.js";

interface ChartLibraries {
  vega: typeof vega;
  vegaLite: typeof vegaLite;
}
let libraries: ChartLibraries | undefined;

/** vega and vega-lite, loaded once (their CommonJS builds, so that compiling stays synchronous). */
function chartLibraries(): ChartLibraries {
  if (!libraries) {
    const load = createRequire(import.meta.url);
    libraries = { vega: load("vega") as typeof vega, vegaLite: load("vega-lite") as typeof vegaLite };
  }
  return libraries;
}

export interface CompiledChart {
  /** The vega spec vega-lite compiled. */
  spec: vega.Spec;
  /** Warnings vega-lite logged while compiling (a correct chart has none). */
  warnings: string[];
}

/**
 * A vega/vega-lite logger that keeps warnings and errors instead of printing them. Vega calls the
 * methods detached from the object (with the view as `this`), so they are closures.
 */
interface CollectingLogger extends vega.LoggerInterface {
  readonly warnings: string[];
  readonly errors: string[];
}

function collectingLogger(): CollectingLogger {
  const warnings: string[] = [];
  const errors: string[] = [];
  let currentLevel = chartLibraries().vega.Warn;
  const logger = {
    warnings,
    errors,
    level(l?: number) {
      if (l === undefined) return currentLevel;
      currentLevel = l;
      return logger;
    },
    error(...args: readonly unknown[]) {
      errors.push(messageOf(args));
      return logger;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(messageOf(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger as unknown as CollectingLogger;
}

function messageOf(args: readonly unknown[]): string {
  return args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
}

/** Compiles a vega-lite spec to vega, collecting warnings; throws on errors. */
export function compileChart(spec: TopLevelSpec): CompiledChart {
  if (spec === null || typeof spec !== "object") throw new RangeError(`compileChart: spec must be a vega-lite spec object, got ${spec === null ? "null" : typeof spec}`);
  const logger = collectingLogger();
  // A JSON copy: vega tags inline data rows with symbols, and the caller's spec must stay untouched.
  const compiled = chartLibraries().vegaLite.compile(JSON.parse(JSON.stringify(spec)) as TopLevelSpec, { logger });
  if (logger.errors.length) throw new Error(`vega-lite could not compile the chart: ${logger.errors.join("; ")}`);
  return { spec: compiled.spec, warnings: logger.warnings };
}

/** Helvetica widths for vega's layout (titles, labels, legends), honouring a text mark's `limit`. */
function helveticaWidth(item: { fontSize?: number; fontWeight?: string | number; limit?: number; text?: unknown }, text?: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const bold = item.fontWeight === "bold" || Number(item.fontWeight) >= 600;
  const value = text ?? item.text;
  const line = value == null ? "" : String(value).trim();
  const w = textWidth(line, size, bold);
  return item.limit && item.limit > 0 ? Math.min(w, item.limit) : w;
}

interface TextMetrics {
  width: (item: object, text?: unknown) => number;
}

/**
 * Vega offers no per-view text measurer, only its module-wide `textMetrics.width`; it is set once
 * to the same pure function (vega supports replacing it, as vl-convert does).
 */
function useHelveticaMetrics(): void {
  const metrics = (chartLibraries().vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  if (metrics.width !== helveticaWidth) metrics.width = helveticaWidth as TextMetrics["width"];
}

/** Renames the SVG's clip-path and gradient ids to ids unique to this SVG and stable across runs. */
export function stableSvgIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(m[1])) ids.set(m[1], `d${ids.size + 1}`);
  if (ids.size === 0) return svg;
  const rename = (s: string, prefix: string) =>
    s.replace(/\bid="([^"]+)"|url\(#([^)]+)\)|href="#([^"]+)"/g, (whole, a: string | undefined, b: string | undefined, c: string | undefined) => {
      const old = a ?? b ?? c!;
      const fresh = ids.get(old);
      if (!fresh) return whole;
      const id = prefix + fresh;
      return a !== undefined ? `id="${id}"` : b !== undefined ? `url(#${id})` : `href="#${id}"`;
    });
  const hash = createHash("sha256").update(rename(svg, "")).digest("hex").slice(0, 8);
  return rename(svg, `ccsim-${hash}-`);
}

export interface RenderOptions {
  /** Called with each vega-lite compile warning (none for ccsim's charts). */
  onWarning?: (message: string) => void;
}

/** Renders a vega-lite spec to an SVG document (a string starting with `<svg`). */
export async function renderSvg(spec: TopLevelSpec, options: RenderOptions = {}): Promise<string> {
  const { spec: vegaSpec, warnings } = compileChart(spec);
  for (const w of warnings) options.onWarning?.(w);
  useHelveticaMetrics();
  const logger = collectingLogger();
  const { vega: v } = chartLibraries();
  const view = new v.View(v.parse(vegaSpec), { renderer: "none", logger });
  try {
    const svg = await view.toSVG();
    if (logger.errors.length) throw new Error(`vega could not render the chart: ${logger.errors.join("; ")}`);
    for (const w of logger.warnings) options.onWarning?.(w);
    return stableSvgIds(svg);
  } finally {
    view.finalize();
  }
}
