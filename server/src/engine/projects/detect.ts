// Finds the AI projects of a workspace from code evidence: AI imports in code and AI packages in manifests.
// Words in docs and folder names never count. A project's root is the nearest folder with a manifest
// (else the scan root); examples and docs count only for a package that has no other code, tests never.
import * as path from 'path';
import type { AiKind, Evidence } from '../types';
import { AI_KINDS } from '../types';
import { baseName, dirOf, extOf, joinRel, relativeTo } from '../workspace/paths';
import { isPlatformLibrary, isWeakDependency, isWeakLibrary, kindOfDependency, kindOfImport } from './aiLibraries';
import { codeLanguageOf, HOSTED_API_PREFIX, MODEL_ARTIFACT_PREFIX } from './imports';
import { normalizePyName, type Manifest } from './manifests';
import type { WorkspaceModel } from './workspaceModel';
import { SECONDARY_DIR, TEST_DIR } from './secondary';
import { withoutAuxiliaryFolders } from './orphanFolders';
import { runToEnd } from '../eventLoopTurns';

export interface DetectedProject {
  root: string;
  name: string;
  aiKind: AiKind;
  kinds: AiKind[];
  frameworks: string[];
  aiEvidence: Evidence[];
  manifests: Manifest[];
  anchor: string;
  /** Code files (relative to the scan root) owned by this project's package. */
  codeFiles: string[];
  /** Ecosystems of the AI code: decides which lock files count. */
  ecosystems: Set<'python' | 'node'>;
}

const MANIFEST_PRIORITY = ['pyproject.toml', 'setup.py', 'requirements.txt', 'environment.yml', 'environment.yaml', 'package.json', 'pipfile', 'setup.cfg'];

/**
 * Scikit-learn and friends turn up around every model (splits, metrics), while an LLM client or a deep-learning
 * framework is the system's core: classic-ML evidence weighs a third as much when choosing the dominant kind.
 */
const KIND_WEIGHT: Record<AiKind, number> = { 'llm-app': 3, 'deep-learning': 3, 'classic-ml': 1 };

export interface Tally {
  kinds: Map<AiKind, number>; frameworks: Set<string>; evidence: Evidence[]; ecosystems: Set<'python' | 'node'>; weak?: Tally;
  /** Weak evidence's counts per kind, once merged (see mergeWeak): they only break ties between strong counts. */
  weakKinds?: Map<AiKind, number>;
  /** Kinds an ML platform SDK signals: the project's kinds only when nothing else gives one (see foldPlatform). */
  platform?: Map<AiKind, number>;
}

export function detectProjects(model: WorkspaceModel, scanRootAbs: string, forcedRoots?: string[]): DetectedProject[] {
  return runToEnd(detectionSteps(model, scanRootAbs, forcedRoots));
}

