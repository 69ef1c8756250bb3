// Worker-thread entry: analyses batches of files for the pool (analysisPool.ts). Each batch reads through
// its own FileStore, so a worker holds no file text between batches.
import { parentPort, workerData } from 'worker_threads';
import { analyseBatch } from './fileAnalysis';
import { initCodeParsers } from '../code';
import type { CodeLanguage } from '../code/parsers';
import { builtinContentMatchers } from '../rules/loadChecks';
import type { BatchReply, BatchRequest, WorkerStart } from './protocol';

// A worker is started while the scan is still listing and planning (prewarm): loading the grammars and the
// built-in rules now, instead of in the first batch, takes ~60 ms off its first answer (measured on the 10k
// benchmark tree: loaded 164 ms after the spawn, warm 57 ms later), time the scan waits for.
const start = workerData as WorkerStart | undefined;
const warm: Promise<unknown> = Promise.all([
  initCodeParsers((start?.languages ?? []) as CodeLanguage[]).catch(() => undefined),
  Promise.resolve().then(() => builtinContentMatchers()),
]).catch(() => undefined);

parentPort?.on('message', (req: BatchRequest) => {
  void warm
    .then(() => analyseBatch(req.root, req.jobs))
    .then((reply) => parentPort!.postMessage({ id: req.id, ...reply } satisfies BatchReply));
});
