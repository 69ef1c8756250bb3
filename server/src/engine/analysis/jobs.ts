// Which files of a scan need which per-file values: the same selection the scan's project loop makes
// (secrets: every secret-scan candidate in a project's scope; code findings: code files inside a project).
import type { ProjectScope } from '../rules/projectScope';
import { isSecretScanCandidate } from '../secrets';
import { codeLanguageOf } from '../projects/imports';
import type { AnalysisJob } from './protocol';
import type { AnalysisKind } from './fileAnalysis';

export function analysisJobs(scopes: ProjectScope[]): AnalysisJob[] {
  const byRel = new Map<string, AnalysisJob>();
  for (const scope of scopes) {
    for (const f of scope.files) {
      const kinds: AnalysisKind[] = [];
      if (isSecretScanCandidate(f.rel)) kinds.push('secrets');
      if (f.inProject !== undefined && codeLanguageOf(f.rel)) kinds.push('code');
      if (!kinds.length) continue;
      const job = byRel.get(f.rel);
      if (!job) {
        const info = scope.model.store.fileInfo(f.rel);
        if (info) byRel.set(f.rel, { file: info, kinds });
      } else {
        for (const k of kinds) if (!job.kinds.includes(k)) job.kinds.push(k);
      }
    }
  }
  return [...byRel.values()];
}
