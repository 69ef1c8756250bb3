// AI Preflight language server: LSP wiring over the engine. Runs in VS Code over IPC and standalone
// (`ai-preflight-language-server --stdio`) for any LSP editor; createConnection picks the transport.
import {
  CodeAction, CodeActionKind, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  InitializeResult, ProposedFeatures, TextDocuments, TextDocumentSyncKind, WatchKind,
} from 'vscode-languageserver/node';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { VERSION } from '../engine/version';
import { codeRules } from '../engine/rules/codeRules';
import { codeActionsFor, isScaffoldActionData } from './codeActions';
import { envVarOf, withEnvExample } from './envExampleEdit';
import { DiagnosticStore } from './diagnosticStore';
import { DocumentChecker } from './documentChecker';
import { Folder, FolderScanner } from './folderScanner';
import { checkCell } from './cellCheck';
import { checkNotebook } from './notebookCheck';
import { isNoisePath, relativeInside, uriToPath } from './paths';
import {
  ApplyScaffoldArgs, ApplyScaffoldResult, ApplyScaffoldCommand, CheckCellParams, CheckCellRequest, CheckCellResult, CheckNotebookParams, CheckNotebookRequest, CheckNotebookResult, DidScanNotification, FixAllKind, InitializationOptions,
  OpenDocsCommand, RescanParams, RescanRequest, ScanResultRequest, ScanResultResponse,
} from './protocol';
import { planScaffold } from './scaffoldEdit';
import { SettingsCache } from './settings';
import { FAULT_DETECTOR_ENV, installTestFaults } from './testHooks';

// Short: a burst of events (a git checkout) still coalesces, and a newer scan aborts an older one (its
// changed paths carry over). A scan after a few events re-evaluates only what they affect, so it is cheap.
const WATCH_DEBOUNCE_MS = 8;
const FULL_SCAN_DEBOUNCE_MS = 50;

// Before any scan: a protocol-test hook (see testHooks.ts); does nothing unless its variable is set.
const faultyChecks = installTestFaults();

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.log(`[ai-preflight] ${message}`);

let caps = { createFiles: false, configuration: false, dynamicWatchers: false, progress: false, showDocument: false, resolveEdit: false, folderEvents: false, dynamicConfiguration: false };
let trusted = true;
let cacheDir: string | undefined;
let initialFolders: { uri: string; name: string }[] = [];

const store = new DiagnosticStore((uri, diagnostics) => { void connection.sendDiagnostics({ uri, diagnostics }); });
const settings = new SettingsCache(connection, () => caps.configuration);
const scanner = new FolderScanner({
  store,
  settings: (uri) => settings.get(uri),
  get trusted() { return trusted; },
  get cacheDir() { return cacheDir; },
  overlays: openOverlays,
  log,
  didScan: (scan) => {
    void connection.sendNotification(DidScanNotification, scan);
    checker.scanned();
  },
});
const checker = new DocumentChecker(scanner, store, () => trusted, log);
/** Documents whose next content event is their opening, not an edit. */
const justOpened = new Set<string>();

/** Open documents' current text, so a scan sees what the user sees. */
function openOverlays(folder: Folder): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of documents.all()) {
    const fsPath = uriToPath(doc.uri);
    const rel = fsPath && scanner.folderOf(fsPath) === folder ? relativeInside(folder.fsPath, fsPath) : undefined;
    if (rel) out.set(rel, doc.getText());
  }
  return out;
}

connection.onInitialize((params): InitializeResult => {
  const c = params.capabilities;
  caps = {
    createFiles: !!c.workspace?.workspaceEdit?.documentChanges && !!c.workspace.workspaceEdit.resourceOperations?.includes('create'),
    configuration: !!c.workspace?.configuration,
    dynamicWatchers: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    progress: !!c.window?.workDoneProgress,
    showDocument: !!c.window?.showDocument?.support,
    resolveEdit: !!c.textDocument?.codeAction?.resolveSupport?.properties.includes('edit'),
    folderEvents: !!c.workspace?.workspaceFolders,
    dynamicConfiguration: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
  };
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  trusted = init.trusted !== false;
  cacheDir = typeof init.cacheDir === 'string' && path.isAbsolute(init.cacheDir) ? init.cacheDir : undefined;
  if (params.workspaceFolders?.length) initialFolders = params.workspaceFolders;
  else if (params.rootUri) initialFolders = [{ uri: params.rootUri, name: params.rootUri.split('/').pop() || 'root' }];
  return {
    serverInfo: { name: 'ai-preflight-language-server', version: VERSION },
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FixAllKind], resolveProvider: true },
      executeCommandProvider: { commands: [ApplyScaffoldCommand, OpenDocsCommand] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
  };
});

