/**
 * Splitting work across machines. A job (a run of several files, a comparison, a sweep) is a
 * list of units (scenario variants) × replications; tasks are numbered unit by unit. Shard i of n
 * (0-based, as Kubernetes' JOB_COMPLETION_INDEX) takes the tasks with k mod n = i, runs them, and
 * saves their raw replication results. Merging the shards puts every replication back in place
 * and summarises exactly as a single run would — replication r of a unit draws from
 * streams(seed).fork(r) wherever it runs — so the merged result is bit-identical.
 *
 * A shard file (ccsim.shard/2) is JSON lines: a header (the job, the ccsim version, each unit's
 * fully resolved scenario and its hash, the replications planned and done), one line per
 * replication, and a trailer with the SHA-256 of everything before it. The reader
 * (ShardAssembler) takes it line by line and refuses anything inconsistent with one sentence
 * naming the file and what differs. Its first pass keeps each replication's totals, never the
 * text or the interval series; the series are summarised by further passes over the files, one
 * block at a time (merge-series.ts), so memory stays bounded however many replications there are.
 */
import { createHash } from "node:crypto";
import type { Scenario } from "../scenario/schema.js";
import type { ReplicationResult } from "./kpis.js";
import { MergedSeries, type SeriesPass, type UnitSeriesShape } from "./merge-series.js";
import { summarizeExperiment, type ExperimentInfo, type ExperimentResult } from "./replicate.js";

export interface ShardSpec {
  index: number;
  count: number;
}

/** "2/4" → shard 2 of 4 (shards are numbered 0..n−1). */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new RangeError(`a shard is written i/n, e.g. 0/4 for the first of four (got "${text}")`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new RangeError(`shard ${index}/${count} does not exist: shards are numbered 0 to n−1 (got "${text}")`);
  return { index, count };
}

/** The replication indices of one unit that belong to a shard; `offset` is the number of tasks of the units before it. */
export function shardIndices(offset: number, replications: number, shard: ShardSpec | null): number[] {
  const out: number[] = [];
  for (let r = 0; r < replications; r++) if (!shard || (offset + r) % shard.count === shard.index) out.push(r);
  return out;
}

/** Everything needed to finish a unit's statistics later: its scenario, info and raw replications. */
export interface ShardUnit {
  label: string;
  file: string;
  scenario: Scenario;
  info: ExperimentInfo;
  /** Replications of the whole job for this unit (all shards together). */
  requested: number;
  /** The replication indices this shard was to run. */
  planned: number[];
  runs: ReplicationResult[];
}

/** What a shard saves; a full run is the same with one shard. */
export interface ShardFile {
  format: typeof SHARD_FORMAT;
  /** The command and its settings (seed, replications, options): every shard of a job must agree on them. */
  job: { command: "run" | "compare" | "sweep"; detail: "intervals" | "totals"; settings: unknown };
  shard: ShardSpec;
  units: ShardUnit[];
}

export const SHARD_FORMAT = "ccsim.shard/2";

/** The first line of a shard file. */
export interface ShardHeader {
  format: typeof SHARD_FORMAT;
  ccsim: string;
  job: ShardFile["job"];
  shard: ShardSpec;
  /** True when some planned replications are missing (the shard was interrupted). */
  partial: boolean;
  units: { label: string; file: string; scenarioHash: string; scenario: Scenario; info: ExperimentInfo; requested: number; planned: number[]; done: number[] }[];
}

/** A JSON text with object keys sorted: the same value always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** SHA-256 of a fully resolved scenario (after extends, CSV data and overrides). */
export function scenarioHash(scenario: Scenario): string {
  return createHash("sha256").update(canonical(scenario)).digest("hex");
}

const asJson = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (v instanceof Float64Array ? Array.from(v, (x) => (Number.isNaN(x) ? null : x)) : v));

/** The lines of a shard file, each ending in "\n", the trailer with the checksum last. */
export function* shardLines(shard: ShardFile, version: string): Generator<string> {
  const hash = createHash("sha256");
  const emit = (line: string) => {
    hash.update(line);
    return line;
  };
  const header: ShardHeader = {
    format: SHARD_FORMAT,
    ccsim: version,
    job: shard.job,
    shard: shard.shard,
    partial: shard.units.some((u) => u.runs.length < u.planned.length),
    units: shard.units.map((u) => ({ label: u.label, file: u.file, scenarioHash: scenarioHash(u.scenario), scenario: u.scenario, info: u.info, requested: u.requested, planned: u.planned, done: u.runs.map((r) => r.replication) })),
  };
  yield emit(asJson(header) + "\n");
  let lines = 1;
  for (let u = 0; u < shard.units.length; u++) {
    for (const run of shard.units[u].runs) {
      yield emit(asJson({ unit: u, run }) + "\n");
      lines++;
    }
  }
  yield JSON.stringify({ end: SHARD_FORMAT, lines, sha256: hash.digest("hex") }) + "\n";
}

