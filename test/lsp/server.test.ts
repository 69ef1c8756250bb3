// LSP protocol tests: the bundled server over stdio, driven by a real JSON-RPC client, on fixture workspaces.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { fixturePath, makeTempDir } from '../helpers';
import { applyWorkspaceEdit, copyFixture, Diag, TestClient, uriOf, WorkspaceEditLike } from './lspClient';

const FIXTURES = fixturePath('lsp');
const ERROR = 1, WARNING = 2;

interface Action { title: string; kind?: string; edit?: WorkspaceEditLike; data?: unknown; command?: { command: string; arguments?: unknown[] }; isPreferred?: boolean }

describe('language server over stdio', function () {
  this.timeout(30000);
  let tmp: string;
  let rag: string;
  let plain: string;
  let client: TestClient;

  beforeEach(() => {
    tmp = makeTempDir('aipf-lsp-');
    rag = copyFixture('rag-app', FIXTURES, tmp);
    plain = copyFixture('plain-web', FIXTURES, tmp);
    client = new TestClient();
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const manifestUri = () => uriOf(path.join(rag, 'requirements.txt'));
  const checkDiag = (id: string) => (client.diagnostics.get(manifestUri()) ?? []).find((d) => d.code === id);
  async function start(folders = [rag, plain]): Promise<void> {
    await client.initialize(folders);
    for (const f of folders) await client.nextScan(f, 0);
  }
  async function actionsFor(uri: string, diag: Diag, only?: string[]): Promise<Action[]> {
    return client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: diag.range, context: { diagnostics: [diag], ...(only ? { only } : {}) },
    });
  }

  it('publishes project-level diagnostics at the manifest, line 1, with code and docs link; a non-AI folder stays silent', async () => {
    await start();
    const ownership = await client.waitFor('ownership diagnostic', () => checkDiag('ownership'));
    assert.strictEqual(ownership.source, 'AI Preflight');
    assert.strictEqual(ownership.range.start.line, 0);
    assert.strictEqual(ownership.severity, WARNING, 'ownership is a warning at the default pilot stage');
    assert.match(ownership.codeDescription?.href ?? '', /^https?:\/\/.*ownership/i);
    assert.ok(ownership.message.length > 10);
    assert.deepStrictEqual(client.diagsUnder(plain), [], 'no diagnostics in the folder without an AI project');
    const scans = await client.conn.sendRequest<{ folders: { uri: string; result: { projects: unknown[] } | null }[] }>('aiPreflight/scanResult');
    const byUri = new Map(scans.folders.map((f) => [f.uri, f]));
    assert.strictEqual(byUri.get(uriOf(plain))?.result?.projects.length, 0);
    assert.strictEqual(byUri.get(uriOf(rag))?.result?.projects.length, 1);
  });

  it('resolves the scaffold quick fix into a create-only edit; applying it and reporting the file re-evaluates the check', async () => {
    await start([rag]);
    const ownership = await client.waitFor('ownership diagnostic', () => checkDiag('ownership'));
    const actions = await actionsFor(manifestUri(), ownership);
    const scaffold = actions.find((a) => a.title.startsWith('Scaffold'));
    assert.ok(scaffold, `scaffold action among ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(scaffold.edit, undefined, 'the edit is computed lazily in codeAction/resolve');
    assert.ok(actions.some((a) => a.title === 'Explain ownership' && a.command?.command === 'aiPreflight.openDocs'));

    const resolved = await client.conn.sendRequest<Action>('codeAction/resolve', scaffold);
    const changes = resolved.edit?.documentChanges ?? [];
    const create = changes.find((c): c is { kind: 'create'; uri: string; options?: { overwrite?: boolean } } => 'kind' in c && c.kind === 'create');
    assert.ok(create, 'a CreateFile operation');
    assert.strictEqual(create.options?.overwrite, false);
    const before = client.scanCount(rag);
    applyWorkspaceEdit(resolved.edit!);
    const created = new URL(create.uri);
    assert.ok(fs.existsSync(created), 'the scaffolded file exists');
    assert.ok(fs.readFileSync(created, 'utf8').length > 0, 'with content');
    await client.fileChanged(created.pathname, 1);
    const scan = await client.nextScan(rag, before);
    const state = scan.result?.projects[0].checks.find((c) => c.id === 'ownership')?.state;
    assert.notStrictEqual(state, 'absent', 'ownership is no longer absent after the scaffold');
    const after = checkDiag('ownership');
    assert.ok(!after || after.message !== ownership.message, 'the absent-ownership diagnostic is gone');
  });

  it('"Explain" asks the editor to open the docs externally', async () => {
    await start([rag]);
    const ownership = await client.waitFor('ownership diagnostic', () => checkDiag('ownership'));
    const explain = (await actionsFor(manifestUri(), ownership)).find((a) => a.title.startsWith('Explain'))!;
    await client.conn.sendRequest('workspace/executeCommand', { command: explain.command!.command, arguments: explain.command!.arguments });
    assert.deepStrictEqual(client.shownDocuments, [ownership.codeDescription!.href]);
  });

  it('re-checks an open document on every edit, without saving, and offers suppress-with-comment', async () => {
    await start([rag]);
    const file = path.join(rag, 'src', 'app.py');
    const uri = uriOf(file);
    const original = fs.readFileSync(file, 'utf8');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: original } });
    // Generated at test time; shaped like an OpenAI project key, never a real one.
    const body = () => randomBytes(64).toString('base64url').slice(0, 74);
    const fakeKey = `sk-proj-${body()}T3BlbkFJ${body()}`;
    const edited = original.replace('def answer(question: str) -> dict:\n', `def answer(question: str) -> dict:\n    fallback_key = "${fakeKey}"\n`);
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }],
    });
    const secret = await client.waitFor('secret diagnostic', () => client.diagnostics.get(uri)?.find((d) => d.code === 'hardcoded-secrets'));
    const line = edited.split('\n').findIndex((l) => l.includes('fallback_key'));
    assert.strictEqual(secret.range.start.line, line);
    assert.strictEqual(secret.severity, ERROR);
    assert.ok(!secret.message.includes(fakeKey), 'the secret is never echoed in full');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), original, 'nothing was saved');

    const suppress = (await actionsFor(uri, secret)).find((a) => a.title.startsWith('Suppress'));
    assert.ok(suppress?.edit?.changes?.[uri], 'suppress action with an edit');
    const [insert] = suppress.edit.changes[uri];
    assert.deepStrictEqual(insert.range.start, { line, character: 0 });
    assert.match(insert.newText, /^ {4}# ai-preflight-ignore: hardcoded-secrets \S/);

    // Undo the edit: the live finding goes away, still unsaved.
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: original }] });
    await client.waitFor('secret cleared', () => !client.diagnostics.get(uri)?.some((d) => d.code === 'hardcoded-secrets'));
  });

  it('a stage change in .ai-preflight.yaml raises severities at once', async () => {
    await start([rag]);
    await client.waitFor('ownership diagnostic', () => checkDiag('ownership'));
    const before = client.scanCount(rag);
    const config = path.join(rag, '.ai-preflight.yaml');
    fs.writeFileSync(config, 'stage: production\n');
    await client.fileChanged(config, 1);
    await client.nextScan(rag, before);
    await client.waitFor('ownership is an error in production', () => checkDiag('ownership')?.severity === ERROR);
    const monitoring = checkDiag('monitoring');
    assert.strictEqual(monitoring?.severity, ERROR, 'monitoring is an error in production');
  });

  it('a malformed .ai-preflight.yaml gives a diagnostic in the config file and the other checks still publish', async () => {
    const config = path.join(rag, '.ai-preflight.yaml');
    fs.writeFileSync(config, 'stage: pilot\nrules:\n  ownership: loud\n');
    await start([rag]);
    const configDiags = await client.waitFor('config diagnostic', () => client.diagnostics.get(uriOf(config))?.length ? client.diagnostics.get(uriOf(config)) : undefined);
    const bad = configDiags.find((d) => d.range.start.line === 2);
    assert.ok(bad, `a diagnostic on line 3 (the bad level): ${JSON.stringify(configDiags)}`);
    assert.ok(client.diagsUnder(rag).some(([uri]) => uri === manifestUri()), 'project-level diagnostics still published');
  });

  it('editor settings apply per folder: a rule turned off disappears, enable=false clears everything', async () => {
    client.settings = { rules: { ownership: 'off' } };
    await start([rag]);
    await client.waitFor('some project diagnostics', () => client.diagsUnder(rag).length > 0);
    assert.strictEqual(checkDiag('ownership'), undefined);
    client.settings = { enable: false };
    const before = client.scanCount(rag);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.nextScan(rag, before);
    await client.waitFor('diagnostics cleared', () => client.diagsUnder(rag).length === 0);
  });

  it('the applyScaffold command applies several scaffolds through workspace/applyEdit', async () => {
    await start([rag]);
    await client.waitFor('ownership diagnostic', () => checkDiag('ownership'));
    const result = await client.conn.sendRequest<{ applied: boolean; created: string[] }>('workspace/executeCommand', {
      command: 'aiPreflight.applyScaffold', arguments: [{ folder: uriOf(rag), projectRoot: '.', checkIds: ['ownership', 'model-card'] }],
    });
    assert.strictEqual(result.applied, true);
    assert.ok(result.created.length >= 2, `created ${result.created.join(', ')}`);
    for (const uri of result.created) assert.ok(fs.existsSync(new URL(uri)), `${uri} exists`);
  });

  it('the rescan request answers with fresh results per folder', async () => {
    await start();
    const answer = await client.conn.sendRequest<{ folders: { uri: string; result: unknown }[] }>('aiPreflight/rescan', {});
    assert.deepStrictEqual(answer.folders.map((f) => f.uri).sort(), [uriOf(rag), uriOf(plain)].sort());
    assert.ok(answer.folders.every((f) => f.result !== null));
  });
  it('source.fixAll.aiPreflight applies every safe code-level fix of a document in one edit', async () => {
    await start([rag]);
    const file = path.join(rag, 'src', 'app.py');
    const uri = uriOf(file);
    await client.waitFor('code-level finding with a fix', () => client.diagnostics.get(uri)?.find((d) => (d.data as { fixEdits?: unknown[] } | undefined)?.fixEdits));
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: fs.readFileSync(file, 'utf8') } });
    const actions = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepStrictEqual(actions.map((a) => a.kind), ['source.fixAll.aiPreflight']);
    applyWorkspaceEdit(actions[0].edit!);
    assert.match(fs.readFileSync(file, 'utf8'), /OpenAI\([^)]*timeout=/, 'the client got a timeout');
  });

  it('a folder that cannot be scanned does not take the others down', async () => {
    const missing = path.join(tmp, 'no-such-folder');
    await client.initialize([missing, rag]);
    await client.nextScan(rag, 0);
    await client.nextScan(missing, 0);
    await client.waitFor('rag diagnostics', () => checkDiag('ownership'));
    assert.deepStrictEqual(client.diagsUnder(missing), []);
  });

  it('in an untrusted workspace custom rules from .ai-preflight.yaml are not run', async () => {
    fs.writeFileSync(path.join(rag, '.ai-preflight.yaml'), [
      'stage: pilot', 'custom:', '  - id: dpia', '    title: Data protection impact assessment', '    pillar: trust',
      '    severity: { pilot: warning, production: error }', '    present-when: { file: "docs/dpia.md" }', '',
    ].join('\n'));
    await client.initialize([rag], { trusted: false });
    await client.nextScan(rag, 0);
    await client.waitFor('built-in diagnostics', () => checkDiag('ownership'));
    assert.strictEqual(checkDiag('dpia'), undefined, 'custom rule skipped when untrusted');
    await client.dispose();
    client = new TestClient();
    await client.initialize([rag], { trusted: true });
    await client.nextScan(rag, 0);
    await client.waitFor('custom rule diagnostic when trusted', () => checkDiag('dpia'));
  });
});
