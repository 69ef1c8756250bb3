// The text report a person reads first: under a screen for one project, and no wall of repeated advice in a
// monorepo (why/fix once per check; many projects become a few lines each plus one "how to fix" section).
import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../helpers';
import { runCli, tempTree } from './engine-support.test';

const count = (text: string, re: RegExp) => (text.match(new RegExp(re.source, 'g')) ?? []).length;

function smallProjects(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    files[`models/m${i}/requirements.txt`] = 'scikit-learn==1.5.1\npandas==2.2.2\n';
    files[`models/m${i}/train.py`] = 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\nmodel = LogisticRegression()\n';
  }
  return files;
}

describe('CLI: the text report', function () {
  this.timeout(60_000);

  it('one project: under a screen, with what is missing, why and how to fix', () => {
    const r = runCli(['scan', fixturePath('projects', 'llm-app')]);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.length <= 60, `${lines.length} lines`);
    assert.match(r.stdout, /ownership +Production owner named: not found/);
    assert.match(r.stdout, /\n +why +Without a named owner/);
    assert.match(r.stdout, /\n +fix +Add \.github\/CODEOWNERS/);
  });

  for (const n of [3, 12]) {
    it(`${n} projects with the same gaps: each check's why and fix is printed once`, () => {
      const root = tempTree(smallProjects(n));
      try {
        const r = runCli(['scan', root]);
        assert.strictEqual(count(r.stdout, /why +Without a named owner/), 1, r.stdout);
        assert.strictEqual(count(r.stdout, /fix +Add \.github\/CODEOWNERS/), 1);
        for (let i = 0; i < n; i++) assert.match(r.stdout, new RegExp(`models/m${i}/`));
        if (n > 8) {
          assert.match(r.stdout, /How to fix the gaps above/);
          assert.match(r.stdout, /\n {2}ownership \(12\)\n/);
          assert.ok(r.stdout.split('\n').length < n * 8 + 40, `${r.stdout.split('\n').length} lines for ${n} projects`);
        } else {
          assert.match(r.stdout, /shown at a check's first project/);
        }
        const verbose = runCli(['scan', root, '--verbose']);
        assert.strictEqual(count(verbose.stdout, /why +Without a named owner/), n, 'verbose repeats the advice per project');
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
