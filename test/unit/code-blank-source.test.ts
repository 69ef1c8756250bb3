// blankSource: comments (and, on request, prose strings) blanked with each language's own syntax, offsets kept.
import * as assert from 'assert';
import { blankSource } from '../../server/src/engine/code/blankSource';

describe('blankSource', () => {
  it('JS: `#` is a private name, not a comment', () => {
    const text = 'class Q {\n  #items = [];\n  push(x) { this.#items.push(x); } // add\n}\n';
    const out = blankSource(text, 'js');
    assert.ok(out.includes('this.#items.push(x);'));
    assert.ok(out.includes('#items = [];'));
    assert.ok(!out.includes('add'));
    assert.strictEqual(out.length, text.length);
  });

  it('JS: a regex literal holding `/*`, `//` or a quote opens no comment or string', () => {
    const text = [
      'const stripStars = /^\\/*\\s*/;',
      "const url = /https?:\\/\\/[^'\"]+/g;",
      'const half = total / 2; const ratio = a / b; // divide',
      "import OpenAI from 'openai';",
      '',
    ].join('\n');
    const out = blankSource(text, 'js');
    assert.ok(out.includes("import OpenAI from 'openai';"));
    assert.ok(out.includes('const ratio = a / b;'));
    assert.ok(!out.includes('divide'));
  });

  it('JS: block and line comments, and prose strings only when asked, template substitutions kept', () => {
    const text = '/* note */ log(`Please do a manual review of ${items.map((i) => `${i}`).join(",")} now`); f("human_review");\n';
    const comments = blankSource(text, 'js');
    assert.ok(!comments.includes('note'));
    assert.ok(comments.includes('manual review'));
    const prose = blankSource(text, 'js', { proseStrings: true });
    assert.ok(!prose.includes('manual review'));
    assert.ok(prose.includes('items.map((i) =>'));
    assert.ok(prose.includes('"human_review"'));
    assert.strictEqual(prose.length, text.length);
  });

  it('Python: `#` comments, `//` is division, prose strings and docstrings blanked on request', () => {
    const text = 'half = n // 2  # floor\ndef f():\n    """Sends it to human review.\n    """\n    log("queued for review")\n    node("human_review")\n';
    const out = blankSource(text, 'python', { proseStrings: true });
    assert.ok(out.includes('half = n // 2'));
    assert.ok(!out.includes('floor'));
    assert.ok(!out.includes('human review'));
    assert.ok(!out.includes('queued'));
    assert.ok(out.includes('"human_review"'));
    assert.strictEqual(out.split('\n').length, text.split('\n').length);
  });
});
