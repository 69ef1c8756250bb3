// Reads file contents for checks: lazily, once per scan, with size caps and binary detection.
// Contents are cached by size+mtime so an editor re-scan re-reads only what changed.
import * as fs from 'fs';
import * as path from 'path';
import type { Note } from '../types';
import type { CrawledFile } from './crawl';
import { extOf } from './paths';
import { errMsg } from './crawl';

/** Default cap for text files; notebooks get more because outputs are scanned for secrets. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const NOTEBOOK_MAX_BYTES = 16 * 1024 * 1024;

interface CacheEntry { size: number; mtimeMs: number; text: string | null; reason?: string }

/** More changed paths than this and a store builds its own index instead of layering on the previous one. */
const MAX_LAYERED_CHANGES = 1000;

export class FileStore {
  private readonly cache: Map<string, CacheEntry>;
  /** The listing by path: `base`, with `changed` paths (undefined = gone) taking precedence. */
  private readonly base: Map<string, CrawledFile>;
  private readonly changed = new Map<string, CrawledFile | undefined>();
  readonly notes: Note[] = [];
  private readonly noted = new Set<string>();
  /** Files read from disk (each counted once, also when a worker thread read it) and their bytes. */
  private readonly readSizes = new Map<string, number>();
  bytesRead = 0;

  /**
   * `previous`: the store of the folder's last scan, whose texts are re-used while a file's size and mtime
   * are the same. `changedPaths`: the paths that changed since (a scan after file events): the store then
   * layers on the previous one's index and shares its text cache instead of copying 100,000 entries.
   */
  constructor(
    readonly root: string,
    files: CrawledFile[],
    private readonly overlays: Map<string, string> = new Map(),
    private readonly maxBytes = DEFAULT_MAX_BYTES,
    previous?: FileStore,
    changedPaths?: ReadonlySet<string>,
  ) {
    if (previous && changedPaths && previous.changed.size + changedPaths.size <= MAX_LAYERED_CHANGES) {
      this.base = previous.base;
      for (const [rel, f] of previous.changed) this.changed.set(rel, f);
      for (const rel of changedPaths) this.changed.set(rel, undefined);
      for (const f of files) if (changedPaths.has(f.rel)) this.changed.set(f.rel, f);
      this.cache = previous.cache;
      for (const rel of changedPaths) this.cache.delete(rel);
      return;
    }
    this.base = new Map();
    for (const f of files) this.base.set(f.rel, f);
    this.cache = new Map();
    if (previous) {
      for (const [rel, entry] of previous.cache) {
        const f = this.base.get(rel);
        if (f && f.size === entry.size && f.mtimeMs === entry.mtimeMs) this.cache.set(rel, entry);
      }
    }
  }

  /** Size and mtime of a listed file. */
  fileInfo(rel: string): CrawledFile | undefined {
    return this.changed.size && this.changed.has(rel) ? this.changed.get(rel) : this.base.get(rel);
  }

  isOverlay(rel: string): boolean {
    return this.overlays.has(rel);
  }

  has(rel: string): boolean {
    return this.fileInfo(rel) !== undefined || this.overlays.has(rel);
  }

  /** UTF-8 text of a file, or null when it is too large, binary or unreadable (a note says why, once). */
  read(rel: string): string | null {
    const overlay = this.overlays.get(rel);
    if (overlay !== undefined) return overlay;
    const file = this.fileInfo(rel);
    if (!file) return null;
    const cached = this.cache.get(rel);
    if (cached && cached.size === file.size && cached.mtimeMs === file.mtimeMs) {
      // Entries carry over from the last scan's store; its notes do not, so a skipped file is noted again.
      if (cached.text === null && cached.reason) this.note(rel, cached.reason);
      return cached.text;
    }
    const entry = this.load(file);
    this.cache.set(rel, entry);
    if (entry.text === null && entry.reason) this.note(rel, entry.reason);
    return entry.text;
  }

  /** Drops a file's cached text (a batch store, once the file's values are computed: its text then dies young). */
  forget(rel: string): void {
    this.cache.delete(rel);
  }

