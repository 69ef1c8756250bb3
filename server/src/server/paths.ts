// URI <-> path helpers and folder lookup. LSP speaks file URIs; the engine speaks paths relative to a root.
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return fileURLToPath(uri); } catch { return undefined; }
}

export function pathToUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

/** Path of `abs` relative to `root` with '/', or undefined when outside it. */
export function relativeInside(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** Absolute path of a scan-relative '/'-path. */
export function resolveRel(root: string, rel: string): string {
  return path.join(root, ...rel.split('/'));
}

/** Extensions whose open documents get code-level checks while typing. */
export const CHECKED_EXTENSIONS = new Set(['.py', '.ipynb', '.js', '.ts', '.jsx', '.tsx', '.mjs', '.cjs', '.yaml', '.yml', '.json', '.env', '.toml', '.md']);

export function isCheckedFile(fsPath: string): boolean {
  const base = path.basename(fsPath).toLowerCase();
  if (base === '.env' || base.startsWith('.env.')) return true;
  return CHECKED_EXTENSIONS.has(path.extname(base));
}

/** Folders whose churn never changes a readiness answer (the engine excludes them too). */
export function isNoisePath(fsPath: string): boolean {
  return /[\\/](\.git|node_modules|__pycache__|\.venv|venv|\.mypy_cache|\.pytest_cache|\.tox)([\\/]|$)/.test(fsPath);
}
