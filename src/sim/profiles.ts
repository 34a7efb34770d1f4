/**
 * A contact type's profiles over the day, read per planning interval: the IVR containment share
 * and the handle-time factor (flat unless the scenario gives a profile). Forecasts and
 * diagnostics read them here; the engine reads the arrays directly on its hot path.
 */
import type { TypeModel } from "./model.js";

/** The IVR containment share of a type in planning interval i (0 without an IVR). */
export function containmentIn(t: TypeModel, i: number): number {
  if (!t.ivr) return 0;
  return t.ivr.containmentByInterval ? t.ivr.containmentByInterval[i] : t.ivr.containment;
}

/** The handle-time factor of a type in planning interval i. */
export function handleFactorIn(t: TypeModel, i: number): number {
  return t.handleFactorByInterval ? t.handleFactorByInterval[i] : 1;
}
