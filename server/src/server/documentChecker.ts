// Re-checks open documents while the user types: debounced per document, stale runs aborted,
// results replace only that document's code-level diagnostics.
import { checkDocument } from '../engine/scan';
import { findingToDiagnostic } from './diagnostics';
import type { DiagnosticStore } from './diagnosticStore';
import type { FolderScanner } from './folderScanner';
import { isCheckedFile, relativeInside, uriToPath } from './paths';

/** `lastMs`: how long this document's last check took; the debounce never waits longer than that. */
interface Pending { timer?: NodeJS.Timeout; controller?: AbortController; version: number; lastMs?: number }

export class DocumentChecker {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly scanner: FolderScanner,
    private readonly store: DiagnosticStore,
    private readonly trusted: () => boolean,
    private readonly log: (message: string) => void,
    private readonly delayMs = 150,
  ) {}

  /** Called on every edit; `getText` is read when the debounce fires so the newest text is checked. */
  changed(uri: string, version: number, getText: () => string | undefined): void {
    const fsPath = uriToPath(uri);
    if (!fsPath || !isCheckedFile(fsPath)) return;
    const entry = this.pending.get(uri) ?? { version };
    clearTimeout(entry.timer);
    entry.controller?.abort();
    entry.controller = undefined;
    entry.version = version;
    // A check that takes 3 ms runs at once (instant feedback); a slow one coalesces a burst of keystrokes.
    entry.timer = setTimeout(() => { void this.run(uri, fsPath, version, getText); }, Math.min(this.delayMs, entry.lastMs ?? 0));
    this.pending.set(uri, entry);
  }

  /** The document closed: drop its live findings; the folder's scan shows the disk state again. */
  closed(uri: string): boolean {
    const entry = this.pending.get(uri);
    clearTimeout(entry?.timer);
    entry?.controller?.abort();
    this.pending.delete(uri);
    const hadLive = this.store.hasLive(uri);
    this.store.setLive(uri, undefined);
    return hadLive;
  }

  private async run(uri: string, fsPath: string, version: number, getText: () => string | undefined): Promise<void> {
    const entry = this.pending.get(uri);
    if (!entry || entry.version !== version) return;
    entry.timer = undefined;
    const folder = this.scanner.folderOf(fsPath);
    const text = getText();
    const rel = folder && relativeInside(folder.fsPath, fsPath);
    if (!folder || !rel || text === undefined) return;
    const last = this.scanner.lastResult(folder.uri);
    // Only AI projects get diagnostics; until the folder's first scan says so, stay silent.
    if (!last || last.projects.length === 0) return;
    const settings = this.scanner.lastSettings(folder.uri);
    const controller = new AbortController();
    entry.controller = controller;
    const started = Date.now();
    try {
      const findings = await checkDocument(folder.fsPath, rel, text, {
        stage: settings?.stage ?? undefined,
        trusted: this.trusted(),
        ruleLevels: settings?.rules,
        exclude: settings?.exclude,
        signal: controller.signal,
      });
      entry.lastMs = Date.now() - started;
      if (controller.signal.aborted || this.pending.get(uri) !== entry || entry.version !== version) return;
      this.store.setLive(uri, findings.map(findingToDiagnostic));
    } catch (err) {
      if (controller.signal.aborted) return;
      this.log(`checking ${rel} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
