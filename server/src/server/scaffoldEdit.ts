// Turns planned scaffold files into a WorkspaceEdit that can only create: CreateFile with
// overwrite:false, ignoreIfExists:false + an insert of the content. Files that exist by the time we plan are
// left out; one that appears between planning and applying makes the editor reject the whole edit, so the
// insert can never land in the user's file.
import * as fs from 'fs';
import * as path from 'path';
import type { CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { planFix } from '../engine/fixes';
import type { ScanResult } from '../engine/types';
import { pathToUri, resolveRel } from './paths';

export interface ScaffoldPlan {
  edit: WorkspaceEdit;
  created: string[];
  skipped: { checkId: string; reason: string }[];
}

/**
 * True when creating `abs` stays inside `root` once symlinks are resolved: the editor applying the edit
 * follows a linked folder, or a dangling link at the target, wherever it leads. Anything already at
 * `abs` (a dangling link included) counts as taken.
 */
function createsInside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  try {
    if (fs.lstatSync(abs, { throwIfNoEntry: false })) return false;
    let dir = path.dirname(abs);
    while (!fs.lstatSync(dir, { throwIfNoEntry: false })) dir = path.dirname(dir);
    const real = fs.realpathSync(dir); // throws for a dangling link folder: refused
    const rootReal = fs.realpathSync(root);
    return real === rootReal || real.startsWith(rootReal + path.sep);
  } catch {
    return false;
  }
}

/**
 * Lines a scaffold adds at the end of an existing file (CODEOWNERS): appended to the text of a file this
 * same edit creates, else an insert at the end of the regular file on disk. Returns why not, or undefined.
 */
function appendEdit(root: string, abs: string, content: string, changes: (CreateFile | TextDocumentEdit)[]): string | undefined {
  const uri = pathToUri(abs);
  const created = changes.find((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri);
  const first = created?.edits[0];
  if (created && first && 'newText' in first) {
    created.edits[0] = { ...first, newText: first.newText + content };
    return undefined;
  }
  let text: string;
  try {
    const st = fs.lstatSync(abs);
    const real = fs.realpathSync(abs);
    const rootReal = fs.realpathSync(root);
    if (!st.isFile() || !real.startsWith(rootReal + path.sep)) return 'not a regular file inside the folder; not edited';
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    return 'the file to add to is gone';
  }
  if (text.includes(content.trim())) return 'already there';
  const lines = text.split('\n');
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: end, end }, newText: content }] });
  return undefined;
}

export async function planScaffold(result: ScanResult | null, projectRoot: string, checkIds: string[], allowGit: boolean): Promise<ScaffoldPlan> {
  const plan: ScaffoldPlan = { edit: { documentChanges: [] }, created: [], skipped: [] };
  const project = result?.projects.find((p) => p.root === projectRoot);
  if (!result || !project) {
    for (const checkId of checkIds) plan.skipped.push({ checkId, reason: `project ${projectRoot} is not in the last scan; rescan and try again` });
    return plan;
  }
  const changes = plan.edit.documentChanges as (CreateFile | TextDocumentEdit)[];
  const taken = new Set<string>();
  for (const checkId of checkIds) {
    let files;
    try {
      const planned = await planFix({ scanRoot: result.root, project, allowGit, reserved: taken }, checkId);
      if (planned.skippedReason && planned.files.length === 0) { plan.skipped.push({ checkId, reason: planned.skippedReason }); continue; }
      files = planned.files;
    } catch (err) {
      plan.skipped.push({ checkId, reason: `planning failed: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    for (const file of files) {
      const abs = resolveRel(result.root, file.path);
      if (file.append) {
        const reason = appendEdit(result.root, abs, file.content, changes);
        if (reason) plan.skipped.push({ checkId, reason: `${file.path}: ${reason}` });
        else plan.created.push(pathToUri(abs));
        continue;
      }
      // Never overwrite and never write outside the folder, whatever the planner said.
      if (taken.has(file.path) || !createsInside(result.root, abs)) {
        plan.skipped.push({ checkId, reason: `${file.path} already exists or is outside the folder` });
        continue;
      }
      taken.add(file.path);
      const uri = pathToUri(abs);
      changes.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
      changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.content }] });
      plan.created.push(uri);
    }
  }
  return plan;
}