/** detectProjects, pausing after each package (a big workspace's detection takes ~0.1 s). */
export function* detectionSteps(model: WorkspaceModel, scanRootAbs: string, forcedRoots?: string[]): Generator<void, DetectedProject[], void> {
  // Group code files by owning package.
  const codeByPkg = new Map<string, string[]>();
  for (const f of model.files) {
    if (!codeLanguageOf(f.rel)) continue;
    const owner = model.ownerOf(f.rel);
    let list = codeByPkg.get(owner);
    if (!list) codeByPkg.set(owner, (list = []));
    list.push(f.rel);
  }
  const projects: DetectedProject[] = [];
  for (const pkg of model.packages.values()) {
    yield;
    const code = codeByPkg.get(pkg.dir) ?? [];
    const forced = forcedRoots?.includes(pkg.dir) ?? false;
    if (forcedRoots && !forced) continue;
    if (!forced && isBareWorkspaceRoot(model, pkg.dir, pkg.manifests)) continue;
    // Folders decide, not file names: `demo_app.py` may be the app itself.
    const primary = code.filter((rel) => !SECONDARY_DIR.test(dirOf(relativeTo(pkg.dir, rel) ?? rel)));
    const tally: Tally = { kinds: new Map(), frameworks: new Set(), evidence: [], ecosystems: new Set() };
    // Examples stand for a package with no other code (a notebook collection under examples/), but
    // not for a manifest-less top folder over other packages: there they illustrate or test those packages.
    // In a collection of examples, the other packages are examples too: the top folder holds the rest of them.
    const collection = pkg.dir === '.' && model.exampleCollection;
    const containerOnly = pkg.dir === '.' && pkg.manifests.length === 0 && model.workspacePackageCount > 1 && !collection;
    // Test code never stands for the package: a fixture-writing script (candle-core/tests/pth.py saving .pt
    // files) does not make a Rust crate a deep-learning project.
    const tallied = containerOnly ? withoutAuxiliaryFolders(model, primary)
      : primary.length > 0 && !collection ? primary : code.filter((rel) => !TEST_DIR.test(dirOf(relativeTo(pkg.dir, rel) ?? rel)));
    tallyCode(model, tallied, tally, pkg.manifests.length > 0, optionalIntegrations(model, tallied, optionalOnly(pkg.manifests)), pkg.dir, notebooksAreDemos(pkg.manifests));
    tallyManifests(pkg.manifests, tally);
    foldPlatform(tally);
    mergeWeak(tally);
    if (tally.kinds.size === 0 && !forced) continue;
    const weakCount = (k: AiKind) => tally.weakKinds?.get(k) ?? 0;
    const kinds = [...tally.kinds.entries()]
      .sort((a, b) => b[1] * KIND_WEIGHT[b[0]] - a[1] * KIND_WEIGHT[a[0]]
        || weakCount(b[0]) * KIND_WEIGHT[b[0]] - weakCount(a[0]) * KIND_WEIGHT[a[0]]
        || AI_KINDS.indexOf(a[0]) - AI_KINDS.indexOf(b[0]))
      .map(([k]) => k);
    const manifests = [...pkg.manifests].sort((a, b) => manifestRank(a.file) - manifestRank(b.file));
    projects.push({
      root: pkg.dir,
      name: manifests.find((m) => m.name)?.name ?? (pkg.dir === '.' ? path.basename(scanRootAbs) : baseName(pkg.dir)),
      aiKind: kinds[0] ?? 'classic-ml',
      kinds: kinds.length ? kinds : ['classic-ml'],
      frameworks: canonicalFrameworks(tally.frameworks),
      aiEvidence: tally.evidence.slice(0, 5),
      manifests,
      anchor: anchorOf(model, pkg.dir, manifests, tally.evidence),
      codeFiles: code,
      ecosystems: tally.ecosystems.size ? tally.ecosystems : new Set(manifests.some((m) => m.ecosystem === 'node') ? ['node'] : ['python']),
    });
  }
  return projects.sort((a, b) => (a.root === '.' ? -1 : b.root === '.' ? 1 : a.root < b.root ? -1 : 1));
}

/**
 * A workspace root that declares no runtime dependency of its own (a uv, npm, yarn, pnpm or lerna workspace over
 * its member packages, with dev tooling at the top) is the members' container, not a project: its loose scripts
 * and conftest.py would otherwise make a duplicate project over the whole repository.
 */
function isBareWorkspaceRoot(model: WorkspaceModel, dir: string, manifests: Manifest[]): boolean {
  const workspace = manifests.some((m) => m.workspaceRoot)
    || (manifests.some((m) => m.ecosystem === 'node') && WORKSPACE_FILES.some((f) => model.store.has(joinRel(dir, f))));
  return workspace && !manifests.some((m) => m.deps.some((d) => d.group === 'runtime'));
}

/** Files that make the package.json beside them a workspace root. */
export const WORKSPACE_FILES = ['pnpm-workspace.yaml', 'lerna.json'];

/**
 * `apisAreStrong`: a hosted LLM API's URL in code, or a load call on a trained model file, makes an AI project of a
 * package with a manifest (an app that calls the API with fetch, a service that serves a pickled pipeline); in a
 * folder with no manifest of its own (docs, resources) it only supports other evidence.
 */
