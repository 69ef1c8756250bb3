// `ai-preflight fix`: argument handling, dry-run, writing, and exit codes (the scan is substituted).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runFixCommand } from '../../server/src/cli/fixCommand';
import type { CheckResult, Project, ScanResult } from '../../server/src/engine/types';
import { makeTree } from '../helpers';

const check = (id: string, status: CheckResult['status']): CheckResult => ({
  id, title: id, pillar: 'trust', status, state: status === 'fail' ? 'absent' : 'present', level: 'warning', evidence: [], message: '', docsUrl: '',
});

function fakeScan(projects: Partial<Project>[]) {
  return async (opts: { root: string }): Promise<ScanResult> => ({
    tool: { name: 'ai-preflight', version: '0.0.0' }, root: opts.root, findings: [], notes: [], stats: { files: 0, filesRead: 0, bytesRead: 0, ms: 0 },
    projects: projects.map(p => ({
      root: '.', name: 'bot', isAiProject: true, aiKind: 'llm-app', kinds: ['llm-app'], frameworks: ['openai'], modelIds: ['gpt-4o-mini'], datasets: [],
      ciSystems: [], anchor: 'app.py', aiEvidence: [], stage: 'pilot', score: null, checks: [], ...p,
    }) as Project),
  });
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out: () => out.join(''), err: () => err.join('') };
}

describe('fixes: ai-preflight fix command', () => {
  it('exits 2 on usage errors', async () => {
    for (const argv of [['--bogus'], ['--check', 'nope'], ['--check'], ['a', 'b'], ['/definitely/not/here']]) {
      const c = capture();
      assert.strictEqual(await runFixCommand(argv, c.io, { scan: fakeScan([]) }), 2, argv.join(' '));
      assert.ok(c.err().length > 0);
    }
  });

  it('dry-run prints each planned file with its content and writes nothing', async () => {
    const root = makeTree({ 'app.py': 'import openai\n' });
    const c = capture();
    const code = await runFixCommand(['fix', root, '--dry-run'], c.io, { scan: fakeScan([{ checks: [check('model-card', 'fail'), check('guardrails', 'fail'), check('ci', 'pass')] }]) });
    assert.strictEqual(code, 0);
    assert.match(c.out(), /^--- MODEL_CARD.md \(model-card: /m);
    assert.match(c.out(), /^--- guardrails\/config.yml/m);
    assert.match(c.out(), /# Model card: bot/);
    assert.doesNotMatch(c.out(), /ai-preflight.yml/, 'passing checks are not scaffolded');
    assert.deepStrictEqual(fs.readdirSync(root), ['app.py']);
  });

  it('writes every failing check, then reports what could not be written with exit 1', async () => {
    const root = makeTree({ 'app.py': 'import openai\n' });
    const scan = fakeScan([{ checks: [check('model-card', 'fail'), check('pinned-dependencies', 'fail'), check('business-metric', 'fail')] }]);
    const c = capture();
    assert.strictEqual(await runFixCommand([root], c.io, { scan }), 0);
    assert.ok(fs.existsSync(path.join(root, 'MODEL_CARD.md')));
    assert.ok(fs.existsSync(path.join(root, 'docs/business-metric.md')));
    assert.match(c.out(), /pinned-dependencies: no scaffold/);
    assert.match(c.out(), /created MODEL_CARD.md \(model-card\)/);

    // --check limits the run; an already passing check is left alone.
    const only = capture();
    assert.strictEqual(await runFixCommand([root, '--check', 'ci'], only.io, { scan: fakeScan([{ checks: [check('ci', 'pass')] }]) }), 0);
    assert.match(only.out(), /already satisfied/);
    assert.ok(!fs.existsSync(path.join(root, '.github')));
  });

  it('gives two projects of a monorepo distinct workflow files', async () => {
    const root = makeTree({ 'a/app.py': '', 'b/app.py': '' });
    const c = capture();
    const scan = fakeScan([{ root: 'a', name: 'alpha', checks: [check('ci', 'fail')] }, { root: 'b', name: 'beta', checks: [check('ci', 'fail')] }]);
    assert.strictEqual(await runFixCommand([root], c.io, { scan }), 0);
    assert.deepStrictEqual(fs.readdirSync(path.join(root, '.github/workflows')).sort(), ['ai-preflight-alpha.yml', 'ai-preflight-beta.yml']);
  });

  it('says so when there is no AI project', async () => {
    const c = capture();
    assert.strictEqual(await runFixCommand([makeTree({})], c.io, { scan: fakeScan([]) }), 0);
    assert.match(c.out(), /No AI project/);
  });
});
