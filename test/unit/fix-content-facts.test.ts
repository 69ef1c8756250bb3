// Issue 5: facts the scaffolds fill in: model ids (and saying when the model is assumed), the evaluation's target
// and task, a torch-shaped evaluation, entry points and the CI test command; and fixing adds no code findings
// and no frameworks of its own.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { scan } from '../../server/src/engine/scan';
import { applyPlan, fixableChecks, planFix, type PlannedFile } from '../../server/src/engine/fixes';
import { detectEntryPoint, detectLlmProvider } from '../../server/src/engine/fixes/facts';
import { guessTargetColumn } from '../../server/src/engine/fixes/evalTarget';
import { modelIdsInText } from '../../server/src/engine/projects/modelIds';
import type { Project } from '../../server/src/engine/types';
import { fixturePath, makeTempDir, makeTree } from '../helpers';

const hasPython = spawnSync('python3', ['--version']).status === 0;

async function fixAll(root: string): Promise<PlannedFile[]> {
  const project = (await scan({ root })).projects[0];
  const reserved = new Set<string>();
  const files: PlannedFile[] = [];
  for (const id of fixableChecks()) {
    const plan = await planFix({ scanRoot: root, project, allowGit: false, reserved }, id);
    for (const f of plan.files) reserved.add(f.path);
    files.push(...plan.files);
  }
  await applyPlan(root, files);
  return files;
}

function copyFixture(name: string): string {
  const dir = makeTempDir('aipf-facts-');
  fs.cpSync(fixturePath('projects', name), dir, { recursive: true });
  return dir;
}

const content = (files: PlannedFile[], suffix: string) => files.find((f) => f.path.endsWith(suffix))?.content ?? assert.fail(`no ${suffix} in ${files.map((f) => f.path)}`);

describe('fix facts: model ids and assumed models', () => {
  it('finds ids under upper-case, prefixed and camelCase model names, not model files', () => {
    assert.deepStrictEqual(modelIdsInText('MODEL = "gpt-4o-mini-2024-07-18"'), ['gpt-4o-mini-2024-07-18']);
    assert.deepStrictEqual(modelIdsInText('CHAT_MODEL = "claude-3-5-sonnet-20241022"\nconst defaultModelId = "gpt-4.1"'), ['claude-3-5-sonnet-20241022', 'gpt-4.1']);
    assert.deepStrictEqual(modelIdsInText('const MODEL: string = "gemini-1.5-pro-002"'), ['gemini-1.5-pro-002']);
    assert.deepStrictEqual(modelIdsInText('model_path = "models/m-1.pkl"\nMODEL = "model-v2.joblib"\nremodel = "x-1"'), []);
  });

  it('marks a provider default as assumed, a model from code as detected', () => {
    assert.strictEqual(detectLlmProvider({ frameworks: ['openai'], modelIds: [] })?.detected, false);
    assert.strictEqual(detectLlmProvider({ frameworks: ['openai'], modelIds: ['gpt-4o-mini-2024-07-18'] })?.detected, true);
  });

  it('the llm-app fixture: its MODEL constant is used, and fixing adds no code findings', async function () {
    this.timeout(60_000);
    const root = copyFixture('llm-app');
    const before = await scan({ root });
    assert.deepStrictEqual(before.projects[0].modelIds, ['gpt-4o-mini-2024-07-18']);
    assert.deepStrictEqual(before.findings, []);
    const files = await fixAll(root);
    assert.strictEqual(parseYaml(content(files, 'promptfooconfig.yaml')).providers[0].id, 'openai:chat:gpt-4o-mini-2024-07-18');
    assert.doesNotMatch(content(files, 'promptfooconfig.yaml'), /assumed/);
    const after = await scan({ root });
    assert.deepStrictEqual(after.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`), []);
  });

  it('with no model id in the code, scaffolds say the default is assumed and add no code findings', async function () {
    this.timeout(60_000);
    const root = makeTree({
      'pyproject.toml': '[project]\nname = "bot"\nversion = "0.1.0"\ndependencies = ["openai==1.40.0"]\n',
      'app.py': 'import os\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"], timeout=30)\n\n\ndef ask(model_id: str, q: str) -> str:\n    return client.chat.completions.create(model=model_id, messages=[{"role": "user", "content": q}]).choices[0].message.content\n',
    });
    assert.deepStrictEqual((await scan({ root })).findings, []);
    const files = await fixAll(root);
    assert.match(content(files, 'promptfooconfig.yaml'), /# <FILL IN: confirm the model: gpt-4o-mini is assumed \(no model id was found in the code\)>/);
    assert.match(parseYaml(content(files, 'guardrails/config.yml')).models[0].model, /^<FILL IN: the model your code calls: gpt-4o-mini is assumed/);
    assert.match(content(files, 'monitoring/tracing.py'), /assumed: no model id was found/);
    const after = await scan({ root });
    assert.deepStrictEqual(after.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`), []);
    const evals = after.projects[0].checks.find((c) => c.id === 'eval-pipeline')!;
    assert.ok(evals.missing?.some((m) => /confirm the model/.test(m)), 'the assumption is listed to fill in');
  });

  for (const fixture of ['classic-ml', 'deep-learning']) {
    it(`${fixture}: fixing does not add frameworks (generated eval and monitoring code is not evidence)`, async function () {
      this.timeout(60_000);
      const root = copyFixture(fixture);
      const before = (await scan({ root })).projects[0];
      await fixAll(root);
      const after = (await scan({ root })).projects[0];
      assert.deepStrictEqual(after.frameworks, before.frameworks);
      assert.strictEqual(after.aiKind, before.aiKind);
    });
  }
});

