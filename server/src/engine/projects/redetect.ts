// Project detection for a whole workspace, and again after a few files changed: only the packages whose
// detection inputs changed (their code files, manifests, READMEs, or which files they own) are detected
// again; every other package keeps its previous answer, which is what a full detection would give it.
import type { CrawledFile } from '../workspace/crawl';
import type { FileStore } from '../workspace/fileStore';
import type { FileResultCache } from '../workspace/fileResultCache';
import { baseName, isInside } from '../workspace/paths';
import { DetectedProject, detectionSteps, detectProjects, WORKSPACE_FILES } from './detect';
import { orphanAiFolders } from './orphanFolders';
import { runToEnd } from '../eventLoopTurns';
import { codeLanguageOf } from './imports';
import { isCondaCandidateByContent, isManifestFile } from './manifests';
import { manifestOf, WorkspaceModel } from './workspaceModel';

export interface Detection {
  model: WorkspaceModel;
  detected: DetectedProject[];
  /** Folders detected as projects without a manifest (see orphanAiFolders); they are packages of `model`. */
  orphans: string[];
}

export interface Redetection extends Detection {
  /** Package folders detected again ('all' when everything was), and those added or removed. */
  dirty: Set<string> | 'all';
  packagesChanged: string[];
}

const README = /^readme(\.\w+)?$/i;

/** The scan's detection: config-forced roots, else packages, with AI folders of a bare monorepo as projects. */
export function detectAll(files: CrawledFile[], store: FileStore, results: FileResultCache, rootAbs: string, forcedRoots?: string[]): Detection {
  return runToEnd(detectAllSteps(files, store, results, rootAbs, forcedRoots));
}

/** detectAll, pausing between packages (see runWithTurns). */
export function* detectAllSteps(files: CrawledFile[], store: FileStore, results: FileResultCache, rootAbs: string, forcedRoots?: string[]): Generator<void, Detection, void> {
  let model = new WorkspaceModel(files, store, forcedRoots, results);
  let detected = yield* detectionSteps(model, rootAbs, forcedRoots);
  const orphans = forcedRoots ? [] : orphanAiFolders(model);
  if (orphans.length) {
    yield;
    model = new WorkspaceModel(files, store, orphans, results);
    detected = yield* detectionSteps(model, rootAbs);
  }
  return { model, detected, orphans };
}

/** True when a change to this file can change what detection says (see detect.ts: code, manifests, READMEs, workspace files). */
export function isDetectionInput(rel: string): boolean {
  const base = baseName(rel);
  return !!codeLanguageOf(rel) || isManifestFile(rel) || README.test(base) || WORKSPACE_FILES.includes(base);
}

/**
 * Detection after `changed` files changed, given the previous detection over the previous files. Gives
 * what detectAll would give for the new files.
 */
export function redetect(
  previous: Detection, files: CrawledFile[], changed: Set<string>,
  store: FileStore, results: FileResultCache, rootAbs: string, forcedRoots?: string[],
): Redetection {
  const extraRoots = forcedRoots ?? previous.orphans;
  const before = previous.model;
  // No manifest among the changed files: the packages are the previous ones, so the model takes them as they
  // are instead of testing every file name again (~3 ms per event at 100,000 files). Code added or removed
  // where the language of the code decides whether a folder is a package counts as a manifest change.
  const repackage = [...changed].some((rel) => changesPackages(rel, before, store, results) || (!!codeLanguageOf(rel) && before.languageDecided.some((d) => isInside(d, rel))));
  const model = repackage
    ? new WorkspaceModel(files, store, extraRoots, results)
    : new WorkspaceModel(files, store, [], results, before.packages);
  if (!repackage) {
    model.languageDecided = before.languageDecided;
    model.exampleCollection = before.exampleCollection;
  }
  const packagesChanged = [...model.packages.keys()].filter((d) => !before.packages.has(d));
  packagesChanged.push(...[...before.packages.keys()].filter((d) => !model.packages.has(d)));
  model.inheritOwners(before, packagesChanged);
  const dirty = new Set<string>();
  for (const rel of changed) {
    if (!isDetectionInput(rel)) continue;
    dirty.add(before.ownerOf(rel));
    dirty.add(model.ownerOf(rel));
  }
  for (const dir of packagesChanged) {
    // The files beneath it change owner: the package that owned them before (or owns them now) too.
    dirty.add(dir);
    dirty.add(before.ownerOf(`${dir}/-`));
    dirty.add(model.ownerOf(`${dir}/-`));
  }
  if (dirty.size === 0) return { model, detected: previous.detected, orphans: previous.orphans, dirty, packagesChanged };
  // Orphan folders are packages only because of what detection found in them: start over.
  if (previous.orphans.length) return { ...detectAll(files, store, results, rootAbs, forcedRoots), dirty: 'all', packagesChanged };

  const present = new Set([...dirty].filter((d) => model.packages.has(d)));
  // The model's files by owner are worked out once; the scopes of the projects checked next use them too.
  const byOwner = model.fileIndexesByOwner();
  const owned = [...present].flatMap((d) => byOwner.get(d) ?? []).sort((a, b) => a - b).map((i) => files[i]);
  const fresh = detectProjects(model.view(owned, present), rootAbs, forcedRoots);
  const kept = previous.detected.filter((dp) => !dirty.has(dp.root) && model.packages.has(dp.root));
  const detected = [...kept, ...fresh].sort((a, b) => (a.root === '.' ? -1 : b.root === '.' ? 1 : a.root < b.root ? -1 : 1));
  if (!forcedRoots && orphanAiFolders(model).length) return { ...detectAll(files, store, results, rootAbs, forcedRoots), dirty: 'all', packagesChanged };
  return { model, detected, orphans: [], dirty, packagesChanged };
}

/**
 * A change to this file can change the packages: a manifest by its name, or a YAML file that is, or was, a conda
 * environment by its content. Any other YAML file (a training config, a workflow) is edited without rebuilding
 * every package (tens of ms per keystroke at 100,000 files).
 */
function changesPackages(rel: string, before: WorkspaceModel, store: FileStore, results: FileResultCache): boolean {
  if (!isManifestFile(rel)) return false;
  if (!isCondaCandidateByContent(rel)) return true;
  for (const pkg of before.packages.values()) if (pkg.manifests.some((m) => m.file === rel)) return true;
  return manifestOf(rel, store, results) !== null;
}