connection.onInitialized(async () => {
  if (faultyChecks.length) log(`${FAULT_DETECTOR_ENV} is set: checks ${faultyChecks.join(', ')} will throw (test hook)`);
  if (caps.dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'aiPreflight' });
  if (caps.dynamicWatchers) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*', kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete }],
    });
  }
  if (caps.folderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const f of e.removed) scanner.removeFolder(f.uri);
      for (const f of e.added) if (scanner.addFolder(f.uri, f.name)) scanner.schedule(f.uri, 0);
    });
  }
  for (const f of initialFolders) scanner.addFolder(f.uri, f.name);
  await initialScan();
});

async function initialScan(): Promise<void> {
  const progress = caps.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('AI Preflight', undefined, 'Scanning workspace for AI projects…', false);
  try {
    await scanner.scanAll(progress && ((folder, message) => progress.report(`${folder.name}: ${message}`)));
  } finally {
    progress?.done();
  }
}

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as Record<string, unknown> | null | undefined)?.aiPreflight;
  settings.clear(caps.configuration ? undefined : pushed);
  scanner.scheduleAll(0);
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  const touched = new Map<string, Set<string> | undefined>();
  for (const change of changes) {
    const fsPath = uriToPath(change.uri);
    if (!fsPath || isNoisePath(fsPath)) continue;
    const folder = scanner.folderOf(fsPath);
    if (!folder) continue;
    const rel = relativeInside(folder.fsPath, fsPath);
    const paths = touched.has(folder.uri) ? touched.get(folder.uri) : new Set<string>();
    // The folder itself changed (created again, moved): only a full scan knows what is there.
    touched.set(folder.uri, rel && paths ? paths.add(rel) : undefined);
  }
  for (const [uri, paths] of touched) scanner.schedule(uri, debounceFor(paths), paths);
});

/**
 * Config and ignore files (and unknown folder changes) take a full scan, so a burst of them (an editor
 * saving a config repeatedly) waits longer to coalesce; other events go through the cheap incremental path.
 */
function debounceFor(paths: Set<string> | undefined): number {
  if (!paths) return FULL_SCAN_DEBOUNCE_MS;
  for (const p of paths) if (/(^|\/)(\.gitignore|\.ai-preflight\.ya?ml)$/.test(p)) return FULL_SCAN_DEBOUNCE_MS;
  return WATCH_DEBOUNCE_MS;
}

/**
 * Schedules a scan of the folder holding a document, for that document's path. Without file watchers
 * nothing reports other files created or deleted meanwhile, so that scan starts from scratch.
 */
function scheduleForDocument(uri: string): void {
  const fsPath = uriToPath(uri);
  const folder = fsPath && scanner.folderOf(fsPath);
  if (!folder) return;
  const rel = relativeInside(folder.fsPath, fsPath);
  scanner.schedule(folder.uri, WATCH_DEBOUNCE_MS, rel && caps.dynamicWatchers ? [rel] : undefined);
}

/** Folder-relative paths of file URIs, by folder. */
function byFolder(uris: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const uri of uris) {
    const fsPath = uriToPath(uri);
    const folder = fsPath && scanner.folderOf(fsPath);
    const rel = folder && relativeInside(folder.fsPath, fsPath);
    if (folder && rel) out.set(folder.uri, [...(out.get(folder.uri) ?? []), rel]);
  }
  return out;
}

documents.onDidOpen((e) => { justOpened.add(e.document.uri); });
documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  // Opening shows what the scan already saw on disk; only edits need a live re-check.
  if (justOpened.delete(uri)) return;
  checker.changed(uri, e.document.version, () => documents.get(uri)?.getText());
});
documents.onDidSave((e) => {
  // Clients without file watchers still learn about saved edits.
  if (caps.dynamicWatchers) return;
  scheduleForDocument(e.document.uri);
});
documents.onDidClose((e) => {
  justOpened.delete(e.document.uri);
  if (!checker.closed(e.document.uri)) return;
  scheduleForDocument(e.document.uri);
});

/** A secret fix also names its variable in .env.example, where the client can create files. */
function withEnvExampleOf(action: CodeAction, uri: string): CodeAction {
  const envVar = action.edit?.changes ? envVarOf(action) : undefined;
  const fsPath = envVar && caps.createFiles ? uriToPath(uri) : undefined;
  const folder = fsPath ? scanner.folderOf(fsPath) : undefined;
  if (!envVar || !fsPath || !folder) return action;
  const roots = (scanner.lastResult(folder.uri)?.projects ?? []).map((p) => p.root);
  return withEnvExample(action, uri, fsPath, folder.fsPath, roots, envVar);
}

