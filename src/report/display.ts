/**
 * Charts in Jupyter notebooks running the tslab kernel: `await show(costDistributionChart(outcomes))`
 * displays the chart as one output carrying several representations: the rendered SVG inlined
 * in `text/html` (what `jupyter nbconvert --to html` keeps: Debian's nbconvert 6.5 sanitizes an
 * `image/svg+xml` output down to its text, dropping every drawn mark, but copies HTML as it is),
 * the SVG itself (nbviewer, GitHub, VS Code), the vega-lite spec
 * (`application/vnd.vegalite.v5+json`, for front ends that prefer it) and plain text.
 *
 * tslab is optional: it is loaded only when `show` runs without a `display` argument. Its public
 * `display.raw` sends one MIME type per message (two outputs for two types), so the bundle goes
 * through the kernel's own writer (`tslab/dist/jupyter` `lastWriteDisplayData`, the function
 * behind `display.raw`) when it is reachable, and falls back to the public API with SVG only.
 */
import type { TopLevelSpec } from "vega-lite";
import { renderSvg } from "./render.js";

export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
export const SVG_MIME = "image/svg+xml";
export const HTML_MIME = "text/html";

/** Representations of one output, keyed by MIME type; the front end shows the richest it can. */
export type MimeBundle = Record<string, unknown>;

/** Something that shows a whole bundle as one output (a custom front end, a test). */
export interface BundleDisplay {
  bundle(data: MimeBundle): void;
}

/** tslab's public `display` object: one representation per call. */
export interface RawDisplay {
  raw(contentType: string, data: string): unknown;
}

export interface ShowOptions {
  /** Where to show the chart; default the tslab kernel running this code. */
  display?: BundleDisplay | RawDisplay;
  /** Offer the interactive vega-lite representation too (default true). */
  interactive?: boolean;
}

/** The chart as a MIME bundle: SVG in HTML, SVG, vega-lite spec (unless `interactive` is false) and a text description. */
export async function chartBundle(spec: TopLevelSpec, interactive = true): Promise<MimeBundle> {
  const svg = await renderSvg(spec);
  const description = typeof spec.description === "string" && spec.description ? spec.description : "vega-lite chart";
  return {
    [HTML_MIME]: htmlOf(svg),
    [SVG_MIME]: svg,
    ...(interactive ? { [VEGA_LITE_MIME]: JSON.parse(JSON.stringify(spec)) as unknown } : {}),
    "text/plain": description,
  };
}

/** The SVG inlined in a block that scales with the page: an exported notebook keeps it drawn. */
function htmlOf(svg: string): string {
  return `<div class="ccsim-chart" style="max-width:100%;overflow-x:auto">${svg}</div>`;
}

type KernelWriter = (data: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/** Loads a module only if it is installed (tslab is a development dependency). */
async function optionalImport(specifier: string): Promise<Record<string, unknown> | null> {
  try {
    // A variable specifier keeps TypeScript and bundlers from requiring the module to exist.
    const mod = (await import(specifier)) as Record<string, unknown>;
    return (mod.default as Record<string, unknown> | undefined) ?? mod;
  } catch {
    return null;
  }
}

function isBundleDisplay(d: BundleDisplay | RawDisplay): d is BundleDisplay {
  return typeof (d as BundleDisplay).bundle === "function";
}

/** The display of the tslab kernel running this code, or null outside a kernel. */
async function kernelDisplay(): Promise<BundleDisplay | RawDisplay | null> {
  const internals = await optionalImport("tslab/dist/jupyter.js");
  const writer = internals?.lastWriteDisplayData;
  if (typeof writer === "function") {
    return { bundle: (data) => (writer as KernelWriter)({ data, metadata: {}, transient: {} }, false) };
  }
  const tslab = await optionalImport("tslab");
  const display = tslab?.display as RawDisplay | undefined;
  return display && typeof display.raw === "function" ? display : null;
}

/**
 * Shows a chart in a Jupyter notebook (tslab kernel). Resolves to nothing, so that a cell ending
 * in `await show(...)` prints no value after the chart.
 */
export async function show(spec: TopLevelSpec, options: ShowOptions = {}): Promise<void> {
  if (spec === null || typeof spec !== "object") throw new RangeError(`show: spec must be a vega-lite spec object, got ${spec === null ? "null" : typeof spec}`);
  const display = options.display ?? (await kernelDisplay());
  if (!display) throw new Error("show: no Jupyter display found; run it in a notebook with the tslab kernel, or pass options.display (elsewhere, use renderSvg(spec))");
  const bundle = await chartBundle(spec, options.interactive ?? true);
  if (isBundleDisplay(display)) {
    display.bundle(bundle);
    return;
  }
  if (typeof display.raw !== "function") throw new RangeError("show: options.display must have a bundle(data) or a raw(contentType, data) method");
  try {
    // One representation only: the HTML, which every front end and an HTML export show drawn.
    display.raw(HTML_MIME, bundle[HTML_MIME] as string);
  } catch (e) {
    // tslab's public display throws "Not ready" outside a running kernel.
    throw new Error(`show: the notebook display failed (${e instanceof Error ? e.message : String(e)}); run it in a notebook with the tslab kernel, or use renderSvg(spec)`);
  }
}
