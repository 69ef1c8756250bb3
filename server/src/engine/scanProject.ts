// One project's part of a scan: its findings (secrets, code rules) and check results, and how the parts
// of all projects become one ScanResult. Shared by the full scan and the incremental one (file events).
import type { Level, Stage } from './types';
import type { CheckResult, Evidence, Finding, Note, Project, ScanResult } from './types';
import { VERSION } from './version';
import type { FileStore } from './workspace/fileStore';
import type { FileResultCache } from './workspace/fileResultCache';
import { ancestorsOf, dirOf } from './workspace/paths';
import type { ConfigFile, RuleSetting } from './config/config';
import type { DetectedProject } from './projects/detect';
import type { CheckDef, FileMatcher } from './rules/checkDef';
import type { ProjectScope } from './rules/projectScope';
import { ContentMemo, Detector } from './rules/evaluate';
import { redactSecrets } from './secrets/redact';
import { runCheck } from './checks/runCheck';
import { ciDetector, ciSystemsOf } from './detectors/ci';
import { pinnedDependenciesDetector } from './detectors/pinnedDependencies';
import { secretFindings, secretsDetectorFrom, type SegmentSecrets } from './detectors/secrets';
import { codeFindingsForFile, finalizeFindings } from './findings/codeFindings';
import { suppressionsOf } from './findings/suppress';
import { scoreProject } from './report/scoring';
import { hasCodeRules } from './code';
import { mergeModelIds, modelIdsInText } from './projects/modelIds';

const DATASET_EXT = /\.(csv|tsv|parquet|jsonl|feather|arrow)$/i;

export interface Layout { root: string; stage: Stage; levels: Record<string, RuleSetting> }

/** What every project of one scan shares. */
export interface ProjectContext {
  store: FileStore;
  results: FileResultCache;
  configs: ConfigFile[];
  checks: CheckDef[];
  stage?: Stage;
  ruleLevels?: Record<string, Level>;
  builtinMemo: ContentMemo;
  customMemo: ContentMemo;
  /** Roots of every project of the scan: a file inside one of them is that project's, not a project's above it. */
  projectRoots: ReadonlySet<string>;
  /** This scan's secret hits per scope segment, shared by the projects that see the segment. */
  segmentSecrets?: SegmentSecrets;
}

/** One project's share of a scan result. */
export interface ProjectOutcome {
  detected: DetectedProject;
  layout: Layout;
  /** Its code-level findings, final (severities, suppressions), before de-duplication across projects. */
  findings: Finding[];
  project: Project;
}

/** The deepest project root holding this file, if any. */
export function nearestProjectRoot(rel: string, roots: ReadonlySet<string>): string | undefined {
  for (const dir of ancestorsOf(dirOf(rel))) if (roots.has(dir)) return dir;
  return undefined;
}

/** Stage and rule levels of a project: its config chain, then the caller's overrides. */
export function layoutOf(ctx: Pick<ProjectContext, 'configs' | 'stage' | 'ruleLevels'>, root: string): Layout {
  const cfg = mergedConfig(ctx.configs, root);
  const stage: Stage = ctx.stage ?? cfg.stage ?? 'pilot';
  const levels = { ...cfg.rules };
  for (const [id, level] of Object.entries(ctx.ruleLevels ?? {})) levels[id] = { ...levels[id], severity: level };
  return { root, stage, levels };
}

export async function checkProject(ctx: ProjectContext, dp: DetectedProject, scope: ProjectScope): Promise<ProjectOutcome> {
  const { store, results } = ctx;
  const layout = layoutOf(ctx, dp.root);
  const { stage, levels: rules } = layout;
  // A repository-level file (docs/, a root .env) counts for the projects beneath it only when no project owns it:
  // a secret in a top-level project's docs fails that project, not each of the hundreds of packages below it.
  const raw: Finding[] = secretFindings(scope, results, ctx.segmentSecrets)
    .filter((f) => (nearestProjectRoot(f.file, ctx.projectRoots) ?? dp.root) === dp.root)
    .map((f) => ({ ...f, project: dp.root }));
  for (const f of scope.files) {
    if (f.inProject === undefined || !hasCodeRules(f.rel)) continue;
    const found = await results.getAsync(store, f.rel, 'code', async () => {
      const text = store.read(f.rel);
      return text === null ? [] : codeFindingsForFile(f.rel, text, { cache: false });
    });
    for (const finding of found) raw.push({ ...finding, project: dp.root });
  }
  // Severities, config levels and suppressions first: a suppressed secret must not fail the check either.
  const final = finalizeFindings(raw, stage, rules, (rel) => ctx.results.get(store, rel, 'suppressions', () => {
    const text = store.read(rel);
    return text === null ? null : suppressionsOf(text);
  }));
  const secrets = final.filter((f) => f.ruleId === 'hardcoded-secrets');
  const detectors: Record<string, Detector> = {
    ci: ciDetector,
    'pinned-dependencies': pinnedDependenciesDetector,
    'hardcoded-secrets': () => secretsDetectorFrom(secrets),
  };
  const checks: CheckResult[] = ctx.checks.map((def) =>
    runCheck({ def, scope, stage, kind: dp.aiKind, setting: rules[def.id], detectors, memo: def.custom ? ctx.customMemo : ctx.builtinMemo }));
  return { detected: dp, layout, findings: final, project: toProject(dp, scope, stage, checks, ctx.results) };
}

