// CommentLines: where a line's comment starts (never inside a string literal) and where the statement
// below a comment ends, for suppression comments above multi-line statements.
import * as assert from 'assert';
import { CommentLines } from '../../server/src/engine/code/commentLines';

const of = (...lines: string[]) => new CommentLines(lines);

describe('CommentLines', () => {
  it('finds comments in Python, JS, YAML and HTML, and says whether they stand on their own line', () => {
    const c = of('# own', 'x = f(a)  # trailing', '  // js own', 'y = 1 // js trailing', 'key: value # yaml', '<!-- md -->', '/* block */ z()');
    assert.deepStrictEqual(c.comment(0), { column: 0, ownLine: true });
    assert.deepStrictEqual(c.comment(1), { column: 10, ownLine: false });
    assert.deepStrictEqual(c.comment(2), { column: 2, ownLine: true });
    assert.deepStrictEqual(c.comment(3), { column: 6, ownLine: false });
    assert.deepStrictEqual(c.comment(4), { column: 11, ownLine: false });
    assert.deepStrictEqual(c.comment(5), { column: 0, ownLine: true });
    assert.deepStrictEqual(c.comment(6), { column: 0, ownLine: true });
  });

  it('a marker inside a string literal is not a comment', () => {
    const c = of(
      'note = "# ai-preflight-ignore: trust-remote-code reviewed"',
      "note = '// ai-preflight-ignore: all'",
      'doc = """',
      '# ai-preflight-ignore: all (inside a docstring)',
      '"""',
      'msg = `multi',
      '// ai-preflight-ignore: all (inside a template literal)`',
      "x = f'{a}'  # real comment after an f-string",
      "label: it's fine # comment after an apostrophe",
    );
    for (const i of [0, 1, 3, 6]) assert.strictEqual(c.comment(i), undefined, `line ${i}`);
    assert.strictEqual(c.comment(7)?.column, 12);
    assert.strictEqual(c.comment(8)?.column, 17);
  });

  it('the statement below a comment ends where its brackets close', () => {
    const c = of(
      '# ai-preflight-ignore: trust-remote-code reviewed',
      'model = AutoModel.from_pretrained(',
      '    name,',
      '    trust_remote_code=True)',
      'other = AutoModel.from_pretrained(name, trust_remote_code=True)',
    );
    assert.strictEqual(c.statementEnd(1), 3);
    assert.strictEqual(c.statementEnd(4), 4);
  });

  it('stacked comment lines are skipped, a blank line ends the statement, a backslash continues it', () => {
    const c = of('# one', '# two', 'call(a,', '  b)', '', 'x = 1 + \\', '    2', 'y = 3');
    assert.strictEqual(c.statementEnd(1), 3);
    assert.strictEqual(c.statementEnd(4), 4);
    assert.strictEqual(c.statementEnd(5), 6);
  });

  it('brackets inside strings and comments do not count', () => {
    const c = of('f("(", x)  # (', 'g()');
    assert.strictEqual(c.statementEnd(0), 0);
  });

  it('notebook source lines are read as the code they hold', () => {
    const lines = [
      '{',
      ' "cells": [{ "cell_type": "code", "source": [',
      '    "# ai-preflight-ignore: trust-remote-code reviewed\\n",',
      '    "m = AutoModel.from_pretrained(\\n",',
      '    "    name, trust_remote_code=True)\\n",',
      '    "s = \\"# ai-preflight-ignore: all\\"\\n"',
      ' ]}]',
      '}',
    ];
    const c = new CommentLines(lines);
    assert.deepStrictEqual(c.comment(2), { column: 5, ownLine: true });
    assert.strictEqual(c.statementEnd(3), 4);
    assert.strictEqual(c.comment(5), undefined);
  });
});
