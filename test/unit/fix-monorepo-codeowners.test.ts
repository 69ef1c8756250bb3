// CODEOWNERS in a monorepo: GitHub reads one file (.github/, root, docs/; GitLab: root, docs/, .gitlab/), so a
// sub-project's rule goes into the repository-level file in use: created once, otherwise added at its end,
// never a second file, never overwritten; a rerun after a partial failure adds nothing twice.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { applyPlan, planFix, type PlannedFile } from '../../server/src/engine/fixes';
import type { Project } from '../../server/src/engine/types';
import { makeTree } from '../helpers';

function project(over: Partial<Project>): Project {
  return {
    root: '.', name: 'demo', isAiProject: true, aiKind: 'llm-app', kinds: ['llm-app'], frameworks: [], modelIds: [], datasets: [],
    ciSystems: ['github-actions'], anchor: 'README.md', aiEvidence: [], stage: 'pilot', score: null, checks: [], ...over,
  };
}

const TREE = { 'svc/rag/app.py': 'import openai\n', 'ml/churn/train.py': 'import sklearn\n', 'README.md': '# repo\n' };
const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const codeownersFiles = (root: string) =>
  ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS', 'svc/rag/CODEOWNERS', 'ml/churn/CODEOWNERS', 'svc/rag/docs/CODEOWNERS']
    .filter((rel) => fs.existsSync(path.join(root, rel)));

async function plan(root: string, over: Partial<Project>, reserved?: Set<string>): Promise<PlannedFile[]> {
  const r = await planFix({ scanRoot: root, project: project(over), allowGit: false, reserved }, 'ownership');
  return r.files;
}

describe('fixes: CODEOWNERS placement in a monorepo', () => {
  it('two sub-projects in one batch: one .github/CODEOWNERS, created by the first, the second rule added to it', async () => {
    const root = makeTree(TREE);
    const reserved = new Set<string>();
    const first = await plan(root, { root: 'svc/rag', name: 'rag' }, reserved);
    first.forEach((f) => reserved.add(f.path));
    const second = await plan(root, { root: 'ml/churn', name: 'churn', aiKind: 'classic-ml' }, reserved);
    assert.ok(first.some((f) => f.path === '.github/CODEOWNERS' && !f.append));
    assert.ok(second.some((f) => f.path === '.github/CODEOWNERS' && f.append), JSON.stringify(second.map((f) => f.path)));
    const applied = await applyPlan(root, [...first, ...second]);
    assert.deepStrictEqual(applied.skipped, []);
    assert.deepStrictEqual(applied.appended, ['.github/CODEOWNERS']);
    assert.deepStrictEqual(codeownersFiles(root), ['.github/CODEOWNERS']);
    const text = read(root, '.github/CODEOWNERS');
    assert.match(text, /^# \/svc\/rag\/ @your-org\/your-team$/m);
    assert.match(text, /^# \/ml\/churn\/ @your-org\/your-team$/m);
    assert.ok(fs.existsSync(path.join(root, 'svc/rag/docs/ownership.md')), 'the ownership doc stays in the sub-project');
  });

  it('an existing CODEOWNERS without a rule for the sub-project gets one at its end; nothing else changes', async () => {
    const existing = '# Owners of this repository\n/web/ @acme/web';
    const root = makeTree({ ...TREE, 'CODEOWNERS': existing });
    const files = await plan(root, { root: 'svc/rag', name: 'rag' });
    const co = files.find((f) => f.path.endsWith('CODEOWNERS'));
    assert.ok(co?.append && co.path === 'CODEOWNERS', 'added to the file GitHub reads, not a new one');
    await applyPlan(root, files);
    const text = read(root, 'CODEOWNERS');
    assert.ok(text.startsWith(existing + '\n'), 'existing content kept byte for byte, a newline added after it');
    assert.match(text, /^# \/svc\/rag\/ @your-org\/your-team$/m);
    assert.deepStrictEqual(codeownersFiles(root), ['CODEOWNERS']);
  });

  it('a CODEOWNERS that already has the rule (live or as our placeholder) is left alone: no second file', async () => {
    const root = makeTree({ ...TREE, 'docs/CODEOWNERS': '/svc/rag/ @acme/rag\n' });
    const files = await plan(root, { root: 'svc/rag', name: 'rag' });
    assert.deepStrictEqual(files.map((f) => f.path), ['svc/rag/docs/ownership.md']);
  });

  it('rerun after a partial failure (root project): .github/CODEOWNERS exists, so no root CODEOWNERS is created', async () => {
    const root = makeTree(TREE);
    const firstRun = await plan(root, {});
    // The first run wrote CODEOWNERS but not the doc (say the disk filled up).
    await applyPlan(root, firstRun.filter((f) => f.path === '.github/CODEOWNERS'));
    const before = read(root, '.github/CODEOWNERS');
    const rerun = await plan(root, {});
    assert.deepStrictEqual(rerun.map((f) => f.path), ['docs/ownership.md']);
    await applyPlan(root, rerun);
    assert.deepStrictEqual(codeownersFiles(root), ['.github/CODEOWNERS']);
    assert.strictEqual(read(root, '.github/CODEOWNERS'), before);
  });

  it('a root project does not add "*" after other rules (the last match wins in CODEOWNERS)', async () => {
    const root = makeTree({ ...TREE, '.github/CODEOWNERS': '/svc/rag/ @acme/rag\n' });
    const r = await planFix({ scanRoot: root, project: project({}), allowGit: false }, 'ownership');
    assert.ok(!r.files.some((f) => f.path.endsWith('CODEOWNERS')));
  });

  it('GitLab: a new file goes to .gitlab/CODEOWNERS; an existing root or docs/ one (read first) is added to', async () => {
    const gitlab = { root: 'svc/rag', name: 'rag', ciSystems: ['gitlab-ci'] };
    const fresh = makeTree(TREE);
    assert.ok((await plan(fresh, gitlab)).some((f) => f.path === '.gitlab/CODEOWNERS' && !f.append));
    const withDocs = makeTree({ ...TREE, 'docs/CODEOWNERS': '# owners\n', '.gitlab/CODEOWNERS': '# unused: docs/ is read first\n' });
    const files = await plan(withDocs, gitlab);
    assert.ok(files.some((f) => f.path === 'docs/CODEOWNERS' && f.append), JSON.stringify(files.map((f) => f.path)));
  });

  it('never adds through a link, and never adds the same lines twice', async function () {
    const root = makeTree({ ...TREE, 'elsewhere.txt': 'keep\n' });
    fs.mkdirSync(path.join(root, '.github'));
    try { fs.symlinkSync('../elsewhere.txt', path.join(root, '.github/CODEOWNERS')); } catch { this.skip(); }
    const linked = await plan(root, { root: 'svc/rag', name: 'rag' });
    assert.ok(!linked.some((f) => f.path.endsWith('CODEOWNERS')), 'a linked CODEOWNERS is not edited');
    const forced = await applyPlan(root, [{ path: '.github/CODEOWNERS', append: true, content: '/x/ @a\n', checkId: 'ownership', description: '' }]);
    assert.strictEqual(forced.skipped.length, 1);
    assert.strictEqual(read(root, 'elsewhere.txt'), 'keep\n');

    const plain = makeTree({ 'CODEOWNERS': '# owners\n' });
    const line: PlannedFile = { path: 'CODEOWNERS', append: true, content: '\n/x/ @a\n', checkId: 'ownership', description: '' };
    await applyPlan(plain, [line]);
    await applyPlan(plain, [line]);
    assert.strictEqual(read(plain, 'CODEOWNERS'), '# owners\n\n/x/ @a\n');
  });
});
