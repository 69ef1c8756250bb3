// The files that can be evidence for one project: those owned by the project's package or by a package
// above it (repository-level artifacts), each with its path relative to its owner for glob matching.
import type { DetectedProject } from '../projects/detect';
import type { Manifest } from '../projects/manifests';
import type { WorkspaceModel } from '../projects/workspaceModel';
import { ancestorsOf, baseName, extOf, relativeTo } from '../workspace/paths';
import type { Glob } from './checkDef';

export interface ScopedFile {
  /** Relative to the scan root. */
  rel: string;
  /** Relative to the package that owns it (the project root or a folder above it). */
  local: string;
  /** Also relative to the project root when the file lies inside it. */
  inProject?: string;
  size: number;
}

export class ProjectScope {
  readonly files: ScopedFile[] = [];
  readonly manifests: Manifest[] = [];
  private readonly byBase = new Map<string, ScopedFile[]>();
  private readonly byExt = new Map<string, ScopedFile[]>();

  constructor(readonly model: WorkspaceModel, readonly project: DetectedProject) {
    const owners = new Set(ancestorsOf(project.root).filter((d) => model.packages.has(d)));
    for (const f of model.files) {
      const owner = model.ownerOf(f.rel);
      if (!owners.has(owner)) continue;
      const sf: ScopedFile = { rel: f.rel, local: relativeTo(owner, f.rel)!, inProject: relativeTo(project.root, f.rel), size: f.size };
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
      : this.files;
    return pool.filter((f) => glob.re.test(f.local) || (f.inProject !== undefined && f.inProject !== f.local && glob.re.test(f.inProject)));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
