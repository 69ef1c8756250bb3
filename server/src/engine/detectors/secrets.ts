// Hard-coded secrets as a project check: every candidate file in the project, scanned by the secrets module.
import type { Evidence, Finding } from '../types';
import { findSecrets, isSecretScanCandidate } from '../secrets';
import type { DetectorOutcome } from '../rules/evaluate';
import type { ProjectScope } from '../rules/projectScope';
import type { FileResultCache } from '../workspace/fileResultCache';
import { secretFix } from '../findings/secretFix';

export const SECRET_MESSAGE = (provider: string, masked: string) =>
  `Hard-coded ${provider === 'Generic' ? 'secret' : provider + ' credential'} ${masked}: anyone with the repository can use it. ` +
  'Rotate it at the provider and read it from the environment or a secret manager instead.';

export const BROWSER_KEY_MESSAGE = (masked: string) =>
  `Google Maps browser key ${masked} in a page: public by design, but until it is restricted anyone can use it from ` +
  'any site and bill your project. In the Google Cloud console, restrict it by HTTP referrer (your site) and to the Maps APIs it needs.';

/** Secret findings of one file's text, each with its quick fix where one is safe: the one place they are built. */
export function secretFindingsInText(rel: string, text: string): Finding[] {
  return findSecrets(text, rel).map((hit): Finding => {
    if (hit.browserKey) {
      // No quick fix: the page must send the key; moving it to an environment variable protects nothing.
      return {
        ruleId: 'hardcoded-secrets', severity: 'warning', severityCap: 'warning', message: BROWSER_KEY_MESSAGE(hit.masked),
        file: rel, line: hit.line, column: hit.column, endLine: hit.endLine, endColumn: hit.endColumn, masked: hit.masked,
      };
    }
    const fix = secretFix(rel, text, hit.line, hit.column, hit.endLine, hit.endColumn, hit.provider);
    return {
      ...(fix ? { fix } : {}),
      ruleId: 'hardcoded-secrets', severity: 'error', message: SECRET_MESSAGE(hit.provider, hit.masked),
      file: rel, line: hit.line, column: hit.column, endLine: hit.endLine, endColumn: hit.endColumn, masked: hit.masked,
    };
  });
}

/** One scan's secret hits per scope segment (see ProjectScope.segments): files with hits, in listing order. */
export type SegmentSecrets = WeakMap<object, { index: number; findings: Finding[] }[]>;

/**
 * Secret findings for the files of a scope, in listing order. `cache` keeps each file's hits across scans while
 * the file is unchanged; `memo` (one scan's) keeps each segment's: repository-level files are in the scope of
 * every project beneath them.
 */
export function secretFindings(scope: ProjectScope, cache: FileResultCache, memo: SegmentSecrets = new WeakMap()): Finding[] {
  const store = scope.model.store;
  const hits: { index: number; findings: Finding[] }[] = [];
  for (const segment of scope.segments) {
    let list = memo.get(segment);
    if (!list) {
      list = [];
      for (const f of segment.files) {
        if (!isSecretScanCandidate(f.rel)) continue;
        const findings = cache.get(store, f.rel, 'secrets', () => {
          const text = store.read(f.rel);
          if (text === null) return [];
          return secretFindingsInText(f.rel, text);
        });
        if (findings.length) list.push({ index: f.index, findings });
      }
      memo.set(segment, list);
    }
    hits.push(...list);
  }
  if (scope.segments.length > 1) hits.sort((a, b) => a.index - b.index);
  return hits.flatMap((h) => h.findings);
}

export function secretsDetectorFrom(all: Finding[]): DetectorOutcome {
  // A key public by design (a Maps browser key) is a warning of its own, not a leaked secret failing the check.
  const findings = all.filter((f) => !f.severityCap);
  const evidence: Evidence[] = findings.slice(0, 5).map((f) => ({ file: f.file, line: f.line, note: f.masked ? `secret ${f.masked}` : 'secret' }));
  return { evidence, detail: findings.length > 5 ? `${findings.length} secrets in total.` : undefined };
}
