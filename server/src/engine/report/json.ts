// JSON contract v1 (SPEC §10). The v1 fields come first and are exactly as specified; everything
// else is an addition a v1 reader may ignore. Validated by rules/schema/contract-v1.schema.json.
import type { CheckResult, Finding, Project, ScanResult } from '../types';
import { relativePath } from './paths';
import { scoreProject } from './scoring';

function uniqueFiles(root: string, c: CheckResult): string[] {
  return [...new Set((c.evidence ?? []).map((e) => relativePath(root, e.file)))];
}

function checkJson(root: string, c: CheckResult) {
  return {
    id: c.id,
    status: c.status,
    evidence: uniqueFiles(root, c),
    message: c.message,
    // additions
    state: c.state,
    title: c.title,
    pillar: c.pillar,
    level: c.level,
    docsUrl: c.docsUrl,
    locations: (c.evidence ?? []).map((e) => ({ file: relativePath(root, e.file), ...(e.line ? { line: e.line } : {}), ...(e.note ? { note: e.note } : {}) })),
    // Present but incomplete: the placeholders left to fill in. `incomplete` is the name the scaffolding issue
    // gives it; `missing` came first and stays (v1 fields may be added, never changed).
    ...(c.missing?.length ? { missing: c.missing, ...(c.state === 'incomplete' ? { incomplete: c.missing } : {}) } : {}),
    ...(c.external !== undefined ? { external: c.external } : {}),
    ...(c.error !== undefined ? { error: c.error } : {}),
    ...(c.custom ? { custom: true } : {}),
  };
}

function projectJson(root: string, p: Project) {
  // The same function the engine uses for project.score, so every output agrees with the report.
  const score = scoreProject(p.checks ?? []).score;
  return {
    root: relativePath(root, p.root),
    isAiProject: true as const,
    aiKind: p.aiKind,
    stage: p.stage,
    score,
    checks: (p.checks ?? []).map((c) => checkJson(root, c)),
    // additions
    name: p.name,
    kinds: p.kinds,
    frameworks: p.frameworks,
    modelIds: p.modelIds,
    ciSystems: p.ciSystems,
    ...(p.manifest ? { manifest: relativePath(root, p.manifest) } : {}),
    anchor: relativePath(root, p.anchor),
  };
}

function findingJson(root: string, f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: relativePath(root, f.file),
    line: f.line,
    // additions (column is 0-based like LSP; line is 1-based as v1 says)
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ...(f.project !== undefined ? { project: relativePath(root, f.project) } : {}),
    ...(f.masked !== undefined ? { masked: f.masked } : {}),
  };
}

export function toContractJson(result: ScanResult): object {
  const root = result.root;
  const findings = [...(result.findings ?? [])].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return {
    tool: { name: result.tool.name, version: result.tool.version },
    projects: (result.projects ?? []).map((p) => projectJson(root, p)),
    findings: findings.map((f) => findingJson(root, f)),
    // additions
    notes: (result.notes ?? []).map((n) => (n.file ? { ...n, file: relativePath(root, n.file) } : { ...n })),
    stats: result.stats,
  };
}
