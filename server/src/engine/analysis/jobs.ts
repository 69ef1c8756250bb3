// Which files of a scan need which per-file values. Before project detection: the imports of every code
// file. After it: for the files in the projects' scopes, what the project loop would otherwise compute on
// the scan's own thread (secrets: every secret-scan candidate; code findings and model ids: the projects'
// code files; content matches: the files each built-in content matcher looks at).
import type { CrawledFile } from '../workspace/crawl';
import type { ProjectScope } from '../rules/projectScope';
import { isSecretScanCandidate } from '../secrets';
import { codeLanguageOf } from '../projects/imports';
import { builtinContentMatchers } from '../rules/loadChecks';
import { filesOfMatcher } from '../rules/evaluate';
import type { AnalysisJob } from './protocol';
import type { AnalysisKind } from './fileAnalysis';

export function importJobs(files: CrawledFile[]): AnalysisJob[] {
  return files.filter((f) => codeLanguageOf(f.rel)).map((file) => ({ file, kinds: ['imports'] }));
}

export function analysisJobs(scopes: ProjectScope[]): AnalysisJob[] {
  const byRel = new Map<string, AnalysisJob>();
  const job = (rel: string): AnalysisJob | undefined => {
    let j = byRel.get(rel);
    if (!j) {
      const file = scopes[0]?.model.store.fileInfo(rel);
      if (!file) return undefined;
      byRel.set(rel, (j = { file, kinds: [] }));
    }
    return j;
  };
  const want = (rel: string, kind: AnalysisKind) => {
    const j = job(rel);
    if (j && !j.kinds.includes(kind)) j.kinds.push(kind);
  };
  const matchers = builtinContentMatchers();
  for (const scope of scopes) {
    for (const f of scope.files) {
      const secrets = isSecretScanCandidate(f.rel);
      const code = f.inProject !== undefined && !!codeLanguageOf(f.rel);
      if (secrets) want(f.rel, 'secrets');
      if (code) want(f.rel, 'code');
      // Files that can have findings: their suppression comments, so the scan need not read them again.
      if (secrets || code) want(f.rel, 'suppressions');
    }
    for (const rel of scope.project.codeFiles) want(rel, 'modelIds');
    for (const [key, m] of matchers) {
      for (const f of filesOfMatcher(m, scope)) {
        const j = job(f.rel);
        if (!j) continue;
        if (!j.kinds.includes('matches')) j.kinds.push('matches');
        if (!(j.matchers ??= []).includes(key)) j.matchers.push(key);
      }
    }
  }
  return [...byRel.values()];
}
