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
  private readonly published = new Map<string, string>();

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
      const key = JSON.stringify(diags);
      if (diags.length === 0) {
        // Clear only what we published before; never send empty sets for URIs we never touched.
        if (this.published.has(uri)) { this.published.delete(uri); this.publish(uri, []); }
        continue;
      }
      if (this.published.get(uri) === key) continue;
      this.published.set(uri, key);
      this.publish(uri, diags);
    }
  }
}
