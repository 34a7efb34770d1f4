/**
 * Random streams derived by name, so that every source of randomness is reproducible on its own.
 *
 *   streams(seed).fork(replication).fork("billing").fork("arrivals").stream()
 *
 * Each path seeds its own generator: seedrandom's `alea` (Baagoe's multiply-with-carry), seeded
 * by seedrandom from the path string. The draws are exactly seedrandom's alea sequence; the
 * generator is a small class so compiled code can inline `next()` (a closure per draw would cost
 * a boxed number each time). Forking never draws from the parent, so adding a stream, or drawing
 * more from one, leaves every other stream's numbers where they were: replication i is the same
 * whether 5 or 500 run and on whichever worker, and two scenarios that differ in one part share
 * the draws of the rest (common random numbers).
 */
import seedrandom from "seedrandom";

/** A stream of uniform numbers in [0, 1) with 32 bits of resolution (seedrandom's alea). */
export class RandomStream {
  // Numbers from the start: a field that first holds `undefined` makes V8 store every new state
  // in a fresh heap box, two per draw (see also useDefineForClassFields in tsconfig.json).
  private s0 = -0;
  private s1 = -0;
  private s2 = -0;
  private c = 0;

  constructor(state: { s0: number; s1: number; s2: number; c: number }) {
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
    this.c = state.c;
  }

  /** The next uniform in [0, 1). */
  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }
}

export class StreamTree {
  /** The derivation path, e.g. "ccsim:2026/7/billing/arrivals": two trees with equal paths draw equal numbers. */
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  /** A child tree; names must not contain "/" (it separates path parts). */
  fork(name: string | number): StreamTree {
    const part = String(name);
    if (part.length === 0 || part.includes("/")) throw new RangeError(`a stream name must be non-empty and contain no "/" (got "${part}")`);
    return new StreamTree(`${this.path}/${part}`);
  }

  /** A fresh generator for this path: the same path always restarts the same sequence. */
  stream(): RandomStream {
    const alea = seedrandom.alea(this.path, { state: true }) as unknown as { state(): { s0: number; s1: number; s2: number; c: number } };
    return new RandomStream(alea.state());
  }
}

/** The root of all streams of a seed. */
export function streams(seed: number): StreamTree {
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) throw new RangeError(`the seed must be a whole number from 0 to 4294967295 (got ${seed})`);
  return new StreamTree(`ccsim:${seed}`);
}
