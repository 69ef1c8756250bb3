import * as assert from 'assert';
import { scoreProject } from '../../server/src/engine/report/scoring';
import { check, workspaceResult } from '../fixtures/report/scan-results';

describe('report: scoreProject (SPEC §9)', () => {
  it('weights 10/5/0 points by the level at the stage', () => {
    // error pass 10×3, warning incomplete 5×2, info absent 0×1 → 40 / 60
    const s = scoreProject([check('tests', 'present', 'error'), check('eval-pipeline', 'incomplete', 'warning'), check('rollback', 'absent', 'info')]);
    assert.strictEqual(s.earned, 40);
    assert.strictEqual(s.possible, 60);
    assert.strictEqual(s.score, 67);
    assert.deepStrictEqual(s.rows.map((r) => [r.id, r.points, r.weight]), [['tests', 10, 3], ['eval-pipeline', 5, 2], ['rollback', 0, 1]]);
  });

  it('counts weak CI as 5 and a found secret as 0', () => {
    const s = scoreProject([check('ci', 'weak', 'warning'), check('hardcoded-secrets', 'found', 'error')]);
    assert.deepStrictEqual(s.rows.map((r) => r.points), [5, 0]);
    assert.strictEqual(s.score, Math.round((10 / 50) * 100));
  });

  it('counts declared as satisfied and never counts off, n/a or errored as 0', () => {
    const s = scoreProject([
      check('monitoring', 'declared', 'error'),
      check('rollback', 'absent', 'error'),
      check('guardrails', 'not-applicable', 'warning'),
      check('model-card', 'off', 'off'),
      check('data-contract', 'errored', 'error'),
      check('tests', 'present', 'off'),
    ]);
    assert.strictEqual(s.score, 50);
    assert.deepStrictEqual(s.rows.map((r) => r.weight), [3, 3, 0, 0, 0, 0]);
    assert.strictEqual(s.rows[4].points, null);
    assert.match(s.rows[4].reason, /inconclusive/);
    assert.match(s.rows[5].reason, /off/);
  });

  it('is null when nothing counts, and 100 when everything passes', () => {
    assert.strictEqual(scoreProject([]).score, null);
    assert.strictEqual(scoreProject([check('guardrails', 'not-applicable', 'warning')]).score, null);
    assert.strictEqual(scoreProject([check('tests', 'present', 'info'), check('ci', 'present', 'error')]).score, 100);
    assert.strictEqual(scoreProject([check('tests', 'absent', 'error')]).score, 0);
  });

  it('scores the fixture workspace as documented', () => {
    const [rag, churn, vision] = workspaceResult().projects.map((p) => scoreProject(p.checks));
    // rag: possible = 10×(2+1+2+2+2+2+1+1+2+1+2+3) = 210 (guardrails errored not counted)
    assert.strictEqual(rag.possible, 210);
    assert.strictEqual(rag.earned, 20 + 0 + 20 + 10 + 20 + 0 + 10 + 0 + 10 + 10 + 0 + 0);
    assert.strictEqual(rag.score, 48);
    assert.ok(churn.score !== null && churn.score > 0 && churn.score < 100);
    assert.strictEqual(vision.possible, 10 * (1 + 1 + 1 + 1 + 3 + 1));
  });
});
