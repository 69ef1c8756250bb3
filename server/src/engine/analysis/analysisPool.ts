// The per-file work of a scan (imports, secrets, code findings, content matches: reading and tree-sitter
// parsing) done in batches, one read per file, with the values stored in the scan's per-file results cache
// where the scan then finds them. Big scans share the batches between this thread and worker threads;
// medium ones run them here; small ones are left to the scan's own lazy path. Starting a worker (~0.1 s:
// bundle load, parser wasm) costs more than it saves on small work. A worker failure only means the scan
// computes those files itself.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { FileStore } from '../workspace/fileStore';
import type { FileResultCache } from '../workspace/fileResultCache';
import { abortError, yieldToLoop } from '../eventLoopTurns';
import type { AnalysisJob, BatchReply, BatchRequest, WorkerStart } from './protocol';
import { parserLanguagesFor } from '../code';
import { analyseBatch } from './fileAnalysis';
import { analysisWorkerLimits } from '../heapPolicy';

/**
 * Below this much work, a worker does not pay: it costs ~0.15 s of CPU to start, reads files more slowly
 * than the scan's thread, and adds ~45 MiB. Measured on 2 cores (this thread plus one worker), once the
 * per-file work had got cheaper: a 12 MB scan took the same 1.1 s on one thread or two (and 145 vs 190 MiB),
 * a 120 MB scan 4.8 s on two threads against 5.5 s on one. Below inlineMinFiles, the scan's own lazy
 * path is as good as a batch pass. Tests lower these.
 */
export const poolLimits = { minBytes: 32 * 1024 * 1024, minFiles: 1000, inlineMinFiles: 200, warmMinFiles: 400 };
/** A batch is a few hundred KB: large enough to amortise messaging, small enough to balance the workers. */
const BATCH_BYTES = 512 * 1024;
const BATCH_FILES = 200;
const HERE_SLICE_BYTES = 48 * 1024;
const HERE_SLICE_FILES = 24;
const MAX_THREADS = 4;

/** Files analysed on worker threads since the process started (for tests and logs). */
export const poolActivity = { files: 0 };


/** Where the worker entry is: beside this module (tsc output) or beside the bundle (dist/analysisWorker.js). */
function workerFile(): string | undefined {
  const candidate = path.join(__dirname, 'analysisWorker.js');
  return fs.existsSync(candidate) ? candidate : undefined;
}

/** Threads analysing files, this one included: AI_PREFLIGHT_THREADS overrides (0 or 1 = this thread only); default one per core, at most 4. */
function threadCount(): number {
  const env = process.env.AI_PREFLIGHT_THREADS;
  if (env !== undefined && env !== '' && Number.isFinite(Number(env))) return Math.max(0, Math.min(16, Math.floor(Number(env))));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.min(MAX_THREADS, Math.max(1, cores));
}

/**
 * Computes the jobs' values in worker threads when the work is big enough, storing them in `results`.
 * Files already cached, and unsaved editor texts (overlays), are left to the caller; so is everything
 * when the work is small. Files over the read cap get their note either way.
 */
export async function analyseInThreads(store: FileStore, results: FileResultCache, jobs: AnalysisJob[], signal?: AbortSignal): Promise<void> {
  const pending = jobs
    .filter((j) => {
      // Files over the read cap are noted here on every scan, whatever is cached and whichever thread would
      // have read them, so the notes depend on neither.
      if (!store.overCap(j.file)) return true;
      store.read(j.file.rel);
      return false;
    })
    .map((j) => uncached(store, results, j))
    .filter((j) => j.kinds.length > 0 && !store.isOverlay(j.file.rel));
  const bytes = pending.reduce((n, j) => n + j.file.size, 0);
  const wanted = threadCount();
  const entry = workerFile();
  // Workers already up (started for this scan's first pass) cost only messaging: smaller work pays on them.
  const warm = pool.running() >= wanted - 1 && pending.length >= poolLimits.warmMinFiles;
  if (!entry || wanted <= 1 || (!warm && (pending.length < poolLimits.minFiles || bytes < poolLimits.minBytes))) {
    if (pending.length >= poolLimits.inlineMinFiles) await analyseHere(store, results, toBatches(pending), signal);
    return;
  }

  const batches = toBatches(pending);
  // This thread works too (it would only wait otherwise): `wanted` threads = this one plus wanted-1 workers.
  const workers = pool.take(Math.max(1, Math.min(wanted - 1, batches.length - 1)), entry, grammarsOf(pending.map((j) => j.file)));
  let next = 0;
  const take = () => (next < batches.length ? batches[next++] : undefined);
  try {
    const workersDone = new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(abortError());
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const inFlight = new Map<Worker, number>(workers.map((w) => [w, 0]));
      const settle = () => { if ([...inFlight.values()].every((n) => n === 0)) resolve(); };
      const feed = (w: Worker) => {
        const batch = take();
        if (!batch) return settle();
        inFlight.set(w, inFlight.get(w)! + 1);
        w.postMessage({ id: next - 1, root: store.root, jobs: batch } satisfies BatchRequest);
      };
      for (const w of workers) {
        w.removeAllListeners('message').removeAllListeners('error');
        w.on('message', (reply: BatchReply) => {
          inFlight.set(w, inFlight.get(w)! - 1);
          absorb(store, results, reply);
          poolActivity.files += reply.results.length;
          feed(w);
          settle();
        });
        // A crashed worker's batches are simply not cached: the scan computes those files on its own thread.
        w.on('error', () => { pool.discard(w); inFlight.delete(w); settle(); });
        // Two batches each, so a worker never waits while this thread is busy with its own batch.
        feed(w);
        feed(w);
      }
    });
    workersDone.catch(() => undefined); // observed below; an abort must not go unhandled meanwhile
    for (let batch = take(); batch; batch = take()) await analyseHere(store, results, [batch], signal);
    await workersDone;
  } catch (err) {
    // An aborted scan leaves batches in flight: those workers cannot be handed to the next scan.
    for (const w of workers) pool.discard(w);
    throw err;
  } finally {
    pool.release();
  }
}

