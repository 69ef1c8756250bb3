// Issue 5: a scaffold with placeholders left reports present-incomplete, a filled one present; each scaffold
// satisfies its own check when applied alone (one check at a time, on a fresh copy of each fixture kind).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import { applyPlan, fixableChecks, planFix } from '../../server/src/engine/fixes';
import { fixturePath, makeTempDir } from '../helpers';
import { assertCheck, LLM_BASE, ML_BASE, scanTree, show } from './engine-support.test';

const PROMPTFOO = 'description: evals\nproviders:\n  - id: openai:chat:gpt-4o-mini-2024-07-18\nprompts:\n  - file://prompt.txt\ntests: file://golden.yaml\n';
const GOLDEN_FILLED = '- vars:\n    question: Where is my order?\n  assert:\n    - type: icontains\n      value: tracking\n';
const GOLDEN_UNFILLED = '- vars:\n    question: "<FILL IN: a typical user question>"\n  assert:\n    - type: icontains\n      value: tracking\n';

describe('incomplete scaffolds: any evidence file with a placeholder', () => {
  it('eval-pipeline: a finished promptfoo config with an unfilled golden set is incomplete', async () => {
    const c = assertCheck(await scanTree({ ...LLM_BASE, 'evals/promptfooconfig.yaml': PROMPTFOO, 'evals/golden.yaml': GOLDEN_UNFILLED, 'evals/prompt.txt': 'Answer: {{question}}\n' }),
      'eval-pipeline', { status: 'pass', state: 'incomplete' });
    assert.deepStrictEqual(c.missing, ['<FILL IN: a typical user question>']);
    assert.match(c.message, /evals\/golden\.yaml still has 1 placeholder/);
  });

  it('eval-pipeline: a placeholder in the prompt file the config pulls in (file://) counts too', async () => {
    const c = assertCheck(await scanTree({ ...LLM_BASE, 'evals/promptfooconfig.yaml': PROMPTFOO, 'evals/golden.yaml': GOLDEN_FILLED, 'evals/prompt.txt': '<FILL IN: the prompt>\n{{question}}\n' }),
      'eval-pipeline', { status: 'pass', state: 'incomplete' });
    assert.deepStrictEqual(c.missing, ['<FILL IN: the prompt>']);
  });

  it('eval-pipeline: everything filled is present', async () => {
    assertCheck(await scanTree({ ...LLM_BASE, 'evals/promptfooconfig.yaml': PROMPTFOO, 'evals/golden.yaml': GOLDEN_FILLED, 'evals/prompt.txt': 'Answer: {{question}}\n' }),
      'eval-pipeline', { status: 'pass', state: 'present' });
  });

  it('monitoring: tracing code plus alert rules that still ask to confirm thresholds is incomplete', async () => {
    const alerts = 'groups:\n  - name: bot\n    rules:\n      - alert: LlmErrors\n        expr: rate(llm_requests_total[5m]) > 1\n';
    const tracing = 'from opentelemetry import trace\ntracer = trace.get_tracer("bot")\n';
    assertCheck(await scanTree({ ...LLM_BASE, 'monitoring/tracing.py': tracing, 'monitoring/alerts.yaml': '# <FILL IN: confirm the thresholds>\n' + alerts }), 'monitoring', { status: 'pass', state: 'incomplete' });
    assertCheck(await scanTree({ ...LLM_BASE, 'monitoring/tracing.py': tracing, 'monitoring/alerts.yaml': alerts }), 'monitoring', { status: 'pass', state: 'present' });
  });

  it('guardrails, tests and ci report their own placeholders (incomplete-when added)', async () => {
    const rails = 'models:\n  - type: main\nrails:\n  input:\n    flows: [self check input]\n  output:\n    flows: [self check output]\n# policy: <FILL IN: topics to refuse>\n';
    assertCheck(await scanTree({ ...LLM_BASE, 'guardrails/config.yml': rails }), 'guardrails', { status: 'pass', state: 'incomplete' });
    const smoke = 'ENTRY = "<FILL IN: entry point, e.g. app.py>"\n\ndef test_entry():\n    assert ENTRY\n';
    assertCheck(await scanTree({ ...ML_BASE, 'tests/test_smoke.py': smoke }), 'tests', { status: 'pass', state: 'incomplete' });
    const workflow = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: python -m pytest -q  # <FILL IN: confirm the test command>\n';
    assertCheck(await scanTree({ ...ML_BASE, '.github/workflows/ci.yml': workflow }), 'ci', { status: 'pass', state: 'incomplete' });
  });
});

function copyFixture(name: string): string {
  const dir = makeTempDir('aipf-one-fix-');
  fs.cpSync(fixturePath('projects', name), dir, { recursive: true });
  return dir;
}

describe('scaffolds applied one at a time satisfy their own check', function () {
  this.timeout(300_000);
  for (const fixture of ['llm-app', 'classic-ml', 'deep-learning']) {
    it(`${fixture}: each fixable check, fixed alone on a fresh copy, passes on re-scan`, async () => {
      const failures: string[] = [];
      const probe = await scan({ root: fixturePath('projects', fixture) });
      const applicable = probe.projects[0].checks.filter((c) => fixableChecks().includes(c.id) && c.status !== 'skip').map((c) => c.id);
      assert.ok(applicable.length >= 9, `checks: ${applicable.join(', ')}`);
      for (const id of applicable) {
        const root = copyFixture(fixture);
        try {
          const project = (await scan({ root })).projects[0];
          const plan = await planFix({ scanRoot: root, project, allowGit: false }, id);
          await applyPlan(root, plan.files);
          const check = (await scan({ root })).projects[0].checks.find((c) => c.id === id)!;
          if (check.status !== 'pass' || !['present', 'incomplete', 'weak'].includes(check.state)) failures.push(show(check));
        } finally {
          fs.rmSync(root, { recursive: true, force: true });
        }
      }
      assert.deepStrictEqual(failures, []);
    });
  }

  it('a scaffolded model card with every placeholder filled in reports present (not incomplete)', async () => {
    const root = copyFixture('classic-ml');
    try {
      const project = (await scan({ root })).projects[0];
      const plan = await planFix({ scanRoot: root, project, allowGit: false }, 'model-card');
      await applyPlan(root, plan.files);
      const card = plan.files[0].path;
      assertCheck(await scan({ root }), 'model-card', { status: 'pass', state: 'incomplete' });
      const text = fs.readFileSync(path.join(root, card), 'utf8');
      assert.ok((text.match(/<FILL IN:/g) ?? []).length >= 5, 'the card has placeholders to fill');
      // A person fills in the placeholders, not text that quotes one in a code span to explain the format.
      fs.writeFileSync(path.join(root, card), text.replace(/(?<!`)<FILL IN:[^>\n]*>(?!`)/g, 'Filled in by the team.'));
      const c = assertCheck(await scan({ root }), 'model-card', { status: 'pass', state: 'present' });
      assert.strictEqual(c.missing, undefined);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
