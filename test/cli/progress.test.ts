/** Progress in a batch log (stderr not a terminal): a line at most every 10 s with count, rate and time left; silent when not wanted. */
import { describe, expect, it } from "vitest";
import { Progress, roughDuration } from "../../src/cli/progress.js";

function clocked(wanted: boolean, isTTY = false) {
  let t = 1000;
  const lines: string[] = [];
  const p = new Progress("baseline.yaml", wanted, { isTTY, now: () => t, write: (s) => lines.push(s) });
  return { p, lines, advance: (s: number) => (t += s) };
}

describe("Progress when stderr is not a terminal", () => {
  it("writes a line at most every 10 s, with replications done, the rate and the time left", () => {
    const { p, lines, advance } = clocked(true);
    for (let done = 1; done <= 60; done++) {
      advance(1); // one replication a second
      p.update(done, 100);
    }
    // 60 s of updates once a second: lines at 10, 20, … 60 s, never two within 10 s.
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe("ccsim: baseline.yaml: 10/100 replications, 1.00/s, about 90 s left\n");
    expect(lines[5]).toBe("ccsim: baseline.yaml: 60/100 replications, 1.00/s, about 40 s left\n");
    for (const l of lines) expect(l).not.toContain("\r");
  });

  it("writes nothing for work shorter than 10 s, nothing at the end (the shard's own line says it), nothing when quiet", () => {
    const short = clocked(true);
    for (let done = 1; done <= 9; done++) {
      short.advance(1);
      short.p.update(done, 9);
    }
    expect(short.lines).toEqual([]);
    const quiet = clocked(false);
    for (let done = 1; done <= 100; done++) {
      quiet.advance(5);
      quiet.p.update(done, 100);
    }
    quiet.p.done();
    expect(quiet.lines).toEqual([]);
  });

  it("on a terminal redraws one bar in place and clears it when done", () => {
    const { p, lines, advance } = clocked(true, true);
    advance(2);
    p.update(5, 10);
    p.done();
    expect(lines[0]).toMatch(/^\rbaseline\.yaml \[#{12} {12}\] 5\/10 replications, 2\.0 s$/);
    expect(lines[1]).toBe("\r\x1b[K");
  });

  it("says durations as a log reader would", () => {
    expect([roughDuration(42), roughDuration(600), roughDuration(9000), roughDuration(Infinity)]).toEqual(["42 s", "10 min", "2.5 h", "unknown"]);
  });
});
