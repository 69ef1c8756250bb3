// Walks a folder honouring nested .gitignore files, built-in excludes and config ignores.
// Ignored folders are pruned before descending; symlinks are followed only when they stay inside the
// root and do not revisit a folder (loops); anything unreadable becomes a note, never an exception.
import * as fs from 'fs';
import * as path from 'path';
import type { Note } from '../types';
import { EXCLUDED_DIR_NAMES, MAYBE_VENV_DIR_NAMES } from './excludes';
import { compileSafeGlob } from '../rules/safeGlob';
import { GitignoreRules, parseGitignore } from './gitignoreRules';
import { gitListedFiles, gitListedFilesAsync } from './gitList';
import { abortError, EventLoopTurns, runToEnd, runWithTurns } from '../eventLoopTurns';

export interface CrawledFile {
  /** Relative to the root, '/'-separated. */
  rel: string;
  size: number;
  mtimeMs: number;
}

export interface CrawlOptions {
  /** Glob patterns (relative to root) to leave out: config `ignore` plus editor excludes. */
  ignoreGlobs?: string[];
  /** Stop after this many files (a note says so). */
  maxFiles?: number;
  signal?: AbortSignal;
  /**
   * Ask git for the file list when the root is in a git work tree (much faster on big trees). Only for
   * trusted workspaces: git reads the repository's own config. Falls back to walking when git cannot answer.
   */
  git?: boolean;
}

export interface CrawlResult {
  files: CrawledFile[];
  notes: Note[];
  /** The walk met a symlink (followed or not): file events cannot then be applied path by path. */
  sawSymlink?: boolean;
}

export interface IgnoreLayer { base: string; rules: GitignoreRules }

export const DEFAULT_MAX_FILES = 300_000;

export function crawl(root: string, opts: CrawlOptions = {}): CrawlResult {
  const start = crawlStart(root, opts);
  if ('done' in start) return start.done;
  if (opts.git) {
    const listed = gitListedFiles(root, start.isGlobIgnored, start.maxFiles, () => opts.signal?.aborted === true);
    if (opts.signal?.aborted) throw abortError();
    if (listed) return { ...listed, notes: [...start.notes, ...listed.notes] };
  }
  return runToEnd(walkSteps(root, start.rootReal, opts, start.isGlobIgnored, start.maxFiles, start.notes));
}

/**
 * The same listing, giving the event loop a turn every few milliseconds: a language server's first scan of a
 * big folder must not leave its requests waiting while it lists.
 */
export async function crawlAsync(root: string, opts: CrawlOptions = {}): Promise<CrawlResult> {
  const start = crawlStart(root, opts);
  if ('done' in start) return start.done;
  if (opts.git) {
    const listed = await gitListedFilesAsync(root, start.isGlobIgnored, start.maxFiles, () => opts.signal?.aborted === true);
    if (opts.signal?.aborted) throw abortError();
    if (listed) return { ...listed, notes: [...start.notes, ...listed.notes] };
  }
  return runWithTurns(walkSteps(root, start.rootReal, opts, start.isGlobIgnored, start.maxFiles, start.notes), new EventLoopTurns(opts.signal));
}

type CrawlStart = { done: CrawlResult } | { rootReal: string; isGlobIgnored: (rel: string) => boolean; maxFiles: number; notes: Note[] };

function crawlStart(root: string, opts: CrawlOptions): CrawlStart {
  const notes: Note[] = [];
  const maxFiles = opts.maxFiles ?? DEFAULT_MAX_FILES;
  const isGlobIgnored = ignoreGlobMatcher(opts.ignoreGlobs ?? [], notes);
  try {
    return { rootReal: fs.realpathSync(root), isGlobIgnored, maxFiles, notes };
  } catch (e) {
    notes.push({ kind: 'skipped', message: `cannot read the folder to scan: ${errMsg(e)}` });
    return { done: { files: [], notes } };
  }
}

