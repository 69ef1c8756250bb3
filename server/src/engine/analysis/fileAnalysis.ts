// The per-file work of a scan that needs only the file's own text: imports (for project detection), secret
// and code-level findings, model ids, and what the built-in content matchers find. One definition, used
// in-thread and by the worker pool, so both paths give the same values.
import type { Evidence, Finding } from '../types';
import { FileStore } from '../workspace/fileStore';
import type { AnalysisJob, BatchReply } from './protocol';
import { secretFindingsInText } from '../detectors/secrets';
import { codeFindingsForFile } from '../findings/codeFindings';
import { codeLanguageOf, importsOf, topLevelImportHeads } from '../projects/imports';
import { modelIdsInText } from '../projects/modelIds';
import { builtinContentMatchers } from '../rules/loadChecks';
import { contentEvidence } from '../rules/evaluate';
import { suppressionsOf, type Suppression } from '../findings/suppress';

export type AnalysisKind = 'imports' | 'topImports' | 'secrets' | 'code' | 'modelIds' | 'matches' | 'suppressions';

export interface AnalysisValues {
  imports?: string[];
  /** Python: first names of the modules imported at column 0. */
  topImports?: string[];
  secrets?: Finding[];
  code?: Finding[];
  modelIds?: string[];
  /** Suppression comments; null when the text cannot be read (findings then stand as they are). */
  suppressions?: Suppression[] | null;
  /** Evidence (or null) per built-in content matcher key. */
  matches?: Record<string, Evidence | null>;
}

/** Computes the asked values for one file read through `store` (over the caps, binary, unreadable: empty). */
export async function analyseFile(store: FileStore, file: { rel: string; size: number }, kinds: readonly AnalysisKind[], matcherKeys: readonly string[] = []): Promise<AnalysisValues> {
  const { rel } = file;
  const out: AnalysisValues = {};
  let text: string | null | undefined;
  const read = () => (text === undefined ? (text = store.read(rel)) : text);
  for (const kind of kinds) {
    if (kind === 'matches') {
      const matchers = builtinContentMatchers();
      const matches: Record<string, Evidence | null> = {};
      for (const key of matcherKeys) {
        const m = matchers.get(key);
        if (m) matches[key] = contentEvidence(m, file, read) ?? null;
      }
      out.matches = matches;
      continue;
    }
    const t = read();
    if (kind === 'suppressions') {
      out.suppressions = t === null ? null : suppressionsOf(t);
    } else if (kind === 'imports') {
      const lang = codeLanguageOf(rel);
      out.imports = lang && t !== null ? importsOf(lang, t) : [];
    } else if (kind === 'topImports') {
      out.topImports = t === null ? [] : topLevelImportHeads(t);
    } else if (t === null) {
      out[kind] = [];
    } else if (kind === 'secrets') {
      out.secrets = secretFindingsInText(rel, t);
    } else if (kind === 'modelIds') {
      out.modelIds = modelIdsInText(t);
    } else {
      out.code = await codeFindingsForFile(rel, t, { cache: false });
    }
  }
  return out;
}

/**
 * Analyses one batch of files through a store of its own, so no text outlives the batch (worker threads and
 * the scan's thread alike), and says what reading them noted.
 */
export async function analyseBatch(root: string, jobs: AnalysisJob[]): Promise<Omit<BatchReply, 'id'>> {
  const store = new FileStore(root, jobs.map((j) => j.file));
  const results: BatchReply['results'] = [];
  try {
    for (const job of jobs) {
      results.push({ rel: job.file.rel, values: await analyseFile(store, job.file, job.kinds, job.matchers) });
      // Each file is read once: its text need not wait for the batch's end to become garbage.
      store.forget(job.file.rel);
    }
  } catch {
    // analyseFile does not throw on bad input; should it ever, the files not answered are left to the scan.
  }
  return { results, notes: store.notes, read: store.readFiles() };
}
