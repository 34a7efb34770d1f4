/** Number formatting shared by tables, reports and charts. Missing values print as "–", never NaN. */
import type { KpiUnit } from "../experiment/kpis.js";

const DASH = "–";

/** `count-spread` formats the ± of a count (a spread may be fractional and small). */
export function formatValue(value: number | null | undefined, unit: KpiUnit | "count-spread" | "number"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  switch (unit) {
    case "share":
      return `${(value * 100).toFixed(1)}%`;
    case "seconds":
      return Math.abs(value) >= 5400 ? `${(value / 3600).toFixed(1)} h` : Math.abs(value) >= 600 ? `${(value / 60).toFixed(1)} min` : `${value.toFixed(1)} s`;
    case "hours":
      return `${formatNumber(value, 1)} h`;
    case "agents":
      return formatNumber(value, 1);
    case "count":
      return formatNumber(value, Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : 1);
    case "count-spread":
      return formatNumber(value, Math.abs(value) >= 10 ? 0 : 1);
    default:
      return formatNumber(value, 3);
  }
}

export function formatNumber(value: number, digits: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatMoney(value: number | null | undefined, currency = "USD"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const digits = Math.abs(value) >= 1000 ? 0 : 2;
  return value.toLocaleString("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Percent with one decimal: 0.1234 → "12.3%". */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return `${(value * 100).toFixed(digits)}%`;
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
