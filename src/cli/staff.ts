/**
 * `ccsim staff FILE`: how many agents, when, for every agent group at once (or one with --group).
 * Per-interval requirements by Erlang C and Erlang A, corrected by simulation (default) or built
 * by the iterative staffing algorithm (--method simulation); a shift plan per group at the
 * fewest paid hours; its cost; and a check of the plan by simulation on a seed planning never
 * used, ready to paste back into the scenario (or run as --out DIR/staffed.yaml).
 */
import { join, relative, resolve, sep } from "node:path";
import { checkPlan } from "../experiment/plan-check.js";
import { withTargetThresholds, type TypeTargets } from "../experiment/plan.js";
import { runScenarioYielding } from "../experiment/replicate.js";
import { StaffPlanError, shiftTemplates, staffScenario, type Requirement, type StaffPlanResult } from "../experiment/staff-plan.js";
import { parseTarget, type ServiceTarget } from "../experiment/staffing.js";
import { halfWidth } from "../experiment/summary.js";
import type { StaffingTargets } from "../models/targets.js";
import type { planToShiftSpecs } from "../models/scheduling.js";
import { clockLabel, formatMoney, formatPercent, formatValue, formatWithHalf } from "../report/format.js";
import { csv, toJson } from "../report/results.js";
import { renderTable } from "../report/table.js";
import { parseDuration, type Scenario } from "../scenario/schema.js";
import { compileModel } from "../sim/model.js";
import { CliError, EXIT, checkOutputDir, interruptible, loadAll } from "./common.js";
import { writeFileAtomic, writeFolderAtomic } from "./files.js";

export interface StaffFlags {
  /** `--set path=value` overrides applied to the scenario. */
  set?: string[];
  /** Service-level target for every type ("80/20"); default each type's own from the scenario. */
  target?: string;
  /** ASA ceiling in seconds, abandonment cap and occupancy ceiling (shares or percentages). */
  asa?: string;
  abandon?: string;
  occupancy?: string;
  group?: string;
  method: "auto" | "erlangC" | "erlangA" | "simulation";
  replications?: number;
  seed?: number;
  iterations?: number;
  shiftLengths: string;
  lunch: string;
  out?: string;
  format: "table" | "json" | "csv";
  force?: boolean;
  quiet?: boolean;
  timeLimit?: number;
}

const share = (flag: string, text: string): number => {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const v = m ? Number(m[1]) / (m[2] || Number(m[1]) > 1 ? 100 : 1) : NaN;
  if (!(v > 0 && v <= 1)) throw new CliError(`ccsim: ${flag} takes a share such as 5% or 0.05 (got "${text}")`, EXIT.input);
  return v;
};

/** Each contact type's targets: the flags' for all, else the type's service level from the scenario. */
function targetsOf(s: Scenario, flags: StaffFlags): TypeTargets {
  let sl: ServiceTarget | undefined;
  if (flags.target !== undefined) {
    try {
      sl = parseTarget(flags.target);
    } catch (e) {
      throw new CliError(`ccsim: --target: ${(e as Error).message}`, EXIT.input);
    }
  }
  let asa: number | undefined;
  if (flags.asa !== undefined) {
    const v = parseDuration(flags.asa);
    if (v === null || !(v > 0)) throw new CliError(`ccsim: --asa takes a duration such as 30 or 30s (got "${flags.asa}")`, EXIT.input);
    asa = v;
  }
  const abandonment = flags.abandon !== undefined ? share("--abandon", flags.abandon) : undefined;
  const occupancy = flags.occupancy !== undefined ? share("--occupancy", flags.occupancy) : undefined;
  const m = compileModel(s);
  const out: TypeTargets = {};
  for (const t of m.types) {
    if (t.deferred) continue; // email is worked from a backlog, not to a live target
    const own = { level: t.serviceLevelTarget, thresholdSeconds: t.serviceLevelSeconds };
    const target: StaffingTargets = {};
    // An explicit ASA or abandonment target alone replaces the service level.
    if (sl) target.serviceLevel = { level: sl.serviceLevel, thresholdSeconds: sl.thresholdSeconds };
    else if (asa === undefined && abandonment === undefined) target.serviceLevel = own;
    if (asa !== undefined) target.asa = asa;
    if (abandonment !== undefined) target.abandonment = abandonment;
    if (occupancy !== undefined) target.occupancy = occupancy;
    out[t.name] = target;
  }
  return out;
}

const describeTarget = (t: StaffingTargets) =>
  [
    t.serviceLevel ? `${formatPercent(t.serviceLevel.level, 0)} within ${t.serviceLevel.thresholdSeconds} s` : null,
    t.asa !== undefined ? `ASA ≤ ${t.asa} s` : null,
    t.abandonment !== undefined ? `abandonment ≤ ${formatPercent(t.abandonment, 1)}` : null,
    t.occupancy !== undefined ? `occupancy ≤ ${formatPercent(t.occupancy, 0)}` : null,
  ]
    .filter(Boolean)
    .join(", ");

/** A seed the plan never saw, for the check. */
export const checkSeedOf = (seed: number) => (seed + 1_000_003) % 2 ** 31;

