// Worker-thread entry: analyses batches of files for the pool (analysisPool.ts). Each batch reads through
// its own FileStore, so a worker holds no file text between batches.
import { parentPort } from 'worker_threads';
import { analyseBatch } from './fileAnalysis';
import type { BatchReply, BatchRequest } from './protocol';

parentPort?.on('message', (req: BatchRequest) => {
  void analyseBatch(req.root, req.jobs).then((reply) => parentPort!.postMessage({ id: req.id, ...reply } satisfies BatchReply));
});
