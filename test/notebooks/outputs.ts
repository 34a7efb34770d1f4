/**
 * What an executed notebook must show, beyond running: every `ccsim.show(…)` cell draws its chart
 * (a vega-lite spec with data, rendered to an SVG with its marks and axis titles), and the values
 * the notebooks print hold — against queueing theory where they compare with it, and against each
 * other where one figure is derived from others (a relative cost from two costs, a verdict from
 * the table it summarises).
 */

export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}
export interface ExecutedCell {
  source: string | string[];
  outputs?: Output[];
}

const text = (t: unknown) => (Array.isArray(t) ? t.join("") : typeof t === "string" ? t : "");

/** Everything a cell printed (stdout) and displayed as markdown, in order. */
export function printed(cell: ExecutedCell): string {
  return (cell.outputs ?? [])
    .map((o) => (o.output_type === "stream" && o.name === "stdout" ? text(o.text) : text(o.data?.["text/markdown"])))
    .join("\n");
}

interface VegaLite {
  datasets?: Record<string, Record<string, unknown>[]>;
  data?: { values?: Record<string, unknown>[] };
  title?: { text?: string } | string;
  [key: string]: unknown;
}

/** The rows of data a spec carries, wherever it keeps them (named datasets, inline values, nested views). */
function dataRows(spec: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(spec)) spec.forEach((s) => dataRows(s, out));
  else if (spec !== null && typeof spec === "object") {
    const s = spec as VegaLite;
    if (s.datasets) for (const rows of Object.values(s.datasets)) out.push(...rows);
    if (s.data?.values) out.push(...s.data.values);
    for (const [k, v] of Object.entries(s)) if (k !== "datasets" && k !== "data" && typeof v === "object") dataRows(v, out);
  }
  return out;
}

/** Problems with the charts of a cell that calls ccsim.show (empty when it drew them). */
export function chartProblems(cell: ExecutedCell, where: string): string[] {
  const shown = (cell.outputs ?? []).filter((o) => o.output_type === "display_data" && o.data?.["image/svg+xml"]);
  if (shown.length === 0) return [`${where}: calls ccsim.show but displayed no SVG chart`];
  const problems: string[] = [];
  for (const o of shown) {
    const svg = text(o.data!["image/svg+xml"]);
    const spec = o.data!["application/vnd.vegalite.v5+json"] as VegaLite | undefined;
    if (!spec) {
      problems.push(`${where}: the chart carries no vega-lite spec`);
      continue;
    }
    const rows = dataRows(spec);
    if (rows.length < 2) problems.push(`${where}: the chart has ${rows.length} data row(s)`);
    const numbers = rows.flatMap((r) => Object.values(r).filter((v) => typeof v === "number") as number[]);
    if (numbers.length === 0) problems.push(`${where}: the chart's data holds no numbers`);
    if (numbers.some((x) => !Number.isFinite(x))) problems.push(`${where}: the chart's data holds a non-finite number`);
    const marks = (svg.match(/role="graphics-symbol"/g) ?? []).length;
    if (marks < 3) problems.push(`${where}: the SVG draws ${marks} data mark(s)`);
    if (!/aria-label="X-axis titled|aria-label="Y-axis titled/.test(svg) && !/role="graphics-object" aria-roledescription="(arc|legend)/.test(svg)) problems.push(`${where}: the SVG has no titled axis`);
    const title = typeof spec.title === "string" ? spec.title : spec.title?.text;
    if (!title) problems.push(`${where}: the chart has no title`);
  }
  return problems;
}

/** Parses "39.0%" → 0.39, "$280,050" → 280050, "121.0 s" → 121. */
export function numberIn(s: string): number {
  const m = s.replace(/[−–]/g, "-").match(/-?[\d,]*\.?\d+/);
  if (!m) return NaN;
  const x = Number(m[0].replace(/,/g, ""));
  return s.includes("%") ? x / 100 : x;
}

/** The body rows of the markdown tables in a text, as cells. */
export function tableRows(markdown: string): string[][] {
  return markdown
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|\s*-+:?\s*\|/.test(l) && !/^\|\s*---/.test(l))
    .map((l) => l.split("|").slice(1, -1).map((c) => c.trim()))
    .filter((cells, i, all) => i > 0 || all.length === 1 || cells.some((c) => /\d/.test(c)));
}

/** Everything every cell of a notebook printed, joined. */
const allPrinted = (cells: ExecutedCell[]) => cells.map(printed).join("\n");

function need(problems: string[], m: RegExpMatchArray | null, what: string): m is RegExpMatchArray {
  if (!m) problems.push(`the notebook no longer prints ${what}`);
  return m !== null;
}

