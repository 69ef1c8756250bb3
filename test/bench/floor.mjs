// The floor a scanner cannot beat on a tree, run as its own process so it pays node's start-up too:
//   git-ls     `git ls-files` (tracked + untracked-not-ignored)
//   walk       a recursive readdir honouring nested .gitignore files with the `ignore` package
//   read       git-ls, then read every file the scan would read (text under the 1 MiB cap, notebooks to 16 MiB)
// Usage: node test/bench/floor.mjs <mode> <dir>   (prints the file count and bytes to stdout)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ignore = require('ignore');
const [mode, dir] = process.argv.slice(2);

function gitList(root) {
  const opts = { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 };
  const tracked = execFileSync('git', ['ls-files', '-z'], opts).split('\0');
  const others = execFileSync('git', ['ls-files', '-z', '--others', '--exclude-standard'], opts).split('\0');
  return [...tracked, ...others].filter(Boolean);
}

function walk(root) {
  const out = [];
  const stack = [{ abs: root, rel: '', layers: [] }];
  while (stack.length) {
    const d = stack.pop();
    const entries = fs.readdirSync(d.abs, { withFileTypes: true });
    let layers = d.layers;
    if (entries.some((e) => e.name === '.gitignore')) {
      layers = [...layers, { base: d.rel, ig: ignore().add(fs.readFileSync(path.join(d.abs, '.gitignore'), 'utf8')) }];
    }
    for (const e of entries) {
      if (e.name === '.git') continue;
      const rel = d.rel ? `${d.rel}/${e.name}` : e.name;
      const isDir = e.isDirectory();
      if (layers.some((l) => l.ig.ignores((l.base ? rel.slice(l.base.length + 1) : rel) + (isDir ? '/' : '')))) continue;
      if (isDir) stack.push({ abs: path.join(d.abs, e.name), rel, layers });
      else if (e.isFile()) out.push(rel);
    }
  }
  return out;
}

let files;
let bytes = 0;
if (mode === 'git-ls') files = gitList(dir);
else if (mode === 'walk') files = walk(dir);
else if (mode === 'read') {
  files = gitList(dir);
  for (const rel of files) {
    const abs = path.join(dir, rel);
    const st = fs.statSync(abs);
    if (st.size > (rel.endsWith('.ipynb') ? 16 : 1) * 1024 * 1024) continue;
    bytes += fs.readFileSync(abs).length;
  }
} else {
  console.error('usage: floor.mjs git-ls|walk|read <dir>');
  process.exit(2);
}
console.log(JSON.stringify({ files: files.length, bytes }));
