// The readiness report as data (SPEC §9): what the Markdown, HTML and webview renderers all draw.
// Everything a person needs to judge a project — verdict, score and how it was computed, the five
// questions, checks by pillar, code findings — is decided here once, so the renderers only format.
import * as path from 'path';
import type { AiKind, CheckResult, CheckState, CheckStatus, Evidence, Finding, Level, Note, Pillar, Project, ScanResult, Stage } from '../types';
import { fiveQuestions, PILLAR_LABEL, PILLAR_ORDER, QuestionDef, stateLabel } from './labels';
import { relativePath, safeWebUrl } from './paths';
import { scoreProject, ScoreRow } from './scoring';

export interface CheckView {
  id: string;
  title: string;
  pillar: Pillar;
  status: CheckStatus;
  state: CheckState;
  stateLabel: string;
  level: Level;
  message: string;
  evidence: Evidence[];
  docsUrl?: string;
  external?: string;
  missing: string[];
  error?: string;
  custom: boolean;
  /** Fails at level error: holds back the declared stage. */
  blocking: boolean;
  /** A failing project-level check that a quick fix can scaffold. */
  scaffoldable: boolean;
}

export interface ScoreExplanation {
  score: number | null;
  earned: number;
  possible: number;
  rows: (ScoreRow & { title: string; level: Level })[];
}

export interface PillarGroup {
  pillar: Pillar;
  label: string;
  /** Same formula as the project score, over this pillar's checks; null when none counts. */
  score: number | null;
  checks: CheckView[];
}

export type QuestionAnswer = 'answered' | 'partial' | 'declared' | 'open' | 'not-checked';

export interface QuestionView {
  key: QuestionDef['key'];
  question: string;
  checkId: string;
  answer: QuestionAnswer;
  /** One line: the evidence, the declaration, or what is missing. */
  summary: string;
  evidence: Evidence[];
  /** Placeholders still to fill in, when partly answered. */
  missing: string[];
}

export interface Verdict {
  stage: Stage;
  /** False when anything at level error fails. */
  ready: boolean;
  headline: string;
  /** Failing error-level checks, then code rules with error findings. */
  blockers: { id: string; title: string; kind: 'check' | 'rule'; count?: number }[];
  /** Failing warning-level checks and warning findings. */
  warnings: number;
}

export interface ProjectReport {
  name: string;
  root: string;
  kind: AiKind;
  kinds: AiKind[];
  frameworks: string[];
  stage: Stage;
  anchor: string;
  score: number | null;
  scoring: ScoreExplanation;
  verdict: Verdict;
  questions: QuestionView[];
  pillars: PillarGroup[];
  findings: Finding[];
  counts: { pass: number; fail: number; declared: number; skipped: number };
}

export interface WorkspaceSummary {
  projects: number;
  /** Mean of the scored projects' scores, rounded; null when none is scored. */
  averageScore: number | null;
  blocked: number;
  /** Check ids failing in more than one project, most frequent first. */
  commonGaps: { id: string; title: string; projects: number }[];
}

export interface ReportModel {
  tool: { name: string; version: string };
  /** The scanned folder's name (never its absolute path: reports get shared). */
  workspaceName: string;
  projects: ProjectReport[];
  /** Present when there are several projects. */
  summary?: WorkspaceSummary;
  /** Findings in files outside every AI project. */
  otherFindings: Finding[];
  notes: Note[];
  pillarOrder: readonly Pillar[];
}

const SCAFFOLD_STATES: ReadonlySet<CheckState> = new Set(['absent']);

function normEvidence(root: string, ev: Evidence[]): Evidence[] {
  return ev.map((e) => ({ ...e, file: relativePath(root, e.file) }));
}

function checkView(root: string, c: CheckResult): CheckView {
  return {
    id: c.id,
    title: c.title || c.id,
    pillar: c.pillar,
    status: c.status,
    state: c.state,
    stateLabel: stateLabel(c),
    level: c.level,
    message: c.message,
    evidence: normEvidence(root, c.evidence ?? []),
    docsUrl: safeWebUrl(c.docsUrl),
    external: c.external,
    missing: c.missing ?? [],
    error: c.error,
    custom: !!c.custom,
    blocking: c.status === 'fail' && c.level === 'error',
    // Secrets are removed, not scaffolded; custom rules have no templates.
    scaffoldable: c.status === 'fail' && SCAFFOLD_STATES.has(c.state) && c.level !== 'off' && !c.custom && c.id !== 'hardcoded-secrets',
  };
}

