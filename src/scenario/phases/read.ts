/**
 * Phase 1, read: a file's bytes → text. Refuses what is missing, unreadable, larger than its
 * limit (checked by size before reading) or not UTF-8 (located at the first bad byte).
 */
import { isUtf8 } from "node:buffer";
import { resolve } from "node:path";
import { LIMITS, TEXT } from "../messages.js";
import type { LoadContext, Loc, Path, Position } from "./context.js";
import { foundText } from "./locate.js";

/** The text of a file, or undefined after reporting why not; `at` is where the file is named. */
export function read(ctx: LoadContext, file: string, limit: number, at: Loc | undefined, path: Path, relativeTo?: string): string | undefined {
  const bytes = readBytes(ctx, file, limit, at, path, relativeTo);
  return bytes === undefined ? undefined : new TextDecoder("utf-8").decode(bytes);
}

/**
 * The bytes of a file, checked to be UTF-8 without decoding them (a data file is read from its
 * bytes, so that a 200 MB CSV does not also become a 200 MB string), or undefined after reporting.
 */
export function readBytes(ctx: LoadContext, file: string, limit: number, at: Loc | undefined, path: Path, relativeTo?: string): Uint8Array | undefined {
  const where: Position = at ?? { file, line: 1, column: 1 };
  const notFound = () =>
    ctx.emit("file-not-found", where, path, {
      message: TEXT.fileNotFound(file),
      found: at ? foundText(at, file) : undefined,
      hint: TEXT.fileNotFoundHint(resolve(file), relativeTo),
    });
  let bytes: Uint8Array;
  try {
    if (ctx.host.exists && !ctx.host.exists(file)) {
      notFound();
      return undefined;
    }
    const kind = ctx.host.kind?.(file);
    if (kind !== undefined && kind !== "file") {
      ctx.emit("file-unreadable", where, path, { message: TEXT.fileUnreadable(file, kind === "directory" ? TEXT.directory : TEXT.notRegularFile) });
      return undefined;
    }
    const size = ctx.host.size?.(file);
    if (size !== undefined && size > limit) {
      tooLarge(ctx, file, size, limit, path);
      return undefined;
    }
    bytes = ctx.host.readFile(file);
  } catch (e) {
    const code = (e as { code?: unknown })?.code;
    if (code === "ENOENT") notFound();
    else {
      ctx.emit("file-unreadable", where, path, {
        message: TEXT.fileUnreadable(file, code === "EISDIR" ? TEXT.directory : e instanceof Error ? e.message : String(e)),
      });
    }
    return undefined;
  }
  ctx.files.push(file);
  if (bytes.length > limit) {
    tooLarge(ctx, file, bytes.length, limit, path);
    return undefined;
  }
  if (isUtf8(bytes)) return bytes;
  const offset = Math.max(0, firstInvalidUtf8(bytes));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset)).replace(/^\uFEFF/, "");
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  ctx.emit("not-utf8", { file, line, column: before.length + 1 }, path, {
    message: TEXT.notUtf8(file),
    found: TEXT.notUtf8Found(bytes[offset] ?? 0),
    expected: "UTF-8 text",
    hint: TEXT.notUtf8Hint(utf16),
  });
  return undefined;
}

export function tooLarge(ctx: LoadContext, file: string, size: number, limit: number, path: Path): void {
  ctx.emit("file-too-large", { file, line: 1, column: 1 }, path, {
    message: TEXT.fileTooLarge(file, size, limit),
    hint: TEXT.fileTooLargeHint(limit === LIMITS.csvBytes),
  });
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
