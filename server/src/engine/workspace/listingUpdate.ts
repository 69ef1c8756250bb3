// Applies file events (created, changed, deleted paths) to a previous crawl's file list, deciding each new
// path exactly as the walker would (built-in excludes, virtualenvs, nested .gitignore files, ignore globs),
// without walking the tree or asking git. Anything the walker would only note (symlinks, FIFOs, odd names,
// unreadable folders) or that changes the rules themselves sends the caller back to a full crawl.
import * as fs from 'fs';
import * as path from 'path';
import type { GitignoreRules } from './gitignoreRules';
import type { CrawledFile, IgnoreLayer } from './crawl';
import { isIgnored, loadGitignore } from './crawl';
import { EXCLUDED_DIR_NAMES, MAYBE_VENV_DIR_NAMES } from './excludes';

/** Files whose change changes which files are listed (or how they are configured): a full crawl decides. */
const RULE_FILES = new Set(['.gitignore', 'pyvenv.cfg', '.ai-preflight.yaml', '.ai-preflight.yml']);
/** A created folder bigger than this is cheaper to take in with a full crawl. */
const MAX_WALKED_FILES = 5000;

export interface ListingRules {
  root: string;
  /** Config `ignore` and editor `exclude` globs, as the crawl tests them. */
  isGlobIgnored: (rel: string) => boolean;
  /** Parsed .gitignore per folder ('' = root), null when it has none; kept while the rules are unchanged. */
  gitignores: Map<string, GitignoreRules | null>;
}

export interface ListingUpdate {
  files: CrawledFile[];
  /** Paths added, removed or modified (size or mtime) by the events. */
  changed: Set<string>;
}

/** Whether the sorted listing holds `rel` (binary search: a listing has up to hundreds of thousands of files). */
function isListed(sorted: CrawledFile[], rel: string): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid].rel;
    if (at === rel) return true;
    if (at < rel) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Thrown inside this module when only a full crawl can answer; never escapes it. */
class NeedsFullCrawl extends Error {}

/** True when an event on `rel` can change the listing rules or configuration, so only a full scan will do. */
export function isRuleChange(rel: string): boolean {
  const parts = rel.split('/');
  return parts.includes('.git') || RULE_FILES.has(parts[parts.length - 1]);
}

/**
 * The previous (sorted) listing with the events applied, or undefined when a full crawl is needed.
 * `previous` is not modified.
 */
export function applyFileEvents(rules: ListingRules, previous: CrawledFile[], paths: string[]): ListingUpdate | undefined {
  try {
    return apply(rules, previous, paths);
  } catch (e) {
    if (e instanceof NeedsFullCrawl) return undefined;
    throw e;
  }
}

function apply(rules: ListingRules, previous: CrawledFile[], paths: string[]): ListingUpdate {
  const decider = new Decider(rules);
  const found = new Map<string, CrawledFile>();
  /** Exact paths and folder prefixes ('dir/') whose previous entries are replaced by what is found now. */
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const rel of new Set(paths)) {
    if (!isPlainRel(rel) || isRuleChange(rel)) throw new NeedsFullCrawl();
    exact.add(rel);
    prefixes.push(rel + '/');
    // A folder deleted or created again may hold other .gitignore rules than the ones remembered.
    for (const dir of rules.gitignores.keys()) if (dir === rel || dir.startsWith(rel + '/')) rules.gitignores.delete(dir);
    const st = lstatOrUndefined(path.join(rules.root, rel));
    if (!st) continue; // gone: its entries (and those beneath it) are dropped
    if (st.isSymbolicLink() || (!st.isFile() && !st.isDirectory())) throw new NeedsFullCrawl();
    // A file listed before although a .gitignore matches it is one git tracks (see gitList.ts): it stays listed.
    if (st.isFile() && isListed(previous, rel)) {
      found.set(rel, { rel, size: st.size, mtimeMs: st.mtimeMs });
      continue;
    }
    const parent = dirOfRel(rel);
    if (!decider.dirListed(parent)) continue;
    if (st.isFile()) {
      if (!decider.fileIgnored(rel)) found.set(rel, { rel, size: st.size, mtimeMs: st.mtimeMs });
    } else if (decider.childDirListed(rel)) {
      decider.walk(rel, found);
    }
  }
  const inRegion = (rel: string) => exact.has(rel) || prefixes.some((p) => rel.startsWith(p));
  const changed = new Set<string>();
  const files: CrawledFile[] = [];
  for (const f of previous) {
    if (!inRegion(f.rel)) { files.push(f); continue; }
    const now = found.get(f.rel);
    if (!now) {
      if (isRuleChange(f.rel)) throw new NeedsFullCrawl(); // e.g. a deleted folder held a .gitignore
      changed.add(f.rel);
      continue;
    }
    found.delete(f.rel);
    if (now.size !== f.size || now.mtimeMs !== f.mtimeMs) { changed.add(f.rel); files.push(now); } else files.push(f);
  }
  if (found.size === 0) return { files, changed };
  for (const rel of found.keys()) changed.add(rel);
  files.push(...found.values());
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, changed };
}