function docsUrlOf(uri: string, ruleId: string): string | undefined {
  const fsPath = uriToPath(uri);
  const folder = fsPath && scanner.folderOf(fsPath);
  const result = folder ? scanner.lastResult(folder.uri) : null;
  for (const p of result?.projects ?? []) {
    const check = p.checks.find((c) => c.id === ruleId);
    if (check?.docsUrl) return check.docsUrl;
  }
  // Code-level rules have their docs in the rule data, not among a project's checks.
  return codeRules().get(ruleId)?.docsUrl;
}

connection.onCodeAction(async (params) => {
  const actions = codeActionsFor(params, {
    doc: documents.get(params.textDocument.uri),
    shown: store.get(params.textDocument.uri),
    docsUrlOf: (ruleId) => docsUrlOf(params.textDocument.uri, ruleId),
  }).map((a) => withEnvExampleOf(a, params.textDocument.uri));
  // Clients that cannot resolve edits get them computed now.
  if (!caps.resolveEdit) return Promise.all(actions.map((a) => (isScaffoldActionData(a.data) ? resolveScaffold(a) : a)));
  return actions;
});

connection.onCodeActionResolve(resolveScaffold);

async function resolveScaffold(action: CodeAction): Promise<CodeAction> {
  if (!isScaffoldActionData(action.data) || action.edit) return action;
  const { folder, projectRoot, checkId } = action.data;
  const plan = await planScaffold(scanner.lastResult(folder), projectRoot, [checkId], trusted);
  action.edit = plan.edit;
  for (const [uri, rels] of byFolder(plan.created)) scanner.expect(uri, rels);
  if (plan.created.length === 0) {
    const reason = plan.skipped.map((s) => s.reason).join('; ') || 'nothing to create';
    void connection.window.showWarningMessage(`AI Preflight: cannot scaffold ${checkId}: ${reason}`);
  }
  return action;
}

connection.onExecuteCommand(async (params) => {
  if (params.command === OpenDocsCommand) {
    const url = params.arguments?.[0];
    if (typeof url !== 'string' || !/^https?:/.test(url)) return false;
    if (caps.showDocument) return (await connection.window.showDocument({ uri: url, external: true })).success;
    void connection.window.showInformationMessage(`AI Preflight docs: ${url}`);
    return true;
  }
  if (params.command === ApplyScaffoldCommand) return applyScaffold(params.arguments?.[0] as ApplyScaffoldArgs | undefined);
  return undefined;
});

async function applyScaffold(args: ApplyScaffoldArgs | undefined): Promise<ApplyScaffoldResult> {
  if (!args || typeof args.folder !== 'string' || !Array.isArray(args.checkIds)) return { applied: false, created: [], skipped: [] };
  const plan = await planScaffold(scanner.lastResult(args.folder), args.projectRoot, args.checkIds, trusted);
  if (plan.created.length === 0) return { applied: false, created: [], skipped: plan.skipped };
  for (const [uri, rels] of byFolder(plan.created)) scanner.expect(uri, rels);
  const answer = await connection.workspace.applyEdit({ label: 'AI Preflight: scaffold', edit: plan.edit });
  return { applied: answer.applied, created: answer.applied ? plan.created : [], skipped: plan.skipped };
}

connection.onRequest(ScanResultRequest, (): ScanResultResponse => ({ folders: scanner.snapshot() }));
connection.onRequest(RescanRequest, async (params: RescanParams | undefined): Promise<ScanResultResponse> => {
  settings.clear();
  if (params?.folderUri) await scanner.scanNow(params.folderUri);
  else await scanner.scanAll();
  return { folders: scanner.snapshot() };
});
connection.onRequest(CheckNotebookRequest, async (params: CheckNotebookParams | undefined, token): Promise<CheckNotebookResult> => {
  const controller = new AbortController();
  const cancelled = token.onCancellationRequested(() => controller.abort());
  try {
    return await checkNotebook(scanner, trusted, params, controller.signal);
  } catch (err) {
    if (!controller.signal.aborted) log(`checking notebook ${params?.uri ?? '?'} failed: ${err instanceof Error ? err.message : String(err)}`);
    return { findings: [] };
  } finally {
    cancelled.dispose();
  }
});

connection.onRequest(CheckCellRequest, async (params: CheckCellParams | undefined, token): Promise<CheckCellResult> => {
  const controller = new AbortController();
  const cancelled = token.onCancellationRequested(() => controller.abort());
  try {
    return await checkCell(scanner, trusted, params, controller.signal);
  } catch (err) {
    if (!controller.signal.aborted) log(`checking a cell of ${params?.uri ?? '?'} failed: ${err instanceof Error ? err.message : String(err)}`);
    return { findings: [] };
  } finally {
    cancelled.dispose();
  }
});

documents.listen(connection);
// The kept results are written after each burst of scans; a session that ends sooner writes them here.
connection.onShutdown(() => scanner.persistAll());

connection.listen();
