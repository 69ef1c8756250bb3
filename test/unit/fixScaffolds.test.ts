// Every scaffold for every AI kind: planned at free paths, written, and valid in its own format.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2019 from 'ajv/dist/2019';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { applyPlan, fixableChecks, planFix, type PlannedFile } from '../../server/src/engine/fixes';
import type { Project } from '../../server/src/engine/types';
import { fixturePath, makeTree, repoRoot } from '../helpers';

function project(over: Partial<Project>): Project {
  return {
    root: '.', name: 'demo', isAiProject: true, aiKind: 'llm-app', kinds: [over.aiKind ?? 'llm-app'], frameworks: [], modelIds: [],
    datasets: [], ciSystems: [], anchor: 'README.md', aiEvidence: [], stage: 'pilot', score: null, checks: [], ...over,
  };
}

const CUSTOMERS = fs.readFileSync(fixturePath('fixes', 'customers.csv'), 'utf8');
const odcsSchema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'rules', 'schema', 'odcs-v3-subset.schema.json'), 'utf8'));
const validateOdcs = new Ajv2019({ strict: false, validateFormats: false, allErrors: true }).compile(odcsSchema);
const hasPython = spawnSync('python3', ['--version']).status === 0;

interface Case { name: string; tree: Record<string, string>; project: Project }

const CASES: Case[] = [
  {
    name: 'LLM app (Python, OpenAI, GitHub Actions)',
    tree: { 'app.py': 'from openai import OpenAI\nclient = OpenAI()\n', 'requirements.txt': 'openai==1.40.0\n', '.github/workflows/ci.yml': 'on: push\n' },
    project: project({ name: 'support-bot', frameworks: ['openai'], modelIds: ['gpt-4o-mini-2024-07-18', 'text-embedding-3-small'], ciSystems: ['github-actions'], manifest: 'requirements.txt' }),
  },
  {
    name: 'LLM app (Node, Anthropic, no CI)',
    tree: { 'package.json': JSON.stringify({ name: 'helpdesk', main: 'src/index.js' }), 'src/index.js': "const Anthropic = require('@anthropic-ai/sdk');\n" },
    project: project({ name: 'helpdesk', frameworks: ['@anthropic-ai/sdk'], modelIds: ['claude-3-5-sonnet-20241022'], manifest: 'package.json' }),
  },
  {
    name: 'classic ML in a monorepo folder (sklearn + MLflow, GitLab)',
    tree: {
      'ml/churn/train.py': 'import mlflow\nmlflow.sklearn.log_model(m, "model", registered_model_name="churn-model")\n',
      'ml/churn/requirements.txt': 'scikit-learn==1.5.0\nmlflow==2.14.0\n',
      'ml/churn/data/train.csv': CUSTOMERS, 'ml/churn/data/test.csv': 'age,income,label\n30,1000.5,1\n41,,0\n',
      '.gitlab/merge_request_templates/default.md': 'x\n',
    },
    project: project({
      root: 'ml/churn', name: 'churn', aiKind: 'classic-ml', frameworks: ['mlflow', 'sklearn'], manifest: 'ml/churn/requirements.txt',
      datasets: ['ml/churn/data/train.csv', 'ml/churn/data/test.csv'], ciSystems: ['gitlab-ci'],
    }),
  },
  {
    name: 'deep learning (PyTorch, Kubernetes, JSON Lines data)',
    tree: {
      'pyproject.toml': '[project]\nname = "vision"\n', 'src/vision/__init__.py': 'import torch\n', 'Dockerfile': 'FROM python:3.11\n',
      'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: vision-api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/vision:1.4.2\n',
      'data/labels.jsonl': '{"image": "a.png", "label": 3}\n{"image": "b.png", "label": 1}\n', 'data/weights.parquet': 'PAR1',
    },
    project: project({ name: 'vision', aiKind: 'deep-learning', frameworks: ['torch'], datasets: ['data/labels.jsonl', 'data/weights.parquet'], manifest: 'pyproject.toml' }),
  },
  {
    name: 'LLM app with nothing detected (placeholders)',
    tree: { 'main.py': 'print("hi")\n' },
    project: project({ name: 'bare' }),
  },
];

