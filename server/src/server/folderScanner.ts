// Scans workspace folders: the first scan at start, then debounced re-scans on file events and settings
// changes. A newer scan aborts an older one; a late answer from a stale scan is dropped. File events are
// collected per folder and handed to the engine, which re-evaluates only what they can affect; settings
// changes, explicit re-scans and anything after a failed scan take the full path.
import * as path from 'path';
import { fixableChecks } from '../engine/fixes';
import { scan } from '../engine/scan';
import { persistScanResults, restoreScanResults } from '../engine/scanCache';
import type { Finding, Project, ScanResult } from '../engine/types';
import { diskLineLength, scanToDiagnostics } from './diagnostics';
import type { DiagnosticStore } from './diagnosticStore';
import { uriToPath } from './paths';
import { findingsPatchOf, type FolderScan, type FolderSettings } from './protocol';

export interface ScannerDeps {
  store: DiagnosticStore;
  settings: (folderUri: string) => Promise<FolderSettings>;
  trusted: boolean;
  /** Unsaved texts of open documents in a folder, by path relative to it. */
  overlays: (folder: Folder) => Map<string, string>;
  log: (message: string) => void;
  didScan: (scan: FolderScan) => void;
  /** Where per-file results are kept between sessions (InitializationOptions.cacheDir); undefined: nowhere. */
  cacheDir?: string;
}

export interface Folder { uri: string; name: string; fsPath: string }

interface FolderEntry {
  folder: Folder;
  result: ScanResult | null;
  error?: string;
  timer?: NodeJS.Timeout;
  controller?: AbortController;
  generation: number;
  /** The findings array of the last didScan sent in full (see FolderScan.findingsUnchanged). */
  sentFindings?: Finding[];
  /** The projects of the last didScan (see FolderScan.projectRoots). */
  sentProjects?: Project[];
  /** Settings used by the last completed scan (document checks reuse them). */
  settings?: FolderSettings;
  running?: Promise<void>;
  /** Changed paths (relative) waiting for the next scan; 'full' when it must start from scratch. */
  pending: Set<string> | 'full';
  /** What the running scan took from `pending`: handed back if a newer scan aborts it. */
  inFlight?: Set<string> | 'full';
  /** Files we expect to appear (scaffolds handed to the client), re-checked by every scan in case no event tells. */
  expected: Set<string>;
  /** The kept results are loaded before the folder's first scan, once. */
  restored?: boolean;
}

/**
 * Kept results are written this long after the last scan of a burst (and at shutdown): writing is ~0.2 s of
 * this thread for a 100,000-file folder, better spent when the user is not waiting for diagnostics.
 */
const PERSIST_DELAY_MS = 10_000;

const MAX_EXPECTED = 64;

function merged(a: Set<string> | 'full', b: Set<string> | 'full' | undefined): Set<string> | 'full' {
  if (a === 'full' || b === 'full') return 'full';
  return b ? new Set([...a, ...b]) : a;
}

export class FolderScanner {
  private readonly entries = new Map<string, FolderEntry>();
  private persistTimer?: NodeJS.Timeout;

  constructor(private readonly deps: ScannerDeps) {}

  addFolder(uri: string, name: string): Folder | undefined {
    const fsPath = uriToPath(uri);
    if (!fsPath) { this.deps.log(`ignoring non-file workspace folder ${uri}`); return undefined; }
    const folder = { uri, name, fsPath };
    this.entries.set(uri, { folder, result: null, generation: 0, pending: 'full', expected: new Set() });
    return folder;
  }

  removeFolder(uri: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.controller?.abort();
    this.entries.delete(uri);
    this.deps.store.setScan(uri, undefined);
  }

  folders(): Folder[] { return [...this.entries.values()].map((e) => e.folder); }

  /** The innermost folder containing a path (multi-root workspaces may nest). */
  folderOf(fsPath: string): Folder | undefined {
    let best: Folder | undefined;
    for (const { folder } of this.entries.values()) {
      const rel = path.relative(folder.fsPath, fsPath);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (!best || folder.fsPath.length > best.fsPath.length) best = folder;
    }
    return best;
  }

