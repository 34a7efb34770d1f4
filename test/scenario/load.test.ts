import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  formatDiagnostics,
  formatPath,
  loadScenarioFile,
  loadScenarioOrThrow,
  parsePath,
  parseScenarioText,
  ScenarioError,
  type Diagnostic,
  type LoadOptions,
  type LoadResult,
  type SourceHost,
} from "../../src/scenario/load.js";
import { isKnownCode, MESSAGES } from "../../src/scenario/messages.js";
import { errorsOf, okOf } from "../helpers.js";

// Every diagnostic the loader tests see, to check the catalogue at the end.
const seen: Diagnostic[] = [];
function record(r: LoadResult): LoadResult {
  seen.push(...r.warnings, ...(r.ok ? [] : r.errors));
  return r;
}
const parse = (text: string, options?: LoadOptions) => record(parseScenarioText(text, "s.yaml", options));
const loadFile = (path: string, options?: LoadOptions) => record(loadScenarioFile(path, options));

/** 1-based line and column of the `nth` occurrence of `needle` in `text`. */
function at(text: string, needle: string, nth = 1): { line: number; column: number } {
  let i = -1;
  for (let k = 0; k < nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" not found ${nth} times`);
  }
  const before = text.slice(0, i);
  return { line: before.split("\n").length, column: i - before.lastIndexOf("\n") };
}
function only(ds: readonly Diagnostic[], code: string): Diagnostic {
  const matching = ds.filter((d) => d.code === code);
  if (matching.length !== 1) throw new Error(`expected one ${code}, got:\n${formatDiagnostics(ds)}`);
  return matching[0];
}

const GOOD = `name: test
warmup: 5m
contactTypes:
  billing:
    volume: { perHour: 100 }
    handleTime: 300
agentGroups:
  team:
    skills: { billing: 1 }
    staffing: { constant: 10 }
`;

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "ccsim-load-"));
  dirs.push(d);
  return d;
}
function write(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, content);
  return path;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("loading good files", () => {
  it("a valid scenario text loads with defaults filled in and nothing to report", () => {
    const r = okOf(parse(GOOD));
    expect(r.warnings).toEqual([]);
    expect(r.scenario.warmup).toBe(300);
    expect(r.scenario.contactTypes.billing.handleTime).toEqual({ dist: "exponential", mean: 300 });
    expect(r.scenario.agentGroups.team.shrinkage).toBe(0);
    expect(r.files).toEqual([]);
  });

  it("a valid scenario file loads and lists the file it read", () => {
    const dir = tempDir();
    const file = write(dir, "good.yaml", GOOD);
    const r = okOf(loadFile(file));
    expect(r.files).toEqual([file]);
    expect(loadScenarioOrThrow(file).scenario.seed).toBe(1);
  });

  it("YAML anchors and merge keys work, and errors in merged values point at the anchored source", () => {
    const text = `contactTypes:
  billing:
    volume: &vol { perHour: 100 }
    handleTime: 300
  sales:
    volume: { <<: *vol, overdispersion: 0.1 }
    handleTime: 200
agentGroups:
  team:
    skills: { billing: 1, sales: 1 }
    staffing: { constant: 10 }
`;
    const r = okOf(parse(text));
    expect(r.scenario.contactTypes.sales.volume).toMatchObject({ perHour: 100, overdispersion: 0.1 });
    const bad = text.replace("perHour: 100", "perHour: -1");
    const errors = errorsOf(parse(bad));
    expect(errors.map((d) => [formatPath(d.path), d.line, d.column])).toEqual([
      ["contactTypes.billing.volume.perHour", at(bad, "-1").line, at(bad, "-1").column],
      ["contactTypes.sales.volume.perHour", at(bad, "-1").line, at(bad, "-1").column],
    ]);
  });
});

