// Code-level findings of one file (code rules, and secrets when asked), then severities by stage,
// config levels and inline suppressions.
import type { Finding, Severity, Stage } from '../types';
import type { RuleSetting } from '../config/config';
import { checkCode, initCodeParsers, parserLanguagesFor } from '../code';
import { codeRules, levelToSeverity } from '../rules/codeRules';
import { secretFindingsInText } from '../detectors/secrets';
import { applySuppressionList, type Suppression } from './suppress';
import { isTestOrDocsPath, relativeTo } from '../workspace/paths';
import { withTimeoutSeconds } from '../code/timeoutDefault';

const CODE_EXT = /\.(py|ipynb|js|mjs|cjs|jsx|ts|mts|cts|tsx|ya?ml|json|env)$|(^|\/)\.env(\.[\w.-]+)?$/i;

/** `cache: false` for a workspace scan's files (checked once); open documents keep the default (see checkCode). */
export async function codeFindingsForFile(rel: string, text: string, opts: { secrets?: boolean; cache?: boolean } = {}): Promise<Finding[]> {
  const out: Finding[] = opts.secrets ? secretFindingsInText(rel, text) : [];
  if (CODE_EXT.test(rel)) {
    await initCodeParsers(parserLanguagesFor(rel));
    try {
      out.push(...checkCode(rel, text, { cache: opts.cache }));
    } catch {
      // A parser failure on one odd file must not cost the rest of the scan; the file just gets no code findings.
    }
  }
  return out;
}

/**
 * Severities from the project's stage and config levels; `off` drops the finding, and so does a rule that skips
 * tests and docs (code-rules.yaml `in-tests-and-docs: false`) for a finding there; suppressions apply per file.
 * `suppressionsOf(rel)`: the file's suppression comments, or null when its text cannot be read.
 */
export function finalizeFindings(findings: Finding[], stage: Stage, rules: Record<string, RuleSetting>, suppressionsOf: (rel: string) => Suppression[] | null): Finding[] {
  const defs = codeRules();
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const def = defs.get(f.ruleId);
    if (def && !def.inTestsAndDocs && isTestOrDocsPath(pathInProject(f))) continue;
    const level = rules[f.ruleId]?.severity ?? def?.severity[stage] ?? 'info';
    const severity = capped(levelToSeverity(level), f.severityCap);
    if (!severity) continue;
    const timeoutSeconds = f.ruleId === 'llm-client-timeout' ? rules[f.ruleId]?.timeoutSeconds : undefined;
    const withDocs = { ...f, severity, ...(f.fix && timeoutSeconds !== undefined ? { fix: withTimeoutSeconds(f.fix, timeoutSeconds) } : {}) };
    const list = byFile.get(f.file);
    if (list) list.push(withDocs);
    else byFile.set(f.file, [withDocs]);
  }
  const out: Finding[] = [];
  for (const [file, list] of byFile) {
    const sups = suppressionsOf(file);
    out.push(...(sups === null ? list : applySuppressionList(file, sups, list)));
  }
  return out;
}

const SEVERITY_ORDER: Severity[] = ['hint', 'info', 'warning', 'error'];

/** `severity`, lowered to `cap` when it is above it. */
function capped(severity: Severity | undefined, cap: Severity | undefined): Severity | undefined {
  if (!severity || !cap) return severity;
  return SEVERITY_ORDER.indexOf(severity) > SEVERITY_ORDER.indexOf(cap) ? cap : severity;
}

/**
 * The finding's path within its project: a tests or docs folder inside the project is not production code, but a
 * project that lives in one (a docs site's chatbot in apps/docs, a course's project under tutorials/) is checked
 * as itself. A file above the project (a repository-level config) keeps its repository path.
 */
function pathInProject(f: Finding): string {
  return (f.project !== undefined ? relativeTo(f.project, f.file) : undefined) ?? f.file;
}
