// A found secret is never printed in full: plant generated keys of many providers in code, notebooks
// (outputs too), configs, dotenv files, broken manifests and file names, then grep every CLI format,
// the JSON of scan(), the LSP diagnostics, messages and logs, and CLI error output.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import { makeTree } from '../helpers';
import { TestClient, uriOf } from '../lsp/lspClient';
import { leakedIn, plantedKeys, record, runCli } from './robust/util';

function plantedWorkspace(): { root: string; keys: string[] } {
  const planted = plantedKeys();
  const keys = planted.map((k) => k.key);
  const byRule = (i: number) => keys[i % keys.length];
  const notebook = {
    cells: [
      { cell_type: 'code', source: ['import openai\n', `openai.api_key = "${byRule(1)}"\n`], metadata: {}, execution_count: 1,
        outputs: [{ output_type: 'stream', name: 'stdout', text: [`token: ${byRule(2)}\n`] }] },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  const files: Record<string, string> = {
    'requirements.txt': 'openai==1.30.0\n',
    'app.py': keys.map((k, i) => `KEY_${i} = "${k}"`).join('\n') + '\n',
    'web/client.ts': `const key = "${byRule(3)}";\nexport const other = { apiKey: "${byRule(4)}" };\n`,
    'nb.ipynb': JSON.stringify(notebook),
    '.env': keys.map((k, i) => `SECRET_${i}=${k}`).join('\n') + '\n',
    'config/settings.yaml': `openai:\n  api_key: ${byRule(5)}\n`,
    'config/settings.toml': `[llm]\napi_key = "${byRule(6)}"\n`,
    // Broken manifests whose parse error could quote the key.
    'package.json': `{"name": "x", "dependencies": ${byRule(7)} }`,
    'pyproject.toml': `[project\nname = "${byRule(8)}"\n`,
    'environment.yml': `name: [${byRule(9)}\n`,
    // Config whose errors could echo the key as a key name or a value.
    '.ai-preflight.yaml': `stage: ${byRule(10)}\nrules:\n  ${byRule(12)}: error\n  model-card: ${byRule(13)}\n`,
  };
  return { root: makeTree(files), keys };
}

describe('robustness: secrets are never printed in full', function () {
  this.timeout(120_000);
  let w: { root: string; keys: string[] };
  before(() => { w = plantedWorkspace(); });
  after(() => fs.rmSync(w.root, { recursive: true, force: true }));

  it('scan(): findings are masked and no key appears anywhere in the result', async () => {
    const result = await scan({ root: w.root });
    const secrets = result.findings.filter((f) => f.masked);
    assert.ok(secrets.length >= 10, `found ${secrets.length} secrets`);
    assert.deepStrictEqual(leakedIn(JSON.stringify(result), w.keys), []);
  });

  for (const format of ['text', 'json', 'sarif', 'markdown', 'html']) {
    it(`CLI --format ${format} (verbose, also written with --output) never holds a key`, async () => {
      const outFile = path.join(w.root, '..', `${path.basename(w.root)}-report.${format}`);
      const r = await runCli(['scan', w.root, '--format', format, '--verbose', '--fail-on', 'never'], { timeoutMs: 60_000 });
      const written = await runCli(['scan', w.root, '--format', format, '--output', outFile], { timeoutMs: 60_000 });
      record(`CLI --format ${format} on ${w.keys.length} planted provider keys`, `exit ${r.code}; ${r.stdout.length} chars`, r.ms);
      assert.ok(r.stdout.length > 100);
      assert.deepStrictEqual(leakedIn(r.stdout + r.stderr, w.keys), []);
      const file = fs.readFileSync(outFile, 'utf8');
      fs.rmSync(outFile);
      assert.deepStrictEqual(leakedIn(file + written.stderr, w.keys), []);
    });
  }

  it('CLI error paths never echo a key (bad arguments, a key as the folder name)', async () => {
    const key = w.keys[0];
    const runs = await Promise.all([
      runCli(['scan', path.join(w.root, key)]),
      runCli(['scan', w.root, '--stage', key]),
      runCli(['explain', key]),
      runCli([key]),
    ]);
    for (const r of runs) {
      assert.strictEqual(r.code, 2);
      // Echoing the argument back is fine when the user typed it; a key read from a FILE must never be.
    }
    const fromFiles = await runCli(['fix', w.root, '--dry-run'], { timeoutMs: 60_000 });
    assert.deepStrictEqual(leakedIn(fromFiles.stdout + fromFiles.stderr, w.keys), [], 'fix --dry-run output');
  });

  // Regression: a key used as an unknown top-level config key used to be echoed in full in the note's `key` field.
  it('a key used as a config key name is masked in config-error notes, in every format', async () => {
    const key = plantedKeys().find((k) => k.rule === 'pinecone-api-key')!.key;
    const root = makeTree({ 'requirements.txt': 'openai==1.30.0\n', '.ai-preflight.yaml': `${key}: 1\nstage: pilot\n` });
    try {
      const result = await scan({ root });
      assert.ok(result.notes.some((n) => n.kind === 'config-error' && /unknown key/.test(n.message)), 'the unknown key is still reported');
      assert.deepStrictEqual(leakedIn(JSON.stringify(result), [key]), []);
      for (const format of ['text', 'json', 'sarif', 'markdown', 'html']) {
        const r = await runCli(['scan', root, '--format', format, '--verbose'], { timeoutMs: 60_000 });
        assert.deepStrictEqual(leakedIn(r.stdout + r.stderr, [key]), [], format);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  // Regression (robust-patches 07): yaml's parse() printed the offending line (a short token in full) to stderr.
  it('YAML parser warnings never print a planted key on stderr (CLI and server logs)', async () => {
    const keys = ['github-token', 'aws-access-key-id', 'huggingface-token'].map((rule) => plantedKeys().find((k) => k.rule === rule)!.key);
    const env = `name: demo\nvariables:\n${keys.map((k, i) => `  TOKEN_${i}: !secret ${k}`).join('\n')}\n%WEIRD directive\ndependencies: [openai]\n`;
    const root = makeTree({ 'requirements.txt': 'openai==1.30.0\n', 'environment.yml': env });
    try {
      const r = await runCli(['scan', root, '--format', 'json'], { timeoutMs: 60_000 });
      assert.deepStrictEqual(leakedIn(r.stdout + r.stderr, keys), []);
      const client = new TestClient();
      try {
        await client.initialize([root]);
        await client.nextScan(root, 0);
        assert.deepStrictEqual(leakedIn(client.stderr, keys), [], 'server stderr');
      } finally {
        await client.dispose();
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('LSP: diagnostics, live edits, notifications and server logs never hold a key', async () => {
    const client = new TestClient();
    const shown: string[] = [];
    client.conn.onNotification('window/logMessage', (p: { message: string }) => { shown.push(p.message); });
    client.conn.onNotification('window/showMessage', (p: { message: string }) => { shown.push(p.message); });
    try {
      await client.initialize([w.root]);
      await client.nextScan(w.root, 0);
      // Live path: open and edit a document with a fresh key.
      const fresh = plantedKeys()[0].key;
      const uri = uriOf(path.join(w.root, 'live.py'));
      fs.writeFileSync(path.join(w.root, 'live.py'), 'x = 1\n');
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: 'x = 1\n' } });
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `TOKEN = "${fresh}"\n` }] });
      const live = await client.waitFor('live secret diagnostic', () => (client.diagnostics.get(uri) ?? []).length > 0 && client.diagnostics.get(uri));
      assert.ok(live.length >= 1);
      const snapshot = await client.conn.sendRequest('aiPreflight/scanResult');
      const everything = JSON.stringify([...client.diagnostics]) + JSON.stringify(client.scans) + JSON.stringify(snapshot) + shown.join('\n') + client.stderr;
      const all = [...w.keys, fresh];
      record('LSP server on planted keys + a live edit with a fresh key', `${client.diagnostics.size} URIs with diagnostics`, 0);
      assert.deepStrictEqual(leakedIn(everything, all), []);
    } finally {
      await client.dispose();
    }
  });
});
