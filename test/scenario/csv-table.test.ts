/** The columnar CSV reader (phases/csv-table.ts): syntax, positions, numbers exactly as Number() reads them. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellAt, cellPosition, numberColumn, rowsWithCode, scanCsv, textColumn, type CsvTable } from "../../src/scenario/phases/csv-table.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const tableOf = (text: string): CsvTable => {
  const r = scanCsv("t.csv", bytes(text));
  if (!r.ok) throw new Error(`expected a table, got ${JSON.stringify(r)}`);
  return r.table;
};
const problemOf = (text: string) => {
  const r = scanCsv("t.csv", bytes(text));
  if (r.ok || r.empty) throw new Error(`expected a syntax error, got ${JSON.stringify(r.ok ? "a table" : "empty")}`);
  return { line: r.line, column: r.column, message: r.message };
};

describe("scanCsv", () => {
  it("finds the header, the width, the rows and the first filled cell of each column, skipping empty lines", () => {
    const t = tableOf("\uFEFFid,talk,wrap\r\n\r\n1,,20\n2,300,\n\n");
    expect([t.header, t.width, t.rows, t.delimiter, t.firstFilled]).toEqual([["id", "talk", "wrap"], 3, 2, ",", ["1", "300", "20"]]);
    expect(tableOf("5\n6\n")).toMatchObject({ header: undefined, rows: 2, firstFilled: ["5"] });
  });

  it("reads quoted cells with delimiters, doubled quotes and line breaks, trimming blanks outside quotes", () => {
    const t = tableOf('name,note\n  "a,b" ,"say ""hi""\nthere"\nc,d\n');
    expect([cellAt(t, 0, 0), cellAt(t, 0, 1), cellAt(t, 1, 1)]).toEqual(["a,b", 'say "hi"\nthere', "d"]);
    // The next record starts after the line break inside the quotes.
    expect(cellPosition(t, 1, 1)).toEqual({ line: 4, column: 3 });
    expect(cellPosition(t, 0, 1)).toEqual({ line: 2, column: 10 });
  });

  it("takes ';' or a tab as the delimiter when the first line has no comma, with decimal commas in ';' files", () => {
    const eu = tableOf("id;s\n1;100,5\n2;7.25\n");
    expect([eu.delimiter, ...numberColumn(eu, 1)]).toEqual([";", 100.5, 7.25]);
    expect(cellAt(eu, 0, 1)).toBe("100.5");
    const tab = tableOf("a\tb\n1\t2\n");
    expect([tab.delimiter, ...numberColumn(tab, 1)]).toEqual(["\t", 2]);
    // In a "," file, "1,5" quoted is text, not one and a half.
    expect(Number.isNaN(numberColumn(tableOf('t\n"1,5"\n'), 0)[0])).toBe(true);
  });

  it("refuses an unclosed quote at the quote, text after a closing quote and rows of another width at their line", () => {
    expect(problemOf('time\n1\n"2\n')).toMatchObject({ line: 3, column: 1, message: "a quoted field is never closed" });
    expect(problemOf('a,b\n"x"y,1\n')).toMatchObject({ line: 2, column: 4, message: "text after a closing quote" });
    expect(problemOf("a,b\nx\"y,1\n")).toMatchObject({ line: 2, column: 2 });
    expect(problemOf("a,b\n1,2\n1,2,3\n")).toMatchObject({ line: 3, message: "found 3 fields, expected 2 (as many as the first row has)" });
    expect(scanCsv("t.csv", bytes("time\n\n"))).toEqual({ ok: false, empty: true });
  });

  it("locates cells past many checkpoints, on the line and column where their text starts", () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i}, ${i * 2}`);
    const t = tableOf(`a,b\n${lines.join("\n")}\n`);
    for (const row of [0, 1023, 1024, 2047, 4999]) {
      expect(cellPosition(t, row, 1)).toEqual({ line: row + 2, column: String(row).length + 3 });
      expect(cellAt(t, row, 1)).toBe(String(row * 2));
    }
    expect(cellPosition(t, -1, 1)).toEqual({ line: 1, column: 3 });
  });

  it("codes a text column and lists the rows of one code", () => {
    const t = tableOf("time,type\n1,calls\n2,chats\n3,calls\n");
    const types = textColumn(t, 1);
    expect(types.names).toEqual(["calls", "chats"]);
    expect([...rowsWithCode(types.codes, 0)]).toEqual([0, 2]);
    expect(textColumn(t, 1)).toBe(types); // read once per column
  });

  it("reads every number exactly as Number() does, and anything else as NaN", () => {
    const decimal = fc
      .tuple(fc.constantFrom("", "+", "-"), fc.stringMatching(/^\d{0,18}$/), fc.option(fc.stringMatching(/^\d{0,18}$/)), fc.option(fc.integer({ min: -400, max: 400 })))
      .map(([sign, int, frac, exp]) => `${sign}${int}${frac === null ? "" : `.${frac}`}${exp === null ? "" : `e${exp}`}`);
    const cell = fc.oneof(decimal, fc.constantFrom("", ".", "-", "1e", "abc", "1,5", "0x1F", "Infinity", " 7 "));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 20 }), (cells) => {
        const t = tableOf(`v\n${cells.map((c) => `"${c}"`).join("\n")}\n`);
        const values = numberColumn(t, 0);
        cells.forEach((c, i) => {
          // Blanks inside quotes are part of the cell (" 7 " is not a number), as csv-parse reads it.
          const expected = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(c) ? Number(c) : NaN;
          expect(Object.is(values[i], expected) || (Number.isNaN(values[i]) && Number.isNaN(expected))).toBe(true);
        });
      }),
      { numRuns: 300, seed: 16 },
    );
  });
});
