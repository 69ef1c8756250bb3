// Custom messages between the AI Preflight server and its clients. Plain strings and engine types only,
// so the VS Code client can import this file without pulling in the server.
import type { Finding, ScanResult, Severity } from '../engine/types';

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
/**
 * Request: the findings of one notebook cell as the editor holds it now, with their quick fixes in cell
 * coordinates (VS Code's notebook editor asks for them to offer code actions on a cell).
 */
export const CheckCellRequest = 'aiPreflight/checkCell';
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
  /**
   * didScan only: the roots of all the folder's projects, in order, when `result.projects` holds only the
   * projects that changed since this folder's previous didScan (the client keeps the others). A file event on
   * a 40-project repository re-sends ~400 KB of unchanged projects otherwise, and encoding them holds up the
   * server's next event.
   */
  projectRoots?: string[];
  /**
   * didScan only: `result.findings` is sent empty and the findings are these runs, in order: spans of the
   * previous didScan's findings (by index) and new findings. After a file event most findings are the same.
   */
  findingsPatch?: FindingsRun[];
}

/** Part of a findings patch: `keep` [start, count] of the previous findings, or findings to `add`. */
export type FindingsRun = { keep: [number, number] } | { add: Finding[] };

/** The runs that turn `before` into `now`, matching findings by identity (the engine re-uses unchanged ones). */
export function findingsPatchOf(before: Finding[], now: Finding[]): { runs: FindingsRun[]; added: number } {
  const index = new Map(before.map((f, i) => [f, i]));
  const runs: FindingsRun[] = [];
  let added = 0;
  for (const f of now) {
    const i = index.get(f);
    const last = runs[runs.length - 1];
    if (i !== undefined) {
      if (last && 'keep' in last && last.keep[0] + last.keep[1] === i) last.keep[1]++;
      else runs.push({ keep: [i, 1] });
    } else {
      added++;
      if (last && 'add' in last) last.add.push(f);
      else runs.push({ add: [f] });
    }
  }
  return { runs, added };
}

function applyFindingsPatch(before: Finding[], runs: FindingsRun[]): Finding[] | undefined {
  const out: Finding[] = [];
  for (const run of runs) {
    if ('add' in run) {
      out.push(...run.add);
      continue;
    }
    const [start, count] = run.keep;
    if (!(start >= 0 && count >= 0 && start + count <= before.length)) return undefined;
    for (let i = start; i < start + count; i++) out.push(before[i]);
  }
  return out;
}

/**
 * The whole folder scan a didScan stands for, from the client's previous copy of that folder's result (what
 * every client of didScan must do). Undefined when a part left out is missing from `previous`: the client
 * then asks for the full results (ScanResultRequest).
 */
export function applyDidScan(scan: FolderScan, previous: ScanResult | null | undefined): FolderScan | undefined {
  const { findingsUnchanged, projectRoots, findingsPatch, ...rest } = scan;
  let result = scan.result;
  if (!result || (!findingsUnchanged && !projectRoots && !findingsPatch)) return rest;
  if (!previous) return undefined;
  if (findingsUnchanged) result = { ...result, findings: previous.findings };
  if (findingsPatch) {
    const findings = applyFindingsPatch(previous.findings, findingsPatch);
    if (!findings) return undefined;
    result = { ...result, findings };
  }
  if (projectRoots) {
    const sent = new Map(result.projects.map((p) => [p.root, p]));
    const before = new Map(previous.projects.map((p) => [p.root, p]));
    const projects = [];
    for (const root of projectRoots) {
      const project = sent.get(root) ?? before.get(root);
      if (!project) return undefined;
      projects.push(project);
    }
    result = { ...result, projects };
  }
  return { ...rest, result };
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
export interface CheckCellParams {
  /** file:// URI of the .ipynb: its folder, project, stage and config apply. */
  uri: string;
  /**
   * The source of each Python code cell of the notebook as the editor holds it, in notebook order, lines joined
   * with '\n'. They are checked together as one module, as a scan checks the notebook's code cells.
   */
  cells: string[];
  /** Index in `cells` of the cell whose findings are wanted. */
  cell: number;
}
/** An edit of one cell: `cell` indexes CheckCellParams.cells; range in that cell (0-based). */
export interface CellEdit { cell: number; range: LspRange; newText: string }
export interface CellFinding {
  ruleId: string;
  severity: Severity;
  /** As on the file: a secret appears masked, never in full. */
  message: string;
  /** In the requested cell, 0-based. */
  range: LspRange;
  docsUrl?: string;
  /** The rule's quick fix; its edits may touch another cell (an `import os` goes into the first code cell). */
  fix?: {
    title: string;
    edits: CellEdit[];
    /** Secrets: the environment variable the fix reads. */
    envVar?: string;
    /** Secrets: where that name (never a value) goes in .env.example; `create` when the file is to be made. */
    envExample?: { uri: string; path: string; create: boolean; at: { line: number; character: number }; text: string };
  };
}
export interface CheckCellResult { findings: CellFinding[] }

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
  /**
   * A folder (absolute path) where the server may keep each workspace folder's per-file results between
   * sessions, so opening the workspace again re-reads only what changed (VS Code: the extension's workspace
   * storage). Absent: nothing is kept.
   */
  cacheDir?: string;
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
  /** `fixInBulk`: the fix is safe without a human looking at it, so `source.fixAll.aiPreflight` carries it. */
  | { kind: 'finding'; ruleId: string; fixTitle?: string; fixEdits?: { range: LspRange; newText: string }[]; fixInBulk?: true; envVar?: string }
  | { kind: 'config' };

export interface LspRange { start: { line: number; character: number }; end: { line: number; character: number } }
