// Holds every diagnostic we own and publishes only the URIs whose set changed.
// Per URI: project-level ones from each folder's last scan, plus code-level ones, where the fresh
// findings of an open, edited document replace what the scan saw on disk.
import type { Diagnostic } from 'vscode-languageserver';
import type { ScanDiagnostics } from './diagnostics';

export type Publish = (uri: string, diagnostics: Diagnostic[]) => void;

export class DiagnosticStore {
  private readonly scans = new Map<string, ScanDiagnostics>();
  /** Findings from `checkDocument` on unsaved text, by document URI. */
  private readonly live = new Map<string, Diagnostic[]>();
  /** What was last published per URI: the diagnostics, and their JSON once it had to be computed. */
  private readonly published = new Map<string, { diags: Diagnostic[]; json?: string }>();

  constructor(private readonly publish: Publish) {}

  setScan(folderUri: string, diags: ScanDiagnostics | undefined): void {
    const before = this.urisOf(folderUri);
    if (diags) this.scans.set(folderUri, diags); else this.scans.delete(folderUri);
    this.flush(new Set([...before, ...this.urisOf(folderUri)]));
  }

  setLive(uri: string, diags: Diagnostic[] | undefined): void {
    if (diags) this.live.set(uri, diags); else this.live.delete(uri);
    this.flush(new Set([uri]));
  }

  hasLive(uri: string): boolean { return this.live.has(uri); }

  /** Everything currently shown for a URI (used by code actions and fix-all). */
  get(uri: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const scan of this.scans.values()) out.push(...(scan.project.get(uri) ?? []));
    const live = this.live.get(uri);
    if (live) out.push(...live);
    else for (const scan of this.scans.values()) out.push(...(scan.findings.get(uri) ?? []));
    return out;
  }

  private urisOf(folderUri: string): string[] {
    const scan = this.scans.get(folderUri);
    return scan ? [...scan.project.keys(), ...scan.findings.keys()] : [];
  }

  private flush(uris: Set<string>): void {
    for (const uri of uris) {
      const diags = this.get(uri);
      if (diags.length === 0) {
        // Clear only what we published before; never send empty sets for URIs we never touched.
        if (this.published.has(uri)) { this.published.delete(uri); this.publish(uri, []); }
        continue;
      }
      const before = this.published.get(uri);
      if (before && sameDiagnostics(before, diags)) continue;
      this.published.set(uri, { diags });
      this.publish(uri, diags);
    }
  }
}

/**
 * Unchanged when it is the same diagnostic objects (scans reuse them for unchanged findings: the cheap,
 * common case of a file event), else when the JSON is equal (a live re-check that found the same things).
 */
function sameDiagnostics(before: { diags: Diagnostic[]; json?: string }, diags: Diagnostic[]): boolean {
  if (before.diags.length === diags.length && before.diags.every((d, i) => d === diags[i])) return true;
  before.json ??= JSON.stringify(before.diags);
  return before.json === JSON.stringify(diags);
}