/**
 * Starts the workers a scan of these files will want, so their start-up (~0.1 s: bundle load, parser wasm)
 * runs on the other cores while this thread is still listing and sorting the work. The workers then wait idle
 * (unref'd) and stop after the idle time if the scan turns out to want none.
 */
export function prewarmWorkers(files: readonly { rel: string; size: number }[]): void {
  const wanted = threadCount();
  const entry = workerFile();
  if (!entry || wanted <= 1 || files.length < poolLimits.minFiles) return;
  let bytes = 0;
  for (const f of files) bytes += f.size;
  if (bytes < poolLimits.minBytes) return;
  pool.take(wanted - 1, entry, grammarsOf(files));
  pool.release();
}

/**
 * Workers stay up between the phases of a scan and between scans close together (an editor's re-scans),
 * then stop after a short idle time. They never keep the process alive (unref), so the CLI exits at once.
 */
const IDLE_MS = 3000;
const pool = new (class {
  private workers: Worker[] = [];
  private idle?: NodeJS.Timeout;

  take(n: number, entry: string, languages: string[]): Worker[] {
    clearTimeout(this.idle);
    while (this.workers.length < n) {
      const w = new Worker(entry, { resourceLimits: analysisWorkerLimits, workerData: { languages } satisfies WorkerStart });
      w.on('exit', () => this.discard(w));
      this.workers.push(w);
    }
    // Working workers keep the process alive until they answer; idle ones must not.
    for (const w of this.workers) w.ref();
    return this.workers.slice(0, n);
  }

  /** Workers alive now (busy or idle). */
  running(): number {
    return this.workers.length;
  }

  release(): void {
    for (const w of this.workers) w.unref();
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.close(), IDLE_MS);
    this.idle.unref();
  }

  discard(w: Worker): void {
    this.workers = this.workers.filter((x) => x !== w);
    void w.terminate();
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
    this.workers = [];
  }
})();

/**
 * The same batches on this thread: each file is read once, all its values computed, and its text dropped,
 * so a big scan does not hold every file's text at once. Yields between slices so a language server stays
 * responsive and a newer scan can cancel this one.
 */
async function analyseHere(store: FileStore, results: FileResultCache, batches: AnalysisJob[][], signal?: AbortSignal): Promise<void> {
  for (const batch of batches) {
    // A worker's batch takes this thread 100-200 ms, too long for a language server to leave a request waiting:
    // it is analysed in slices of ~10-20 ms, with a turn of the event loop before each.
    for (const slice of cut(batch, HERE_SLICE_BYTES, HERE_SLICE_FILES)) {
      await yieldToLoop(signal);
      // Copied as a worker's reply is: a value cut from a file's text (an import name, a message quoting one) is
      // a slice that keeps the whole text alive for as long as the value is cached (the scan, or the editor session).
      absorb(store, results, structuredClone(await analyseBatch(store.root, slice)));
    }
  }
}

/** The part of a job whose values are not cached yet. */
function uncached(store: FileStore, results: FileResultCache, job: AnalysisJob): AnalysisJob {
  const rel = job.file.rel;
  const kinds = job.kinds.filter((k) => !results.has(store, rel, k));
  return { file: job.file, kinds, ...(kinds.includes('matches') ? { matchers: job.matchers } : {}) };
}

/** Stores a batch's values (from a worker or this thread) and what reading its files noted. */
function absorb(store: FileStore, results: FileResultCache, reply: Omit<BatchReply, 'id'>): void {
  for (const { rel, values } of reply.results) {
    for (const [key, value] of Object.entries(values)) results.set(store, rel, key, value);
  }
  store.absorb(reply.notes, reply.read);
}

/** The grammars code files among these need (a worker loads them while it waits for its first batch). */
function grammarsOf(files: readonly { rel: string }[]): string[] {
  const out = new Set<string>();
  for (const f of files) for (const lang of parserLanguagesFor(f.rel)) out.add(lang);
  return [...out];
}

function toBatches(jobs: AnalysisJob[]): AnalysisJob[][] {
  // Biggest first, so one large file does not leave a thread working alone at the end.
  return cut([...jobs].sort((a, b) => b.file.size - a.file.size), BATCH_BYTES, BATCH_FILES);
}

/** Consecutive runs of jobs, each closed once it holds `maxBytes` of files or `maxFiles` files. */
function cut(jobs: AnalysisJob[], maxBytes: number, maxFiles: number): AnalysisJob[][] {
  const out: AnalysisJob[][] = [];
  let batch: AnalysisJob[] = [];
  let size = 0;
  for (const j of jobs) {
    batch.push(j);
    size += j.file.size;
    if (size >= maxBytes || batch.length >= maxFiles) {
      out.push(batch);
      batch = [];
      size = 0;
    }
  }
  if (batch.length) out.push(batch);
  return out;
}
