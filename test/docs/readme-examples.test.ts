/**
 * The README's example outputs are what ccsim prints today: each marked block is rerun (the
 * commands are kept cheap: about 7 s of CPU in all, run side by side) and compared with the
 * README. On a difference, `npm run readme:update` rewrites the blocks; read the diff.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { README, abridge, commandLine, readmeExamples, renderExample, withBlocks } from "../../scripts/readme-examples.js";
import { requireBuild } from "../cli/helpers.js";

describe("the README's example outputs", () => {
  const text = readFileSync(README, "utf8");
  const examples = readmeExamples(text);

  it("are marked: the run table, the verdict and a validation error at least", () => {
    const commands = examples.map((e) => e.spec.args[0]);
    expect(commands).toEqual(expect.arrayContaining(["run", "compare", "validate"]));
  });

  it("are what the commands print today (else: npm run readme:update)", async () => {
    requireBuild();
    const blocks = await Promise.all(examples.map((e) => renderExample(e.spec)));
    examples.forEach((e, i) => {
      expect(e.current, `README.md:${e.line}: \`${commandLine(e.spec)}\` prints something else today; run npm run readme:update and read the diff`).toBe(blocks[i]);
    });
  }, 120_000);
});

describe("abridging an example", () => {
  const output = ["title", "", "a 1", "b 2", "c 3", "d 4", "", "total 9", "tail 1", "tail 2"].join("\n");

  it("keeps the lines picked in order, one … for each gap, and one for the tail", () => {
    expect(abridge(output, ["^title", "^$", "^a ", "^d ", "^total"])).toEqual(["title", "", "a 1", "…", "d 4", "…", "total 9", "…"]);
    expect(abridge(output, ["^b ", "^c "], false)).toEqual(["b 2", "c 3"]);
    expect(abridge("x  \ny\n\n", undefined)).toEqual(["x", "y"]);
  });

  it("fails, naming the pattern, when the output changed shape", () => {
    expect(() => abridge(output, ["^total", "^a "])).toThrow(/no line from 9 on matches "\^a "/);
  });

  it("rewrites only the blocks, leaving the prose", () => {
    const readme = 'intro\n<!-- readme-example {"args": ["run", "x.yaml"]} -->\n```\nold\n```\n<!-- /readme-example -->\nrest\n';
    const found = readmeExamples(readme);
    expect(found.map((e) => [e.spec.args, e.current, e.line])).toEqual([[["run", "x.yaml"], "old\n", 2]]);
    expect(withBlocks(readme, found, ["$ npx ccsim run x.yaml\nnew\n"])).toBe(readme.replace("old\n", "$ npx ccsim run x.yaml\nnew\n"));
    expect(() => readmeExamples('<!-- readme-example {"args": 1} -->\n```\n```\n<!-- /readme-example -->')).toThrow(/needs "args"/);
  });
});