  lastResult(folderUri: string): ScanResult | null { return this.entries.get(folderUri)?.result ?? null; }
  lastSettings(folderUri: string): FolderSettings | undefined { return this.entries.get(folderUri)?.settings; }

  snapshot(): FolderScan[] {
    return [...this.entries.values()].map((e) => this.folderScan(e));
  }

  private folderScan(e: FolderEntry): FolderScan {
    return { uri: e.folder.uri, name: e.folder.name, result: e.result, fixableChecks: fixableChecks(), ...(e.error ? { error: e.error } : {}) };
  }

  /**
   * Scans a folder after `delayMs` (timers restart, so a burst makes one scan). `changedPaths` (relative to
   * the folder) lets the scan re-evaluate only what they affect; without it the scan starts from scratch.
   */
  schedule(folderUri: string, delayMs: number, changedPaths?: Iterable<string>): void {
    const entry = this.entries.get(folderUri);
    if (!entry) return;
    entry.pending = merged(entry.pending, changedPaths ? new Set(changedPaths) : 'full');
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => { entry.timer = undefined; void this.start(entry); }, delayMs);
  }

  /**
   * Paths (relative) that an edit we handed out will create: every following scan looks at them too, since a
   * client may report only some of the files an edit created (or none, without file watchers).
   */
  expect(folderUri: string, paths: string[]): void {
    const entry = this.entries.get(folderUri);
    if (!entry) return;
    for (const p of paths) entry.expected.add(p);
    for (const p of entry.expected) if (entry.expected.size > MAX_EXPECTED) entry.expected.delete(p);
  }

  scheduleAll(delayMs: number): void { for (const uri of this.entries.keys()) this.schedule(uri, delayMs); }

  /** Scans one folder now, from scratch; resolves when this scan (or a newer one that superseded it) is done. */
  async scanNow(folderUri: string, onProgress?: (message: string) => void): Promise<void> {
    const entry = this.entries.get(folderUri);
    if (!entry) return;
    entry.pending = 'full';
    await this.start(entry, onProgress);
  }

  private async start(entry: FolderEntry, onProgress?: (message: string) => void): Promise<void> {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.controller?.abort();
    // The aborted scan's changes were not taken in: this one takes them with its own.
    const changes = merged(entry.pending, entry.inFlight);
    entry.pending = new Set();
    entry.inFlight = changes;
    const controller = new AbortController();
    entry.controller = controller;
    const generation = ++entry.generation;
    const run = this.runScan(entry, generation, controller, changes === 'full' ? undefined : [...new Set([...changes, ...entry.expected])], onProgress);
    entry.running = run;
    await run;
  }

  async scanAll(onProgress?: (folder: Folder, message: string) => void): Promise<void> {
    await Promise.all(this.folders().map((f) => this.scanNow(f.uri, onProgress && ((m) => onProgress(f, m)))));
  }

  private async runScan(entry: FolderEntry, generation: number, controller: AbortController, changedPaths: string[] | undefined, onProgress?: (m: string) => void): Promise<void> {
    const { folder } = entry;
    const current = () => this.entries.get(folder.uri) === entry && entry.generation === generation;
    const started = Date.now();
    try {
      const settings = await this.deps.settings(folder.uri);
      if (!current()) return;
      if (!settings.enable) {
        // Events while off are not tracked: when it is on again, the scan starts from scratch.
        entry.inFlight = undefined;
        entry.pending = 'full';
        this.finish(entry, null, undefined, settings);
        return;
      }
      this.restoreOnce(entry);
      const result = await scan({
        root: folder.fsPath,
        stage: settings.stage ?? undefined,
        trusted: this.deps.trusted,
        ruleLevels: settings.rules,
        exclude: settings.exclude,
        overlays: this.deps.overlays(folder),
        signal: controller.signal,
        onProgress,
        changedPaths,
      });
      if (!current()) return;
      entry.inFlight = undefined;
      const how = changedPaths ? `after ${changedPaths.length} changed path(s)` : 'full';
      this.deps.log(`scanned ${folder.name} (${how}): ${result.projects.length} AI project(s), ${result.findings.length} finding(s) in ${Date.now() - started} ms`);
      this.finish(entry, result, undefined, settings);
      this.schedulePersist();
    } catch (err) {
      if (!current() || controller.signal.aborted) return;
      // Whatever the failed scan had taken in is unknown: the next one starts from scratch.
      entry.inFlight = undefined;
      entry.pending = 'full';
      const message = err instanceof Error ? err.message : String(err);
      this.deps.log(`scan of ${folder.name} failed: ${err instanceof Error && err.stack ? err.stack : message}`);
      this.finish(entry, null, message, entry.settings);
    }
  }

  private restoreOnce(entry: FolderEntry): void {
    if (entry.restored || !this.deps.cacheDir) return;
    entry.restored = true;
    const n = restoreScanResults(entry.folder.fsPath, this.deps.cacheDir);
    if (n) this.deps.log(`${entry.folder.name}: results of ${n} file(s) kept from the last session`);
  }

  private schedulePersist(): void {
    if (!this.deps.cacheDir) return;
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => this.persistAll(), PERSIST_DELAY_MS);
    this.persistTimer.unref();
  }

  /** Writes every folder's kept results now (after a burst of scans, and at shutdown); a failure is only logged. */
  persistAll(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    const dir = this.deps.cacheDir;
    if (!dir) return;
    for (const { folder, result } of this.entries.values()) {
      if (!result) continue;
      try {
        const n = persistScanResults(folder.fsPath, dir);
        if (n !== undefined) this.deps.log(`${folder.name}: kept the results of ${n} file(s) for the next session`);
      } catch (e) {
        this.deps.log(`${folder.name}: results not kept: ${(e as Error).message}`);
      }
    }
  }

  private finish(entry: FolderEntry, result: ScanResult | null, error: string | undefined, settings: FolderSettings | undefined): void {
    entry.result = result;
    entry.error = error;
    entry.settings = settings;
    const diags = result ? scanToDiagnostics(result, entry.folder.uri, diskLineLength()) : undefined;
    if (diags && result && result.projects.length === 0) {
      // A folder without an AI project stays silent, except for errors in its own .ai-preflight.yaml.
      diags.findings.clear();
      for (const [uri, list] of diags.project) {
        const kept = list.filter((d) => d.code === 'config-error');
        if (kept.length) diags.project.set(uri, kept); else diags.project.delete(uri);
      }
    }
    this.deps.store.setScan(entry.folder.uri, diags);
    this.deps.didScan(this.didScanOf(entry, result));
  }

  /**
   * The didScan for a finished scan: incremental scans hand back the same Finding and Project objects for
   * what nothing changed, and those are left out (see FolderScan.findingsUnchanged and projectRoots).
   */
  private didScanOf(entry: FolderEntry, result: ScanResult | null): FolderScan {
    const scan = this.folderScan(entry);
    const sent = { findings: entry.sentFindings, projects: entry.sentProjects };
    entry.sentFindings = result?.findings;
    entry.sentProjects = result?.projects;
    if (!result || !scan.result) return scan;
    const out: FolderScan = { ...scan, result: { ...scan.result } };
    if (sent.findings && sent.findings.length === result.findings.length && sent.findings.every((f, i) => f === result.findings[i])) {
      out.result!.findings = [];
      out.findingsUnchanged = true;
    } else if (sent.findings) {
      // Most findings are the same objects as last time: send where they sit, and only the new ones.
      const patch = findingsPatchOf(sent.findings, result.findings);
      if (patch.added < result.findings.length / 2) {
        out.result!.findings = [];
        out.findingsPatch = patch.runs;
      }
    }
    if (sent.projects) {
      const before = new Set(sent.projects);
      const changed = result.projects.filter((p) => !before.has(p));
      if (changed.length < result.projects.length) {
        out.result!.projects = changed;
        out.projectRoots = result.projects.map((p) => p.root);
      }
    }
    return out;
  }
}
