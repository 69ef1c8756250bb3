// The workspace as the checks see it: files, packages (folders with a manifest) and which package owns
// each file. A file's artifact covers the package that owns it and every project beneath that package,
// so a root CODEOWNERS covers all projects while a frontend's lock file covers only the frontend.
import type { CrawledFile } from '../workspace/crawl';
import type { FileStore } from '../workspace/fileStore';
import { FileResultCache } from '../workspace/fileResultCache';
import { ancestorsOf, baseName, dirOf } from '../workspace/paths';
import { codeLanguageOf, importsOf, notebookSource, topLevelImportHeads } from './imports';
import { CONDA_BY_CONTENT_MAX_BYTES, isCondaCandidateByContent, isManifestFile, Manifest, parseManifest } from './manifests';
import { dropForeignLanguageManifests, foldSourceDirs } from './packageFolders';
import { isIllustrationDir, SECONDARY_DIR } from './secondary';
import { kindOfDependency } from './aiLibraries';

export interface Package {
  dir: string;
  manifests: Manifest[];
}

/** A manifest parsed once per file version (cached), or null when unreadable. */
export function manifestOf(rel: string, store: FileStore, results: FileResultCache): Manifest | null {
  // Re-scans after a file event rebuild the model but re-parse only what changed.
  return results.get(store, rel, 'manifest', () => {
    // A big YAML file is no conda environment: not read at all (a read over the size cap would leave a note).
    if (isCondaCandidateByContent(rel) && (store.fileInfo(rel)?.size ?? 0) > CONDA_BY_CONTENT_MAX_BYTES) return null;
    const text = store.read(rel);
    return text === null ? null : parseManifest(rel, text);
  });
}

export class WorkspaceModel {
  readonly packages: Map<string, Package>;
  private readonly ownerCache = new Map<string, string>();
  private readonly importCache = new Map<string, string[]>();
  private byOwner?: Map<string, number[]>;

  /**
   * Folders whose dependency-less package.json is a package or not by the language of the code beneath it
   * (see dropForeignLanguageManifests): adding or removing code there can change the packages.
   */
  languageDecided: string[] = [];

  /**
   * The workspace is a collection of examples: its only manifests are those of examples (examples/x), which are
   * then packages; the scan root holds the examples that have none.
   */
  exampleCollection = false;

  /** The model a view was made from (see view): what holds every package and file. */
  parent?: WorkspaceModel;

  /** Packages in the whole workspace: a view over a few packages keeps its parent's count. */
  workspacePackageCount: number;

  /** `packages`, when given, is used as is (a view over another model's packages) instead of parsing manifests. */
  constructor(readonly files: CrawledFile[], readonly store: FileStore, extraRoots: string[] = [], private readonly results = new FileResultCache(), packages?: Map<string, Package>) {
    if (packages) {
      this.packages = packages;
      this.workspacePackageCount = packages.size;
      return;
    }
    this.packages = new Map([['.', { dir: '.', manifests: [] }]]);
    for (const root of extraRoots) if (!this.packages.has(root)) this.packages.set(root, { dir: root, manifests: [] });
    const illustrations: Manifest[] = [];
    for (const f of files) {
      if (!isManifestFile(f.rel)) continue;
      const m = manifestOf(f.rel, store, this.results);
      if (m === null || (m.shim && m.dir !== '.')) continue;
      if (SECONDARY_DIR.test(m.dir) && !extraRoots.includes(m.dir) && !isSiteWithAiRuntime(m)) {
        if (isIllustrationDir(m.dir)) illustrations.push(m);
        continue;
      }
      this.addManifest(m);
    }
    this.languageDecided = dropForeignLanguageManifests(this.packages, files, extraRoots);
    foldSourceDirs(this.packages, extraRoots);
    // A repository that is a collection of examples (every manifest under examples/, none above to illustrate):
    // each example is an app of its own, as when the examples sit at the top (pytorch/examples).
    if (illustrations.length && [...this.packages.values()].every((p) => p.manifests.length === 0)) {
      for (const m of illustrations) this.addManifest(m);
      this.exampleCollection = true;
    }
    this.workspacePackageCount = this.packages.size;
  }

  private addManifest(m: Manifest): void {
    if (m.error) this.store.notes.push({ kind: 'parse-error', file: m.file, message: `manifest not understood: ${m.error}` });
    let pkg = this.packages.get(m.dir);
    if (!pkg) this.packages.set(m.dir, (pkg = { dir: m.dir, manifests: [] }));
    pkg.manifests.push(m);
  }

