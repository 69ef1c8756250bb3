// Checks the unsaved cells of a notebook editor. VS Code does not sync notebook cells to the server as
// one text document, so the client sends the notebook as .ipynb JSON built from its cells and gets the
// code-level findings back (it maps them onto the cells itself). Same folder, settings and trust as a
// live check of any open document.
import { checkDocument } from '../engine/scan';
import type { Finding } from '../engine/types';
import type { FolderScanner } from './folderScanner';
import { relativeInside, uriToPath } from './paths';
import type { CheckNotebookParams, CheckNotebookResult } from './protocol';

export async function checkNotebook(
  scanner: FolderScanner, trusted: boolean, params: CheckNotebookParams | undefined, signal?: AbortSignal,
): Promise<CheckNotebookResult> {
  const none: CheckNotebookResult = { findings: [] };
  if (!params || typeof params.uri !== 'string' || typeof params.text !== 'string') return none;
  const fsPath = uriToPath(params.uri);
  if (!fsPath || !fsPath.toLowerCase().endsWith('.ipynb')) return none;
  const folder = scanner.folderOf(fsPath);
  const rel = folder && relativeInside(folder.fsPath, fsPath);
  if (!folder || !rel) return none;
  // Only AI projects get diagnostics; until the folder's first scan says so, stay silent.
  const last = scanner.lastResult(folder.uri);
  if (!last || last.projects.length === 0) return none;
  const settings = scanner.lastSettings(folder.uri);
  const findings: Finding[] = await checkDocument(folder.fsPath, rel, params.text, {
    stage: settings?.stage ?? undefined,
    trusted,
    ruleLevels: settings?.rules,
    exclude: settings?.exclude,
    signal,
  });
  return { findings: signal?.aborted ? [] : findings };
}
