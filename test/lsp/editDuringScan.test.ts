// An edit made while a folder's first scan runs: the scan read the document as it was when it started, and the
// live check had no project layout yet, so the edit's findings used to appear only at the next keystroke.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from '../helpers';
import { TestClient, uriOf } from './lspClient';

/** Enough ordinary modules that the first scan takes a while (it yields between batches of files). */
const FILLER_MODULES = 5000;

function fillerModule(i: number): string {
  const lines = [`"""Module ${i}."""`, ''];
  for (let f = 0; f < 12; f++) lines.push(`def step_${i}_${f}(rows, scale=${f}.5):`, '    out = []', '    for row in rows:', `        out.append(row.get("v", 0) * scale + ${f})`, '    return out', '');
  return lines.join('\n');
}

describe('language server: editing while the first scan runs', function () {
  this.timeout(60000);
  let tmp: string;
  let client: TestClient;

  beforeEach(() => {
    tmp = makeTempDir('aipf-lsp-during-');
    fs.writeFileSync(path.join(tmp, 'requirements.txt'), 'openai==1.40.0\n');
    fs.writeFileSync(path.join(tmp, 'app.py'), 'from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n');
    fs.mkdirSync(path.join(tmp, 'lib'));
    for (let i = 0; i < FILLER_MODULES; i++) fs.writeFileSync(path.join(tmp, 'lib', `m${i}.py`), fillerModule(i));
    client = new TestClient();
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('checks a document edited mid-scan as soon as the scan has found its project', async () => {
    // Once the scan reports it is past listing, it has already taken in the open documents' texts.
    const underWay = new Promise<void>((resolve) => {
      client.conn.onNotification('$/progress', (p: { value?: { message?: string } }) => {
        if (/Finding AI projects/.test(p.value?.message ?? '')) resolve();
      });
    });
    await client.initialize([tmp]);
    await underWay;

    const file = path.join(tmp, 'app.py');
    const uri = uriOf(file);
    const original = fs.readFileSync(file, 'utf8');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: original } });
    const edited = `${original}\nsecond = OpenAI()\n`;
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    // The edit must have reached the server before the scan finished, or this test shows nothing.
    const scansWhenEdited = client.scanCount(tmp);

    const timeoutLine = edited.split('\n').indexOf('second = OpenAI()');
    const diag = await client.waitFor('the edit\'s llm-client-timeout diagnostic', () =>
      (client.diagnostics.get(uri) ?? []).find((d) => d.code === 'llm-client-timeout' && d.range.start.line === timeoutLine), 30000);
    assert.strictEqual(scansWhenEdited, 0, 'the edit was sent before the first scan finished');
    assert.match(diag.message, /timeout/);
    // The scan saw the file without the edit: its client with a timeout is not reported.
    assert.ok(!(client.diagnostics.get(uri) ?? []).some((d) => d.code === 'llm-client-timeout' && d.range.start.line === 2));
  });
});
