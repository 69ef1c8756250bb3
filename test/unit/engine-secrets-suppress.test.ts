// Secrets through the whole scan (exact line in code, config, notebook outputs, a committed .env; never in
// full in the result) and inline suppression with and without a reason.
import * as assert from 'assert';
import type { ScanResult } from '../../server/src/engine/types';
import { assertCheck, fakeOpenAiKey, lineOf, LLM_BASE, scanTree } from './engine-support.test';

const secretFindings = (r: ScanResult) => r.findings.filter((f) => f.ruleId === 'hardcoded-secrets');

function notebookWithOutput(key: string): string {
  return JSON.stringify({
    cells: [
      { cell_type: 'code', execution_count: 1, metadata: {}, source: ['import os\n', 'print(os.environ["OPENAI_API_KEY"])\n'], outputs: [{ output_type: 'stream', name: 'stdout', text: [`${key}\n`] }] },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  }, null, 1);
}

describe('engine: secrets at the exact line', () => {
  const places: { name: string; file: string; render: (key: string) => string }[] = [
    { name: 'Python code', file: 'app/settings.py', render: (k) => `import os\n\nDEBUG = False\nOPENAI_API_KEY = "${k}"\n` },
    { name: 'YAML config', file: 'config/app.yaml', render: (k) => `llm:\n  provider: openai\n  api_key: ${k}\n  timeout: 30\n` },
    { name: 'a notebook output', file: 'notebooks/explore.ipynb', render: notebookWithOutput },
    { name: 'a committed .env', file: '.env', render: (k) => `# local settings\nDEBUG=1\nOPENAI_API_KEY=${k}\n` },
  ];
  for (const place of places) {
    it(`finds a key in ${place.name} at its line, masked, and fails the check`, async () => {
      const key = fakeOpenAiKey();
      const text = place.render(key);
      const result = await scanTree({ ...LLM_BASE, [place.file]: text });
      const hits = secretFindings(result);
      assert.deepStrictEqual(hits.map((f) => [f.file, f.line, f.severity]), [[place.file, lineOf(text, key), 'error']]);
      const hit = hits[0];
      const lineText = text.split('\n')[hit.line - 1];
      assert.strictEqual(lineText.slice(hit.column, hit.endColumn), key, 'the range covers exactly the key');
      assert.ok(hit.masked?.startsWith('sk-proj-') && hit.masked.endsWith(key.slice(-3)) && hit.masked.length < 20, hit.masked);
      assert.strictEqual(hit.project, '.');
      assertCheck(result, 'hardcoded-secrets', { status: 'fail', state: 'found' });
      assert.ok(!JSON.stringify(result).includes(key), 'nowhere in the result in full');
    });
  }

  it('a key in a file outside every AI project is not reported (non-AI repositories stay silent)', async () => {
    const result = await scanTree({ 'web/server.js': `const key = "${fakeOpenAiKey()}";\n`, 'README.md': '# site\n' });
    assert.deepStrictEqual([result.projects, result.findings], [[], []]);
  });
});

describe('engine: inline suppression', () => {
  it('a reasoned suppression on the same line drops the finding', async () => {
    const key = fakeOpenAiKey();
    const result = await scanTree({ ...LLM_BASE, 'app/settings.py': `OPENAI_API_KEY = "${key}"  # ai-preflight-ignore: hardcoded-secrets test fixture\n` });
    assert.deepStrictEqual(secretFindings(result), []);
    assert.deepStrictEqual(result.findings.filter((f) => f.ruleId === 'suppression-without-reason'), []);
  });

  it('a reasoned suppression on the line above drops the finding', async () => {
    const key = fakeOpenAiKey();
    const result = await scanTree({ ...LLM_BASE, 'app/settings.py': `import os\n# ai-preflight-ignore: hardcoded-secrets test fixture\nOPENAI_API_KEY = "${key}"\n` });
    assert.deepStrictEqual(secretFindings(result), []);
  });

  it('works with // comments in JS and in a committed .env', async () => {
    const result = await scanTree({
      ...LLM_BASE,
      'web/key.js': `// ai-preflight-ignore: hardcoded-secrets revoked demo key\nexport const KEY = "${fakeOpenAiKey()}";\n`,
      '.env': `# ai-preflight-ignore: hardcoded-secrets local only, rotated\nOPENAI_API_KEY=${fakeOpenAiKey()}\n`,
    });
    assert.deepStrictEqual(secretFindings(result).map((f) => f.file), []);
  });

  it('a suppression two lines above, or for another rule, does not apply', async () => {
    const text = `# ai-preflight-ignore: hardcoded-secrets test fixture\n\nA = "${fakeOpenAiKey()}"\nB = "${fakeOpenAiKey()}"  # ai-preflight-ignore: trust-remote-code not this one\n`;
    const result = await scanTree({ ...LLM_BASE, 'app/settings.py': text });
    assert.deepStrictEqual(secretFindings(result).map((f) => f.line), [3, 4]);
  });

  it('a suppression without a reason still applies but is an info finding suppression-without-reason', async () => {
    const text = `import os\nOPENAI_API_KEY = "${fakeOpenAiKey()}"  # ai-preflight-ignore: hardcoded-secrets\n`;
    const result = await scanTree({ ...LLM_BASE, 'app/settings.py': text });
    assert.deepStrictEqual(secretFindings(result), []);
    const noReason = result.findings.filter((f) => f.ruleId === 'suppression-without-reason');
    assert.deepStrictEqual(noReason.map((f) => [f.file, f.line, f.severity]), [['app/settings.py', 2, 'info']]);
    assert.match(noReason[0].message, /gives no reason/);
    assert.strictEqual(text.split('\n')[1].slice(noReason[0].column, noReason[0].column + 'ai-preflight-ignore'.length), 'ai-preflight-ignore');
  });

  // Regression: a suppressed secret used to keep the project check failing (and the CLI exiting 1).
  it('suppressing every secret lets the hardcoded-secrets check pass', async () => {
    const result = await scanTree({ ...LLM_BASE, 'app/settings.py': `OPENAI_API_KEY = "${fakeOpenAiKey()}"  # ai-preflight-ignore: hardcoded-secrets test fixture\n` });
    assertCheck(result, 'hardcoded-secrets', { status: 'pass' });
  });
});

describe('engine: which project a repository-level secret fails', () => {
  const sub = {
    'svc/rag/pyproject.toml': '[project]\nname = "rag"\ndependencies = ["openai>=1.30"]\n',
    'svc/rag/app.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n',
  };
  const failing = (r: ScanResult) => r.projects.filter((p) => p.checks.find((c) => c.id === 'hardcoded-secrets')?.status === 'fail').map((p) => p.root);

  it('a secret in the docs of a top-level project fails that project only, not the packages beneath it', async () => {
    const result = await scanTree({
      ...sub,
      'pyproject.toml': '[project]\nname = "platform"\ndependencies = ["anthropic>=0.40"]\n',
      'platform_core/agent.py': 'import anthropic\n',
      'docs/quickstart.yaml': `llm:\n  api_key: ${fakeOpenAiKey()}\n`,
    });
    assert.deepStrictEqual(result.projects.map((p) => p.root), ['.', 'svc/rag']);
    assert.deepStrictEqual(failing(result), ['.']);
    assert.deepStrictEqual(secretFindings(result).map((f) => f.project), ['.']);
  });

  it('with no project at the top, a root-level secret fails every project beneath it', async () => {
    const result = await scanTree({ ...sub, 'svc/search/package.json': JSON.stringify({ name: 'search', dependencies: { openai: '4.52.0' } }), 'svc/search/index.js': "const OpenAI = require('openai');\n", '.env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n` });
    assert.deepStrictEqual(failing(result), ['svc/rag', 'svc/search']);
  });
});
