// A scan after file events, starting from the folder's previous scan: the events are applied to the file
// list (no crawl), only packages whose detection inputs changed are detected again, and only projects whose
// evidence scope can hold a changed file are checked again; every other project keeps its previous part.
// The answer is the one a full scan would give (test/unit/engine-incremental.test.ts holds it to that).
import type { ScanOptions } from './api';
import type { ScanResult } from './types';
import type { CrawledFile } from './workspace/crawl';
import { DEFAULT_MAX_FILES } from './workspace/crawl';
import { FileStore } from './workspace/fileStore';
import { applyFileEvents } from './workspace/listingUpdate';
import { redetect } from './projects/redetect';
import type { DetectedProject } from './projects/detect';
import type { WorkspaceModel } from './projects/workspaceModel';
import { ProjectScope } from './rules/projectScope';
import { scanMemo } from './rules/evaluate';
import { analyseInThreads } from './analysis/analysisPool';
import { analysisJobs } from './analysis/jobs';
import { EventLoopTurns, yieldToLoop } from './eventLoopTurns';
import {
  assembleResult, builtinMemoOf, checkProject, orderedFileNotes, ProjectContext, ProjectOutcome, redactNotes,
} from './scanProject';
import { lastLayouts, optionsKey, previousStores, ScanState, scanStates } from './scanState';

/** More events than this (a branch switch) are cheaper to take in with a full scan. */
export const MAX_CHANGED_PATHS = 200;

/** The scan after `opts.changedPaths`, or undefined when only a full scan can answer. */
export async function scanChanges(state: ScanState, opts: ScanOptions, t0: number): Promise<ScanResult | undefined> {
  const paths = opts.changedPaths ?? [];
  if (state.key !== optionsKey(opts) || paths.length > MAX_CHANGED_PATHS) return undefined;
  // Symlinks can list one file under several paths, and noted paths (unreadable, odd names) are the crawl's.
  if (state.crawl.sawSymlink || state.crawl.notes.some((n) => !n.file || paths.some((p) => overlaps(n.file!, p)))) return undefined;
  const listing = applyFileEvents(state.listingRules, state.crawl.files, paths);
  if (!listing || listing.files.length >= DEFAULT_MAX_FILES) return undefined;

  const overlays = opts.overlays ?? new Map<string, string>();
  const changed = listing.changed;
  for (const rel of changedOverlays(state.overlays, overlays)) changed.add(rel);
  if (changed.size === 0) {
    state.kind = 'unchanged';
    return { ...state.result, stats: { ...state.result.stats, filesRead: 0, bytesRead: 0, ms: Date.now() - t0 } };
  }
  const root = state.root;
  const files = state.nestedIgnores.length ? listing.files.filter((f) => !state.nestedIgnores.some((g) => g.re.test(f.rel))) : listing.files;
  const store = new FileStore(root, listing.files, overlays, undefined, state.store, changed);
  previousStores.set(root, store);
  const { results } = state;
  // Only the changed files can have stale entries (and get() re-checks size and mtime anyway).
  results.forget(changed);
  await yieldToLoop(opts.signal);

  const detection = redetect(state, files, changed, store, results, root, state.forcedRoots);
  const { model, detected } = detection;
  const previousBy = new Map(state.outcomes.map((o) => [o.layout.root, o]));
  const touched = touchedFiles(changed, detection.packagesChanged, state.files, files);
  const seenBefore = state.model.view(touched.before);
  const seenNow = model.view(touched.now);
  const projectRoots = new Set(detected.map((dp) => dp.root));
  // A project appearing or going changes which project the secrets of repository-level files above the projects
  // beneath it count for (see checkProject): those projects are checked again.
  const rootsAddedOrGone = [...projectRoots].filter((r) => !previousBy.has(r)).concat([...previousBy.keys()].filter((r) => !projectRoots.has(r)));
  const beneathChangedRoot = (root: string) => rootsAddedOrGone.some((r) => r !== root && (r === '.' || root.startsWith(`${r}/`)));
  const isAffected = (dp: DetectedProject): boolean => {
    const prev = previousBy.get(dp.root);
    if (detection.dirty === 'all' || !prev || prev.detected !== dp || beneathChangedRoot(dp.root)) return true;
    // Evidence globs from the config match paths anywhere in the workspace.
    if (Object.values(prev.layout.levels).some((s) => s.evidence?.length)) return true;
    return sees(seenNow, dp) || sees(seenBefore, prev.detected);
  };

  const ctx: ProjectContext = {
    store, results, configs: state.configs, checks: state.checks, stage: opts.stage, ruleLevels: opts.ruleLevels,
    builtinMemo: builtinMemoOf(store, results), customMemo: scanMemo(), segmentSecrets: new WeakMap(), projectRoots,
  };
  const scopes = new Map(detected.filter(isAffected).map((dp) => [dp, new ProjectScope(model, dp)]));
  await analyseInThreads(store, results, await analysisJobs([...scopes.values()], new EventLoopTurns(opts.signal)), opts.signal);
  const outcomes: ProjectOutcome[] = [];
  for (const dp of detected) {
    const scope = scopes.get(dp);
    if (!scope) { outcomes.push(previousBy.get(dp.root)!); continue; }
    await yieldToLoop(opts.signal);
    outcomes.push(await checkProject(ctx, dp, scope));
  }

  // File notes: the previous ones about unchanged files, and whatever this scan's reads noted.
  const fileNotes = orderedFileNotes([...state.fileNotes.filter((n) => !n.file || !changed.has(n.file)), ...redactNotes(store.notes)]);
  const result = assembleResult(root, outcomes, [...state.leadNotes, ...fileNotes],
    { files: files.length, filesRead: store.filesRead, bytesRead: store.bytesRead, ms: Date.now() - t0 });
  lastLayouts.set(root, { projects: outcomes.map((o) => o.layout) });
  scanStates.set(root, {
    ...state, kind: 'incremental', model, detected, orphans: detection.orphans, crawl: { ...state.crawl, files: listing.files }, files, store, fileNotes, outcomes,
    overlays: new Map(overlays), result,
  });
  return result;
}

