// Fixes never overwrite, never delete, never write outside the workspace, and write atomically —
// under random hostile plans, concurrent writers, symlinked folders, and through the CLI and the LSP
// scaffold edit. (The basic cases live in fixApply.test.ts; these extend them.)
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { applyPlan, type PlannedFile } from '../../server/src/engine/fixes';
import { readSmallText } from '../../server/src/engine/fixes/crawl';
import { scan } from '../../server/src/engine/scan';
import { planScaffold } from '../../server/src/server/scaffoldEdit';
import { makeTempDir, makeTree } from '../helpers';
import { hashTree, record, runCli } from './robust/util';

const planned = (p: string, content = 'new\n'): PlannedFile => ({ path: p, content, checkId: 'model-card', description: 'robustness' });

/** A workspace and an outside folder, with every trap a planner path could fall into. */
function trappedWorkspace(): { base: string; root: string; outside: string } {
  const base = makeTempDir('aipf-fixrobust-');
  const root = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(outside, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'keep.txt'), 'outside\n');
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(root, 'README.md'), '# mine\n');
  fs.writeFileSync(path.join(root, 'docs', 'ownership.md'), 'owners\n');
  fs.writeFileSync(path.join(root, 'requirements.txt'), 'openai==1.30.0\n');
  fs.writeFileSync(path.join(root, 'app.py'), 'import openai\n');
  fs.symlinkSync(outside, path.join(root, 'linked'));                       // folder leading out
  fs.symlinkSync(path.join(outside, 'sub'), path.join(root, 'docs', 'deep')); // nested folder leading out
  fs.symlinkSync(path.join(outside, 'new.md'), path.join(root, 'dangling.md')); // dangling file link out
  fs.symlinkSync('../..', path.join(root, 'docs', 'up'));                    // relative link climbing out
  return { base, root, outside };
}

const SEGMENTS = ['docs', 'linked', 'deep', 'up', 'x', '..', '.', '', 'README.md', 'dangling.md', 'ownership.md', 'ü n i', 'a\\b', '%2e%2e', '~', 'C:'];

