/**
 * The interval series of a merge, summarised one block at a time.
 *
 * A band per interval (mean, CI, percentiles) needs that interval's value in every replication
 * at once, and those values are most of a shard: 1,200 replications of a week in half-hours are
 * 128 series × 384 intervals × 8 bytes = 470 MB. So the merge's first pass over the shard files
 * keeps each replication's totals only; the series are then read again, one block per pass,
 * each block held as a column of doubles per interval (a slot per replication index), summarised
 * and dropped before the next. Memory is bounded by the block, whatever the number of
 * replications, at the price of reading the files once more per block.
 *
 * The bands are exactly summarizeExperiment's: `band` of the same values in replication order.
 * A replication missing from a partial merge leaves NaN in its slot, which `band` leaves out just
 * as summarizeExperiment leaves out a run that is not there.
 */
import { SCOPES, type Scope } from "./kpis.js";
import type { SeriesSummary } from "./replicate.js";
import { band, type BandSummary } from "./summary.js";

/** How many bytes of replication values one pass holds at most (a pass re-reads every shard, about 1 s per 100 MB of JSON). */
export const SERIES_BLOCK_BYTES = 32 << 20;

type Kind = "intervals" | "dayProfile";
const KINDS: readonly Kind[] = ["intervals", "dayProfile"];

/** One series of one unit, and where its bands go. */
interface Series {
  unit: number;
  kind: Kind;
  scope: Scope;
  name: string;
  kpi: string;
  bands: BandSummary[];
}

/** Intervals from..to−1 of one series: the part of a block it is cut into. */
interface Piece {
  series: Series;
  from: number;
  to: number;
  /** values[(i − from) × slots + replication], NaN until read; allocated when its pass starts. */
  values: Float64Array | null;
}

/** A replication's series as a shard line's JSON has them: numbers, null where a KPI is undefined. */
export type JsonSeries = Record<Scope, Record<string, Record<string, ArrayLike<number | null>>>>;

/** What summarizeExperiment reads of a unit's replications for its series. */
export interface UnitSeriesShape {
  /** The series of the unit's first replication (lowest index): their names, KPIs and lengths. */
  first: { intervals: JsonSeries; dayProfile: JsonSeries | null } | null;
  /** Whether every replication has a day profile (else there is no summary of it). */
  everyProfile: boolean;
  /** Slots per interval: the unit's replications requested (indices 0..requested−1). */
  requested: number;
}

/** The bands of every unit's series, filled in by the passes. */
export class MergedSeries {
  private readonly series: Series[] = [];
  private readonly summaries: { intervals: SeriesSummary; dayProfile: SeriesSummary | null }[];

  constructor(private readonly units: readonly UnitSeriesShape[]) {
    const empty = (): SeriesSummary => ({ types: {}, channels: {}, groups: {}, sites: {} });
    this.summaries = units.map((u, unit) => {
      const out = { intervals: empty(), dayProfile: u.first && u.everyProfile && u.first.dayProfile ? empty() : null };
      for (const kind of KINDS) {
        const source = u.first?.[kind];
        const target = out[kind];
        if (!source || !target) continue;
        // In summarizeExperiment's order, so the result's keys (and its JSON) come out the same.
        for (const scope of SCOPES) {
          for (const [name, byKpi] of Object.entries(source[scope])) {
            target[scope][name] = {};
            for (const [kpi, values] of Object.entries(byKpi)) {
              const bands = new Array<BandSummary>(values.length);
              target[scope][name][kpi] = bands;
              this.series.push({ unit, kind, scope, name, kpi, bands });
            }
          }
        }
      }
      return out;
    });
  }

  /** The passes to make, each holding at most about `budget` bytes (one interval of one series at the least). */
  passes(budget = SERIES_BLOCK_BYTES): SeriesPass[] {
    const blocks: { series: Series; from: number; to: number }[][] = [];
    let block: { series: Series; from: number; to: number }[] = [];
    let room = budget;
    for (const series of this.series) {
      const column = 8 * this.units[series.unit].requested;
      for (let from = 0; from < series.bands.length; ) {
        const take = Math.min(series.bands.length - from, Math.max(1, Math.floor(room / column)));
        if (take * column > room && block.length > 0) {
          blocks.push(block);
          block = [];
          room = budget;
          continue;
        }
        block.push({ series, from, to: from + take });
        room -= take * column;
        from += take;
      }
    }
    if (block.length > 0) blocks.push(block);
    return blocks.map((b) => new SeriesPass(b, this.units.map((u) => u.requested)));
  }

  /** A unit's series summaries, once every pass is done. */
  of(unit: number): { intervals: SeriesSummary; dayProfile: SeriesSummary | null } {
    for (const s of this.series) {
      if (s.unit !== unit) continue;
      for (let i = 0; i < s.bands.length; i++) if (s.bands[i] === undefined) throw new Error("MergedSeries.of: not every pass was made");
    }
    return this.summaries[unit];
  }
}

/**
 * One pass over the shard files: the values of its block for every replication, then their
 * bands. Its memory is taken when the pass starts (the first `add`) and let go by `finish`, so
 * only one pass holds any at a time.
 */
export class SeriesPass {
  private readonly pieces: Piece[];

  constructor(block: readonly { series: Series; from: number; to: number }[], private readonly slots: readonly number[]) {
    this.pieces = block.map((p) => ({ ...p, values: null }));
  }

  private valuesOf(p: Piece): Float64Array {
    return (p.values ??= new Float64Array((p.to - p.from) * this.slots[p.series.unit]).fill(NaN));
  }

  /** Takes one replication's series (as parsed from its shard line). */
  add(unit: number, replication: number, series: { intervals?: JsonSeries | null; dayProfile?: JsonSeries | null }): void {
    const n = this.slots[unit];
    for (const p of this.pieces) {
      if (p.series.unit !== unit) continue;
      const values = this.valuesOf(p);
      const from = series[p.series.kind]?.[p.series.scope]?.[p.series.name]?.[p.series.kpi];
      if (!from) continue;
      const to = Math.min(p.to, from.length);
      for (let i = p.from; i < to; i++) values[(i - p.from) * n + replication] = from[i] ?? NaN;
    }
  }

  /** Bytes of replication values the pass holds now. */
  bytes(): number {
    return this.pieces.reduce((n, p) => n + (p.values?.byteLength ?? 0), 0);
  }

  /** Summarises the block into its series' bands and lets its values go. */
  finish(): void {
    for (const p of this.pieces) {
      const n = this.slots[p.series.unit];
      const values = this.valuesOf(p);
      for (let i = p.from; i < p.to; i++) p.series.bands[i] = band(values.subarray((i - p.from) * n, (i - p.from + 1) * n));
      p.values = null;
    }
  }
}
