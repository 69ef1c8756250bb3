// The secret quick fix's second half: the variable's name (never its value) into .env.example, as edits beside
// the literal's replacement. Worked out when the action is requested, from the disk as it is then; only for
// clients that take documentChanges with file creation (others get the replacement alone).
import * as path from 'path';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { envExamplePlan } from '../engine/fixes/envExample';
import { pathToUri } from './paths';

/** Adds the .env.example change to `action` (a finding's fix with `envVar`), turning its edit into documentChanges. */
export function withEnvExample(action: CodeAction, uri: string, fsPath: string, folderPath: string, projectRoots: string[], envVar: string): CodeAction {
  const edits: TextEdit[] | undefined = action.edit?.changes?.[uri];
  if (!edits) return action;
  const fileRel = path.relative(folderPath, fsPath).split(path.sep).join('/');
  if (fileRel.startsWith('..') || path.isAbsolute(fileRel)) return action;
  // The file's project: the deepest project root that holds it.
  const project = projectRoots.filter((r) => r === '.' || fileRel.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0];
  const change = envExamplePlan(folderPath, fileRel, project, [envVar]).change;
  if (!change) return action;
  const envUri = pathToUri(path.join(folderPath, ...change.path.split('/')));
  const at = change.create ? { line: 0, character: 0 } : change.end!;
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [{ textDocument: { uri, version: null }, edits }];
  // overwrite and ignoreIfExists both false: if a file appeared meanwhile the editor refuses the whole edit.
  if (change.create) documentChanges.push({ kind: 'create', uri: envUri, options: { overwrite: false, ignoreIfExists: false } });
  documentChanges.push({ textDocument: { uri: envUri, version: null }, edits: [{ range: { start: at, end: at }, newText: change.text }] });
  return { ...action, title: `${action.title} and add ${envVar} to ${change.path}`, edit: { documentChanges } };
}

/** The variable of a secret fix action (not of the suppress or explain actions on the same diagnostic). */
export function envVarOf(action: CodeAction): string | undefined {
  const d: Diagnostic | undefined = action.diagnostics?.length === 1 ? action.diagnostics[0] : undefined;
  const data = d?.data as { kind?: string; envVar?: unknown; fixTitle?: unknown } | undefined;
  if (data?.kind !== 'finding' || typeof data.envVar !== 'string' || action.title !== data.fixTitle) return undefined;
  return data.envVar;
}