async function planAll(root: string, p: Project): Promise<{ files: PlannedFile[]; skipped: Record<string, string> }> {
  const reserved = new Set<string>();
  const files: PlannedFile[] = [];
  const skipped: Record<string, string> = {};
  for (const id of fixableChecks()) {
    const plan = await planFix({ scanRoot: root, project: p, allowGit: false, reserved }, id);
    if (plan.skippedReason) skipped[id] = plan.skippedReason;
    for (const f of plan.files) {
      reserved.add(f.path);
      files.push(f);
    }
  }
  return { files, skipped };
}

/** Throws with the file name when a written file is not valid in its format. */
function validate(root: string, f: PlannedFile): void {
  const abs = path.join(root, f.path);
  const text = fs.readFileSync(abs, 'utf8');
  assert.strictEqual(text, f.content);
  assert.doesNotMatch(text, /<FILL IN(?!: [^<>\n]+>)/, `${f.path}: placeholder not in the <FILL IN: …> form`);
  if (/\.ya?ml$/.test(f.path)) {
    for (const doc of parseAllDocuments(text)) assert.deepStrictEqual(doc.errors.map(e => e.message), [], f.path);
  }
  if (f.path.endsWith('.odcs.yaml')) assert.ok(validateOdcs(parseYaml(text)), `${f.path}: ${JSON.stringify(validateOdcs.errors)}`);
  if (f.path.endsWith('.json')) JSON.parse(text);
  if (f.path.endsWith('.sh')) execFileSync('bash', ['-n', abs]);
  if (f.path.endsWith('.js')) execFileSync(process.execPath, ['--check', abs]);
  if (f.path.endsWith('.py') && hasPython) execFileSync('python3', ['-m', 'py_compile', abs], { env: { ...process.env, PYTHONPYCACHEPREFIX: path.join(root, '..', 'pycache-' + path.basename(root)) } });
  if (/(^|\/)CODEOWNERS$/.test(f.path)) {
    for (const line of text.split('\n').filter(l => l.trim() && !l.startsWith('#'))) assert.ok(line.trim().split(/\s+/).length >= 2, `${f.path}: "${line}" has no owner`);
  }
}

