import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { parseOverride, parseScenarioText, type Diagnostic } from "../../src/scenario/load.js";
import { errorsOf } from "../helpers.js";

/** The 1-based line of the first line containing `text`. */
const lineOf = (yaml: string, text: string): number => yaml.split("\n").findIndex((l) => l.includes(text)) + 1;
const codesAndPaths = (errors: Diagnostic[]) => errors.map((e) => [e.code, e.path.join(".")]);

describe("all phases report in one pass, one error per cause", () => {
  it("one tab in the indentation of a long file is one error at its line, with no echoes", () => {
    const lines = readFileSync("scenarios/baseline.yaml", "utf8").split("\n");
    const i = lines.findIndex((l, k) => k > 20 && l.startsWith("    "));
    lines[i] = "\t" + lines[i].slice(4);
    const errors = errorsOf(parseScenarioText(lines.join("\n"), "scenarios/baseline.yaml"));
    expect(errors.map((e) => [e.code, e.line])).toEqual([["yaml-syntax", i + 1]]);
    expect(errors[0].hint).toContain("indent with spaces");
  });

  it("a tab at any indented line of a long file is one error at that line, also inside a list written over several lines", () => {
    const lines = readFileSync("scenarios/baseline.yaml", "utf8").split("\n");
    let checked = 0;
    lines.forEach((line, i) => {
      if (!/^ +[^ #]/.test(line)) return;
      const copy = [...lines];
      copy[i] = "\t" + line.slice(2);
      const r = parseScenarioText(copy.join("\n"), "scenarios/baseline.yaml");
      expect(r.ok ? [] : r.errors.map((e) => [e.code, e.line]), `tab at line ${i + 1}`).toEqual([["yaml-syntax", i + 1]]);
      checked++;
    });
    // Continuation lines of the intraday lists among them: yaml calls those tabs bad indents.
    expect(lines.some((l) => /^ {10,}\d/.test(l))).toBe(true);
    expect(checked).toBeGreaterThan(100);
  });

  it("a value the schema refuses and a misspelt reference are reported together", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls: { volume: { perHour: 100 }, handleTime: 300, patience: -5 }
agentGroups:
  agents: { skills: { cals: 1 }, staffing: { constant: 14 } }
`;
    const errors = errorsOf(parseScenarioText(text, "s.yaml"));
    expect(errors.map((e) => [e.code, e.path.join(".")])).toEqual([
      ["out-of-range", "contactTypes.calls.patience"],
      ["unknown-skill", "agentGroups.agents.skills.cals"],
    ]);
    expect(errors[1].hint).toBe('did you mean "calls"?');
  });

  it("a wrong type inside a group's shift and an overflow rule to a group that does not exist: both, in one run, in file order", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls: { volume: { perHour: 100 }, handleTime: 300 }
agentGroups:
  agents:
    skills: { calls: 1 }
    staffing:
      shifts:
        - { start: "08:00", length: 8h, count: ten }
routing:
  overflow:
    - { type: calls, to: agnts, afterWait: 30 }
`;
    const errors = errorsOf(parseScenarioText(text, "s.yaml"));
    expect(errors.map((e) => [e.code, e.path.join("."), e.line, e.column])).toEqual([
      ["wrong-type", "agentGroups.agents.staffing.shifts.0.count", 10, text.split("\n")[9].indexOf("ten") + 1],
      ["unknown-group", "routing.overflow.0.to", 13, text.split("\n")[12].indexOf("agnts") + 1],
    ]);
    // Each names the file, the field, what was found, what is expected, and (where there is one) the fix.
    expect(errors[0]).toMatchObject({ file: "s.yaml", found: "ten", expected: "a whole number from 0 to 100000" });
    expect(errors[1]).toMatchObject({ file: "s.yaml", found: "agnts", expected: "one of agents", hint: 'did you mean "agents"?' });
    // The group whose shift was cut out is not also reported as having no staffing.
    expect(errors.some((e) => e.code === "staffing-mode")).toBe(false);
  });

  it("a refused whole entry does not also report the references to it", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls: 12
agentGroups:
  agents: { skills: { calls: 1 }, staffing: { constant: 14 } }
`;
    expect(errorsOf(parseScenarioText(text, "s.yaml")).map((e) => e.code)).toEqual(["wrong-type"]);
  });

  it("a rule whose input was refused is skipped (no echo of the default standing in), the others still run", () => {
    // 45 is no interval length: the default 30 would make this 4-value profile "wrong" too.
    const text = `name: t
horizon: { days: 1 }
intervalMinutes: 45
contactTypes:
  calls: { volume: { daily: 100, intraday: [1, 1, 1, 1] }, handleTime: 300 }
agentGroups:
  agents: { skills: { cals: 1 }, staffing: { constant: 14 } }
`;
    expect(codesAndPaths(errorsOf(parseScenarioText(text, "s.yaml")))).toEqual([
      ["invalid-value", "intervalMinutes"],
      ["unknown-skill", "agentGroups.agents.skills.cals"],
    ]);
  });

  it("a list item cut out for its own error does not shift where the errors of the items after it are reported", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls: { volume: { perHour: 100 }, handleTime: 300 }
  mail: { channel: email, volume: { perHour: 10 }, handleTime: 600 }
agentGroups:
  agents: { skills: { calls: 1 }, staffing: { constant: 14 } }
  desk: { skills: { mail: 1 }, staffing: { constant: 2 } }
routing:
  overflow:
    - { type: calls, to: desk, afterWait: soon }
    - { type: mail, to: agnts, afterWait: 1h }
`;
    const errors = errorsOf(parseScenarioText(text, "s.yaml"));
    expect(codesAndPaths(errors)).toEqual([
      ["invalid-format", "routing.overflow.0.afterWait"],
      ["unknown-group", "routing.overflow.1.to"],
    ]);
    expect(errors[1].line).toBe(lineOf(text, "agnts"));
  });

  it("a missing section is one error: no rule reports it empty, and nothing referring to it is reported", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls: { volume: { perHour: 100 }, handleTime: 300 }
`;
    const r = parseScenarioText(text, "s.yaml");
    expect(codesAndPaths(errorsOf(r))).toEqual([["missing-key", "agentGroups"]]);
    expect(r.warnings.map((w) => w.code)).toEqual([]);
  });

  it("a missing parent key is one error at its first orphaned child, naming the parent to add", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls: { perHour: 100, handleTime: 300 }
agentGroups:
  agents: { skills: { calls: 1 }, constant: 14 }
`;
    const errors = errorsOf(parseScenarioText(text, "s.yaml"));
    expect(codesAndPaths(errors)).toEqual([
      ["missing-key", "contactTypes.calls.volume"],
      ["missing-key", "agentGroups.agents.staffing"],
    ]);
    expect(errors[0]).toMatchObject({ line: 4, column: text.split("\n")[3].indexOf("perHour") + 1, message: 'missing key "volume": perHour belongs under it' });
    expect(errors[0].hint).toBe("add `volume:` under contactTypes.calls and indent perHour under it");
    expect(errors[1].hint).toBe("add `staffing:` under agentGroups.agents and indent constant under it");
  });

  it("a missing section header is one error at the entry written in the wrong section, not one per key", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls: { volume: { perHour: 100 }, handleTime: 300 }
  agents: { skills: { calls: 1 }, staffing: { constant: 14 } }
`;
    const errors = errorsOf(parseScenarioText(text, "s.yaml"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "missing-key", path: ["agentGroups"], line: 5, column: 3, message: '"agents" is written as an entry of agentGroups, which is missing' });
    expect(errors[0].hint).toBe('add `agentGroups:` under the top level and move "agents" under it');
  });

  it("several entries that lost their section header are still one error, naming them all", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls:
    volume: { perHour: 100 }
    handleTime: 300
  agents:
    skills: { calls: 1 }
    staffing: { constant: 14 }
  backup:
    skills: { calls: 2 }
    staffing: { constant: 4 }
`;
    const errors = errorsOf(parseScenarioText(text, "s.yaml"));
    expect(errors.map((e) => [e.code, e.path.join("."), e.line, e.column, e.message])).toEqual([["missing-key", "agentGroups", 7, 3, '"agents" and "backup" are written as entries of agentGroups, which is missing']]);
  });

  it("a --set with a misspelt name is one error with did you mean, beside the file's own errors", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls: { volume: { perHour: 100 }, handleTime: 300, patience: -5 }
agentGroups:
  agents: { skills: { calls: 1 }, staffing: { constant: 14 } }
`;
    const errors = errorsOf(parseScenarioText(text, "s.yaml", { overrides: [parseOverride("agentGroups.agent.staffing.constant=12")] }));
    expect(codesAndPaths(errors)).toEqual([
      ["override-unknown-name", "agentGroups.agent"],
      ["out-of-range", "contactTypes.calls.patience"],
    ]);
    expect(errors[0].hint).toBe('did you mean "agents"?');
  });
});

/**
 * Independent causes planted in one valid scenario, alone and together: the load reports exactly
 * one error per cause planted, at the cause's path. Each cause edits a different part of the file.
 */
const BASE = `name: planted
seed: 1
replications: 2
horizon: { days: 1 }
intervalMinutes: 30
contactTypes:
  billing: { volume: { perHour: 100 }, handleTime: 300, patience: 120 }
  sales:
    volume: { perHour: 40 }
    handleTime: 240
    segments: { vip: { share: 0.2, priority: 1 }, standard: { share: 0.8, priority: 2 } }
  chat: { channel: chat, volume: { perHour: 50 }, handleTime: 400 }
agentGroups:
  team: { skills: { billing: 1, sales: 1 }, staffing: { constant: 20 }, hourlyWage: 30 }
  backup: { skills: { billing: 2 }, staffing: { constant: 5 }, hourlyWage: 31 }
  chatters: { skills: { chat: 1 }, staffing: { constant: 8 }, hourlyWage: 32 }
routing:
  overflow:
    - { type: sales, to: backup, afterWait: 60 }
    - { type: billing, to: chatters, afterWait: 120 }
`;
const CAUSES: { from: string; to: string; code: string; path: string }[] = [
  { from: "patience: 120", to: "patience: -5", code: "out-of-range", path: "contactTypes.billing.patience" },
  { from: "billing: 1, sales: 1", to: "billing: 1, sals: 1", code: "unknown-skill", path: "agentGroups.team.skills.sals" },
  { from: "constant: 5 }", to: "constant: five }", code: "wrong-type", path: "agentGroups.backup.staffing.constant" },
  { from: "afterWait: 60", to: "afterWait: soon", code: "invalid-format", path: "routing.overflow.0.afterWait" },
  { from: "to: chatters", to: "to: chaters", code: "unknown-group", path: "routing.overflow.1.to" },
  { from: "intervalMinutes: 30", to: "intervalMinutes: 45", code: "invalid-value", path: "intervalMinutes" },
  { from: "share: 0.8", to: "share: 0.7", code: "segment-shares", path: "contactTypes.sales.segments" },
  { from: "replications: 2", to: "replicatons: 2", code: "unknown-key", path: "replicatons" },
  { from: "volume: { perHour: 50 }", to: "perHour: 50", code: "missing-key", path: "contactTypes.chat.volume" },
  { from: "hourlyWage: 32", to: "hourlyWage: -1", code: "out-of-range", path: "agentGroups.chatters.hourlyWage" },
  { from: "seed: 1", to: "seed: 1\nwarmup: 2d", code: "warmup-too-long", path: "warmup" },
  { from: "{ type: sales,", to: "{ type: sale,", code: "unknown-type", path: "routing.overflow.0.type" },
];

function plant(indexes: readonly number[]): string {
  let text = BASE;
  for (const i of indexes) {
    expect(text.split(CAUSES[i].from)).toHaveLength(2); // each edit has one place, and no other edit took it
    text = text.replace(CAUSES[i].from, CAUSES[i].to);
  }
  return text;
}

describe("one error per planted cause", () => {
  it("the base scenario is valid", () => {
    expect(parseScenarioText(BASE, "planted.yaml").ok).toBe(true);
  });

  it.each(CAUSES.map((c, i) => [c.path, i] as const))("%s alone gives exactly its error", (_, i) => {
    expect(codesAndPaths(errorsOf(parseScenarioText(plant([i]), "planted.yaml")))).toEqual([[CAUSES[i].code, CAUSES[i].path]]);
  });

  it("every cause at once gives one error each, sorted by position", () => {
    const all = CAUSES.map((_, i) => i);
    const text = plant(all);
    const errors = errorsOf(parseScenarioText(text, "planted.yaml"));
    expect(errors).toHaveLength(CAUSES.length);
    expect(new Set(errors.map((e) => `${e.code} ${e.path.join(".")}`))).toEqual(new Set(CAUSES.map((c) => `${c.code} ${c.path}`)));
    const order = errors.map((e) => e.line * 1000 + e.column);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("any subset of the causes gives exactly one error per cause (generated subsets)", () => {
    fc.assert(
      fc.property(fc.subarray(CAUSES.map((_, i) => i), { minLength: 2 }), (picked) => {
        const errors = errorsOf(parseScenarioText(plant(picked), "planted.yaml"));
        expect(errors.map((e) => `${e.code} ${e.path.join(".")}`).sort()).toEqual(picked.map((i) => `${CAUSES[i].code} ${CAUSES[i].path}`).sort());
      }),
      { seed: 16, numRuns: 60 },
    );
  });
});

describe("warnings come in the same pass as errors", () => {
  it("a bare patience of 5 seconds is a warning beside a schema error elsewhere", () => {
    const text = `name: t
horizon: { days: 1 }
replications: many
contactTypes:
  calls: { volume: { perHour: 100 }, handleTime: 300, patience: 5 }
agentGroups:
  agents: { skills: { calls: 1 }, staffing: { constant: 14 } }
`;
    const r = parseScenarioText(text, "s.yaml");
    expect(codesAndPaths(errorsOf(r))).toEqual([["wrong-type", "replications"]]);
    expect(r.warnings.map((w) => [w.code, w.path.join(".")])).toEqual([["implausible-seconds", "contactTypes.calls.patience"]]);
  });
});

describe("a misspelt key stands for the key it was meant to be", () => {
  it("rules that read the meant key wait (its default would stand in), the others run", () => {
    const text = `name: t
horizon: { days: 1 }
intervalMinute: 15
contactTypes:
  calls: { volume: { daily: 100, intraday: [${new Array(96).fill(1).join(", ")}] }, handleTime: 300 }
agentGroups:
  agents: { skills: { cals: 1 }, staffing: { constant: 14 } }
`;
    const errors = errorsOf(parseScenarioText(text, "s.yaml"));
    expect(codesAndPaths(errors)).toEqual([
      ["unknown-key", "intervalMinute"],
      ["unknown-skill", "agentGroups.agents.skills.cals"],
    ]);
    expect(errors[0].hint).toBe('did you mean "intervalMinutes"?');
  });
});

describe("a wrong value planted anywhere in a bundled scenario is one error, never an echo", () => {
  const FILES = ["baseline", "erlang-b", "ivr-thinning", "mmc", "mmcm", "time-varying"];
  const leaves = (v: unknown, path: (string | number)[] = []): (string | number)[][] =>
    Array.isArray(v) ? v.flatMap((x, i) => leaves(x, [...path, i])) : v !== null && typeof v === "object" ? Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k])) : [path];
  const cases = FILES.flatMap((f) => {
    return leaves(parseYaml(readFileSync(`scenarios/${f}.yaml`, "utf8")))
      .filter((p) => !["name", "description"].includes(String(p[0])))
      .map((path) => ({ f, path }));
  });
  const dataOf = Object.fromEntries(FILES.map((f) => [f, parseYaml(readFileSync(`scenarios/${f}.yaml`, "utf8")) as Record<string, unknown>]));

  it("numbers become text and text becomes a number: exactly one error, at the planted path", () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), ({ f, path }) => {
        const copy = structuredClone(dataOf[f]);
        let parent: any = copy;
        for (const seg of path.slice(0, -1)) parent = parent[seg];
        const last = path[path.length - 1];
        parent[last] = typeof parent[last] === "number" ? "zzz" : typeof parent[last] === "string" ? 12345 : "zzz";
        const r = parseScenarioText(stringifyYaml(copy), "planted.yaml");
        // Some settings take either (12345 is a duration in seconds); the rules may then rightly
        // refuse the new value elsewhere (a break longer than its shift). Refused, it is one error.
        if (r.ok || !r.errors.some((e) => e.path.join(".") === path.join("."))) return;
        expect(r.errors.map((e) => `${e.code} ${e.path.join(".")}`)).toEqual([r.errors.find((e) => e.path.join(".") === path.join("."))!.code + " " + path.join(".")]);
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});
