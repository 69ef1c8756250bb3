// Which match of a file matcher is the evidence: the line cited, and matches a negation right before them voids.
import * as assert from 'assert';
import { compileMatcher, type FileMatcher } from '../../server/src/engine/rules/checkDef';
import { contentEvidence } from '../../server/src/engine/rules/evaluate';

const evidenceOf = (raw: Record<string, unknown>, rel: string, text: string, user = false) =>
  contentEvidence(compileMatcher(raw, user) as FileMatcher, { rel, size: text.length }, () => text);

describe('file matcher evidence', () => {
  it('cites the first contains-any match, not the contains guard above it (an import line)', () => {
    const text = 'import argparse\nimport numpy as np\n\n\ndef main(y, p):\n    mse = mean_squared_error(y, p)\n    return mse\n';
    const ev = evidenceOf({ file: '**/eval*.py', contains: '\\bargparse\\b', 'contains-any': ['\\bmean_squared_error\\('] }, 'evaluate_model.py', text);
    assert.strictEqual(ev?.line, 6);
  });

  for (const user of [false, true]) {
    it(`not-after voids a negated match and keeps a later one (${user ? 'RE2, custom rule' : 'built-in'})`, () => {
      const raw = { file: '**/*.md', contains: '\\bhuman review\\b', 'not-after': '\\b(no|without)[ \\t]+' };
      assert.strictEqual(evidenceOf(raw, 'README.md', '# Bot\n\nThere is no human review.\n', user), undefined);
      assert.strictEqual(evidenceOf(raw, 'README.md', '# Bot\n\nSent without human review.\nLow scores go to human review.\n', user)?.line, 4);
    });
  }
});
