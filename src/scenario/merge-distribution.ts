/**
 * How `extends` merges a distribution of the extending file over the base's. Mappings usually
 * merge key by key, but a distribution's keys only mean something together: a gamma over a
 * lognormal must not inherit the lognormal's `cv`, and `{dist: empirical, values: …}` over
 * `{dist: lognormal, mean, cv}` must not keep `mean`. So a mapping that names a different `dist`
 * replaces the base's whole; one with the same `dist` merges, but giving one way of stating the
 * parameters (mu and sigma) drops the base's other way (mean and cv).
 */

/** For each distribution, its alternative parameter sets (keys in several sets belong to all of them). */
const PARAMETER_SETS: Record<string, readonly (readonly string[])[]> = {
  lognormal: [["mean", "cv"], ["mu", "sigma"]],
  gamma: [["mean", "cv"], ["shape", "scale"]],
  weibull: [["mean"], ["scale"]],
  empirical: [["values"], ["csv", "column"]],
};

/**
 * The base to merge `over` into: `base` itself when they are not both distributions with a
 * `dist`, nothing (replace whole) when the `dist` differs, else `base` without the keys of
 * parameter sets that `over` does not use.
 */
export function distributionBase(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  if (typeof over.dist !== "string") return base;
  if (base.dist !== over.dist) return {};
  const sets = PARAMETER_SETS[over.dist];
  if (!sets) return base;
  const chosen = sets.filter((set) => set.some((k) => k in over));
  if (chosen.length === 0) return base;
  const keep: Record<string, unknown> = {};
  for (const k of Object.keys(base)) {
    const inOther = sets.some((set) => set.includes(k) && !chosen.includes(set));
    if (!inOther) keep[k] = base[k];
  }
  return keep;
}
