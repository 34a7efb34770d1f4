/**
 * Output that is complete or absent. Every file is written to a temporary name — created with
 * O_EXCL and a random suffix, so nothing planted there (a symlink, another run's file) is ever
 * followed or overwritten — written in full (writeSync may write less than asked on a nearly full
 * disk), fsynced, and only then renamed into place. A result folder is built the same way as a
 * whole: in a fresh sibling directory, with manifest.json (names, sizes, SHA-256, ccsim version,
 * run id) written last, then moved into place with one rename. A full disk, a kill at any moment
 * or a concurrent run therefore leaves the previous complete folder or the new complete one.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
  chmodSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { VERSION } from "../report/results.js";
import { CliError, EXIT } from "./errors.js";

/** The name of the manifest every result folder ends with. */
export const MANIFEST = "manifest.json";

/** Who made a temporary name: stale ones (their process gone) may be removed by later runs. */
const OWNER = `${hostname().replace(/[^A-Za-z0-9_-]/g, "_")}-${process.pid}`;
const TEMP_MARK = ".ccsim-tmp-";
const ASIDE_MARK = ".ccsim-old-";

/** An I/O failure as one sentence naming the path, exit 3 (output not writable). */
export function outputError(path: string, e: unknown): CliError {
  if (e instanceof CliError) return e;
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOSPC: "the disk is full",
    EDQUOT: "the disk quota is exceeded",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "the file system is read-only",
    EISDIR: "it is a directory",
    ENOTDIR: "a part of the path is not a directory",
    EIO: "an input/output error",
  };
  const reason = (err?.code && why[err.code]) ?? err?.message ?? String(e);
  return new CliError(`ccsim: cannot write ${path}: ${reason}${err?.code && why[err.code] ? ` (${err.code})` : ""}; nothing was written there`, EXIT.output);
}

/** Writes every byte (a short write is retried from where it stopped; errors propagate). */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    const n = writeSync(fd, bytes, done, bytes.length - done);
    if (n <= 0) throw Object.assign(new Error("no bytes written"), { code: "EIO" });
    done += n;
  }
}

/** A fresh temporary file next to `path`, opened exclusively (never an existing file or symlink). */
function openTemp(path: string): { tmp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const tmp = join(dirname(path), `.${basename(path)}${TEMP_MARK}${OWNER}-${randomBytes(8).toString("hex")}`);
    try {
      return { tmp, fd: openSync(tmp, "wx", 0o666) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 8) throw e;
    }
  }
}

/** Flushes a directory entry (a rename inside it) to disk; not every file system allows it. */
function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be fsynced everywhere (some network file systems); the rename still happened.
  }
}

/**
 * Moves a finished temporary file to `path`. Without `replace`, an existing `path` is never
 * overwritten, even one that appeared meanwhile (a hard link fails if the name exists).
 */
