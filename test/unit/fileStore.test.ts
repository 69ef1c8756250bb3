// The file store's read caps and notes hold on warm re-scans too (entries carry over between scans); reads see
// a file as it is now, through the shared read buffer.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FileStore } from '../../server/src/engine/workspace/fileStore';
import { scan } from '../../server/src/engine/scan';
import { forgetScans } from '../../server/src/engine/scanState';
import { makeTree } from '../helpers';

describe('file store notes across scans', () => {
  it('notes a file over the read cap on every scan, not only the first', async () => {
    const root = makeTree({
      'pyproject.toml': '[project]\nname = "x"\ndependencies = ["openai==1.40.0"]\n',
      'app.py': 'from openai import OpenAI\n',
      'evals/big_golden.jsonl': '{"q": "a"}\n'.repeat(120_000),
    });
    forgetScans(root);
    const isCapNote = (n: { file?: string; message: string }) => n.file === 'evals/big_golden.jsonl' && /over the .* cap/.test(n.message);
    const first = await scan({ root });
    const second = await scan({ root });
    assert.ok(first.notes.some(isCapNote), 'first scan notes it');
    assert.ok(second.notes.some(isCapNote), 'the warm re-scan notes it too');
  });
});

describe('file store reads', () => {
  const listed = (root: string, rel: string) => {
    const st = fs.statSync(path.join(root, rel));
    return { rel, size: st.size, mtimeMs: st.mtimeMs };
  };

  it('reads the whole file when it changed size since it was listed (grown, shrunk, emptied)', () => {
    const root = makeTree({ 'a.txt': 'x'.repeat(100), 'b.txt': 'y'.repeat(5000), 'c.txt': 'z' });
    const files = ['a.txt', 'b.txt', 'c.txt'].map((rel) => listed(root, rel));
    fs.writeFileSync(path.join(root, 'a.txt'), 'x'.repeat(3000));
    fs.writeFileSync(path.join(root, 'b.txt'), 'short');
    fs.writeFileSync(path.join(root, 'c.txt'), '');
    const store = new FileStore(root, files);
    assert.deepStrictEqual(['a.txt', 'b.txt', 'c.txt'].map((rel) => store.read(rel)), ['x'.repeat(3000), 'short', '']);
  });

  it('a file that grew over the cap after listing is not read, with a note', () => {
    const root = makeTree({ 'grow.txt': 'small\n' });
    const files = [listed(root, 'grow.txt')];
    fs.writeFileSync(path.join(root, 'grow.txt'), 'g'.repeat(3000));
    const store = new FileStore(root, files, new Map(), 1024);
    assert.strictEqual(store.read('grow.txt'), null);
    assert.ok(store.notes.some((n) => n.file === 'grow.txt' && /grew over the 1 KiB cap/.test(n.message)), JSON.stringify(store.notes));
  });

  it('consecutive reads through the shared buffer do not bleed into each other', () => {
    const big = 'B'.repeat(600_000);
    const root = makeTree({ 'big.txt': big, 'small.txt': 'tiny', 'notebook.ipynb': JSON.stringify({ cells: [], pad: 'n'.repeat(2_000_000) }) });
    const store = new FileStore(root, ['big.txt', 'small.txt', 'notebook.ipynb'].map((rel) => listed(root, rel)));
    assert.strictEqual(store.read('big.txt'), big);
    assert.strictEqual(store.read('small.txt'), 'tiny');
    assert.strictEqual(store.read('notebook.ipynb')?.length, fs.statSync(path.join(root, 'notebook.ipynb')).size);
  });
});
