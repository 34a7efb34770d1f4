/** `--set path=value` on run, compare, report and staff (sweep has its own tests): the same parser, one error for a wrong path. */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT, ccsim, ccsimOk, readJson, requireBuild, tempDir, writeScenario } from "./helpers.js";

let dir: string;
beforeAll(() => {
  requireBuild();
  dir = tempDir("set");
  writeScenario(dir, "small.yaml", { hours: 2, replications: 2 });
});

describe("--set on every command", () => {
  it("run --set changes the scenario that runs; setting the value it already has changes nothing", () => {
    const out = (set: string[]) => ccsimOk(["run", "small.yaml", ...set, "--workers", "1", "-q", "--format", "csv"], { cwd: dir }).stdout;
    const base = out([]);
    expect(out(["--set", "agentGroups.agents.staffing.constant=14"])).toBe(base);
    expect(out(["--set", "agentGroups.agents.staffing.constant=11"])).not.toBe(base);
  });

  it("a misspelt name gives one error with did you mean, and nothing runs", () => {
    for (const command of [["run", "small.yaml"], ["compare", "small.yaml", "small.yaml"], ["staff", "small.yaml"], ["report", "small.yaml", "--out", "r.html"]]) {
      const r = ccsim([...command, "--set", "agentGroups.agent.staffing.constant=12"], { cwd: dir });
      expect(r.status, command[0]).toBe(EXIT.input);
      expect(r.stderr.match(/error at/g), command[0] + r.stderr).toHaveLength(1);
      expect(r.stderr).toContain('there is no "agent" in agentGroups');
      expect(r.stderr).toContain('did you mean "agents"?');
    }
  });

  it("sweep with a misspelt name says it once, not once per point", () => {
    const r = ccsim(["sweep", "small.yaml", "--set", "agentGroups.agent.staffing.constant=10..16", "--workers", "1"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr.match(/error at/g)).toHaveLength(1);
    expect(r.stderr).toContain("7 of 7 sweep points are invalid");
  });

  it("a --set without path=value is refused with the form it takes", () => {
    const r = ccsim(["run", "small.yaml", "--set", "agentGroups"], { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain("--set takes path=value");
  });
});

describe("--set leaves a trace in what is written", () => {
  it("run names the overrides in the table title, results.json and the manifest; without --set there are none", () => {
    const set = ["agentGroups.agents.staffing.constant=12", "seed=3"];
    const r = ccsimOk(["run", "small.yaml", ...set.flatMap((s) => ["--set", s]), "--workers", "1", "-q", "--out", "with-set", "--force"], { cwd: dir });
    expect(r.stdout.split("\n")[0]).toContain("(with --set agentGroups.agents.staffing.constant=12, --set seed=3)");
    expect(readJson(join(dir, "with-set", "results.json")).scenario.overrides).toEqual(set);
    expect(readJson(join(dir, "with-set", "manifest.json")).set).toEqual(set);
    const plain = ccsimOk(["run", "small.yaml", "--workers", "1", "-q", "--out", "plain", "--force"], { cwd: dir });
    expect(plain.stdout.split("\n")[0]).not.toContain("--set");
    expect(readJson(join(dir, "plain", "results.json")).scenario.overrides).toEqual([]);
    expect(readJson(join(dir, "plain", "manifest.json"))).not.toHaveProperty("set");
  });

  it("the HTML report says under its title which overrides it was run with", () => {
    ccsimOk(["report", "small.yaml", "--set", "agentGroups.agents.staffing.constant=12", "--workers", "1", "-q", "--out", "set.html", "--force"], { cwd: dir });
    expect(readFileSync(join(dir, "set.html"), "utf8")).toContain("With --set agentGroups.agents.staffing.constant=12 on top of the scenario file.");
  });
});

describe("bounds on what a command may be asked, checked before any work", () => {
  it.each([
    [["run", "small.yaml", "--seed", ""], "--seed must be a whole number"],
    [["run", "small.yaml", "--replications", "10000000"], "--replications is at most 100,000"],
    [["run", "small.yaml", "--workers", "200"], "--workers is at most 64"],
    [["sweep", "small.yaml", "--set", "agentGroups.agents.staffing.constant=1..10000", "--set", "seed=1..10000"], "at most 10,000 are run at once"],
  ])("%j exits 2 with a message", (args, message) => {
    const r = ccsim(args, { cwd: dir });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toContain(message);
  });
});