export function tallyCode(model: WorkspaceModel, files: string[], tally: Tally, apisAreStrong: boolean, optional: Set<string> = new Set(), pkgDir?: string, demoNotebooks = false): void {
  // Weak evidence (a lazy import inside a function, or a library that is statistics more than ML) counts
  // only when the package also has strong evidence: an optional integration does not make a library AI.
  const weak: Tally = { kinds: new Map(), frameworks: new Set(), evidence: [], ecosystems: new Set() };
  const ownNodeNames = pkgDir !== undefined ? ownNodePackageNames(model, pkgDir) : new Set<string>();
  for (const rel of files) {
    const lang = codeLanguageOf(rel)!;
    const seen = new Set<AiKind>();
    for (const name of model.importsOf(rel)) {
      const kind = kindOfImport(lang === 'js' ? 'js' : 'python', name);
      if (!kind) continue;
      // Weak: a lazy import (inside a function), a statistics library, one the package declares only as optional,
      // or the package's own module (the AI library's own repository imports itself everywhere).
      const api = name.startsWith(HOSTED_API_PREFIX) ? name.slice(HOSTED_API_PREFIX.length) : undefined;
      const artifact = name.startsWith(MODEL_ARTIFACT_PREFIX) ? name.slice(name.indexOf(':', MODEL_ARTIFACT_PREFIX.length) + 1) : undefined;
      const pseudo = api !== undefined || artifact !== undefined;
      const weakImport = !pseudo && (
        (lang === 'python' && pkgDir !== undefined && isFirstPartyModule(model, pkgDir, name)) ||
        (lang === 'js' && (ownNodeNames.has(name) || isWeakDependency('node', name))) ||
        (lang === 'python' && (isWeakLibrary(name) || !model.topLevelImportsOf(rel).includes(name.split('.')[0]))) ||
        optional.has(distributionOf(lang === 'js' ? 'node' : 'python', name)));
      const demo = demoNotebooks && lang === 'notebook';
      const target = weakImport || demo || (pseudo && !apisAreStrong) ? weak : tally;
      if (!pseudo) target.frameworks.add(name.split('.')[0] === 'google' ? name : name.split('.')[0]);
      target.ecosystems.add(lang === 'js' ? 'node' : 'python');
      const platform = target === tally && isPlatformLibrary(name);
      if (!seen.has(kind) || target === weak || platform) {
        if (target === tally && !platform) seen.add(kind);
        const counts = platform ? (tally.platform ??= new Map()) : target.kinds;
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
        const note = api !== undefined ? `calls the API at ${api}` : artifact !== undefined ? `loads the model file ${artifact}` : `imports ${name}`;
        if (target.evidence.length < 8) target.evidence.push({ file: rel, note });
      }
    }
  }
  tally.weak = weak;
}

/**
 * A package built by Go, Rust or Java tooling alone (go.mod, Cargo.toml, pom.xml): its notebooks show how to use
 * it (seldon-core's scheduler/notebooks), so what they import is weak evidence, as an example's would be.
 */
function notebooksAreDemos(manifests: Manifest[]): boolean {
  return manifests.length > 0 && manifests.every((m) => m.ecosystem === 'other');
}

/**
 * A Python module the package itself defines (`mem0/__init__.py` in the mem0 repository): importing it is the
 * package using its own code, which supports other evidence but is not a third-party AI library by itself.
 */
function isFirstPartyModule(model: WorkspaceModel, pkgDir: string, name: string): boolean {
  const top = name.split('.')[0];
  const has = (rel: string) => model.store.has(joinRel(pkgDir, rel));
  return has(`${top}/__init__.py`) || has(`src/${top}/__init__.py`) || has(`${top}.py`) || has(`src/${top}.py`);
}

/**
 * The package.json names of the package and the packages above it: an SDK's examples and tests import the SDK
 * by its published name (`import { HfInference } from "@huggingface/inference"` in that repository), which is the
 * package using its own code, as isFirstPartyModule is for Python.
 */
function ownNodePackageNames(model: WorkspaceModel, pkgDir: string): Set<string> {
  const names = new Set<string>();
  for (let dir = pkgDir; ; dir = dirOf(dir)) {
    for (const m of model.packages.get(dir)?.manifests ?? []) if (m.ecosystem === 'node' && m.name) names.add(m.name);
    if (dir === '.' || dir === '') break;
  }
  return names;
}

/**
 * Libraries the package declares only as optional (extras, optionalDependencies): a library's integrations with
 * them (an error-tracking SDK's OpenAI integration) are weak evidence, like lazy imports.
 */
function optionalOnly(manifests: Manifest[]): Set<string> {
  const runtime = new Set<string>();
  const optional = new Set<string>();
  for (const m of manifests) {
    for (const d of m.deps) {
      const key = `${m.ecosystem}:${m.ecosystem === 'python' ? normalizePyName(d.name) : d.name}`;
      if (d.group === 'runtime') runtime.add(key);
      else if (d.group === 'optional') optional.add(key);
    }
  }
  for (const key of runtime) optional.delete(key);
  return optional;
}

/**
 * The optional libraries that are integrations: those few of the package's Python modules import at module level.
 * One that a fifth or more of them import (at least three) is what the package is built on, whatever its manifest
 * says: unsloth declares torch only in extras (one per CUDA build), yet half its modules import it.
 */
