// Metadata of the code-level rules (rules/code-rules.yaml): severities by stage and docs anchors.
import type { Level, Severity, Stage } from '../types';
import { DOCS_BASE } from '../version';
import { readRulesYaml } from './rulesData';

export interface CodeRuleDef {
  id: string;
  title: string;
  severity: Record<Stage, Level>;
  docsUrl: string;
  /** False: findings in tests, docs and examples (workspace/paths isTestOrDocsPath) are not reported. */
  inTestsAndDocs: boolean;
}

let cache: Map<string, CodeRuleDef> | undefined;

export function codeRules(): Map<string, CodeRuleDef> {
  if (cache) return cache;
  const doc = readRulesYaml('code-rules.yaml').data as { rules: any[] };
  cache = new Map(doc.rules.map((r) => [r.id, { id: r.id, title: r.title, severity: r.severity, docsUrl: DOCS_BASE + (r.docs ?? r.id), inTestsAndDocs: r['in-tests-and-docs'] !== false }]));
  return cache;
}

export function levelToSeverity(level: Level): Severity | undefined {
  return level === 'off' ? undefined : level;
}
