// The files that can be evidence for one project: those owned by the project's package or by a package
// above it (repository-level artifacts), each with its path relative to its owner for glob matching.
import type { DetectedProject } from '../projects/detect';
import type { Manifest } from '../projects/manifests';
import type { WorkspaceModel } from '../projects/workspaceModel';
import { ancestorsOf, baseName, extOf, relativeTo } from '../workspace/paths';
import type { Glob } from './checkDef';
import { mayMatchShort } from './requiredLiterals';
import { lastAtOrBefore } from '../code/finding';

const REPO_LEVEL_DIRS = /^(?:\.github|\.gitlab|\.circleci|\.azure-pipelines|\.azuredevops|\.pipelines|\.buildkite|\.woodpecker|\.bitbucket|docs?|documentation|ops|infra|infrastructure|deploy|deployments?|k8s|kubernetes|helm|charts|terraform|monitoring|observability|alerts|dashboards|grafana|prometheus|runbooks?|playbooks?|governance|contracts|data[-_]contracts|evals?|evaluation|guardrails|tests?)\//i;
const AUXILIARY_SEGMENT = /^(?:evals?|evaluations?|tests?|benchmarks?)$/i;

/** True when package `dir` sits in an evals/tests folder whose parent is one of the project's ancestors. */
function isAuxiliaryCovering(dir: string, projectAncestors: string[]): boolean {
  const parts = dir.split('/');
  for (let i = 0; i < parts.length; i++) {
    if (!AUXILIARY_SEGMENT.test(parts[i])) continue;
    const parent = i === 0 ? '.' : parts.slice(0, i).join('/');
    if (projectAncestors.includes(parent)) return true;
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
}

export class ProjectScope {
  readonly files: ScopedFile[] = [];
  readonly manifests: Manifest[] = [];
  private readonly byBase = new Map<string, ScopedFile[]>();
  private readonly byExt = new Map<string, ScopedFile[]>();
  /** Per pool (an index list or all files): the lower-case paths joined, with where each starts. */
  private readonly joinedPools = new WeakMap<ScopedFile[], { text: string; starts: number[] }>();

  constructor(readonly model: WorkspaceModel, readonly project: DetectedProject) {
    const ancestors = ancestorsOf(project.root);
    const owners = new Set(ancestors.filter((d) => model.packages.has(d)));
    // An evals/ or tests/ package evaluates the code around it: it covers the projects under its parent.
    const auxiliary = new Set([...model.packages.keys()].filter((d) => d !== project.root && isAuxiliaryCovering(d, ancestors)));
    // Only the files of the owning packages, in listing order (evidence order must not depend on grouping).
    const byOwner = model.fileIndexesByOwner();
    const indexes = [...owners, ...auxiliary].flatMap((d) => byOwner.get(d) ?? []).sort((a, b) => a - b);
    for (const i of indexes) {
      const f = model.files[i];
      const owner = model.ownerOf(f.rel);
      const aux = auxiliary.has(owner);
      if (!owners.has(owner) && !aux) continue;
      const local = relativeTo(owner, f.rel)!;
      const inProject = relativeTo(project.root, f.rel);
      // From a package above the project, only its top-level files and infrastructure folders are
      // repository-level artifacts; a sibling app's tests or docs say nothing about this project.
      if (!aux && inProject === undefined && local.includes('/') && !REPO_LEVEL_DIRS.test(local)) continue;
      const sf: ScopedFile = { rel: f.rel, local, inProject, size: f.size, lower: f.rel.toLowerCase() };
      this.files.push(sf);
      push(this.byBase, baseName(f.rel).toLowerCase(), sf);
      push(this.byExt, extOf(f.rel), sf);
    }
    for (const d of owners) this.manifests.push(...(model.packages.get(d)?.manifests ?? []));
  }

  /** Files matching a glob, using the basename/extension index to avoid testing every file. */
  matching(glob: Glob): ScopedFile[] {
    if (glob.base !== undefined) return this.matchingIn(glob, this.byBase.get(glob.base) ?? []);
    if (glob.exts) {
      const out: ScopedFile[] = [];
      for (const e of glob.exts) {
        const pool = this.byExt.get(e);
        if (pool) for (const f of this.matchingIn(glob, pool)) out.push(f);
      }
      return out;
    }
    // The name-prefix filter commutes with the literal screen, so it runs after it, over the indexed pool of all files.
    const all = this.matchingIn(glob, this.files);
    return glob.basePrefix ? all.filter((f) => baseName(f.lower).startsWith(glob.basePrefix!)) : all;
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

/** Below this many files a pool is filtered file by file; above, through its joined paths. */
const MIN_INDEXED_POOL = 64;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
