// A minimal LSP client for protocol tests: spawns the bundled server over stdio and plays the editor
// (answers configuration, registrations, progress, applyEdit by writing to disk).
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { serverPath } from '../helpers';
import { applyDidScan, type FolderScan as ProtocolFolderScan } from '../../server/src/server/protocol';
import type { ScanResult } from '../../server/src/engine/types';

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  data?: unknown;
}
export interface FolderScan {
  uri: string;
  name: string;
  result: { projects: { root: string; checks: { id: string; state: string; level: string; status?: string }[] }[]; findings: { file: string; ruleId: string }[] } | null;
  error?: string;
  findingsUnchanged?: true;
  projectRoots?: string[];
  findingsPatch?: ({ keep: [number, number] } | { add: { file: string; ruleId: string }[] })[];
}

export const uriOf = (p: string) => pathToFileURL(p).href;

export class TestClient {
  readonly conn: MessageConnection;
  readonly proc: ChildProcess;
  readonly diagnostics = new Map<string, Diag[]>();
  /** didScan notifications as sent (parts left unchanged are left out). */
  readonly scans: FolderScan[] = [];
  /** Per folder URI, the whole scan after applying each didScan; mergeFailures counts deltas that could not apply. */
  readonly merged = new Map<string, FolderScan>();
  mergeFailures = 0;
  readonly shownDocuments: string[] = [];
  /** `aiPreflight` settings answered per folder URI (default: empty object = defaults). */
  settings: Record<string, unknown> = {};
  private listeners: (() => void)[] = [];
  stderr = '';

  /** `env`: extra environment variables for the server process (test hooks). */
  constructor(env: Record<string, string> = {}) {
    this.proc = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.proc.stderr!.on('data', (b) => { this.stderr += String(b); });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diag[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.poke();
    });
    this.conn.onNotification('aiPreflight/didScan', (p: FolderScan) => {
      this.scans.push(p);
      // What a client holds after each didScan, merged as every client must (protocol.applyDidScan).
      const whole = applyDidScan(p as unknown as ProtocolFolderScan, this.merged.get(p.uri)?.result as unknown as ScanResult | undefined);
      if (!whole) this.mergeFailures++;
      else this.merged.set(p.uri, whole as unknown as FolderScan);
      this.poke();
    });
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.onNotification('$/progress', () => undefined);
    this.conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
      p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('window/showDocument', (p: { uri: string }) => { this.shownDocuments.push(p.uri); return { success: true }; });
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEditLike }) => { applyWorkspaceEdit(p.edit); return { applied: true }; });
    this.conn.listen();
  }

  private poke(): void { for (const l of this.listeners) l(); }

  /** Resolves when `predicate` holds (checked on every notification), or rejects after `ms`. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, ms = 15000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = predicate();
        if (v) { cleanup(); resolve(v); }
      };
      const timer = setTimeout(() => { cleanup(); reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-500)}`)); }, ms);
      const cleanup = () => { clearTimeout(timer); this.listeners = this.listeners.filter((l) => l !== check); };
      this.listeners.push(check);
      check();
    });
  }

  /** Waits until `count` more didScan notifications arrived for a folder than had arrived at the call. */
  async nextScan(folder: string, after = this.scanCount(folder)): Promise<FolderScan> {
    const uri = uriOf(folder);
    return this.waitFor(`scan of ${folder}`, () => this.scanCount(folder) > after && [...this.scans].reverse().find((s) => s.uri === uri));
  }
  scanCount(folder: string): number { const uri = uriOf(folder); return this.scans.filter((s) => s.uri === uri).length; }

  async initialize(folders: string[], initializationOptions: Record<string, unknown> = { trusted: true }): Promise<unknown> {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, resolveSupport: { properties: ['edit'] }, dataSupport: true } },
        window: { workDoneProgress: true, showDocument: { support: true } },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  diagsUnder(folder: string): [string, Diag[]][] {
    const prefix = uriOf(folder) + '/';
    return [...this.diagnostics].filter(([uri, d]) => uri.startsWith(prefix) && d.length > 0);
  }

  fileChanged(file: string, type: 1 | 2 | 3): Promise<void> {
    return this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type }] });
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch { /* already gone */ }
    this.conn.dispose();
    setTimeout(() => this.proc.kill(), 500).unref();
  }
}

type Pos = { line: number; character: number };
type TextEditLike = { range: { start: Pos; end: Pos }; newText: string };
export interface WorkspaceEditLike {
  changes?: Record<string, TextEditLike[]>;
  documentChanges?: ({ kind: 'create'; uri: string; options?: { overwrite?: boolean; ignoreIfExists?: boolean } } | { textDocument: { uri: string }; edits: TextEditLike[] })[];
}

function offsetAt(text: string, pos: Pos): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + pos.character, text.length);
}

export function applyTextEdits(text: string, edits: TextEditLike[]): string {
  const sorted = edits.map((e) => ({ s: offsetAt(text, e.range.start), e: offsetAt(text, e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const x of sorted) text = text.slice(0, x.s) + x.t + text.slice(x.e);
  return text;
}

/** Applies an edit to disk the way an editor would; creating never overwrites. */
export function applyWorkspaceEdit(edit: WorkspaceEditLike): void {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      const file = fileURLToPath(change.uri);
      if (fs.existsSync(file)) { if (!change.options?.ignoreIfExists && !change.options?.overwrite) throw new Error(`exists: ${file}`); continue; }
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '');
    } else {
      const file = fileURLToPath(change.textDocument.uri);
      fs.writeFileSync(file, applyTextEdits(fs.readFileSync(file, 'utf8'), change.edits));
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const file = fileURLToPath(uri);
    fs.writeFileSync(file, applyTextEdits(fs.readFileSync(file, 'utf8'), edits));
  }
}

/** A temp copy of a fixture under test/fixtures/lsp. */
export function copyFixture(name: string, fixturesDir: string, tmpRoot: string): string {
  const dest = path.join(tmpRoot, name);
  fs.cpSync(path.join(fixturesDir, name), dest, { recursive: true });
  return dest;
}
