// The server publishes findings of an .ipynb on the file URI, at lines of the raw JSON. The
// notebook editor shows one text document per cell (vscode-notebook-cell: URIs), so those
// diagnostics would be invisible there: this mirrors each one onto its cell, at the line and
// columns inside the cell. The file-URI diagnostics stay as they are (Problems, CLI parity).
// The server only sees the saved file, so while a notebook has unsaved edits its cells are sent to the
// server as .ipynb JSON and the findings of that text are shown on the cells instead, until the next save.
import * as vscode from 'vscode';
import { notebookSourceMap, type CellRange, type NotebookSourceMap } from '../../server/src/engine/code/notebookMapping';
import type { Finding, Severity } from '../../server/src/engine/types';
import { SOURCE } from '../../server/src/server/protocol';

/** Asks the server for the findings of .ipynb JSON text standing for `uri`; undefined when it cannot answer. */
export type NotebookChecker = (uri: vscode.Uri, text: string) => Promise<readonly Finding[] | undefined>;

/** Cell edits arrive per keystroke; mapping again once they pause is enough. */
const REFRESH_DELAY_MS = 150;
/** Past this size the raw text is not read again on the client (the server caps what it reads too). */
const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;

const FINDING_SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

type CellDiagnostics = Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>;

const isNotebookFile = (uri: vscode.Uri): boolean => uri.scheme === 'file' && uri.path.toLowerCase().endsWith('.ipynb');

export class NotebookDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aiPreflightNotebook');
  /** The server's latest diagnostics per .ipynb file URI (string form). */
  private readonly fromServer = new Map<string, vscode.Diagnostic[]>();
  /** The cell URIs published per file, so a refresh clears the cells that lost their diagnostics. */
  private readonly publishedCells = new Map<string, vscode.Uri[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Bumped per refresh of a file, so a slow read cannot overwrite a newer result. */
  private readonly generations = new Map<string, number>();
  /** Findings of the unsaved cells per file, by cell; shown instead of the mirror while the notebook is dirty. */
  private readonly live = new Map<string, CellDiagnostics>();
  private readonly liveTimers = new Map<string, NodeJS.Timeout>();
  /** Bumped per live check (and on save/close), so a late answer cannot overwrite a newer state. */
  private readonly liveGenerations = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly checker?: NotebookChecker) {
    const schedule = (notebook: vscode.NotebookDocument): void => this.schedule(notebook.uri);
    const dropLive = (notebook: vscode.NotebookDocument): void => { this.dropLive(notebook.uri); schedule(notebook); };
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenNotebookDocument(schedule),
      vscode.workspace.onDidCloseNotebookDocument(dropLive),
      // After a save the server's findings of the file are current again: the mirror takes over.
      vscode.workspace.onDidSaveNotebookDocument(dropLive),
      vscode.workspace.onDidChangeNotebookDocument((e) => { schedule(e.notebook); this.scheduleLive(e.notebook); }),
      // A notebook document outlives its editor tab (onDidCloseNotebookDocument may never fire):
      // tabs opening and closing are what the user sees.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of [...e.opened, ...e.closed]) if (tab.input instanceof vscode.TabInputNotebook) this.schedule(tab.input.uri);
      }),
    ];
  }

  /** The server published `diagnostics` for `uri` (called from the client middleware). */
  update(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    if (!isNotebookFile(uri)) return;
    if (diagnostics.length) this.fromServer.set(uri.toString(), [...diagnostics]);
    else this.fromServer.delete(uri.toString());
    void this.refresh(uri);
  }

  /** Forgets everything (the server stopped; it publishes afresh when it starts again). */
  clear(): void {
    this.fromServer.clear();
    this.publishedCells.clear();
    for (const key of [...this.live.keys(), ...this.liveTimers.keys()]) this.dropLive(vscode.Uri.parse(key));
    this.collection.clear();
  }

  dispose(): void {
    for (const timer of [...this.timers.values(), ...this.liveTimers.values()]) clearTimeout(timer);
    this.timers.clear();
    this.liveTimers.clear();
    for (const d of this.subscriptions) d.dispose();
  }

  private schedule(uri: vscode.Uri): void {
    if (!isNotebookFile(uri)) return;
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.refresh(uri); }, REFRESH_DELAY_MS));
  }

  private scheduleLive(notebook: vscode.NotebookDocument): void {
    if (!this.checker || !isNotebookFile(notebook.uri)) return;
    const key = notebook.uri.toString();
    clearTimeout(this.liveTimers.get(key));
    this.liveTimers.set(key, setTimeout(() => { this.liveTimers.delete(key); void this.checkLive(notebook); }, REFRESH_DELAY_MS));
  }

  private dropLive(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.liveTimers.get(key));
    this.liveTimers.delete(key);
    this.liveGenerations.set(key, (this.liveGenerations.get(key) ?? 0) + 1);
    this.live.delete(key);
  }

  /** Checks the notebook's current cells on the server and shows those findings on the cells. */
  private async checkLive(notebook: vscode.NotebookDocument): Promise<void> {
    const uri = notebook.uri;
    const key = uri.toString();
    // Saved (or reverted): the server's findings of the file describe the cells again.
    if (notebook.isClosed || !notebook.isDirty || !isInATab(uri)) {
      if (this.live.has(key)) { this.dropLive(uri); void this.refresh(uri); }
      return;
    }
    const generation = (this.liveGenerations.get(key) ?? 0) + 1;
    this.liveGenerations.set(key, generation);
    const text = notebookJson(notebook);
    let findings: readonly Finding[] | undefined;
    try {
      findings = await this.checker!(uri, text);
    } catch {
      findings = undefined; // server stopped or restarting: keep what is shown
    }
    if (this.liveGenerations.get(key) !== generation || findings === undefined || notebook.isClosed || !notebook.isDirty) return;
    const map = notebookSourceMap(text);
    const byCell: CellDiagnostics = new Map();
    for (const f of map ? findings : []) {
      const range = map!.toCellRange({ line: f.line - 1, character: f.column }, { line: f.endLine - 1, character: f.endColumn });
      if (!range || range.cellIndex >= notebook.cellCount) continue;
      const cellUri = notebook.cellAt(range.cellIndex).document.uri;
      const entry = byCell.get(cellUri.toString()) ?? { uri: cellUri, diagnostics: [] };
      entry.diagnostics.push(findingOnCell(f, range));
      byCell.set(cellUri.toString(), entry);
    }
    this.live.set(key, byCell);
    await this.refresh(uri);
  }

  private async refresh(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const diagnostics = this.fromServer.get(key) ?? [];
    const notebooks = isInATab(uri) ? vscode.workspace.notebookDocuments.filter((nb) => nb.uri.toString() === key) : [];
    const live = notebooks.length ? this.live.get(key) : undefined;
    const byCell: CellDiagnostics = live ? new Map(live) : new Map();
    if (!live && diagnostics.length && notebooks.length) {
      const raw = await rawText(uri);
      if (this.generations.get(key) !== generation) return;
      const map = raw === undefined ? undefined : notebookSourceMap(raw);
      for (const notebook of map ? notebooks : []) {
        for (const d of diagnostics) {
          const saved = map!.toCellRange(d.range.start, d.range.end);
          const cell = saved && saved.cellIndex < notebook.cellCount ? notebook.cellAt(saved.cellIndex) : undefined;
          const range = cell && currentRange(cell, map!, saved!);
          if (!cell || !range) continue;
          const cellKey = cell.document.uri.toString();
          const entry = byCell.get(cellKey) ?? { uri: cell.document.uri, diagnostics: [] };
          entry.diagnostics.push(onCell(d, range));
          byCell.set(cellKey, entry);
        }
      }
    }
    for (const stale of this.publishedCells.get(key) ?? []) {
      if (!byCell.has(stale.toString())) this.collection.delete(stale);
    }
    for (const { uri: cellUri, diagnostics: cellDiagnostics } of byCell.values()) this.collection.set(cellUri, cellDiagnostics);
    if (byCell.size) this.publishedCells.set(key, [...byCell.values()].map((c) => c.uri));
    else this.publishedCells.delete(key);
  }
}

