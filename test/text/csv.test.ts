/** The shared CSV writer: RFC 4180 quoting that any reader undoes, and formula cells neutralised (OWASP). */
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_PRECISION, csvCell, csvLine, csvRound, csvTable, type CsvUnit } from "../../src/text/csv.js";

const readBack = (text: string) => parse(text, { relax_column_count: false }) as string[][];

describe("csvCell", () => {
  it("quotes a field holding a comma, a double quote, CR or LF, doubling the quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\rbreak")).toBe('"line\rbreak"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("plain text")).toBe("plain text");
  });

  it("neutralises text a spreadsheet would execute: a leading =, +, -, @, tab or CR gets an apostrophe", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const lead of ["=", "+", "-", "@", "\t"]) expect(csvCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(csvCell("\rcmd")).toBe(`"'\rcmd"`);
    expect(csvCell("-cmd|' /C calc'!A0")).toBe("'-cmd|' /C calc'!A0");
  });

  it("writes numbers, and text that is just a number, unchanged; empty for null and non-finite numbers", () => {
    expect(csvCell(-1.5)).toBe("-1.5");
    expect(csvCell("-1.5")).toBe("-1.5");
    expect(csvCell("+3e-4")).toBe("+3e-4");
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe("");
  });

  it("any text reads back as itself (after the apostrophe of a neutralised cell), one field per cell", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", ",", '"', "\r", "\n", "=", "-", "@", "+", "\t", " ", "1") }), { minLength: 1, maxLength: 5 }), (cells) => {
        const [row] = readBack(csvLine(["k", ...cells]));
        expect(row.length).toBe(cells.length + 1);
        row.slice(1).forEach((got, i) => {
          const dangerous = /^[=+\-@\t\r]/.test(cells[i]) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(cells[i]);
          expect(got).toBe(dangerous ? `'${cells[i]}` : cells[i]);
          expect(got, "no cell a spreadsheet would run").not.toMatch(/^[=+@\t\r]|^-(?![\d.])/);
        });
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it("a table is the header and its rows, each ending in a line feed", () => {
    expect(csvTable(["a", "b"], [[1, "x"], [null, "=y"]])).toBe("a,b\n1,x\n,'=y\n");
  });
});

describe("csvRound: meaningful precision per unit", () => {
  it("keeps 4 significant digits, within each unit's decimals", () => {
    expect(csvRound(0.938712345, "fraction")).toBe(0.9387);
    expect(csvRound(0.0123456, "fraction")).toBe(0.01235);
    expect(csvRound(0.00000042, "fraction")).toBe(0);
    expect(csvRound(481.834567, "s")).toBe(481.8);
    expect(csvRound(4.041234, "s")).toBe(4.041);
    expect(csvRound(24204.123, "s")).toBe(24204.1); // never coarser than 0.1 s
    expect(csvRound(0.0312345, "s")).toBe(0.0312); // at most 0.1 ms
    expect(csvRound(2093.987654, "h")).toBe(2093.99);
    expect(csvRound(12164.83, "count")).toBe(12164.8);
    expect(csvRound(24204, "count")).toBe(24204); // an exact count stays exact
    expect(csvRound(12.4567, "agents")).toBe(12.46);
    expect(csvRound(191307.8412, "money")).toBe(191307.84);
    expect(csvRound(11.604999, "money")).toBe(11.6);
    expect(csvRound(1234.56789, "number")).toBe(1234.57);
  });

  it("writes no -0, and nothing for null, NaN and infinities", () => {
    expect(Object.is(csvRound(-0.00001, "money"), 0)).toBe(true);
    expect(csvCell(csvRound(-0.00001, "s"))).toBe("0");
    expect(csvRound(null, "s")).toBeNull();
    expect(csvRound(Number.NaN, "fraction")).toBeNull();
    expect(csvRound(Number.POSITIVE_INFINITY, "count")).toBeNull();
  });

  it("is close to the value, idempotent and symmetric in sign, for any finite double", () => {
    const units = Object.keys(CSV_PRECISION) as CsvUnit[];
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constantFrom(...units), (x, unit) => {
        const r = csvRound(x, unit)!;
        const { digits, min, max } = CSV_PRECISION[unit];
        // Within half a unit of the last decimal kept, which is at most `max` and at least what `digits` significant digits need.
        const a = Math.abs(x);
        const exponent = a === 0 ? 0 : Math.floor(Math.log10(a));
        const decimals = Math.min(max, Math.max(min, digits - 1 - exponent));
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -decimals * (1 + 1e-9) + 4 * Number.EPSILON * a);
        expect(csvRound(r, unit)).toBe(r);
        expect(csvRound(-x, unit)).toBe(r === 0 ? 0 : -r);
        // A short decimal: never a 17-digit tail.
        expect((csvCell(r).split(".")[1] ?? "").length).toBeLessThanOrEqual(max);
      }),
      { seed: 16, numRuns: 2000 },
    );
  });
});
