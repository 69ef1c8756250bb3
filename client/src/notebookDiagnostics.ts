// The server publishes findings of an .ipynb on the file URI, at lines of the raw JSON. The
// notebook editor shows one text document per cell (vscode-notebook-cell: URIs), so those
// diagnostics would be invisible there: this mirrors each one onto its cell, at the line and
// columns inside the cell. The file-URI diagnostics stay as they are (Problems, CLI parity).
import * as vscode from 'vscode';
import { notebookSourceMap, type CellRange, type NotebookSourceMap } from '../../server/src/engine/code/notebookMapping';

/** Cell edits arrive per keystroke; mapping again once they pause is enough. */
const REFRESH_DELAY_MS = 150;
/** Past this size the raw text is not read again on the client (the server caps what it reads too). */
const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;

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
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const schedule = (notebook: vscode.NotebookDocument): void => this.schedule(notebook.uri);
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenNotebookDocument(schedule),
      vscode.workspace.onDidCloseNotebookDocument(schedule),
      vscode.workspace.onDidSaveNotebookDocument(schedule),
      vscode.workspace.onDidChangeNotebookDocument((e) => schedule(e.notebook)),
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
    this.collection.clear();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.subscriptions) d.dispose();
  }

  private schedule(uri: vscode.Uri): void {
    if (!isNotebookFile(uri)) return;
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.refresh(uri); }, REFRESH_DELAY_MS));
  }

  private async refresh(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const diagnostics = this.fromServer.get(key) ?? [];
    const notebooks = isInATab(uri) ? vscode.workspace.notebookDocuments.filter((nb) => nb.uri.toString() === key) : [];
    const byCell = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    if (diagnostics.length && notebooks.length) {
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

function onCell(d: vscode.Diagnostic, range: CellRange): vscode.Diagnostic {
  const copy = new vscode.Diagnostic(
    new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character), d.message, d.severity);
  copy.source = d.source;
  copy.code = d.code;
  copy.tags = d.tags;
  copy.relatedInformation = d.relatedInformation;
  return copy;
}
