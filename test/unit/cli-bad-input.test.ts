// Bad input, end to end through the bundled CLI: a tree built at run time with malformed YAML/JSON/TOML/
// notebooks, binary files, a 50 MB file, symlink loops, a symlink out of the root, non-UTF-8 file names,
// an empty folder and a FIFO. The scan must end in bounded time with exit 0 or 1, valid JSON, a note per
// skipped file, and leave the scanned tree exactly as it was.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { makeTempDir, repoRoot } from '../helpers';
import { runCli } from './engine-support.test';

const BIG_BYTES = 50 * 1024 * 1024;

/** Builds the hostile tree; returns its root and whether a FIFO could be made. */
function buildHostileTree(): { root: string; outside: string; fifo: boolean } {
  const root = makeTempDir('aipf-bad-');
  const outside = makeTempDir('aipf-outside-');
  fs.writeFileSync(path.join(outside, 'secret-notes.py'), 'import openai\n');
  const write = (rel: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  };
  // A real AI project, so every check runs over the hostile files.
  write('requirements.txt', 'openai==1.40.0\n');
  write('app/main.py', 'from openai import OpenAI\n\nclient = OpenAI(timeout=10)\n');
  // Malformed files of every format a check parses.
  write('svc/pyproject.toml', '[project\nname = "broken"\ndependencies = ["torch"\n');
  write('web/package.json', '{ "name": "web", "dependencies": { "ai": "3.0.0", }');
  write('.github/workflows/ci.yml', 'jobs:\n  test:\n    steps: [\n      - run: pytest\n');
  write('deploy/values.yaml', 'a: b: c\n  - : :\n\t"unterminated\n');
  write('config/settings.json', '{"api_key": "x", ');
  write('notebooks/broken.ipynb', '{"cells": [{"cell_type": "code", "source": ["import torch\\n"');
  write('notebooks/not-json.ipynb', 'import torch\nprint("saved as .ipynb by mistake")\n');
  // Binary files, one of them under a code extension.
  write('models/weights.pt', crypto.randomBytes(64 * 1024));
  write('app/compiled.py', Buffer.concat([Buffer.from('import openai\n'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0])]));
  write('assets/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  // A 50 MB notebook (notebooks are read for imports and secrets, so the size cap must apply).
  const cell = JSON.stringify({ cell_type: 'code', metadata: {}, outputs: [], source: ['x = 1\n'] });
  const cells = Math.ceil(BIG_BYTES / (cell.length + 1));
  write('notebooks/huge.ipynb', `{"cells": [${new Array(cells).fill(cell).join(',')}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`);
  // Symlinks: a loop to the root, a pair pointing at each other, a dangling one, one out of the root.
  fs.symlinkSync('..', path.join(root, 'app', 'loop'));
  fs.symlinkSync('b-link', path.join(root, 'a-link'));
  fs.symlinkSync('a-link', path.join(root, 'b-link'));
  fs.symlinkSync('does-not-exist.py', path.join(root, 'dangling.py'));
  fs.symlinkSync(outside, path.join(root, 'outside'));
  // Non-UTF-8 file names (raw bytes 0xff 0xfe), a file and a folder.
  const rootBuf = Buffer.from(root + path.sep);
  fs.writeFileSync(Buffer.concat([rootBuf, Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('.py')]), 'import sklearn\n');
  fs.mkdirSync(Buffer.concat([rootBuf, Buffer.from('data-'), Buffer.from([0xe9, 0x80])]));
  // An empty folder.
  fs.mkdirSync(path.join(root, 'empty'));
  // A FIFO: reading it would block forever.
  const fifo = spawnSync('mkfifo', [path.join(root, 'app', 'pipe.py')]).status === 0;
  return { root, outside, fifo };
}