describe('fixes: scaffolds for every kind', () => {
  it('offers scaffolds for the project-level checks, none for pinned-dependencies', async () => {
    assert.deepStrictEqual([...fixableChecks()].sort(), ['business-metric', 'ci', 'data-contract', 'eval-pipeline', 'guardrails', 'human-fallback', 'model-card', 'monitoring', 'ownership', 'rollback', 'tests']);
    const root = makeTree({});
    const pinned = await planFix({ scanRoot: root, project: project({}), allowGit: false }, 'pinned-dependencies');
    assert.deepStrictEqual(pinned.files, []);
    assert.match(pinned.skippedReason ?? '', /uv lock/);
  });

  for (const c of CASES) {
    it(`${c.name}: plans free paths, writes them, every file valid`, async () => {
      const root = makeTree(c.tree);
      const { files, skipped } = await planAll(root, c.project);
      assert.ok(files.length >= 14, `only ${files.length} files; skipped: ${JSON.stringify(skipped)}`);
      assert.strictEqual(new Set(files.map(f => f.path)).size, files.length, 'no path planned twice');
      for (const f of files) assert.ok(!fs.existsSync(path.join(root, f.path)), `${f.path} already existed`);
      const before = Object.fromEntries(Object.entries(c.tree).map(([p]) => [p, fs.readFileSync(path.join(root, p), 'utf8')]));
      const result = await applyPlan(root, files);
      assert.deepStrictEqual(result.skipped, []);
      for (const f of files) validate(root, f);
      for (const [p, content] of Object.entries(before)) assert.strictEqual(fs.readFileSync(path.join(root, p), 'utf8'), content, `${p} changed`);
      if (c.project.aiKind !== 'llm-app') assert.ok(skipped.guardrails, 'guardrails skipped for non-LLM projects');

      // Planning again never targets an existing file: an alternative location or a reason.
      const again = await planAll(root, c.project);
      for (const f of again.files) assert.ok(!fs.existsSync(path.join(root, f.path)), `re-plan targets existing ${f.path}`);
    });
  }

  it('fills facts into the LLM app scaffolds (provider, model, rails, alerts, CI)', async () => {
    const c = CASES[0];
    const root = makeTree(c.tree);
    const { files } = await planAll(root, c.project);
    const get = (p: string) => files.find(f => f.path === p)?.content ?? assert.fail(`no ${p} in ${files.map(f => f.path)}`);
    const config = parseYaml(get('evals/promptfooconfig.yaml'));
    assert.strictEqual(config.providers[0].id, 'openai:chat:gpt-4o-mini-2024-07-18');
    assert.strictEqual(config.tests, 'file://golden.yaml');
    const golden = parseYaml(get('evals/golden.yaml'));
    assert.ok(Array.isArray(golden) && golden.length >= 3 && golden.every((t: { assert: unknown[] }) => t.assert.length > 0));
    assert.match(get('evals/prompt.txt'), /\{\{question\}\}/);
    const rails = parseYaml(get('guardrails/config.yml'));
    assert.deepStrictEqual([rails.models[0].engine, rails.models[0].model], ['openai', 'gpt-4o-mini-2024-07-18']);
    assert.ok(rails.rails.input.flows.length > 0 && rails.rails.output.flows.length > 0);
    const alerts = parseYaml(get('monitoring/alerts.yaml'));
    assert.deepStrictEqual(alerts.groups[0].rules.map((r: { alert: string }) => r.alert), ['LlmLatencyP95High', 'LlmErrorRateHigh', 'LlmTokenCostHigh', 'LlmFallbackRateHigh', 'LlmRefusalRateHigh']);
    const workflow = parseYaml(get('.github/workflows/ai-preflight.yml'));
    const steps = JSON.stringify(workflow.jobs);
    assert.match(steps, /npx ai-preflight scan \\".\\" --format sarif --output ai-preflight.sarif/);
    assert.match(steps, /github\/codeql-action\/upload-sarif/);
    assert.match(steps, /pip install -r requirements.txt/);
    assert.match(steps, /secrets.OPENAI_API_KEY/);
    assert.ok(files.some(f => f.path === '.github/workflows/evals.yml'), 'eval CI step when GitHub Actions exists');
    assert.match(get('tests/test_smoke.py'), /PROJECT_ROOT \/ "app.py"/);
    const card = get('MODEL_CARD.md');
    for (const h of ['Model details', 'Intended use', 'Out-of-scope use', 'Factors', 'Metrics', 'Evaluation data', 'Training data', 'Ethical considerations', 'Caveats and recommendations']) assert.match(card, new RegExp(`^## ${h}$`, 'm'));
    assert.match(card, /`gpt-4o-mini-2024-07-18`/);
    assert.match(card, /`openai`/);
  });

  it('fills facts into the classic-ML scaffolds (contracts from CSV, holdout, MLflow rollback, GitLab CI, CODEOWNERS place)', async () => {
    const c = CASES[2];
    const root = makeTree(c.tree);
    const { files } = await planAll(root, c.project);
    const get = (p: string) => files.find(f => f.path === p)?.content ?? assert.fail(`no ${p} in ${files.map(f => f.path)}`);
    const contract = parseYaml(get('ml/churn/contracts/train.odcs.yaml'));
    assert.strictEqual(contract.kind, 'DataContract');
    assert.match(contract.apiVersion, /^v3\./);
    assert.deepStrictEqual(contract.schema[0].properties.map((p: { name: string }) => p.name), CUSTOMERS.split('\r\n')[0].split(','));
    assert.deepStrictEqual(contract.schema[0].properties.find((p: { name: string }) => p.name === 'age'), { name: 'age', logicalType: 'integer', physicalType: 'int64', required: false });
    assert.ok(files.some(f => f.path === 'ml/churn/contracts/test.odcs.yaml'));
    const thresholds = parseYaml(get('ml/churn/evals/thresholds.yaml'));
    assert.deepStrictEqual([thresholds.holdout_data, thresholds.target_column], ['data/test.csv', 'label']);
    assert.match(get('ml/churn/monitoring/drift_job.py'), /DEFAULT_REFERENCE = "data\/train.csv"/);
    const script = get('ml/churn/scripts/rollback.sh');
    assert.match(script, /set -euo pipefail/);
    assert.match(script, /--dry-run/);
    assert.match(script, /set_registered_model_alias/);
    assert.match(script, /MODEL_NAME:-churn-model/);
    const gitlab = parseYaml(get('.gitlab-ci.yml'));
    assert.deepStrictEqual(gitlab['test-and-evaluate'].script.slice(0, 2), ["cd 'ml/churn'", 'pip install -r requirements.txt && pip install pytest']);
    assert.ok(files.some(f => f.path === '.gitlab/CODEOWNERS' && /^# \/ml\/churn\/ @your-org/m.test(f.content)), 'the rule goes into the repository-level .gitlab/CODEOWNERS');
    const runbook = get('ml/churn/docs/runbooks/rollback.md');
    for (const h of ['Trigger', 'Decision owner', 'Steps', 'Verification', 'Communication']) assert.match(runbook, new RegExp(`^## ${h}$`, 'm'));
  });

  it('deep learning: image-tag rollback from the Kubernetes manifest; JSON Lines contract; skeleton-free', async () => {
    const c = CASES[3];
    const root = makeTree(c.tree);
    const { files } = await planAll(root, c.project);
    const script = files.find(f => f.path === 'scripts/rollback.sh')?.content ?? '';
    assert.match(script, /DEPLOYMENT:-vision-api/);
    assert.match(script, /IMAGE:-ghcr.io\/acme\/vision\}/);
    assert.match(script, /rollout undo/);
    const labels = parseYaml(files.find(f => f.path === 'contracts/labels.odcs.yaml')?.content ?? '');
    assert.deepStrictEqual(labels.schema[0].properties.map((p: { logicalType: string }) => p.logicalType), ['string', 'integer']);
    const parquet = parseYaml(files.find(f => f.path === 'contracts/weights.odcs.yaml')?.content ?? '');
    assert.match(parquet.schema[0].properties[0].name, /<FILL IN: /);
  });

  it('with no dataset writes a commented ODCS skeleton; with no provider a placeholder provider', async () => {
    const c = CASES[4];
    const root = makeTree(c.tree);
    const { files } = await planAll(root, c.project);
    const skeleton = files.find(f => f.path === 'contracts/bare.odcs.yaml')?.content ?? '';
    assert.match(skeleton, /^# /m);
    assert.ok(validateOdcs(parseYaml(skeleton)));
    assert.match(files.find(f => f.path === 'evals/promptfooconfig.yaml')?.content ?? '', /id: "<FILL IN: promptfoo provider id/);
  });

  it('picks an alternative location when the usual one is taken, then gives a reason', async () => {
    const root = makeTree({ 'MODEL_CARD.md': 'x', 'docs/MODEL_CARD.md': 'x', 'app.py': '' });
    const p = project({});
    const first = await planFix({ scanRoot: root, project: p, allowGit: false }, 'model-card');
    assert.deepStrictEqual(first.files.map(f => f.path), ['docs/model-card.md']);
    fs.writeFileSync(path.join(root, 'docs/model-card.md'), 'x');
    const second = await planFix({ scanRoot: root, project: p, allowGit: false }, 'model-card');
    assert.deepStrictEqual(second.files, []);
    assert.match(second.skippedReason ?? '', /already exists/);
  });
});
