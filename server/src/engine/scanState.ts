// What the engine remembers about the last scan of each folder: caches every re-scan reuses (file texts,
// per-file results), and the last scan's full state, from which a scan after a few file events starts.
import type { ScanOptions } from './api';
import type { Note, ScanResult } from './types';
import type { CrawledFile, CrawlResult } from './workspace/crawl';
import { FileStore } from './workspace/fileStore';
import { FileResultCache } from './workspace/fileResultCache';
import type { ListingRules } from './workspace/listingUpdate';
import type { ConfigFile } from './config/config';
import type { CheckDef, Glob } from './rules/checkDef';
import type { Detection } from './projects/redetect';
import type { Layout, ProjectOutcome } from './scanProject';

export interface ScanState extends Detection {
  root: string;
  /** How the last scan went: from scratch, from the previous state, or nothing to do. */
  kind: 'full' | 'incremental' | 'unchanged';
  /** Options that shape the whole answer; a scan with others starts over. */
  key: string;
  /** When the listing this state holds was started (Date.now()), for the on-disk cache's racy-file rule. */
  listedAt: number;
  crawl: CrawlResult;
  listingRules: ListingRules;
  configs: ConfigFile[];
  forcedRoots?: string[];
  /** Nested configs' ignore globs, applied after the crawl. */
  nestedIgnores: Glob[];
  checks: CheckDef[];
  /** Files after nested ignores: what the model holds. */
  files: CrawledFile[];
  store: FileStore;
  results: FileResultCache;
  /** Notes from the config files and the crawl, in result order (already redacted). */
  leadNotes: Note[];
  /** Notes from reading files (already redacted), see orderedFileNotes. */
  fileNotes: Note[];
  /** Per project root, in result order. */
  outcomes: ProjectOutcome[];
  overlays: Map<string, string>;
  result: ScanResult;
}

/** The last store per root, so re-scans (editor) re-read only files whose size or mtime changed. */
export const previousStores = new Map<string, FileStore>();
/** Per-file results per root, reused by re-scans while a file is unchanged. */
export const resultCaches = new Map<string, FileResultCache>();
/** The last scan's project layout per root, for checkDocument. */
export const lastLayouts = new Map<string, { projects: Layout[] }>();
/** The last complete scan per root. */
export const scanStates = new Map<string, ScanState>();

export function resultCacheOf(root: string): FileResultCache {
  let results = resultCaches.get(root);
  if (!results) resultCaches.set(root, (results = new FileResultCache()));
  return results;
}

/** The options a scan's state depends on beyond the files themselves. */
export function optionsKey(opts: ScanOptions): string {
  return JSON.stringify([opts.trusted !== false, opts.stage ?? null, opts.exclude ?? [], Object.entries(opts.ruleLevels ?? {}).sort()]);
}

/** Forgets everything about a folder (or all folders): the next scan is a cold one. */
export function forgetScans(root?: string): void {
  for (const map of [previousStores, resultCaches, lastLayouts, scanStates] as Map<string, unknown>[]) {
    if (root === undefined) map.clear();
    else map.delete(root);
  }
}
