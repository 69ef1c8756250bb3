// LSP protocol tests of what fixes do to the user's files and to the diagnostics afterwards: a scaffold never
// touches a file that appeared meanwhile, fix-all carries only bulk-safe fixes, an applied fix makes its
// diagnostic disappear, the one-click suppression leaves its reason owed, and a check that throws is reported
// as errored while the rest still publishes.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { fixturePath, makeTempDir, makeTree } from '../helpers';
import { applyTextEdits, applyWorkspaceEdit, copyFixture, Diag, TestClient, uriOf, WorkspaceEditLike } from './lspClient';

const INFORMATION = 3;

interface Action { title: string; kind?: string; edit?: WorkspaceEditLike; data?: unknown; command?: { command: string; arguments?: unknown[] } }

// Generated at test time; shaped like an OpenAI project key, never a real one.
const fakeKey = () => {
  const body = () => randomBytes(64).toString('base64url').replace(/[-_]/g, 'x').slice(0, 74);
  return `sk-proj-${body()}T3BlbkFJ${body()}`;
};

/** Two secrets, two clients (one without a timeout, one with timeout=None), an unsafe torch.load, an HTTP call to a model API. */
function mixedApp(): string {
  return [
    '"""Fixture."""',
    'import requests',
    'import torch',
    'from openai import OpenAI',
    '',
    `primary_key = "${fakeKey()}"`,
    `backup_key = "${fakeKey()}"`,
    'client = OpenAI(api_key=primary_key)',
    'slow = OpenAI(api_key=backup_key, timeout=None)',
    '',
    '',
    'def load(checkpoint):',
    '    return torch.load(checkpoint)',
    '',
    '',
    'def fetch():',
    '    return requests.post("https://api.openai.com/v1/chat/completions", json={})',
    '',
  ].join('\n');
}

