// The findings of one notebook cell, with their quick fixes in cell coordinates, for the code actions of VS Code's
// notebook editor (client/src/notebookCodeActions.ts; the editor shows each cell as a document of its own).
// The notebook's code cells are checked together, joined into one module exactly as a scan joins an .ipynb's code
// cells (engine notebookCode: an import in one cell counts in the others, magics are blanked), so the findings are
// those shown on the cells. They are checked as Python rather than as .ipynb JSON: fixes are then plain Python
// (a secret gets its environment-lookup fix, which the raw .ipynb cannot), and `import os` goes where Python wants
// it in the joined module, i.e. after the header of the first code cell, where a notebook keeps its imports.
import { notebookCode } from '../engine/code/notebook';
import { envExamplePlan } from '../engine/fixes/envExample';
import { codeRules } from '../engine/rules/codeRules';
import { checkDocument } from '../engine/scan';
import type { Finding } from '../engine/types';
import type { FolderScanner } from './folderScanner';
import { checkWithFolderSettings, notebookInAiFolder } from './notebookCheck';
import { pathToUri, resolveRel } from './paths';
import type { CellEdit, CellFinding, CheckCellParams, CheckCellResult, LspRange } from './protocol';

/** More cells than any real notebook; bounds the work a malformed request can ask for. */
const MAX_CELLS = 10_000;

/**
 * The path the joined cells are checked under: the notebook's folder (projects, tests and docs folders decide by
 * folder), and a name that no test-file pattern matches, as no .ipynb name does (test_x.py would drop findings of
 * rules that skip tests).
 */
function pythonPathOf(notebookRel: string): string {
  const slash = notebookRel.lastIndexOf('/');
  return `${notebookRel.slice(0, slash + 1)}cells-of-${notebookRel.slice(slash + 1)}.py`;
}

/** Where each cell starts in the joined module (0-based lines), and how many lines it has. */
function cellLines(cells: string[]): { start: number; count: number }[] {
  let start = 0;
  return cells.map((text) => {
    const count = text.split('\n').length;
    const at = { start, count };
    start += count; // the joining '\n' ends the cell's last line
    return at;
  });
}

export async function checkCell(
  scanner: FolderScanner, trusted: boolean, params: CheckCellParams | undefined, signal?: AbortSignal,
): Promise<CheckCellResult> {
  const none: CheckCellResult = { findings: [] };
  if (!params || typeof params.uri !== 'string' || !Array.isArray(params.cells) || params.cells.length > MAX_CELLS) return none;
  const cells = params.cells;
  if (!cells.every((c) => typeof c === 'string') || !Number.isInteger(params.cell) || params.cell < 0 || params.cell >= cells.length) return none;
  const at = notebookInAiFolder(scanner, params.uri);
  if (!at) return none;
  const { folder, rel } = at;
  // The engine's own joining, from a notebook of these cells (one string source each, so no cell is dropped).
  const notebook = { cells: cells.map((source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source })), metadata: {}, nbformat: 4, nbformat_minor: 5 };
  const joined = notebookCode(JSON.stringify(notebook));
  if (!joined) return none;
  const findings = await checkWithFolderSettings(scanner, trusted, at, pythonPathOf(rel), joined.text, signal);
  if (signal?.aborted) return none;
  const lines = cellLines(cells);
  const out: CellFinding[] = [];
  for (const f of findings) {
    const range = toCellRange(lines, f.line - 1, f.column, f.endLine - 1, f.endColumn);
    if (!range || range.cell !== params.cell) continue;
    out.push({
      ruleId: f.ruleId, severity: f.severity, message: f.message, range: range.range,
      ...docsOf(f.ruleId, at.projects),
      ...fixOf(f, lines, folder.fsPath, rel),
    });
  }
  return { findings: out };
}

/** A joined-module range as a range in one cell; undefined when it is outside every cell or spans two. */
function toCellRange(lines: { start: number; count: number }[], line: number, column: number, endLine: number, endColumn: number): { cell: number; range: LspRange } | undefined {
  const cell = lines.findIndex((c) => line >= c.start && line < c.start + c.count);
  if (cell < 0 || endLine < line || endLine >= lines[cell].start + lines[cell].count) return undefined;
  const start = lines[cell].start;
  return { cell, range: { start: { line: line - start, character: column }, end: { line: endLine - start, character: endColumn } } };
}

function docsOf(ruleId: string, projects: { checks: { id: string; docsUrl: string }[] }[]): { docsUrl?: string } {
  for (const p of projects) {
    const url = p.checks.find((c) => c.id === ruleId)?.docsUrl;
    if (url) return { docsUrl: url };
  }
  const url = codeRules().get(ruleId)?.docsUrl;
  return url ? { docsUrl: url } : {};
}

/**
 * The finding's fix in cell coordinates (none when an edit falls outside the cells). A secret's fix also names
 * its variable in the .env.example nearest the notebook, planned from the disk now, as on a file.
 */
function fixOf(f: Finding, lines: { start: number; count: number }[], folderPath: string, notebookRel: string): Pick<CellFinding, 'fix'> {
  if (!f.fix?.edits.length) return {};
  const edits: CellEdit[] = [];
  for (const e of f.fix.edits) {
    const at = toCellRange(lines, e.line - 1, e.column, e.endLine - 1, e.endColumn);
    if (!at) return {};
    edits.push({ cell: at.cell, range: at.range, newText: e.newText });
  }
  const fix: NonNullable<CellFinding['fix']> = { title: f.fix.title, edits };
  if (f.fix.envVar) {
    fix.envVar = f.fix.envVar;
    const change = envExamplePlan(folderPath, notebookRel, f.project, [f.fix.envVar]).change;
    if (change) {
      fix.envExample = {
        uri: pathToUri(resolveRel(folderPath, change.path)), path: change.path, create: change.create,
        at: change.create ? { line: 0, character: 0 } : change.end!, text: change.text,
      };
    }
  }
  return { fix };
}
