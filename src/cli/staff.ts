/**
 * `ccsim staff FILE --target 80/20`: how many agents, when. Per-interval requirements by Erlang C,
 * Erlang A and (with --method simulation) the iterative staffing algorithm; a shift plan at the
 * fewest paid hours; its cost; and the simulated service level of the plan, ready to paste back
 * into the scenario.
 */
import { join } from "node:path";
import { runScenarioYielding } from "../experiment/replicate.js";
import { analyticRequirements, intervalServiceLevels, iterativeStaffing, parseTarget, scheduledFor, trimStaffing, type ServiceTarget } from "../experiment/staffing.js";
import { halfWidth, summarize } from "../experiment/summary.js";
import { planToShiftSpecs, scheduleShifts, type ShiftPlan, type ShiftTemplate } from "../models/scheduling.js";
import { clockLabel, formatMoney, formatPercent } from "../report/format.js";
import { csv, toJson } from "../report/results.js";
import { renderTable } from "../report/table.js";
import { parseDuration, type Scenario } from "../scenario/schema.js";
import { compileModel } from "../sim/model.js";
import { CliError, EXIT, checkOutputDir, interruptible, loadAll } from "./common.js";
import { writeFileAtomic } from "./files.js";

export interface StaffFlags {
  /** `--set path=value` overrides applied to the scenario. */
  set?: string[];
  target: string;
  group?: string;
  method: "auto" | "erlangC" | "erlangA" | "simulation";
  replications?: number;
  seed?: number;
  shiftLengths: string;
  lunch: string;
  out?: string;
  format: "table" | "json" | "csv";
  force?: boolean;
  quiet?: boolean;
  timeLimit?: number;
}

interface Requirement {
  interval: number;
  start: number;
  load: number;
  erlangC: number;
  erlangA: number | null;
  simulation: number | null;
  /** The requirement the plan is built from (productive agents), and its scheduled headcount. */
  chosen: number;
  scheduled: number;
}

