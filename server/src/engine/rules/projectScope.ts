// The files that can be evidence for one project: those owned by the project's package or by a package
// above it (repository-level artifacts), each with its path relative to its owner for glob matching.
import type { DetectedProject } from '../projects/detect';
import type { Manifest } from '../projects/manifests';
import type { WorkspaceModel } from '../projects/workspaceModel';
import { ancestorsOf, baseName, extOf, isInside, relativeTo } from '../workspace/paths';
import type { Glob } from './checkDef';
import { mayMatchShort } from './requiredLiterals';
import { lastAtOrBefore } from '../code/finding';

const REPO_LEVEL_DIRS = /^(?:\.github|\.gitlab|\.circleci|\.azure-pipelines|\.azuredevops|\.pipelines|\.buildkite|\.woodpecker|\.bitbucket|docs?|documentation|ops|infra|infrastructure|deploy|deployments?|k8s|kubernetes|helm|charts|terraform|monitoring|observability|alerts|dashboards|grafana|prometheus|runbooks?|playbooks?|governance|contracts|data[-_]contracts|evals?|evaluation|guardrails|tests?)\//i;
const AUXILIARY_SEGMENT = /^(?:evals?|evaluations?|tests?|benchmarks?)$/i;

/**
 * True when package `dir` sits in an evals/tests folder that is repository-level for the project: a top-level
 * folder of the project's package or of a package above it (`owners`), and not one holding the project. A
 * package in an evals/ folder among sibling packages (packages/evals beside packages/a, where packages/ is no
 * package) is a project of its own, not the repository's evaluation of every package beside it.
 */
function isAuxiliaryCovering(dir: string, projectRoot: string, owners: ReadonlySet<string>): boolean {
  const parts = dir.split('/');
  for (let i = 0; i < parts.length; i++) {
    if (!AUXILIARY_SEGMENT.test(parts[i])) continue;
    const parent = i === 0 ? '.' : parts.slice(0, i).join('/');
    // A project inside that evals/ folder is a sibling (evals/a beside evals/b), or lies beneath `dir`: a package above it.
    if (owners.has(parent) && !isInside(parts.slice(0, i + 1).join('/'), projectRoot)) return true;
  }
  return false;
}

export interface ScopedFile {
  /** Relative to the scan root. */
  rel: string;
  /** Relative to the package that owns it (the project root or a folder above it). */
  local: string;
  /** Also relative to the project root when the file lies inside it. */
  inProject?: string;
  size: number;
  /** `rel` in lower case, for literal pre-filters. */
  lower: string;
  /** Position in the workspace listing: scopes keep listing order. */
  index: number;
}

/**
 * Some of a scope's files with their name indexes and glob matches. A package's repository-level files look
 * the same from every project beneath it, so their segment is built and matched once per workspace model and
 * shared: a monorepo with 600 packages under one root (llama_index) would otherwise test every root-level doc
 * against every glob 600 times.
 */
export class Segment {
  readonly files: ScopedFile[] = [];
  private readonly byBase = new Map<string, ScopedFile[]>();
  private readonly byExt = new Map<string, ScopedFile[]>();
  /** Per pool (an index list or all files): the lower-case paths joined, with where each starts. */
  private readonly joinedPools = new WeakMap<ScopedFile[], { text: string; starts: number[] }>();
  /** Per glob: its matches, one list per pool it looks in (one per extension of an extension set). */
  private readonly groups = new WeakMap<Glob, ScopedFile[][]>();
  private readonly excluding = new WeakMap<Glob, WeakMap<readonly Glob[], ScopedFile[][]>>();

  add(sf: ScopedFile): void {
    this.files.push(sf);
    push(this.byBase, baseName(sf.rel).toLowerCase(), sf);
    push(this.byExt, extOf(sf.rel), sf);
  }

