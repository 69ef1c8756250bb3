// The per-file work of a scan that needs only the file's own text: secret findings and code-level findings.
// One definition, used in-thread and by the worker pool, so both paths give the same values.
import type { Finding } from '../types';
import type { FileStore } from '../workspace/fileStore';
import { secretFindingsInText } from '../detectors/secrets';
import { codeFindingsForFile } from '../findings/codeFindings';

/** Keys of the per-file results cache (FileResultCache) these values are stored under. */
export type AnalysisKind = 'secrets' | 'code';

export type AnalysisValues = Partial<Record<AnalysisKind, Finding[]>>;

/** Computes the asked values for one file read through `store` (caps, binary and unreadable files: empty). */
export async function analyseFile(store: FileStore, rel: string, kinds: readonly AnalysisKind[]): Promise<AnalysisValues> {
  const text = store.read(rel);
  const out: AnalysisValues = {};
  for (const kind of kinds) {
    if (text === null) out[kind] = [];
    else if (kind === 'secrets') out.secrets = secretFindingsInText(rel, text);
    else out.code = await codeFindingsForFile(rel, text);
  }
  return out;
}
