import { describe, expect, it } from "vitest";
import { OUTCOMES, RECORDS_HEADER, dayOfWeekOf, formatLocalTime, parseLocalTime, recordLine } from "../../src/records/format.js";

describe("call-records format", () => {
  it("dates time 0 at midnight of Monday 2024-01-01 and writes milliseconds only when there are some", () => {
    expect(formatLocalTime(0)).toBe("2024-01-01T00:00:00");
    expect(formatLocalTime(8 * 3600 + 30 * 60 + 0.25)).toBe("2024-01-01T08:30:00.250");
    expect(formatLocalTime(6 * 86400 + 86399)).toBe("2024-01-07T23:59:59");
    expect(formatLocalTime(59 * 86400)).toBe("2024-02-29T00:00:00"); // 2024 is a leap year
  });

  it("reads back what it writes, to the millisecond", () => {
    for (const t of [0, 1.001, 3599.999, 86400 * 40 + 12345.678]) expect(parseLocalTime(formatLocalTime(t))).toBeCloseTo(t, 6);
  });

  it("accepts a space for T and minutes without seconds, and refuses zones and impossible dates", () => {
    expect(parseLocalTime("2024-01-02 09:15")).toBe(86400 + 9 * 3600 + 15 * 60);
    expect(parseLocalTime("2023-12-31T23:00:00")).toBe(-3600);
    expect(parseLocalTime("2024-01-01T08:00:00Z")).toBeNull();
    expect(parseLocalTime("2024-02-30T08:00:00")).toBeNull();
    expect(parseLocalTime("2024-01-01T24:00:00")).toBeNull();
    expect(parseLocalTime("08:00")).toBeNull();
  });

  it("knows the day of the week, Monday first, before the epoch too", () => {
    expect(dayOfWeekOf(0)).toBe(0);
    expect(dayOfWeekOf(5 * 86400 + 100)).toBe(5);
    expect(dayOfWeekOf(-1)).toBe(6);
  });

  it("writes one line per record with empty cells for what does not apply and quotes where RFC 4180 needs it", () => {
    expect(RECORDS_HEADER).toBe("call_id,type,arrival,ivr_start,ivr_end,queue_entry,queue_exit,outcome,talk_start,talk_end,wrap_end,agent,group\n");
    const line = recordLine({ callId: "1-7", type: "a,b", arrival: 60, ivrStart: null, ivrEnd: null, queueEntry: null, queueExit: null, outcome: "blocked", talkStart: null, talkEnd: null, wrapEnd: null, agent: "", group: "" });
    expect(line).toBe('1-7,"a,b",2024-01-01T00:01:00,,,,,blocked,,,,,\n');
    expect(OUTCOMES).toContain("ivr_only");
  });
});
