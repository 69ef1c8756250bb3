// The files that can be evidence for one project: those owned by the project's package or by a package
// above it (repository-level artifacts), each with its path relative to its owner for glob matching.
import type { DetectedProject } from '../projects/detect';
import type { Manifest } from '../projects/manifests';
import type { WorkspaceModel } from '../projects/workspaceModel';
import { ancestorsOf, baseName, extOf, relativeTo } from '../workspace/paths';
import type { Glob } from './checkDef';
import { mayMatchShort } from './requiredLiterals';

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
    const pool = glob.base !== undefined ? this.byBase.get(glob.base) ?? []
      : glob.exts ? glob.exts.flatMap((e) => this.byExt.get(e) ?? [])
      : glob.basePrefix ? this.files.filter((f) => baseName(f.rel).toLowerCase().startsWith(glob.basePrefix!))
      : this.files;
    if (glob.wholePool) return pool.slice();
    // Local and in-project paths are tails of the full one: a literal missing from it is missing from them.
    return pool.filter((f) => mayMatchShort(glob.literals, f.lower) && (glob.re.test(f.local) || (f.inProject !== undefined && f.inProject !== f.local && glob.re.test(f.inProject)) || (f.rel !== f.local && glob.re.test(f.rel))));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