describe("errors in the shape of the scenario", () => {
  it("an unknown key is reported at the key itself, with the allowed keys and a did-you-mean hint", () => {
    const text = GOOD.replace("handleTime: 300", "handeTime: 300");
    const errors = errorsOf(parse(text));
    const d = only(errors, "unknown-key");
    expect(d).toMatchObject({ severity: "error", file: "s.yaml", ...at(text, "handeTime"), path: ["contactTypes", "billing", "handeTime"] });
    expect(d.message).toBe('unknown key "handeTime"');
    expect(d.hint).toBe('did you mean "handleTime"?');
    expect(d.expected).toContain("handleTime");
    // The missing handleTime is the same mistake: it is not reported a second time.
    expect(errors.filter((e) => e.code === "missing-key")).toEqual([]);
  });

  it("a key that differs only in case is suggested", () => {
    const text = GOOD.replace("agentGroups:", "AGENTGROUPS:");
    const d = only(errorsOf(parse(text)), "unknown-key");
    expect(d.hint).toBe('did you mean "agentGroups"?');
    expect(d).toMatchObject(at(text, "AGENTGROUPS"));
  });

  it("a missing required key points at the closest existing parent mapping and names the key", () => {
    const text = GOOD.replace("    handleTime: 300\n", "");
    const d = only(errorsOf(parse(text)), "missing-key");
    expect(d).toMatchObject({ ...at(text, "billing:"), path: ["contactTypes", "billing", "handleTime"] });
    expect(d.message).toBe('missing required key "handleTime"');
    expect(d.expected).toContain("{dist: …}");
  });

  it("a missing top-level section points at the start of the file", () => {
    const text = "name: x\ncontactTypes: {}\n";
    const d = only(errorsOf(parse(text)), "missing-key");
    expect(d).toMatchObject({ line: 1, column: 1, path: ["agentGroups"] });
  });

  it("a value of the wrong kind shows its source text and the expectation in plain words", () => {
    const text = GOOD.replace("warmup: 5m", "warmup: [5, 6]");
    const d = only(errorsOf(parse(text)), "wrong-type");
    expect(d).toMatchObject({ ...at(text, "[5, 6]"), path: ["warmup"], found: "[5, 6]" });
    expect(d.expected).toBe('a number of seconds or a duration with a unit like "90s", "5 min" or "1h30m" (units: s/sec/secs/second(s), m/min/mins/minute(s), h/hr/hrs/hour(s), d/day(s))');
  });

  it("a badly written duration quotes the duration format", () => {
    const text = GOOD.replace("warmup: 5m", "warmup: five minutes");
    const d = only(errorsOf(parse(text)), "invalid-format");
    expect(d).toMatchObject({ ...at(text, "five"), found: "five minutes" });
    expect(d.expected).toContain('"90s"');
  });

  it("a probability out of range says so", () => {
    const text = GOOD.replace("handleTime: 300", "handleTime: 300\n    deflection: 1.5");
    const d = only(errorsOf(parse(text)), "out-of-range");
    expect(d).toMatchObject({ ...at(text, "1.5"), path: ["contactTypes", "billing", "deflection"], found: "1.5", expected: "a probability between 0 and 1" });
  });

  it("a fractional count is not a whole number", () => {
    const text = GOOD.replace("constant: 10", "constant: 10.5");
    const d = only(errorsOf(parse(text)), "not-integer");
    expect(d).toMatchObject({ ...at(text, "10.5"), expected: "a whole number from 0 to 100000" });
  });

  it("a bad dist lists the distributions and suggests the closest", () => {
    const text = GOOD.replace("handleTime: 300", "handleTime: { dist: lognorm, mean: 300, cv: 0.5 }");
    const d = only(errorsOf(parse(text)), "invalid-value");
    expect(d).toMatchObject({ ...at(text, "lognorm"), path: ["contactTypes", "billing", "handleTime", "dist"], found: "lognorm" });
    expect(d.expected).toMatch(/^one of exponential, deterministic, uniform, .*empirical, survival$/);
    expect(d.hint).toBe('did you mean "lognormal"?');
  });

  it("an error inside a distribution is reported for the matching branch only", () => {
    const text = GOOD.replace("handleTime: 300", "handleTime: { dist: lognormal, mean: 300, cv: -1 }");
    const errors = errorsOf(parse(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "out-of-range", path: ["contactTypes", "billing", "handleTime", "cv"], ...at(text, "-1") });
    expect(errors[0].expected).toBe("a number from 0 to 20");
  });

  it("a value matching no alternative of a union gets one message listing all alternatives", () => {
    const text = GOOD.replace("handleTime: 300", "handleTime: 300\n    patience: [1]");
    const errors = errorsOf(parse(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "wrong-type", path: ["contactTypes", "billing", "patience"], found: "[1]" });
    expect(errors[0].expected).toBe('"infinite", a mean in seconds (or with a unit: "5m", "5 minutes", "1h30m"; units: s/sec/secs/second(s), m/min/mins/minute(s), h/hr/hrs/hour(s), d/day(s)), or {dist: …}');
  });

  it("a misspelt literal of a union is suggested", () => {
    const text = GOOD.replace("handleTime: 300", "handleTime: 300\n    patience: infinit");
    const d = only(errorsOf(parse(text)), "invalid-value");
    expect(d.hint).toBe('did you mean "infinite"?');
    expect(d.expected).toContain('"infinite"');
  });

  it("a missing discriminator is a missing key naming the choices", () => {
    const text = GOOD.replace("handleTime: 300", "handleTime: { mean: 300 }");
    const d = only(errorsOf(parse(text)), "missing-key");
    expect(d.path).toEqual(["contactTypes", "billing", "handleTime", "dist"]);
    expect(d.expected).toContain("lognormal");
    expect(d).toMatchObject(at(text, "handleTime"));
  });

  it("a rule between values of a mapping is a failed check at the value it names", () => {
    const text = GOOD.replace("handleTime: 300", "handleTime: { dist: uniform, min: 60, max: 30 }");
    const d = only(errorsOf(parse(text)), "failed-check");
    expect(d).toMatchObject({ path: ["contactTypes", "billing", "handleTime", "max"], ...at(text, "30 }"), expected: "min <= max" });
  });

  it("a name that breaks the name pattern is reported at the key", () => {
    const text = GOOD.replace("  team:", '  "my team":');
    const d = only(errorsOf(parse(text)), "invalid-name");
    expect(d).toMatchObject({ ...at(text, '"my team"'), path: ["agentGroups", "my team"] });
    expect(d.expected).toContain("starting with a letter");
    expect(d.hint).toContain("instead of spaces");
  });

  it("a list of the wrong length says how many items it needs", () => {
    const text = GOOD.replace("{ perHour: 100 }", "{ perHour: 100, dayOfWeek: [1, 1] }");
    const d = only(errorsOf(parse(text)), "wrong-length");
    expect(d).toMatchObject({ found: "[1, 1]", ...at(text, "[1, 1]") });
    expect(d.expected).toContain("exactly 7");
  });

  it("several errors are reported at once, sorted by line", () => {
    const text = `seed: -1
replications: many
contactTypes:
  billing:
    volume: { perHour: 100 }
    handeTime: 300
    channel: phone
agentGroups:
  team:
    skills: { billing: 1 }
    staffing: { constant: 10 }
    shrinkage: 2
`;
    const errors = errorsOf(parse(text));
    expect(errors.map((d) => [d.code, d.line])).toEqual([
      ["out-of-range", 1],
      ["wrong-type", 2],
      ["unknown-key", 6],
      ["invalid-value", 7],
      ["out-of-range", 12],
    ]);
    expect(errors.find((d) => d.code === "invalid-value")?.hint).toBeUndefined();
  });
});

