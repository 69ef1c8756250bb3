// Starts the bundled language server over IPC and wires its custom notifications into the ScanState.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { DidScanNotification, DidScanParams, InitializationOptions, ScanResultRequest, ScanResultResponse } from '../../server/src/server/protocol';
import type { ScanState } from './scanState';

/** Files the server checks while typing, plus the manifests and configs it anchors diagnostics on. */
const DOCUMENT_SELECTOR = [
  ...['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'yaml', 'json', 'jsonc', 'toml', 'markdown', 'dotenv', 'pip-requirements', 'plaintext', 'codeowners']
    .map((language) => ({ scheme: 'file', language })),
  { scheme: 'file', pattern: '**/*.{py,ipynb,js,ts,jsx,tsx,mjs,cjs,yaml,yml,json,toml,md,txt,cfg}' },
  { scheme: 'file', pattern: '**/.env*' },
];

/** Told of every diagnostic set the server publishes, after the client has shown it. */
export type DiagnosticsListener = (uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => void;

export function createLanguageClient(
  context: vscode.ExtensionContext, output: vscode.LogOutputChannel, state: ScanState, onDiagnostics?: DiagnosticsListener,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // A function, so a restart after the user grants trust sends the new value.
  // Per-file results are kept in the extension's storage for this workspace (never in the workspace itself).
  const initializationOptions = (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted, cacheDir: context.storageUri?.fsPath });
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions,
    outputChannel: output,
    // Diagnostics of manifests (requirements.txt, CODEOWNERS) are published for files that are not open too.
    diagnosticCollectionName: 'ai-preflight',
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => { next(uri, diagnostics); onDiagnostics?.(uri, diagnostics); },
    },
  };
  const client = new LanguageClient('aiPreflight', 'AI Preflight', serverOptions, clientOptions);
  context.subscriptions.push(client.onNotification(DidScanNotification, (scan: DidScanParams) => {
    if (state.update(scan)) return;
    // A delta against results this copy does not have (it missed a notification): take the full results.
    void client.sendRequest<ScanResultResponse>(ScanResultRequest).then((answer) => state.replaceAll(answer.folders), () => undefined);
  }));
  return client;
}
