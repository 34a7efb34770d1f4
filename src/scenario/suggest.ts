/**
 * "Did you mean …?" for misspelt keys and names.
 *
 * Distance: the unrestricted Damerau–Levenshtein distance (insertions, deletions, substitutions
 * and transpositions of adjacent characters, with edits allowed between transposed characters),
 * computed with the algorithm of Lowrance & Wagner, "An extension of the string-to-string
 * correction problem", JACM 22(2), 1975.
 */

/** Edit distance between `a` and `b` counting adjacent transpositions as one edit (Damerau–Levenshtein). */
export function editDistance(a: string, b: string): number {
  if (typeof a !== "string") throw new RangeError(`editDistance: a must be a string, got ${typeof a}`);
  if (typeof b !== "string") throw new RangeError(`editDistance: b must be a string, got ${typeof b}`);
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const infinity = a.length + b.length;
  const width = b.length + 2;
  // d[(i + 1) * width + (j + 1)] is the distance between a[0..i) and b[0..j); row/column 0 hold `infinity`.
  const d = new Array<number>((a.length + 2) * width).fill(0);
  d[0] = infinity;
  for (let i = 0; i <= a.length; i++) {
    d[(i + 1) * width] = infinity;
    d[(i + 1) * width + 1] = i;
  }
  for (let j = 0; j <= b.length; j++) {
    d[j + 1] = infinity;
    d[width + j + 1] = j;
  }
  const lastRowOf = new Map<string, number>();
  for (let i = 1; i <= a.length; i++) {
    let lastMatchingColumn = 0;
    for (let j = 1; j <= b.length; j++) {
      const i1 = lastRowOf.get(b[j - 1]) ?? 0;
      const j1 = lastMatchingColumn;
      let cost = 1;
      if (a[i - 1] === b[j - 1]) {
        cost = 0;
        lastMatchingColumn = j;
      }
      d[(i + 1) * width + j + 1] = Math.min(
        d[i * width + j] + cost,
        d[(i + 1) * width + j] + 1,
        d[i * width + j + 1] + 1,
        d[i1 * width + j1] + (i - i1 - 1) + 1 + (j - j1 - 1),
      );
    }
    lastRowOf.set(a[i - 1], i);
  }
  return d[(a.length + 1) * width + b.length + 1];
}

/**
 * The candidate `found` was most likely meant to be: an exact case-insensitive match, else the
 * closest candidate within 2 edits (ignoring case) that is not further away than the shorter
 * word is long (so "k" does not suggest "cv"). Ties go to the earlier candidate. Undefined if none.
 */
export function closestName(found: string, candidates: readonly string[]): string | undefined {
  if (typeof found !== "string") throw new RangeError(`closestName: found must be a string, got ${typeof found}`);
  const lower = found.toLowerCase();
  const lowered = lowerCase(candidates);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i];
    if (candidate === found) continue;
    const c = lowered[i];
    if (c === lower) return candidate;
    // The distance is at least the difference in length: skip what cannot be within 2 edits.
    if (Math.abs(c.length - lower.length) > 2) continue;
    const d = editDistance(lower, c);
    if (d <= 2 && d < Math.min(lower.length, c.length) && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Lower-case copies of a candidate list, reused while the list is unchanged (checks ask about one list many times). */
const loweredLists = new WeakMap<readonly string[], { of: string[]; lower: string[] }>();
function lowerCase(candidates: readonly string[]): string[] {
  const cached = loweredLists.get(candidates);
  if (cached && cached.of.length === candidates.length && cached.of.every((c, i) => c === candidates[i])) return cached.lower;
  const entry = { of: [...candidates], lower: candidates.map((c) => c.toLowerCase()) };
  loweredLists.set(candidates, entry);
  return entry.lower;
}
