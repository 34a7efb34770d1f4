/** `ccsim --help`, usage errors (exit 2) and `ccsim validate`. */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT, ccsim, requireBuild, tempDir, writeScenario } from "./helpers.js";

let dir: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir("usage");
  writeScenario(dir, "ok.yaml");
});

describe("help", () => {
  it("ccsim --help exits 0 and shows every command with examples and the exit codes", () => {
    const r = ccsim(["--help"], { cwd: dir });
    expect(r.status).toBe(EXIT.ok);
    for (const command of ["run", "compare", "sweep", "staff", "merge", "validate"]) expect(r.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toMatch(/^\s+ccsim run \S+\.yaml/m);
    expect(r.stdout).toContain("130 interrupted");
  });

  it("ccsim run --help exits 0 and lists the run options", () => {
    const r = ccsim(["run", "--help"], { cwd: dir });
    expect(r.status).toBe(EXIT.ok);
    for (const flag of ["--replications", "--seed", "--workers", "--out", "--format", "--force", "--trace", "--shard"]) expect(r.stdout).toContain(flag);
  });

  it("ccsim run --help shows examples of the run command", () => {
    const r = ccsim(["run", "--help"], { cwd: dir });
    expect(r.status).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/example/i);
    expect(r.stdout).toMatch(/^\s+ccsim run \S+/m);
  });

  it("ccsim --version prints the version and exits 0", () => {
    const r = ccsim(["--version"], { cwd: dir });
    expect(r.status).toBe(EXIT.ok);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("usage errors exit 2 with a message", () => {
  it("an unknown command exits 2 naming it", () => {
    const r = ccsim(["frobnicate"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it("an unknown flag before any command exits 2 naming it", () => {
    const r = ccsim(["--frobnicate"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });

  it("an unknown flag of the run command exits 2 naming it", () => {
    const r = ccsim(["run", "ok.yaml", "--frobnicate"], { cwd: dir });
    expect(r.stderr).toContain("unknown option '--frobnicate'");
    expect(r.status).toBe(EXIT.input);
  });

  it("an invalid --format choice exits 2 naming the choices", () => {
    const r = ccsim(["run", "ok.yaml", "--format", "xml"], { cwd: dir });
    expect(r.stderr).toMatch(/'xml' is invalid.*table, json, csv/);
    expect(r.status).toBe(EXIT.input);
  });

  it("run without a scenario file exits 2", () => {
    const r = ccsim(["run"], { cwd: dir });
    expect(r.stderr).toContain("missing required argument");
    expect(r.status).toBe(EXIT.input);
  });

  it("sweep without --set exits 2", () => {
    const r = ccsim(["sweep", "ok.yaml"], { cwd: dir });
    expect(r.stderr).toContain("--set");
    expect(r.status).toBe(EXIT.input);
  });

  it.each([
    [["run", "ok.yaml", "--workers", "0"], "--workers"],
    [["run", "ok.yaml", "--replications", "1.5"], "--replications"],
    [["run", "ok.yaml", "--seed", "-1"], "--seed"],
    [["run", "ok.yaml", "--shard", "5/4", "--out", "never"], "--shard"],
  ])("ccsim %j exits 2 naming %s", (args, flag) => {
    const r = ccsim(args, { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain(flag);
    expect(existsSync(join(dir, "never"))).toBe(false);
  });
});

describe("validate", () => {
  it("prints ok for each valid file and exits 0", () => {
    writeScenario(dir, "ok2.yaml", { agents: 20 });
    const r = ccsim(["validate", "ok.yaml", "ok2.yaml"], { cwd: dir });
    expect(r.status).toBe(EXIT.ok);
    expect(r.stdout).toBe("ok ok.yaml\nok ok2.yaml\n");
  });

  it("lists every error of every bad file at once, with file:line:col, and exits 2", () => {
    writeFileSync(
      join(dir, "bad.yaml"),
      [
        "name: bad",
        "seed: 7",
        "replications: 4",
        "horizon: { hours: 8 }",
        "contactTypes:",
        "  calls: { volume: { perHour: -5 }, handeTime: { dist: exponential, mean: 180 } }",
        "agentGroups:",
        "  agents: { skills: { calls: 1 }, staffing: { constant: -3 } }",
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "bad2.yaml"), "name: bad2\nreplications: zero\n");
    const r = ccsim(["validate", "ok.yaml", "bad.yaml", "bad2.yaml"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stdout).toContain("ok ok.yaml");
    expect(r.stdout).not.toContain("ok bad");
    // All three errors of bad.yaml, each located, and the error of the second bad file.
    expect(r.stderr).toMatch(/^bad\.yaml:6:\d+: error at contactTypes\.calls\.volume\.perHour/m);
    expect(r.stderr).toMatch(/^bad\.yaml:6:\d+: error at contactTypes\.calls\.handeTime: unknown key "handeTime"/m);
    expect(r.stderr).toContain('did you mean "handleTime"');
    expect(r.stderr).toMatch(/^bad\.yaml:8:\d+: error at agentGroups\.agents\.staffing\.constant/m);
    expect(r.stderr).toMatch(/^bad2\.yaml:2:\d+: error at replications/m);
  });

  it("a missing file exits 2 naming it", () => {
    const r = ccsim(["validate", "nowhere.yaml"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain("nowhere.yaml");
    expect(r.stdout).toBe("");
  });
});
