/** The shared CSV writer: RFC 4180 quoting that any reader undoes, and formula cells neutralised (OWASP). */
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvTable } from "../../src/text/csv.js";

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