export async function staffCommand(file: string, flags: StaffFlags): Promise<number> {
  const [{ scenario }] = loadAll([file], { quiet: flags.quiet, set: flags.set });
  checkOutputDir(flags.out, flags.force);
  let target: ServiceTarget;
  try {
    target = parseTarget(flags.target);
  } catch (e) {
    throw new CliError(`ccsim: --target: ${(e as Error).message}`, EXIT.input);
  }
  const groups = Object.keys(scenario.agentGroups);
  const group = flags.group ?? (groups.length === 1 ? groups[0] : undefined);
  if (!group) throw new CliError(`ccsim: the scenario has ${groups.length} agent groups; say which to staff with --group (${groups.join(", ")})`, EXIT.input);
  if (!groups.includes(group)) throw new CliError(`ccsim: --group "${group}" is not an agent group of ${file} (${groups.join(", ")})`, EXIT.input);
  const model = compileModel(scenario);
  const gi = model.groups.findIndex((g) => g.name === group);
  const shrinkage = model.groups[gi].shrinkage;
  const replications = flags.replications ?? scenario.replications;
  const seed = flags.seed ?? scenario.seed;
  const progress = (text: string) => !flags.quiet && process.stderr.write(`ccsim: ${text}\n`);

  const analytic = analyticRequirements(model, gi, target);
  // Erlang A where every customer may abandon, else Erlang C.
  const method = flags.method === "auto" ? (analytic.every((r) => r.load === 0 || r.erlangA !== null) ? "erlangA" : "erlangC") : flags.method;
  if (method === "erlangA" && analytic.some((r) => r.load > 0 && r.erlangA === null)) {
    throw new CliError(`ccsim: --method erlangA needs a finite patience for every contact type of "${group}"; use erlangC or simulation`, EXIT.input);
  }
  let simulated: number[] | null = null;
  if (method === "simulation") {
    progress(`iterative staffing algorithm for "${group}" (target probability of waiting ${formatPercent(1 - target.serviceLevel, 0)}), ${replications} replications per iteration…`);
    const isa = iterativeStaffing(scenario, { group, delayProbability: 1 - target.serviceLevel, replications, seed });
    progress(`${isa.converged ? "converged" : "stopped without converging"} after ${isa.iterations.length} iterations; trimming intervals above target…`);
    const trimmed = trimStaffing(scenario, group, isa.productive, target, { replications, seed });
    progress(`removed ${trimmed.removed} agent-intervals in ${trimmed.rounds} rounds`);
    simulated = trimmed.productive;
  }
  const requirements: Requirement[] = analytic.map((r, i) => {
    const chosen = method === "simulation" ? simulated![i] : method === "erlangA" ? (r.erlangA ?? 0) : r.erlangC;
    return { interval: i, start: r.start, load: r.load, erlangC: r.erlangC, erlangA: r.erlangA, simulation: simulated ? simulated[i] : null, chosen, scheduled: scheduledFor(chosen, shrinkage) };
  });

  progress("planning shifts at the fewest paid hours…");
  const plan = await planShifts(scenario, requirements, shrinkage, flags);
  const shifts = planToShiftSpecs(plan);

  progress(`simulating the plan (${replications} replications)…`);
  const planned: Scenario = { ...scenario, agentGroups: { ...scenario.agentGroups, [group]: { ...scenario.agentGroups[group], staffing: { shifts: validatedShifts(shifts) } } } };
  const { signal, dispose } = interruptible();
  let check;
  try {
    check = await runScenarioYielding({ ...planned, reportIntervalMinutes: scenario.intervalMinutes }, { replications, seed, signal });
  } finally {
    dispose();
  }
  const types = model.types.filter((t) => t.primaryGroups.includes(gi)).map((t) => t.name);
  const sl = summarize(check.runs.map((r) => {
    // Service level over the group's types: answered within / (answered + abandoned), pooled.
    let within = 0;
    let reached = 0;
    for (const t of types) {
      const k = r.totals.types[t];
      within += (k.serviceLevel ?? 0) * ((k.answered ?? 0) + (k.abandoned ?? 0));
      reached += (k.answered ?? 0) + (k.abandoned ?? 0);
    }
    return reached > 0 ? within / reached : null;
  }));
  const perInterval = intervalServiceLevels(check, types);
  const below = perInterval.map((v, i) => ({ v, i })).filter(({ v, i }) => v !== null && v < target.serviceLevel && requirements[i]?.chosen > 0);
  const wage = scenario.agentGroups[group].hourlyWage;
  const summary = {
    format: "ccsim.staffing/1",
    file,
    group,
    target,
    method,
    shrinkage,
    requirements,
    plan: { status: plan.status, gap: plan.gap, paidHours: plan.paidHours, lowerBound: plan.lowerBound, method: plan.method, notes: plan.notes, cost: wage !== undefined ? plan.paidHours * wage : null },
    shifts,
    simulated: { replications: check.runs.length, serviceLevel: sl, intervalsBelowTarget: below.map(({ i, v }) => ({ interval: i, start: requirements[i].start, serviceLevel: v })) },
  };

  const shiftsYaml = shiftsYamlOf(shifts);
  if (flags.out) {
    writeFileAtomic(join(flags.out, "requirements.csv"), requirementsCsv(requirements, scenario.startDay));
    writeFileAtomic(join(flags.out, "shifts.yaml"), `# ccsim staff ${file} --group ${group} --target ${flags.target} --method ${method}\n# paste under agentGroups.${group}:\n${shiftsYaml}`);
    writeFileAtomic(join(flags.out, "staffing.json"), toJson(summary));
  }
  if (flags.format === "json") process.stdout.write(toJson(summary));
  else if (flags.format === "csv") process.stdout.write(requirementsCsv(requirements, scenario.startDay));
  else {
    const startDay = model.startDay;
    const rows = requirements
      .filter((r) => r.load > 0 || r.chosen > 0)
      .map((r) => [clockLabel(r.start, startDay), r.load.toFixed(1), String(r.erlangC), r.erlangA === null ? "–" : String(r.erlangA), r.simulation === null ? "–" : String(r.simulation), String(r.scheduled), plan.coverage[r.interval] !== undefined ? plan.coverage[r.interval].toFixed(1) : "–"]);
    const half = halfWidth(sl);
    process.stdout.write(
      [
        `Staffing "${group}" of ${scenario.name ?? file} for ${formatPercent(target.serviceLevel, 0)} answered within ${target.thresholdSeconds} s (method: ${method}, shrinkage ${formatPercent(shrinkage, 0)})`,
        "",
        renderTable(["Interval", "Erlangs", "Erlang C", "Erlang A", "Simulation", "Scheduled", "Plan (productive)"], rows),
        "",
        `Shift plan: ${plan.paidHours.toFixed(1)} paid hours (${plan.status}${plan.gap > 0 ? `, within ${formatPercent(plan.gap, 2)} of the optimum` : ""})${wage !== undefined ? `, ${formatMoney(plan.paidHours * wage)} at ${formatMoney(wage)}/h` : ""}`,
        ...plan.notes.map((n) => `  note: ${n}`),
        `Simulated service level of the plan: ${formatPercent(sl.mean, 1)}${half !== null ? ` ±${formatPercent(half, 1)}` : ""} (${check.runs.length} replications)${below.length ? `; ${below.length} intervals below target, e.g. ${below.slice(0, 3).map(({ i, v }) => `${clockLabel(requirements[i].start, startDay)} ${formatPercent(v, 0)}`).join(", ")}` : "; every staffed interval on target"}`,
        "",
        `Paste under agentGroups.${group}:`,
        shiftsYaml,
      ].join("\n"),
    );
  }
  return EXIT.ok;
}

