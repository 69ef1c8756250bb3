// Per-file results (imports, code findings, secrets) kept across scans of one folder and reused while the
// file's size and mtime are unchanged: an editor re-scan after one file event recomputes one file, not all.
// Unsaved editor text (overlays) is never cached.
import type { FileStore } from './fileStore';

interface Entry { size: number; mtimeMs: number; values: Map<string, unknown> }

export class FileResultCache {
  private readonly entries = new Map<string, Entry>();

  /** Drops entries of files that are gone or changed; call once per scan with its store. */
  sync(store: FileStore): void {
    for (const [rel, e] of this.entries) {
      const f = store.fileInfo(rel);
      if (!f || f.size !== e.size || f.mtimeMs !== e.mtimeMs) this.entries.delete(rel);
    }
  }

  /** Drops the entries of these files only (a scan after file events: everything else is unchanged). */
  forget(rels: Iterable<string>): void {
    for (const rel of rels) this.entries.delete(rel);
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
    return value;
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