export async function staffCommand(file: string, flags: StaffFlags): Promise<number> {
  const [{ scenario: input }] = loadAll([file], { quiet: flags.quiet, set: flags.set });
  checkOutputDir(flags.out, flags.force, undefined, [file]);
  const targets = targetsOf(input, flags);
  const scenario = withTargetThresholds(input, targets);
  const names = Object.keys(scenario.agentGroups);
  const plannable = names.filter((g) => !scenario.agentGroups[g].staffing.elastic);
  if (flags.group !== undefined && !names.includes(flags.group)) throw new CliError(`ccsim: --group "${flags.group}" is not an agent group of ${file} (${names.join(", ")})`, EXIT.input);
  if (flags.group !== undefined && !plannable.includes(flags.group)) throw new CliError(`ccsim: --group "${flags.group}" has elastic staffing (the vendor staffs itself); plan one of ${plannable.join(", ")}`, EXIT.input);
  if (plannable.length === 0) throw new CliError(`ccsim: every agent group of ${file} has elastic staffing; there is nothing to plan`, EXIT.input);
  const groups = flags.group !== undefined ? [flags.group] : plannable;
  const model = compileModel(scenario);
  const replications = flags.replications ?? scenario.replications;
  const seed = flags.seed ?? scenario.seed;
  const checkSeed = checkSeedOf(seed);
  const progress = (text: string) => !flags.quiet && process.stderr.write(`ccsim: ${text}\n`);
  const lengths = flags.shiftLengths.split(",").map((x) => parseDuration(x.trim()));
  if (lengths.some((l) => l === null || l <= 0 || l > 16 * 3600)) throw new CliError(`ccsim: --shift-lengths takes durations up to 16h, e.g. 8.5h,6h,4h (got "${flags.shiftLengths}")`, EXIT.input);
  const lunch = parseDuration(flags.lunch);
  if (lunch === null) throw new CliError(`ccsim: --lunch takes a duration such as 30m or 0 (got "${flags.lunch}")`, EXIT.input);
  const gi = (g: string) => model.groups.findIndex((x) => x.name === g);
  let result: StaffPlanResult;
  try {
    result = await staffScenario(scenario, {
      groups,
      targets,
      method: flags.method,
      replications,
      seed,
      maxIterations: flags.iterations,
      templates: shiftTemplates(scenario.intervalMinutes * 60, lengths as number[], lunch),
      timeLimitSeconds: flags.timeLimit,
      onProgress: progress,
    });
  } catch (e) {
    if (e instanceof StaffPlanError) throw new CliError(`ccsim: ${e.message}`, EXIT.input);
    throw e;
  }
  const { requirements, correction, plans, method } = result;
  progress(`checking the plan by simulation on seed ${checkSeed}, which planning never used (${replications} replications)…`);
  const staffed: Scenario = { ...result.staffed, seed: checkSeed, replications };
  const { signal, dispose } = interruptible();
  let check;
  try {
    check = await runScenarioYielding(staffed, { replications, seed: checkSeed, signal });
  } finally {
    dispose();
  }
  const verdicts = checkPlan(check, targets);
  const summary = {
    format: "ccsim.staffing/2",
    file,
    groups,
    targets,
    method,
    correction,
    requirements,
    plans: Object.fromEntries(
      groups.map((g) => {
        const { plan, shifts } = plans[g];
        const wage = scenario.agentGroups[g].hourlyWage;
        return [g, { shrinkage: model.groups[gi(g)].shrinkage, status: plan.status, gap: plan.gap, paidHours: plan.paidHours, lowerBound: plan.lowerBound, method: plan.method, notes: plan.notes, cost: wage !== undefined ? plan.paidHours * wage : null, shifts }];
      }),
    ),
    check: {
      seed: checkSeed,
      replications: check.runs.length,
      types: Object.fromEntries(verdicts.map((v) => [v.type, { serviceLevel: v.horizon.serviceLevel, asa: v.horizon.asa, abandonment: v.horizon.abandonment, horizonMet: v.horizon.met, intervalsWithDemand: v.withDemand, shareOfIntervalsMet: v.shareMet, intervalsMissed: v.missed.map((x) => ({ ...x, start: x.interval * model.intervalSeconds })) }])),
    },
  };

  const shiftsYaml = groups.map((g) => `# agentGroups.${g}:\n${shiftsYamlOf(plans[g].shifts)}`).join("\n");
  const out = flags.out;
  if (out) writeFolderAtomic(out, { force: flags.force, command: "staff" }, (dir) => {
    writeFileAtomic(join(dir, "requirements.csv"), requirementsCsv(requirements, scenario.startDay));
    writeFileAtomic(join(dir, "shifts.yaml"), `# ccsim staff ${file} --method ${method}\n# paste each block under its agent group:\n${shiftsYaml}`);
    writeFileAtomic(join(dir, "staffing.json"), toJson(summary));
    // The extends path is relative to where the folder ends up, not to the staging folder.
    writeFileAtomic(join(dir, "staffed.yaml"), staffedYaml(file, out, input, targets, flags.target !== undefined, groups, plans, { seed: checkSeed, replications }));
  });
  if (flags.format === "json") process.stdout.write(toJson(summary));
  else if (flags.format === "csv") process.stdout.write(requirementsCsv(requirements, scenario.startDay));
  else {
    const startDay = model.startDay;
    const lines: string[] = [`Staffing ${groups.map((g) => `"${g}"`).join(", ")} of ${scenario.name ?? file} (method: ${method})`];
    for (const [type, t] of Object.entries(targets)) lines.push(`  ${type}: ${describeTarget(t)}`);
    if (correction) lines.push(`Simulation correction: ${correction.reason}`);
    for (const g of groups) {
      const { plan } = plans[g];
      const wage = scenario.agentGroups[g].hourlyWage;
      const rows = requirements
        .filter((r) => r.group === g && (r.load > 0 || r.chosen > 0))
        .map((r) => [clockLabel(r.start, startDay), r.load.toFixed(1), String(r.erlangC), r.erlangA === null ? "–" : String(r.erlangA), String(r.chosen), String(r.scheduled), plan.coverage[r.interval] !== undefined ? plan.coverage[r.interval].toFixed(1) : "–"]);
      lines.push(
        "",
        `Group "${g}" (shrinkage ${formatPercent(model.groups[gi(g)].shrinkage, 0)}):`,
        renderTable(["Interval", "Erlangs", "Erlang C", "Erlang A", "Plan", "Scheduled", "Shifts (productive)"], rows),
        `Shift plan: ${plan.paidHours.toFixed(1)} paid hours (${plan.status}${plan.gap > 0 ? `, within ${formatPercent(plan.gap, 2)} of the optimum` : ""})${wage !== undefined ? `, ${formatMoney(plan.paidHours * wage)} at ${formatMoney(wage)}/h` : ""}`,
        ...plan.notes.map((n) => `  note: ${n}`),
      );
    }
    lines.push("", `Check on seed ${checkSeed} (never used for planning), ${check.runs.length} replications:`);
    for (const v of verdicts) {
      const sl = v.horizon.serviceLevel;
      const half = halfWidth(sl);
      lines.push(
        `  ${v.type}: service level ${formatWithHalf(sl.mean, half, "share")}, ASA ${formatValue(v.horizon.asa.mean, "seconds")}, abandonment ${formatPercent(v.horizon.abandonment.mean, 1)}; ${v.horizon.met ? "on target" : "BELOW target"} over the horizon; ` +
          (v.missed.length ? `${v.missed.length} of ${v.withDemand} intervals below target, e.g. ${v.missed.slice(0, 3).map((x) => `${clockLabel(x.interval * model.intervalSeconds, startDay)} ${formatPercent(x.serviceLevel, 0)}`).join(", ")}` : `every one of ${v.withDemand} intervals with demand on target`),
      );
    }
    lines.push("", "Paste under each agent group:", shiftsYaml);
    process.stdout.write(lines.join("\n"));
  }
  return EXIT.ok;
}

