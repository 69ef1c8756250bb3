// Writes planned files safely: never overwrites, never outside the scan root, atomically. A planned append adds
// lines at the end of an existing regular file (never through a link), and only when they are not there yet.
import { randomBytes } from 'crypto';
import { promises as fsp } from 'fs';
import * as path from 'path';
import type { PlannedFile } from './types';

export interface ApplyResult {
  /** Paths created (in a dry run: the paths that would be created). */
  written: string[];
  /** Existing files that had lines added at their end (in a dry run: would have). */
  appended: string[];
  skipped: { path: string; reason: string }[];
}

/** Why a planned path is not acceptable as written, or undefined when it is a clean relative path. */
export function pathProblem(rel: string): string | undefined {
  if (typeof rel !== 'string' || rel.length === 0) return 'empty path';
  if (rel.includes('\0')) return 'path contains a NUL character';
  if (rel.includes('\\')) return 'path must use "/" separators';
  if (rel.startsWith('/') || path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return 'absolute paths are not allowed';
  const parts = rel.split('/');
  if (parts.some(p => p === '..')) return 'path escapes the scan root ("..")';
  if (parts.some(p => p === '' || p === '.')) return 'path has empty or "." segments';
  return undefined;
}

const isInside = (root: string, target: string) => target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

async function exists(abs: string): Promise<boolean> {
  try {
    await fsp.lstat(abs);
    return true;
  } catch {
    return false;
  }
}

/** The real path of the deepest existing ancestor of `abs` (symlinks resolved). */
async function realExistingAncestor(abs: string): Promise<string> {
  let dir = abs;
  for (;;) {
    try {
      return await fsp.realpath(dir);
    } catch {
      const up = path.dirname(dir);
      if (up === dir) throw new Error('no existing ancestor');
      dir = up;
    }
  }
}

/** Creates `abs` with `content` only if nothing is there; write a temp file beside it, then hard-link it in. */
async function createExclusive(abs: string, content: string, mode: number): Promise<void> {
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await fsp.writeFile(tmp, content, { flag: 'wx', mode });
  try {
    try {
      await fsp.link(tmp, abs); // fails with EEXIST rather than replacing: no clobbering
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw e;
      // File systems without hard links: exclusive create, still never overwriting.
      await fsp.writeFile(abs, content, { flag: 'wx', mode });
    }
  } finally {
    await fsp.unlink(tmp).catch(() => undefined);
  }
}

export async function applyPlan(scanRoot: string, files: PlannedFile[], opts: { dryRun?: boolean } = {}): Promise<ApplyResult> {
  const result: ApplyResult = { written: [], appended: [], skipped: [] };
  let root: string;
  try {
    root = await fsp.realpath(scanRoot);
  } catch {
    for (const f of files) result.skipped.push({ path: f.path, reason: 'scan root does not exist' });
    return result;
  }
  const seen = new Set<string>();
  for (const file of files) {
    const rel = file.path;
    const problem = pathProblem(rel);
    if (problem) {
      result.skipped.push({ path: String(rel), reason: problem });
      continue;
    }
    const abs = path.join(root, ...rel.split('/'));
    if (file.append) {
      result.skipped.push(...(await appendTo(root, abs, file, seen.has(rel), !!opts.dryRun, result)));
      continue;
    }
    if (seen.has(rel)) {
      result.skipped.push({ path: rel, reason: 'planned twice in the same batch' });
      continue;
    }
    seen.add(rel);
    try {
      const anchor = await realExistingAncestor(path.dirname(abs));
      if (!isInside(root, anchor)) {
        result.skipped.push({ path: rel, reason: 'parent folder resolves outside the scan root (symlink)' });
        continue;
      }
      if (await exists(abs)) {
        result.skipped.push({ path: rel, reason: 'a file already exists there; not overwritten' });
        continue;
      }
      if (opts.dryRun) {
        result.written.push(rel);
        continue;
      }
      await fsp.mkdir(path.dirname(abs), { recursive: true });
      // Re-check after creating folders: a link swapped in meanwhile must not lead us outside.
      const parentReal = await fsp.realpath(path.dirname(abs));
      if (!isInside(root, parentReal)) {
        result.skipped.push({ path: rel, reason: 'parent folder resolves outside the scan root (symlink)' });
        continue;
      }
      await createExclusive(path.join(parentReal, path.basename(abs)), file.content, rel.endsWith('.sh') ? 0o755 : 0o644);
      result.written.push(rel);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const reason = err.code === 'EEXIST' ? 'a file already exists there; not overwritten' : `could not write: ${err.code ?? err.message}`;
      result.skipped.push({ path: rel, reason });
    }
  }
  return result;
}

/**
 * Adds `file.content` at the end of the regular file at `abs`. In a dry run a file the batch would create
 * counts as there (`createdInBatch`); nothing is written.
 */
async function appendTo(root: string, abs: string, file: PlannedFile, createdInBatch: boolean, dryRun: boolean, result: ApplyResult): Promise<{ path: string; reason: string }[]> {
  const rel = file.path;
  if (dryRun && createdInBatch) {
    result.appended.push(rel);
    return [];
  }
  try {
    const st = await fsp.lstat(abs);
    if (!st.isFile()) return [{ path: rel, reason: 'not a regular file (a link or a folder); not edited' }];
    if (!isInside(root, await fsp.realpath(abs))) return [{ path: rel, reason: 'resolves outside the scan root (symlink)' }];
    const text = await fsp.readFile(abs, 'utf8');
    if (text.includes(file.content.trim())) return []; // already there: adding it again would only duplicate it
    if (!dryRun) await fsp.appendFile(abs, file.content, { flag: 'a' });
    if (!result.appended.includes(rel)) result.appended.push(rel);
    return [];
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return [{ path: rel, reason: err.code === 'ENOENT' ? 'the file to add to does not exist' : `could not add to it: ${err.code ?? err.message}` }];
  }
}
