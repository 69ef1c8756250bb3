// The on-disk cache of a folder's per-file results, seen from the scan: restore before the first scan of a
// process, persist after a scan (see workspace/persistentResults.ts for what is kept and why it is safe).
import * as path from 'path';
import { resultCacheOf, scanStates } from './scanState';
import { persistResults, restoreResults, resultsCacheFile } from './workspace/persistentResults';

/** Loads the kept per-file results of `root` from `cacheDir`; the next scan of `root` uses them. Returns how many files'. */
export function restoreScanResults(root: string, cacheDir: string): number {
  const abs = path.resolve(root);
  return restoreResults(resultsCacheFile(cacheDir, abs), abs, resultCacheOf(abs));
}

/**
 * Writes the per-file results of the last scan of `root` into `cacheDir` (undefined when nothing was written: `root`
 * was not scanned, or its results are what was restored). Throws on a write error.
 */
export function persistScanResults(root: string, cacheDir: string): number | undefined {
  const abs = path.resolve(root);
  const state = scanStates.get(abs);
  if (!state) return undefined;
  const unread = new Set(state.fileNotes.flatMap((n) => (n.file ? [n.file] : [])));
  return persistResults(resultsCacheFile(cacheDir, abs), abs, state.results, state.store, unread, state.listedAt);
}
