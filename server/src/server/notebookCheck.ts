// Checks the unsaved cells of a notebook editor. VS Code does not sync notebook cells to the server as
// one text document, so the client sends the notebook as .ipynb JSON built from its cells and gets the
// code-level findings back (it maps them onto the cells itself). Same folder, settings and trust as a
// live check of any open document.
import { checkDocument } from '../engine/scan';
import type { Finding, Project } from '../engine/types';
import type { Folder, FolderScanner } from './folderScanner';
import { relativeInside, uriToPath } from './paths';
import type { CheckNotebookParams, CheckNotebookResult } from './protocol';

export async function checkNotebook(
  scanner: FolderScanner, trusted: boolean, params: CheckNotebookParams | undefined, signal?: AbortSignal,
): Promise<CheckNotebookResult> {
  if (!params || typeof params.text !== 'string') return { findings: [] };
  const at = notebookInAiFolder(scanner, params.uri);
  if (!at) return { findings: [] };
  const findings = await checkWithFolderSettings(scanner, trusted, at, at.rel, params.text, signal);
  return { findings: signal?.aborted ? [] : findings };
}

/** Where a notebook sits: its folder, its path there, and the folder's AI projects as last scanned. */
export interface NotebookPlace { folder: Folder; rel: string; projects: Project[] }

/**
 * The scanned folder and relative path of the .ipynb at `uri`, when that folder has AI projects (only they get
 * diagnostics; until the folder's first scan says so, stay silent); undefined otherwise.
 */
export function notebookInAiFolder(scanner: FolderScanner, uri: unknown): NotebookPlace | undefined {
  if (typeof uri !== 'string') return undefined;
  const fsPath = uriToPath(uri);
  if (!fsPath || !fsPath.toLowerCase().endsWith('.ipynb')) return undefined;
  const folder = scanner.folderOf(fsPath);
  const rel = folder && relativeInside(folder.fsPath, fsPath);
  if (!folder || !rel) return undefined;
  const last = scanner.lastResult(folder.uri);
  return last && last.projects.length > 0 ? { folder, rel, projects: last.projects } : undefined;
}

/** A live check of `text` as the file `rel` of the folder, with the folder's settings and the workspace's trust. */
export function checkWithFolderSettings(scanner: FolderScanner, trusted: boolean, at: NotebookPlace, rel: string, text: string, signal?: AbortSignal): Promise<Finding[]> {
  const settings = scanner.lastSettings(at.folder.uri);
  return checkDocument(at.folder.fsPath, rel, text, {
    stage: settings?.stage ?? undefined,
    trusted,
    ruleLevels: settings?.rules,
    exclude: settings?.exclude,
    signal,
  });
}
