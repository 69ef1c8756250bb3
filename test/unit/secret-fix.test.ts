// The hard-coded-secret quick fix: the literal becomes an environment lookup, `import os` is added once,
// and nothing is offered where a textual replacement could change meaning.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { codeFindingsForFile } from '../../server/src/engine/findings/codeFindings';
import type { Finding, TextFix } from '../../server/src/engine/types';

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const rand = (n: number) => [...randomBytes(n)].map((b) => ALPHA[b % ALPHA.length]).join('');
/** An OpenAI project key in the real format, generated now: never a real key. */
const openaiKey = () => `sk-proj-${rand(74)}T3BlbkFJ${rand(74)}`;

function apply(text: string, fix: TextFix): string {
  const lines = text.split('\n');
  // Apply bottom-up so earlier positions stay valid.
  const edits = [...fix.edits].sort((a, b) => b.line - a.line || b.column - a.column);
  for (const e of edits) {
    const before = lines.slice(0, e.line - 1).join('\n') + (e.line > 1 ? '\n' : '') + lines[e.line - 1].slice(0, e.column);
    const after = lines[e.endLine - 1].slice(e.endColumn) + (e.endLine < lines.length ? '\n' : '') + lines.slice(e.endLine).join('\n');
    const joined = before + e.newText + after;
    lines.splice(0, lines.length, ...joined.split('\n'));
  }
  return lines.join('\n');
}

async function secretOf(file: string, text: string): Promise<Finding> {
  const found = (await codeFindingsForFile(file, text, { secrets: true })).filter((f) => f.ruleId === 'hardcoded-secrets');
  assert.strictEqual(found.length, 1, `one secret in ${file}`);
  return found[0];
}

describe('hard-coded secret quick fix', () => {
  it('Python: replaces the literal with os.environ and adds import os before the first import', async () => {
    const key = openaiKey();
    const text = `"""Support bot."""\nfrom openai import OpenAI\n\nclient = OpenAI(api_key="${key}")\n`;
    const f = await secretOf('app.py', text);
    assert.ok(f.fix, 'a fix is offered');
    const fixed = apply(text, f.fix!);
    assert.strictEqual(fixed, `"""Support bot."""\nimport os\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n`);
    assert.ok(!fixed.includes(key));
    assert.ok(!f.fix!.title.includes(key) && !f.message.includes(key), 'the key never appears in the title or message');
  });

  it('Python: does not add a second import os', async () => {
    const text = `import os\nKEY = '${openaiKey()}'\n`;
    const f = await secretOf('cfg.py', text);
    assert.strictEqual(apply(text, f.fix!), 'import os\nKEY = os.environ["OPENAI_API_KEY"]\n');
  });

  it('TypeScript: process.env', async () => {
    const text = `const client = new OpenAI({ apiKey: "${openaiKey()}" });\n`;
    const f = await secretOf('src/client.ts', text);
    assert.strictEqual(apply(text, f.fix!), 'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n');
  });

  it('no fix inside an f-string, a notebook or a .env file', async () => {
    const key = openaiKey();
    assert.strictEqual((await secretOf('a.py', `x = f"${key}"\n`)).fix, undefined);
    assert.strictEqual((await secretOf('.env', `OPENAI_API_KEY=${key}\n`)).fix, undefined);
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: [`k = "${key}"\n`], outputs: [] }], nbformat: 4, nbformat_minor: 5, metadata: {} }, null, 1);
    assert.strictEqual((await secretOf('n.ipynb', nb)).fix, undefined);
  });
});