/** True when a project's evidence scope holds any file of `model` (a view over the changed files only). */
function sees(model: WorkspaceModel, dp: DetectedProject): boolean {
  return model.files.length > 0 && new ProjectScope(model, dp).files.length > 0;
}

/**
 * The files whose presence, content or owning package changed, as listed before and now: the changed
 * files, and every file beneath a package folder that appeared or disappeared (they changed owner).
 */
function touchedFiles(changed: Set<string>, packagesChanged: string[], before: CrawledFile[], now: CrawledFile[]): { before: CrawledFile[]; now: CrawledFile[] } {
  const prefixes = packagesChanged.map((d) => (d === '.' ? '' : d + '/'));
  return { before: filesHit(before, changed, prefixes), now: filesHit(now, changed, prefixes) };
}

/**
 * The files of a listing that are in `changed` or beneath one of `prefixes`, in listing order. Listings are
 * sorted by path, so each prefix's files are one run, found by binary search (testing 100,000 paths took ~5 ms
 * per file event); an unsorted list is filtered file by file.
 */
function filesHit(files: CrawledFile[], changed: Set<string>, prefixes: string[]): CrawledFile[] {
  if (!isSortedByPath(files)) return files.filter((f) => changed.has(f.rel) || prefixes.some((p) => f.rel.startsWith(p)));
  const picked = new Set<number>();
  for (const rel of changed) {
    const i = firstAtOrAfter(files, rel);
    if (i < files.length && files[i].rel === rel) picked.add(i);
  }
  for (const p of prefixes) for (let i = firstAtOrAfter(files, p); i < files.length && files[i].rel.startsWith(p); i++) picked.add(i);
  return [...picked].sort((a, b) => a - b).map((i) => files[i]);
}

function firstAtOrAfter(files: CrawledFile[], rel: string): number {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (files[mid].rel < rel) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Checked once per listing (a listing is `now` for one event and `before` for the next).
const sortedListings = new WeakMap<CrawledFile[], boolean>();
function isSortedByPath(files: CrawledFile[]): boolean {
  let sorted = sortedListings.get(files);
  if (sorted === undefined) {
    sorted = true;
    for (let i = 1; i < files.length && sorted; i++) sorted = files[i - 1].rel < files[i].rel;
    sortedListings.set(files, sorted);
  }
  return sorted;
}

/** Paths whose unsaved editor text appeared, changed or went away. */
function changedOverlays(before: Map<string, string>, now: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [rel, text] of now) if (before.get(rel) !== text) out.push(rel);
  for (const rel of before.keys()) if (!now.has(rel)) out.push(rel);
  return out;
}

/** One path is the other or lies beneath it. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(b + '/') || b.startsWith(a + '/');
}
