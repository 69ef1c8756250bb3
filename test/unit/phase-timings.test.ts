// AI_PREFLIGHT_TIMING=1: a full scan prints its phases to stderr; without it, nothing is printed.
import * as assert from 'assert';
import * as fs from 'fs';
import { scan, forgetScans } from '../../server/src/engine/scan';
import { phaseTimer } from '../../server/src/engine/phaseTimings';
import { makeTree } from '../helpers';

function captureStderr(run: () => Promise<unknown>): Promise<string> {
  const original = process.stderr.write.bind(process.stderr);
  let out = '';
  (process.stderr as { write: unknown }).write = (chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  };
  return run().then(() => out, (e) => Promise.reject(e)).finally(() => {
    (process.stderr as { write: unknown }).write = original;
  });
}

describe('phase timings (AI_PREFLIGHT_TIMING)', () => {
  const files = { 'requirements.txt': 'openai==1.40.0\n', 'app.py': 'from openai import OpenAI\nclient = OpenAI(timeout=30)\n' };

  it('a full scan prints each phase and the total when enabled', async () => {
    const root = makeTree(files);
    process.env.AI_PREFLIGHT_TIMING = '1';
    try {
      const out = await captureStderr(() => scan({ root }));
      assert.match(out, /\[ai-preflight timing\] full scan of .*: 2 files/);
      for (const phase of ['list files', 'first pass', 'detect projects', 'second pass', 'checks', 'total']) {
        assert.match(out, new RegExp(`\\n  ${phase}.* +\\d+ ms`), `${phase} missing in:\n${out}`);
      }
    } finally {
      delete process.env.AI_PREFLIGHT_TIMING;
      forgetScans(root);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('prints nothing when not enabled', async () => {
    const root = makeTree(files);
    try {
      assert.strictEqual(await captureStderr(() => scan({ root })), '');
      const timer = phaseTimer(false);
      assert.strictEqual(await captureStderr(async () => { timer.mark('x'); timer.done('y'); }), '');
    } finally {
      forgetScans(root);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
