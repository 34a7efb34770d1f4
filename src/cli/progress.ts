/** A one-line progress bar on stderr, shown only when stderr is a terminal. */
export class Progress {
  private readonly enabled: boolean;
  private readonly started = process.hrtime.bigint();
  private shown = false;

  constructor(private readonly label: string, wanted: boolean) {
    this.enabled = wanted && process.stderr.isTTY === true;
  }

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const width = 24;
    const filled = Math.round((done / total) * width);
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    process.stderr.write(`\r${this.label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} replications, ${seconds.toFixed(1)} s`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) process.stderr.write("\r\x1b[K");
  }
}