function pillarGroups(checks: CheckView[], raw: CheckResult[]): PillarGroup[] {
  const groups: PillarGroup[] = [];
  const known = new Set<string>(PILLAR_ORDER);
  const extra = [...new Set(checks.map((c) => c.pillar).filter((p) => !known.has(p)))];
  for (const pillar of [...PILLAR_ORDER, ...extra]) {
    const inPillar = checks.filter((c) => c.pillar === pillar);
    if (inPillar.length === 0) continue;
    const score = scoreProject(raw.filter((c) => c.pillar === pillar)).score;
    groups.push({ pillar, label: PILLAR_LABEL[pillar] ?? pillar, score, checks: inPillar });
  }
  return groups;
}

function question(def: QuestionDef, checks: CheckView[]): QuestionView {
  const base = { key: def.key, question: def.question, checkId: def.checkId, missing: [] as string[] };
  const c = checks.find((x) => x.id === def.checkId);
  if (!c || c.state === 'not-applicable' || c.state === 'off') {
    return { ...base, answer: 'not-checked', summary: c ? `Not checked (${c.stateLabel.toLowerCase()}).` : 'Not checked.', evidence: [] };
  }
  if (c.state === 'declared') return { ...base, answer: 'declared', summary: `Declared: ${c.external ?? 'outside the repository'}`, evidence: [] };
  if (c.status === 'pass') {
    const files = c.evidence.map((e) => e.file);
    const where = files.length ? files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '') : 'found';
    if (c.state === 'incomplete' || c.state === 'weak') {
      const todo = c.missing.length ? `; still to fill in: ${c.missing.join(', ')}` : '';
      return { ...base, answer: 'partial', summary: `Partly: ${where}${todo}`, evidence: c.evidence, missing: c.missing };
    }
    return { ...base, answer: 'answered', summary: where, evidence: c.evidence };
  }
  if (c.state === 'errored') return { ...base, answer: 'open', summary: `Inconclusive: ${c.error ?? 'the check could not run'}`, evidence: [] };
  return { ...base, answer: 'open', summary: nextStep(c.message), evidence: [] };
}

/** The actionable part of a check message for the questions list (the full text stays with the check). */
export function nextStep(message: string): string {
  const fix = /To satisfy it:\s*(.+)$/s.exec(message);
  const text = (fix ? fix[1] : message).trim();
  return text.length > 240 ? text.slice(0, 237).replace(/\s+\S*$/, '') + '…' : text;
}

