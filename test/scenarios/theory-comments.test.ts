/**
 * A bundled scenario that states its theoretical answer in its header comment states it right:
 * every `Theory (model): name = value, …` claim is recomputed from the scenario itself with the
 * analytic module and must agree to the digits given. A comment mentioning theory in any other
 * form fails, so no unchecked claim can ship. (test/validation/theory.test.ts checks the
 * simulator against the same theory.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { erlangAKpis, erlangB, erlangCKpis } from "../../src/models/erlang.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { compileModel } from "../../src/sim/model.js";

const DIR = join(import.meta.dirname, "../../scenarios");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();

/** The comment block at the top of a file, as one line. */
function headerComment(text: string): string {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("#")) break;
    lines.push(line.replace(/^#\s?/, ""));
  }
  return lines.join(" ");
}

interface Claim {
  name: string;
  value: number;
  /** Half a unit of the last digit given. */
  tolerance: number;
}

/** The claims of `Theory (model): a = 1.23, b = 4 s.` — a period ends it unless a digit follows. */
function theoryClaims(header: string): { model: string; claims: Claim[] } | null {
  if (!/theory/i.test(header)) return null;
  const m = /Theory \(([^)]+)\):\s*((?:[^.]|\.\d)*)\./.exec(header);
  if (!m) throw new Error(`a comment mentions theory but not as "Theory (model): name = value, …": ${header}`);
  const claims = m[2].split(",").map((part) => {
    const c = /^\s*(.+?)\s*=\s*(\d+(?:\.(\d+))?)(?:\s*s)?\s*$/.exec(part);
    if (!c) throw new Error(`cannot read the claim "${part.trim()}" (expected "name = number")`);
    return { name: c[1], value: Number(c[2]), tolerance: 0.5 * 10 ** -(c[3]?.length ?? 0) + 1e-12 };
  });
  return { model: m[1], claims };
}

/** The value theory gives for a claim, from the scenario's own parameters. */
function theoryValue(model: string, claim: string, s: Scenario): number {
  const m = compileModel(s);
  expect(m.types.length, "one contact type").toBe(1);
  expect(m.groups.length, "one agent group").toBe(1);
  const t = m.types[0];
  const spec = s.contactTypes[t.name];
  const perHour = spec.volume.perHour;
  if (perHour === undefined) throw new Error("theory needs a constant arrival rate (volume.perHour)");
  const agents = s.agentGroups[m.groups[0].name].staffing.constant;
  if (agents === undefined) throw new Error("theory needs constant staffing");
  const arrivalRate = perHour / 3600;
  const meanHandle = t.handle.mean + t.wrapUp.mean;
  const within = /^service level within (\d+) s$/.exec(claim);
  const targetSeconds = within ? Number(within[1]) : t.serviceLevelSeconds;
  if (within) expect(targetSeconds, "the claim's threshold is the scenario's").toBe(t.serviceLevelSeconds);
  const key = within ? "service level" : claim;
  switch (model) {
    case "Erlang C": {
      expect(t.patience, "Erlang C: nobody abandons").toBeNull();
      const k = erlangCKpis({ arrivalRate, meanHandle, agents, targetSeconds });
      if (!k.stable) throw new Error("unstable");
      const values: Record<string, number> = { "P(wait)": k.pWait, "service level": k.serviceLevel, ASA: k.asa };
      if (key in values) return values[key];
      break;
    }
    case "Erlang A": {
      expect(t.patience, "Erlang A: exponential patience").not.toBeNull();
      const k = erlangAKpis({ arrivalRate, meanHandle, meanPatience: t.patience!.mean, agents, targetSeconds });
      const values: Record<string, number> = { "P(wait)": k.pWait, abandonment: k.abandonRate, "service level": k.serviceLevel, ASA: k.asa };
      if (key in values) return values[key];
      break;
    }
    case "Erlang B":
      if (key === "blocking") return erlangB(m.trunkLines, arrivalRate * meanHandle);
      break;
    case "thinning":
      if (key === "containment") return t.ivr?.containment ?? 0;
      if (key === "answered per hour") return perHour * (1 - (t.ivr?.containment ?? 0));
      break;
    default:
      throw new Error(`unknown model "${model}" (Erlang C, Erlang A, Erlang B, thinning)`);
  }
  throw new Error(`no theory for "${claim}" under ${model}`);
}

describe("theoretical answers stated in bundled scenarios' comments", () => {
  const stating = FILES.filter((f) => theoryClaims(headerComment(readFileSync(join(DIR, f), "utf8"))) !== null);

  it("are stated by the textbook scenarios", () => {
    expect(stating).toEqual(expect.arrayContaining(["erlang-b.yaml", "ivr-thinning.yaml", "mmc.yaml", "mmcm.yaml"]));
  });

  for (const file of stating) {
    it(`${file}: every claim agrees with the analytic module to the digits given`, () => {
      const { model, claims } = theoryClaims(headerComment(readFileSync(join(DIR, file), "utf8")))!;
      const { scenario } = loadScenarioOrThrow(join(DIR, file));
      expect(claims.length).toBeGreaterThan(0);
      for (const c of claims) {
        const exact = theoryValue(model, c.name, scenario);
        expect(Math.abs(exact - c.value), `${file}: ${c.name} = ${c.value}, theory ${exact}`).toBeLessThanOrEqual(c.tolerance);
      }
    });
  }

  it("catches a wrong claim: the old mmc.yaml comment (service level 0.894, ASA 5.2 s)", () => {
    const { scenario } = loadScenarioOrThrow(join(DIR, "mmc.yaml"));
    const { model, claims } = theoryClaims("Theory (Erlang C): P(wait) = 0.174, service level within 20 s = 0.894, ASA = 5.2 s.")!;
    const wrong = claims.filter((c) => Math.abs(theoryValue(model, c.name, scenario) - c.value) > c.tolerance).map((c) => c.name);
    expect(wrong).toEqual(["service level within 20 s", "ASA"]);
  });
});