/** The walker's verdicts, folder by folder, with each folder's .gitignore layers. */
class Decider {
  private readonly listedDirs = new Map<string, boolean>([['', true]]);
  private readonly layerCache = new Map<string, IgnoreLayer[]>();

  constructor(private readonly rules: ListingRules) {}

  /** Would the walker descend into folder `dir` ('' = root)? */
  dirListed(dir: string): boolean {
    let verdict = this.listedDirs.get(dir);
    if (verdict !== undefined) return verdict;
    const st = lstatOrUndefined(path.join(this.rules.root, dir));
    if (st?.isSymbolicLink()) throw new NeedsFullCrawl();
    verdict = !!st?.isDirectory() && this.dirListed(dirOfRel(dir)) && this.childDirListed(dir);
    this.listedDirs.set(dir, verdict);
    return verdict;
  }

  /** The walker's test for a folder whose parent it walks. */
  childDirListed(dir: string): boolean {
    const name = dir.slice(dir.lastIndexOf('/') + 1);
    if (EXCLUDED_DIR_NAMES.has(name)) return false;
    if (MAYBE_VENV_DIR_NAMES.has(name) && fs.existsSync(path.join(this.rules.root, dir, 'pyvenv.cfg'))) return false;
    return !isIgnored(this.layers(dirOfRel(dir)), dir, true) && !this.rules.isGlobIgnored(dir);
  }

  fileIgnored(rel: string): boolean {
    return isIgnored(this.layers(dirOfRel(rel)), rel, false) || this.rules.isGlobIgnored(rel);
  }

  /** Lists a folder the walker would enter, as the walker would. */
  walk(dir: string, into: Map<string, CrawledFile>): void {
    const stack = [dir];
    let count = 0;
    while (stack.length) {
      const current = stack.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(this.rules.root, current), { withFileTypes: true });
      } catch {
        throw new NeedsFullCrawl(); // the walker notes unreadable folders
      }
      this.listedDirs.set(current, true);
      for (const entry of entries) {
        const rel = `${current}/${entry.name}`;
        if (entry.name.includes('\uFFFD') || entry.isSymbolicLink() || RULE_FILES.has(entry.name) || entry.name === '.git') throw new NeedsFullCrawl();
        if (entry.isDirectory()) {
          if (this.childDirListed(rel)) stack.push(rel);
        } else if (entry.isFile()) {
          if (this.fileIgnored(rel)) continue;
          const st = lstatOrUndefined(path.join(this.rules.root, rel));
          if (!st?.isFile()) throw new NeedsFullCrawl();
          if (++count > MAX_WALKED_FILES) throw new NeedsFullCrawl();
          into.set(rel, { rel, size: st.size, mtimeMs: st.mtimeMs });
        } else {
          throw new NeedsFullCrawl(); // FIFO, socket, device: the walker notes them
        }
      }
    }
  }

  private layers(dir: string): IgnoreLayer[] {
    const hit = this.layerCache.get(dir);
    if (hit) return hit;
    const above = dir === '' ? [] : this.layers(dirOfRel(dir));
    let rules = this.rules.gitignores.get(dir);
    if (rules === undefined) {
      try {
        const dirAbs = path.join(this.rules.root, dir);
        // A linked .gitignore or one with lines not applied carries a note only the walker writes.
        if (lstatOrUndefined(path.join(dirAbs, '.gitignore'))?.isSymbolicLink()) throw new NeedsFullCrawl();
        rules = loadGitignore(dirAbs, fs.realpathSync(this.rules.root), () => { throw new NeedsFullCrawl(); }) ?? null;
      } catch (e) {
        if (e instanceof NeedsFullCrawl || (e as NodeJS.ErrnoException).code !== 'ENOENT') throw new NeedsFullCrawl(); // the walker notes it
        rules = null;
      }
      this.rules.gitignores.set(dir, rules);
    }
    const out = rules ? [...above, { base: dir, rules }] : above;
    this.layerCache.set(dir, out);
    return out;
  }
}

/** Parent folder of a root-relative path, '' for the root. */
function dirOfRel(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

function isPlainRel(rel: string): boolean {
  if (!rel || rel.startsWith('/') || rel.endsWith('/') || rel.includes('\uFFFD')) return false;
  return rel.split('/').every((p) => p !== '' && p !== '.' && p !== '..');
}

function lstatOrUndefined(abs: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new NeedsFullCrawl();
  }
}
