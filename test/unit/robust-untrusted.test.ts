// Untrusted workspaces: built-in rules only, no custom rules or patterns, and git is never run — proven
// with a fake `git` first on PATH that records every call (and a positive control that it does record).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { planFix } from '../../server/src/engine/fixes';
import { scan } from '../../server/src/engine/scan';
import { makeTempDir, makeTree } from '../helpers';
import { TestClient, uriOf } from '../lsp/lspClient';
import { record } from './robust/util';

/** A folder holding a `git` script that appends its arguments to a log, then fails. */
function fakeGit(): { bin: string; log: string } {
  const bin = makeTempDir('aipf-fakegit-');
  const log = path.join(bin, 'calls.log');
  fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$@" >> '${log}'\nexit 1\n`, { mode: 0o755 });
  return { bin, log };
}
const calls = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);

async function withPath<T>(bin: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${saved}`;
  try {
    return await fn();
  } finally {
    process.env.PATH = saved;
  }
}

const CONFIG = [
  'stage: production',
  'custom:',
  '  - id: team-dpia',
  '    title: DPIA',
  '    pillar: trust',
  '    present-when: { file: "docs/dpia.md", contains: "Risk" }',
  '  - id: team-redos',
  '    title: ReDoS probe',
  '    pillar: trust',
  '    present-when: { file: "**/*.txt", contains: "(a+)+$" }',
  '',
].join('\n');

describe('robustness: untrusted workspaces', function () {
  this.timeout(60_000);
  let root: string;
  let git: { bin: string; log: string };
  beforeEach(() => {
    root = makeTree({ 'requirements.txt': 'openai==1.30.0\n', 'app.py': 'import openai\n', '.ai-preflight.yaml': CONFIG, 'docs/dpia.md': 'Risk\n', 'x.txt': 'a'.repeat(5000) + '!\n' });
    fs.mkdirSync(path.join(root, '.git'));
    git = fakeGit();
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(git.bin, { recursive: true, force: true });
  });

  it('positive control: a trusted CODEOWNERS plan does call the fake git', async () => {
    const result = await scan({ root });
    await withPath(git.bin, () => planFix({ scanRoot: root, project: result.projects[0], allowGit: true }, 'ownership'));
    assert.ok(calls(git.log).length >= 1, 'the fake git on PATH is the one the engine would run');
  });

  it('scan({trusted:false}) runs built-in rules only, notes it, and never runs git', async () => {
    const t0 = Date.now();
    const result = await withPath(git.bin, () => scan({ root, trusted: false }));
    record('scan({trusted:false}) with custom rules and a fake git on PATH', `${calls(git.log).length} git calls`, Date.now() - t0);
    const ids = result.projects[0].checks.map((c) => c.id);
    assert.ok(!ids.includes('team-dpia') && !ids.includes('team-redos'), `custom rules ran: ${ids.join(',')}`);
    assert.ok(ids.includes('ownership') && ids.includes('eval-pipeline'), 'built-in rules still run');
    assert.ok(result.notes.some((n) => /not trusted/.test(n.message)), 'a note says why');
    assert.strictEqual(result.projects[0].stage, 'production', 'the declared stage still applies (it runs no code)');
    const trusted = await scan({ root });
    assert.ok(trusted.projects[0].checks.some((c) => c.id === 'team-dpia'), 'the same config runs its custom rules when trusted');
    const plans = await withPath(git.bin, () => planFix({ scanRoot: root, project: result.projects[0], allowGit: false }, 'ownership'));
    assert.ok(plans.files.length >= 1);
    assert.deepStrictEqual(calls(git.log), [], 'no git invocation');
  });

  it('the LSP server in an untrusted workspace: no custom rules, no git, even when scaffolding CODEOWNERS', async () => {
    const saved = process.env.PATH;
    process.env.PATH = `${git.bin}${path.delimiter}${saved}`;
    const client = new TestClient(); // inherits PATH with the fake git first
    process.env.PATH = saved;
    try {
      await client.initialize([root], { trusted: false });
      const s = await client.nextScan(root, 0);
      const ids = s.result?.projects[0]?.checks.map((c) => c.id) ?? [];
      assert.ok(ids.includes('ownership') && !ids.includes('team-dpia'), ids.join(','));
      const manifest = uriOf(path.join(root, 'requirements.txt'));
      const diag = await client.waitFor('ownership diagnostic', () => (client.diagnostics.get(manifest) ?? []).find((d) => d.code === 'ownership'));
      const actions = await client.conn.sendRequest<{ title: string; data?: unknown }[]>('textDocument/codeAction', {
        textDocument: { uri: manifest }, range: diag.range, context: { diagnostics: [diag] },
      });
      const scaffold = actions.find((a) => a.title.startsWith('Scaffold'));
      assert.ok(scaffold, 'a scaffold action');
      const resolved = await client.conn.sendRequest<{ edit?: unknown }>('codeAction/resolve', scaffold);
      assert.ok(resolved.edit, 'the edit was planned');
      assert.deepStrictEqual(calls(git.log), [], 'no git invocation by the server');
    } finally {
      await client.dispose();
    }
  });
});
