// Per-file results (imports, code findings, secrets) kept across scans of one folder and reused while the
// file's size and mtime are unchanged: an editor re-scan after one file event recomputes one file, not all.
// Unsaved editor text (overlays) is never cached.
import type { FileStore } from './fileStore';

interface Entry { size: number; mtimeMs: number; values: Map<string, unknown> }

/** One file's values as plain data: path, size, mtime, value per kind (see persistentResults.ts). */
export type PlainEntry = [rel: string, size: number, mtimeMs: number, values: Record<string, unknown>];

export class FileResultCache {
  private readonly entries = new Map<string, Entry>();
  private dirty = true;

  /** Drops entries of files that are gone or changed; call once per scan with its store. */
  sync(store: FileStore): void {
    for (const [rel, e] of this.entries) {
      const f = store.fileInfo(rel);
      if (!f || f.size !== e.size || f.mtimeMs !== e.mtimeMs) {
        this.entries.delete(rel);
        this.dirty = true;
      }
    }
  }

  /** Drops the entries of these files only (a scan after file events: everything else is unchanged). */
  forget(rels: Iterable<string>): void {
    for (const rel of rels) if (this.entries.delete(rel)) this.dirty = true;
  }

  /** Files with cached values (after sync: values for the files as they are now). */
  get size(): number {
    return this.entries.size;
  }

  /** True when some value is cached for this file (after sync: for the file as it is now). */
  hasAny(rel: string): boolean {
    return this.entries.has(rel);
  }

  /** True when a value for this file (as it is now) is cached. */
  has(store: FileStore, rel: string, kind: string): boolean {
    const f = store.fileInfo(rel);
    const e = this.entries.get(rel);
    return !!f && !!e && e.size === f.size && e.mtimeMs === f.mtimeMs && e.values.has(kind);
  }

  /** Stores a value computed elsewhere (a worker thread) for the file as it is now; overlays are never cached. */
  set(store: FileStore, rel: string, kind: string, value: unknown): void {
    this.get(store, rel, kind, () => value);
  }

  get<T>(store: FileStore, rel: string, kind: string, compute: () => T): T {
    const f = store.fileInfo(rel);
    if (!f || store.isOverlay(rel)) return compute();
    let e = this.entries.get(rel);
    if (!e || e.size !== f.size || e.mtimeMs !== f.mtimeMs) this.entries.set(rel, (e = { size: f.size, mtimeMs: f.mtimeMs, values: new Map() }));
    if (e.values.has(kind)) return e.values.get(kind) as T;
    const value = compute();
    e.values.set(kind, value);
    this.dirty = true;
    return value;
  }

  /** Entries of files as `store` lists them now (size and mtime unchanged) that `keep` accepts, as plain data. */
  *plainEntries(store: FileStore, keep: (rel: string, size: number, mtimeMs: number) => boolean): Generator<PlainEntry> {
    for (const [rel, e] of this.entries) {
      const f = store.fileInfo(rel);
      if (!f || f.size !== e.size || f.mtimeMs !== e.mtimeMs || store.isOverlay(rel) || !keep(rel, e.size, e.mtimeMs)) continue;
      yield [rel, e.size, e.mtimeMs, Object.fromEntries(e.values)];
    }
  }

  /** False while the entries are exactly what `restore` or `markSaved` last saw: nothing new to save. */
  get changed(): boolean {
    return this.dirty;
  }

  markSaved(): void {
    this.dirty = false;
  }

  /** For a caller that added to a cached value in place. */
  markChanged(): void {
    this.dirty = true;
  }

  /**
   * Adds entries kept from an earlier process, under entries already here. Like any entry, each one is used only
   * while its file's size and mtime are what they were (checked on every look-up).
   */
  restore(entries: readonly PlainEntry[]): void {
    const fresh = this.entries.size === 0;
    for (const [rel, size, mtimeMs, values] of entries) {
      if (!this.entries.has(rel)) this.entries.set(rel, { size, mtimeMs, values: new Map(Object.entries(values)) });
    }
    // Restored into an empty cache, the entries are what is on disk.
    if (fresh && entries.length) this.dirty = false;
  }

  async getAsync<T>(store: FileStore, rel: string, kind: string, compute: () => Promise<T>): Promise<T> {
    const f = store.fileInfo(rel);
    if (!f || store.isOverlay(rel)) return compute();
    const e = this.entries.get(rel);
    if (e && e.size === f.size && e.mtimeMs === f.mtimeMs && e.values.has(kind)) return e.values.get(kind) as T;
    const value = await compute();
    return this.get(store, rel, kind, () => value);
  }
}
