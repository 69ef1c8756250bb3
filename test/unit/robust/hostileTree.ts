// Builds a hostile workspace at test time: loops, escapes, special files, huge and odd files, and a
// secret planted OUTSIDE the workspace that must never show up in any output.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { plantedKeys } from './util';
import { makeTempDir } from '../../helpers';

export interface HostileTree {
  /** Parent temp dir holding both the workspace and the outside folder. */
  base: string;
  root: string;
  outside: string;
  /** Keys planted outside the workspace: must never appear in any output. */
  outsideKeys: string[];
  /** Keys planted inside: may be reported, masked, never in full. */
  insideKeys: string[];
  /** What could not be built here (e.g. no mkfifo), with why. */
  notBuilt: string[];
}

export function buildHostileTree(opts: { manyFiles?: number; bigNotebookMiB?: number } = {}): HostileTree {
  const base = makeTempDir('aipf-hostile-');
  fs.chmodSync(base, 0o755);
  const root = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  const notBuilt: string[] = [];
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
  const keys = plantedKeys();
  const outsideKeys = keys.slice(0, 4).map((k) => k.key);
  const insideKeys = keys.slice(4, 8).map((k) => k.key);
  const w = (rel: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  };

  // Outside: a secret in every form a scan would read (env file, code, notebook, config).
  fs.writeFileSync(path.join(outside, 'secret.env'), outsideKeys.map((k, i) => `KEY_${i}=${k}`).join('\n') + '\n');
  fs.writeFileSync(path.join(outside, 'leak.py'), `API_KEY = "${outsideKeys[0]}"\n`);
  fs.writeFileSync(path.join(outside, 'requirements.txt'), 'openai==1.0\n');

  // A plain AI project so every check runs.
  w('requirements.txt', 'openai==1.30.0\n');
  w('app.py', 'import openai\nclient = openai.OpenAI()\n');
  w('.ai-preflight.yaml', [
    'stage: production',
    'custom:',
    '  - id: redos-probe',
    '    title: Catastrophic pattern probe',
    '    pillar: trust',
    '    present-when: { file: "**/*.txt", contains: "(a+)+$" }',
    '',
  ].join('\n'));
  // Input that makes a backtracking engine take forever on (a+)+$.
  w('redos.txt', 'a'.repeat(50_000) + '!\n');

  // Symlinks: loops, and escapes to the outside folder (as a folder, a file and a dotenv).
  fs.symlinkSync('..', path.join(root, 'loop-up'));
  fs.mkdirSync(path.join(root, 'loopdir'));
  fs.symlinkSync('.', path.join(root, 'loopdir', 'self'));
  fs.symlinkSync('ping', path.join(root, 'pong'));
  fs.symlinkSync('pong', path.join(root, 'ping'));
  fs.symlinkSync(outside, path.join(root, 'outside-dir'));
  fs.symlinkSync(path.join(outside, 'secret.env'), path.join(root, '.env'));
  fs.symlinkSync(path.join(outside, 'leak.py'), path.join(root, 'leak.py'));
  fs.symlinkSync('../outside/leak.py', path.join(root, 'relative-leak.py'));

  // Special and huge files.
  try {
    execFileSync('mkfifo', [path.join(root, 'pipe.py')]);
    fs.mkdirSync(path.join(root, 'fifo'));
    execFileSync('mkfifo', [path.join(root, 'fifo', 'requirements.txt')]);
  } catch (e) {
    notBuilt.push(`FIFO: mkfifo failed (${(e as Error).message.split('\n')[0]})`);
  }
  const sparse = fs.openSync(path.join(root, 'huge.py'), 'w');
  fs.ftruncateSync(sparse, 200 * 1024 * 1024);
  fs.closeSync(sparse);
  w('oneline.py', 'x = 1; '.repeat(Math.ceil((10 * 1024 * 1024) / 7)));
  // Just under the read cap: actually parsed as one very long line.
  w('nearcap.py', `KEY = "${insideKeys[0]}"; ` + 'y = [1, 2]; '.repeat(80_000));

  // 500 nested folders with a file (and an inside secret) at the bottom.
  const deep = Array.from({ length: 500 }, () => 'd').join('/');
  w(`deep/${deep}/leaf.py`, `import openai\nTOKEN = "${insideKeys[1]}"\n`);

  // Many empty files in one folder.
  const many = path.join(root, 'many');
  fs.mkdirSync(many);
  for (let i = 0; i < (opts.manyFiles ?? 100_000); i++) fs.writeFileSync(path.join(many, `f${i}.txt`), '');

  // Odd names: invalid UTF-8 bytes and a name at the 255-byte limit.
  try {
    fs.writeFileSync(Buffer.from(path.join(root, 'bad-') + '\xff\xfe.py', 'latin1'), `SECRET = "${insideKeys[2]}"\n`);
  } catch (e) {
    notBuilt.push(`non-UTF-8 name: ${(e as Error).message}`);
  }
  w('n'.repeat(250) + '.py', 'print(1)\n');
  w('weird name ;$(touch pwned)`x`.py', 'print(2)\n');

  // Unreadable file and folder (only effective for non-root users).
  w('locked/secret.py', `X = "${insideKeys[3]}"\n`);
  w('locked-file.py', 'print(3)\n');
  fs.chmodSync(path.join(root, 'locked-file.py'), 0o000);
  fs.chmodSync(path.join(root, 'locked'), 0o000);

  // A notebook with huge outputs.
  const mib = opts.bigNotebookMiB ?? 50;
  const chunk = 'z'.repeat(1024 * 1024);
  const outputs = Array.from({ length: mib }, () => ({ output_type: 'stream', name: 'stdout', text: [chunk] }));
  w('big.ipynb', JSON.stringify({ cells: [{ cell_type: 'code', source: ['import torch\n'], outputs, metadata: {}, execution_count: 1 }], metadata: {}, nbformat: 4, nbformat_minor: 5 }));

  return { base, root, outside, outsideKeys, insideKeys, notBuilt };
}

/** Removes the tree, restoring permissions first so nothing is left behind. */
export function removeHostileTree(t: HostileTree): void {
  for (const rel of ['locked', 'locked-file.py']) {
    try { fs.chmodSync(path.join(t.root, rel), 0o755); } catch { /* already gone */ }
  }
  fs.rmSync(t.base, { recursive: true, force: true });
}

/** Lets another user (the non-root run) read the tree, keeping the chmod-000 entries locked. */
export function openTreeTo(t: HostileTree, uid: number, gid: number): void {
  const walk = (abs: string) => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch {
      return; // the non-UTF-8 name does not round-trip through a string; it is a plain 0644 file anyway
    }
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o777) === 0) { fs.chownSync(abs, uid, gid); return; } // locked: owned by them, still mode 000
    if (st.isDirectory()) {
      fs.chmodSync(abs, 0o755);
      for (const name of fs.readdirSync(abs)) walk(path.join(abs, name));
    }
  };
  walk(t.base);
}