function verdict(stage: Stage, checks: CheckView[], findings: Finding[]): Verdict {
  const blockers: Verdict['blockers'] = checks.filter((c) => c.blocking).map((c) => ({ id: c.id, title: c.title, kind: 'check' as const }));
  const blockingCheckIds = new Set(blockers.map((b) => b.id));
  const ruleErrors = new Map<string, number>();
  for (const f of findings) {
    if (f.severity === 'error' && !blockingCheckIds.has(f.ruleId)) ruleErrors.set(f.ruleId, (ruleErrors.get(f.ruleId) ?? 0) + 1);
  }
  for (const [id, count] of [...ruleErrors].sort()) blockers.push({ id, title: id, kind: 'rule', count });
  const warnings = checks.filter((c) => c.status === 'fail' && c.level === 'warning').length
    + findings.filter((f) => f.severity === 'warning').length;
  const nChecks = blockers.filter((b) => b.kind === 'check').length;
  const nRules = blockers.length - nChecks;
  let headline: string;
  if (blockers.length === 0) {
    headline = `Ready for ${stage}` + (warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'} to address)` : '');
  } else {
    const parts: string[] = [];
    if (nChecks) parts.push(`${nChecks} check${nChecks === 1 ? '' : 's'}`);
    if (nRules) parts.push(`${nRules} code rule${nRules === 1 ? '' : 's'}`);
    headline = `${parts.join(' and ')} ${blockers.length === 1 ? 'blocks' : 'block'} ${stage}`;
  }
  return { stage, ready: blockers.length === 0, headline, blockers, warnings };
}

function sortFindings(fs: Finding[]): Finding[] {
  return [...fs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

function projectReport(root: string, p: Project, findings: Finding[]): ProjectReport {
  const raw = p.checks ?? [];
  const checks = raw.map((c) => checkView(root, c));
  const scored = scoreProject(raw);
  const byId = new Map(checks.map((c) => [c.id, c]));
  return {
    name: p.name || (p.root === '.' ? 'root' : path.posix.basename(p.root)),
    root: relativePath(root, p.root),
    kind: p.aiKind,
    kinds: p.kinds ?? [p.aiKind],
    frameworks: p.frameworks ?? [],
    stage: p.stage,
    anchor: relativePath(root, p.anchor),
    // The engine fills project.score with this same function; recomputing keeps the explanation honest.
    score: scored.score,
    scoring: {
      score: scored.score,
      earned: scored.earned,
      possible: scored.possible,
      rows: scored.rows.map((r) => ({ ...r, title: byId.get(r.id)?.title ?? r.id, level: byId.get(r.id)?.level ?? 'off' })),
    },
    verdict: verdict(p.stage, checks, findings),
    questions: fiveQuestions().map((q) => question(q, checks)),
    pillars: pillarGroups(checks, raw),
    findings,
    counts: {
      pass: checks.filter((c) => c.status === 'pass').length,
      fail: checks.filter((c) => c.status === 'fail').length,
      declared: checks.filter((c) => c.state === 'declared').length,
      skipped: checks.filter((c) => c.status === 'skip' && c.state !== 'declared').length,
    },
  };
}

/** Which project a finding belongs to: its `project` field, else the deepest project root containing it. */
export function projectOfFinding(projectRoots: string[], f: Finding): string | undefined {
  if (f.project !== undefined && projectRoots.includes(f.project)) return f.project;
  let best: string | undefined;
  for (const r of projectRoots) {
    const inside = r === '.' || f.file === r || f.file.startsWith(r + '/');
    if (inside && (best === undefined || best === '.' || r.length > best.length)) best = r;
  }
  return best;
}

export function buildReportModel(result: ScanResult): ReportModel {
  const root = result.root;
  const findings = sortFindings((result.findings ?? []).map((f) => ({
    ...f,
    file: relativePath(root, f.file),
    project: f.project === undefined ? undefined : relativePath(root, f.project),
  })));
  const projects = result.projects ?? [];
  const roots = projects.map((p) => relativePath(root, p.root));
  const owned = new Map<string, Finding[]>();
  const otherFindings: Finding[] = [];
  for (const f of findings) {
    const owner = projectOfFinding(roots, f);
    if (owner === undefined) otherFindings.push(f);
    else owned.set(owner, [...(owned.get(owner) ?? []), f]);
  }
  const reports = projects.map((p, i) => projectReport(root, p, owned.get(roots[i]) ?? []));
  const model: ReportModel = {
    tool: { name: result.tool?.name ?? 'ai-preflight', version: result.tool?.version ?? '0.0.0' },
    workspaceName: path.basename(root) || root,
    projects: reports,
    otherFindings,
    notes: (result.notes ?? []).map((n) => (n.file ? { ...n, file: relativePath(root, n.file) } : n)),
    pillarOrder: PILLAR_ORDER,
  };
  if (reports.length > 1) model.summary = workspaceSummary(reports);
  return model;
}

function workspaceSummary(reports: ProjectReport[]): WorkspaceSummary {
  const scored = reports.map((r) => r.score).filter((s): s is number => s !== null);
  const gapCount = new Map<string, { title: string; projects: number }>();
  for (const r of reports) {
    for (const g of r.pillars) {
      for (const c of g.checks) {
        if (c.status !== 'fail') continue;
        const e = gapCount.get(c.id) ?? { title: c.title, projects: 0 };
        e.projects++;
        gapCount.set(c.id, e);
      }
    }
  }
  return {
    projects: reports.length,
    averageScore: scored.length ? Math.round(scored.reduce((a, b) => a + b, 0) / scored.length) : null,
    blocked: reports.filter((r) => !r.verdict.ready).length,
    commonGaps: [...gapCount].filter(([, v]) => v.projects > 1)
      .sort((a, b) => b[1].projects - a[1].projects || a[0].localeCompare(b[0]))
      .map(([id, v]) => ({ id, title: v.title, projects: v.projects })),
  };
}
