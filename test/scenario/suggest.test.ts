import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../../src/scenario/suggest.js";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions like Levenshtein", () => {
    expect(editDistance("", "")).toBe(0);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("handeTime", "handleTime")).toBe(1);
  });

  it("counts a swap of adjacent letters as one edit", () => {
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("pateince", "patience")).toBe(1);
  });

  it("is the unrestricted Damerau–Levenshtein distance, not optimal string alignment", () => {
    // OSA gives 3 here (it may not edit between transposed letters); true Damerau–Levenshtein gives 2.
    expect(editDistance("ca", "abc")).toBe(2);
  });

  it("is symmetric on a sample of word pairs", () => {
    const words = ["mean", "men", "cv", "shape", "sahpe", "dist", "dsit", "", "x"];
    for (const a of words) for (const b of words) expect(editDistance(a, b)).toBe(editDistance(b, a));
  });

  it("rejects arguments that are not strings with a RangeError", () => {
    expect(() => editDistance(3 as unknown as string, "a")).toThrow(RangeError);
  });
});

describe("closestName", () => {
  it("suggests the candidate within two edits", () => {
    expect(closestName("handeTime", ["volume", "handleTime", "wrapUp"])).toBe("handleTime");
    expect(closestName("lognorm", ["lognormal", "gamma"])).toBe("lognormal");
  });

  it("matches ignoring case even when more than two letters differ in case", () => {
    expect(closestName("AGENTGROUPS", ["contactTypes", "agentGroups"])).toBe("agentGroups");
  });

  it("suggests nothing when every candidate is far away or the word is too short", () => {
    expect(closestName("frobnicate", ["mean", "cv"])).toBeUndefined();
    expect(closestName("k", ["cv"])).toBeUndefined();
  });

  it("prefers the nearest candidate", () => {
    expect(closestName("meen", ["man", "mean"])).toBe("mean");
  });
});