describe('fix facts: evaluation target and task', () => {
  it('guesses the target by name (churned, math_score, label) else the last column', () => {
    assert.strictEqual(guessTargetColumn(['customer_id', 'tenure', 'churned', 'plan']).column, 'churned');
    assert.strictEqual(guessTargetColumn(['gender', 'lunch', 'reading_hours', 'math_score']).column, 'math_score');
    assert.strictEqual(guessTargetColumn(['label_id', 'text', 'label']).column, 'label');
    const last = guessTargetColumn(['a', 'b', 'approved']);
    assert.deepStrictEqual([last.column, /last/.test(last.why)], ['approved', true]);
  });

  it('a numeric target with many values gets regression metrics, and the YAML says what was inferred', async () => {
    const rows = ['gender,lunch,reading_hours,math_score'];
    for (let i = 0; i < 60; i++) rows.push(`${i % 2 ? 'f' : 'm'},std,${i % 7},${30 + i}`);
    const root = makeTree({ 'requirements.txt': 'scikit-learn==1.5.0\n', 'train.py': 'from sklearn.linear_model import LinearRegression\n', 'data/test.csv': rows.join('\n') + '\n' });
    const project = (await scan({ root })).projects[0];
    const plan = await planFix({ scanRoot: root, project, allowGit: false }, 'eval-pipeline');
    const text = content(plan.files, 'thresholds.yaml');
    const config = parseYaml(text);
    assert.deepStrictEqual([config.task, config.target_column, config.holdout_data], ['regression', 'math_score', 'data/test.csv']);
    assert.deepStrictEqual(Object.keys(config.thresholds.regression).sort(), ['mae', 'r2', 'rmse']);
    assert.match(text, /^# {3}target_column: math_score \(named like a target\)$/m);
    assert.match(text, /^# {3}task: regression \(integers, 60 distinct values in 60 sampled rows\)$/m);
  });

  it('the classic-ML fixture: target churned, classification', async () => {
    const root = copyFixture('classic-ml');
    const project = (await scan({ root })).projects[0];
    const plan = await planFix({ scanRoot: root, project, allowGit: false }, 'eval-pipeline');
    const config = parseYaml(content(plan.files, 'thresholds.yaml'));
    assert.deepStrictEqual([config.task, config.target_column], ['classification', 'churned']);
  });

  it('the deep-learning fixture gets a torch evaluation: a DataLoader, the project\'s model builder as example, valid Python', async () => {
    const root = copyFixture('deep-learning');
    const project = (await scan({ root })).projects[0];
    const plan = await planFix({ scanRoot: root, project, allowGit: false }, 'eval-pipeline');
    const script = content(plan.files, 'evaluate.py');
    assert.match(script, /DataLoader\(dataset/);
    assert.doesNotMatch(script, /read_csv|pandas/);
    const config = parseYaml(content(plan.files, 'thresholds.yaml'));
    assert.match(config.model_factory, /^<FILL IN: /);
    assert.match(content(plan.files, 'thresholds.yaml'), /e\.g\. "imgcls\.model:build"/);
    if (hasPython) {
      await applyPlan(root, plan.files);
      const file = plan.files.find((f) => f.path.endsWith('.py'))!.path;
      execFileSync('python3', ['-m', 'py_compile', path.join(root, file)], { env: { ...process.env, PYTHONPYCACHEPREFIX: path.join(root, '.pycache-test') } });
    }
  });
});

describe('fix facts: entry points and the CI test command', () => {
  it('never picks a training script, setup.py or a config file; prefers serving modules', () => {
    assert.strictEqual(detectEntryPoint('python', ['bench.py', 'configurator.py', 'config/train_gpt2.py', 'model.py', 'sample.py', 'train.py'], {}), 'model.py');
    assert.strictEqual(detectEntryPoint('python', ['train.py', 'setup.py', 'serve.py'], {}), 'serve.py');
    assert.strictEqual(detectEntryPoint('python', ['train_model.py', 'setup.py', 'settings.py'], {}), undefined);
    assert.strictEqual(detectEntryPoint('node', ['next.config.mjs', 'postcss.config.js', 'app/page.tsx', 'app/layout.tsx'], {}), 'app/page.tsx');
    assert.strictEqual(detectEntryPoint('node', ['next.config.mjs', 'lib/server.js', 'bin/cli.js'], { bin: { tool: './bin/cli.js' } }), 'bin/cli.js');
    assert.strictEqual(detectEntryPoint('node', ['vite.config.ts', 'eslint.config.js', 'lib/run.js'], {}), 'lib/run.js');
  });

  it('the generated CI runs the test runner, not `npm test`, when package.json has no test script', async () => {
    const base = (scripts: Record<string, string>) => ({
      'package.json': JSON.stringify({ name: 'bot', main: 'index.js', scripts, dependencies: { openai: '4.0.0' } }),
      'index.js': "const OpenAI = require('openai');\n", 'next.config.mjs': 'export default {};\n',
    });
    const project: Project = {
      root: '.', name: 'bot', isAiProject: true, aiKind: 'llm-app', kinds: ['llm-app'], frameworks: ['openai'], modelIds: [], datasets: [],
      ciSystems: [], anchor: 'package.json', aiEvidence: [], stage: 'pilot', score: null, checks: [], manifest: 'package.json',
    };
    const ciOf = async (scripts: Record<string, string>) => {
      const root = makeTree(base(scripts));
      const plan = await planFix({ scanRoot: root, project, allowGit: false }, 'ci');
      return parseYaml(plan.files[0].content).jobs['test-and-evaluate'].steps.find((s: { name?: string }) => s.name === 'Tests').run as string;
    };
    assert.strictEqual(await ciOf({}), 'node --test');
    assert.strictEqual(await ciOf({ test: 'echo "Error: no test specified" && exit 1' }), 'node --test');
    assert.strictEqual(await ciOf({ test: 'jest' }), 'npm test');
  });
});
