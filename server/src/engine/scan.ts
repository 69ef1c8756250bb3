// The scan: crawl, configs, project detection, checks, code-level findings, scores. One code path for the
// CLI, the language server and the report. After file events (ScanOptions.changedPaths) it starts from the
// previous scan of the folder instead (incrementalScan.ts) and gives the same answer.
import * as fs from 'fs';
import * as path from 'path';
import type { ScanOptions } from './api';
import type { Finding, Note, ScanResult } from './types';
import type { DetectedProject } from './projects/detect';
import { crawlAsync, ignoreGlobMatcher } from './workspace/crawl';
import { DEFAULT_MAX_BYTES, FileStore, NOTEBOOK_MAX_BYTES } from './workspace/fileStore';
import { baseName, relativeTo } from './workspace/paths';
import { CONFIG_FILES, ConfigFile, parseConfig, readConfigFile } from './config/config';
import { detectAllSteps } from './projects/redetect';
import { loadBuiltinChecks, compileCheck } from './rules/loadChecks';
import type { CheckDef } from './rules/checkDef';
import { compileGlob } from './rules/checkDef';
import { ProjectScope } from './rules/projectScope';
import { scanMemo } from './rules/evaluate';
import { finalizeFindings, codeFindingsForFile } from './findings/codeFindings';
import { suppressionsOf } from './findings/suppress';
import { analyseInThreads, prewarmWorkers } from './analysis/analysisPool';
import { analysisJobs, importJobs } from './analysis/jobs';
import { EventLoopTurns, runWithTurns, yieldToLoop } from './eventLoopTurns';
import { assembleResult, builtinMemoOf, checkProject, orderedFileNotes, ProjectContext, ProjectOutcome, redactNotes } from './scanProject';
import { lastLayouts, optionsKey, previousStores, resultCacheOf, scanStates } from './scanState';
import { scanChanges } from './incrementalScan';
import { phaseTimer } from './phaseTimings';

export { forgetScans } from './scanState';

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const t0 = Date.now();
  const root = path.resolve(opts.root);
  const previous = opts.changedPaths ? scanStates.get(root) : undefined;
  if (previous) {
    const result = await scanChanges(previous, opts, t0);
    if (result) return result;
  }
  return fullScan(opts, root, t0);
}

async function fullScan(opts: ScanOptions, root: string, t0: number): Promise<ScanResult> {
  const trusted = opts.trusted !== false;
  const timing = phaseTimer();
  const notes: Note[] = [];
  const progress = opts.onProgress ?? (() => undefined);

  const rootConfig = CONFIG_FILES.map((f) => readIfExists(root, f, notes)).find(Boolean);
  progress('Listing files…');
  const listedAt = Date.now();
  // git lists a work tree far faster than a walk, but reads repository config: trusted workspaces only.
  const ignoreGlobs = [...(rootConfig?.ignore ?? []), ...(opts.exclude ?? [])];
  const crawled = await crawlAsync(root, { ignoreGlobs, signal: opts.signal, git: trusted });
  notes.push(...crawled.notes);
  const store = new FileStore(root, crawled.files, opts.overlays, undefined, previousStores.get(root));
  previousStores.set(root, store);
  const results = resultCacheOf(root);
  results.sync(store);
  // Files with results from an earlier scan (or an on-disk cache) are not read again: workers only for the rest.
  prewarmWorkers(results.size ? crawled.files.filter((f) => !results.hasAny(f.rel)) : crawled.files);
  timing.mark('list files');

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
  // Big scans read on worker threads: first the imports that detection needs, later each project's files.
  const firstJobs = await importJobs(files, store, results, new EventLoopTurns(opts.signal));
  timing.mark('plan first pass');
  await analyseInThreads(store, results, firstJobs, opts.signal);
  timing.mark('first pass (imports+)');
  const detection = await runWithTurns(detectAllSteps(files, store, results, root, forcedRoots), new EventLoopTurns(opts.signal));
  timing.mark('detect projects');
  const { model, detected } = detection;

  const customs = trusted ? compileCustomRules(configs, notes) : [];
  if (!trusted && configs.some((c) => c.custom.length)) {
    notes.push({ kind: 'config-error', message: 'Custom rules were not run: the workspace is not trusted (built-in rules only).' });
  }
  const ctx: ProjectContext = {
    store, results, configs, checks: [...loadBuiltinChecks(), ...customs], stage: opts.stage, ruleLevels: opts.ruleLevels,
    builtinMemo: builtinMemoOf(store, results), customMemo: scanMemo(), segmentSecrets: new WeakMap(), projectRoots: new Set(detected.map((dp) => dp.root)),
  };
  const turns = new EventLoopTurns(opts.signal);
  const scopes = new Map<DetectedProject, ProjectScope>();
  for (const dp of detected) {
    if (turns.due()) await turns.take();
    scopes.set(dp, new ProjectScope(model, dp));
  }
  // Big scans read and parse on worker threads first; the loop below then finds those results cached.
  const secondJobs = await analysisJobs([...scopes.values()], turns);
  timing.mark('plan second pass');
  await analyseInThreads(store, results, secondJobs, opts.signal);
  timing.mark('second pass');
  const outcomes: ProjectOutcome[] = [];
  for (const dp of detected) {
    await yieldToLoop(opts.signal);
    progress(`Checking ${dp.root === '.' ? dp.name : dp.root}…`);
    outcomes.push(await checkProject(ctx, dp, scopes.get(dp)!));
  }
  timing.mark('checks');
  lastLayouts.set(root, { projects: outcomes.map((o) => o.layout) });
  const leadNotes = redactNotes(notes);
  const fileNotes = orderedFileNotes(redactNotes(store.notes));
  const result = assembleResult(root, outcomes, [...leadNotes, ...fileNotes],
    { files: files.length, filesRead: store.filesRead, bytesRead: store.bytesRead, ms: Date.now() - t0 });
  scanStates.set(root, {
    ...detection, kind: 'full', root, key: optionsKey(opts), listedAt, crawl: crawled,
    listingRules: { root, isGlobIgnored: ignoreGlobMatcher(ignoreGlobs, []), gitignores: new Map() },
    configs, forcedRoots, nestedIgnores, checks: ctx.checks, files, store, results, leadNotes, fileNotes, outcomes,
    overlays: new Map(opts.overlays ?? []), result,
  });
  timing.mark('assemble');
  timing.done(`full scan of ${root}: ${files.length} files, ${store.filesRead} read`);
  return result;
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
  return finalizeFindings(raw.map((f) => ({ ...f, project: project.root })), opts.stage ?? project.stage, rules, () => suppressionsOf(text));
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
