// SPEC §8: after a scaffold is applied, the same check passes on re-scan (present, or present-incomplete
// when a person must still fill in placeholders). Run for every AI kind on the real engine.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import { applyPlan, fixableChecks, planFix } from '../../server/src/engine/fixes';
import { fixturePath, makeTempDir } from '../helpers';

function copyFixture(name: string): string {
  const dir = makeTempDir('aipf-roundtrip-');
  fs.cpSync(fixturePath('projects', name), dir, { recursive: true });
  return dir;
}

describe('scaffold round trip: fix, re-scan, the check passes', function () {
  this.timeout(120_000);
  for (const fixture of ['llm-app', 'classic-ml', 'deep-learning']) {
    it(`${fixture}: every failing scaffoldable check passes after its fix`, async () => {
      const root = copyFixture(fixture);
      try {
        const before = await scan({ root });
        const project = before.projects[0];
        assert.ok(project, 'the fixture is an AI project');
        const failing = project.checks.filter((c) => c.status === 'fail' && fixableChecks().includes(c.id)).map((c) => c.id);
        assert.ok(failing.length >= 5, `several checks to fix: ${failing.join(', ')}`);
        const reserved = new Set<string>();
        for (const id of failing) {
          const plan = await planFix({ scanRoot: root, project, allowGit: false, reserved }, id);
          for (const f of plan.files) reserved.add(f.path);
          const applied = await applyPlan(root, plan.files);
          assert.deepStrictEqual(applied.skipped, [], `${id}: nothing skipped`);
        }
        const after = await scan({ root });
        const still = after.projects[0].checks.filter((c) => failing.includes(c.id) && c.status !== 'pass');
        assert.deepStrictEqual(still.map((c) => `${c.id}: ${c.message}`), []);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
