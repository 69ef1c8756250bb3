// Re-lexing an edited document from the statement the edit touches (statementSpansAfterEdit) must give exactly
// the spans and lines of lexing the new text whole: random Python-shaped texts, random edits, many seeds.
import * as assert from 'assert';
import { commonPrefixLength, commonSuffixLength } from '../../server/src/engine/code/commonAffix';
import { statementSpans, statementSpansAfterEdit } from '../../server/src/engine/code/python/regions';

// Pieces chosen to exercise what the lexer tracks: brackets across lines, strings (triple, f-strings, escapes),
// comments, decorators, continuations, compound statements and column-0 else/except.
const PIECES = [
  'import os\n', 'x = 1\n', 'client = OpenAI(\n    timeout=30,\n)\n', 'def f(a):\n    return a\n',
  '@decorator\ndef g():\n    pass\n', 'class C:\n    """doc\ndef not_code():\n"""\n    y = 2\n', 'if x:\n    z = 3\nelse:\n    z = 4\n',
  'try:\n    pass\nexcept ValueError:\n    pass\nfinally:\n    pass\n', 's = "a # not a comment"\n', '# comment with "quote\n',
  "t = f'{x!r:>{width}}'\n", 'u = (1 +\n2)\n', 'v = 1 + \\\n2\n', '\n', '    \n', 'w = """\n"""\n', "q = 'it\\'s'\n",
  'data = {\n"k": [1,\n2],\n}\n', 'async def h():\n    await x\n', 'x = "unterminated\n', 'y = (\n',
  'print(x)\r\n', '\tindented = 1\n', 'lambda_ = lambda: (yield)\n',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomText(next: () => number, pieces: number): string {
  let out = '';
  for (let i = 0; i < pieces; i++) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

function randomEdit(next: () => number, text: string): string {
  const at = Math.floor(next() * (text.length + 1));
  const removed = Math.floor(next() * 3) === 0 ? Math.floor(next() * 40) : 0;
  const kind = next();
  const inserted = kind < 0.4 ? PIECES[Math.floor(next() * PIECES.length)] : kind < 0.7 ? ['"', "'", '(', ')', '#', '\\', '\n', ':', '@', ' '][Math.floor(next() * 10)] : 'x';
  return text.slice(0, at) + inserted + text.slice(Math.min(text.length, at + removed));
}

describe('python statement spans after an edit', () => {
  it('equal a full lex of the new text, over random texts and edit sequences', () => {
    const seeds = Number(process.env.REGIONS_EDIT_SEEDS ?? 120);
    let reused = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const next = rng(seed);
      let text = randomText(next, 20 + Math.floor(next() * 60));
      let spans = statementSpans(text);
      for (let e = 0; e < 25; e++) {
        const edited = randomEdit(next, text);
        const incremental = statementSpansAfterEdit(text, spans, edited);
        const whole = statementSpans(edited);
        assert.deepStrictEqual(incremental, whole, `seed ${seed}, edit ${e}`);
        if (incremental.starts.length > 1 && edited.length > 0) reused++;
        text = edited;
        spans = incremental;
      }
    }
    assert.ok(reused > seeds * 10, `the incremental path ran (${reused} edits)`);
  });

  it('an unchanged text and an edit in the first statement give the full lex too', () => {
    const text = 'import os\nx = 1\ndef f():\n    return x\n';
    const spans = statementSpans(text);
    assert.deepStrictEqual(statementSpansAfterEdit(text, spans, text), spans);
    const edited = 'import sys\n' + text.slice('import os\n'.length);
    assert.deepStrictEqual(statementSpansAfterEdit(text, spans, edited), statementSpans(edited));
    assert.deepStrictEqual(statementSpansAfterEdit(text, spans, ''), statementSpans(''));
  });
});

describe('common prefix and suffix of two texts', () => {
  const naivePrefix = (a: string, b: string) => { let i = 0; while (i < Math.min(a.length, b.length) && a[i] === b[i]) i++; return i; };
  const naiveSuffix = (a: string, b: string, keep: number) => {
    let t = 0;
    while (t < Math.min(a.length, b.length) - keep && a[a.length - 1 - t] === b[b.length - 1 - t]) t++;
    return t;
  };
  it('match a character-by-character comparison, across chunk boundaries', () => {
    const next = rng(7);
    for (let round = 0; round < 300; round++) {
      const base = 'abcdefghij'.repeat(Math.floor(next() * 30000)).slice(0, Math.floor(next() * 200000));
      const at = Math.floor(next() * (base.length + 1));
      const edited = base.slice(0, at) + (next() < 0.5 ? 'Z' : '') + base.slice(Math.min(base.length, at + Math.floor(next() * 3)));
      const p = commonPrefixLength(base, edited);
      assert.strictEqual(p, naivePrefix(base, edited), `round ${round}`);
      assert.strictEqual(commonSuffixLength(base, edited, p), naiveSuffix(base, edited, p), `round ${round}`);
    }
    assert.strictEqual(commonPrefixLength('', 'abc'), 0);
    assert.strictEqual(commonSuffixLength('abc', 'abc', 3), 0);
  });
});
