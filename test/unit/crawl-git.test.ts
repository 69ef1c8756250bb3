// The crawler's two ways of listing a tree: asking git (trusted git work trees) and walking the folders.
// They list the same files, but for files git tracks although a .gitignore matches them (only git knows those),
// and git must never be asked unless the caller allows it.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { crawl, crawlAsync } from '../../server/src/engine/workspace/crawl';
import { makeTree } from '../helpers';

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'ignore' });
}

function committedTree(files: Record<string, string>): string {
  const dir = makeTree(files);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

const rels = (dir: string, opts: Parameters<typeof crawl>[1] = {}) => crawl(dir, opts).files.map((f) => f.rel);

describe('crawl: git listing', () => {
  let dir: string;
  before(function () {
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' });
    } catch {
      this.skip();
    }
    dir = committedTree({
      '.gitignore': 'logs/\n*.log\ndata/raw/\n',
      'src/app.py': 'import openai\n',
      'src/debug.log': 'ignored by pattern\n',
      'logs/run.txt': 'ignored folder\n',
      'evals/.gitignore': '!logs/\n!logs/**\n',
      'evals/logs/result.jsonl': '{}\n',
      'data/raw/a.csv': 'id\n1\n',
      'node_modules/x/index.js': 'module.exports = 1;\n',
      'env/pyvenv.cfg': 'home = /usr/bin\n',
      'env/lib/site.py': 'x = 1\n',
      'venv2/pyvenv.cfg': 'home = /usr/bin\n',
      'venv2/lib/site.py': 'x = 1\n',
      '.venv311/pyvenv.cfg': 'home = /usr/bin\n',
      '.venv311/lib/site.py': 'x = 1\n',
      'env_tools/cli.py': 'x = 1\n',
      'build/out.txt': 'built\n',
    });
    // Tracked although a .gitignore matches it (added before the rule): in the repository, so git lists it.
    fs.writeFileSync(path.join(dir, 'keep.log'), 'tracked\n');
    fs.writeFileSync(path.join(dir, 'logs', 'tracked.txt'), 'tracked in an ignored folder\n');
    git(dir, 'add', '-f', 'keep.log', 'logs/tracked.txt');
    git(dir, 'commit', '-q', '-m', 'force');
    // Untracked but not ignored: listed by both.
    fs.writeFileSync(path.join(dir, 'src', 'new.py'), 'import anthropic\n');
    // Tracked, then deleted in the work tree: listed by neither.
    fs.rmSync(path.join(dir, 'build', 'out.txt'));
  });

  it('lists what the walker lists, honouring nested negations, and the tracked files a .gitignore matches', () => {
    const walked = rels(dir);
    const listed = rels(dir, { git: true });
    const trackedIgnored = ['keep.log', 'logs/tracked.txt'];
    assert.deepStrictEqual(listed.filter((r) => !trackedIgnored.includes(r)), walked);
    for (const rel of trackedIgnored) {
      assert.ok(listed.includes(rel), `${rel} is tracked, so listed`);
      assert.ok(!walked.includes(rel), `${rel}: the walker cannot know it is tracked`);
    }
    assert.ok(listed.includes('evals/logs/result.jsonl'), 'a deeper !logs/ re-includes the folder');
    assert.ok(listed.includes('src/new.py'), 'untracked files are listed');
    assert.ok(listed.includes('env_tools/cli.py'), 'a folder whose name starts like a venv but holds no pyvenv.cfg is code');
    for (const gone of ['logs/run.txt', 'src/debug.log', 'data/raw/a.csv', 'env/lib/site.py', 'venv2/lib/site.py', '.venv311/lib/site.py', 'build/out.txt']) {
      assert.ok(!listed.includes(gone), `${gone} must not be listed`);
    }
  });

  it('the asynchronous listing (the scan\'s) gives exactly what the synchronous one gives, both ways', async () => {
    const bomb = '{a,b}'.repeat(30); // refused: more than 256 alternatives
    for (const opts of [{ git: true }, { git: false }, { git: true, ignoreGlobs: ['evals/**', bomb] }]) {
      const sync = crawl(dir, opts);
      const async = await crawlAsync(dir, opts);
      assert.deepStrictEqual(async, sync, JSON.stringify(opts));
      assert.ok(sync.files.length > 3);
    }
    // A bad ignore glob is a note whichever way the files were listed (git's way used to drop it).
    const withBadGlob = await crawlAsync(dir, { git: true, ignoreGlobs: [bomb] });
    assert.ok(withBadGlob.notes.some((n) => n.kind === 'config-error' && /alternatives/.test(n.message)), JSON.stringify(withBadGlob.notes));
  });

  it('the asynchronous listing stops when the scan is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(crawlAsync(dir, { git: true, signal: controller.signal }), /cancelled/);
    await assert.rejects(crawlAsync(dir, { git: false, signal: controller.signal }), /cancelled/);
  });

  it('applies ignore globs and keeps sizes and mtimes', () => {
    const files = crawl(dir, { git: true, ignoreGlobs: ['evals/**'] }).files;
    assert.ok(!files.some((f) => f.rel.startsWith('evals/')));
    const app = files.find((f) => f.rel === 'src/app.py')!;
    const st = fs.statSync(path.join(dir, 'src', 'app.py'));
    assert.strictEqual(app.size, st.size);
    assert.strictEqual(app.mtimeMs, st.mtimeMs);
  });

  it('falls back to the walker for symlinks and for folders that are not work trees', function () {
    const linked = committedTree({ 'a/real.py': 'x = 1\n' });
    try {
      fs.symlinkSync('a', path.join(linked, 'alias'));
    } catch {
      this.skip(); // no symlinks on this file system
    }
    git(linked, 'add', '-A');
    git(linked, 'commit', '-q', '-m', 'link');
    assert.deepStrictEqual(rels(linked, { git: true }), rels(linked));
    const plain = makeTree({ 'x.py': 'import torch\n', '.gitignore': 'y.py\n', 'y.py': '' });
    assert.deepStrictEqual(rels(plain, { git: true }), ['.gitignore', 'x.py']);
  });

  it('never runs git unless asked (untrusted workspaces), and falls back when git fails', function () {
    if (process.platform === 'win32') this.skip();
    // A fake git first on PATH records each call and fails, so the crawler must walk instead.
    const bin = makeTree({ git: '#!/bin/sh\necho called >> "$(dirname "$0")/calls"\nexit 1\n' });
    fs.chmodSync(path.join(bin, 'git'), 0o755);
    const tree = makeTree({ 'a.py': 'import openai\n', '.git/HEAD': 'ref: refs/heads/main\n' });
    const oldPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${oldPath}`;
    try {
      assert.deepStrictEqual(rels(tree), ['a.py']);
      assert.ok(!fs.existsSync(path.join(bin, 'calls')), 'git must not run without the git option');
      assert.deepStrictEqual(rels(tree, { git: true }), ['a.py']);
      assert.ok(fs.existsSync(path.join(bin, 'calls')), 'with the option, git is asked first');
    } finally {
      process.env.PATH = oldPath;
    }
  });
});
