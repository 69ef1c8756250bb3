// Incremental latency through the language server over stdio: from the notification that changes one
// file (didChange for an open document, didChangeWatchedFiles for a file on disk) to the
// publishDiagnostics that reflects it. Every edit flips a finding on or off, so each one must publish.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const uriOf = (p) => pathToFileURL(p).href;

export class BenchClient {
  constructor(serverPath) {
    // BENCH_SERVER_ARGS: node options for the server (--cpu-prof, --require of a probe) when studying a figure.
    this.proc = spawn(process.execPath, [...(process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? []), serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (b) => { this.stderr += b; });
    this.conn = rpc.createMessageConnection(new rpc.StreamMessageReader(this.proc.stdout), new rpc.StreamMessageWriter(this.proc.stdin));
    this.waiters = [];
    this.scans = 0;
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => this.poke({ kind: 'diag', uri: p.uri, diagnostics: p.diagnostics }));
    this.conn.onNotification('aiPreflight/didScan', () => { this.scans++; this.poke({ kind: 'scan' }); });
    for (const n of ['window/logMessage', 'window/showMessage', '$/progress']) this.conn.onNotification(n, () => undefined);
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.listen();
  }

  poke(event) {
    const now = performance.now();
    for (const w of [...this.waiters]) if (w.match(event)) { this.waiters.splice(this.waiters.indexOf(w), 1); w.resolve(now); }
  }

  /** Resolves with the time (performance.now) of the first event `match` accepts. */
  waitFor(match, ms, what) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}; server stderr: ${this.stderr.slice(-300)}`)), ms);
      this.waiters.push({ match, resolve: (t) => { clearTimeout(timer); resolve(t); } });
    });
  }

  async initialize(folder, initializationOptions = { trusted: true }) {
    await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: [{ uri: uriOf(folder), name: path.basename(folder) }],
      initializationOptions,
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: {} } },
    });
    const scanned = this.waitFor((e) => e.kind === 'scan', 600_000, 'the first scan');
    const t0 = performance.now();
    await this.conn.sendNotification('initialized', {});
    this.firstScanRequests = await this.requestsWhile(scanned);
    return (await scanned) - t0;
  }

  /**
   * Latencies (ms) of a cheap request sent every `everyMs` until `pending` settles: how long an editor's
   * requests wait while the server is busy. The request is a code action for a file outside the workspace,
   * which the server answers at once when its event loop is free.
   */
  async requestsWhile(pending, everyMs = 20) {
    let settled = false;
    pending.then(() => { settled = true; }, () => { settled = true; });
    const params = { textDocument: { uri: 'file:///nonexistent/probe.py' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } };
    const out = [];
    while (!settled) {
      const sent = performance.now();
      await this.conn.sendRequest('textDocument/codeAction', params).catch(() => undefined);
      out.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, everyMs));
    }
    return out;
  }

  open(file, text) {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'python', version: 1, text } });
  }

  async dispose() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch { /* gone */ }
    this.conn.dispose();
    setTimeout(() => this.proc.kill(), 500).unref();
  }
}

/** Latencies (ms) of `edits` didChange notifications on one open file, alternating a finding on and off. */
export async function documentEdits(client, file, edits) {
  const uri = uriOf(file);
  const base = fs.readFileSync(file, 'utf8');
  await client.open(file, base);
  await new Promise((r) => setTimeout(r, 300));
  const out = [];
  // Sent as incremental changes, as VS Code sends them to a server with incremental sync: the typed line,
  // not the whole megabyte, crosses the wire.
  const lines = base.split('\n');
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const added = '\nbench_client = OpenAI()\n';
  for (let i = 0; i < edits; i++) {
    // A client without a timeout is an llm-client-timeout finding; removing it again clears the finding.
    const change = i % 2 === 0
      ? { range: { start: end, end }, text: added }
      : { range: { start: end, end: { line: end.line + 2, character: 0 } }, text: '' };
    const published = client.waitFor((e) => e.kind === 'diag' && e.uri === uri, 30_000, `diagnostics for ${file}`);
    const t0 = performance.now();
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [change] });
    out.push((await published) - t0);
  }
  await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: edits + 2 }, contentChanges: [{ text: base }] });
  await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return out;
}

/**
 * Latencies (ms) of creating and deleting a file on disk (with didChangeWatchedFiles) until the
 * diagnostics of `watchUri` change; stops after `budgetMs` so a slow server cannot stall the bench.
 */
export async function diskToggles(client, file, content, watchFile, edits, budgetMs) {
  const uri = uriOf(file);
  const watchUri = uriOf(watchFile);
  const out = [];
  const start = performance.now();
  for (let i = 0; i < edits && performance.now() - start < budgetMs; i++) {
    const create = i % 2 === 0;
    const published = client.waitFor((e) => e.kind === 'diag' && e.uri === watchUri, 120_000, `diagnostics for ${watchFile}`);
    const t0 = performance.now();
    if (create) fs.writeFileSync(file, content); else fs.rmSync(file, { force: true });
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: create ? 1 : 3 }] });
    out.push((await published) - t0);
  }
  fs.rmSync(file, { force: true });
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
  return out;
}