/** A scenario extending the input with the plan, so `ccsim run` on it reproduces the check. */
function staffedYaml(
  file: string,
  out: string,
  input: Scenario,
  targets: TypeTargets,
  overrideThresholds: boolean,
  groups: readonly string[],
  plans: Record<string, { shifts: ReturnType<typeof planToShiftSpecs> }>,
  check: { seed: number; replications: number },
): string {
  const base = relative(resolve(out), resolve(file)).split(sep).join("/");
  const lines = [
    `# ccsim staff ${file}: the input with the staffing plan. \`ccsim run\` on this file reproduces the check`,
    "# (same seed, replications and per-interval report) that `ccsim staff` printed.",
    `extends: ${JSON.stringify(base)}`,
    `seed: ${check.seed}`,
    `replications: ${check.replications}`,
    `reportIntervalMinutes: ${input.intervalMinutes}`,
  ];
  if (overrideThresholds) {
    lines.push("contactTypes:");
    for (const [type, t] of Object.entries(targets)) {
      if (t.serviceLevel) lines.push(`  ${JSON.stringify(type)}: { serviceLevel: { thresholdSeconds: ${t.serviceLevel.thresholdSeconds}, target: ${t.serviceLevel.level} } }`);
    }
  }
  lines.push("agentGroups:");
  for (const g of groups) {
    lines.push(`  ${JSON.stringify(g)}:`);
    const body = shiftsYamlOf(plans[g].shifts).replace("staffing:\n", "staffing:\n  constant: null\n  perInterval: null\n");
    lines.push(...body.trimEnd().split("\n").map((l) => `    ${l}`));
  }
  return lines.join("\n") + "\n";
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

function requirementsCsv(requirements: readonly Requirement[], startDay: string): string {
  const day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].indexOf(startDay);
  return csv(
    ["group", "interval", "start_s", "start", "erlangs", "erlang_c", "erlang_a", "productive_required", "scheduled"],
    requirements.map((r) => [r.group, r.interval, r.start, clockLabel(r.start, day), Number(r.load.toFixed(4)), r.erlangC, r.erlangA, r.chosen, r.scheduled]),
  );
}
