/** Sizing batches for a target precision (issue 17): pure functions, checked against the 1/√n law. */
import { describe, expect, it } from "vitest";
import { nextReplicationCount, relativeHalfWidth, worstCheck } from "../../src/experiment/precision.js";
import { summarize } from "../../src/experiment/summary.js";

const goal = { relative: 0.01, maxReplications: 1000 };

describe("relativeHalfWidth", () => {
  it("is the 95% half-width over |mean|, and null where that is undefined", () => {
    const s = summarize([9, 11, 9, 11]);
    expect(relativeHalfWidth(s)).toBeCloseTo((s.ci95![1] - s.ci95![0]) / 2 / 10, 12);
    expect(relativeHalfWidth(summarize([-9, -11, -9, -11]))).toBeCloseTo(relativeHalfWidth(s)!, 12);
    expect(relativeHalfWidth(summarize([5]))).toBeNull();
    expect(relativeHalfWidth(summarize([-1, 1]))).toBeNull();
  });
});

describe("worstCheck", () => {
  it("picks the least precise check, and an undefined one before any", () => {
    const tight = { label: "tight", summary: summarize([10, 10.01, 9.99, 10]) };
    const loose = { label: "loose", summary: summarize([5, 15, 8, 12]) };
    const zero = { label: "zero", summary: summarize([-1, 1, -1, 1]) };
    expect(worstCheck([tight, loose])?.check.label).toBe("loose");
    expect(worstCheck([tight, zero, loose])?.check.label).toBe("zero");
    expect(worstCheck([])).toBeNull();
  });
});

describe("nextReplicationCount", () => {
  it("asks for what 1/√n says is needed, with a 10% margin", () => {
    // ±2% at 100 replications: ±1% needs 4× as many, plus 10% (capped at 4×).
    expect(nextReplicationCount(100, 0.015, goal)).toBe(Math.ceil(100 * 2.25 * 1.1));
    expect(nextReplicationCount(100, 0.02, goal)).toBe(400);
  });

  it("grows by at least half and at most fourfold, and never past the cap", () => {
    expect(nextReplicationCount(20, 0.0101, goal)).toBe(30);
    expect(nextReplicationCount(20, 0.5, goal)).toBe(80);
    expect(nextReplicationCount(20, null, goal)).toBe(80);
    expect(nextReplicationCount(600, 0.05, goal)).toBe(1000);
  });
});
