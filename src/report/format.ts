/**
 * Number formatting shared by tables, reports and charts. Missing values print as "–", never NaN.
 * Text for people writes a negative number with a true minus sign (U+2212 "−"), and a mean with
 * its confidence half-width in one unit ("15.8 ± 4.5 min", "93.9 ± 1.2%"), never "15.8 min
 * ±272.7 s". CSV and JSON, which machines read, never go through these functions.
 */
import type { KpiUnit } from "../experiment/kpis.js";

const DASH = "–";
/** U+2212 MINUS SIGN: the width of "+", unlike the hyphen "-" that `toLocaleString` writes. */
export const MINUS = "\u2212";

/**
 * "-12.5" → "−12.5", "-$1,200" → "−$1,200": the leading hyphen-minus of a formatted number made a
 * minus sign; a number that rounds to zero ("-0.0") loses its sign.
 */
export function trueMinus(text: string): string {
  if (!text.startsWith("-")) return text;
  return /[1-9]/.test(text) ? MINUS + text.slice(1) : text.slice(1);
}

/** How a duration is shown: the unit fits the size of the value, so a cell reads in one unit. */
function secondsScale(value: number): { divisor: number; suffix: string } {
  const a = Math.abs(value);
  return a >= 5400 ? { divisor: 3600, suffix: "h" } : a >= 600 ? { divisor: 60, suffix: "min" } : { divisor: 1, suffix: "s" };
}

/** `count-spread` formats the ± of a count (a spread may be fractional and small). */
export function formatValue(value: number | null | undefined, unit: KpiUnit | "count-spread" | "number"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const { number, suffix } = numberAndSuffix(value, unit, value);
  return number + suffix;
}

/** The number of a value (scaled and rounded as its unit is shown) and the unit's suffix (" s", "%", ""). */
function numberAndSuffix(value: number, unit: KpiUnit | "count-spread" | "number", sizeOf: number): { number: string; suffix: string } {
  switch (unit) {
    case "share":
      return { number: formatNumber(value * 100, 1), suffix: "%" };
    case "seconds": {
      const { divisor, suffix } = secondsScale(sizeOf);
      return { number: formatNumber(value / divisor, 1), suffix: ` ${suffix}` };
    }
    case "hours":
      return { number: formatNumber(value, 1), suffix: " h" };
    case "agents":
      return { number: formatNumber(value, 1), suffix: "" };
    case "count":
      return { number: formatNumber(value, Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : 1), suffix: "" };
    case "count-spread":
      return { number: formatNumber(value, Math.abs(value) >= 10 ? 0 : 1), suffix: "" };
    default:
      return { number: formatNumber(value, 3), suffix: "" };
  }
}

/** Whether a half-width is worth writing beside its mean: known, finite and not negligible against it. */
function shownHalf(value: number, half: number | null | undefined): half is number {
  return half !== null && half !== undefined && Number.isFinite(half) && half > 1e-9 * Math.max(1, Math.abs(value));
}

/**
 * A mean and the half-width of its confidence interval in one unit, chosen by the mean's size:
 * "15.8 ± 4.5 min", "93.9 ± 1.2%", "24,204 ± 624", "4,207.0 ± 2.5 h". Without a half-width
 * (null, or negligible against the mean) the mean alone.
 */
export function formatWithHalf(value: number | null | undefined, half: number | null | undefined, unit: KpiUnit | "number"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (!shownHalf(value, half)) return formatValue(value, unit);
  if (unit === "seconds") {
    // In minutes or hours a spread of seconds can round to nothing ("10.1 ± 0.0 min"): show it
    // with up to two more decimals, the mean too ("10.09 ± 0.02 min").
    const { divisor, suffix } = secondsScale(value);
    let digits = 1;
    while (digits < 3 && !/[1-9]/.test(formatNumber(half / divisor, digits))) digits++;
    return `${formatNumber(value / divisor, digits)} ± ${formatNumber(half / divisor, digits)} ${suffix}`;
  }
  const mean = numberAndSuffix(value, unit, value);
  // A count's spread may need a decimal the count does not ("396 ± 8.5"), never fewer ("32.2 ± 11.0").
  const spread = unit === "count" && mean.number.includes(".") ? { number: formatNumber(half, 1) } : numberAndSuffix(half, unit === "count" ? "count-spread" : unit, value);
  return `${mean.number} ± ${spread.number}${mean.suffix}`;
}

/**
 * Both ends of an interval in one unit, chosen by the larger end: "−5.0 to 12.0 s",
 * "−$1,200 to $3,400", "−0.52 to 1.10 pts"; `signed` writes "+" before positive ends too.
 */