/**
 * The result from the projects' parts: a file seen by several projects (a repository-level file) keeps the
 * findings of the first project; findings sorted by file and line.
 */
export function assembleResult(root: string, outcomes: ProjectOutcome[], notes: Note[], stats: ScanResult['stats']): ScanResult {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const o of outcomes) {
    for (const f of o.findings) {
      const key = `${f.ruleId}|${f.file}|${f.line}|${f.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(f);
    }
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { tool: { name: 'ai-preflight', version: VERSION }, root, projects: outcomes.map((o) => o.project), findings, notes, stats };
}

/**
 * Notes from reading files (unreadable, over the cap, not understood), once each and in path order, so the
 * answer does not depend on the order files were read in (worker threads, or a re-scan reading only a few).
 */
export function orderedFileNotes(notes: Note[]): Note[] {
  const byKey = new Map<string, Note>();
  for (const n of notes) {
    const key = `${n.file ?? ''}\0${n.kind}\0${n.message}`;
    if (!byKey.has(key)) byKey.set(key, n);
  }
  return [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, n]) => n);
}

function toProject(dp: DetectedProject, scope: ProjectScope, stage: Stage, checks: CheckResult[], results: FileResultCache): Project {
  const datasets = scope.files.filter((f) => f.inProject !== undefined && DATASET_EXT.test(f.rel)).map((f) => f.rel).slice(0, 50);
  return {
    root: dp.root,
    name: dp.name,
    isAiProject: true,
    aiKind: dp.aiKind,
    kinds: dp.kinds,
    frameworks: dp.frameworks,
    modelIds: modelIdsOf(scope, dp, results),
    datasets,
    ciSystems: [...new Set(ciSystemsOf(scope).map((c) => c.system))],
    manifest: dp.manifests[0]?.file,
    anchor: dp.anchor,
    aiEvidence: dp.aiEvidence,
    stage,
    score: scoreProject(checks).score,
    checks,
  };
}

function modelIdsOf(scope: ProjectScope, dp: DetectedProject, results: FileResultCache): string[] {
  const store = scope.model.store;
  return mergeModelIds(dp.codeFiles.map((rel) => results.get(store, rel, 'modelIds', () => {
    const text = store.read(rel);
    return text ? modelIdsInText(text) : [];
  })));
}

function mergedConfig(configs: ConfigFile[], projectRoot: string): { stage?: Stage; rules: Record<string, RuleSetting> } {
  const chain = ancestorsOf(projectRoot).reverse();
  const out: { stage?: Stage; rules: Record<string, RuleSetting> } = { rules: {} };
  for (const dir of chain) {
    const c = configs.find((x) => x.dir === dir);
    if (!c) continue;
    if (c.stage) out.stage = c.stage;
    for (const [id, s] of Object.entries(c.rules)) out.rules[id] = { ...out.rules[id], ...s };
  }
  return out;
}

/**
 * Built-in matchers live as long as the process, so their matches are kept per file across scans: one record
 * per file, by matcher key, which the batch pass fills whole and the checks complete lazily.
 */
export function builtinMemoOf(store: FileStore, results: FileResultCache): ContentMemo {
  return {
    segments: new WeakMap(),
    evidence: (m, rel, compute) => {
      // Every built-in file matcher has a key (loadBuiltinChecks names them).
      const key = (m as FileMatcher).key!;
      const found = results.get<Record<string, Evidence | null>>(store, rel, 'matches', () => ({}));
      if (!(key in found)) {
        found[key] = compute();
        results.markChanged(); // a value added in place: the on-disk cache has something new
      }
      return found[key];
    },
  };
}

/** Notes quote file contents and the user's config (an unknown key can be a pasted token): secrets masked. */
export function redactNotes(notes: Note[]): Note[] {
  for (const n of notes) {
    n.message = redactSecrets(n.message);
    if (n.key) n.key = redactSecrets(n.key);
  }
  return notes;
}

