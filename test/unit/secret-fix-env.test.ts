// The hard-coded-secret fix, issue 5: the literal becomes an environment lookup that compiles (`import os` after
// a docstring and `from __future__` imports), and the variable's name (never its value) lands in .env.example:
// created at the project root when absent, added at the end of an existing one, never twice.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runFixCommand } from '../../server/src/cli/fixCommand';
import { secretFindingsInText } from '../../server/src/engine/detectors/secrets';
import { envExamplePlan } from '../../server/src/engine/fixes/envExample';
import { applyEdits } from '../../server/src/engine/fixes/secretFixes';
import { hashTree, makeTree } from '../helpers';
import { hasPython } from './fixValidity';

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const rand = (n: number) => [...randomBytes(n)].map((b) => ALPHA[b % ALPHA.length]).join('');
/** An OpenAI project key in the real format, generated now: never a real key, never printed. */
const openaiKey = () => `sk-proj-${rand(74)}T3BlbkFJ${rand(74)}`;

function fixed(file: string, text: string): { text: string; envVar?: string } {
  const [f] = secretFindingsInText(file, text);
  assert.ok(f?.fix, 'a fix is offered');
  return { text: applyEdits(text, f.fix.edits), envVar: f.fix.envVar };
}

function compiles(text: string): string {
  if (!hasPython) return '';
  const dir = makeTree({ 'm.py': text });
  const r = spawnSync('python3', ['-m', 'py_compile', path.join(dir, 'm.py')], { encoding: 'utf8', env: { ...process.env, PYTHONPYCACHEPREFIX: path.join(dir, 'pyc') } });
  return r.status === 0 ? '' : r.stderr.split('\n').filter(Boolean).pop() ?? 'failed';
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runFixCommand(['fix', ...args], { out: (s) => { out += s; }, err: (s) => { out += s; } });
  return { code, out };
}

describe('hard-coded secret fix: import placement', () => {
  const key = openaiKey();
  const cases: [string, string, string][] = [
    ['only a __future__ import', `from __future__ import annotations\n\nKEY = "${key}"\n`,
      'from __future__ import annotations\n\nimport os\nKEY = os.environ["OPENAI_API_KEY"]\n'],
    ['docstring, comment and a parenthesised __future__ import', `#!/usr/bin/env python\n"""Settings.\n\nMore."""\n# config\nfrom __future__ import (annotations,\n    division)\nKEY = "${key}"\n`,
      '#!/usr/bin/env python\n"""Settings.\n\nMore."""\n# config\nfrom __future__ import (annotations,\n    division)\nimport os\nKEY = os.environ["OPENAI_API_KEY"]\n'],
    ['a one-line docstring and no import', `'''Settings.'''\nKEY = '${key}'\n`, `'''Settings.'''\nimport os\nKEY = os.environ["OPENAI_API_KEY"]\n`],
    ['`from os import environ` does not bind os', `from os import environ\nKEY = "${key}"\n`, 'import os\nfrom os import environ\nKEY = os.environ["OPENAI_API_KEY"]\n'],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      const r = fixed('settings.py', text);
      assert.strictEqual(r.text, want);
      assert.strictEqual(compiles(r.text), '', 'the fixed file compiles');
      assert.strictEqual(r.envVar, 'OPENAI_API_KEY');
    });
  }
});

