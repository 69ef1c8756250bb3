import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { toContractJson } from '../../server/src/engine/report/json';
import type { ScanResult } from '../../server/src/engine/types';
import { repoRoot } from '../helpers';
import { emptyResult, evilResult, singleProjectResult, workspaceResult } from '../fixtures/report/scan-results';

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'rules', 'schema', 'contract-v1.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

function assertValid(doc: unknown): void {
  // Through JSON text, as a consumer would read it.
  const parsed = JSON.parse(JSON.stringify(doc));
  assert.ok(validate(parsed), JSON.stringify(validate.errors, null, 2));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('formats: JSON contract v1', () => {
  const fixtures: [string, () => ScanResult][] = [['workspace', workspaceResult], ['single', singleProjectResult], ['evil', evilResult], ['empty', emptyResult]];
  for (const [name, make] of fixtures) {
    it(`validates against rules/schema/contract-v1.schema.json (${name})`, () => assertValid(toContractJson(make())));
  }

  it('has exactly the v1 fields with the v1 meanings', () => {
    const out: Json = toContractJson(workspaceResult());
    assert.deepStrictEqual(out.tool, { name: 'ai-preflight', version: '0.1.0' });
    assert.strictEqual(out.projects.length, 3);
    const rag = out.projects[0];
    assert.deepStrictEqual({ root: rag.root, isAiProject: rag.isAiProject, aiKind: rag.aiKind, stage: rag.stage, score: rag.score },
      { root: 'services/rag', isAiProject: true, aiKind: 'llm-app', stage: 'pilot', score: 48 });
    const byId = Object.fromEntries(rag.checks.map((c: Json) => [c.id, c]));
    assert.deepStrictEqual(byId['eval-pipeline'].evidence, ['services/rag/evals/promptfooconfig.yaml']);
    assert.strictEqual(byId['eval-pipeline'].status, 'pass');
    assert.strictEqual(byId['hardcoded-secrets'].status, 'fail');
    assert.strictEqual(byId.monitoring.status, 'skip');
    assert.strictEqual(byId.monitoring.state, 'declared');
    assert.match(byId.monitoring.external, /Datadog/);
    assert.strictEqual(typeof byId.ownership.message, 'string');
    const f = out.findings[0];
    assert.deepStrictEqual([f.ruleId, f.severity, f.file, f.line], ['local-absolute-path', 'info', 'ml/churn/notebooks/explore.ipynb', 3]);
  });

  it('uses the shared scoring function for score, null when nothing counts', () => {
    const r = singleProjectResult();
    r.projects[0].score = 3; // stale engine value: outputs must agree with the report's computation
    assert.strictEqual((toContractJson(r) as Json).projects[0].score, 86); // 120 / 140
    r.projects[0].checks = r.projects[0].checks.map((c) => ({ ...c, level: 'off' as const }));
    const out: Json = toContractJson(r);
    assert.strictEqual(out.projects[0].score, null);
    assertValid(out);
  });

  it('writes evidence as unique relative "/" paths, with lines in the added locations', () => {
    const r = singleProjectResult();
    r.projects[0].checks[2].evidence = [{ file: '/tmp/work/support-bot/CODEOWNERS', line: 1 }, { file: 'CODEOWNERS', line: 4 }];
    const c = (toContractJson(r) as Json).projects[0].checks[2];
    assert.deepStrictEqual(c.evidence, ['CODEOWNERS']);
    assert.deepStrictEqual(c.locations, [{ file: 'CODEOWNERS', line: 1 }, { file: 'CODEOWNERS', line: 4 }]);
  });

  it('sorts findings by file then line and keeps masked secrets masked', () => {
    const out: Json = toContractJson(workspaceResult());
    const keys = out.findings.map((f: Json) => `${f.file}:${f.line}`);
    assert.deepStrictEqual(keys, [...keys].sort((a: string, b: string) => a.localeCompare(b, 'en')));
    const secret = out.findings.find((f: Json) => f.ruleId === 'hardcoded-secrets');
    assert.strictEqual(secret.masked, 'sk-proj-…9xQ');
    assert.strictEqual(secret.column, 17);
  });

  it('rejects documents that break v1 (the schema is not vacuous)', () => {
    const good: Json = toContractJson(workspaceResult());
    const broken = (mutate: (d: Json) => void) => { const d = JSON.parse(JSON.stringify(good)); mutate(d); return validate(d); };
    assert.strictEqual(broken((d) => { d.projects[0].checks[0].status = 'passed'; }), false);
    assert.strictEqual(broken((d) => { d.findings[0].line = 0; }), false);
    assert.strictEqual(broken((d) => { d.findings[0].file = '/abs/path.py'; }), false);
    assert.strictEqual(broken((d) => { d.findings[0].file = 'src\\win.py'; }), false);
    assert.strictEqual(broken((d) => { delete d.projects[0].score; }), false);
    assert.strictEqual(broken((d) => { d.projects[0].checks[0].evidence = [{ file: 'x' }]; }), false);
    assert.strictEqual(broken((d) => { d.tool.name = 'other'; }), false);
    assert.strictEqual(broken((d) => { d.extra = { anything: true }; }), true, 'additions are allowed');
  });
});
