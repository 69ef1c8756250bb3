// A small bounded listing of a project's files for picking entry points and deploy files.
// Never follows symlinks; skips environments, caches and build output.
import * as fs from 'fs';
import * as path from 'path';

const SKIP_DIRS = new Set([
  '.git', 'node_modules', '.venv', 'venv', 'env', '__pycache__', 'site-packages', 'dist', 'build', 'mlruns',
  'wandb', '.tox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.dvc', '.idea', '.vscode', '.next', 'coverage',
]);

export function listProjectFiles(dir: string, maxFiles = 5000, maxDepth = 8): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string, depth: number) => {
    if (out.length >= maxFiles || depth > maxDepth) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // unreadable folder: skip it
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= maxFiles) return;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(path.join(abs, e.name), childRel, depth + 1);
      } else if (e.isFile()) {
        out.push(childRel);
      }
    }
  };
  walk(dir, '', 0);
  return out;
}

/** Reads a small text file, or undefined when missing, too big or binary. */
export function readSmallText(abs: string, maxBytes = 256 * 1024): string | undefined {
  try {
    const st = fs.statSync(abs);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = fs.readFileSync(abs);
    if (buf.includes(0)) return undefined;
    return buf.toString('utf8');
  } catch {
    return undefined;
  }
}