describe('hard-coded secret fix: .env.example', () => {
  it('plans a new .env.example at the project root, with the name only', () => {
    const root = makeTree({ 'svc/app.py': '' });
    const plan = envExamplePlan(root, 'svc/app.py', 'svc', ['OPENAI_API_KEY', 'OPENAI_API_KEY']);
    assert.strictEqual(plan.change?.path, 'svc/.env.example');
    assert.strictEqual(plan.change?.create, true);
    assert.match(plan.change!.text, /^OPENAI_API_KEY=$/m);
    assert.strictEqual(plan.change!.text.match(/OPENAI_API_KEY/g)?.length, 1);
  });

  it('adds to the nearest existing one at its end, keeps its line ending, and not when the name is there', () => {
    const root = makeTree({ '.env.example': 'DATABASE_URL=\r\nDEBUG=0', 'svc/app.py': '' });
    const plan = envExamplePlan(root, 'svc/app.py', 'svc', ['OPENAI_API_KEY']);
    assert.deepStrictEqual(plan.change, { path: '.env.example', create: false, text: '\r\nOPENAI_API_KEY=\r\n', end: { line: 1, character: 7 }, names: ['OPENAI_API_KEY'] });
    const declared = makeTree({ 'svc/.env.example': '# OPENAI_API_KEY=sk-...\n', 'svc/app.py': '' });
    assert.deepStrictEqual(envExamplePlan(declared, 'svc/app.py', 'svc', ['OPENAI_API_KEY']), {});
  });

  it('does not edit a linked .env.example', function () {
    const root = makeTree({ 'real.txt': 'A=\n', 'app.py': '' });
    try { fs.symlinkSync('real.txt', path.join(root, '.env.example')); } catch { this.skip(); }
    const plan = envExamplePlan(root, 'app.py', '.', ['OPENAI_API_KEY']);
    assert.strictEqual(plan.change, undefined);
    assert.match(plan.problem ?? '', /not a regular file/);
  });

  it('CLI `fix --check hardcoded-secrets`: rewrites the literal, creates .env.example with the name, never the value', async () => {
    const key = openaiKey();
    const root = makeTree({
      'svc/requirements.txt': 'openai==1.40.0\n',
      'svc/app.py': `from __future__ import annotations\n\nfrom openai import OpenAI\n\nclient = OpenAI(api_key="${key}", timeout=20)\n`,
      'README.md': '# demo\n',
    });
    const readme = hashTree(root).get('README.md');
    const untouched = await cli([root]);
    assert.ok(fs.readFileSync(path.join(root, 'svc/app.py'), 'utf8').includes(key), '`fix` alone does not edit source code');
    assert.ok(!untouched.out.includes(key));

    const run = await cli([root, '--check', 'hardcoded-secrets']);
    assert.strictEqual(run.code, 0, run.out.replace(key, '<key>'));
    assert.ok(!run.out.includes(key), 'the key is never printed');
    const app = fs.readFileSync(path.join(root, 'svc/app.py'), 'utf8');
    assert.ok(!app.includes(key));
    assert.strictEqual(app, 'from __future__ import annotations\n\nimport os\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"], timeout=20)\n');
    assert.strictEqual(compiles(app), '');
    const env = fs.readFileSync(path.join(root, 'svc/.env.example'), 'utf8');
    assert.match(env, /^OPENAI_API_KEY=$/m);
    assert.ok(!env.includes(key) && !env.includes('sk-'), 'the value is never written');
    assert.strictEqual(hashTree(root).get('README.md'), readme);

    const before = hashTree(root);
    await cli([root, '--check', 'hardcoded-secrets']);
    assert.deepStrictEqual(hashTree(root), before, 'a second run changes nothing');
  });

  it('CLI: adds the name at the end of an existing .env.example, keeping what was there', async () => {
    const root = makeTree({
      'requirements.txt': 'anthropic==0.30.0\n',
      'app.py': `import anthropic\nimport os\nclient = anthropic.Anthropic(api_key="sk-ant-api03-${rand(93)}AA")\n`,
      '.env.example': 'LOG_LEVEL=info',
    });
    const run = await cli([root, '--check', 'hardcoded-secrets']);
    assert.match(run.out, /add to \.env\.example: ANTHROPIC_API_KEY/);
    assert.strictEqual(fs.readFileSync(path.join(root, '.env.example'), 'utf8'), 'LOG_LEVEL=info\nANTHROPIC_API_KEY=\n');
  });
});
