// Issue 5: the hard-coded-secret quick fix in the editor does what `ai-preflight fix --check hardcoded-secrets`
// does: the literal becomes an environment lookup and the variable's name (never the value) goes into
// .env.example, created at the project root when absent, added at the end otherwise. Byte-equal on two copies.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { cliPath, hashTree, makeTempDir, makeTree } from '../helpers';
import { applyWorkspaceEdit, TestClient, uriOf, WorkspaceEditLike } from './lspClient';

interface Action { title: string; edit?: WorkspaceEditLike }

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const rand = (n: number) => [...randomBytes(n)].map((b) => ALPHA[b % ALPHA.length]).join('');
/** Shaped like an OpenAI project key, generated now: never a real one, never printed. */
const openaiKey = () => `sk-proj-${rand(74)}T3BlbkFJ${rand(74)}`;

function copyOf(src: string): string {
  const dest = path.join(makeTempDir('aipf-secret-parity-'), 'repo');
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

const CASES: { name: string; extra: Record<string, string>; envFile: string }[] = [
  { name: 'no .env.example yet: created at the project root', extra: {}, envFile: 'svc/.env.example' },
  { name: 'an existing .env.example above: the name added at its end', extra: { '.env.example': 'LOG_LEVEL=info' }, envFile: '.env.example' },
];

describe('secret quick fix parity: LSP and CLI write the same files', function () {
  this.timeout(60_000);
  for (const c of CASES) {
    it(c.name, async () => {
      const key = openaiKey();
      const source = makeTree({
        'svc/requirements.txt': 'openai==1.40.0\n',
        'svc/app.py': `"""Bot."""\nfrom __future__ import annotations\n\nfrom openai import OpenAI\n\nclient = OpenAI(api_key="${key}", timeout=20)\n`,
        ...c.extra,
      });
      const [lspRoot, cliRoot] = [copyOf(source), copyOf(source)];
      const client = new TestClient();
      try {
        await client.initialize([lspRoot]);
        await client.nextScan(lspRoot, 0);
        const uri = uriOf(path.join(lspRoot, 'svc', 'app.py'));
        const diag = await client.waitFor('the secret diagnostic', () => client.diagnostics.get(uri)?.find((d) => d.code === 'hardcoded-secrets'));
        const actions: Action[] = await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
        const fix = actions.find((a) => a.title.startsWith('Read the secret from the environment'));
        assert.ok(fix?.edit, `a fix among ${actions.map((a) => a.title).join(', ')}`);
        assert.ok(!JSON.stringify(fix.edit).includes(key), 'the edit never carries the key');
        const envUri = uriOf(path.join(lspRoot, ...c.envFile.split('/')));
        const touches = (fix.edit.documentChanges ?? []).map((d) => ('kind' in d ? `create ${d.uri}` : d.textDocument.uri));
        assert.ok(touches.includes(envUri), `the edit also writes ${c.envFile}: ${touches.join(', ')}`);
        const create = (fix.edit.documentChanges ?? []).find((d) => 'kind' in d);
        if (create && 'kind' in create) assert.strictEqual(create.options?.overwrite, false, 'creating never overwrites');
        applyWorkspaceEdit(fix.edit);
      } finally {
        await client.dispose();
      }
      execFileSync(process.execPath, [cliPath, 'fix', cliRoot, '--check', 'hardcoded-secrets'], { stdio: 'pipe' });
      const [a, b] = [hashTree(lspRoot), hashTree(cliRoot)];
      assert.deepStrictEqual([...a.keys()].sort(), [...b.keys()].sort(), 'the same files');
      for (const [rel, h] of a) assert.strictEqual(h, b.get(rel), `${rel}: byte-equal`);
      const env = fs.readFileSync(path.join(lspRoot, ...c.envFile.split('/')), 'utf8');
      assert.match(env, /^OPENAI_API_KEY=$/m);
      assert.ok(!env.includes(key));
      if (c.extra['.env.example']) assert.ok(env.startsWith(c.extra['.env.example'] + '\n'), 'what was there is kept');
    });
  }
});
