// Worker-thread entry: analyses batches of files for the pool (analysisPool.ts). Each batch reads through
// its own FileStore, so a worker holds no file text between batches.
import { parentPort } from 'worker_threads';
import { FileStore } from '../workspace/fileStore';
import { analyseFile } from './fileAnalysis';
import type { BatchReply, BatchRequest } from './protocol';

parentPort?.on('message', (req: BatchRequest) => {
  void handle(req).then((reply) => parentPort!.postMessage(reply));
});

async function handle(req: BatchRequest): Promise<BatchReply> {
  const store = new FileStore(req.root, req.jobs.map((j) => j.file));
  const reply: BatchReply = { id: req.id, results: [], notes: [], read: [] };
  try {
    for (const job of req.jobs) reply.results.push({ rel: job.file.rel, values: await analyseFile(store, job.file, job.kinds, job.matchers) });
  } catch (err) {
    reply.error = err instanceof Error ? err.message : String(err);
  }
  reply.notes = store.notes;
  reply.read = store.readFiles();
  return reply;
}
