// The file store's read caps and notes hold on warm re-scans too (entries carry over between scans).
import { strict as assert } from 'assert';
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