  /** The files matching a glob, in listing order within each pool; cached (callers must not modify them). */
  matchGroups(glob: Glob): ScopedFile[][] {
    let out = this.groups.get(glob);
    if (out) return out;
    if (glob.base !== undefined) out = [this.matchingIn(glob, this.byBase.get(glob.base) ?? [])];
    else if (glob.exts) out = glob.exts.map((e) => this.matchingIn(glob, this.byExt.get(e) ?? []));
    else {
      // The name-prefix filter commutes with the literal screen, so it runs after it, over the indexed pool of all files.
      const all = this.matchingIn(glob, this.files);
      out = [glob.basePrefix ? all.filter((f) => baseName(f.lower).startsWith(glob.basePrefix!)) : all];
    }
    this.groups.set(glob, out);
    return out;
  }

  /** matchGroups without the files one of `exclude` matches (by local path); cached per exclude list. */
  matchGroupsExcluding(glob: Glob, exclude: readonly Glob[]): ScopedFile[][] {
    if (!exclude.length) return this.matchGroups(glob);
    let byExclude = this.excluding.get(glob);
    if (!byExclude) this.excluding.set(glob, (byExclude = new WeakMap()));
    let out = byExclude.get(exclude);
    if (!out) byExclude.set(exclude, (out = this.matchGroups(glob).map((g) => g.filter((f) => !exclude.some((x) => x.re.test(f.local))))));
    return out;
  }

  private matchingIn(glob: Glob, pool: ScopedFile[]): ScopedFile[] {
    if (glob.wholePool) return pool.slice();
    // Local and in-project paths are tails of the full one: a literal missing from it is missing from them.
    const candidates = glob.literals && pool.length >= MIN_INDEXED_POOL ? this.holdingOneOf(pool, glob.literals.lowerClauses[0]) : pool;
    return candidates.filter((f) => mayMatchShort(glob.literals, f.lower) && (glob.re.test(f.local) || (f.inProject !== undefined && f.inProject !== f.local && glob.re.test(f.inProject)) || (f.rel !== f.local && glob.re.test(f.rel))));
  }

  /**
   * The files of `pool` (in pool order) whose lower-case path holds one of `literals`: found with indexOf over
   * the pool's paths joined, instead of a test per file per glob (40 globs over each project's .py files).
   */
  private holdingOneOf(pool: ScopedFile[], literals: string[]): ScopedFile[] {
    let joined = this.joinedPools.get(pool);
    if (!joined) {
      const starts: number[] = [];
      let offset = 0;
      for (const f of pool) {
        starts.push(offset);
        offset += f.lower.length + 1;
      }
      // NUL never occurs in a path, so no literal spans two of them.
      this.joinedPools.set(pool, (joined = { text: pool.map((f) => f.lower).join('\u0000'), starts }));
    }
    const { text, starts } = joined;
    const hit = new Uint8Array(pool.length);
    for (const literal of literals) {
      for (let i = text.indexOf(literal); i >= 0;) {
        const k = lastAtOrBefore(starts, i);
        hit[k] = 1;
        if (k + 1 >= starts.length) break;
        i = text.indexOf(literal, starts[k + 1]);
      }
    }
    const out: ScopedFile[] = [];
    for (let k = 0; k < pool.length; k++) if (hit[k]) out.push(pool[k]);
    return out;
  }
}

/** Per model: the packages inside an evals/tests/benchmarks folder (few; the rest never cover another project). */
const auxiliaryByModel = new WeakMap<WorkspaceModel, string[]>();

function auxiliaryPackages(model: WorkspaceModel): string[] {
  let dirs = auxiliaryByModel.get(model);
  if (!dirs) auxiliaryByModel.set(model, (dirs = [...model.packages.keys()].filter((d) => d.split('/').some((part) => AUXILIARY_SEGMENT.test(part)))));
  return dirs;
}

/** Per model: the segment of each package's repository-level files (what projects beneath it see of it). */
const sharedSegments = new WeakMap<WorkspaceModel, Map<string, Segment>>();

function repositoryLevelSegment(model: WorkspaceModel, dir: string): Segment {
  let byDir = sharedSegments.get(model);
  if (!byDir) sharedSegments.set(model, (byDir = new Map()));
  let segment = byDir.get(dir);
  if (segment) return segment;
  segment = new Segment();
  for (const i of model.fileIndexesByOwner().get(dir) ?? []) {
    const f = model.files[i];
    const local = relativeTo(dir, f.rel)!;
    if (local.includes('/') && !REPO_LEVEL_DIRS.test(local)) continue;
    segment.add({ rel: f.rel, local, size: f.size, lower: f.rel.toLowerCase(), index: i });
  }
  byDir.set(dir, segment);
  return segment;
}

