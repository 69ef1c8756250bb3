// notebookSourceMap: raw .ipynb positions (where the engine reports findings) mapped into the cell
// text the notebook editor shows, so the client can put the finding on the right cell and columns.
import * as assert from 'assert';
import fc from 'fast-check';
import { checkCode, initCodeParsers } from '../../server/src/engine/code';
import { notebookSourceMap, type CellRange } from '../../server/src/engine/code/notebookMapping';
import type { Finding } from '../../server/src/engine/types';
import { readCodeFixture } from './codeHelpers';

/** The text a cell range covers in the decoded cell source. */
function cellText(source: string, r: CellRange): string {
  const lines = source.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

/** A Finding's 1-based range as the 0-based positions the client receives. */
const rangeOf = (f: Finding) => [{ line: f.line - 1, character: f.column }, { line: f.endLine - 1, character: f.endColumn }] as const;

const notebook = (cells: { cell_type: string; source: string | string[]; outputs?: unknown[] }[]): string =>
  JSON.stringify({ cells: cells.map((c) => ({ metadata: {}, ...c })), metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';

/** The source of a cell as a list of lines, the way Jupyter writes it. */
const sourceLines = (text: string): string[] => text.split(/(?<=\n)/).filter((l) => l !== '');

describe('notebookSourceMap', () => {
  before(async () => { await initCodeParsers(); });

  it('maps engine findings to their cell and the exact columns in the cell, past JSON escapes', () => {
    const raw = readCodeFixture('notebook.ipynb');
    const map = notebookSourceMap(raw)!;
    const parsed = JSON.parse(raw) as { cells: { source: string[] }[] };
    const byRule = new Map(checkCode('nb/notebook.ipynb', raw).map((f) => [f.ruleId, f]));
    const expected: [string, number, number, string][] = [
      ['llm-client-timeout', 1, 3, 'OpenAI()'],
      ['unsafe-deserialization', 2, 0, 'torch.load(ckpt_path)'],
      ['local-absolute-path', 2, 1, '/Users/ivan/data.csv'],
    ];
    for (const [rule, cellIndex, line, text] of expected) {
      const f = byRule.get(rule);
      assert.ok(f, `${rule} found`);
      const r = map.toCellRange(...rangeOf(f))!;
      assert.strictEqual(r.cellIndex, cellIndex, `${rule} cell`);
      assert.strictEqual(r.start.line, line, `${rule} line in cell`);
      const source = parsed.cells[cellIndex].source.join('');
      assert.strictEqual(map.cellSource(cellIndex), source);
      assert.strictEqual(cellText(source, r), text, `${rule} range text in the cell`);
    }
    // The fixture's torch.load line has \" and \u00e9 escapes before the call: raw and cell columns differ.
    const torch = byRule.get('unsafe-deserialization')!;
    assert.notStrictEqual(map.toCellRange(...rangeOf(torch))!.start.character, torch.column);
  });

  it('snaps a whole-line start (column 0, in the JSON indent) to the start of the source line', () => {
    const raw = notebook([{ cell_type: 'markdown', source: ['# t\n'] }, { cell_type: 'code', source: ['import x\n', 'y = 1\n'] }]);
    const rawLine = raw.split('\n').findIndex((l) => l.includes('"y = 1\\n"'));
    const map = notebookSourceMap(raw)!;
    assert.deepStrictEqual(map.toCell(rawLine, 0), { cellIndex: 1, line: 1, character: 0, inSource: true });
    const r = map.toCellRange({ line: rawLine, character: 0 }, { line: rawLine + 1, character: 0 })!;
    assert.deepStrictEqual(r, { cellIndex: 1, start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
  });

  it('places a position in outputs or metadata on the first line of its cell, not in the source', () => {
    const raw = notebook([{ cell_type: 'code', source: ['print(k)\n', 'done()'], outputs: [{ output_type: 'stream', name: 'stdout', text: ['secret-ish output\n'] }] }]);
    const rawLine = raw.split('\n').findIndex((l) => l.includes('secret-ish output'));
    const map = notebookSourceMap(raw)!;
    assert.deepStrictEqual(map.toCell(rawLine, 8), { cellIndex: 0, line: 0, character: 0, inSource: false });
    assert.deepStrictEqual(map.toCellRange({ line: rawLine, character: 8 }, { line: rawLine, character: 12 }),
      { cellIndex: 0, start: { line: 0, character: 0 }, end: { line: 0, character: 'print(k)'.length } });
  });

  it('reads a source written as one string, and a range ending in another cell keeps to the rest of its line', () => {
    const raw = notebook([{ cell_type: 'code', source: 'a = 1\nbb = load(p)' }, { cell_type: 'code', source: ['z\n'] }]);
    const lines = raw.split('\n');
    const rawLine = lines.findIndex((l) => l.includes('bb = load'));
    const col = lines[rawLine].indexOf('load');
    const map = notebookSourceMap(raw)!;
    assert.strictEqual(map.cellSource(0), 'a = 1\nbb = load(p)');
    assert.deepStrictEqual(map.toCell(rawLine, col), { cellIndex: 0, line: 1, character: 5, inSource: true });
    const zLine = lines.findIndex((l) => l.includes('"z\\n"'));
    assert.deepStrictEqual(map.toCellRange({ line: rawLine, character: col }, { line: zLine, character: 3 }),
      { cellIndex: 0, start: { line: 1, character: 5 }, end: { line: 1, character: 12 } });
  });

  it('answers undefined outside every cell and for text that is not a notebook', () => {
    const raw = notebook([{ cell_type: 'code', source: ['x\n'] }]);
    const map = notebookSourceMap(raw)!;
    assert.strictEqual(map.cellCount, 1);
    assert.strictEqual(map.toCell(0, 0), undefined); // the opening brace
    assert.strictEqual(map.toCell(999, 0), undefined);
    assert.strictEqual(map.toCell(-1, 0), undefined);
    assert.strictEqual(map.cellSource(5), '');
    assert.strictEqual(notebookSourceMap('not json'), undefined);
    assert.strictEqual(notebookSourceMap('{"cells": 3}'), undefined);
    assert.strictEqual(notebookSourceMap('\u0000\u0001binary'), undefined);
  });

  it('every character of every source maps to the same character in its cell (any text, any escapes)', () => {
    const cellArb = fc.record({
      cell_type: fc.constantFrom('code', 'markdown', 'raw'),
      text: fc.string({ unit: fc.constantFrom('a', 'é', '"', '\\', '\t', '\n', '/', '\u0001', '😀', ' ', 'x'), maxLength: 30 }),
      asList: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(cellArb, { minLength: 1, maxLength: 4 }), (cells) => {
      const raw = notebook(cells.map((c) => ({ cell_type: c.cell_type, source: c.asList ? sourceLines(c.text) : c.text })));
      const map = notebookSourceMap(raw)!;
      const rawLines = raw.split('\n');
      cells.forEach((c, cellIndex) => assert.strictEqual(map.cellSource(cellIndex), c.text));
      // Each decoded character at its raw column: source strings sit at 4 spaces (list items) or after "source": .
      let cellIndex = -1;
      rawLines.forEach((text, line) => {
        if (text === '  {') cellIndex++;
        const m = /^( {3}"source": "| {4}")(.*)",?$/.exec(text);
        if (!m) return;
        const decoded = JSON.parse(`"${m[2]}"`) as string;
        const cellLines = map.cellSource(cellIndex).split('\n');
        let rawCol = m[1].length;
        for (const unit of decoded.split('')) {
          const at = map.toCell(line, rawCol);
          assert.ok(at?.inSource && at.cellIndex === cellIndex, `raw ${line}:${rawCol} in the source of cell ${cellIndex}`);
          if (unit === '\n') assert.strictEqual(at.character, cellLines[at.line].length, `raw ${line}:${rawCol} at the end of its line`);
          else assert.strictEqual(cellLines[at.line][at.character], unit, `raw ${line}:${rawCol}`);
          rawCol += /[\ud800-\udfff]/.test(unit) ? 1 : JSON.stringify(unit).length - 2;
        }
      });
    }), { numRuns: 200 });
  });
});