  get filesRead(): number {
    return this.readSizes.size;
  }

  /** Files this store read from disk, with their sizes in bytes. */
  readFiles(): [string, number][] {
    return [...this.readSizes];
  }

  /** Counts and notes from reads done elsewhere (worker threads) for this store's files. */
  absorb(notes: Note[], read: [string, number][]): void {
    for (const [rel, bytes] of read) this.counted(rel, bytes);
    for (const n of notes) if (n.file) this.note(n.file, n.message);
  }

  private counted(rel: string, bytes: number): void {
    if (this.readSizes.has(rel)) return;
    this.readSizes.set(rel, bytes);
    this.bytesRead += bytes;
  }

  /** True when the file is too big to read (reading it yields null and a note). */
  overCap(file: CrawledFile): boolean {
    return file.size > this.capOf(file);
  }

  private capOf(file: CrawledFile): number {
    return extOf(file.rel) === '.ipynb' ? Math.max(this.maxBytes, NOTEBOOK_MAX_BYTES) : this.maxBytes;
  }

  private load(file: CrawledFile): CacheEntry {
    const cap = this.capOf(file);
    const base = { size: file.size, mtimeMs: file.mtimeMs };
    if (file.size > cap) return { ...base, text: null, reason: `not read: ${fmtBytes(file.size)} is over the ${fmtBytes(cap)} cap` };
    let buf: Buffer | undefined;
    try {
      buf = readUpTo(path.join(this.root, file.rel), file.size, cap);
    } catch (e) {
      return { ...base, text: null, reason: `not read: ${errMsg(e)}` };
    }
    if (!buf) return { ...base, text: null, reason: `not read: it grew over the ${fmtBytes(cap)} cap since it was listed` };
    this.counted(file.rel, buf.length);
    const utf16 = utf16Text(buf);
    if (utf16 !== undefined) return { ...base, text: utf16 };
    if (looksBinary(buf)) return { ...base, text: null };
    let text = buf.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ...base, text };
  }

  private note(rel: string, message: string): void {
    if (this.noted.has(rel)) return;
    this.noted.add(rel);
    this.notes.push({ kind: 'skipped', file: rel, message });
  }
}

// One read buffer per thread for the usual file (under the default cap), re-used from file to file: a scan reads
// ~20,000 files, and a fresh Buffer each (as readFileSync gives) is 100+ MB of short-lived external memory that
// only a garbage collection returns. Bigger files (notebooks) get a buffer of their own.
const SCRATCH_BYTES = DEFAULT_MAX_BYTES + 1;
let scratch: Buffer | undefined;

/**
 * The file's bytes, or undefined when it holds more than `cap` bytes (it may have grown since it was listed at
 * `listedSize`). The buffer may be the shared scratch buffer: use it before the next read. Reading stops at the
 * listed size, as readFileSync stops at fstat's, or at end of file.
 */
function readUpTo(abs: string, listedSize: number, cap: number): Buffer | undefined {
  const fd = fs.openSync(abs, 'r');
  try {
    let buf = listedSize < SCRATCH_BYTES ? (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES)) : Buffer.allocUnsafe(Math.min(cap, listedSize) + 1);
    let len = 0;
    for (;;) {
      if (len === buf.length) {
        if (len > cap) return undefined;
        const bigger = Buffer.allocUnsafe(Math.min(cap + 1, len * 2));
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, len, buf.length - len, null);
      len += n;
      if (n === 0 || len === listedSize) break;
    }
    return len > cap ? undefined : buf.subarray(0, len);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Text saved as UTF-16 with a byte-order mark (Windows PowerShell's `pip freeze > requirements.txt` writes
 * this), which the NUL test below would take for binary; undefined for anything else.
 */
function utf16Text(buf: Buffer): string | undefined {
  if (buf.length < 2 || buf.length % 2 !== 0) return undefined;
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.toString('utf16le', 2);
  if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  return undefined;
}

/** A NUL byte in the first 8 KiB: the heuristic git and ripgrep use. */
function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8192).indexOf(0) !== -1;
}

function fmtBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}
