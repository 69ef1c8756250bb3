// Manifest-less folders of a manifest-less scan root: which hold a project of their own ("the folder holding its
// AI code"), and which only prepare data for the repository's packages.
import type { AiKind } from '../types';
import { dirOf } from '../workspace/paths';
import { detectProjects, emptyTally, foldPlatform, tallyCode } from './detect';
import { codeLanguageOf } from './imports';
import { SECONDARY_DIR } from './secondary';
import type { WorkspaceModel } from './workspaceModel';

/**
 * In a monorepo whose top folder has no manifest, AI code in a top-level folder with no manifest of its
 * own is its own project ("the folder holding its AI code"), not part of a repository-wide project.
 * Returns those folders; none when the top folder is itself a package or the only package.
 */
export function orphanAiFolders(model: WorkspaceModel): string[] {
  const top = model.packages.get('.');
  if (!top || top.manifests.length > 0 || model.packages.size < 2) return [];
  // Examples and test suites anywhere beneath a folder (apps/test-suite) do not make it a project either.
  const code = model.files.map((f) => f.rel).filter((rel) => rel.includes('/') && !!codeLanguageOf(rel) && model.ownerOf(rel) === '.'
    && !rel.startsWith('.') && !SECONDARY_DIR.test(dirOf(rel)));
  const out: string[] = [];
  for (const [folder, files] of byTopFolder(code)) {
    const kinds = folderKinds(model, files);
    if (kinds.size > 0 && !isAuxiliaryNotebookFolder(model, folder, files, kinds)) out.push(folder);
  }
  return out.sort();
}

/** The AI kinds a manifest-less folder's code gives it (as orphanAiFolders judges it). */
function folderKinds(model: WorkspaceModel, files: string[]): Map<AiKind, number> {
  const tally = emptyTally();
  tallyCode(model, files, tally, false);
  foldPlatform(tally);
  return tally.kinds;
}

/** A folder named for the data a repository's apps use, and the loading of it (data/, ingestion/, indexing/). */
const DATA_FOLDER = /^_?(?:data|datasets?|data[-_]prep(?:aration)?|ingest(?:ion)?|indexing|etl)$/i;

/**
 * A top-level data folder of the manifest-less scan root whose AI code is only notebooks using the kinds of AI
 * the repository's packages are (contoso-chat's data/, a notebook building the app's search index with the app's
 * embeddings): the packages' data preparation, no project of its own. A notebook folder named for its own
 * subject (a portfolio's Credit-Score-Classification/) is a project.
 */
function isAuxiliaryNotebookFolder(model: WorkspaceModel, folder: string, files: string[], known?: Map<AiKind, number>): boolean {
  // The name first: it rules out nearly every folder before any code is tallied.
  if (!DATA_FOLDER.test(folder)) return false;
  const kinds = known ?? folderKinds(model, files);
  if (kinds.size === 0 || folderKinds(model, files.filter((rel) => codeLanguageOf(rel) !== 'notebook')).size > 0) return false;
  const packagesKinds = aiKindsOfPackages(model);
  return [...kinds.keys()].every((k) => packagesKinds.has(k));
}

const packagesKindsCache = new WeakMap<WorkspaceModel, Set<AiKind>>();

/**
 * The kinds of the AI projects the packages below the scan root make (their detection over the whole workspace,
 * not a view's few packages). Worked out once per model, and only when a folder may be auxiliary (rare).
 */
function aiKindsOfPackages(model: WorkspaceModel): Set<AiKind> {
  const whole = model.parent ?? model;
  let kinds = packagesKindsCache.get(whole);
  if (!kinds) {
    const below = new Set([...whole.packages.values()].filter((p) => p.dir !== '.' && p.manifests.length > 0).map((p) => p.dir));
    kinds = new Set(below.size ? detectProjects(whole.view(whole.files, below), '.').flatMap((p) => p.kinds) : []);
    packagesKindsCache.set(whole, kinds);
  }
  return kinds;
}

/** The scan root's code outside its auxiliary notebook folders (see isAuxiliaryNotebookFolder). */
export function withoutAuxiliaryFolders(model: WorkspaceModel, files: string[]): string[] {
  const auxiliary = new Set([...byTopFolder(files)].filter(([folder, list]) => isAuxiliaryNotebookFolder(model, folder, list)).map(([folder]) => folder));
  return auxiliary.size ? files.filter((rel) => !auxiliary.has(rel.slice(0, Math.max(0, rel.indexOf('/'))))) : files;
}

/** Paths in sub-folders of the scan root, by their top folder (paths at the root itself are left out). */
function byTopFolder(rels: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rel of rels) {
    const slash = rel.indexOf('/');
    if (slash < 0) continue;
    const folder = rel.slice(0, slash);
    const list = out.get(folder);
    if (list) list.push(rel);
    else out.set(folder, [rel]);
  }
  return out;
}
