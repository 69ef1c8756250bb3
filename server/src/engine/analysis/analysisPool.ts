// Spreads the per-file work of a big scan (secret and code findings: reading, tree-sitter parsing) over
// worker threads, and stores the values in the scan's per-file results cache, where the scan then finds
// them. Small scans stay on the calling thread: starting a worker (~60 ms: bundle load, parser wasm)
// costs more than it saves there. Any worker failure only means the scan computes those files itself.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { FileStore } from '../workspace/fileStore';
import type { FileResultCache } from '../workspace/fileResultCache';
import { abortError } from '../workspace/crawl';
import type { AnalysisJob, BatchReply, BatchRequest } from './protocol';

/** Below this much text, threads do not pay for their start-up. */
const MIN_BYTES = 4 * 1024 * 1024;
const MIN_FILES = 300;
/** A batch is a few hundred KB: large enough to amortise messaging, small enough to balance the workers. */
const BATCH_BYTES = 512 * 1024;
const BATCH_FILES = 200;
const MAX_THREADS = 4;

export interface PoolOutcome { threads: number; files: number }

/** Where the worker entry is: beside this module (tsc output) or beside the bundle (dist/analysisWorker.js). */
function workerFile(): string | undefined {
  const candidate = path.join(__dirname, 'analysisWorker.js');
  return fs.existsSync(candidate) ? candidate : undefined;
}

/** Threads to use: AI_PREFLIGHT_THREADS overrides (0 = none); default one per core, at most 4. */
function threadCount(): number {
  const env = process.env.AI_PREFLIGHT_THREADS;
  if (env !== undefined && env !== '' && Number.isFinite(Number(env))) return Math.max(0, Math.min(16, Math.floor(Number(env))));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.min(MAX_THREADS, Math.max(1, cores));
}

/**
 * Computes the jobs' values in worker threads when the work is big enough, storing them in `results`.
 * Files already cached, and unsaved editor texts (overlays), are left to the caller.
 */
export async function analyseInThreads(store: FileStore, results: FileResultCache, jobs: AnalysisJob[], signal?: AbortSignal): Promise<PoolOutcome> {
  const pending = jobs
    .map((j) => ({ file: j.file, kinds: j.kinds.filter((k) => !results.has(store, j.file.rel, k)) }))
    .filter((j) => j.kinds.length > 0 && !store.isOverlay(j.file.rel));
  const bytes = pending.reduce((n, j) => n + j.file.size, 0);
  const wanted = threadCount();
  const entry = workerFile();
  if (!entry || wanted === 0 || pending.length < MIN_FILES || bytes < MIN_BYTES) return { threads: 0, files: 0 };

  const batches = toBatches(pending);
  const threads = Math.min(wanted, batches.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  const stop = () => { for (const w of workers) void w.terminate(); };
  try {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(abortError());
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      let live = threads;
      const feed = (w: Worker) => {
        if (next >= batches.length) {
          if (--live === 0) resolve();
          return;
        }
        const req: BatchRequest = { id: next, root: store.root, jobs: batches[next++] };
        w.postMessage(req);
      };
      for (let i = 0; i < threads; i++) {
        const w = new Worker(entry);
        workers.push(w);
        w.on('message', (reply: BatchReply) => {
          absorb(store, results, reply);
          done += reply.results.length;
          feed(w);
        });
        // A crashed worker's batch is simply not cached: the scan computes those files on its own thread.
        w.on('error', () => { if (--live === 0) resolve(); });
        feed(w);
      }
    });
  } finally {
    stop();
  }
  return { threads, files: done };
}

function absorb(store: FileStore, results: FileResultCache, reply: BatchReply): void {
  for (const { rel, values } of reply.results) {
    for (const [kind, value] of Object.entries(values)) results.set(store, rel, kind, value);
  }
  store.absorb(reply.notes, reply.read);
}

function toBatches(jobs: AnalysisJob[]): AnalysisJob[][] {
  // Biggest first, so one large file does not leave a thread working alone at the end.
  const sorted = [...jobs].sort((a, b) => b.file.size - a.file.size);
  const out: AnalysisJob[][] = [];
  let batch: AnalysisJob[] = [];
  let size = 0;
  for (const j of sorted) {
    batch.push(j);
    size += j.file.size;
    if (size >= BATCH_BYTES || batch.length >= BATCH_FILES) {
      out.push(batch);
      batch = [];
      size = 0;
    }
  }
  if (batch.length) out.push(batch);
  return out;
}
