import { describe, expect, it } from "vitest";
import { MINUS, formatMoney, formatMoneyWithHalf, formatNumber, formatPercent, formatRange, formatValue, formatWithHalf, localeFixed, trueMinus } from "../../src/report/format.js";
import { periodText } from "../../src/report/period.js";

describe("one unit per cell", () => {
  it("writes a duration's half-width in the unit of its mean", () => {
    expect(formatWithHalf(948, 272.7, "seconds")).toBe("15.8 ± 4.5 min");
    expect(formatWithHalf(4.04, 1.02, "seconds")).toBe("4.0 ± 1.0 s");
    expect(formatWithHalf(7200, 90, "seconds")).toBe("2.00 ± 0.03 h");
    // The unit follows the mean even when the spread alone would pick another.
    expect(formatWithHalf(300, 900, "seconds")).toBe("300.0 ± 900.0 s");
    // A spread of seconds shown in minutes keeps a digit of its own.
    expect(formatWithHalf(605.4, 1.3, "seconds")).toBe("10.09 ± 0.02 min");
    expect(formatWithHalf(4.0, 0.01, "seconds")).toBe("4.00 ± 0.01 s");
  });

  it("writes shares, hours and counts with the unit once, after both numbers", () => {
    expect(formatWithHalf(0.939, 0.012, "share")).toBe("93.9 ± 1.2%");
    expect(formatWithHalf(4207, 2.5, "hours")).toBe("4,207.0 ± 2.5 h");
    expect(formatWithHalf(24204, 624, "count")).toBe("24,204 ± 624");
    expect(formatWithHalf(396, 8.46, "count")).toBe("396 ± 8.5");
    expect(formatWithHalf(32.2, 11.04, "count")).toBe("32.2 ± 11.0");
  });

  it("leaves the half-width out when there is none or it is negligible", () => {
    expect(formatWithHalf(0.5, null, "share")).toBe("50.0%");
    expect(formatWithHalf(100, 1e-12, "seconds")).toBe("100.0 s");
    expect(formatWithHalf(null, 1, "seconds")).toBe("–");
  });

  it("writes money's half-width to the mean's precision, with the currency on both", () => {
    expect(formatMoneyWithHalf(191308.4, 71.11)).toBe("$191,308 ± $71");
    expect(formatMoneyWithHalf(11.6, 0.2437)).toBe("$11.60 ± $0.24");
    expect(formatMoneyWithHalf(9075, 173, "EUR")).toBe("€9,075 ± €173");
    expect(formatMoneyWithHalf(500, 0)).toBe("$500.00");
  });

  it("writes both ends of an interval in the unit of the larger end", () => {
    expect(formatRange(-5, 720, "seconds")).toBe(`${MINUS}0.1 to 12.0 min`);
    expect(formatRange(-5, 12, "seconds")).toBe(`${MINUS}5.0 to 12.0 s`);
    expect(formatRange(-0.0052, 0.011, "points")).toBe(`${MINUS}0.52 to 1.10 pts`);
    expect(formatRange(-1200, 3400, "money")).toBe(`${MINUS}$1,200 to $3,400`);
    expect(formatRange(-3, 4, "seconds", { signed: true })).toBe(`${MINUS}3.0 to +4.0 s`);
    // An end that rounds to zero has no sign.
    expect(formatRange(-0.0006, -0.00004, "points")).toBe(`${MINUS}0.06 to 0.00 pts`);
    expect(formatRange(-0.001, 0.5, "money")).toBe("$0.00 to $0.50");
  });
});

