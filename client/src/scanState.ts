// The client's copy of the server's latest scan per workspace folder; views subscribe to changes.
import * as vscode from 'vscode';
import type { CheckResult, Project } from '../../server/src/engine/types';
import { applyDidScan, type FolderScan } from '../../server/src/server/protocol';

export interface ProjectRef { folder: FolderScan; project: Project }
export interface CheckRef extends ProjectRef { check: CheckResult }

export class ScanState implements vscode.Disposable {
  private readonly folders = new Map<string, FolderScan>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  /** True once the server has answered at least once (before that, views say "scanning"). */
  ready = false;

  /** Applies a didScan; false when it leaves out parts this copy lacks (then fetch the full results). */
  update(scan: FolderScan): boolean {
    const whole = applyDidScan(scan, this.folders.get(scan.uri)?.result);
    if (!whole) return false;
    this.folders.set(scan.uri, whole);
    this.ready = true;
    this.emitter.fire();
    return true;
  }

  replaceAll(scans: FolderScan[]): void {
    this.folders.clear();
    for (const s of scans) this.folders.set(s.uri, s);
    this.ready = true;
    this.emitter.fire();
  }

  all(): FolderScan[] { return [...this.folders.values()]; }
  get(uri: string): FolderScan | undefined { return this.folders.get(uri); }

  projects(): ProjectRef[] {
    return this.all().flatMap((folder) => (folder.result?.projects ?? []).map((project) => ({ folder, project })));
  }

  /** Failing checks that have a scaffold, across every project. */
  scaffoldable(): CheckRef[] {
    return this.projects().flatMap((ref) => ref.project.checks
      .filter((c) => isScaffoldable(ref.folder, c))
      .map((check) => ({ ...ref, check })));
  }

  dispose(): void { this.emitter.dispose(); }
}

export function isScaffoldable(folder: FolderScan, check: CheckResult): boolean {
  return check.status === 'fail' && check.state === 'absent' && !check.custom && !!folder.fixableChecks?.includes(check.id);
}

/** Checks failing at error level: what blocks the declared stage. */
export function blockingCount(project: Project): number {
  return project.checks.filter((c) => c.status === 'fail' && c.level === 'error').length;
}
