/** File output that never leaves a half-written file: write a temporary file, then rename. */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join, basename } from "node:path";

export function writeFileAtomic(path: string, text: string): void {
  writeBytesAtomic(path, Buffer.from(text, "utf8"));
}

/** A buffered line writer to a temporary file that becomes `path` only on `commit()`. */
export class AtomicLineWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = openSync(this.tmp, "w");
  }

  write(line: string): void {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer.length) writeSync(this.fd, this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
  }

  commit(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }

  discard(): void {
    closeSync(this.fd);
    rmSync(this.tmp, { force: true });
  }
}

/** True when the directory exists and has files in it. */
export function isNonEmptyDir(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}

/** Like writeFileAtomic, for bytes. */
export function writeBytesAtomic(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
