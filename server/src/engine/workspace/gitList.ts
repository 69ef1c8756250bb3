// Lists a git work tree's files with one `git ls-files` (tracked + untracked-but-not-ignored) instead of
// walking every folder: git already knows the tree and applies every .gitignore, info/exclude and the
// user's global excludes. Only for trusted workspaces (git reads repository config), and only when the
// answer is plain: symlinks and submodules send the caller back to the walker, which handles them.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Note } from '../types';
import { EXCLUDED_DIR_NAMES, MAYBE_VENV_DIR_NAMES } from './excludes';

export interface ListedFile { rel: string; size: number; mtimeMs: number }

/** Folders above which we look for a `.git` entry before asking git at all. */
const MAX_PARENT_DEPTH = 64;
const GIT_TIMEOUT_MS = 30_000;

export function insideGitWorkTree(root: string): boolean {
  let dir = root;
  for (let i = 0; i < MAX_PARENT_DEPTH; i++) {
    if (fs.existsSync(path.join(dir, '.git'))) return true;
    const up = path.dirname(dir);
    if (up === dir) return false;
    dir = up;
  }
  return false;
}

/**
 * The files under `root` as git sees them, with built-in excludes and `isIgnored` applied, or
 * undefined when git is unavailable or the tree holds something only the walker handles.
 */
export function gitListedFiles(
  root: string,
  isIgnored: (rel: string) => boolean,
  maxFiles: number,
  signalAborted: () => boolean,
): { files: ListedFile[]; notes: Note[] } | undefined {
  if (!insideGitWorkTree(root)) return undefined;
  let listed: string[];
  let trackedButIgnored: Set<string>;
  try {
    // Same rules as the walker: .gitignore files only (not info/exclude or the user's global excludes), and
    // tracked files that a .gitignore matches are left out too, so both paths list exactly the same files.
    listed = git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-per-directory=.gitignore']);
    trackedButIgnored = new Set(git(root, ['ls-files', '-z', '--cached', '--ignored', '--exclude-per-directory=.gitignore']));
  } catch {
    return undefined; // not a work tree after all, git missing, "dubious ownership", timeout: walk instead
  }
  const files: ListedFile[] = [];
  const notes: Note[] = [];
  const dirVerdicts = new Map<string, boolean>();
  const seen = new Set<string>();
  const dirExcluded = (dir: string): boolean => {
    let verdict = dirVerdicts.get(dir);
    if (verdict !== undefined) return verdict;
    const slash = dir.lastIndexOf('/');
    const name = dir.slice(slash + 1);
    verdict = (slash >= 0 && dirExcluded(dir.slice(0, slash)))
      || EXCLUDED_DIR_NAMES.has(name)
      || (MAYBE_VENV_DIR_NAMES.has(name) && fs.existsSync(path.join(root, dir, 'pyvenv.cfg')))
      || isIgnored(dir);
    dirVerdicts.set(dir, verdict);
    return verdict;
  };
  for (const rel of listed) {
    if (!rel || seen.has(rel) || trackedButIgnored.has(rel)) continue;
    seen.add(rel);
    if (files.length % 4096 === 0 && signalAborted()) return undefined;
    const slash = rel.lastIndexOf('/');
    if (slash >= 0 && dirExcluded(rel.slice(0, slash))) continue;
    if (isIgnored(rel)) continue;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(path.join(root, rel));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // tracked but deleted in the work tree
      notes.push({ kind: 'skipped', file: rel, message: `file skipped: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      continue;
    }
    // Symlinks (loops, targets outside the root) and submodules (folders) are the walker's business.
    if (!st.isFile()) return undefined;
    if (files.length >= maxFiles) {
      notes.push({ kind: 'skipped', message: `stopped listing after ${maxFiles} files; add ignore globs in .ai-preflight.yaml to scan the rest` });
      break;
    }
    files.push({ rel, size: st.size, mtimeMs: st.mtimeMs });
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, notes };
}

function git(cwd: string, args: string[]): string[] {
  // fsmonitor could run a repository-chosen program; ls-files does not need it.
  const out = execFileSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.quotepath=off', ...args], {
    cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: GIT_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true,
  });
  return out.split('\0').filter(Boolean);
}
