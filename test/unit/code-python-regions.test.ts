// Region parsing of Python: the statement lexer's spans on tricky inputs, the included ranges it
// gives tree-sitter, and PySyntax parsing only the statements a lookup needs.
import * as assert from 'assert';
import { initCodeParsers } from '../../server/src/engine/code';
import { parseStats, parseText } from '../../server/src/engine/code/parsers';
import { lineIndexAt, rangesForOffsets, spanIndexAt, statementSpans } from '../../server/src/engine/code/python/regions';
import { PySyntax } from '../../server/src/engine/code/python/syntax';

/** The first line of every span (without a trailing CR), to read the spans at a glance. */
function spanHeads(text: string): string[] {
  const { starts } = statementSpans(text);
  return starts.map((start) => text.slice(start).split('\n')[0].replace(/\r$/, ''));
}

describe('python statement spans', () => {
  it('an empty text is one empty span', () => {
    const spans = statementSpans('');
    assert.deepStrictEqual(spans.starts, [0]);
    assert.strictEqual(spans.length, 0);
    assert.deepStrictEqual([spans.endRow, spans.endColumn], [0, 0]);
  });

  it('splits plain top-level statements; blank and comment lines stay with the span above', () => {
    const text = '#!/usr/bin/env python\n"""Module docstring."""\nimport os\n\n# a comment\nx = 1\ndef f():\n    return x\n';
    assert.deepStrictEqual(spanHeads(text), ['#!/usr/bin/env python', '"""Module docstring."""', 'import os', 'x = 1', 'def f():']);
  });

  it('a column-0 def inside a triple-quoted string is not a statement', () => {
    const text = 'x = """\ndef fake():\n    pass\n"""\ndef real():\n    pass\ny = r\'\'\'\nclass Fake:\n\'\'\'\n';
    assert.deepStrictEqual(spanHeads(text), ['x = """', 'def real():', "y = r'''"]);
  });

  it('# inside a string is not a comment, and quotes inside a comment do not open a string', () => {
    const text = 's = "a # not a comment ("\nt = 1  # it\'s a comment with an open quote\nu = 2\n';
    assert.deepStrictEqual(spanHeads(text), ['s = "a # not a comment ("', "t = 1  # it's a comment with an open quote", 'u = 2']);
  });

  it('a column-0 comment inside a function body does not end the function', () => {
    const text = 'def f():\n    a = 1\n# commented out\n    b = 2\ndef g():\n    pass\n';
    assert.deepStrictEqual(spanHeads(text), ['def f():', 'def g():']);
  });

  it('brackets spanning lines keep column-0 continuation lines in the statement', () => {
    const text = 'data = [\n1,\n{"k": (2,\n3)},\n]\ny = call(a,\nb)\nz = 3\n';
    assert.deepStrictEqual(spanHeads(text), ['data = [', 'y = call(a,', 'z = 3']);
  });

  it('a backslash continuation keeps the next column-0 line (also with CRLF)', () => {
    assert.deepStrictEqual(spanHeads('total = 1 + \\\n2\nz = 1\n'), ['total = 1 + \\', 'z = 1']);
    assert.deepStrictEqual(spanHeads('total = 1 + \\\r\n2\r\nz = 1\r\n'), ['total = 1 + \\', 'z = 1']);
  });

  it('decorators join the statement they decorate', () => {
    const text = 'import os\n\n@app.route("/")\n@cache\n\n# why\ndef index():\n    return 1\n@dataclass\nclass C:\n    x: int\n';
    assert.deepStrictEqual(spanHeads(text), ['import os', '@app.route("/")', '@dataclass']);
  });

  it('column-0 else, elif, except and finally continue the statement above', () => {
    const text = 'try:\n    a()\nexcept ValueError:\n    b()\nelse:\n    c()\nfinally:\n    d()\nif x:\n    pass\nelif y:\n    pass\nelse:\n    pass\nfor i in r:\n    pass\nelse:\n    pass\nelsewhere = 1\n';
    assert.deepStrictEqual(spanHeads(text), ['try:', 'if x:', 'for i in r:', 'elsewhere = 1']);
  });

  it('handles CRLF, tabs and form feeds like tree-sitter', () => {
    assert.deepStrictEqual(spanHeads('a = 1\r\n\r\ndef f():\r\n\treturn 1\r\nb = 2\r\n'), ['a = 1', 'def f():', 'b = 2']);
    // a form feed resets the indentation to column 0
    assert.deepStrictEqual(spanHeads('a = 1\n\fdef f():\n    pass\n'), ['a = 1', '\fdef f():']);
  });

  it('string prefixes, escapes and f-string fields', () => {
    const text = [
      's = rb"\\"" + br\'\\\\\'',
      't = f"{d["k"]} {x:>{width}} {y!r:#x}"',
      'u = f"""{',
      'value',
      '}"""',
      'name"x"',
      'v = 2',
      '',
    ].join('\n');
    assert.deepStrictEqual(spanHeads(text), ['s = rb"\\"" + br\'\\\\\'', 't = f"{d["k"]} {x:>{width}} {y!r:#x}"', 'u = f"""{', 'name"x"', 'v = 2']);
  });

  it('an unterminated one-line string ends at its line; unterminated triple strings and brackets take the rest', () => {
    assert.deepStrictEqual(spanHeads('x = "abc\ndef f(): pass\n'), ['x = "abc', 'def f(): pass']);
    assert.deepStrictEqual(spanHeads('x = """never closed\ndef f(): pass\n'), ['x = """never closed']);
    assert.deepStrictEqual(spanHeads('f(\ndef g(): pass\nh = 1\n'), ['f(']);
    assert.deepStrictEqual(spanHeads('s = f"{x\ny = 1\n'), ['s = f"{x', 'y = 1']);
  });

  it('lexes a 200 KB single line quickly as one span, and deep f-string nesting without throwing', () => {
    const line = `x = [${'1, '.repeat(70_000)}]`;
    const started = Date.now();
    assert.deepStrictEqual(statementSpans(line).starts, [0]);
    assert.ok(Date.now() - started < 1000);
    const nested = `${'f"{'.repeat(5000)}${'}"'.repeat(5000)}\ny = 1\n`;
    assert.strictEqual(statementSpans(nested).starts.length, 2);
  });

  it('finds simple logical lines at any depth; compound headers and decorators are not among them', () => {
    const text = 'import os\n@dec\ndef f(a,\n      b):\n    x = [1,\n2]\n    if x:\n\ty = 1; z = 2\n    # note\n    return x\n';
    const { lines } = statementSpans(text);
    const got = lines.starts.map((s, k) => [text.slice(s, lines.ends[k]), lines.rows[k], lines.columns[k]]);
    assert.deepStrictEqual(got, [
      ['import os\n', 0, 0],
      ['x = [1,\n2]\n', 4, 4],
      ['y = 1; z = 2\n', 7, 1],
      ['return x\n', 9, 4],
    ]);
    assert.strictEqual(lineIndexAt(statementSpans(text), text.indexOf('2]')), 1);
    assert.strictEqual(lineIndexAt(statementSpans(text), text.indexOf('def')), -1);
    assert.strictEqual(lineIndexAt(statementSpans(text), text.indexOf('note')), -1);
  });

  it('gives tree-sitter ranges of whole spans, merged when adjacent, with rows and columns', () => {
    const text = 'a = 1\nb = 2\n\nc = 3\nd = 4';
    const spans = statementSpans(text);
    assert.deepStrictEqual(spans.rows, [0, 1, 3, 4]);
    assert.strictEqual(spanIndexAt(spans, text.indexOf('c')), 2);
    const ranges = rangesForOffsets(spans, [text.indexOf('b'), text.indexOf('a'), text.indexOf('d')]);
    assert.deepStrictEqual(ranges, [
      { startIndex: 0, endIndex: text.indexOf('c'), startPosition: { row: 0, column: 0 }, endPosition: { row: 3, column: 0 } },
      { startIndex: text.indexOf('d'), endIndex: text.length, startPosition: { row: 4, column: 0 }, endPosition: { row: 4, column: 5 } },
    ]);
  });
});

