// How a scanning process sizes its heap. A scan allocates far more than it keeps (texts, parse results, regex
// matches): ~50 MB stays live at the end on the 100k benchmark tree, while V8, left alone, lets the old
// generation grow to a few times the live size between two full collections. Growing it by 1.3x instead took
// that scan's peak RSS from ~250 to ~230 MiB at no measurable cost in time (a full collection is a few ms);
// 1.2x, once more rules had raised the peak to ~249 MiB again, took it to ~243 MiB (5 runs each; ~2% more CPU).
// Process-wide V8 flags are the entry points' business (the CLI), never a library's: the engine only exports
// the policy. The language server keeps V8's defaults: fewer full collections while the user types.
import * as v8 from 'v8';

/** Old generation limit = 1.2x the live size after each full collection (worker threads share the flag). */
export function applyScanHeapPolicy(): void {
  if (process.env.AI_PREFLIGHT_HEAP_DEFAULTS === '1') return; // to measure V8's defaults
  v8.setFlagsFromString('--heap-growing-percent=20');
}

/**
 * Analysis workers keep nothing between files, so a small young generation costs them little: 12 MB instead of
 * V8's 48 MB (three 16 MB semi-spaces) is ~25 MB less resident memory per worker.
 */
export const analysisWorkerLimits = { maxYoungGenerationSizeMb: 12 };
