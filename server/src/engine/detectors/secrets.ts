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

/** Secret findings of one file's text, each with its quick fix where one is safe: the one place they are built. */
export function secretFindingsInText(rel: string, text: string): Finding[] {
  return findSecrets(text, rel).map((hit): Finding => {
    const fix = secretFix(rel, text, hit.line, hit.column, hit.endLine, hit.endColumn, hit.provider);
    return {
      ...(fix ? { fix } : {}),
      ruleId: 'hardcoded-secrets', severity: 'error', message: SECRET_MESSAGE(hit.provider, hit.masked),
      file: rel, line: hit.line, column: hit.column, endLine: hit.endLine, endColumn: hit.endColumn, masked: hit.masked,
    };
  });
}

/**
 * Secret findings for the files of a scope. `cache` keeps each file's hits across projects (repository-level
 * files belong to the scope of every project beneath them) and across scans while the file is unchanged.
 */
export function secretFindings(scope: ProjectScope, cache: FileResultCache): Finding[] {
  const store = scope.model.store;
  const out: Finding[] = [];
  for (const f of scope.files) {
    if (!isSecretScanCandidate(f.rel)) continue;
    out.push(...cache.get(store, f.rel, 'secrets', () => {
      const text = store.read(f.rel);
      if (text === null) return [];
      return secretFindingsInText(f.rel, text);
    }));
  }
  return out;
}

export function secretsDetectorFrom(findings: Finding[]): DetectorOutcome {
  const evidence: Evidence[] = findings.slice(0, 5).map((f) => ({ file: f.file, line: f.line, note: f.masked ? `secret ${f.masked}` : 'secret' }));
  return { evidence, detail: findings.length > 5 ? `${findings.length} secrets in total.` : undefined };
}