describe("YAML problems", () => {
  it("a syntax error is reported at its position", () => {
    const text = "name: x\ncontactTypes: { billing: [1, 2\n";
    const errors = errorsOf(parse(text));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => d.code === "yaml-syntax" && d.line >= 2)).toBe(true);
  });

  it("a duplicate key is an error at the second occurrence", () => {
    const text = GOOD.replace("handleTime: 300", "handleTime: 300\n    handleTime: 320");
    const d = only(errorsOf(parse(text)), "duplicate-key");
    expect(d).toMatchObject({ ...at(text, "handleTime", 2), message: 'duplicate key "handleTime"', path: ["contactTypes", "billing", "handleTime"] });
  });

  it("tabs used for indentation are a syntax error with a hint", () => {
    const errors = errorsOf(parse("contactTypes:\n\tbilling: 1\n"));
    expect(errors[0]).toMatchObject({ code: "yaml-syntax", line: 2 });
    expect(errors[0].hint).toBeTruthy();
  });

  it("an unknown tag is a YAML warning, and the value is then checked as text", () => {
    const text = GOOD.replace("name: test", "seed: !int 5");
    const r = parse(text);
    expect(only(r.warnings, "yaml-warning")).toMatchObject(at(text, "!int"));
    expect(only(errorsOf(r), "wrong-type").path).toEqual(["seed"]);
  });

  it("a comma inside a flow mapping that split a value gets a hint to quote it", () => {
    const text = `${GOOD}costs:\n  investments:\n    - { name: CRM (licences, setup), amount: 5 }\n`;
    const d = only(errorsOf(parse(text)), "unknown-key");
    expect(d).toMatchObject({ path: ["costs", "investments", 0, "setup)"], ...at(text, "setup)") });
    expect(d.hint).toContain("quote text that contains commas");
  });

  it("an alias bomb is refused", () => {
    let text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(", ")}]\n`;
    const d = only(errorsOf(parse(text)), "yaml-alias-limit");
    expect(d.line).toBe(2);
  });

  it("an alias inside its own anchor is refused instead of looping", () => {
    const text = "name: &x [1, *x]\n";
    expect(only(errorsOf(parse(text)), "recursive-alias")).toMatchObject(at(text, "*x"));
  });

  it("an empty file and a file that is a list are rejected", () => {
    expect(only(errorsOf(parse("# only a comment\n")), "empty-file").line).toBe(1);
    expect(only(errorsOf(parse("- a\n- b\n")), "root-not-mapping").found).toBe("a list of 2 items");
  });
});

describe("bytes and sizes", () => {
  it("a scenario file that is not UTF-8 is rejected at the first bad byte", () => {
    const dir = tempDir();
    const file = write(dir, "latin1.yaml", Buffer.concat([Buffer.from("name: x\ndescription: caf"), Buffer.from([0xe9]), Buffer.from("\n")]));
    const d = only(errorsOf(loadFile(file)), "not-utf8");
    expect(d).toMatchObject({ file, line: 2, column: 17, found: "the byte 0xE9" });
    expect(d.message).toContain("not UTF-8");
  });

  it("a UTF-16 file is recognised as such", () => {
    const dir = tempDir();
    const file = write(dir, "utf16.yaml", Buffer.from("\ufeffname: x\n", "utf16le"));
    expect(only(errorsOf(loadFile(file)), "not-utf8").hint).toContain("UTF-16");
  });

  it("a UTF-8 byte-order mark and Windows line endings are accepted", () => {
    const dir = tempDir();
    const file = write(dir, "bom.yaml", `\ufeff${GOOD.replace(/\n/g, "\r\n")}`);
    okOf(loadFile(file));
  });

  it("a scenario file over 5 MB is rejected with its size and the limit", () => {
    const dir = tempDir();
    const file = write(dir, "big.yaml", `description: "${"x".repeat(5 * 1024 * 1024)}"\n`);
    const d = only(errorsOf(loadFile(file)), "file-too-large");
    expect(d.message).toMatch(/ is too large: [\d.]+ MB \(the limit is 5 MB\)$/);
    expect(d.file).toBe(file);
    expect(only(errorsOf(parse(`description: "${"x".repeat(5 * 1024 * 1024)}"\n`)), "file-too-large").file).toBe("s.yaml");
  });

  it("a CSV over 200 MB is refused before it is read", () => {
    let read = 0;
    const host: SourceHost = {
      readFile: (p) => {
        read++;
        return Buffer.from(p.endsWith(".csv") ? "time\n1\n" : "");
      },
      exists: () => true,
      size: (p) => (p.endsWith(".csv") ? 201 * 1024 * 1024 : 10),
    };
    const text = GOOD.replace("{ perHour: 100 }", "{ replay: huge.csv }");
    const d = only(errorsOf(parse(text, { host })), "file-too-large");
    expect(d).toMatchObject({ file: "huge.csv", path: ["contactTypes", "billing", "volume", "replay"] });
    expect(read).toBe(0);
  });

  it("a missing scenario file is reported, not thrown", () => {
    const d = only(errorsOf(loadFile(join(tempDir(), "nope.yaml"))), "file-not-found");
    expect(d.line).toBe(1);
  });
});

describe("one pass across files", () => {
  it("an error in a base file and a misspelt reference in the file extending it come together, each at its own file and line", () => {
    const dir = tempDir();
    write(dir, "base.yaml", "name: b\nhorizon: { days: 1 }\ncontactTypes:\n  calls: { volume: { perHour: 100 }, handleTime: 300, patience: -5 }\n");
    const top = write(dir, "top.yaml", "extends: base.yaml\nagentGroups:\n  agents: { skills: { cals: 1 }, staffing: { constant: 14 } }\n");
    const errors = errorsOf(loadScenarioFile(top));
    expect(errors.map((e) => [e.code, e.file, e.line])).toEqual([
      ["out-of-range", join(dir, "base.yaml"), 4],
      ["unknown-skill", top, 3],
    ]);
  });
});

describe("extends and overrides", () => {
  function chain() {
    const dir = tempDir();
    write(
      dir,
      "base.yaml",
      `seed: 5
