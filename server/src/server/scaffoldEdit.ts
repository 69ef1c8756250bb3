// Turns planned scaffold files into a WorkspaceEdit that can only create: CreateFile with
// overwrite:false + an insert of the content. Files that exist by the time we plan are left out.
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

function isInside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
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
      // Never overwrite and never write outside the folder, whatever the planner said.
      if (!isInside(result.root, abs) || taken.has(file.path) || fs.existsSync(abs)) {
        plan.skipped.push({ checkId, reason: `${file.path} already exists or is outside the folder` });
        continue;
      }
      taken.add(file.path);
      const uri = pathToUri(abs);
      changes.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } });
      changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.content }] });
      plan.created.push(uri);
    }
  }
  return plan;
}
