// The engine and the server survive a check that throws, hostile protocol messages, config thrash
// (100 config changes in a second) and 1,000 incremental edits without unbounded memory growth.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCheck } from '../../server/src/engine/checks/runCheck';
import { detectProjects } from '../../server/src/engine/projects/detect';
import { WorkspaceModel } from '../../server/src/engine/projects/workspaceModel';
import { loadBuiltinChecks } from '../../server/src/engine/rules/loadChecks';
import { ProjectScope } from '../../server/src/engine/rules/projectScope';
import { crawl } from '../../server/src/engine/workspace/crawl';
import { FileStore } from '../../server/src/engine/workspace/fileStore';
import { makeTree } from '../helpers';
import { TestClient, uriOf } from '../lsp/lspClient';
import { plantedKeys, record, rssMiB, within } from './robust/util';

const PROJECT = { 'requirements.txt': 'openai==1.30.0\n', 'app.py': 'import openai\nclient = openai.OpenAI()\n' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('robustness: a check that throws (engine)', () => {
  it('is reported as errored with its message; the other checks are unaffected', () => {
    const root = makeTree({ ...PROJECT, '.github/workflows/ci.yml': 'on: [push]\njobs: { t: { runs-on: x, steps: [{ run: pytest }] } }\n' });
    const { files } = crawl(root);
    const model = new WorkspaceModel(files, new FileStore(root, files));
    const [project] = detectProjects(model, root);
    const scope = new ProjectScope(model, project);
    const throwing = () => { throw new Error('detector exploded'); };
    const results = loadBuiltinChecks().map((def) => runCheck({ def, scope, stage: 'production', kind: project.aiKind, detectors: { ci: throwing, 'pinned-dependencies': throwing, 'hardcoded-secrets': throwing } }));
    const ci = results.find((r) => r.id === 'ci')!;
    assert.strictEqual(ci.state, 'errored');
    assert.match(ci.message, /detector exploded/);
    const others = results.filter((r) => !['ci', 'pinned-dependencies', 'hardcoded-secrets'].includes(r.id));
    assert.ok(others.length >= 8 && others.every((r) => r.state !== 'errored'), 'the rest evaluated normally');
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('robustness: language server under stress', function () {
  this.timeout(180_000);
  let root: string;
  let client: TestClient;
  beforeEach(() => {
    root = makeTree(PROJECT);
    client = new TestClient();
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('survives hostile protocol messages and keeps answering', async () => {
    await client.initialize([root]);
    await client.nextScan(root, 0);
    const bad = uriOf(path.join(root, 'nope.py'));
    const attempts: Promise<unknown>[] = [
      client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: bad }, range: { start: { line: -1, character: -5 }, end: { line: 1e9, character: 0 } }, context: { diagnostics: [{ range: null, message: null, data: { folder: 42 } }] } }),
      client.conn.sendRequest('codeAction/resolve', { title: 'x', data: { kind: 'scaffold', folder: uriOf(root), projectRoot: '../..', checkId: '../../etc' } }),
      client.conn.sendRequest('codeAction/resolve', { title: 'x', data: null }),
      client.conn.sendRequest('workspace/executeCommand', { command: 'aiPreflight.applyScaffold', arguments: [{ folder: 'file:///etc', projectRoot: '/', checkIds: ['ownership'] }] }),
      client.conn.sendRequest('workspace/executeCommand', { command: 'aiPreflight.openDocs', arguments: ['javascript:alert(1)'] }),
      client.conn.sendRequest('aiPreflight/rescan', { folderUri: 'file:///nonexistent' }),
    ];
    await Promise.allSettled(attempts.map((p) => within(20_000, 'hostile request', p)));
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: bad, version: 3 }, contentChanges: [{ text: 'x' }] });
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'untitled:1', type: 2 }, { uri: 'file:///', type: 3 }, { uri: '%%%', type: 1 }] });
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { aiPreflight: { rules: 'not-an-object', stage: 7, exclude: [null, 3] } } });
    const answer = await within(10_000, 'scanResult after hostile messages', client.conn.sendRequest<{ folders: unknown[] }>('aiPreflight/scanResult'));
    assert.strictEqual(answer.folders.length, 1);
    assert.strictEqual(client.proc.exitCode, null, 'still running');
    assert.ok(!fs.existsSync('/etc/CODEOWNERS') && !fs.existsSync('/CODEOWNERS'));
  });

  it('config thrash: 100 .ai-preflight.yaml changes in one second end in one correct, debounced result', async () => {
    await client.initialize([root]);
    await client.nextScan(root, 0);
    const config = path.join(root, '.ai-preflight.yaml');
    const before = client.scanCount(root);
    const t0 = Date.now();
    const variants = ['stage: poc\n', 'stage: [broken\n', 'rules: { model-card: 5 }\n', 'stage: production\ncustom: [{ id: x }]\n', ': : :\n'];
    // All 100 changes are scheduled at once, 10 ms apart: nothing waits on the server between them.
    await Promise.all(Array.from({ length: 100 }, (_, i) => new Promise<void>((done) => setTimeout(() => {
      fs.writeFileSync(config, variants[i % variants.length]);
      void client.fileChanged(config, i === 0 ? 1 : 2);
      done();
    }, i * 10))));
    const sentMs = Date.now() - t0;
    assert.ok(sentMs < 1_500, `the 100 changes were sent in ${sentMs} ms`);
    fs.writeFileSync(config, 'stage: production\n');
    await client.fileChanged(config, 2);
    const last = await client.waitFor('a scan with the final config', () => {
      const s = [...client.scans].reverse().find((x) => x.uri === uriOf(root));
      return client.scanCount(root) > before && (s?.result?.projects[0] as { stage?: string } | undefined)?.stage === 'production' && s;
    }, 30_000);
    await sleep(600); // let any straggler scan land
    const scans = client.scanCount(root) - before;
    console.log(`      100 changes sent in ${sentMs} ms; ${scans} scans`);
    record('LSP: 100 config changes in ~1 s via didChangeWatchedFiles', `sent in ${sentMs} ms; ${scans} scans; final stage ${(last.result?.projects[0] as { stage?: string }).stage}`, Date.now() - t0);
    assert.ok(scans <= 20, `debounced: ${scans} scans for 101 changes`);
    const final = [...client.scans].reverse().find((x) => x.uri === uriOf(root))!;
    assert.strictEqual((final.result?.projects[0] as { stage?: string }).stage, 'production', 'the last result reflects the last config');
    const configDiags = client.diagnostics.get(uriOf(config)) ?? [];
    assert.deepStrictEqual(configDiags, [], 'no stale config errors from the thrash');
  });

  // Regression: live checks had no size cap (a 10 MB document blocked the server 3-7 s per edit, RSS ~2 GB).
  it('huge open documents (10 MB) do not stall the server or balloon its memory', async function () {
    const pid = client.proc.pid!;
    if (rssMiB(pid) === undefined) this.skip();
    await client.initialize([root]);
    await client.nextScan(root, 0);
    const rssBefore = rssMiB(pid)!;
    const docs: [string, string][] = [['big.py', 'x = 1; '.repeat(1_500_000)], ['big.json', '[' + '1,'.repeat(5_000_000) + '1]'], ['big.ts', 'let a = [' + '1,'.repeat(5_000_000) + '1];']];
    let slowest = 0;
    for (const [name, text] of docs) {
      const uri = uriOf(path.join(root, name));
      fs.writeFileSync(path.join(root, name), '');
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: '' } });
      const t0 = Date.now();
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
      await sleep(300); // past the debounce: the check runs now
      await within(20_000, 'scanResult during a huge document check', client.conn.sendRequest('aiPreflight/scanResult'));
      slowest = Math.max(slowest, Date.now() - t0);
    }
    const growth = rssMiB(pid)! - rssBefore;
    record('LSP: 10 MB .py/.json/.ts documents opened and replaced', `slowest answer ${slowest} ms; RSS +${growth.toFixed(0)} MiB`, slowest);
    assert.ok(slowest < 2_000, `the server answered after ${slowest} ms`);
    assert.ok(growth < 300, `RSS grew ${growth.toFixed(0)} MiB`);
  });

  it('1,000 incremental edits: correct final text, memory flat between two batches of 500 (RSS measured)', async function () {
    const pid = client.proc.pid!;
    if (rssMiB(pid) === undefined) this.skip(); // no /proc here
    await client.initialize([root]);
    await client.nextScan(root, 0);
    const file = path.join(root, 'app.py');
    const uri = uriOf(file);
    const text = fs.readFileSync(file, 'utf8');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    let version = 1;
    const edit = async (line: number, character: number, insert: string) => {
      version++;
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: insert }] });
    };
    const key = plantedKeys().find((k) => k.rule === 'github-token')!.key;
    let next = 2;
    // 500 edits, some checks run on the way, then a secret on a new last line: its diagnostic at that exact line
    // proves the server's text is in sync and the check of the batch's last edit ran. RSS is read after it.
    const batch = async (n: number, label: string) => {
      for (let i = 0; i < n; i++) {
        await edit(next++, 0, `y${i} = "${'v'.repeat(i % 40)}"\n`);
        if (i % 100 === 99) await sleep(200); // past the debounce: a check runs on the text so far
      }
      const line = next++;
      await edit(line, 0, `TOKEN = "${key}"\n`);
      const diag = await client.waitFor(`${label}: secret diagnostic at line ${line}`, () => (client.diagnostics.get(uri) ?? []).find((d) => d.range.start.line === line), 30_000);
      assert.ok(!JSON.stringify(diag).includes(key), 'masked');
      await sleep(1000);
      return rssMiB(pid)!;
    };
    await batch(50, 'warm-up'); // parsers, caches
    const t0 = Date.now();
    const rssFirst = await batch(500, 'first 500');
    const rssSecond = await batch(500, 'second 500');
    const ms = Date.now() - t0;
    const growth = rssSecond - rssFirst;
    console.log(`      RSS after the first 500 edits ${rssFirst.toFixed(1)} MiB, after the second 500 ${rssSecond.toFixed(1)} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)})`);
    record('LSP: 1,000 incremental didChange edits of one document (2 × 500)', `RSS ${rssFirst.toFixed(0)} → ${rssSecond.toFixed(0)} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(0)})`, ms);
    assert.ok(growth < 20, `RSS grew ${growth.toFixed(1)} MiB between the two batches of 500`);
  });
});