/** queue-behaviour: simulation against Erlang C and A, the property checks, pooling. */
function queueBehaviour(cells: ExecutedCell[]): string[] {
  const problems: string[] = [];
  const out = allPrinted(cells);
  // "the analytic value lies inside the simulated 95% CI in 21 of 21 cases": 95% intervals miss
  // about 1 case in 20; fewer than 80% inside means the simulator or the formulas are off.
  const agreements = [...out.matchAll(/inside the simulated 95% CI in (\d+) of (\d+) cases/g)];
  if (agreements.length !== 2) problems.push(`expected the Erlang C and Erlang A agreement lines, found ${agreements.length}`);
  for (const [line, inside, total] of agreements) if (Number(inside) < 0.8 * Number(total)) problems.push(`too few agreements with theory: ${line}`);
  // Every cell "39.0% [36.9%, 41.1%] vs 39.0% ✓": the analytic value within 3 half-widths of the mean.
  for (const [cell, mean, lo, hi, analytic] of out.matchAll(/([\d.]+)(?:%| s) \[([\d.]+)(?:%| s), ([\d.]+)(?:%| s)\] vs ([\d.]+)(?:%| s)/g)) {
    const half = (Number(hi) - Number(lo)) / 2;
    if (Math.abs(Number(mean) - Number(analytic)) > 3 * half + 0.05) problems.push(`simulated and analytic values disagree: ${cell}`);
  }
  need(problems, out.match(/Conservation held in all \d+ generated scenarios/), "that conservation held");
  need(problems, out.match(/No answered caller waited longer with an extra agent/), "the monotonicity result without abandonment");
  const counter = out.match(/waits ([\d.]+) s with (\d+) agents? but ([\d.]+) s with (\d+) agents/);
  if (need(problems, counter, "the counterexample with abandonment") && !(Number(counter[3]) > Number(counter[1]) && Number(counter[4]) > Number(counter[2])))
    problems.push(`the counterexample is not one: ${counter[0]}`);
  // Pooling at equal speed raises the service level at every headcount: its whole interval above 0.
  const pooled = tableRows(out).filter((r) => r[1] === "Pooled");
  if (pooled.length === 0) problems.push("the pooling table has no Pooled rows");
  for (const r of pooled) {
    const ci = r[3].match(/\[(-?[\d.]+), (-?[\d.]+)\]/);
    if (!ci || !(Number(ci[1]) > 0)) problems.push(`pooling does not raise the service level at ${r[0]} agents: ${r[3]}`);
  }
  return problems;
}

/** outsourcing-decision: relative costs from the costs, the recommendation from the table. */
function outsourcingDecision(cells: ExecutedCell[]): string[] {
  const problems: string[] = [];
  const out = allPrinted(cells);
  const rows = tableRows(out).filter((r) => /^\*\*.+\*\*$/.test(r[0]) && r[1].startsWith("$"));
  if (rows.length < 3) return [`the options table has ${rows.length} rows`];
  const base = numberIn(rows[0][1]);
  for (const r of rows.slice(1)) {
    const relative = numberIn(r[2]);
    const expected = numberIn(r[1]) / base - 1;
    if (!(Math.abs(relative - expected) <= 0.0006)) problems.push(`${r[0]}: "${r[2]}" but its cost ${r[1]} against ${rows[0][1]} is ${(expected * 100).toFixed(2)}%`);
  }
  const meeting = rows.filter((r) => r[6].startsWith("yes"));
  const cheapest = meeting.reduce((a, b) => (numberIn(b[1]) < numberIn(a[1]) ? b : a), meeting[0]);
  const recommended = out.match(/Recommendation: (.+?) —/);
  if (need(problems, recommended, "a recommendation") && cheapest && `**${recommended[1]}**` !== cheapest[0])
    problems.push(`the recommendation is ${recommended[1]} but the cheapest option meeting the target is ${cheapest[0]}`);
  if (recommended && cheapest) {
    const saves = out.match(new RegExp(`${recommended[1].replace(/[()]/g, "\\$&")} saves ([\\d.]+)%`));
    if (need(problems, saves, "what the recommended option saves") && Math.abs(Number(saves[1]) / 100 + numberIn(cheapest[2])) > 0.0006)
      problems.push(`the verdict says ${recommended[1]} saves ${saves[1]}% but the table says ${cheapest[2]}`);
  }
  // The verdict over the stated uncertainty: the 90% range beside the stated saving, and a break-even sentence.
  const range = out.match(/saves ([\d.]+)% ± ([\d.]+)% at the stated values; saves (−?\d+(?:\.\d)?)% to (−?\d+(?:\.\d)?)% \(90% range\) over the stated uncertainty; cheaper than .+ in (\d+)% of plausible cases/);
  if (need(problems, range, "the saving's 90% range over the stated uncertainty")) {
    const [lo, hi] = [Number(range[3].replace("−", "-")), Number(range[4].replace("−", "-"))];
    if (!(lo <= hi)) problems.push(`the 90% range ${range[3]}% to ${range[4]}% is upside down`);
  }
  need(problems, out.match(/(stops|starts) paying off against .+ if .+ (falls below|rises above) [\d.,]+|does not flip for any /), "a break-even sentence");
  return problems;
}