contactTypes:
  billing:
    volume: { daily: 100, dayOfWeek: [1, 1, 1, 1, 1, 1, 1] }
    handleTime: 300
    patience: 200
    deflection: 2
agentGroups:
  team:
    skills: { billing: 1 }
    staffing: { constant: 10 }
`,
    );
    write(
      dir,
      "variants/mid.yaml",
      `extends: ../base.yaml
contactTypes:
  billing:
    patience: null
    volume: { dayOfWeek: [2, 2, 2, 2, 2, 1, 0] }
`,
    );
    const top = write(dir, "variants/top.yaml", "extends: mid.yaml\nreplications: 3\n");
    return { dir, top };
  }

  it("a chain of extends merges mappings, replaces lists, removes nulls, and applies overrides last", () => {
    const { dir, top } = chain();
    const text = "extends: mid.yaml\nreplications: 3\ncontactTypes: { billing: { deflection: 0.1 } }\n";
    write(dir, "variants/top.yaml", text);
    const r = okOf(loadFile(top, { overrides: [{ path: ["agentGroups", "team", "staffing", "constant"], value: 12, label: "agentGroups.team.staffing.constant=12" }] }));
    expect(r.scenario.seed).toBe(5);
    expect(r.scenario.replications).toBe(3);
    expect(r.scenario.contactTypes.billing.patience).toBeUndefined();
    expect(r.scenario.contactTypes.billing.volume.dayOfWeek).toEqual([2, 2, 2, 2, 2, 1, 0]);
    expect(r.scenario.contactTypes.billing.volume.daily).toBe(100);
    expect(r.scenario.contactTypes.billing.deflection).toBe(0.1);
    expect(r.scenario.agentGroups.team.staffing.constant).toBe(12);
    expect(r.files).toEqual([top, join(dir, "variants/mid.yaml"), join(dir, "base.yaml")]);
  });

  it("an error is located in the most derived file that defines the value", () => {
    const { dir, top } = chain();
    const errors = errorsOf(loadFile(top));
    const d = only(errors, "out-of-range");
    expect(d).toMatchObject({ file: join(dir, "variants/../base.yaml"), line: 7, column: 17, path: ["contactTypes", "billing", "deflection"] });
  });

  it("an error in an overridden value is reported against the override's label", () => {
    const { top } = chain();
    const label = "contactTypes.billing.deflection=3";
    const d = only(errorsOf(loadFile(top, { overrides: [{ path: parsePath("contactTypes.billing.deflection"), value: 3, label }] })), "out-of-range");
    expect(d).toMatchObject({ file: label, line: 1, column: label.indexOf("=") + 2, found: "3" });
  });

  it("an override through a value that is not a mapping is an error naming the override", () => {
    const label = "agentGroups.team.staffing.constant.value=3";
    const errors = errorsOf(parse(GOOD, { overrides: [{ path: parsePath("agentGroups.team.staffing.constant.value"), value: 3, label }] }));
    const d = only(errors, "override-path");
    expect(d.file).toBe(label);
    expect(d.message).toContain(label);
    expect(d.message).toContain("agentGroups.team.staffing.constant");
  });

  it("an override creates missing mappings and may remove a key with null", () => {
    const r = okOf(
      parse(GOOD, {
        overrides: [
          { path: ["trunks", "lines"], value: 30, label: "trunks.lines=30" },
          { path: ["warmup"], value: null, label: "warmup=null" },
        ],
      }),
    );
    expect(r.scenario.trunks).toEqual({ lines: 30 });
    expect(r.scenario.warmup).toBe(0);
  });

  it("an override may go through list items by index, and a missing item is an error", () => {
    const text = GOOD.replace("{ constant: 10 }", '{ shifts: [{ start: "08:00", length: 8h, count: 3 }] }');
    const r = okOf(parse(text, { overrides: [{ path: parsePath("agentGroups.team.staffing.shifts[0].count"), value: 12, label: "shifts[0].count=12" }] }));
    expect(r.scenario.agentGroups.team.staffing.shifts?.[0].count).toBe(12);
    const label = "agentGroups.team.staffing.shifts[2].count=12";
    const d = only(errorsOf(parse(text, { overrides: [{ path: parsePath(label.split("=")[0]), value: 12, label }] })), "override-path");
    expect(d.message).toBe(`cannot apply ${label}: the list agentGroups.team.staffing.shifts has 1 item`);
  });

  it("extends cannot be overridden", () => {
    only(errorsOf(parse(GOOD, { overrides: [{ path: ["extends"], value: "x.yaml", label: "extends=x.yaml" }] })), "override-extends");
  });

  it("a cycle of extends is an error naming the chain", () => {
    const dir = tempDir();
    const a = write(dir, "a.yaml", "extends: b.yaml\n");
    write(dir, "b.yaml", "seed: 1\nextends: a.yaml\n");
    const d = only(errorsOf(loadFile(a)), "extends-cycle");
    expect(d).toMatchObject({ file: join(dir, "b.yaml"), line: 2, column: 10, path: ["extends"] });
    expect(d.message).toBe(`extends forms a cycle: ${a} → ${join(dir, "b.yaml")} → ${a}`);
  });

  it("a file extending itself is a cycle", () => {
    const dir = tempDir();
    const a = write(dir, "self.yaml", "extends: ./self.yaml\n");
    only(errorsOf(loadFile(a)), "extends-cycle");
  });

  it("a missing base file is reported at the extends value", () => {
    const dir = tempDir();
    const a = write(dir, "a.yaml", `name: x\nextends: bsae.yaml\n`);
    const d = only(errorsOf(loadFile(a)), "file-not-found");
    expect(d).toMatchObject({ file: a, line: 2, column: 10, found: "bsae.yaml" });
  });

  it("a null that removes nothing is a warning with a suggestion", () => {
    const { dir } = chain();
    const file = write(dir, "variants/typo.yaml", "extends: ../base.yaml\ncontactTypes:\n  billing:\n    deflection: 0\n    pateince: null\n");
    const r = okOf(loadFile(file));
    const w = only(r.warnings, "null-removes-nothing");
    expect(w).toMatchObject({ file, line: 5, column: 5, hint: 'did you mean "patience"?' });
    expect(r.scenario.contactTypes.billing.patience).toEqual({ dist: "exponential", mean: 200 });
  });

  it("errors of a base file are reported in that file", () => {
    const dir = tempDir();
    write(dir, "base.yaml", "seed: [\n");
    const a = write(dir, "a.yaml", "extends: base.yaml\n");
    const errors = errorsOf(loadFile(a));
    expect(errors.every((d) => d.file === join(dir, "base.yaml") && d.code === "yaml-syntax")).toBe(true);
  });
});

describe("CSV files", () => {
  const scenarioWith = (volume: string, handleTime = "300") =>
    GOOD.replace("volume: { perHour: 100 }", `volume: ${volume}`).replace("handleTime: 300", `handleTime: ${handleTime}`);

  it("replayed arrivals are read into volume.times, keeping only rows of the contact type", () => {
    const dir = tempDir();
    const csv = write(dir, "data/arrivals.csv", "time,type\n30,billing\n10.5,billing\n20,sales\n");
    const file = write(dir, "s.yaml", scenarioWith("{ replay: data/arrivals.csv }"));
    const r = okOf(loadFile(file));
    expect(r.scenario.contactTypes.billing.volume.times).toEqual([10.5, 30]);
    expect(r.scenario.contactTypes.billing.volume.replay).toBe("data/arrivals.csv");
    expect(r.files).toEqual([file, csv]);
  });

  it("a replay file without a type column replays every row", () => {
    const dir = tempDir();
    write(dir, "a.csv", "time\n1\n2\n");
    expect(okOf(loadFile(write(dir, "s.yaml", scenarioWith("{ replay: a.csv }")))).scenario.contactTypes.billing.volume.times).toEqual([1, 2]);
  });

  it("an empirical distribution reads the first numeric column into values", () => {
    const dir = tempDir();
    write(dir, "aht.csv", "agent,talk\nann,300\nbob,320\n");
    const r = okOf(loadFile(write(dir, "s.yaml", scenarioWith("{ perHour: 100 }", "{ dist: empirical, csv: aht.csv }"))));
    expect(r.scenario.contactTypes.billing.handleTime).toEqual({ dist: "empirical", values: [300, 320] });
  });

  it("an empirical distribution reads the named column, relative to the file that names the CSV", () => {
    const dir = tempDir();
    write(dir, "shared/aht.csv", "id,talk,wrap\n1,300,20\n2,320,30\n");
    write(dir, "shared/base.yaml", scenarioWith("{ perHour: 100 }", "{ dist: empirical, csv: aht.csv, column: wrap }"));
    const r = okOf(loadFile(write(dir, "top.yaml", "extends: shared/base.yaml\n")));
    expect(r.scenario.contactTypes.billing.handleTime).toEqual({ dist: "empirical", values: [20, 30] });
  });

  it("a guessed column among several numeric ones is a warning", () => {
    const dir = tempDir();
    write(dir, "aht.csv", "id,talk,wrap\n1,300,20\n2,320,25\n");
    const r = okOf(loadFile(write(dir, "s.yaml", scenarioWith("{ perHour: 100 }", "{ dist: empirical, csv: aht.csv }"))));
    expect(only(r.warnings, "csv-column-guessed").hint).toContain("talk, wrap");
  });

  it("an identifier column (id, callId) is never taken for the durations", () => {
    const dir = tempDir();
    write(dir, "aht.csv", "callId,talk\n1,300\n2,320\n");
    const r = okOf(loadFile(write(dir, "s.yaml", scenarioWith("{ perHour: 100 }", "{ dist: empirical, csv: aht.csv }"))));
    expect(r.warnings).toEqual([]);
    expect(r.scenario.contactTypes.billing.handleTime).toEqual({ dist: "empirical", values: [300, 320] });
  });

  it("non-numeric and negative cells are reported at their CSV line and column", () => {
    const dir = tempDir();
    const csv = write(dir, "a.csv", "type,time\nbilling,5\nbilling,abc\nbilling, -3\nbilling,\"1,5\"\n");
    const errors = errorsOf(loadFile(write(dir, "s.yaml", scenarioWith("{ replay: a.csv }"))));
    expect(errors.map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ["csv-not-a-number", csv, 3, 9],
      ["csv-negative", csv, 4, 10],
      ["csv-not-a-number", csv, 5, 9],
    ]);
    expect(errors[0].path).toEqual(["contactTypes", "billing", "volume", "replay"]);
    expect(errors[2].hint).toContain("decimal separator");
  });

  it("a replay file without a time column is reported with a suggestion", () => {
    const dir = tempDir();
    const csv = write(dir, "a.csv", "Time\n1\n");
    const d = only(errorsOf(loadFile(write(dir, "s.yaml", scenarioWith("{ replay: a.csv }")))), "csv-missing-column");
    expect(d).toMatchObject({ file: csv, line: 1, column: 1, hint: 'did you mean "Time"?' });
  });

  it("a CSV without a numeric column, or without the named column, is reported", () => {
    const dir = tempDir();
    write(dir, "names.csv", "agent,team\nann,x\n");
    write(dir, "aht.csv", "id,talk\n1,300\n");
    const text = scenarioWith("{ perHour: 100 }", "{ dist: empirical, csv: names.csv }\n    wrapUp: { dist: empirical, csv: aht.csv, column: tlak }");
    const errors = errorsOf(loadFile(write(dir, "s.yaml", text)));
    expect(only(errors, "csv-no-numeric-column").file).toBe(join(dir, "names.csv"));
    expect(only(errors, "csv-missing-column")).toMatchObject({ ...at(text, "tlak"), hint: 'did you mean "talk"?' });
  });

  it("a missing CSV file is reported at the scenario value that names it", () => {
    const dir = tempDir();
    const text = scenarioWith("{ replay: nothere.csv }");
    const file = write(dir, "s.yaml", text);
    expect(only(errorsOf(loadFile(file)), "file-not-found")).toMatchObject({ file, ...at(text, "nothere.csv"), found: "nothere.csv" });
  });

  it("a malformed or empty CSV is reported", () => {
    const dir = tempDir();
    write(dir, "q.csv", 'time\n1\n"2\n');
    write(dir, "e.csv", "time\n");
    expect(only(errorsOf(loadFile(write(dir, "s.yaml", scenarioWith("{ replay: q.csv }")))), "csv-syntax").file).toBe(join(dir, "q.csv"));
    expect(only(errorsOf(loadFile(write(dir, "t.yaml", scenarioWith("{ replay: e.csv }")))), "csv-empty").file).toBe(join(dir, "e.csv"));
  });

  it("a CSV that is not UTF-8 is reported at the bad byte", () => {
    const dir = tempDir();
    const csv = write(dir, "a.csv", Buffer.concat([Buffer.from("time,type\n1,caf"), Buffer.from([0xe9]), Buffer.from("\n")]));
    expect(only(errorsOf(loadFile(write(dir, "s.yaml", scenarioWith("{ replay: a.csv }")))), "not-utf8")).toMatchObject({ file: csv, line: 2, column: 6 });
  });

  it("a replay file with no rows of the contact type is a warning naming the types it has", () => {
    const dir = tempDir();
    write(dir, "a.csv", "time,type\n1,Billing\n");
    const w = only(okOf(loadFile(write(dir, "s.yaml", scenarioWith("{ replay: a.csv }")))).warnings, "csv-no-rows-for-type");
    expect(w.hint).toBe('did you mean "Billing"?');
  });
});

describe("semantic checks", () => {
  it("issues from validate.ts are located at the node their path names", () => {
    const text = GOOD.replace("skills: { billing: 1 }", "skills: { billing: 1, biling: 2 }");
    const r = parseScenarioText(text, "s.yaml");
    const d = (r.ok ? r.warnings : [...r.errors, ...r.warnings]).find((x) => formatPath(x.path) === "agentGroups.team.skills.biling");
    expect(d).toBeDefined();
    expect(d).toMatchObject({ file: "s.yaml", ...at(text, "2 }") });
  });
});

describe("paths and formatting", () => {
  it("parsePath reads dotted keys, indexes and quoted keys", () => {
    expect(parsePath("agentGroups.a.staffing.shifts[0].count")).toEqual(["agentGroups", "a", "staffing", "shifts", 0, "count"]);
    expect(parsePath('costs["odd.key"][2]')).toEqual(["costs", "odd.key", 2]);
    expect(parsePath("shifts.1")).toEqual(["shifts", 1]);
    expect(parsePath("$schema")).toEqual(["$schema"]);
  });

  it("parsePath rejects malformed paths with a RangeError naming the position", () => {
    for (const bad of ["", "a..b", "a.", "a[", "a[x]", "a]b", ".a", 'a["b]', "a b"]) {
      expect(() => parsePath(bad), bad).toThrow(RangeError);
    }
    expect(() => parsePath("a..b")).toThrow(/character 3/);
  });

  it("formatPath is the inverse of parsePath", () => {
    for (const p of [["contactTypes", "billing", "handleTime"], ["agentGroups", "a", "shifts", 0, "count"], ["x", "a.b", 3], ["after-hours", "x"]]) {
      expect(parsePath(formatPath(p))).toEqual(p);
    }
  });

  it("formatDiagnostics writes one block per diagnostic, sorted by file and line", () => {
    const d = (file: string, line: number, extra: Partial<Diagnostic> = {}): Diagnostic => ({
      severity: "error",
      code: "unknown-key",
      file,
      line,
      column: 5,
      path: ["contactTypes", "billing", "handeTime"],
      message: 'unknown key "handeTime"',
      ...extra,
    });
    const text = formatDiagnostics([d("b.yaml", 1), d("a.yaml", 9, { found: "x", expected: "y", hint: 'did you mean "handleTime"?' }), d("a.yaml", 2, { severity: "warning", path: [] })]);
    expect(text).toBe(
      [
        'a.yaml:2:5: warning: unknown key "handeTime"',
        'a.yaml:9:5: error at contactTypes.billing.handeTime: unknown key "handeTime"',
        "  found: x",
        "  expected: y",
        '  hint: did you mean "handleTime"?',
        'b.yaml:1:5: error at contactTypes.billing.handeTime: unknown key "handeTime"',
      ].join("\n"),
    );
  });

  it("loadScenarioOrThrow throws a ScenarioError carrying the diagnostics", () => {
    const dir = tempDir();
    const file = write(dir, "bad.yaml", GOOD.replace("handleTime", "handeTime"));
    let caught: unknown;
    try {
      loadScenarioOrThrow(file);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const err = caught as ScenarioError;
    expect(err.diagnostics.map((x) => x.code)).toEqual(["unknown-key"]);
    expect(err.message).toBe(formatDiagnostics(err.diagnostics));
  });

  it("bad arguments are programming errors and throw RangeError", () => {
    expect(() => parseScenarioText(3 as unknown as string, "x")).toThrow(RangeError);
    expect(() => parseScenarioText("a: 1", "")).toThrow(RangeError);
    expect(() => parseScenarioText("a: 1", "x", { overrides: [{ path: [], value: 1, label: "=1" }] })).toThrow(RangeError);
  });
});

describe("the catalogue of codes", () => {
  it("lists every code the loader emitted in these tests, and every entry is complete", () => {
    expect(seen.length).toBeGreaterThan(40);
    const unknown = [...new Set(seen.map((d) => d.code))].filter((c) => !isKnownCode(c));
    expect(unknown).toEqual([]);
    for (const [code, info] of Object.entries(MESSAGES)) {
      expect(code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(info.title.length * info.example.length * info.fix.length).toBeGreaterThan(0);
    }
    for (const d of seen) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.message.length).toBeGreaterThan(0);
      expect(d.severity).toBe(MESSAGES[d.code as keyof typeof MESSAGES].severity);
    }
  });
});