describe('language server over stdio: fixes and their effect', function () {
  this.timeout(30000);
  let tmp: string;
  let client: TestClient;
  const rules = (uri: string) => (client.diagnostics.get(uri) ?? []).map((d) => String(d.code));

  beforeEach(() => { tmp = makeTempDir('aipf-lsp-fix-'); });
  afterEach(async () => {
    await client?.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function start(folder: string, env: Record<string, string> = {}): Promise<void> {
    client = new TestClient(env);
    await client.initialize([folder]);
    await client.nextScan(folder, 0);
  }
  function actionsFor(uri: string, diag: Diag, only?: string[]): Promise<Action[]> {
    return client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag], ...(only ? { only } : {}) } });
  }

  it('a scaffold whose target appears between resolve and apply fails as a whole and leaves the user file byte-identical', async () => {
    const rag = copyFixture('rag-app', fixturePath('lsp'), tmp);
    await start(rag);
    const manifest = uriOf(path.join(rag, 'requirements.txt'));
    const modelCard = await client.waitFor('model-card diagnostic', () => client.diagnostics.get(manifest)?.find((d) => d.code === 'model-card'));
    const scaffold = (await actionsFor(manifest, modelCard)).find((a) => a.title.startsWith('Scaffold'))!;
    const resolved = await client.conn.sendRequest<Action>('codeAction/resolve', scaffold);
    const create = resolved.edit?.documentChanges?.find((c): c is { kind: 'create'; uri: string; options?: { overwrite?: boolean; ignoreIfExists?: boolean } } => 'kind' in c);
    assert.ok(create, 'a CreateFile operation');
    assert.deepStrictEqual(create.options, { overwrite: false, ignoreIfExists: false });
    // The user writes the file before the editor applies the edit.
    const target = new URL(create.uri);
    const userBytes = Buffer.from('# USER CONTENT\n\nMy own model card.\r\n', 'utf8');
    fs.mkdirSync(path.dirname(target.pathname), { recursive: true });
    fs.writeFileSync(target, userBytes);
    let refused: unknown;
    try { applyWorkspaceEdit(resolved.edit!); } catch (err) { refused = err; }
    assert.ok(fs.readFileSync(target).equals(userBytes), 'the user file is byte-identical');
    assert.match(String(refused), /exists/, 'the editor refuses the create, and with it the edit');
  });

  it('applying a quick fix makes its diagnostic disappear on the next scan', async () => {
    const rag = copyFixture('rag-app', fixturePath('lsp'), tmp);
    await start(rag);
    const file = path.join(rag, 'src', 'app.py');
    const uri = uriOf(file);
    const timeout = await client.waitFor('timeout finding', () => client.diagnostics.get(uri)?.find((d) => d.code === 'llm-client-timeout'));
    const actions = await actionsFor(uri, timeout);
    const fix = actions.find((a) => a.title.startsWith('Add timeout='));
    assert.ok(fix?.edit, 'the timeout quick fix');
    const explain = actions.find((a) => a.title === 'Explain llm-client-timeout');
    assert.match(String(explain?.command?.arguments?.[0]), /#llm-client-timeout$/, 'a code rule is explained from its own docs section');
    const before = client.scanCount(rag);
    applyWorkspaceEdit(fix.edit);
    await client.fileChanged(file, 2);
    await client.nextScan(rag, before);
    await client.waitFor('timeout diagnostic gone', () => !rules(uri).includes('llm-client-timeout'));
    assert.match(fs.readFileSync(file, 'utf8'), /OpenAI\(api_key=os\.environ\["OPENAI_API_KEY"\], timeout=\d+\)/);
  });

  it('fix-all applies only the bulk-safe fixes; afterwards those diagnostics are gone and the ones needing a human remain', async () => {
    const root = makeTree({ 'requirements.txt': 'openai==1.40.0\ntorch==2.3.0\nrequests==2.32.0\n', 'src/app.py': mixedApp() });
    await start(root);
    const file = path.join(root, 'src', 'app.py');
    const uri = uriOf(file);
    await client.waitFor('all findings', () => rules(uri).filter((r) => r === 'llm-client-timeout').length === 3 && rules(uri).includes('unsafe-deserialization') && rules(uri).filter((r) => r === 'hardcoded-secrets').length === 2);
    // Each secret's own quick fix adds `import os`; fix-all must not write it at all (nor twice).
    const secrets = client.diagnostics.get(uri)!.filter((d) => d.code === 'hardcoded-secrets');
    // The quick fix may come as documentChanges (with the .env.example edit) or as plain changes.
    const editsOf = (a: Action) => a.edit?.changes?.[uri] ?? (a.edit as { documentChanges?: { textDocument?: { uri: string }; edits?: { newText: string }[] }[] } | undefined)?.documentChanges?.find((c) => c.textDocument?.uri === uri)?.edits;
    for (const s of secrets) assert.ok((await actionsFor(uri, s)).some((a) => editsOf(a)?.some((e) => e.newText === 'import os\n')));
    const original = fs.readFileSync(file, 'utf8');
    const [fixAll, ...more] = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.strictEqual(more.length, 0);
    const edits = fixAll.edit!.changes![uri];
    assert.deepStrictEqual(edits.map((e) => e.newText).sort(), ['timeout=60', 'timeout=60'].map((t) => `, ${t}`), 'two added timeouts, nothing else');
    const fixed = applyTextEdits(original, edits);
    assert.ok(!/os\.environ|weights_only|import os/.test(fixed), 'no secret or weights_only fix in bulk');
    assert.match(fixed, /timeout=None/, 'an explicit timeout=None is left for a human');

    const before = client.scanCount(root);
    applyWorkspaceEdit(fixAll.edit!);
    await client.fileChanged(file, 2);
    await client.nextScan(root, before);
    await client.waitFor('only the timeout=None finding left', () => rules(uri).filter((r) => r === 'llm-client-timeout').length === 1);
    const left = rules(uri).sort();
    assert.deepStrictEqual(left, ['hardcoded-secrets', 'hardcoded-secrets', 'llm-client-timeout', 'unsafe-deserialization']);
    const again = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepStrictEqual(again, [], 'nothing left to fix in bulk');
  });

  it('"Suppress with comment" hides the finding but leaves an information diagnostic until a reason is written', async () => {
    const root = makeTree({ 'requirements.txt': 'openai==1.40.0\n', 'src/app.py': `from openai import OpenAI\n\n\ndef make():\n    key = "${fakeKey()}"\n    return OpenAI(api_key=key, timeout=30)\n` });
    await start(root);
    const file = path.join(root, 'src', 'app.py');
    const uri = uriOf(file);
    const secret = await client.waitFor('secret diagnostic', () => client.diagnostics.get(uri)?.find((d) => d.code === 'hardcoded-secrets'));
    const text = fs.readFileSync(file, 'utf8');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const suppress = (await actionsFor(uri, secret)).find((a) => a.title.startsWith('Suppress'))!;
    const suppressed = applyTextEdits(text, suppress.edit!.changes![uri]);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: suppressed }] });
    const owed = await client.waitFor('reason owed', () => !rules(uri).includes('hardcoded-secrets') && client.diagnostics.get(uri)?.find((d) => d.code === 'suppression-without-reason'));
    assert.strictEqual(owed.severity, INFORMATION);
    assert.strictEqual(owed.range.start.line, secret.range.start.line, 'on the inserted comment line');
    const reasoned = suppressed.replace(/TODO: [^\n]*/, 'test fixture, the key was never issued');
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: reasoned }] });
    await client.waitFor('nothing left', () => (client.diagnostics.get(uri) ?? []).length === 0);
  });

  it('a check that throws is published as errored with its reason while the other checks and findings still publish', async () => {
    const rag = copyFixture('rag-app', fixturePath('lsp'), tmp);
    await start(rag, { AI_PREFLIGHT_TEST_FAULT_DETECTOR: 'ci' });
    const manifest = uriOf(path.join(rag, 'requirements.txt'));
    const ci = await client.waitFor('errored ci diagnostic', () => client.diagnostics.get(manifest)?.find((d) => d.code === 'ci'));
    assert.strictEqual(ci.severity, INFORMATION, 'our crash is never more than information');
    assert.match(ci.message, /failed to run \(unknown detector "ci \(made to throw by AI_PREFLIGHT_TEST_FAULT_DETECTOR\)"\)/);
    const others = rules(manifest).filter((r) => r !== 'ci');
    assert.ok(others.includes('ownership') && others.includes('model-card') && others.length >= 4, `other checks published: ${others.join(', ')}`);
    assert.ok(rules(uriOf(path.join(rag, 'src', 'app.py'))).includes('llm-client-timeout'), 'code-level findings published');
    const scan = client.merged.get(uriOf(rag))!.result!.projects[0].checks;
    assert.strictEqual(scan.find((c) => c.id === 'ci')?.state, 'errored');
    assert.deepStrictEqual(scan.filter((c) => c.state === 'errored').map((c) => c.id), ['ci'], 'only the faulty check errored');
  });
});
