// Which files of a scan need which per-file values. Before project detection: the imports of every code
// file, and with them, in the same read, what the later pass would ask of the files that will be in an AI
// project (reading 20,000 files a second time costs more than the few values that go unused). After
// detection: for the files in the projects' scopes, whatever is still missing (secrets: every secret-scan
// candidate; code findings and model ids: the projects' code files; content matches: the files each
// built-in content matcher looks at).
import type { CrawledFile } from '../workspace/crawl';
import type { ProjectScope } from '../rules/projectScope';
import { isSecretScanCandidate } from '../secrets';
import { codeLanguageOf } from '../projects/imports';
import { hasCodeRules } from '../code';
import { builtinContentMatchers } from '../rules/loadChecks';
import type { Glob } from '../rules/checkDef';
import { buildEcosystemsOf } from '../rules/buildEcosystems';
import { mayMatchShort } from '../rules/requiredLiterals';
import { ancestorsOf, baseName, dirOf, extOf } from '../workspace/paths';
import type { FileStore } from '../workspace/fileStore';
import type { FileResultCache } from '../workspace/fileResultCache';
import { isManifestFile } from '../projects/manifests';
import { manifestOf } from '../projects/workspaceModel';
import { declaresAiDependency } from '../projects/detect';
import type { AnalysisJob } from './protocol';
import type { AnalysisKind } from './fileAnalysis';
import { EventLoopTurns } from '../eventLoopTurns';

/**
 * Before detection: every code file's imports. Code files under a folder whose manifest declares an AI
 * dependency will be in a project, so the same read computes what the later pass would ask of them too.
 * Elsewhere (a repository with no AI dependency, say) nothing is computed that may go unused.
 */
export async function importJobs(files: CrawledFile[], store: FileStore, results: FileResultCache, turns = new EventLoopTurns()): Promise<AnalysisJob[]> {
  const aiDirs = new Set<string>();
  for (const f of files) {
    if (turns.itemDue()) await turns.take();
    if (!isManifestFile(f.rel)) continue;
    const m = manifestOf(f.rel, store, results);
    if (m && declaresAiDependency(m)) aiDirs.add(m.dir);
  }
  const inAiFolder = (rel: string) => aiDirs.has('.') || ancestorsOf(dirOf(rel)).some((d) => aiDirs.has(d));
  const out: AnalysisJob[] = [];
  for (const file of files) {
    if (turns.itemDue()) await turns.take();
    const lang = codeLanguageOf(file.rel);
    if (!lang) continue;
    // Detection tells module-level imports from lazy ones in Python files.
    const detection: AnalysisKind[] = lang === 'python' ? ['imports', 'topImports'] : ['imports'];
    if (!aiDirs.size || !inAiFolder(file.rel)) {
      out.push({ file, kinds: detection });
      continue;
    }
    const kinds: AnalysisKind[] = [...detection, 'code', 'modelIds', 'suppressions'];
    if (isSecretScanCandidate(file.rel)) kinds.push('secrets');
    // Which matchers may read it matters only when their values are not cached already (a re-scan, --cache).
    const matchers = results.has(store, file.rel, 'matches') ? [] : matchersThatMayRead(file.rel);
    if (matchers.length) kinds.push('matches');
    out.push({ file, kinds, ...(matchers.length ? { matchers } : {}) });
  }
  return out;
}

export async function analysisJobs(scopes: ProjectScope[], turns = new EventLoopTurns()): Promise<AnalysisJob[]> {
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
  // A Go, Rust or JVM test matcher counts only for a project that ecosystem builds: with none in the scan, its files go unread.
  const built = new Set(scopes.flatMap((scope) => buildEcosystemsOf(scope.project.manifests)));
  const matchers = [...builtinContentMatchers()].filter(([, m]) => !m.ecosystem || m.ecosystem === 'python' || m.ecosystem === 'node' || built.has(m.ecosystem));
  // Repository-level files are in the scopes of every project beneath them (a shared segment): looked at once.
  const seen = new Set<object>();
  for (const scope of scopes) {
    for (const segment of scope.segments) {
      if (seen.has(segment)) continue;
      seen.add(segment);
      if (turns.due()) await turns.take();
      for (const f of segment.files) {
        const secrets = isSecretScanCandidate(f.rel);
        // The same files as the editor: code, notebooks, and YAML/JSON/.env configs (checkCode's gate).
        const code = f.inProject !== undefined && hasCodeRules(f.rel);
        if (secrets) want(f.rel, 'secrets');
        if (code) want(f.rel, 'code');
        // Files that can have findings: their suppression comments, so the scan need not read them again.
        if (secrets || code) want(f.rel, 'suppressions');
      }
      // What filesOfMatcher lists for a scope is the union of what each of its segments matches.
      for (const [key, m] of matchers) {
        for (const glob of m.globs) {
          for (const group of segment.matchGroupsExcluding(glob, m.exclude)) {
            for (const f of group) {
              const j = job(f.rel);
              if (!j) continue;
              if (!j.kinds.includes('matches')) j.kinds.push('matches');
              if (!(j.matchers ??= []).includes(key)) j.matchers.push(key);
            }
          }
        }
      }
    }
    for (const rel of scope.project.codeFiles) want(rel, 'modelIds');
  }
  return [...byRel.values()];
}

/**
 * Keys of the built-in content matchers one of whose globs may match this file in some project's scope.
 * Scope paths are tails of the full path, so a glob's name index and literals rule files out on it alone.
 */
function matchersThatMayRead(rel: string): string[] {
  const lower = rel.toLowerCase();
  const base = baseName(lower);
  const index = globIndex();
  const out: string[] = [];
  for (const candidates of [index.byBase.get(base), index.byExt.get(extOf(lower)), index.anyName]) {
    for (const { key, glob } of candidates ?? []) {
      if (out.includes(key) || (glob.basePrefix !== undefined && !base.startsWith(glob.basePrefix)) || !mayMatchShort(glob.literals, lower)) continue;
      out.push(key);
    }
  }
  return out;
}

interface KeyedGlob { key: string; glob: Glob }
interface GlobIndex { byBase: Map<string, KeyedGlob[]>; byExt: Map<string, KeyedGlob[]>; anyName: KeyedGlob[] }
let globs: GlobIndex | undefined;

/** The built-in content matchers' globs by the file name or extension they need (built once). */
function globIndex(): GlobIndex {
  if (globs) return globs;
  const index: GlobIndex = (globs = { byBase: new Map(), byExt: new Map(), anyName: [] });
  const add = (map: Map<string, KeyedGlob[]>, k: string, g: KeyedGlob) => map.set(k, [...(map.get(k) ?? []), g]);
  for (const [key, m] of builtinContentMatchers()) {
    for (const glob of m.globs) {
      if (glob.base !== undefined) add(index.byBase, glob.base, { key, glob });
      else if (glob.exts) for (const ext of glob.exts) add(index.byExt, ext, { key, glob });
      else index.anyName.push({ key, glob });
    }
  }
  return index;
}