/** A refusal: one sentence naming the file and what is wrong. */
export class ShardError extends Error {}

/** The first path where two JSON values differ, with both values: "seed: 1 in A, 2 in B". */
function firstDifference(a: unknown, b: unknown, names: [string, string], path = ""): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) === !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], names, path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  const show = (v: unknown) => (v === undefined ? "absent" : JSON.stringify(v).slice(0, 60));
  return `${path || "the value"}: ${show(a)} in ${names[0]}, ${show(b)} in ${names[1]}`;
}

/** What reads a shard file: `begin(file)`, then `line(text)` for each line (without its "\n"), then `end()`. */
export interface LineSink {
  begin(file: string): void;
  line(text: string): void;
  end(): void;
}

/** A pass over the files for a block of interval series: feed it every file, then `summarise()`. */
export interface SeriesReader extends LineSink {
  summarise(): void;
  /** Bytes of replication values it holds. */
  bytes(): number;
}

/** A merged replication's place for its series: they are summarised by the passes, not kept. */
const NO_SERIES: ReplicationResult["intervals"] = Object.freeze({ types: {}, channels: {}, groups: {}, sites: {} });

/**
 * Reads shard files line by line and puts them together. First feed it every file (it is a
 * LineSink); then feed every file again to each of `seriesPasses()`; then `finish()`. Every
 * inconsistency throws a ShardError.
 */
export class ShardAssembler implements LineSink {
  private first: { file: string; header: ShardHeader } | null = null;
  private readonly byIndex = new Map<number, string>();
  /** Per unit, its replications without their interval series. */
  private readonly runs: ReplicationResult[][] = [];
  /** Per unit, what the series passes need to know: the series of its first replication. */
  private readonly shapes: (UnitSeriesShape & { firstIndex: number })[] = [];
  private readonly owner: Map<number, string>[] = [];
  private readonly lineCounts = new Map<string, number>();
  private readonly partials: string[] = [];
  private series: MergedSeries | null = null;
  private current: { file: string; header: ShardHeader | null; hash: ReturnType<typeof createHash>; lines: number; seen: Set<number>[]; ended: boolean } | null = null;

  constructor(private readonly version: string, private readonly allowPartial = false) {}

  begin(file: string): void {
    this.current = { file, header: null, hash: createHash("sha256"), lines: 0, seen: [], ended: false };
  }