describe('PySyntax: parsing only the statements looked at', () => {
  before(() => initCodeParsers());

  const filler = Array.from({ length: 50 }, (_, i) => `def helper_${i}(rows):\n    return [r for r in rows if r > ${i}]\n`).join('\n');
  const text = `import torch\n${filler}\nstate = torch.load(path)\n${filler}\nMODEL = "org/model"\n`;

  it('parses the candidate statements in one pass, and nodes match a full parse', () => {
    const at = text.indexOf('torch.load') + 'torch.'.length;
    const syntax = new PySyntax(text, undefined, () => [at, 0], true);
    const full = parseText('python', text);
    try {
      const node = syntax.nodeAt(at, at + 4);
      const reference = full.rootNode.descendantForIndex(at, at + 3);
      assert.deepStrictEqual([node.type, node.startIndex, node.endIndex, node.parent?.type], [reference.type, reference.startIndex, reference.endIndex, reference.parent?.type]);
      // the import is in the same pass: looking it up parses nothing more
      assert.strictEqual(syntax.nodeAt(0, 6).type, 'import');
      assert.strictEqual((syntax as unknown as { owned: unknown[] }).owned.length, 1);
    } finally {
      full.delete();
      syntax.dispose();
    }
  });

  it('a lookup outside the parsed statements parses them too', () => {
    const syntax = new PySyntax(text, undefined, () => [text.indexOf('torch.load')], true);
    try {
      syntax.nodeAt(text.indexOf('torch.load'));
      const at = text.indexOf('MODEL');
      const node = syntax.nodeAt(at, at + 5);
      assert.deepStrictEqual([node.type, node.text, node.parent?.type], ['identifier', 'MODEL', 'assignment']);
      assert.strictEqual((syntax as unknown as { owned: unknown[] }).owned.length, 2);
    } finally {
      syntax.dispose();
    }
    assert.strictEqual((syntax as unknown as { owned: unknown[] }).owned.length, 0);
  });

  it('a candidate on a simple line inside a function parses that line only', () => {
    const body = Array.from({ length: 200 }, (_, i) => `    total_${i} = sum(r * ${i} for r in rows)\n`).join('');
    const src = `import torch\n\ndef big(rows, path):\n${body}    if rows:\n        state = torch.load(\n            path)\n${body}    return state\n`;
    const at = src.indexOf('torch.load') + 'torch.'.length;
    const before = parseStats.units;
    const syntax = new PySyntax(src, undefined, () => [at], true);
    const full = parseText('python', src);
    try {
      const node = syntax.nodeAt(at, at + 4);
      const reference = full.rootNode.descendantForIndex(at, at + 3);
      assert.deepStrictEqual([node.type, node.startIndex, node.parent?.type, node.parent?.parent?.type], [reference.type, reference.startIndex, reference.parent?.type, reference.parent?.parent?.type]);
      const parsed = parseStats.units - before - src.length; // minus the reference parse
      const line = '        state = torch.load(\n            path)\n'.length;
      assert.ok(parsed <= line, `parsed ${parsed} units for a ${line}-unit line (function: ${src.length})`);
      // the function's header is a compound statement: a lookup there parses the whole statement
      const header = src.indexOf('rows, path');
      assert.strictEqual(syntax.nodeAt(header, header + 4).parent?.type, 'parameters');
    } finally {
      full.delete();
      syntax.dispose();
    }
  });

  it('switched off, it parses the whole text', () => {
    const syntax = new PySyntax(text, undefined, () => [0], false);
    try {
      const root = syntax.nodeAt(0).tree.rootNode;
      assert.strictEqual(root.namedChildCount, 1 + 50 + 1 + 50 + 1);
    } finally {
      syntax.dispose();
    }
  });
});
