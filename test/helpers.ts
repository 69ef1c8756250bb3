// Paths for tests that run from compiled output (out/test/...): everything resolves from the repo root.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

function findRepoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'rules'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repo root not found from ' + __dirname);
    dir = up;
  }
  return dir;
}

export const repoRoot = findRepoRoot();
export const fixturePath = (...parts: string[]) => path.join(repoRoot, 'test', 'fixtures', ...parts);
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

// Every temp dir a test makes is removed when the test process exits, whether or not the test
// cleaned up after itself, so repeated runs do not fill /tmp.
const tempDirs: string[] = [];
process.on('exit', () => {
  for (const dir of tempDirs) {
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort at exit */ }
  }
});

/** A fresh, empty temp dir (removed at process exit). */
export function makeTempDir(prefix = 'aipf-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A fresh temp dir with the given files (path -> content). */
export function makeTree(files: Record<string, string | Buffer>): string {
  const dir = makeTempDir();
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

/** path -> sha256 (or link target) of everything under dir, folders included, so deletions show too. */
export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const a = path.join(abs, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) out.set(r, 'link:' + fs.readlinkSync(a));
      else if (e.isDirectory()) { out.set(r + '/', 'dir'); walk(a, r); }
      else out.set(r, createHash('sha256').update(fs.readFileSync(a)).digest('hex'));
    }
  };
  walk(dir, '');
  return out;
}
