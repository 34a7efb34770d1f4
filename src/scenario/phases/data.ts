/** Plain-data helpers shared by the phases: own keys only (no prototype pollution), tree copies, short value text. */
import { FOUND, shorten } from "../messages.js";

export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Sets an own property, also for the key "__proto__" (no prototype pollution). */
export function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  // Only "__proto__" has a setter on a plain object; defineProperty for every key was a tenth of validation time.
  if (k === "__proto__") Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

export function childOf(v: unknown, seg: string | number): { present: boolean; value: unknown } {
  if (Array.isArray(v)) return typeof seg === "number" && seg < v.length ? { present: true, value: v[seg] } : { present: false, value: undefined };
  if (isPlainObject(v) && hasOwn(v, String(seg))) return { present: true, value: v[String(seg)] };
  return { present: false, value: undefined };
}

/** A tree copy of plain data (aliases in YAML share objects; edits must not leak between them). */
export function cloneData(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cloneData);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setOwn(out, k, cloneData(v[k]));
    return out;
  }
  return v;
}

export function jsonish(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (v === undefined) return FOUND.nothing;
  try {
    return shorten(JSON.stringify(v) ?? String(v));
  } catch {
    return shorten(String(v));
  }
}

export const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