/** The walk, pausing (yield) after each folder so a caller can give the event loop a turn; returns the listing. */
function* walkSteps(
  root: string, rootReal: string, opts: CrawlOptions, isGlobIgnored: (rel: string) => boolean, maxFiles: number, notes: Note[],
): Generator<void, CrawlResult, void> {
  const files: CrawledFile[] = [];
  const visitedDirs = new Set<string>([rootReal]);
  let sawSymlink = false;
  // Iterative depth-first walk: deep trees must not overflow the stack.
  const stack: { rel: string; abs: string; layers: IgnoreLayer[] }[] = [{ rel: '', abs: root, layers: [] }];

  while (stack.length > 0) {
    if (opts.signal?.aborted) throw abortError();
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir.abs, { withFileTypes: true });
    } catch (e) {
      notes.push({ kind: 'skipped', file: dir.rel || '.', message: `folder skipped: ${errMsg(e)}` });
      continue;
    }
    const layers = withGitignore(dir, entries, rootReal, notes);
    // Sorted so results never depend on the file system's order.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: typeof stack = [];
    for (const entry of entries) {
      const rel = dir.rel ? `${dir.rel}/${entry.name}` : entry.name;
      // Node decodes names as UTF-8 lossily; a name with bytes that are not UTF-8 cannot be opened by it.
      if (entry.name.includes('\uFFFD')) {
        notes.push({ kind: 'skipped', file: rel, message: `${entry.isDirectory() ? 'folder' : 'file'} skipped: its name is not valid UTF-8` });
        continue;
      }
      const abs = path.join(dir.abs, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        sawSymlink = true;
        const target = resolveLink(abs, rootReal);
        if (!target.ok) {
          notes.push({ kind: 'skipped', file: rel, message: target.reason });
          continue;
        }
        isDir = target.stat.isDirectory();
        isFile = target.stat.isFile();
        if (isDir) {
          if (visitedDirs.has(target.real)) {
            notes.push({ kind: 'skipped', file: rel, message: 'symlink skipped: it leads back into a folder already scanned (a loop or a duplicate)' });
            continue;
          }
        }
      }
      if (isDir) {
        if (EXCLUDED_DIR_NAMES.has(entry.name)) continue;
        if (MAYBE_VENV_DIR_NAMES.has(entry.name) && fs.existsSync(path.join(abs, 'pyvenv.cfg'))) continue;
        if (isIgnored(layers, rel, true) || isGlobIgnored(rel)) continue;
        let real: string;
        try {
          real = fs.realpathSync(abs);
        } catch (e) {
          notes.push({ kind: 'skipped', file: rel, message: `folder skipped: ${errMsg(e)}` });
          continue;
        }
        if (visitedDirs.has(real)) continue;
        visitedDirs.add(real);
        subdirs.push({ rel, abs, layers });
      } else if (isFile) {
        if (isIgnored(layers, rel, false) || isGlobIgnored(rel)) continue;
        let st: fs.Stats;
        try {
          st = fs.statSync(abs);
        } catch (e) {
          notes.push({ kind: 'skipped', file: rel, message: `file skipped: ${errMsg(e)}` });
          continue;
        }
        if (files.length >= maxFiles) {
          notes.push({ kind: 'skipped', message: `stopped listing after ${maxFiles} files; add ignore globs in .ai-preflight.yaml to scan the rest` });
          return { files, notes, sawSymlink };
        }
        files.push({ rel, size: st.size, mtimeMs: st.mtimeMs });
      } else if (!entry.isSymbolicLink()) {
        // FIFOs, sockets, devices: reading them could block forever.
        if (!isIgnored(layers, rel, false) && !isGlobIgnored(rel)) {
          notes.push({ kind: 'skipped', file: rel, message: 'not a regular file (FIFO, socket or device): skipped' });
        }
      }
    }
    // Reverse so the walk visits folders in sorted order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
    yield;
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, notes, sawSymlink };
}

/**
 * The crawl's test for config `ignore` and editor `exclude` globs (shared with incremental listing updates),
 * with minimatch's `match()` meaning. Compiled by safeGlob: linear time, brace bombs refused before expanding.
 */