/** True when an editor tab shows the notebook (open, maybe in the background). */
function isInATab(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) =>
    tab.input instanceof vscode.TabInputNotebook && tab.input.uri.toString() === uri.toString()));
}

/**
 * The text the server checked: the open raw-JSON editor's text if there is one, else the file on
 * disk (a notebook editor does not sync its cells to the server; findings come from the saved file).
 */
async function rawText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_NOTEBOOK_BYTES) return undefined;
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // deleted or unreadable since the server read it: nothing to place
  }
}

/**
 * Unsaved cell edits can move lines away from what the server saw on disk. The finding follows its
 * line when that line's text is found once in the cell as it is now; otherwise it is not shown on
 * the cell (rather than on a wrong line) until the next save brings fresh findings.
 */
function currentRange(cell: vscode.NotebookCell, map: NotebookSourceMap, range: CellRange): CellRange | undefined {
  const doc = cell.document;
  const saved = (map.cellSource(range.cellIndex).split('\n')[range.start.line] ?? '').replace(/\r$/, '');
  if (range.start.line < doc.lineCount && doc.lineAt(range.start.line).text === saved) return range;
  const matches: number[] = [];
  for (let line = 0; line < doc.lineCount && matches.length < 2; line++) if (doc.lineAt(line).text === saved) matches.push(line);
  if (matches.length !== 1) return undefined;
  const shift = matches[0] - range.start.line;
  return { ...range, start: { ...range.start, line: range.start.line + shift }, end: { ...range.end, line: range.end.line + shift } };
}

/**
 * The notebook as nbformat-4 JSON built from its cells as they are now (outputs and metadata left
 * out: rules read sources). Cell order is kept, so cell indexes of the text are those of the editor.
 */
export function notebookJson(notebook: vscode.NotebookDocument): string {
  const cells = notebook.getCells().map((cell) => {
    const doc = cell.document;
    const source: string[] = [];
    for (let line = 0; line < doc.lineCount; line++) source.push(doc.lineAt(line).text + (line < doc.lineCount - 1 ? '\n' : ''));
    if (source.length === 1 && source[0] === '') source.pop();
    return cell.kind === vscode.NotebookCellKind.Markup
      ? { cell_type: 'markdown', metadata: {}, source }
      : { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source };
  });
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

function findingOnCell(f: Finding, range: CellRange): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
    f.message, FINDING_SEVERITY[f.severity] ?? vscode.DiagnosticSeverity.Information);
  d.source = SOURCE;
  d.code = f.ruleId;
  return d;
}

function onCell(d: vscode.Diagnostic, range: CellRange): vscode.Diagnostic {
  const copy = new vscode.Diagnostic(
    new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character), d.message, d.severity);
  copy.source = d.source;
  copy.code = d.code;
  copy.tags = d.tags;
  copy.relatedInformation = d.relatedInformation;
  return copy;
}