function publishFile(tmp: string, path: string, replace: boolean): void {
  if (replace) return renameSync(tmp, path);
  try {
    linkSync(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new CliError(`ccsim: ${path} already exists (written by another run meanwhile?); use --force to overwrite it`, EXIT.output);
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EXDEV") throw e;
    // No hard links here (FAT, some network file systems): check, then rename.
    if (existsSync(path)) throw new CliError(`ccsim: ${path} already exists; use --force to overwrite it`, EXIT.output);
    return renameSync(tmp, path);
  }
  unlinkSync(tmp);
}

export interface WriteOptions {
  /** Replace an existing file (--force); otherwise an existing file is an error. Default true. */
  replace?: boolean;
}

/** Writes `path` completely or not at all. */
export function writeBytesAtomic(path: string, bytes: Uint8Array, options: WriteOptions = {}): void {
  let tmp: string | null = null;
  try {
    mkdirSync(dirname(path), { recursive: true });
    cleanStale(path);
    const opened = openTemp(path);
    tmp = opened.tmp;
    try {
      writeAll(opened.fd, bytes);
      fsyncSync(opened.fd);
    } finally {
      closeSync(opened.fd);
    }
    publishFile(tmp, path, options.replace ?? true);
    tmp = null;
    fsyncDir(dirname(path));
  } catch (e) {
    if (tmp) rmSync(tmp, { force: true });
    throw outputError(path, e);
  }
}

export function writeFileAtomic(path: string, text: string, options: WriteOptions = {}): void {
  writeBytesAtomic(path, Buffer.from(text, "utf8"), options);
}

/** Writes `path` completely or not at all, from text in pieces (written as they come, in writes of about 1 MB). */
export function writePartsAtomic(path: string, parts: Iterable<string>, options: WriteOptions = {}): void {
  const out = new AtomicLineWriter(path, options);
  try {
    for (const part of parts) out.write(part);
  } catch (e) {
    out.discard();
    throw e;
  }
  out.commit();
}

/** A buffered line writer to a temporary file that becomes `path` only on `commit()`. */
export class AtomicLineWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  private closed = false;

  constructor(private readonly path: string, private readonly options: WriteOptions = {}) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      cleanStale(path);
      ({ tmp: this.tmp, fd: this.fd } = openTemp(path));
    } catch (e) {
      throw outputError(path, e);
    }
  }

  write(line: string): void {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) this.flush();
  }

  /** Raw bytes, after any lines already written. */
  writeBytes(bytes: Uint8Array): void {
    this.flush();
    try {
      writeAll(this.fd, bytes);
    } catch (e) {
      this.discard();
      throw outputError(this.path, e);
    }
  }

  private flush(): void {
    try {
      if (this.buffer.length) writeAll(this.fd, Buffer.from(this.buffer.join(""), "utf8"));
    } catch (e) {
      this.discard();
      throw outputError(this.path, e);
    }
    this.buffer = [];
    this.size = 0;
  }

  commit(): void {
    this.flush();
    try {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.closed = true;
      publishFile(this.tmp, this.path, this.options.replace ?? true);
      fsyncDir(dirname(this.path));
    } catch (e) {
      this.discard();
      throw outputError(this.path, e);
    }
  }

  discard(): void {
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
    rmSync(this.tmp, { force: true });
  }
}

/** True when the directory exists and has files in it. */
export function isNonEmptyDir(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length > 0;
}

/** True when a process named by a temporary name's owner part is certainly gone (this host only). */
function ownerGone(name: string): boolean {
  const m = /\.ccsim-(?:tmp|old)-(.+)-(\d+)-[A-Za-z0-9]+$/.exec(name);
  if (!m || m[1] !== OWNER.replace(/-\d+$/, "")) return false;
  try {
    process.kill(Number(m[2]), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Tidies what killed runs left next to `target`: temporary files and folders of processes that are
 * gone are removed; a folder renamed aside by `--force` whose replacement never arrived is put back.
 * Names of live processes or other hosts are left alone (they are never read as results).
 */
export function cleanStale(target: string): void {
  const dir = dirname(resolve(target));
  const base = basename(resolve(target));
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`.${base}.ccsim-`) || !ownerGone(name)) continue;
    const path = join(dir, name);
    try {
      // A folder is renamed aside only once its replacement is complete, and deleted once that is
      // in place: an aside folder with no target is the previous result, interrupted between the two.
      if (name.includes(ASIDE_MARK) && !existsSync(target)) renameSync(path, target);
      else rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run is tidying the same name; leave it to that run.
    }
  }
}

export interface ManifestEntry {
  name: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: "ccsim.manifest/1";
  ccsim: string;
  runId: string;
  command: string;
  /** The `--set path=value` texts the results were computed with (absent when none). */
  set?: string[];
  files: ManifestEntry[];
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(relative(dir, p).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** The manifest of a finished folder: every file, its size and its SHA-256. */
export function manifestOf(dir: string, command: string, runId: string = randomUUID(), set: readonly string[] = []): Manifest {
  const files = filesUnder(dir)
    .filter((f) => f !== MANIFEST)
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      return { name, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
    });
  return { format: "ccsim.manifest/1", ccsim: VERSION, runId, command, ...(set.length ? { set: [...set] } : {}), files };
}

/** Why a folder is not a complete result, or null when its manifest matches every file. */
export function checkFolder(dir: string): string | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as Manifest;
  } catch {
    return `${join(dir, MANIFEST)} is missing or unreadable`;
  }
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const f of filesUnder(dir)) if (f !== MANIFEST && !listed.has(f)) return `${f} is not in the manifest`;
  for (const f of manifest.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, f.name));
    } catch {
      return `${f.name} is missing`;
    }
    if (bytes.length !== f.size || createHash("sha256").update(bytes).digest("hex") !== f.sha256) return `${f.name} does not match its checksum`;
  }
  return null;
}

