// Secrets through the CLI: keys generated now and committed in code, config, a notebook output and a .env
// are reported at their lines, and no output format (text, json, sarif, markdown, html; stdout or --output)
// ever contains a key in full, nor any long piece of it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fakeOpenAiKey, lineOf, LLM_BASE, runCli, tempTree } from './engine-support.test';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'];

/** Every 12-character window of the key's random parts: a leak of any long piece is a leak. */
function pieces(key: string): string[] {
  const body = key.slice('sk-proj-'.length);
  const out: string[] = [];
  for (let i = 0; i + 12 <= body.length; i += 6) out.push(body.slice(i, i + 12));
  return out.filter((p) => p !== 'T3BlbkFJ' && !p.includes('T3BlbkFJ'));
}

describe('CLI: secrets are masked in every output format', function () {
  this.timeout(120_000);
  const keys = { code: fakeOpenAiKey(), config: fakeOpenAiKey(), notebook: fakeOpenAiKey(), env: fakeOpenAiKey() };
  const files: Record<string, string> = {
    ...LLM_BASE,
    'app/settings.py': `import os\n\nOPENAI_API_KEY = "${keys.code}"\n`,
    'config/llm.yaml': `provider: openai\napi_key: ${keys.config}\n`,
    'notebooks/try.ipynb': JSON.stringify({
      cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, source: ['print(client.api_key)\n'], outputs: [{ output_type: 'stream', name: 'stdout', text: [keys.notebook + '\n'] }] }],
      metadata: {}, nbformat: 4, nbformat_minor: 5,
    }, null, 1),
    '.env': `DEBUG=1\nOPENAI_API_KEY=${keys.env}\n`,
  };
  let dir: string;
  before(() => {
    dir = tempTree(files);
  });

  it('json: one finding per key at its exact line, with a masked form', () => {
    const r = runCli(['scan', dir, '--format', 'json']);
    assert.strictEqual(r.status, 1, 'a secret is an error');
    const findings = JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'hardcoded-secrets');
    const where = (file: string, key: string) => [file, lineOf(files[file], key)];
    assert.deepStrictEqual(
      findings.map((f: { file: string; line: number }) => [f.file, f.line]),
      [where('.env', keys.env), where('app/settings.py', keys.code), where('config/llm.yaml', keys.config), where('notebooks/try.ipynb', keys.notebook)],
    );
    for (const f of findings) assert.match(f.masked, /^sk-proj-…[A-Za-z0-9_-]{3}$/);
  });

  for (const format of FORMATS) {
    it(`${format}: no key in full or in part, on stdout or in --output`, () => {
      const stdout = runCli(['scan', dir, '--format', format, '--fail-on', 'never']);
      assert.strictEqual(stdout.status, 0, stdout.stderr);
      const outFile = path.join(dir, '..', `${path.basename(dir)}-report.${format}`);
      const written = runCli(['scan', dir, '--format', format, '--fail-on', 'never', '--output', outFile]);
      assert.strictEqual(written.status, 0, written.stderr);
      const fileText = fs.readFileSync(outFile, 'utf8');
      fs.rmSync(outFile);
      for (const [where, text] of [['stdout', stdout.stdout + stdout.stderr], ['--output', fileText + written.stdout + written.stderr]] as const) {
        assert.ok(text.length > 200, `${format} ${where} is too short to be a report`);
        assert.ok(text.includes('sk-proj-…'), `${format} ${where}: the masked key should be shown`);
        for (const [name, key] of Object.entries(keys)) {
          assert.ok(!text.includes(key), `${format} ${where}: the ${name} key appears in full`);
          const leaked = pieces(key).find((p) => text.includes(p));
          assert.strictEqual(leaked, undefined, `${format} ${where}: part of the ${name} key appears`);
        }
      }
    });
  }
});
