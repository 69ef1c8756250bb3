// The scan: crawl, configs, project detection, checks, code-level findings, scores. One code path for the
// CLI, the language server and the report.
import * as fs from 'fs';
import * as path from 'path';
import type { ScanOptions } from './api';
import type { CheckResult, Finding, Note, Project, ScanResult, Stage } from './types';
import { VERSION } from './version';
import { abortError, crawl } from './workspace/crawl';
import { DEFAULT_MAX_BYTES, FileStore, NOTEBOOK_MAX_BYTES } from './workspace/fileStore';
import { FileResultCache } from './workspace/fileResultCache';
import { ancestorsOf, baseName, relativeTo } from './workspace/paths';
import { CONFIG_FILES, ConfigFile, parseConfig, readConfigFile, RuleSetting } from './config/config';
import { WorkspaceModel } from './projects/workspaceModel';
import { DetectedProject, detectProjects, orphanAiFolders } from './projects/detect';
import { loadBuiltinChecks, compileCheck } from './rules/loadChecks';
import type { CheckDef } from './rules/checkDef';
import { compileGlob } from './rules/checkDef';
import { ProjectScope } from './rules/projectScope';
import { ContentMemo, Detector, scanMemo } from './rules/evaluate';
import { runCheck } from './checks/runCheck';
import { ciDetector, ciSystemsOf } from './detectors/ci';
import { pinnedDependenciesDetector } from './detectors/pinnedDependencies';
import { secretFindings, secretsDetectorFrom } from './detectors/secrets';
import { codeFindingsForFile, finalizeFindings } from './findings/codeFindings';
import { scoreProject } from './report/scoring';
import { redactSecrets } from './secrets/redact';
import { codeLanguageOf } from './projects/imports';

