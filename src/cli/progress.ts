/**
 * Progress on stderr. On a terminal, a one-line bar redrawn in place. Elsewhere (a batch job's
 * log file, a pipe) a plain line at most every 10 s — replications done, rate, time left — so a
 * cluster log shows a shard is alive without filling up. `--quiet` silences both.
 */
export interface ProgressOptions {
  /** Whether stderr is a terminal (default: process.stderr.isTTY). */
  isTTY?: boolean;
  /** Seconds since some fixed moment (default: the process's monotonic clock). */
  now?: () => number;
  write?: (text: string) => void;
  /** Least time between two log lines when stderr is not a terminal. */
  intervalSeconds?: number;
}

const monotonicSeconds = () => Number(process.hrtime.bigint()) / 1e9;

/** "42 s", "7 min", "2.5 h": a duration as people read it in a log. */
export function roughDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "unknown";
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export class Progress {
  private readonly enabled: boolean;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly write: (text: string) => void;
  private readonly interval: number;
  private readonly started: number;
  private lastLine: number;
  private shown = false;

  constructor(private readonly label: string, wanted: boolean, options: ProgressOptions = {}) {
    this.tty = options.isTTY ?? process.stderr.isTTY === true;
    this.enabled = wanted;
    this.now = options.now ?? monotonicSeconds;
    this.write = options.write ?? ((text) => process.stderr.write(text));
    this.interval = options.intervalSeconds ?? 10;
    this.started = this.now();
    this.lastLine = this.started;
  }

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const seconds = this.now() - this.started;
    if (this.tty) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      this.write(`\r${this.label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} replications, ${seconds.toFixed(1)} s`);
      this.shown = true;
      return;
    }
    if (this.now() - this.lastLine < this.interval || done >= total) return;
    this.lastLine = this.now();
    const rate = done / Math.max(seconds, 1e-9);
    this.write(`ccsim: ${this.label}: ${done}/${total} replications, ${rate.toFixed(rate < 10 ? 2 : 1)}/s, about ${roughDuration((total - done) / rate)} left\n`);
  }

  done(): void {
    if (this.shown) this.write("\r\x1b[K");
  }
}