  line(text: string): void {
    const c = this.current!;
    const fail = (why: string): never => {
      throw new ShardError(`${c.file} ${why}`);
    };
    if (c.ended) fail("has data after its end line (corrupt or edited)");
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return fail(`is corrupt: line ${c.lines + 1} is not JSON${c.lines === 0 ? " (is it a ccsim shard file?)" : ""}`);
    }
    if (value === null || typeof value !== "object") return fail(`is corrupt: line ${c.lines + 1} is not a JSON object`);
    if (c.lines === 0) {
      this.header(value);
    } else if ("end" in value) {
      if (value.lines !== c.lines || value.sha256 !== c.hash.digest("hex")) fail("is corrupt or was edited: its checksum does not match its content");
      c.ended = true;
      return;
    } else this.replication(value);
    c.hash.update(text).update("\n"); // not text + "\n", a copy of a line of 300 KB
    c.lines++;
  }

  private header(value: Record<string, unknown>): void {
    const c = this.current!;
    const fail = (why: string): never => {
      throw new ShardError(`${c.file} ${why}`);
    };
    if (value.format === "ccsim.shard/1") fail("was written by an older ccsim (format ccsim.shard/1, without provenance); rerun that shard");
    if (value.format !== SHARD_FORMAT) fail(`is not a ccsim shard file (format ${JSON.stringify(value.format ?? null)}, expected "${SHARD_FORMAT}")`);
    const h = value as unknown as ShardHeader;
    if (!h.shard || !Number.isInteger(h.shard.index) || !Number.isInteger(h.shard.count) || !Array.isArray(h.units) || !h.job) fail("is corrupt: its header lacks the job, the shard or the units");
    for (const u of h.units) {
      if (!u || typeof u !== "object" || !Array.isArray(u.planned) || !Array.isArray(u.done) || !Number.isInteger(u.requested) || !u.scenario) fail("is corrupt: a unit of its header lacks its scenario or replications");
      if (scenarioHash(u.scenario) !== u.scenarioHash) fail(`is corrupt or was edited: the scenario of ${u.label} does not match its hash`);
      const planned = new Set(u.planned);
      if (planned.size !== u.planned.length) fail(`plans replication(s) of ${u.label} twice`);
      if (u.planned.some((r) => !Number.isInteger(r) || r < 0 || r >= u.requested)) fail(`plans replications of ${u.label} outside 0–${u.requested - 1} (${u.requested} requested)`);
      if (u.done.some((r) => !planned.has(r))) fail(`holds replications of ${u.label} it was not to run`);
    }
    const partial = h.units.some((u) => u.done.length < u.planned.length);
    if (partial !== h.partial) fail("is corrupt: its partial flag does not match its replications");
    if (partial) {
      const done = h.units.reduce((n, u) => n + u.done.length, 0);
      const planned = h.units.reduce((n, u) => n + u.planned.length, 0);
      this.partials.push(`${c.file} is partial: ${done} of ${planned} replications (interrupted)`);
      if (!this.allowPartial) fail(`is partial: it holds ${done} of its ${planned} replications (it was interrupted); rerun that shard, or merge what there is with --allow-partial`);
    }
    c.header = h;
    c.seen = h.units.map(() => new Set<number>());
    const key = `${h.shard.index}/${h.shard.count}`;
    if (!this.first) {
      this.first = { file: c.file, header: h };
      h.units.forEach((u) => {
        this.runs.push([]);
        this.owner.push(new Map());
        this.shapes.push({ first: null, firstIndex: -1, everyProfile: true, requested: u.requested });
      });
    } else {
      const f = this.first.header;
      const names: [string, string] = [this.first.file, c.file];
      const differ = (what: string, d: string | null) => d && fail(`and ${this.first!.file} are not shards of one job: their ${what} differ (${d})`);
      if (h.ccsim !== f.ccsim) fail(`was written by ccsim ${h.ccsim} and ${this.first.file} by ccsim ${f.ccsim}; rerun the shards with one version`);
      differ("commands", firstDifference(f.job.command, h.job.command, names));
      differ("settings", firstDifference(f.job.settings, h.job.settings, names) ?? firstDifference(f.job.detail, h.job.detail, names));
      if (h.shard.count !== f.shard.count) fail(`is shard ${key} but ${this.first.file} is one of ${f.shard.count} shards: the job was cut differently`);
      if (h.units.length !== f.units.length || h.units.some((u, i) => u.label !== f.units[i].label)) fail(`and ${this.first.file} list different scenarios (${h.units.map((u) => u.label).join(", ")} and ${f.units.map((u) => u.label).join(", ")})`);
      h.units.forEach((u, i) => {
        if (u.scenarioHash !== f.units[i].scenarioHash) differ(`scenarios for ${u.label}`, firstDifference(f.units[i].scenario, u.scenario, names));
        if (u.requested !== f.units[i].requested) fail(`asks for ${u.requested} replications of ${u.label} and ${this.first!.file} for ${f.units[i].requested}`);
      });
    }
    if (h.shard.index < 0 || h.shard.index >= h.shard.count) fail(`claims to be shard ${key}, which does not exist`);
    const twin = this.byIndex.get(h.shard.index);
    if (twin) fail(`is shard ${key}, and so is ${twin}: give each shard once`);
    this.byIndex.set(h.shard.index, c.file);
    h.units.forEach((u, i) => {
      for (const r of u.planned) {
        const other = this.owner[i].get(r);
        if (other) fail(`and ${other} both hold replication ${r} of ${u.label}`);
        this.owner[i].set(r, c.file);
      }
    });
  }

  private replication(value: Record<string, unknown>): void {
    const c = this.current!;
    const h = c.header!;
    const unit = value.unit as number;
    const run = value.run as ReplicationResult | undefined;
    const fail = (why: string): never => {
      throw new ShardError(`${c.file} ${why}`);
    };
    if (!Number.isInteger(unit) || unit < 0 || unit >= h.units.length || !run || typeof run !== "object" || !run.totals) fail(`is corrupt: line ${c.lines + 1} is not a replication`);
    const u = h.units[unit];
    if (!u.done.includes(run!.replication)) fail(`holds replication ${String(run!.replication)} of ${u.label}, which its header does not list`);
    if (c.seen[unit].has(run!.replication)) fail(`holds replication ${run!.replication} of ${u.label} twice`);
    c.seen[unit].add(run!.replication);
    const shape = this.shapes[unit];
    if (shape.firstIndex < 0 || run!.replication < shape.firstIndex) {
      shape.first = { intervals: run!.intervals, dayProfile: run!.dayProfile };
      shape.firstIndex = run!.replication;
    }
    if (!run!.dayProfile) shape.everyProfile = false;
    this.runs[unit].push({ ...run!, intervals: NO_SERIES, dayProfile: null });
  }

  end(): void {
    const c = this.current!;
    if (c.lines === 0) throw new ShardError(`${c.file} is empty`);
    if (!c.ended) throw new ShardError(`${c.file} is truncated: it ends before its end line (an interrupted copy or a full disk?)`);
    c.header!.units.forEach((u, i) => {
      if (c.seen[i].size !== u.done.length) throw new ShardError(`${c.file} is truncated: it lists ${u.done.length} replications of ${u.label} but holds ${c.seen[i].size}`);
    });
    this.lineCounts.set(c.file, c.lines + 1);
    this.current = null;
  }

  /** Lines telling which shards are partial (merged with --allow-partial). */
  partialShards(): readonly string[] {
    return this.partials;
  }

  /**
   * Once every file is read: checks that the shards make the whole job, then gives the passes
   * to make over the same files for the interval series (none when there are no series). Feed
   * each pass every file, then call its `summarise()`, before starting the next.
   */
  seriesPasses(budget?: number): SeriesReader[] {
    this.checkComplete();
    this.series = new MergedSeries(this.shapes);
    return this.series.passes(budget).map((pass) => this.reader(pass));
  }

  /** Feeds a series pass the replications of every file, checking each file is the one read first. */
  private reader(pass: SeriesPass): SeriesReader {
    let file = "";
    let lines = 0;
    const changed = (): never => {
      throw new ShardError(`${file} changed while it was being merged; merge again once nothing is writing it`);
    };
    return {
      begin: (f) => {
        file = f;
        lines = 0;
      },
      line: (text) => {
        if (lines++ === 0) return; // the header, checked by the first pass
        let value: { unit?: unknown; run?: { replication?: unknown; intervals?: unknown; dayProfile?: unknown }; end?: unknown };
        try {
          value = JSON.parse(text) as typeof value;
        } catch {
          return changed();
        }
        if ("end" in value) return;
        const unit = value.unit as number;
        const r = value.run?.replication as number;
        if (this.owner[unit]?.get(r) !== file) changed();
        pass.add(unit, r, value.run as Parameters<SeriesPass["add"]>[2]);
      },
      end: () => {
        if (lines !== this.lineCounts.get(file)) changed();
      },
      summarise: () => pass.finish(),
      bytes: () => pass.bytes(),
    };
  }

  /** Every shard present, every replication planned exactly once. */
  private checkComplete(): void {
    if (!this.first) throw new ShardError("nothing to merge");
    const f = this.first.header;
    const count = f.shard.count;
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !this.byIndex.has(i));
    if (missing.length) throw new ShardError(`shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")} ${missing.length > 1 ? "are" : "is"} missing (found ${this.byIndex.size} of ${count})`);
    f.units.forEach((u, i) => {
      const gaps = Array.from({ length: u.requested }, (_, r) => r).filter((r) => !this.owner[i].has(r));
      if (gaps.length) throw new ShardError(`no shard holds replication${gaps.length > 1 ? "s" : ""} ${gaps.slice(0, 5).join(", ")}${gaps.length > 5 ? ", …" : ""} of ${u.label} (${u.requested} requested): the shards do not add up to the job`);
    });
  }

  /** The merged job, once every series pass is made. */
  finish(): { job: ShardFile["job"]; units: { label: string; file: string; scenario: Scenario; result: ExperimentResult }[] } {
    this.checkComplete();
    const series = this.series;
    if (!series) throw new Error("ShardAssembler.finish: make the series passes first");
    const f = this.first!.header;
    const units = f.units.map((u, i) => ({ label: u.label, file: u.file, scenario: u.scenario, result: summarizeExperiment(u.info, this.runs[i], u.requested, series.of(i)) }));
    return { job: f.job, units };
  }
}
