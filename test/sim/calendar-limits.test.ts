/**
 * The calendar's limits and its error messages: the capacity it accepts, the ranks it accepts,
 * the clock that never runs backwards, and the most events it holds pending at once.
 */
import { describe, expect, it } from "vitest";
import { Calendar, MAX_RANK } from "../../src/sim/calendar.js";

const MAX_SLOTS = 2 ** 22;

describe("calendar limits", () => {
  it("accepts capacities from 1 to 2^22 and refuses others, naming the range", () => {
    expect(() => new Calendar(MAX_SLOTS + 1)).toThrow(`a calendar's capacity must be a whole number from 1 to ${MAX_SLOTS} (got ${MAX_SLOTS + 1})`);
    expect(() => new Calendar(1.5)).toThrow(RangeError);
    expect(new Calendar(1).size).toBe(0);
    expect(new Calendar(MAX_SLOTS).size).toBe(0);
  });

  it("accepts ranks from 0 to MAX_RANK and refuses others, naming the range", () => {
    const cal = new Calendar(2);
    for (const bad of [MAX_RANK + 1, -1, 1.5]) expect(() => cal.schedule(1, bad, 0, 0), String(bad)).toThrow(`a rank must be a whole number from 0 to ${MAX_RANK} (got ${bad})`);
    expect(cal.size).toBe(0);
    cal.schedule(1, MAX_RANK, 0, 0);
    cal.schedule(1, 0, 0, 0);
    expect(cal.size).toBe(2);
  });

  it("says when and why an event before the current time is refused", () => {
    const cal = new Calendar(2);
    cal.schedule(5, 0, 0, 0);
    cal.pop();
    expect(() => cal.schedule(4, 0, 0, 0)).toThrow("cannot schedule an event at 4, before the current time 5");
    expect(() => cal.schedule(4, MAX_RANK + 1, 0, 0)).toThrow("cannot schedule an event at 4, before the current time 5");
    expect(() => cal.schedule(5, MAX_RANK + 1, 0, 0)).toThrow(`a rank must be a whole number from 0 to ${MAX_RANK} (got ${MAX_RANK + 1})`); // now itself is not the past
    expect(() => cal.schedule(5, 0, 0, 0)).not.toThrow();
  });

  it("moves the clock forward for events kept outside it, never backwards", () => {
    const cal = new Calendar(2);
    cal.advance(3);
    expect(cal.now).toBe(3);
    cal.advance(3);
    expect(() => cal.advance(2)).toThrow("cannot move the clock back from 3 to 2");
    expect(() => cal.advance(NaN)).toThrow(RangeError);
    expect(cal.now).toBe(3);
  });

  it("holds 2^22 events pending at once and refuses one more", () => {
    const cal = new Calendar(MAX_SLOTS / 2);
    for (let i = 0; i < MAX_SLOTS; i++) cal.schedule(i, 0, 0, i);
    expect(cal.size).toBe(MAX_SLOTS);
    expect(() => cal.schedule(0, 0, 0, 0)).toThrow(`more than ${MAX_SLOTS} events pending at once`);
    cal.pop();
    expect([cal.now, cal.subject]).toEqual([0, 0]);
  });
});
