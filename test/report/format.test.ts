import { describe, expect, it } from "vitest";
import { MINUS, formatMoney, formatMoneyWithHalf, formatNumber, formatPercent, formatRange, formatValue, formatWithHalf, trueMinus } from "../../src/report/format.js";
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