export interface FolderOptions {
  /** Replace an existing folder whole (--force); otherwise only a missing or empty one is written. */
  force?: boolean;
  /** The command that wrote it, recorded in the manifest. */
  command: string;
  /** The --set texts it was computed with, recorded in the manifest. */
  set?: readonly string[];
}

/**
 * Builds a result folder: `build` writes its files into a fresh staging directory next to
 * `target`; then the manifest is written and the staging directory takes `target`'s name in one
 * rename. With `force`, the old folder is renamed aside first and deleted after. On any failure
 * the staging directory is removed and `target` is as it was.
 */
export function writeFolderAtomic(target: string, options: FolderOptions, build: (staging: string) => void): Manifest {
  const parent = dirname(resolve(target));
  const base = basename(resolve(target));
  let staging: string | null = null;
  try {
    mkdirSync(parent, { recursive: true });
    cleanStale(target);
    staging = mkdtempSync(join(parent, `.${base}${TEMP_MARK}${OWNER}-`));
    build(staging);
    const manifest = manifestOf(staging, options.command, undefined, options.set);
    writeFileAtomic(join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
    // mkdtemp makes the folder private (0700); a result folder gets the usual permissions.
    chmodSync(staging, 0o777 & ~process.umask());
    fsyncDir(staging);
    moveIntoPlace(staging, target, options.force === true);
    staging = null;
    fsyncDir(parent);
    return manifest;
  } catch (e) {
    if (staging) rmSync(staging, { recursive: true, force: true });
    // Name the file as the user will know it (inside --out), not its staging copy.
    if (staging && e instanceof CliError) throw new CliError(e.message.split(staging).join(target), e.exitCode);
    throw outputError(target, e);
  }
}

function moveIntoPlace(staging: string, target: string, force: boolean): void {
  for (let attempt = 0; ; attempt++) {
    try {
      // rename(2) onto a missing or empty directory succeeds; onto a non-empty one it fails.
      renameSync(staging, target);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST" && code !== "ENOTDIR") throw e;
      if (code === "ENOTDIR" || !lstatSync(target).isDirectory()) throw new CliError(`ccsim: --out ${target} is a file, not a directory; choose another --out`, EXIT.output);
      if (!force) throw new CliError(`ccsim: the output directory "${target}" already has files (written by another run meanwhile?); nothing was replaced; use --force to replace it, or choose another --out`, EXIT.output);
      if (attempt > 8) throw e;
      const aside = mkdtempSync(join(dirname(resolve(target)), `.${basename(resolve(target))}${ASIDE_MARK}${OWNER}-`));
      try {
        renameSync(target, aside);
      } catch (e2) {
        rmSync(aside, { recursive: true, force: true });
        // Another run moved it meanwhile: try again.
        if ((e2 as NodeJS.ErrnoException).code !== "ENOENT") throw e2;
        continue;
      }
      try {
        renameSync(staging, target);
      } catch (e3) {
        // Put the old folder back rather than leave nothing.
        try {
          renameSync(aside, target);
        } catch {
          // Another run's folder is in place now; the old one is removed with the rest.
        }
        rmSync(aside, { recursive: true, force: true });
        if (["ENOTEMPTY", "EEXIST"].includes((e3 as NodeJS.ErrnoException).code ?? "")) continue;
        throw e3;
      }
      rmSync(aside, { recursive: true, force: true });
      return;
    }
  }
}