/** staffing-and-automation: savings from costs, the shift plan against the requirement. */
function staffingAndAutomation(cells: ExecutedCell[]): string[] {
  const problems: string[] = [];
  const out = allPrinted(cells);
  const containment = tableRows(out).filter((r) => r.length === 6 && r[2].startsWith("$"));
  if (containment.length < 2) problems.push(`the containment table has ${containment.length} rows`);
  const first = containment[0] ? numberIn(containment[0][2]) : NaN;
  for (const r of containment) {
    const saving = numberIn(r[4]);
    if (Math.abs(saving - (first - numberIn(r[2]))) > 2) problems.push(`containment ${r[0]}: saving ${r[4]} is not ${containment[0][2]} − ${r[2]}`);
    if (saving > 0 && Math.abs(numberIn(r[5]) / saving - (3 * 365.25) / 7) > 0.01 * ((3 * 365.25) / 7)) problems.push(`containment ${r[0]}: ${r[5]} over 3 years is not 3 years of ${r[4]} a week`);
    if (numberIn(r[3]) < 0.8) problems.push(`containment ${r[0]}: the "cheapest staffing meeting target" has service level ${r[3]}`);
  }
  const need472 = out.match(/needs \d+ to \d+ agents per half hour: ([\d.]+) agent-hours/);
  const plan = out.match(/Shift plan: ([\d.]+) paid hours, ([\d.]+)% above the requirement/);
  if (need(problems, need472, "the Erlang A requirement") && need(problems, plan, "the shift plan")) {
    const above = Number(plan[1]) / Number(need472[1]) - 1;
    if (!(Number(plan[1]) >= Number(need472[1])) || Math.abs(above * 100 - Number(plan[2])) > 0.06) problems.push(`the shift plan's ${plan[1]} h are not ${plan[2]}% above ${need472[1]} h`);
  }
  const file = out.match(/Staffing in the file: service level ([\d.]+)%/);
  const planned = out.match(/Erlang A shift plan: service level ([\d.]+)%/);
  if (need(problems, file, "the file's service level") && need(problems, planned, "the shift plan's service level") && !(Number(planned[1]) > Number(file[1])))
    problems.push(`the shift plan (${planned[1]}%) does not improve on the file's staffing (${file[1]}%)`);
  return problems;
}

/**
 * fit-and-backtest: the fit table, and verdict lines that agree with their own numbers (inside
 * means the observed value lies in the printed 99% range); the calibrated fit passes.
 */
function fitAndBacktest(cells: ExecutedCell[]): string[] {
  const problems: string[] = [];
  const out = allPrinted(cells);
  const fitted = tableRows(out).filter((r) => ["billing", "tech", "sales"].includes(r[0]));
  if (fitted.length !== 3) problems.push(`the fit table has ${fitted.length} of the baseline's three contact types`);
  for (const r of fitted) if (!(numberIn(r[1]) > 0)) problems.push(`${r[0]}: no calls per day fitted (${r[1]})`);
  const lines = [...out.matchAll(/^- (.+?): observed (.+?), simulated .+?99% of replications (.+?)–(.+?)\): (inside|OUTSIDE)/gm)];
  if (lines.length !== 12) problems.push(`expected six verdict lines for each of the two backtests, found ${lines.length}`);
  for (const [line, , observed, lo, hi, verdict] of lines) {
    const x = numberIn(observed), a = numberIn(lo), b = numberIn(hi);
    const inside = x >= a - 1e-9 && x <= b + 1e-9;
    // Printed values are rounded: only a clear disagreement counts.
    const clear = x < a - 0.002 * Math.abs(a) - 0.001 || x > b + 0.002 * Math.abs(b) + 0.001;
    if ((verdict === "inside") !== inside && (verdict === "inside" || clear)) problems.push(`the verdict contradicts its numbers: ${line}`);
  }
  const verdicts = [...out.matchAll(/^- Verdict: (.+)$/gm)].map((m) => m[1]);
  if (verdicts.length !== 2) problems.push(`expected two verdicts, found ${verdicts.length}`);
  else if (!verdicts[1].startsWith("every whole-period KPI is inside")) problems.push(`the calibrated fit no longer passes its backtest: ${verdicts[1]}`);
  need(problems, out.match(/\d+ bisection rounds; [\d.]+ agent-hours a week seen on duty, [\d.]+ effective/), "the calibration summary");
  return problems;
}

/** The value checks of each notebook (a notebook without an entry fails: add its checks). */
export const VALUE_CHECKS: Record<string, (cells: ExecutedCell[]) => string[]> = {
  "queue-behaviour.ipynb": queueBehaviour,
  "outsourcing-decision.ipynb": outsourcingDecision,
  "staffing-and-automation.ipynb": staffingAndAutomation,
  "fit-and-backtest.ipynb": fitAndBacktest,
};