export function formatRange(low: number, high: number, unit: KpiUnit | "number" | "money" | "points", options: { currency?: string; signed?: boolean } = {}): string {
  const size = Math.max(Math.abs(low), Math.abs(high));
  const sign = (x: number) => (x < 0 ? MINUS : x > 0 && options.signed ? "+" : "");
  const end = (x: number): { number: string; suffix: string } => {
    const { number, suffix } =
      unit === "money" ? { number: formatMoney(Math.abs(x), options.currency), suffix: "" } : unit === "points" ? { number: formatNumber(Math.abs(x) * 100, 2), suffix: " pts" } : numberAndSuffix(Math.abs(x), unit, size);
    // A number that rounds to zero has no sign: "−0.00" would claim a direction it does not show.
    return { number: /[1-9]/.test(number) ? sign(x) + number : number, suffix };
  };
  const lo = end(low);
  const hi = end(high);
  return `${lo.number} to ${hi.number}${hi.suffix}`;
}

/** A number with `digits` decimals, thousands separated, negative with a minus sign: "−1,234.5". */
export function formatNumber(value: number, digits: number): string {
  return trueMinus(localeFixed(value, digits) ?? value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
}

/**
 * What `value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })`
 * writes, without Intl: the first Intl number format of a process costs 0.12 G instructions (ICU
 * loads its en-US data), a tenth of a `ccsim run` process's fixed cost, to print a table (issue 17).
 * Like ICU, it rounds the shortest decimal that reads back as the double (`String(value)`), halves
 * away from zero: 1.005 → "1.01", where `toFixed` would round the binary value to "1.00". Null
 * where `String` writes an exponent (below 1e-6 or from 1e21), left to Intl.
 */
export function localeFixed(value: number, digits: number): string | null {
  const text = String(Math.abs(value));
  if (!Number.isInteger(digits) || digits < 0 || digits > 20 || !/^\d+(\.\d+)?$/.test(text)) return null;
  const dot = text.indexOf(".");
  let whole = dot < 0 ? text : text.slice(0, dot);
  let fraction = dot < 0 ? "" : text.slice(dot + 1);
  if (fraction.length > digits) {
    const up = fraction.charCodeAt(digits) >= 53; // "5" or more
    fraction = fraction.slice(0, digits);
    if (up) {
      const all = (whole + fraction).split("");
      let i = all.length - 1;
      while (i >= 0 && all[i] === "9") all[i--] = "0";
      if (i < 0) all.unshift("1");
      else all[i] = String(Number(all[i]) + 1);
      whole = all.slice(0, all.length - digits).join("");
      fraction = all.slice(all.length - digits).join("");
    }
  } else fraction = fraction.padEnd(digits, "0");
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  const negative = value < 0 || Object.is(value, -0);
  return (negative ? "-" : "") + grouped + (digits > 0 ? "." + fraction : "");
}

/** Money to the cent below 1,000, whole above: "$12.50", "−$191,308". */
export function formatMoney(value: number | null | undefined, currency = "USD"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return trueMinus(value.toLocaleString("en-US", { style: "currency", currency, ...moneyDigits(value) }));
}

function moneyDigits(value: number): { minimumFractionDigits: number; maximumFractionDigits: number } {
  const digits = Math.abs(value) >= 1000 ? 0 : 2;
  return { minimumFractionDigits: digits, maximumFractionDigits: digits };
}

/** Mean ± half-width of money, the half written to the mean's precision: "$191,308 ± $71", "$11.60 ± $0.24". */
export function formatMoneyWithHalf(value: number | null | undefined, half: number | null | undefined, currency = "USD"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (!shownHalf(value, half)) return formatMoney(value, currency);
  const halfText = half.toLocaleString("en-US", { style: "currency", currency, ...moneyDigits(value) });
  return `${formatMoney(value, currency)} ± ${halfText}`;
}

/** Percent with one decimal: 0.1234 → "12.3%", −0.05 → "−5.0%". */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return `${formatNumber(value * 100, digits)}%`;
}

export const DAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** A clock label for a time in seconds from the start of the horizon: "Mon 08:30". */
export function clockLabel(seconds: number, startDay = 0): string {
  const day = Math.floor(seconds / 86400);
  return `${DAY_LABELS[(((startDay + day) % 7) + 7) % 7]} ${timeOfDay(seconds)}`;
}

/** "08:30" for a time in seconds (modulo a day). */
export function timeOfDay(seconds: number): string {
  const inDay = ((seconds % 86400) + 86400) % 86400;
  const hh = String(Math.floor(inDay / 3600)).padStart(2, "0");
  const mm = String(Math.floor((inDay % 3600) / 60)).padStart(2, "0");
  return `${hh}:${mm}`;
}