describe("a true minus sign", () => {
  it("writes negative numbers with U+2212, not a hyphen", () => {
    expect(formatNumber(-1234.5, 1)).toBe("\u22121,234.5");
    expect(formatMoney(-117800)).toBe("\u2212$117,800");
    expect(formatMoney(-35.5)).toBe("\u2212$35.50");
    expect(formatPercent(-0.05)).toBe("\u22125.0%");
    expect(formatValue(-3.2, "seconds")).toBe("\u22123.2 s");
    expect(formatWithHalf(-3.2, 1, "seconds")).toBe("\u22123.2 ± 1.0 s");
  });

  it("drops the sign of a number that rounds to zero", () => {
    expect(formatNumber(-0.01, 1)).toBe("0.0");
    expect(formatMoney(-0.001)).toBe("$0.00");
    expect(trueMinus("-0.00")).toBe("0.00");
    expect(trueMinus("12")).toBe("12");
  });

  it("never writes a hyphen-minus before a number", () => {
    for (const x of [-1e6, -1234.5678, -12.3, -0.5, -0.004]) {
      for (const text of [formatNumber(x, 2), formatMoney(x), formatPercent(x), formatValue(x, "seconds"), formatValue(x, "count"), formatValue(x, "hours")]) {
        expect(text, text).not.toMatch(/-\d|-\$/);
      }
    }
  });
});

describe("the period costs cover, in days or weeks", () => {
  const months = (days: number) => days / 30.4375;
  it("names weeks, days and hours as people say them", () => {
    expect(periodText(months(7))).toBe("1 week");
    expect(periodText(months(28))).toBe("4 weeks");
    expect(periodText(months(1))).toBe("1 day");
    expect(periodText(months(10))).toBe("10 days");
    expect(periodText(months(2.5))).toBe("2.5 days");
    expect(periodText(months(0.5))).toBe("12 hours");
    expect(periodText(months(1 / 24))).toBe("1 hour");
    expect(periodText(3)).toBe("3 months");
  });

  it("says so when there is no period", () => {
    expect(periodText(0)).toBe("the period simulated");
  });
});

describe("numbers without Intl (localeFixed)", () => {
  const intl = (v: number, d: number) => v.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });

  it("writes what toLocaleString writes, ties and carries included", () => {
    // Ties of the shortest decimal round away from zero (1.005 → 1.01, where toFixed gives 1.00);
    // carries run through the separators (9,999.95 → 10,000.0).
    const cases = [0, -0, 0.5, 1.5, 2.5, -2.5, 1.005, 1.0049999, 0.125, 0.0005, 9.995, 99.95, 9999.95, 999999.5, -0.04, -0.05, 123456789.125, 1e20, 9.999999e20, 1e-6, 12345.678];
    for (const v of cases) for (let d = 0; d <= 6; d++) expect([v, d, localeFixed(v, d)]).toEqual([v, d, intl(v, d)]);
    expect(localeFixed(1.005, 2)).toBe("1.01");
    expect(localeFixed(9999.95, 1)).toBe("10,000.0");
  });

  it("agrees with toLocaleString on 20,000 doubles of every size (fixed seed)", () => {
    let seed = 1;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let differ = 0;
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      let v = (next() - 0.3) * 10 ** (Math.floor(next() * 26) - 8);
      // A third lands on a tie at the last kept digit, a seventh on a binary fraction.
      if (i % 3 === 0) v = Math.round(v * 1000) / 1000 + (i % 2 ? 0.0005 : 0.005);
      if (i % 7 === 0) v = Math.round(v * 8) / 8;
      const d = i % 5;
      const mine = localeFixed(v, d);
      if (mine === null) continue;
      checked++;
      if (mine !== intl(v, d)) differ++;
    }
    expect(checked).toBeGreaterThan(18_000);
    expect(differ).toBe(0);
  });

  it("leaves exponents and odd digit counts to Intl", () => {
    expect(localeFixed(5e-7, 2)).toBeNull();
    expect(localeFixed(1e21, 0)).toBeNull();
    expect(localeFixed(Infinity, 1)).toBeNull();
    expect(localeFixed(1.5, 21)).toBeNull();
    expect(localeFixed(1.5, 0.5)).toBeNull();
    expect(formatNumber(5e-7, 2)).toBe("0.00");
    expect(formatNumber(-1234.5, 1)).toBe(`${MINUS}1,234.5`);
  });
});
