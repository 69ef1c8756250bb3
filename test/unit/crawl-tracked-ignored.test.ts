// A file git tracks is in the repository even when a .gitignore matches it (git ignores .gitignore for tracked
// files): a committed .env is a leaked key all the same, and a committed lock file pins all the same. Trusted
// scans list such files; an edit to one keeps it listed, as a full scan would.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import { forgetScans } from '../../server/src/engine/scanState';
import { makeTree } from '../helpers';
import { plantedKeys } from './robust/util';

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'ignore' });
}

describe('scan: tracked files a .gitignore matches', function () {
  this.timeout(30_000);
  let dir: string;
  const key = plantedKeys()[0].key;
  before(function () {
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' });
    } catch {
      this.skip();
    }
    dir = makeTree({
      'requirements.txt': 'openai==1.40.0\n',
      'app.py': 'from openai import OpenAI\nclient = OpenAI(timeout=30)\n',
      '.gitignore': '.env\nsecrets/\n',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'init');
    fs.writeFileSync(path.join(dir, '.env'), `OPENAI_API_KEY=${key}\n`);
    fs.mkdirSync(path.join(dir, 'secrets'));
    fs.writeFileSync(path.join(dir, 'secrets', 'prod.env'), `OPENAI_API_KEY=${key}\n`);
    fs.writeFileSync(path.join(dir, 'secrets', 'local.env'), `OPENAI_API_KEY=${key}\n`); // untracked: ignored
    git(dir, 'add', '-f', '.env', 'secrets/prod.env');
    git(dir, 'commit', '-q', '-m', 'oops');
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  const secretFiles = (r: Awaited<ReturnType<typeof scan>>) => r.findings.filter((f) => f.ruleId === 'hardcoded-secrets').map((f) => f.file).sort();

  it('reports the key in a committed .env and in a committed file of an ignored folder, not in an untracked one', async () => {
    forgetScans(dir);
    const result = await scan({ root: dir });
    assert.deepStrictEqual(secretFiles(result), ['.env', 'secrets/prod.env']);
  });

  it('an edit to a tracked, ignored file keeps it listed (the incremental answer is the full scan\'s)', async () => {
    forgetScans(dir);
    await scan({ root: dir });
    fs.appendFileSync(path.join(dir, '.env'), 'DEBUG=1\n');
    fs.appendFileSync(path.join(dir, 'secrets', 'prod.env'), 'DEBUG=1\n');
    const later = Math.floor(Date.now() / 1000) + 5;
    for (const rel of ['.env', 'secrets/prod.env']) fs.utimesSync(path.join(dir, rel), later, later);
    const incremental = await scan({ root: dir, changedPaths: ['.env', 'secrets/prod.env', 'secrets/local.env'] });
    assert.deepStrictEqual(secretFiles(incremental), ['.env', 'secrets/prod.env']);
    forgetScans(dir);
    const full = await scan({ root: dir });
    assert.deepStrictEqual(secretFiles(incremental), secretFiles(full));
  });

  it('an untrusted scan does not run git, so it cannot know the files are tracked: they stay unlisted', async () => {
    forgetScans(dir);
    const result = await scan({ root: dir, trusted: false });
    assert.deepStrictEqual(secretFiles(result), []);
  });
});
