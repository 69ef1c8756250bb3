// LSP protocol test of aiPreflight/checkCell: the findings of one notebook cell with their quick fixes in cell
// coordinates (what VS Code's notebook editor offers as code actions on a cell). The cells are checked together,
// as a scan checks the .ipynb: the same findings as the file's diagnostics, mapped onto the cell.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree } from '../helpers';
import { applyTextEdits, TestClient, uriOf } from './lspClient';
import { notebookSourceMap } from '../../server/src/engine/code/notebookMapping';
import type { CellFinding, CheckCellResult } from '../../server/src/server/protocol';

// Generated at test time; shaped like an OpenAI project key, never a real one. Never printed.
const fakeKey = () => {
  const body = () => randomBytes(64).toString('base64url').replace(/[-_]/g, 'x').slice(0, 74);
  return `sk-proj-${body()}T3BlbkFJ${body()}`;
};

describe('language server over stdio: aiPreflight/checkCell (code actions on notebook cells)', function () {
  this.timeout(30000);
  const key = fakeKey();
  // The imports are in the first cell: the second cell's client is an OpenAI client only when read with it.
  const cells = [
    'import torch\nfrom openai import OpenAI',
    `client = OpenAI()\nAPI_KEY = "${key}"\nstate = torch.load(checkpoint_path)`,
    '# ai-preflight-ignore: llm-client-timeout the batch job sets its own deadline\nbatch = OpenAI()',
  ];
  let root: string;
  let client: TestClient;
  const nbFile = () => path.join(root, 'notebooks', 'explore.ipynb');
  const ask = (params: unknown) => client.conn.sendRequest<CheckCellResult>('aiPreflight/checkCell', params);
  const byRule = (findings: CellFinding[], rule: string) => findings.find((f) => f.ruleId === rule);

  before(async () => {
    const notebook = { cells: cells.map((c) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: c.split(/(?<=\n)/) })), metadata: {}, nbformat: 4, nbformat_minor: 5 };
    root = makeTree({
      'requirements.txt': 'openai==1.40.0\ntorch==2.3.0\n',
      '.ai-preflight.yaml': 'stage: production\nrules:\n  llm-client-timeout:\n    timeout-seconds: 45\n',
      'notebooks/explore.ipynb': JSON.stringify(notebook, null, 1),
    });
    client = new TestClient();
    await client.initialize([root]);
    await client.nextScan(root, 0);
  });
  after(async () => {
    await client?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('aiPreflight/checkNotebook (unsaved cells as .ipynb JSON) answers the same folder settings and masks the key', async () => {
    const notebook = { cells: cells.map((c) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: c })), metadata: {}, nbformat: 4, nbformat_minor: 5 };
    const text = JSON.stringify(notebook);
    const reply = await client.conn.sendRequest<{ findings: { ruleId: string; severity: string }[] }>('aiPreflight/checkNotebook', { uri: uriOf(nbFile()), text });
    assert.deepStrictEqual([...new Set(reply.findings.map((f) => f.ruleId))].sort(), ['hardcoded-secrets', 'llm-client-timeout', 'unsafe-deserialization']);
    assert.ok(reply.findings.some((f) => f.ruleId === 'llm-client-timeout' && f.severity === 'warning'), 'production stage from the folder config');
    assert.ok(!JSON.stringify(reply).includes(key), 'the key is never sent back in full');
    const outside = await client.conn.sendRequest<{ findings: unknown[] }>('aiPreflight/checkNotebook', { uri: uriOf(path.join(path.dirname(root), 'elsewhere.ipynb')), text });
    assert.deepStrictEqual(outside.findings, [], 'a notebook outside the workspace folders gets nothing');
  });

  it('answers the cell\'s findings at cell lines, the same ones the .ipynb diagnostics show on that cell', async () => {
    const { findings } = await ask({ uri: uriOf(nbFile()), cells, cell: 1 });
    assert.deepStrictEqual(findings.map((f) => `${f.ruleId}@${f.range.start.line}`).sort(),
      ['hardcoded-secrets@1', 'llm-client-timeout@0', 'unsafe-deserialization@2']);
    const raw = fs.readFileSync(nbFile(), 'utf8');
    const map = notebookSourceMap(raw)!;
    const diags = await client.waitFor('notebook diagnostics', () => client.diagnostics.get(uriOf(nbFile())));
    const onCell = diags.map((d) => ({ rule: String(d.code), at: map.toCellRange(d.range.start, d.range.end) })).filter((d) => d.at?.cellIndex === 1);
    assert.deepStrictEqual(onCell.map((d) => `${d.rule}@${d.at!.start.line}:${d.at!.start.character}`).sort(),
      findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`).sort(), 'same rules, lines and columns as on the file');
    assert.ok(findings.every((f) => /^https?:/.test(f.docsUrl ?? '')), 'each has its docs link (Explain)');
  });

  it('gives fixes as edits of the cells: the configured timeout, weights_only=True, the secret read from the environment', async () => {
    const { findings } = await ask({ uri: uriOf(nbFile()), cells, cell: 1 });
    const wire = JSON.stringify(findings);
    assert.ok(!wire.includes(key) && !wire.includes(key.slice(12, 40)), 'the key is never sent in full');
    const secret = byRule(findings, 'hardcoded-secrets')!;
    assert.match(secret.message, /sk-proj-/, 'the message names the masked key');
    assert.ok(secret.fix?.edits.some((e) => e.cell === 0 && e.newText === 'import os\n' && e.range.start.line === 0), '`import os` goes at the top of the first code cell, where the imports are');
    assert.deepStrictEqual(secret.fix?.envExample && { path: secret.fix.envExample.path, create: secret.fix.envExample.create }, { path: '.env.example', create: true });
    assert.match(secret.fix!.envExample!.text, /^OPENAI_API_KEY=$/m);
    const edited = cells.map((text, i) => applyTextEdits(text, findings.flatMap((f) => f.fix?.edits ?? []).filter((e) => e.cell === i)));
    assert.strictEqual(edited[0], 'import os\nimport torch\nfrom openai import OpenAI');
    assert.ok(!edited[1].includes(key), 'the key literal is replaced');
    assert.strictEqual(edited[1], 'client = OpenAI(timeout=45)\nAPI_KEY = os.environ["OPENAI_API_KEY"]\nstate = torch.load(checkpoint_path, weights_only=True)');
    assert.strictEqual(edited[2], cells[2], 'the suppressed client in the third cell is left alone');
  });

  it('honours a suppression comment in a cell, and answers nothing for a cell without findings or a bad request', async () => {
    assert.deepStrictEqual((await ask({ uri: uriOf(nbFile()), cells, cell: 2 })).findings, [], 'suppressed with a reason');
    assert.deepStrictEqual((await ask({ uri: uriOf(nbFile()), cells, cell: 0 })).findings, []);
    assert.deepStrictEqual((await ask({ uri: uriOf(nbFile()), cells, cell: 3 })).findings, [], 'cell out of range');
    assert.deepStrictEqual((await ask({ uri: uriOf(path.join(root, 'app.py')), cells, cell: 1 })).findings, [], 'not a notebook');
    assert.deepStrictEqual((await ask({ uri: uriOf(nbFile()), cells: [1, 2], cell: 0 })).findings, [], 'cells not strings');
  });
});
