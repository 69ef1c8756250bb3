// Maps positions in the raw .ipynb JSON text to positions inside a cell's source, as VS Code's
// notebook editor shows it (one text document per cell), so a finding published on the file can be
// shown on its cell too. Pure: used by the extension client and unit-tested without VS Code.
import { parseJsonTree, prop, type JsonNode } from './json';
import { lineStarts } from './finding';

/** A 0-based position inside one cell's source; cellIndex as in the notebook's `cells` array. */
export interface CellPosition {
  cellIndex: number;
  line: number;
  character: number;
  /** False when the raw position is in the cell but not in its source (outputs, metadata): then line 0, character 0. */
  inSource: boolean;
}

/** A 0-based range inside one cell's source. */
export interface CellRange {
  cellIndex: number;
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface Cell { node: JsonNode; literals: JsonNode[] }

export interface NotebookSourceMap {
  /** Number of cells in the notebook (code, markdown and raw). */
  readonly cellCount: number;
  /** The decoded source of a cell, as the notebook editor shows it ('' when the index is out of range). */
  cellSource(cellIndex: number): string;
  /** The cell position of a 0-based raw line and UTF-16 character; undefined outside every cell. */
  toCell(line: number, character: number): CellPosition | undefined;
  /**
   * The cell range of a raw range. A range that leaves the cell's source (or starts outside it)
   * becomes the whole first line it touches; undefined when the start is outside every cell.
   */
  toCellRange(start: { line: number; character: number }, end: { line: number; character: number }): CellRange | undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

/**
 * Walks the decoded text of one JSON string literal from its opening quote, calling visit(rawOffset,
 * decodedUnit) per decoded UTF-16 unit; stops early when visit returns true.
 */
function walkLiteral(raw: string, literal: JsonNode, visit: (rawOffset: number, unit: string) => boolean): void {
  const closing = literal.offset + literal.length - 1;
  for (let i = literal.offset + 1; i < closing;) {
    let unit = raw[i];
    let width = 1;
    if (unit === '\\') {
      const kind = raw[i + 1];
      width = kind === 'u' ? 6 : 2;
      unit = kind === 'u' ? String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16) || 0) : ESCAPES[kind] ?? kind;
    }
    if (visit(i, unit)) return;
    i += width;
  }
}

function cellsOf(raw: string): Cell[] | undefined {
  const cells = prop(parseJsonTree(raw), 'cells');
  if (cells?.type !== 'array') return undefined;
  return (cells.items ?? []).map((node) => {
    const source = prop(node, 'source');
    const literals = source?.type === 'string' ? [source] : (source?.items ?? []).filter((c) => c.type === 'string');
    return { node, literals };
  });
}

type Position = { line: number; character: number };

/**
 * Where a raw offset falls: its cell, and its position in the cell's source when the offset is
 * inside a source literal (from the opening to the closing quote; the closing quote maps to the
 * position after the literal's text). Undefined outside every cell.
 */
function locate(raw: string, cells: Cell[], offset: number): { cellIndex: number; position?: Position } | undefined {
  const cellIndex = cells.findIndex((c) => c.node.offset <= offset && offset < c.node.offset + c.node.length);
  if (cellIndex < 0) return undefined;
  const pos: Position = { line: 0, character: 0 };
  const advance = (unit: string): void => { if (unit === '\n') { pos.line++; pos.character = 0; } else pos.character++; };
  for (const literal of cells[cellIndex].literals) {
    if (offset < literal.offset) return { cellIndex };
    const inside = offset < literal.offset + literal.length;
    walkLiteral(raw, literal, (at, unit) => { if (inside && at >= offset) return true; advance(unit); return false; });
    if (inside) return { cellIndex, position: pos };
  }
  return { cellIndex };
}

/** Builds the map for a notebook's raw text; undefined when the text is not a notebook. */
export function notebookSourceMap(raw: string): NotebookSourceMap | undefined {
  const cells = cellsOf(raw);
  if (!cells) return undefined;
  const starts = lineStarts(raw);
  const sources = new Map<number, string>();
  const lineEnd = (line: number): number => (line + 1 < starts.length ? starts[line + 1] - 1 : raw.length);
  const offsetOf = (p: Position): number | undefined =>
    (p.line < 0 || p.line >= starts.length || p.character < 0 ? undefined : Math.min(starts[p.line] + p.character, lineEnd(p.line)));

  const cellSource = (cellIndex: number): string => {
    const cell = cells[cellIndex];
    if (!cell) return '';
    let text = sources.get(cellIndex);
    if (text === undefined) {
      const units: string[] = [];
      for (const literal of cell.literals) walkLiteral(raw, literal, (_, unit) => { units.push(unit); return false; });
      text = units.join('');
      sources.set(cellIndex, text);
    }
    return text;
  };

  // A start in the JSON indent before a source line (e.g. a whole-line finding) snaps to that line's literal.
  const locateStart = (p: Position) => {
    const offset = offsetOf(p);
    if (offset === undefined) return undefined;
    const found = locate(raw, cells, offset);
    if (!found || found.position) return found;
    const next = cells[found.cellIndex].literals.find((l) => l.offset > offset && l.offset <= lineEnd(p.line));
    return next ? locate(raw, cells, next.offset) : found;
  };

  const toCell = (line: number, character: number): CellPosition | undefined => {
    const found = locateStart({ line, character });
    if (!found) return undefined;
    return { cellIndex: found.cellIndex, ...(found.position ?? { line: 0, character: 0 }), inSource: !!found.position };
  };

  const toCellRange: NotebookSourceMap['toCellRange'] = (start, end) => {
    const from = locateStart(start);
    if (!from) return undefined;
    const first = from.position ?? { line: 0, character: 0 };
    const lineLength = (cellSource(from.cellIndex).split('\n')[first.line] ?? '').length;
    const restOfLine: CellRange = { cellIndex: from.cellIndex, start: { ...first }, end: { line: first.line, character: lineLength } };
    if (!from.position) return { ...restOfLine, start: { line: first.line, character: 0 } };
    const endOffset = offsetOf(end);
    const to = endOffset === undefined ? undefined : locate(raw, cells, endOffset);
    const last = to?.cellIndex === from.cellIndex ? to.position : undefined;
    if (!last || last.line < first.line || (last.line === first.line && last.character < first.character)) return restOfLine;
    return { cellIndex: from.cellIndex, start: { ...first }, end: { ...last } };
  };

  return { cellCount: cells.length, cellSource, toCell, toCellRange };
}
