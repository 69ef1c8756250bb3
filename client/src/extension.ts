// AI Preflight VS Code extension: starts the language server and shows its results
// (Problems, status bar, the Production Readiness tree and the report webview).
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  CheckCellRequest, CheckCellResult, CheckNotebookParams, CheckNotebookRequest, CheckNotebookResult, ScanResultRequest, ScanResultResponse,
} from '../../server/src/server/protocol';
import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';
import { NotebookCodeActions, NOTEBOOK_CELL_SELECTOR } from './notebookCodeActions';
import { NotebookDiagnostics } from './notebookDiagnostics';
import { ReadinessTree } from './readinessTree';
import { ScanState } from './scanState';
import { createStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('AI Preflight', { log: true });
  const state = new ScanState();
  // Findings in .ipynb files are also shown on the cells of the notebook editor.
  const notebookDiagnostics = new NotebookDiagnostics(async (uri, text) => {
    if (!client?.isRunning()) return undefined;
    const params: CheckNotebookParams = { uri: uri.toString(), text };
    return (await client.sendRequest<CheckNotebookResult>(CheckNotebookRequest, params)).findings;
  });
  // The server's code actions serve the raw .ipynb; on the cells of the notebook editor they come from here.
  const notebookCodeActions = new NotebookCodeActions(async (params) => {
    if (!client?.isRunning()) return undefined;
    return (await client.sendRequest<CheckCellResult>(CheckCellRequest, params)).findings;
  });
  client = createLanguageClient(context, output, state, (uri, diagnostics) => notebookDiagnostics.update(uri, diagnostics));
  const tree = new ReadinessTree(state);
  const hasProjects = () => {
    void vscode.commands.executeCommand('setContext', 'aiPreflight.hasProjects', state.projects().length > 0);
    // Until the first scan answers, the empty view says "scanning", not "no AI project".
    void vscode.commands.executeCommand('setContext', 'aiPreflight.scanned', state.ready);
  };
  context.subscriptions.push(
    output, state, createStatusBar(state), notebookDiagnostics,
    vscode.languages.registerCodeActionsProvider(NOTEBOOK_CELL_SELECTOR, notebookCodeActions, { providedCodeActionKinds: NotebookCodeActions.providedCodeActionKinds }),
    client.onDidChangeState((e) => { if (e.newState === State.Stopped) notebookDiagnostics.clear(); }),
    vscode.window.createTreeView('aiPreflight.readiness', { treeDataProvider: tree, showCollapseAll: true }),
    state.onDidChange(hasProjects),
    ...registerCommands(client, state),
    // Limited mode runs built-in rules only; once trusted, restart so custom rules and git run too.
    vscode.workspace.onDidGrantWorkspaceTrust(() => { void client?.restart(); }),
    { dispose: () => { void client?.stop(); } },
  );
  await client.start();
  // didScan notifications may have raced the start; fetch what the server has so far.
  const answer = await client.sendRequest<ScanResultResponse>(ScanResultRequest);
  if (answer.folders.some((f) => f.result)) state.replaceAll(answer.folders);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
