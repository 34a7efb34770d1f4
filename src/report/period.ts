/**
 * The period money is stated in. A simulated week costs so much per week; an executive may want
 * it per month or per year. Amounts are scaled linearly from the counted horizon (after the
 * warm-up): a month is 30.4375 days and a year 365.25 days, as in the cost model.
 */
export type MoneyPer = "week" | "month" | "year";
export const MONEY_PERIODS: readonly MoneyPer[] = ["week", "month", "year"];

const DAY = 86400;
const SECONDS: Record<MoneyPer, number> = { week: 7 * DAY, month: 30.4375 * DAY, year: 365.25 * DAY };

export interface MoneyPeriod {
  /** "per week", "per month", "per year", or "over the 10-day horizon". */
  label: string;
  /** Multiply an amount over the counted horizon by this to state it per period. */
  factor: number;
  /** A target measured over the horizon, in words: "the 80/20 weekly target", "the 80/20 target over the 10-day run". */
  target: (name: string) => string;
}

/** The period of the horizon itself when it is a week, a month or a year (within a day), else null. */
export function naturalPeriod(countedSeconds: number): MoneyPer | null {
  for (const p of MONEY_PERIODS) if (Math.abs(countedSeconds - SECONDS[p]) <= (p === "week" ? 1 : DAY)) return p;
  return null;
}

function days(seconds: number): string {
  if (seconds < DAY) return `${Number((seconds / 3600).toFixed(2))}-hour`;
  const d = seconds / DAY;
  return Number.isInteger(d) ? `${d}-day` : `${Number(d.toFixed(2))}-day`;
}

/** How to state money for a run of `countedSeconds` (after warm-up); `per` overrides the horizon's own period. */
export function moneyPeriod(countedSeconds: number, per?: MoneyPer): MoneyPeriod {
  if (!(countedSeconds > 0)) throw new RangeError(`moneyPeriod: the counted horizon must be positive seconds, got ${countedSeconds}`);
  if (per !== undefined && !MONEY_PERIODS.includes(per)) throw new RangeError(`moneyPeriod: per must be one of ${MONEY_PERIODS.join(", ")}, got ${JSON.stringify(per)}`);
  const natural = naturalPeriod(countedSeconds);
  const adjective = natural ? { week: "weekly", month: "monthly", year: "yearly" }[natural] : null;
  const target = (name: string) => (adjective ? `the ${name} ${adjective} target` : `the ${name} target over the ${days(countedSeconds)} run`);
  const chosen = per ?? natural;
  if (!chosen) return { label: `over the ${days(countedSeconds)} horizon`, factor: 1, target };
  return { label: `per ${chosen}`, factor: chosen === natural ? 1 : SECONDS[chosen] / countedSeconds, target };
}

/**
 * The period that costs cover, in the words people use: "12 hours", "1 day", "7 days" is "1 week",
 * "4 weeks", "10 days", "2.5 days", "3.0 months" — never "0.23 months". `months` is the cost
 * model's counted horizon (30.4375 days a month).
 */
export function periodText(months: number): string {
  const days = months * 30.4375;
  if (!(days > 0)) return "the period simulated";
  if (days < 1) {
    const hours = Number((days * 24).toFixed(1));
    return `${hours} hour${hours === 1 ? "" : "s"}`;
  }
  if (Math.abs(days - Math.round(days)) < 1e-6 && days < 60) {
    const d = Math.round(days);
    if (d % 7 === 0) return d === 7 ? "1 week" : `${d / 7} weeks`;
    return d === 1 ? "1 day" : `${d} days`;
  }
  return days < 60 ? `${Number(days.toFixed(1))} days` : `${Number(months.toFixed(1))} months`;
}
