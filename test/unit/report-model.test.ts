import * as assert from 'assert';
import { buildReportModel, nextStep, projectOfFinding } from '../../server/src/engine/report/model';
import { check, emptyResult, singleProjectResult, workspaceResult } from '../fixtures/report/scan-results';

describe('report: buildReportModel', () => {
  const m = buildReportModel(workspaceResult());
  const [rag, churn, vision] = m.projects;

  it('gives per project name, root, kind, stage and the recomputed score', () => {
    assert.deepStrictEqual(m.projects.map((p) => [p.name, p.root, p.kind, p.stage]), [
      ['rag-service', 'services/rag', 'llm-app', 'pilot'],
      ['churn-model', 'ml/churn', 'classic-ml', 'production'],
      ['vision-lab', 'research/vision', 'deep-learning', 'poc'],
    ]);
    assert.strictEqual(rag.score, 48);
    assert.strictEqual(rag.scoring.rows.length, 13);
    assert.strictEqual(rag.scoring.rows.find((r) => r.id === 'monitoring')?.points, 10, 'declared counts as satisfied');
  });

  it('says what blocks the declared stage', () => {
    assert.strictEqual(rag.verdict.ready, false);
    assert.strictEqual(rag.verdict.headline, '1 check blocks pilot');
    assert.deepStrictEqual(rag.verdict.blockers.map((b) => b.id), ['hardcoded-secrets']);
    assert.strictEqual(churn.verdict.headline, '3 checks block production');
    assert.deepStrictEqual(churn.verdict.blockers.map((b) => b.id).sort(), ['business-metric', 'eval-pipeline', 'monitoring']);
    assert.strictEqual(vision.verdict.ready, true);
    assert.match(vision.verdict.headline, /^Ready for poc/);
    const single = buildReportModel(singleProjectResult()).projects[0];
    assert.strictEqual(single.verdict.headline, 'Ready for pilot');
  });

  it('counts error-level code findings of rules that are not checks as blockers', () => {
    const r = workspaceResult();
    r.findings[2].severity = 'error'; // trust-remote-code in research/vision
    const v = buildReportModel(r).projects[2].verdict;
    assert.strictEqual(v.headline, '1 code rule blocks poc');
    assert.deepStrictEqual(v.blockers, [{ id: 'trust-remote-code', title: 'trust-remote-code', kind: 'rule', count: 1 }]);
  });

  it('answers the five questions from their checks, or marks them open', () => {
    const byKey = Object.fromEntries(rag.questions.map((q) => [q.key, q]));
    assert.deepStrictEqual(rag.questions.map((q) => q.checkId), ['business-metric', 'ownership', 'monitoring', 'human-fallback', 'rollback']);
    assert.strictEqual(byKey.outcome.answer, 'answered');
    assert.deepStrictEqual(byKey.outcome.evidence.map((e) => e.file), ['services/rag/docs/kpi.md']);
    assert.strictEqual(byKey.owner.answer, 'answered');
    assert.strictEqual(byKey.drift.answer, 'declared');
    assert.match(byKey.drift.summary, /Datadog/);
    assert.strictEqual(byKey.human.answer, 'open');
    assert.strictEqual(byKey.rollback.answer, 'open');
    // vision has no monitoring check at all
    assert.strictEqual(vision.questions.find((q) => q.key === 'drift')?.answer, 'not-checked');
  });

  it('marks partly answered questions with what is still to fill in', () => {
    const r = singleProjectResult();
    r.projects[0].checks[0] = check('business-metric', 'incomplete', 'warning', { evidence: [{ file: 'docs/kpi.md' }], missing: ['baseline'] });
    const q = buildReportModel(r).projects[0].questions[0];
    assert.strictEqual(q.answer, 'partial');
    assert.deepStrictEqual(q.missing, ['baseline']);
  });

  it('groups checks by pillar in a fixed order with a score per pillar', () => {
    assert.deepStrictEqual(rag.pillars.map((g) => g.pillar), ['value', 'ownership', 'evaluation', 'data', 'operations', 'trust']);
    const data = rag.pillars.find((g) => g.pillar === 'data');
    assert.strictEqual(data?.score, 0);
    const ops = rag.pillars.find((g) => g.pillar === 'operations');
    assert.deepStrictEqual(ops?.checks.map((c) => c.id), ['monitoring', 'rollback', 'ci']);
    // monitoring declared 10×1, rollback 0×1, ci weak 5×2 → 20/40
    assert.strictEqual(ops?.score, 50);
  });

  it('shows declared checks as declared, and offers scaffolding only for absent built-in checks', () => {
    const all = rag.pillars.flatMap((g) => g.checks);
    const monitoring = all.find((c) => c.id === 'monitoring');
    assert.strictEqual(monitoring?.stateLabel, 'Declared');
    assert.strictEqual(monitoring?.scaffoldable, false);
    assert.deepStrictEqual(all.filter((c) => c.scaffoldable).map((c) => c.id).sort(), ['data-contract', 'human-fallback', 'pinned-dependencies', 'rollback']);
    const dpia = vision.pillars.flatMap((g) => g.checks).find((c) => c.id === 'dpia');
    assert.strictEqual(dpia?.custom, true);
    assert.strictEqual(dpia?.scaffoldable, false);
    assert.strictEqual(dpia?.docsUrl, undefined, 'an empty docs URL is dropped');
  });

  it('assigns findings to the deepest project containing them, else to "other"', () => {
    assert.deepStrictEqual(rag.findings.map((f) => f.ruleId), ['hardcoded-secrets', 'llm-client-timeout']);
    assert.strictEqual(churn.findings.length, 1);
    assert.deepStrictEqual(m.otherFindings.map((f) => f.file), ['scripts/sync.sh']);
    const f = { ruleId: 'x', severity: 'info' as const, message: '', file: 'a/b/c.py', line: 1, column: 0, endLine: 1, endColumn: 1 };
    assert.strictEqual(projectOfFinding(['.', 'a', 'a/b'], f), 'a/b');
    assert.strictEqual(projectOfFinding(['.', 'z'], f), '.');
    assert.strictEqual(projectOfFinding(['ab'], { ...f, file: 'abc/x.py' }), undefined);
  });

  it('adds a workspace summary only when there are several projects', () => {
    assert.ok(m.summary);
    assert.strictEqual(m.summary?.projects, 3);
    assert.strictEqual(m.summary?.blocked, 2);
    assert.strictEqual(m.summary?.averageScore, Math.round(((rag.score ?? 0) + (churn.score ?? 0) + (vision.score ?? 0)) / 3));
    assert.deepStrictEqual(m.summary?.commonGaps.map((g) => g.id).sort(), ['business-metric', 'eval-pipeline', 'human-fallback', 'rollback'].filter((id) =>
      m.projects.filter((p) => p.pillars.some((g) => g.checks.some((c) => c.id === id && c.status === 'fail'))).length > 1).sort());
    assert.strictEqual(buildReportModel(singleProjectResult()).summary, undefined);
  });

  it('never exposes the absolute scan root, and handles an empty scan', () => {
    assert.strictEqual(m.workspaceName, 'acme-ai');
    assert.ok(!JSON.stringify(m).includes('/tmp/work'));
    const e = buildReportModel(emptyResult());
    assert.deepStrictEqual(e.projects, []);
    assert.strictEqual(e.summary, undefined);
  });

  it('normalises absolute evidence paths to paths relative to the root', () => {
    const r = singleProjectResult();
    r.projects[0].checks[0].evidence = [{ file: '/tmp/work/support-bot/docs/kpi.md', line: 2 }];
    const ev = buildReportModel(r).projects[0].questions[0].evidence;
    assert.deepStrictEqual(ev, [{ file: 'docs/kpi.md', line: 2 }]);
  });

  it('keeps the actionable part of a long check message for an open question', () => {
    assert.strictEqual(nextStep('Missing: looked in app for X. To satisfy it: Add docs/kpi.md with a baseline.'), 'Add docs/kpi.md with a baseline.');
    assert.strictEqual(nextStep('No CODEOWNERS.'), 'No CODEOWNERS.');
    const long = nextStep('word '.repeat(100));
    assert.ok(long.length <= 240 && long.endsWith('…'));
    const r = singleProjectResult();
    r.projects[0].checks[5].message = 'Missing: looked everywhere. To satisfy it: Instrument the serving path.';
    assert.strictEqual(buildReportModel(r).projects[0].questions[2].summary, 'Instrument the serving path.');
  });
});
