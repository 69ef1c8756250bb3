// Notebooks: code cells are checked as Python; findings land on the raw .ipynb line and column
// (JSON escapes accounted for), and notebookCellOf maps that line back to the cell.
import * as assert from 'assert';
import { checkCode, initCodeParsers, notebookCellOf } from '../../server/src/engine/code';
import type { Finding } from '../../server/src/engine/types';
import { applyFix, found, lineOf, rangeText, readCodeFixture } from './codeHelpers';

describe('code rules in notebooks', () => {
  const raw = readCodeFixture('notebook.ipynb');
  let findings: Finding[];
  const byRule = (rule: string) => findings.find((f) => f.ruleId === rule)!;

  before(async () => {
    await initCodeParsers();
    findings = checkCode('nb/notebook.ipynb', raw);
  });

  it('finds code-cell issues only (not markdown, outputs, magics or comments)', () => {
    assert.deepStrictEqual(found(findings), [
      `${lineOf(raw, '"client = OpenAI()\\n"')}:llm-client-timeout`,
      `${lineOf(raw, 'torch.load(ckpt_path)')}:unsafe-deserialization`,
      `${lineOf(raw, '/Users/ivan')}:local-absolute-path`,
    ].sort());
  });

  it('ranges are exact in the raw JSON text', () => {
    assert.strictEqual(rangeText(raw, byRule('llm-client-timeout')), 'OpenAI()');
    // the line holds \" and \u00e9 escapes before the call: raw columns differ from cell columns
    assert.strictEqual(rangeText(raw, byRule('unsafe-deserialization')), 'torch.load(ckpt_path)');
    assert.strictEqual(rangeText(raw, byRule('local-absolute-path')), '/Users/ivan/data.csv');
  });

  it('notebookCellOf maps a finding line to its cell and line in the cell', () => {
    assert.deepStrictEqual(notebookCellOf(raw, byRule('llm-client-timeout').line), { cellIndex: 1, lineInCell: 4 });
    assert.deepStrictEqual(notebookCellOf(raw, byRule('unsafe-deserialization').line), { cellIndex: 2, lineInCell: 1 });
    assert.deepStrictEqual(notebookCellOf(raw, byRule('local-absolute-path').line), { cellIndex: 2, lineInCell: 2 });
    assert.strictEqual(notebookCellOf(raw, 1), undefined); // the opening brace belongs to no cell
    assert.strictEqual(notebookCellOf('not json', 1), undefined);
  });

  it('the torch.load fix edits the raw JSON and the notebook stays valid', () => {
    const fixed = applyFix(raw, byRule('unsafe-deserialization').fix!);
    const nb = JSON.parse(fixed) as { cells: { source: string[] }[] };
    assert.ok(nb.cells[2].source[0].includes('torch.load(ckpt_path, weights_only=True)'), nb.cells[2].source[0]);
    assert.ok(!checkCode('nb/notebook.ipynb', fixed).some((f) => f.ruleId === 'unsafe-deserialization'));
  });

  it('the timeout fix lands inside the cell source', () => {
    const fixed = applyFix(raw, byRule('llm-client-timeout').fix!);
    const nb = JSON.parse(fixed) as { cells: { source: string[] }[] };
    assert.strictEqual(nb.cells[1].source[3], 'client = OpenAI(timeout=60)\n');
  });

  it('imports in an earlier cell count for later cells', () => {
    const nb = JSON.stringify({ cells: [
      { cell_type: 'code', source: ['import numpy as numerical\n'] },
      { cell_type: 'code', source: ['arr = numerical.load(p, allow_pickle=True)\n'] },
    ] }, null, 1);
    const [f] = checkCode('a.ipynb', nb);
    assert.strictEqual(f.ruleId, 'unsafe-deserialization');
    assert.strictEqual(rangeText(nb, f), 'allow_pickle=True');
    assert.deepStrictEqual(notebookCellOf(nb, f.line), { cellIndex: 1, lineInCell: 1 });
  });

  it('a source given as one string (with \\n escapes) maps columns on that raw line', () => {
    const nb = '{"cells": [{"cell_type": "code", "source": "import pickle\\nx = pickle.load(f)\\n"}]}';
    const [f] = checkCode('b.ipynb', nb);
    assert.strictEqual(f.line, 1);
    assert.strictEqual(rangeText(nb, f), 'pickle.load(f)');
  });

  it('a checkpoint saved in an earlier cell is the notebook\'s own; one loaded before any save is not', () => {
    const nb = JSON.stringify({ cells: [
      { cell_type: 'code', source: ['import torch\n', 'from pathlib import Path\n', 'early = torch.load(f=MODEL_SAVE_PATH)\n'] },
      { cell_type: 'code', source: ['MODEL_PATH = Path("models")\n', 'MODEL_SAVE_PATH = MODEL_PATH / "model_0.pth"\n', 'torch.save(obj=model.state_dict(), f=MODEL_SAVE_PATH)\n'] },
      { cell_type: 'markdown', source: ['Load it back with `torch.load(f=MODEL_SAVE_PATH)`\n'] },
      { cell_type: 'code', source: ['model.load_state_dict(torch.load(f=MODEL_SAVE_PATH))\n', 'MODEL_SAVE_PATH = MODEL_PATH / "model_1.pth"\n'] },
    ] }, null, 1);
    const findings = checkCode('e.ipynb', nb);
    assert.deepStrictEqual(findings.map((f) => notebookCellOf(nb, f.line)), [{ cellIndex: 0, lineInCell: 3 }]);
  });

  it('malformed notebooks yield nothing', () => {
    assert.deepStrictEqual(checkCode('c.ipynb', '{"cells": [ {"cell_type": "code", "source": ["x = torch.load(p)"'), []);
    assert.deepStrictEqual(checkCode('d.ipynb', '{"cells": 3}'), []);
  });
});