export class ProjectScope {
  /** Every file of the scope, in listing order. */
  readonly files: ScopedFile[];
  readonly manifests: Manifest[] = [];
  /** The scope's files in parts: the project's own, then those shared with other projects (see Segment). */
  readonly segments: readonly Segment[];
  private readonly parts: Segment[];

  constructor(readonly model: WorkspaceModel, readonly project: DetectedProject) {
    const ancestors = ancestorsOf(project.root);
    const owners = new Set(ancestors.filter((d) => model.packages.has(d)));
    // An evals/ or tests/ package at the repository level evaluates the code around it: it covers the projects under its parent.
    const auxiliary = new Set(auxiliaryPackages(model).filter((d) => d !== project.root && isAuxiliaryCovering(d, project.root, owners)));
    // A package above a project that is itself a package owns no file inside the project, so what the project
    // sees of it is the same from every project beneath it.
    const shareable = model.packages.has(project.root);
    const byOwner = model.fileIndexesByOwner();
    const shared: Segment[] = [];
    const ownIndexes: number[] = [];
    for (const d of new Set([...owners, ...auxiliary])) {
      if (shareable && d !== project.root && !auxiliary.has(d)) shared.push(repositoryLevelSegment(model, d));
      else for (const i of byOwner.get(d) ?? []) ownIndexes.push(i);
    }
    ownIndexes.sort((a, b) => a - b);
    const own = new Segment();
    for (const i of ownIndexes) {
      const f = model.files[i];
      const owner = model.ownerOf(f.rel);
      const aux = auxiliary.has(owner);
      const local = relativeTo(owner, f.rel)!;
      const inProject = relativeTo(project.root, f.rel);
      // From a package above the project, only its top-level files and infrastructure folders are
      // repository-level artifacts; a sibling app's tests or docs say nothing about this project.
      if (!aux && inProject === undefined && local.includes('/') && !REPO_LEVEL_DIRS.test(local)) continue;
      own.add({ rel: f.rel, local, inProject, size: f.size, lower: f.rel.toLowerCase(), index: i });
    }
    this.parts = [own, ...shared].filter((s) => s.files.length > 0);
    this.segments = this.parts;
    this.files = mergeByIndex(this.parts.map((s) => s.files));
    for (const d of owners) this.manifests.push(...(model.packages.get(d)?.manifests ?? []));
  }

  /** Files matching a glob, using the basename/extension index to avoid testing every file. */
  matching(glob: Glob): ScopedFile[] {
    return this.matchingExcluding(glob, []);
  }

  /** matching(glob) less the files one of `exclude` matches by their path relative to their package. */
  matchingExcluding(glob: Glob, exclude: readonly Glob[]): ScopedFile[] {
    if (this.parts.length === 0) return [];
    const groups = this.parts.map((s) => s.matchGroupsExcluding(glob, exclude));
    const out: ScopedFile[] = [];
    for (let g = 0; g < groups[0].length; g++) {
      for (const f of mergeByIndex(groups.map((parts) => parts[g]))) out.push(f);
    }
    return out;
  }
}

/** Lists each in listing order, merged into one in listing order (a new array). */
function mergeByIndex(lists: ScopedFile[][]): ScopedFile[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty.length ? nonEmpty[0].slice() : [];
  let merged = nonEmpty[0];
  for (let k = 1; k < nonEmpty.length; k++) {
    const a = merged, b = nonEmpty[k];
    const out: ScopedFile[] = new Array(a.length + b.length);
    let i = 0, j = 0, o = 0;
    while (i < a.length && j < b.length) out[o++] = a[i].index <= b[j].index ? a[i++] : b[j++];
    while (i < a.length) out[o++] = a[i++];
    while (j < b.length) out[o++] = b[j++];
    merged = out;
  }
  return merged;
}

/** Below this many files a pool is filtered file by file; above, through its joined paths. */
const MIN_INDEXED_POOL = 64;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
