// Re-checks open documents while the user types: at once when the document is quiet, else once more right
// after the running check; results replace only that document's code-level diagnostics.
import { checkDocument } from '../engine/scan';
import { findingToDiagnostic } from './diagnostics';
import type { DiagnosticStore } from './diagnosticStore';
import type { FolderScanner } from './folderScanner';
import { isCheckedFile, relativeInside, uriToPath } from './paths';

/**
 * Per document: the newest version to check, whether a check is running, and whether an edit arrived while it
 * ran (then one more check follows it, on the newest text).
 */
interface Pending { timer?: NodeJS.Timeout; controller?: AbortController; version: number; running?: boolean; again?: boolean }

export class DocumentChecker {
  private readonly pending = new Map<string, Pending>();
  /**
   * Documents edited before their folder had a scan result with an AI project: checked again when a scan
   * finishes. A scan reads open documents as they are when it starts, so without this an edit made while the
   * first scan of a big folder ran (seconds) showed nothing until the next keystroke.
   */
  private readonly waiting = new Map<string, () => string | undefined>();

  constructor(
    private readonly scanner: FolderScanner,
    private readonly store: DiagnosticStore,
    private readonly trusted: () => boolean,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Called on every edit; `getText` is read when the check starts so the newest text is checked. An edit on
   * a quiet document is checked at once (its latency is the check's own time); edits that arrive while a
   * check runs coalesce into one more check right after it, so a burst never queues more than one.
   */
  changed(uri: string, version: number, getText: () => string | undefined): void {
    const fsPath = uriToPath(uri);
    if (!fsPath || !isCheckedFile(fsPath)) return;
    const entry = this.pending.get(uri) ?? { version };
    entry.version = version;
    this.pending.set(uri, entry);
    if (entry.running) {
      entry.again = true;
      return;
    }
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => { void this.run(uri, fsPath, getText); }, 0);
  }

  /** A folder scan finished: check the documents whose edits came before any result could say what they are. */
  scanned(): void {
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const [uri, getText] of waiting) {
      const entry = this.pending.get(uri);
      if (entry) this.changed(uri, entry.version, getText);
    }
  }

  /** The document closed: drop its live findings; the folder's scan shows the disk state again. */
  closed(uri: string): boolean {
    this.waiting.delete(uri);
    const entry = this.pending.get(uri);
    clearTimeout(entry?.timer);
    entry?.controller?.abort();
    this.pending.delete(uri);
    const hadLive = this.store.hasLive(uri);
    this.store.setLive(uri, undefined);
    return hadLive;
  }

  private async run(uri: string, fsPath: string, getText: () => string | undefined): Promise<void> {
    const entry = this.pending.get(uri);
    if (!entry) return;
    entry.timer = undefined;
    entry.running = true;
    entry.again = false;
    try {
      await this.check(entry, uri, fsPath, entry.version, getText);
    } finally {
      entry.running = false;
    }
    if (entry.again && this.pending.get(uri) === entry) {
      entry.again = false;
      entry.timer = setTimeout(() => { void this.run(uri, fsPath, getText); }, 0);
    }
  }

  private async check(entry: Pending, uri: string, fsPath: string, version: number, getText: () => string | undefined): Promise<void> {
    const folder = this.scanner.folderOf(fsPath);
    const text = getText();
    const rel = folder && relativeInside(folder.fsPath, fsPath);
    if (!folder || !rel || text === undefined) return;
    const last = this.scanner.lastResult(folder.uri);
    // Only AI projects get diagnostics; until a scan of the folder says so, stay silent (and check again then).
    if (!last || last.projects.length === 0) {
      this.waiting.set(uri, getText);
      return;
    }
    const settings = this.scanner.lastSettings(folder.uri);
    const controller = new AbortController();
    entry.controller = controller;
    try {
      const findings = await checkDocument(folder.fsPath, rel, text, {
        stage: settings?.stage ?? undefined,
        trusted: this.trusted(),
        ruleLevels: settings?.rules,
        exclude: settings?.exclude,
        signal: controller.signal,
      });
      if (controller.signal.aborted || this.pending.get(uri) !== entry || entry.version !== version) return;
      this.store.setLive(uri, findings.map(findingToDiagnostic));
    } catch (err) {
      if (controller.signal.aborted) return;
      this.log(`checking ${rel} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