  /**
   * Takes the folder owners `previous` (the model before a few files changed) worked out, except at or beneath
   * the package folders added or removed since: working them all out again costs ~5 ms per file event at
   * 100,000 files.
   */
  inheritOwners(previous: WorkspaceModel, packagesChanged: string[]): void {
    if (packagesChanged.includes('.')) return;
    const prefixes = packagesChanged.map((d) => d + '/');
    for (const [dir, owner] of previous.ownerCache) {
      if (this.ownerCache.has(dir) || packagesChanged.includes(dir) || prefixes.some((p) => dir.startsWith(p))) continue;
      this.ownerCache.set(dir, owner);
    }
  }

  /**
   * The same packages over other files: `dirs` keeps only those packages (detection of a few packages),
   * otherwise all of them (testing which projects could see a few changed files). Shares this model's caches.
   */
  view(files: CrawledFile[], dirs?: Set<string>): WorkspaceModel {
    const packages = dirs ? new Map([...this.packages].filter(([d]) => dirs.has(d))) : this.packages;
    const view = new WorkspaceModel(files, this.store, [], this.results, packages);
    view.workspacePackageCount = this.workspacePackageCount;
    view.exampleCollection = this.exampleCollection;
    view.parent = this.parent ?? this;
    return view;
  }

  /** Positions in `files` of each package's files (computed once per model): scopes read only their packages'. */
  fileIndexesByOwner(): Map<string, number[]> {
    if (this.byOwner) return this.byOwner;
    const out = (this.byOwner = new Map<string, number[]>());
    this.files.forEach((f, i) => {
      const owner = this.ownerOf(f.rel);
      const list = out.get(owner);
      if (list) list.push(i); else out.set(owner, [i]);
    });
    return out;
  }

  /** The package folder that owns a file: the nearest folder with a manifest, else the scan root. */
  ownerOf(rel: string): string {
    const dir = dirOf(rel);
    const hit = this.ownerCache.get(dir);
    if (hit !== undefined) return hit;
    let owner = '.';
    for (const d of ancestorsOf(dir)) {
      if (this.packages.has(d)) {
        owner = d;
        break;
      }
    }
    this.ownerCache.set(dir, owner);
    return owner;
  }

  /** The manifest in a file (cached; null when the file is none after all, see parseManifest). */
  manifestAt(rel: string): Manifest | null {
    return manifestOf(rel, this.store, this.results);
  }

  /** First names of the modules a Python file imports at column 0 (cached; see topLevelImportHeads). */
  topLevelImportsOf(rel: string): string[] {
    return this.results.get(this.store, rel, 'topImports', () => {
      const text = this.store.read(rel);
      return text === null ? [] : topLevelImportHeads(text);
    });
  }

  /** Imported module names of a code file (cached). */
  importsOf(rel: string): string[] {
    let hit = this.importCache.get(rel);
    if (hit) return hit;
    hit = this.results.get(this.store, rel, 'imports', () => {
      const lang = codeLanguageOf(rel);
      const text = lang ? this.store.read(rel) : null;
      return lang && text !== null ? importsOf(lang, text) : [];
    });
    if (codeLanguageOf(rel) === 'notebook' && hit.length === 0) {
      const unreadable = this.results.get(this.store, rel, 'notebook-unparsed', () => {
        const text = this.store.read(rel);
        return text !== null && notebookSource(text) === undefined;
      });
      if (unreadable) {
        this.store.notes.push({ kind: 'parse-error', file: rel, message: 'notebook not understood (not valid notebook JSON): its code was not checked' });
      }
    }
    this.importCache.set(rel, hit);
    return hit;
  }
}

/** A documentation site's folder name (the folders above it must be no examples, tests or docs themselves). */
const SITE_NAME = /^_?(?:docs?|documentation|site|website)$/i;

/**
 * A documentation site with a package.json of its own that depends on an AI SDK at run time (a docs chatbot
 * calling a model from its API routes) is a package like any other: its name does not make it an illustration.
 * Python docs requirements often list the library's AI dependencies only to run its notebooks, so they stay out.
 */
function isSiteWithAiRuntime(m: Manifest): boolean {
  if (m.ecosystem !== 'node' || !SITE_NAME.test(baseName(m.dir)) || SECONDARY_DIR.test(dirOf(m.dir))) return false;
  return m.deps.some((d) => d.group === 'runtime' && kindOfDependency('node', d.name) !== undefined);
}