const DATASET_EXT = /\.(csv|tsv|parquet|jsonl|feather|arrow)$/i;
const MODEL_ID = /\b(?:model(?:_name|_id|Name|Id)?|engine|deployment_name)\s*[=:]\s*["']([A-Za-z0-9][\w./:-]{2,80})["']|from_pretrained\(\s*["']([A-Za-z0-9][\w./-]{2,80})["']/g;

/** The last store per root, so re-scans (editor) re-read only files whose size or mtime changed. */
const previousStores = new Map<string, FileStore>();
/** Per-file results per root, reused by re-scans while a file is unchanged. */
const resultCaches = new Map<string, FileResultCache>();
/** The last scan's project layout per root, for checkDocument. */
const lastLayouts = new Map<string, { projects: { root: string; stage: Stage; levels: Record<string, RuleSetting> }[] }>();

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const t0 = Date.now();
  const root = path.resolve(opts.root);
  const trusted = opts.trusted !== false;
  const notes: Note[] = [];
  const progress = opts.onProgress ?? (() => undefined);

  const rootConfig = CONFIG_FILES.map((f) => readIfExists(root, f, notes)).find(Boolean);
  progress('Listing files…');
  // git lists a work tree far faster than a walk, but reads repository config: trusted workspaces only.
  const crawled = crawl(root, { ignoreGlobs: [...(rootConfig?.ignore ?? []), ...(opts.exclude ?? [])], signal: opts.signal, git: trusted });
  notes.push(...crawled.notes);

  const store = new FileStore(root, crawled.files, opts.overlays, undefined, previousStores.get(root));
  previousStores.set(root, store);
  let results = resultCaches.get(root);
  if (!results) resultCaches.set(root, (results = new FileResultCache()));
  results.sync(store);

  // Nested configs: their ignores apply below them; the rest merges per project.
  const configs: ConfigFile[] = rootConfig ? [rootConfig] : [];
  for (const f of crawled.files) {
    if (!CONFIG_FILES.includes(baseName(f.rel)) || f.rel === rootConfig?.file) continue;
    const text = store.read(f.rel);
    if (text !== null) configs.push(parseConfig(f.rel, text, notes));
  }
  const nestedIgnores = configs.filter((c) => c !== rootConfig).flatMap((c) => c.ignore ?? []).flatMap((g) => {
    try {
      return [compileGlob(g)];
    } catch (e) {
      notes.push({ kind: 'config-error', message: `ignore glob not applied: ${(e as Error).message}` });
      return [];
    }
  });
  const files = nestedIgnores.length ? crawled.files.filter((f) => !nestedIgnores.some((g) => g.re.test(f.rel))) : crawled.files;

  await yieldToLoop(opts.signal);
  progress('Finding AI projects…');
  const forcedRoots = rootConfig?.projects;
  let model = new WorkspaceModel(files, store, forcedRoots, results);
  let detected = detectProjects(model, root, forcedRoots);
  const orphans = forcedRoots ? [] : orphanAiFolders(model);
  if (orphans.length) {
    model = new WorkspaceModel(files, store, orphans, results);
    detected = detectProjects(model, root);
  }

  const builtins = loadBuiltinChecks();
  const customs = trusted ? compileCustomRules(configs, notes) : [];
  if (!trusted && configs.some((c) => c.custom.length)) {
    notes.push({ kind: 'config-error', message: 'Custom rules were not run: the workspace is not trusted (built-in rules only).' });
  }

  const projects: Project[] = [];
  const findings: Finding[] = [];
  const seenFindings = new Set<string>();
  // Built-in matchers live as long as the process, so their matches are kept per file across scans.
  const builtinMemo: ContentMemo = { evidence: (m, rel, compute) => results!.get(store, rel, `match:${matcherId(m)}`, compute) };
  const customMemo = scanMemo();
  const layouts: { root: string; stage: Stage; levels: Record<string, RuleSetting> }[] = [];
  for (const dp of detected) {
    await yieldToLoop(opts.signal);
    progress(`Checking ${dp.root === '.' ? dp.name : dp.root}…`);
    const cfg = mergedConfig(configs, dp.root);
    const stage: Stage = opts.stage ?? cfg.stage ?? 'pilot';
    const rules = { ...cfg.rules };
    for (const [id, level] of Object.entries(opts.ruleLevels ?? {})) rules[id] = { ...rules[id], severity: level };
    layouts.push({ root: dp.root, stage, levels: rules });

    const scope = new ProjectScope(model, dp);
    const raw: Finding[] = secretFindings(scope, results).map((f) => ({ ...f, project: dp.root }));
    for (const f of scope.files) {
      if (f.inProject === undefined || !codeLanguageOf(f.rel)) continue;
      const found = await results.getAsync(store, f.rel, 'code', async () => {
        const text = store.read(f.rel);
        return text === null ? [] : codeFindingsForFile(f.rel, text);
      });
      for (const finding of found) raw.push({ ...finding, project: dp.root });
    }
    // Severities, config levels and suppressions first: a suppressed secret must not fail the check either.
    const final = finalizeFindings(raw, stage, rules, (rel) => store.read(rel));
    const secrets = final.filter((f) => f.ruleId === 'hardcoded-secrets');
    const detectors: Record<string, Detector> = {
      ci: ciDetector,
      'pinned-dependencies': pinnedDependenciesDetector,
      'hardcoded-secrets': () => secretsDetectorFrom(secrets),
    };
    const checks: CheckResult[] = [...builtins, ...customs].map((def) =>
      runCheck({ def, scope, stage, kind: dp.aiKind, setting: rules[def.id], detectors, memo: def.custom ? customMemo : builtinMemo }));
    for (const f of final) {
      const key = `${f.ruleId}|${f.file}|${f.line}|${f.column}`;
      if (seenFindings.has(key)) continue;
      seenFindings.add(key);
      findings.push(f);
    }
    projects.push(toProject(dp, scope, stage, checks));
  }
  lastLayouts.set(root, { projects: layouts });
  notes.push(...store.notes);
  for (const n of notes) {
    n.message = redactSecrets(n.message);
    // The key path quotes the user's config too (an unknown key can be a pasted token).
    if (n.key) n.key = redactSecrets(n.key);
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return {
    tool: { name: 'ai-preflight', version: VERSION },
    root,
    projects,
    findings,
    notes,
    stats: { files: files.length, filesRead: store.filesRead, bytesRead: store.bytesRead, ms: Date.now() - t0 },
  };
}

/**
 * Code-level findings (secrets and code rules) for one document's current text, with severities at the
 * stage of the project it belongs to and inline suppressions applied. Used by the editor on every edit.
 * Files outside every AI project (as of the last scan of this root) get none.
 */
export async function checkDocument(scanRoot: string, relPath: string, text: string, opts: Omit<ScanOptions, 'root'> = {}): Promise<Finding[]> {
  // The scan's read caps apply to live text too: a 10 MB open document would stall the server for seconds
  // per keystroke and hold gigabytes of parse trees. The scan does not read such a file either.
  if (text.length > (relPath.toLowerCase().endsWith('.ipynb') ? NOTEBOOK_MAX_BYTES : DEFAULT_MAX_BYTES)) return [];
  const root = path.resolve(scanRoot);
  let layout = lastLayouts.get(root);
  if (!layout) {
    await scan({ ...opts, root });
    layout = lastLayouts.get(root)!;
  }
  const project = [...layout.projects].sort((a, b) => b.root.length - a.root.length).find((p) => relativeTo(p.root, relPath) !== undefined);
  if (!project) return [];
  const rules = { ...project.levels };
  for (const [id, level] of Object.entries(opts.ruleLevels ?? {})) rules[id] = { ...rules[id], severity: level };
  const raw = await codeFindingsForFile(relPath, text, { secrets: true });
  return finalizeFindings(raw.map((f) => ({ ...f, project: project.root })), opts.stage ?? project.stage, rules, () => text);
}

function toProject(dp: DetectedProject, scope: ProjectScope, stage: Stage, checks: CheckResult[]): Project {
  const datasets = scope.files.filter((f) => f.inProject !== undefined && DATASET_EXT.test(f.rel)).map((f) => f.rel).slice(0, 50);
  return {
    root: dp.root,
    name: dp.name,
    isAiProject: true,
    aiKind: dp.aiKind,
    kinds: dp.kinds,
    frameworks: dp.frameworks,
    modelIds: modelIdsOf(scope, dp),
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

function modelIdsOf(scope: ProjectScope, dp: DetectedProject): string[] {
  const ids = new Set<string>();
  for (const rel of dp.codeFiles) {
    const text = scope.model.store.read(rel);
    if (!text) continue;
    for (const m of text.matchAll(MODEL_ID)) {
      const id = m[1] ?? m[2];
      if (id && /[a-z]/i.test(id) && /[-/\d]/.test(id) && !id.includes('://') && !/^(\.|\/)/.test(id)) ids.add(id);
      if (ids.size >= 20) break;
    }
  }
  return [...ids].sort();
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

function compileCustomRules(configs: ConfigFile[], notes: Note[]): CheckDef[] {
  const out: CheckDef[] = [];
  const builtinIds = new Set(loadBuiltinChecks().map((d) => d.id));
  for (const cfg of configs) {
    for (const { raw, line } of cfg.custom) {
      const { def, errors } = compileCheck(raw, true);
      const id = (raw as { id?: unknown })?.id;
      if (!def) {
        for (const e of errors) notes.push({ kind: 'config-error', file: cfg.file, line, key: 'custom', message: `${cfg.file}: custom rule ${typeof id === 'string' ? id + ' ' : ''}is invalid: ${e}` });
        continue;
      }
      if (builtinIds.has(def.id) || out.some((d) => d.id === def.id)) {
        notes.push({ kind: 'config-error', file: cfg.file, line, key: 'custom', message: `${cfg.file}: custom rule id "${def.id}" is already taken` });
        continue;
      }
      out.push(def);
    }
  }
  return out;
}

/** Same cap as any other text file: a config is small. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * The root config is read before the crawl (its ignores steer it), so it needs the crawl's guards here:
 * a symlink leading outside the root, a FIFO (would block forever) or a huge file is never read. The
 * crawl and the file store then note the same file as skipped, so no note is added here.
 */
function readIfExists(root: string, rel: string, notes: Note[]): ConfigFile | undefined {
  const abs = path.join(root, rel);
  try {
    const st = fs.statSync(abs);
    if (!st.isFile() || st.size > MAX_CONFIG_BYTES) return undefined;
    if (!fs.realpathSync(abs).startsWith(fs.realpathSync(root) + path.sep)) return undefined;
  } catch {
    return undefined;
  }
  return readConfigFile(root, rel, notes);
}

const matcherIds = new WeakMap<object, number>();
let nextMatcherId = 0;

function matcherId(m: object): number {
  let id = matcherIds.get(m);
  if (id === undefined) matcherIds.set(m, (id = nextMatcherId++));
  return id;
}

/** Lets the language server answer messages between projects of a long scan, and honours cancellation. */
async function yieldToLoop(signal?: AbortSignal): Promise<void> {
  await new Promise((r) => setImmediate(r));
  if (signal?.aborted) throw abortError();
}
