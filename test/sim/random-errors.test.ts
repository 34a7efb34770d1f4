/** The messages of the random streams' errors: they name what was wrong and what is allowed. */
import { describe, expect, it } from "vitest";
import { streams } from "../../src/sim/random.js";

describe("random stream errors", () => {
  it("name the bad stream name and the rule", () => {
    expect(() => streams(1).fork("a/b")).toThrow('a stream name must be non-empty and contain no "/" (got "a/b")');
    expect(() => streams(1).fork("")).toThrow('(got "")');
  });

  it("name the bad seed and the range", () => {
    expect(() => streams(1.5)).toThrow("the seed must be a whole number from 0 to 4294967295 (got 1.5)");
  });
});
