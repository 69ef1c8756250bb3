// applyPlan: never overwrites, never writes outside the scan root, dry-run writes nothing.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyPlan, type PlannedFile } from '../../server/src/engine/fixes';
import { hashTree, makeTempDir, makeTree } from '../helpers';


const file = (p: string, content = 'new content\n'): PlannedFile => ({ path: p, content, checkId: 'model-card', description: 'test' });

describe('fixes: applyPlan', () => {
  it('writes new files, creating parent folders', async () => {
    const root = makeTree({ 'README.md': '# demo\n' });
    const r = await applyPlan(root, [file('docs/runbooks/rollback.md', 'x\n'), file('scripts/rollback.sh', '#!/bin/sh\n')]);
    assert.deepStrictEqual(r.written, ['docs/runbooks/rollback.md', 'scripts/rollback.sh']);
    assert.strictEqual(fs.readFileSync(path.join(root, 'docs/runbooks/rollback.md'), 'utf8'), 'x\n');
    if (process.platform !== 'win32') assert.ok(fs.statSync(path.join(root, 'scripts/rollback.sh')).mode & 0o100, 'script is executable');
    assert.deepStrictEqual(fs.readdirSync(path.join(root, 'docs/runbooks')), ['rollback.md'], 'no temp file left behind');
  });

  it('never overwrites an existing file (tree hash unchanged)', async () => {
    const root = makeTree({ 'MODEL_CARD.md': 'mine\n', 'docs/ownership.md': 'owners\n' });
    const before = hashTree(root);
    const r = await applyPlan(root, [file('MODEL_CARD.md'), file('docs/ownership.md')]);
    assert.deepStrictEqual(r.written, []);
    assert.strictEqual(r.skipped.length, 2);
    assert.match(r.skipped[0].reason, /already exists/);
    assert.deepStrictEqual(hashTree(root), before);
  });

  it('rejects "..", absolute paths and odd segments', async () => {
    const root = makeTree({ 'a.txt': 'a' });
    const outside = path.join(path.dirname(root), 'escaped-' + path.basename(root) + '.txt');
    const r = await applyPlan(root, [file('../x'), file('docs/../../x'), file(outside), file('/etc/x'), file('a\\b'), file('')]);
    assert.strictEqual(r.written.length, 0);
    assert.strictEqual(r.skipped.length, 6);
    assert.ok(!fs.existsSync(outside));
    assert.ok(!fs.existsSync(path.join(path.dirname(root), 'x')));
  });

  it('refuses a folder that is a symlink pointing outside the root', async function () {
    const root = makeTree({ 'a.txt': 'a' });
    const outside = makeTempDir('aipf-outside-');
    try {
      fs.symlinkSync(outside, path.join(root, 'docs'), 'dir');
    } catch {
      this.skip(); // no symlink permission on this platform
    }
    const r = await applyPlan(root, [file('docs/ownership.md'), file('docs/deeper/x.md')]);
    assert.deepStrictEqual(r.written, []);
    assert.ok(r.skipped.every(s => /outside the scan root/.test(s.reason)), JSON.stringify(r.skipped));
    assert.deepStrictEqual(fs.readdirSync(outside), []);
  });

  it('does not write through a dangling symlink at the target', async function () {
    const root = makeTree({ 'a.txt': 'a' });
    const target = path.join(os.tmpdir(), `aipf-dangling-${process.pid}-${Date.now()}`);
    try {
      fs.symlinkSync(target, path.join(root, 'MODEL_CARD.md'));
    } catch {
      this.skip();
    }
    const r = await applyPlan(root, [file('MODEL_CARD.md')]);
    assert.strictEqual(r.written.length, 0);
    assert.ok(!fs.existsSync(target));
  });

  it('dry-run reports what it would write and writes nothing', async () => {
    const root = makeTree({ 'README.md': '# demo\n' });
    const before = hashTree(root);
    const r = await applyPlan(root, [file('MODEL_CARD.md'), file('README.md')], { dryRun: true });
    assert.deepStrictEqual(r.written, ['MODEL_CARD.md']);
    assert.strictEqual(r.skipped[0].path, 'README.md');
    assert.deepStrictEqual(hashTree(root), before);
  });

  it('writes a path planned twice only once', async () => {
    const root = makeTree({});
    const r = await applyPlan(root, [file('x.md', 'first\n'), file('x.md', 'second\n')]);
    assert.deepStrictEqual(r.written, ['x.md']);
    assert.strictEqual(fs.readFileSync(path.join(root, 'x.md'), 'utf8'), 'first\n');
  });
});
