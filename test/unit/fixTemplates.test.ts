// The logic-less template syntax.
import * as assert from 'assert';
import { render } from '../../server/src/engine/fixes/templates';

describe('fixes: template rendering', () => {
  it('substitutes raw, JSON-quoted and shell-quoted values and keeps escaped braces', () => {
    const out = render('a={{v}} b={{q v}} c={{sh v}} d=\\{{question}} e=${{ secrets.X }}', { v: `it's "x"` });
    assert.strictEqual(out, `a=it's "x" b="it's \\"x\\"" c='it'\\''s "x"' d={{question}} e=\${{ secrets.X }}`);
  });

  it('fails on a variable with no value', () => {
    assert.throws(() => render('{{missing}}', {}), /missing/);
  });
});
