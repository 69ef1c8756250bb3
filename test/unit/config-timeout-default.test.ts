// `rules: { llm-client-timeout: { timeout-seconds: N } }` sets the timeout the quick fix writes (seconds in Python,
// milliseconds in JS); without it the fix writes the default, and a wrong value is a config error at its line.
import * as assert from 'assert';
import type { Finding } from '../../server/src/engine/types';
import { LLM_BASE, scanTree } from './engine-support.test';

const FILES = {
  ...LLM_BASE,
  'app/client.py': 'from openai import OpenAI\n\nclient = OpenAI()\nslow = OpenAI(timeout=None)\n',
  'web/package.json': JSON.stringify({ name: 'web', dependencies: { openai: '4.56.0' } }),
  'web/chat.js': "import OpenAI from 'openai';\n\nexport const client = new OpenAI({ maxRetries: 2 });\n",
};
const timeoutFixes = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'llm-client-timeout').map((f) => `${f.file}: ${f.fix?.title} -> ${f.fix?.edits.map((e) => e.newText).join('|')}`).sort();

describe('config: the timeout the llm-client-timeout fix writes', () => {
  it('defaults to 60 s (60000 ms in JS)', async () => {
    assert.deepStrictEqual(timeoutFixes((await scanTree(FILES)).findings), [
      'app/client.py: Add timeout=60 -> timeout=60',
      'app/client.py: Set timeout=60 -> 60',
      'web/chat.js: Add timeout: 60000 (ms) -> , timeout: 60000',
    ]);
  });

  it('timeout-seconds: 20 makes every fix write 20 s (20000 ms in JS)', async () => {
    const yaml = 'rules:\n  llm-client-timeout:\n    severity: warning\n    timeout-seconds: 20\n';
    const result = await scanTree({ ...FILES, '.ai-preflight.yaml': yaml });
    assert.deepStrictEqual(result.notes.filter((n) => n.kind === 'config-error'), []);
    assert.deepStrictEqual(timeoutFixes(result.findings), [
      'app/client.py: Add timeout=20 -> timeout=20',
      'app/client.py: Set timeout=20 -> 20',
      'web/chat.js: Add timeout: 20000 (ms) -> , timeout: 20000',
    ]);
  });

  it('a value that is not a positive number is a config error at its line', async () => {
    const result = await scanTree({ ...FILES, '.ai-preflight.yaml': 'rules:\n  llm-client-timeout:\n    timeout-seconds: -5\n' });
    const err = result.notes.find((n) => n.kind === 'config-error');
    assert.ok(err, 'config error');
    assert.strictEqual(err.line, 3);
  });
});