/** Path, type, size and content hash of every entry (not following symlinks, never opening FIFOs). */
function snapshot(dir: Buffer): string[] {
  const out: string[] = [];
  const walk = (abs: Buffer, rel: string) => {
    for (const name of fs.readdirSync(abs, { encoding: 'buffer' })) {
      const child = Buffer.concat([abs, Buffer.from(path.sep), name]);
      const r = `${rel}/${name.toString('hex')}`;
      const st = fs.lstatSync(child);
      if (st.isSymbolicLink()) out.push(`${r} -> ${fs.readlinkSync(child, { encoding: 'buffer' }).toString('hex')}`);
      else if (st.isDirectory()) {
        out.push(`${r}/`);
        walk(child, r);
      } else if (st.isFile()) out.push(`${r} ${st.size} ${crypto.createHash('sha256').update(fs.readFileSync(child)).digest('hex')} ${st.mtimeMs}`);
      else out.push(`${r} special ${st.mode}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

describe('CLI on hostile input', function () {
  this.timeout(120_000);
  let tree: ReturnType<typeof buildHostileTree>;
  let run: ReturnType<typeof runCli>;
  let snapshotBefore: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let json: any;

  before(() => {
    tree = buildHostileTree();
    snapshotBefore = snapshot(Buffer.from(tree.root));
    run = runCli(['scan', tree.root, '--format', 'json', '--fail-on', 'error'], { timeoutMs: 60_000 });
    try {
      json = JSON.parse(run.stdout);
    } catch {
      json = undefined;
    }
  });

  after(() => {
    fs.rmSync(tree.root, { recursive: true, force: true });
    fs.rmSync(tree.outside, { recursive: true, force: true });
  });

  it('ends within 30 s with exit 0 or 1 and no stack trace', () => {
    assert.strictEqual(run.signal, null, `killed by ${run.signal} after ${run.ms} ms`);
    assert.ok(run.ms < 30_000, `took ${run.ms} ms`);
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, 'a stack trace on stderr');
  });

  it('prints valid contract-v1 JSON and still finds the AI project', () => {
    assert.ok(json, `not JSON: ${run.stdout.slice(0, 300)}`);
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'rules', 'schema', 'contract-v1.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    assert.ok(validate(json as object), JSON.stringify(validate.errors));
    assert.ok(json.projects.some((p: { root: string; aiKind: string }) => p.root === '.' && p.aiKind === 'llm-app'), JSON.stringify(json.projects.map((p: { root: string }) => p.root)));
  });

  it('leaves a note for every skipped file: the 50 MB notebook, symlinks, broken manifests, the FIFO', () => {
    const noted = (file: string, re: RegExp) => json.notes.some((n: { file?: string; message: string }) => n.file === file && re.test(n.message));
    const expected: [string, RegExp][] = [
      ['notebooks/huge.ipynb', /cap/],
      ['app/loop', /symlink/],
      ['a-link', /symlink/],
      ['dangling.py', /symlink/],
      ['outside', /outside/],
      ['svc/pyproject.toml', /not understood|pars/],
      ['web/package.json', /not understood|pars/],
    ];
    if (tree.fifo) expected.push(['app/pipe.py', /FIFO|not a regular file/]);
    const missing = expected.filter(([file, re]) => !noted(file, re)).map(([file]) => file);
    assert.deepStrictEqual(missing, [], `notes: ${JSON.stringify(json.notes, null, 1)}`);
    for (const n of json.notes) assert.ok(['skipped', 'parse-error', 'check-error'].includes(n.kind) && n.message.length > 0, JSON.stringify(n));
  });

  // Regression: files with non-UTF-8 names used to get the note "it disappeared while scanning".
  it('a file with a non-UTF-8 name gets a truthful note', () => {
    const note = json.notes.find((n: { file?: string }) => n.file?.endsWith('A.py'));
    assert.ok(note, JSON.stringify(json.notes));
    assert.doesNotMatch(note.message, /disappeared/);
    assert.match(note.message, /UTF-8|encoding|name/i);
  });

  // Regression: malformed notebooks (truncated JSON, a .py saved as .ipynb) used to be ignored silently.
  it('a malformed notebook gets a note', () => {
    const files = json.notes.map((n: { file?: string }) => n.file);
    assert.ok(files.includes('notebooks/broken.ipynb') && files.includes('notebooks/not-json.ipynb'), JSON.stringify(json.notes));
  });

  it('never reads outside the root (the symlinked folder is not scanned)', () => {
    assert.ok(!JSON.stringify(json).includes('secret-notes.py'));
  });

  it('writes nothing into the scanned tree', () => {
    assert.deepStrictEqual(snapshot(Buffer.from(tree.root)), snapshotBefore);
  });
});