/** Shift templates from the flags: each length, starting at any interval, lunch in the middle of long shifts. */
async function planShifts(s: Scenario, requirements: readonly Requirement[], shrinkage: number, flags: StaffFlags): Promise<ShiftPlan> {
  const interval = s.intervalMinutes * 60;
  const lengths = flags.shiftLengths.split(",").map((x) => parseDuration(x.trim()));
  if (lengths.some((l) => l === null || l <= 0 || l > 16 * 3600)) throw new CliError(`ccsim: --shift-lengths takes durations up to 16h, e.g. 8.5h,6h,4h (got "${flags.shiftLengths}")`, EXIT.input);
  const lunch = parseDuration(flags.lunch);
  if (lunch === null) throw new CliError(`ccsim: --lunch takes a duration such as 30m or 0 (got "${flags.lunch}")`, EXIT.input);
  const starts = Array.from({ length: 86400 / interval }, (_, i) => i * interval);
  const templates: ShiftTemplate[] = (lengths as number[]).map((length) => ({
    length,
    starts,
    // A lunch for shifts of six hours or more, placed between 40% and 60% of the shift.
    breaks: length >= 6 * 3600 && lunch > 0 ? [{ earliest: Math.floor((0.4 * length) / interval) * interval, latest: Math.ceil((0.6 * length) / interval) * interval, length: lunch }] : [],
  }));
  const horizonDays = Math.round((requirements.length * interval) / 86400);
  try {
    return await scheduleShifts({
      required: requirements.map((r) => r.chosen),
      intervalSeconds: interval,
      startDay: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].indexOf(s.startDay),
      templates,
      shrinkage,
      cyclic: horizonDays === 7,
      timeLimitSeconds: flags.timeLimit ?? 20,
    });
  } catch (e) {
    throw new CliError(`ccsim: shift planning failed: ${(e as Error).message}`, EXIT.input);
  }
}

/** Shift entries as a scenario file writes them, one flow mapping per line. */
export function shiftsYamlOf(shifts: ReturnType<typeof planToShiftSpecs>): string {
  const v = (x: string | number) => (typeof x === "number" ? String(x) : x);
  const days = (d: readonly string[]) => (d.length === 7 ? "all" : d.join(",") === "mon,tue,wed,thu,fri" ? "weekdays" : d.join(",") === "sat,sun" ? "weekend" : `[${d.join(", ")}]`);
  const lines = shifts.map((e) => {
    const breaks = e.breaks.length ? `, breaks: [${e.breaks.map((b) => `{ after: ${v(b.after)}, length: ${v(b.length)} }`).join(", ")}]` : "";
    return `    - { start: "${e.start}", length: ${v(e.length)}, days: ${days(e.days)}, count: ${e.count}${breaks} }`;
  });
  return ["staffing:", "  shifts:", ...lines].join("\n") + "\n";
}

/** The same entries in the validated form the simulator reads (seconds). */
function validatedShifts(shifts: ReturnType<typeof planToShiftSpecs>): NonNullable<Scenario["agentGroups"][string]["staffing"]["shifts"]> {
  const seconds = (v: string | number) => parseDuration(v)!;
  return shifts.map((e) => {
    const [h, m] = e.start.split(":").map(Number);
    return { start: h * 3600 + m * 60, length: seconds(e.length), days: e.days, count: e.count, breaks: e.breaks.map((b) => ({ after: seconds(b.after), length: seconds(b.length) })) };
  });
}

function requirementsCsv(requirements: readonly Requirement[], startDay: string): string {
  const day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].indexOf(startDay);
  return csv(
    ["interval", "start_s", "start", "erlangs", "erlang_c", "erlang_a", "simulation", "productive_required", "scheduled"],
    requirements.map((r) => [r.interval, r.start, clockLabel(r.start, day), Number(r.load.toFixed(4)), r.erlangC, r.erlangA, r.simulation, r.chosen, r.scheduled]),
  );
}
