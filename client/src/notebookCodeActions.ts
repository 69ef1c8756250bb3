// Code actions on the cells of VS Code's notebook editor. The server's code actions serve the raw .ipynb (file
// URI); the editor shows each cell as a document of its own (vscode-notebook-cell: URI) that the server never sees.
// For the AI Preflight diagnostics on a Python cell (mirrored there by notebookDiagnostics.ts) this asks the server
// for the cell's findings as the cells are now (aiPreflight/checkCell: fixes in cell coordinates), matches them by
// rule and line, and offers the rule's quick fix, "Suppress with comment" on the line above, and "Explain".
import * as vscode from 'vscode';
import {
  OpenDocsCommand, SOURCE, type CellFinding, type CheckCellParams,
} from '../../server/src/server/protocol';
import { REASON_PLACEHOLDER } from '../../server/src/server/suppress';

/** Asks the server for the findings of one cell; undefined when it cannot answer. */
export type CellChecker = (params: CheckCellParams) => Promise<readonly CellFinding[] | undefined>;

/** The cells the server checks: Python code cells (raw cells and markdown are not code in the .ipynb). */
export const NOTEBOOK_CELL_SELECTOR: vscode.DocumentFilter = { scheme: 'vscode-notebook-cell', language: 'python' };

const ANSWER_TTL_MS = 3000;

/** Its own finding on the comment a one-click suppression writes: suppressing that would only add another. */
const NOT_SUPPRESSIBLE = new Set(['suppression-without-reason']);

export class NotebookCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  /**
   * The last answer per notebook: the lightbulb asks again on every cursor move over the same text. Kept briefly,
   * as the answer also depends on the config and on .env.example, which can change while the cells do not.
   */
  private readonly last = new WeakMap<vscode.NotebookDocument, { key: string; at: number; answer: Promise<readonly CellFinding[] | undefined> }>();

  constructor(private readonly check: CellChecker) {}

  async provideCodeActions(
    document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const ours = context.diagnostics.filter((d) => d.source === SOURCE && ruleOf(d));
    const place = ours.length ? cellOf(document) : undefined;
    if (!place) return [];
    const findings = await this.findingsOf(place.notebook, place.cells, place.index);
    if (!findings || token.isCancellationRequested || document.isClosed) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of ours) {
      const finding = matching(findings, ruleOf(d)!, d.range);
      if (!finding) continue;
      if (finding.fix) actions.push(fixAction(finding, d, place.cells));
      if (!NOT_SUPPRESSIBLE.has(finding.ruleId)) actions.push(suppressAction(document, finding, d));
      if (finding.docsUrl) actions.push(explainAction(finding, d));
    }
    return actions;
  }

  private findingsOf(notebook: vscode.NotebookDocument, cells: vscode.NotebookCell[], index: number): Promise<readonly CellFinding[] | undefined> {
    const params: CheckCellParams = { uri: notebook.uri.toString(), cells: cells.map((c) => textOf(c.document)), cell: index };
    const key = `${params.cell}\u0000${params.cells.join('\u0001')}`;
    const cached = this.last.get(notebook);
    if (cached?.key === key && Date.now() - cached.at < ANSWER_TTL_MS) return cached.answer;
    const answer = this.check(params).catch(() => undefined); // server stopped or restarting: no actions
    this.last.set(notebook, { key, at: Date.now(), answer });
    return answer;
  }
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined || code === '' ? undefined : String(code);
}

/** The .ipynb notebook holding `document`, its Python code cells, and the document's index among them. */
function cellOf(document: vscode.TextDocument): { notebook: vscode.NotebookDocument; cells: vscode.NotebookCell[]; index: number } | undefined {
  const key = document.uri.toString();
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (notebook.uri.scheme !== 'file' || !notebook.uri.path.toLowerCase().endsWith('.ipynb')) continue;
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const index = cells.findIndex((c) => c.document.uri.toString() === key);
    if (index >= 0) return { notebook, cells, index };
  }
  return undefined;
}

/** The cell's text with '\n' line ends, so its lines are those of the cell document. */
function textOf(doc: vscode.TextDocument): string {
  const lines: string[] = [];
  for (let line = 0; line < doc.lineCount; line++) lines.push(doc.lineAt(line).text);
  return lines.join('\n');
}

/** The cell finding a diagnostic stands for: same rule and line, the same start column when several are there. */
function matching(findings: readonly CellFinding[], ruleId: string, range: vscode.Range): CellFinding | undefined {
  const onLine = findings.filter((f) => f.ruleId === ruleId && f.range.start.line === range.start.line);
  return onLine.find((f) => f.range.start.character === range.start.character) ?? onLine[0];
}

const toRange = (r: CellFinding['range']): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

function fixAction(finding: CellFinding, diagnostic: vscode.Diagnostic, cells: vscode.NotebookCell[]): vscode.CodeAction {
  const fix = finding.fix!;
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(cells[e.cell].document.uri, toRange(e.range), e.newText);
  let title = fix.title;
  const env = fix.envExample;
  if (env && fix.envVar) {
    const uri = vscode.Uri.parse(env.uri);
    // Never overwrites: if the file appeared meanwhile, the editor refuses the whole edit.
    if (env.create) edit.createFile(uri, { overwrite: false, ignoreIfExists: false });
    edit.insert(uri, new vscode.Position(env.at.line, env.at.character), env.text);
    title = `${title} and add ${fix.envVar} to ${env.path}`;
  }
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = edit;
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

/** `# ai-preflight-ignore: <rule> <reason placeholder>` on a line of its own above the finding, at its indentation. */
function suppressAction(document: vscode.TextDocument, finding: CellFinding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const line = Math.min(finding.range.start.line, document.lineCount - 1);
  const indent = /^[ \t]*/.exec(document.lineAt(line).text)?.[0] ?? '';
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(line, 0), `${indent}# ai-preflight-ignore: ${finding.ruleId} ${REASON_PLACEHOLDER}\n`);
  const action = new vscode.CodeAction(`Suppress ${finding.ruleId} with comment`, vscode.CodeActionKind.QuickFix);
  action.edit = edit;
  action.diagnostics = [diagnostic];
  return action;
}

/** As on the raw file: the rule's documentation, opened by the server's command. */
function explainAction(finding: CellFinding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const title = `Explain ${finding.ruleId}`;
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.command = { title, command: OpenDocsCommand, arguments: [finding.docsUrl] };
  action.diagnostics = [diagnostic];
  return action;
}
