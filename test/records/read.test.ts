import { describe, expect, it } from "vitest";
import { parseMapping } from "../../src/records/mapping.js";
import { formatLocalTime, RECORDS_HEADER } from "../../src/records/format.js";
import { RecordsReader, parseRecords, type CallRecord } from "../../src/records/read.js";

const H = RECORDS_HEADER;
const ROW = "1,calls,2024-01-01T08:00:00,,,2024-01-01T08:00:00,2024-01-01T08:00:10.5,answered,2024-01-01T08:00:10.5,2024-01-01T08:04:00,,a1,agents\n";

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

describe("reading call records", () => {
  it("reads ccsim's own format: times in seconds from Monday 2024-01-01, empty cells as null", () => {
    const [r] = parseRecords(H + ROW, "x.csv");
    expect(r).toMatchObject({ callId: "1", type: "calls", arrival: 8 * 3600, ivrStart: null, queueExit: 8 * 3600 + 10.5, outcome: "answered", talkEnd: 8 * 3600 + 240, wrapEnd: null, agent: "a1" });
  });

  it("gives the same records whatever the chunks the file arrives in, quoted line breaks included", () => {
    const text = H + ROW + '"2","a ""quoted""\ntype",2024-01-02T09:00:00,,,,,blocked,,,,,\r\n' + ROW.replace("1,", "3,");
    const whole = parseRecords(text, "x.csv");
    for (const size of [1, 7, 64]) {
      const out: CallRecord[] = [];
      const reader = new RecordsReader("x.csv", (r) => out.push(r));
      for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
      reader.end();
      expect(out).toEqual(whole);
    }
    expect(whole.map((r) => r.type)).toEqual(["calls", 'a "quoted"\ntype', "calls"]);
  });

  it("names file, line and column, what was found and the fix for a bad row", () => {
    expect(errorOf(() => parseRecords(H + ROW + ROW.replace("answered", "ANS"), "x.csv"))).toMatch(/^x\.csv:3:73: column "outcome" \(outcome\): unknown outcome "ANS"; .*--mapping/);
    expect(errorOf(() => parseRecords(H + ROW.replace("2024-01-01T08:04:00", "2024-01-01T25:04:00"), "x.csv"))).toMatch(/^x\.csv:2:\d+: column "talk_end" \(talk_end\): found "2024-01-01T25:04:00"; expected a local date-time/);
    expect(errorOf(() => parseRecords(H + ROW.replace("08:04:00", "07:04:00"), "x.csv"))).toMatch(/talk_end \(2024-01-01T07:04:00\) is before talk_start/);
    expect(errorOf(() => parseRecords(H + ROW.replace(",a1,", ",a1,x,"), "x.csv"))).toMatch(/^x\.csv:2:\d+: found 14 fields, expected 13/);
    expect(errorOf(() => parseRecords("call_id,type\n1,calls\n", "x.csv"))).toMatch(/^x\.csv:1:1: no column "arrival" for arrival/);
    expect(errorOf(() => parseRecords(H + '1,"calls', "x.csv"))).toMatch(/^x\.csv:2:3: a quoted field is never closed/);
  });

  it("reads an export through a mapping: other names, split date and time, other outcome words", () => {
    const mapping = parseMapping("delimiter: ';'\ndateFormat: DD.MM.YYYY\ncolumns:\n  call_id: CallID\n  arrival: { date: Day, time: Start }\n  outcome: Result\noutcomes:\n  abandoned: [ABN, 'Caller hung up']\n", "acd.yaml");
    const [a, b] = parseRecords("CallID;Day;Start;Result\n7;02.01.2024;09:30:00;ABN\n8;03.01.2024;10:00;caller hung up\n", "export.csv", mapping);
    expect(formatLocalTime(a.arrival)).toBe("2024-01-02T09:30:00");
    expect([a.outcome, b.outcome, b.callId]).toEqual(["abandoned", "abandoned", "8"]);
    expect(errorOf(() => parseRecords("CallID;Day;Start;Result\n7;2024-01-02;09:30:00;ABN\n", "export.csv", mapping))).toMatch(/^export\.csv:2:3: column "Day" \(arrival\): found date "2024-01-02"; expected a date DD\.MM\.YYYY/);
  });

  it("rejects a malformed mapping with the key and line", () => {
    expect(errorOf(() => parseMapping("columns:\n  caller: X\n", "m.yaml"))).toMatch(/^m\.yaml:2: columns\.caller: unknown field "caller"; expected one of call_id/);
    expect(errorOf(() => parseMapping("outcomes:\n  hungup: [X]\n", "m.yaml"))).toMatch(/^m\.yaml:2: outcomes\.hungup: unknown outcome/);
    expect(errorOf(() => parseMapping("columns:\n  agent: { date: D, time: T }\n", "m.yaml"))).toMatch(/only time fields can be split/);
  });
});