function optionalIntegrations(model: WorkspaceModel, files: string[], optional: Set<string>): Set<string> {
  if (optional.size === 0) return optional;
  const counts = new Map<string, number>();
  let python = 0;
  for (const rel of files) {
    if (codeLanguageOf(rel) !== 'python') continue;
    python++;
    const keys = new Set(model.topLevelImportsOf(rel).map((top) => distributionOf('python', top)));
    for (const key of keys) if (optional.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out = new Set(optional);
  for (const [key, n] of counts) if (n >= 3 && n >= python / 5) out.delete(key);
  return out;
}

/** The distribution an import comes from, keyed as optionalOnly keys them (`python:google-genai`). */
function distributionOf(ecosystem: 'python' | 'node', name: string): string {
  return ecosystem === 'node' ? `node:${name}` : `python:${normalizePyName(IMPORT_TO_DIST.get(name) ?? name)}`;
}

/**
 * An ML platform SDK gives the kind only when no other strong evidence does: Vertex AI starting training jobs is
 * classic ML, Vertex AI beside vertexai.generative_models or torch is what those say.
 */
export function foldPlatform(tally: Tally): void {
  if (tally.kinds.size === 0 && tally.platform) for (const [k, n] of tally.platform) tally.kinds.set(k, n);
}

/**
 * Merges weak evidence into a tally that has strong evidence of its own. Its kinds join the project's, but rank
 * below the strong ones and only break their ties: a UI library's lazy torch and transformers imports (one count
 * per file) must not outvote the hosted-LLM calls its own code makes.
 */
function mergeWeak(tally: Tally): void {
  const weak = tally.weak;
  if (!weak || tally.kinds.size === 0) return;
  tally.weakKinds = weak.kinds;
  for (const k of weak.kinds.keys()) if (!tally.kinds.has(k)) tally.kinds.set(k, 0);
  for (const f of weak.frameworks) tally.frameworks.add(f);
  for (const e of weak.ecosystems) tally.ecosystems.add(e);
  for (const e of weak.evidence) if (tally.evidence.length < 8) tally.evidence.push(e);
}

/** True when a manifest declares a runtime dependency on an AI library. */
export function declaresAiDependency(m: Manifest): boolean {
  const ecosystem = m.ecosystem;
  return ecosystem !== 'other' && m.deps.some((dep) => dep.group === 'runtime' && kindOfDependency(ecosystem, dep.name) !== undefined);
}

export const emptyTally = (): Tally => ({ kinds: new Map(), frameworks: new Set(), evidence: [], ecosystems: new Set() });

function tallyManifests(manifests: Manifest[], tally: Tally): void {
  for (const m of manifests) {
    if (m.ecosystem === 'other') continue;
    for (const dep of m.deps) {
      if (dep.group !== 'runtime') continue;
      const kind = kindOfDependency(m.ecosystem, dep.name);
      if (!kind) continue;
      // A weak library (optuna, statsmodels) declared is as weak as imported: it counts only beside strong evidence.
      const target = isWeakDependency(m.ecosystem, dep.name) ? (tally.weak ??= emptyTally()) : tally;
      target.frameworks.add(dep.name);
      target.ecosystems.add(m.ecosystem);
      // A declared dependency weighs like two files: manifests are deliberate, imports can be incidental.
      const counts = target === tally && isPlatformLibrary(dep.name) ? (tally.platform ??= new Map()) : target.kinds;
      counts.set(kind, (counts.get(kind) ?? 0) + 2);
      if (target.evidence.length < 8) target.evidence.push({ file: m.file, note: `depends on ${dep.name}` });
    }
  }
}

/**
 * One name per library when it was seen both as a distribution and as an import (scikit-learn and sklearn,
 * langchain-openai and langchain_openai): the import name stays. Names seen once are kept as written.
 */
const DIST_TO_IMPORT: Record<string, string> = { 'scikit-learn': 'sklearn', 'opencv-python': 'cv2', 'google-generativeai': 'google.generativeai', 'google-genai': 'google.genai' };
const IMPORT_TO_DIST = new Map(Object.entries(DIST_TO_IMPORT).map(([dist, imp]) => [imp, dist]));

function canonicalFrameworks(names: Set<string>): string[] {
  return [...names].filter((n) => {
    const asImport = DIST_TO_IMPORT[n] ?? n.replace(/-/g, '_');
    return asImport === n || !names.has(asImport);
  }).sort();
}

function manifestRank(file: string): number {
  const i = MANIFEST_PRIORITY.indexOf(baseName(file).toLowerCase());
  return i < 0 ? MANIFEST_PRIORITY.length : i;
}

function anchorOf(model: WorkspaceModel, dir: string, manifests: Manifest[], evidence: Evidence[]): string {
  if (manifests.length) return manifests[0].file;
  const readme = model.files.find((f) => relativeTo(dir, f.rel) !== undefined && /^readme(\.\w+)?$/i.test(relativeTo(dir, f.rel)!));
  if (readme) return readme.rel;
  const code = evidence.find((e) => codeLanguageOf(e.file) && extOf(e.file) !== '.ipynb') ?? evidence[0];
  return code?.file ?? (dir === '.' ? 'README.md' : `${dir}/README.md`);
}