describe('robustness: fixes never overwrite, delete or escape', function () {
  this.timeout(120_000);

  it('random hostile plans: outside untouched, inside files unchanged, every write lands inside', async () => {
    const w = trappedWorkspace();
    const rootReal = fs.realpathSync(w.root);
    try {
      const pathArb = fc.oneof(
        fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 5 }).map((s) => s.join('/')),
        fc.constantFrom(w.outside + '/x.md', '/etc/ai-preflight-x', 'docs/up/outside/x.md', 'linked/sub/x.md', '\0x', 'docs\0/x'),
      );
      let runs = 0;
      await fc.assert(fc.asyncProperty(fc.array(pathArb, { minLength: 1, maxLength: 6 }), async (paths) => {
        const outsideBefore = hashTree(w.outside);
        const insideBefore = hashTree(w.root);
        const r = await applyPlan(w.root, paths.map((p) => planned(p)));
        runs++;
        assert.deepStrictEqual(hashTree(w.outside), outsideBefore, `outside changed by ${JSON.stringify(paths)}`);
        const after = hashTree(w.root);
        for (const [rel, hash] of insideBefore) assert.strictEqual(after.get(rel), hash, `${rel} changed or deleted`);
        for (const rel of r.written) {
          const real = fs.realpathSync(path.join(w.root, rel));
          assert.ok(real.startsWith(rootReal + path.sep), `${rel} landed at ${real}`);
        }
        for (const rel of after.keys()) assert.ok(!/\.tmp$/.test(rel), `temp file left: ${rel}`);
        // Remove what was written so later runs face the same traps.
        for (const rel of r.written) fs.rmSync(path.join(w.root, rel));
      }), { numRuns: 300 });
      record(`applyPlan: ${runs} random plans with .., absolute, NUL, symlinked/dangling targets`, 'nothing outside, nothing overwritten', 0);
    } finally {
      fs.rmSync(w.base, { recursive: true, force: true });
    }
  });

  it('concurrent writers of one path: exactly one wins, whole content, no temp files', async () => {
    const root = makeTree({});
    const contents = Array.from({ length: 16 }, (_, i) => String.fromCharCode(65 + i).repeat(2 * 1024 * 1024) + '\n');
    const t0 = Date.now();
    const results = await Promise.all(contents.map((c) => applyPlan(root, [planned('docs/model-card.md', c)])));
    record('16 concurrent applyPlan calls writing the same 2 MiB file', 'one written, 15 skipped', Date.now() - t0);
    assert.strictEqual(results.filter((r) => r.written.length === 1).length, 1, 'one winner');
    const final = fs.readFileSync(path.join(root, 'docs/model-card.md'), 'utf8');
    assert.ok(contents.includes(final), 'the file holds one writer\'s whole content, never a mix or a prefix');
    assert.deepStrictEqual(fs.readdirSync(path.join(root, 'docs')), ['model-card.md']);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('CLI fix through symlinked folders: writes only inside, overwrites nothing', async () => {
    const w = trappedWorkspace();
    try {
      // The planner's favourite folders lead outside.
      fs.symlinkSync(w.outside, path.join(w.root, '.github'));
      fs.symlinkSync(path.join(w.outside, 'sub'), path.join(w.root, 'evals'));
      const outsideBefore = hashTree(w.outside);
      const insideBefore = hashTree(w.root);
      const r = await runCli(['fix', w.root], { timeoutMs: 60_000 });
      record('CLI fix with .github, evals, docs/deep symlinked outside', `exit ${r.code}`, r.ms);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 300)}`);
      assert.deepStrictEqual(hashTree(w.outside), outsideBefore, 'nothing written outside');
      const after = hashTree(w.root);
      for (const [rel, hash] of insideBefore) assert.strictEqual(after.get(rel), hash, `${rel} changed or deleted`);
      assert.ok([...after.keys()].length > insideBefore.size, 'it did scaffold something inside');
      assert.match(r.stderr, /outside the scan root/, 'the refused paths are reported');
    } finally {
      fs.rmSync(w.base, { recursive: true, force: true });
    }
  });

  // Regression (robust-patches 06): containment was checked lexically, so a CreateFile could follow a link out.
  it('LSP scaffold edits never target a path that resolves outside the folder', async () => {
    const w = trappedWorkspace();
    try {
      fs.symlinkSync(w.outside, path.join(w.root, '.github'));
      fs.rmSync(path.join(w.root, 'docs', 'ownership.md'));
      fs.symlinkSync(path.join(w.outside, 'owners.md'), path.join(w.root, 'docs', 'ownership.md')); // dangling, leads out
      const result = await scan({ root: w.root });
      const project = result.projects[0];
      const ids = project.checks.filter((c) => c.status === 'fail').map((c) => c.id);
      const plan = await planScaffold(result, project.root, ids, false);
      const rootReal = fs.realpathSync(w.root);
      const escaping = plan.created.map((u) => fileURLToPath(u)).filter((abs) => {
        let dir = abs;
        while (!fs.existsSync(dir)) dir = path.dirname(dir);
        const real = fs.realpathSync(dir);
        const lstat = fs.lstatSync(abs, { throwIfNoEntry: false });
        return !real.startsWith(rootReal) || lstat?.isSymbolicLink();
      });
      assert.deepStrictEqual(escaping.map((a) => path.relative(w.root, a)), []);
    } finally {
      fs.rmSync(w.base, { recursive: true, force: true });
    }
  });
});

describe('robustness: fixes never read through a link', () => {
  it('a package.json (or any file a scaffold reads for facts) that links outside is not read', () => {
    const outside = makeTempDir('aipf-outside-');
    const root = makeTree({ 'real.json': '{"name":"inside"}' });
    try {
      fs.writeFileSync(path.join(outside, 'package.json'), '{"name":"outside-secret"}');
      fs.symlinkSync(path.join(outside, 'package.json'), path.join(root, 'package.json'));
      assert.strictEqual(readSmallText(path.join(root, 'package.json')), undefined);
      assert.strictEqual(readSmallText(path.join(root, 'real.json')), '{"name":"inside"}', 'a regular file is read');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
