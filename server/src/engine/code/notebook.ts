// Notebooks: the code cells of an .ipynb joined into one Python text (so imports in the first
// cell count for the others), with a map from every character of that text back to its place in
// the raw JSON, where each source line is a JSON string literal (escapes included).
import { parseJsonTree, prop, type JsonNode } from './json';
import { lineStarts, offsetToPosition, type PositionMap } from './finding';

export interface NotebookCode {
  /** Code cells joined with '\n'; IPython magics and shell lines blanked with spaces. */
  text: string;
  map: PositionMap;
}

interface CellSource { cellIndex: number; cellType: string; literals: JsonNode[]; node: JsonNode }

function cellsOf(raw: string): CellSource[] | undefined {
  const cells = prop(parseJsonTree(raw), 'cells');
  if (cells?.type !== 'array') return undefined;
  return (cells.items ?? []).map((cell, cellIndex) => {
    const source = prop(cell, 'source');
    const literals = source?.type === 'string' ? [source] : (source?.items ?? []).filter((c) => c.type === 'string');
    return { cellIndex, cellType: String(prop(cell, 'cell_type')?.value ?? ''), literals, node: cell };
  });
}

/** Decodes a JSON string literal, recording the raw offset where each decoded UTF-16 unit starts and ends. */
function decodeLiteral(raw: string, literal: JsonNode, starts: number[], ends: number[]): string {
  let out = '';
  const last = literal.offset + literal.length - 1; // closing quote
  for (let i = literal.offset + 1; i < last;) {
    if (raw[i] !== '\\') {
      out += raw[i];
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    const kind = raw[i + 1];
    const width = kind === 'u' ? 6 : 2;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
    out += kind === 'u' ? String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16) || 0) : simple[kind] ?? kind;
    starts.push(i);
    ends.push(i + width);
    i += width;
  }
  return out;
}

// Lines IPython handles itself (%magic, !shell) are not Python: blank them, keeping offsets.
function blankMagics(cell: string): string {
  const first = cell.trimStart();
  if (first.startsWith('%%') && !/^%%(time|timeit|capture|prun)\b/.test(first)) return cell.replace(/[^\n]/g, ' ');
  return cell.replace(/^([ \t]*)([%!][^\n]*)/gm, (_, indent: string, magic: string) => indent + ' '.repeat(magic.length));
}

/** The notebook's code as Python, or undefined when the text is not a notebook. */
export function notebookCode(raw: string): NotebookCode | undefined {
  const cells = cellsOf(raw);
  if (!cells) return undefined;
  const starts: number[] = [];
  const ends: number[] = [];
  let text = '';
  for (const cell of cells) {
    if (cell.cellType !== 'code' || cell.literals.length === 0) continue;
    let source = '';
    for (const literal of cell.literals) source += decodeLiteral(raw, literal, starts, ends);
    text += blankMagics(source) + '\n';
    const after = ends.length ? ends[ends.length - 1] : 0; // the separator maps to the cell's last character
    starts.push(after);
    ends.push(after);
  }
  const rawStarts = lineStarts(raw);
  const map: PositionMap = {
    position(offset, isEnd) {
      if (starts.length === 0) return { line: 1, column: 0 };
      const i = Math.min(Math.max(isEnd ? offset - 1 : offset, 0), starts.length - 1);
      return offsetToPosition(rawStarts, isEnd ? ends[i] : starts[i]);
    },
    encodeInsert: (t) => JSON.stringify(t).slice(1, -1),
  };
  return { text, map };
}

let lastCells: { raw: string; cells: CellSource[] | undefined } | undefined;

/**
 * Which cell of a notebook a raw .ipynb line belongs to, for placing a finding on the cell in the
 * notebook editor. rawLine is 1-based (as Finding.line); cellIndex is the index in `cells` (0-based,
 * as in VS Code's NotebookDocument); lineInCell is the 1-based line inside the cell's source (1 when
 * the raw line is in the cell but outside its source, e.g. in outputs).
 */
export function notebookCellOf(text: string, rawLine: number): { cellIndex: number; lineInCell: number } | undefined {
  if (lastCells?.raw !== text) lastCells = { raw: text, cells: cellsOf(text) };
  const cells = lastCells.cells;
  if (!cells) return undefined;
  const starts = lineStarts(text);
  if (rawLine < 1 || rawLine > starts.length) return undefined;
  const lineStart = starts[rawLine - 1];
  const lineEnd = rawLine < starts.length ? starts[rawLine] - 1 : text.length;
  const cell = cells.find((c) => c.node.offset <= lineEnd && c.node.offset + c.node.length > lineStart);
  if (!cell) return undefined;
  let lineInCell = 1;
  for (const literal of cell.literals) {
    if (literal.offset > lineEnd) break;
    if (literal.offset + literal.length > lineStart) return { cellIndex: cell.cellIndex, lineInCell };
    lineInCell += countNewlines(text.slice(literal.offset, literal.offset + literal.length));
  }
  return { cellIndex: cell.cellIndex, lineInCell: 1 };
}

function countNewlines(literal: string): number {
  let n = 0;
  for (let i = 0; i < literal.length; i++) {
    if (literal[i] === '\\') { if (literal[i + 1] === 'n') n++; i++; }
  }
  return n;
}