export function ignoreGlobMatcher(ignoreGlobs: string[], notes: Note[]): (rel: string) => boolean {
  const tests: ((s: string) => boolean)[] = [];
  for (const g of ignoreGlobs) {
    try {
      const c = compileSafeGlob(g.replace(/\/$/, ''), { matchSemantics: true });
      if (!c.comment) tests.push(c.negate ? (s) => !c.re.test(s) : (s) => c.re.test(s));
    } catch (e) {
      notes.push({ kind: 'config-error', message: `ignore glob not applied: ${g.length > 200 ? g.slice(0, 200) + '…' : g}: ${(e as Error).message}` });
    }
  }
  return (rel: string) => tests.some((t) => t(rel) || t(rel + '/'));
}

function withGitignore(dir: { rel: string; abs: string; layers: IgnoreLayer[] }, entries: fs.Dirent[], rootReal: string, notes: Note[]): IgnoreLayer[] {
  if (!entries.some((e) => e.name === '.gitignore' && (e.isFile() || e.isSymbolicLink()))) return dir.layers;
  const rel = dir.rel ? `${dir.rel}/.gitignore` : '.gitignore';
  try {
    const rules = loadGitignore(dir.abs, rootReal, (line, reason) => notes.push({ kind: 'parse-error', file: rel, line, message: `.gitignore line ${line} not applied: ${reason}` }));
    return rules ? [...dir.layers, { base: dir.rel, rules }] : dir.layers;
  } catch (e) {
    notes.push({ kind: 'parse-error', file: rel, message: `.gitignore not applied: ${errMsg(e)}` });
    return dir.layers;
  }
}

/**
 * A folder's .gitignore rules; undefined when it has none, or one that is not a regular file, is over 1 MiB,
 * or is a symlink leading out of `rootReal` (the crawl notes that link; its target is never read). Throws
 * when unreadable. `onSkippedLine` hears of lines not applied (over-long ones).
 */
export function loadGitignore(dirAbs: string, rootReal: string, onSkippedLine?: (line: number, reason: string) => void): GitignoreRules | undefined {
  const file = path.join(dirAbs, '.gitignore');
  const lst = fs.lstatSync(file);
  if (lst.isSymbolicLink() && !resolveLink(file, rootReal).ok) return undefined;
  const st = lst.isSymbolicLink() ? fs.statSync(file) : lst;
  if (!st.isFile() || st.size > 1024 * 1024) return undefined;
  const parsed = parseGitignore(fs.readFileSync(file, 'utf8'));
  for (const s of parsed.skipped) onSkippedLine?.(s.line, s.reason);
  return parsed.rules;
}

/**
 * Git's precedence: the deepest .gitignore with an opinion wins, so `!logs/` + `!logs/**` below re-include
 * what `logs/` above left out. (`ignore` also applies a folder pattern to the files inside, so a lone
 * `!logs/` re-includes the folder but not its files; git's own listing has no such gap.)
 */
export function isIgnored(layers: IgnoreLayer[], rel: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    const sub = layer.base ? rel.slice(layer.base.length + 1) : rel;
    try {
      const verdict = layer.rules.test(isDir ? sub + '/' : sub);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    } catch {
      // An odd name the rules cannot test: treat it as not ignored.
    }
  }
  return false;
}

type LinkTarget = { ok: true; real: string; stat: fs.Stats } | { ok: false; reason: string };

function resolveLink(abs: string, rootReal: string): LinkTarget {
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch (e) {
    return { ok: false, reason: `symlink skipped: ${(e as NodeJS.ErrnoException).code === 'ELOOP' ? 'it is a symlink loop' : 'its target does not exist or cannot be read'}` };
  }
  if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
    return { ok: false, reason: 'symlink skipped: it points outside the scanned folder' };
  }
  try {
    return { ok: true, real, stat: fs.statSync(real) };
  } catch (e) {
    return { ok: false, reason: `symlink skipped: ${errMsg(e)}` };
  }
}

export function errMsg(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === 'EACCES') return 'permission denied';
  if (err && err.code === 'ENOENT') return 'it disappeared while scanning';
  if (err && err.code) return `${err.code}`;
  return err && err.message ? err.message : String(e);
}

export { abortError };
