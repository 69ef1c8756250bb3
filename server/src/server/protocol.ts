// Custom messages between the AI Preflight server and its clients. Plain strings and engine types only,
// so the VS Code client can import this file without pulling in the server.
import type { Finding, ScanResult } from '../engine/types';

export const SOURCE = 'AI Preflight';

/** Request: the last scan of every workspace folder. */
export const ScanResultRequest = 'aiPreflight/scanResult';
/** Request: re-scan (one folder or all) and answer with the fresh results. */
export const RescanRequest = 'aiPreflight/rescan';
/**
 * Request: the code-level findings of a notebook's unsaved cells. `text` is .ipynb JSON the client built
 * from the cells; findings are at its 1-based lines and 0-based columns.
 */
export const CheckNotebookRequest = 'aiPreflight/checkNotebook';
/** Notification server → client after each folder scan. */
export const DidScanNotification = 'aiPreflight/didScan';

/** Server-side commands (executeCommandProvider). Distinct from the client's palette commands. */
export const ApplyScaffoldCommand = 'aiPreflight.applyScaffold';
export const OpenDocsCommand = 'aiPreflight.openDocs';

export const FixAllKind = 'source.fixAll.aiPreflight';

export interface FolderScan {
  /** Workspace folder URI. */
  uri: string;
  name: string;
  /** Null when disabled, not yet scanned, or the scan failed. */
  result: ScanResult | null;
  /** Why the scan failed, when it did. */
  error?: string;
  /** Check ids that have a scaffold (so clients can offer "Scaffold" on absent ones). */
  fixableChecks?: string[];
  /**
   * didScan only: the findings are the same as in this folder's previous didScan, so `result.findings` is
   * sent empty and the client keeps the ones it has (a file event on a big repository re-sends ~3 MB otherwise).
   */
  findingsUnchanged?: true;
}

export interface ScanResultResponse { folders: FolderScan[] }
export interface RescanParams { folderUri?: string }
export type DidScanParams = FolderScan;
export interface CheckNotebookParams {
  /** file:// URI of the .ipynb. */
  uri: string;
  /** A complete .ipynb JSON text built from the notebook's current cells. */
  text: string;
}
export interface CheckNotebookResult { findings: Finding[] }

export interface ApplyScaffoldArgs {
  folder: string;
  projectRoot: string;
  checkIds: string[];
}
export interface ApplyScaffoldResult {
  applied: boolean;
  /** URIs of created files. */
  created: string[];
  skipped: { checkId: string; reason: string }[];
}

/** Options the client passes in `initialize`. */
export interface InitializationOptions {
  /** VS Code Workspace Trust; absent (standalone editors) counts as trusted. */
  trusted?: boolean;
}

/** `aiPreflight` settings section. */
export interface FolderSettings {
  enable: boolean;
  stage: 'poc' | 'pilot' | 'production' | null;
  rules: Record<string, 'off' | 'info' | 'warning' | 'error'>;
  exclude: string[];
}

/** Data carried on each diagnostic so code actions need no lookup. */
export type DiagnosticData =
  | { kind: 'check'; folder: string; projectRoot: string; checkId: string; fixable: boolean; docsUrl: string; title: string }
  | { kind: 'finding'; ruleId: string; fixTitle?: string; fixEdits?: { range: LspRange; newText: string }[] }
  | { kind: 'config' };

export interface LspRange { start: { line: number; character: number }; end: { line: number; character: number } }
