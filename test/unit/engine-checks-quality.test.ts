// Per-check fixtures, quality side: eval-pipeline, tests, ci, pinned-dependencies.
// Each check: a present case, an absent case, and look-alikes that must not count (SPEC §5).
import * as assert from 'assert';
import { assertCheck, itCases, LLM_BASE, ML_BASE, scanTree } from './engine-support.test';
import { filterPatternToRegExp, filterTriggersOn, workflowTriggers } from '../../server/src/engine/detectors/githubTriggers';

const notebook = (cells: string[][]) => JSON.stringify({
  cells: cells.map((source) => ({ cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source })),
  metadata: {}, nbformat: 4, nbformat_minor: 5,
});

describe('check eval-pipeline', () => {
  itCases('eval-pipeline', [
    {
      name: 'a promptfoo config with prompts and tests',
      files: { 'evals/promptfooconfig.yaml': 'prompts:\n  - file://prompts/reply.txt\nproviders:\n  - openai:gpt-4o-mini-2024-07-18\ntests:\n  - vars: { question: "Where is my order 123?" }\n    assert:\n      - type: contains\n        value: "123"\n' },
      status: 'pass', evidence: 'evals/promptfooconfig.yaml',
    },
    {
      name: 'an evaluation script scoring a hold-out set',
      base: ML_BASE,
      files: { 'evaluate.py': 'import pandas as pd\nfrom sklearn.metrics import roc_auc_score\n\nframe = pd.read_csv("holdout.csv")\nprint(roc_auc_score(frame["y"], frame["p"]))\n' },
      status: 'pass', evidence: 'evaluate.py',
    },
    {
      name: 'a model-quality test with a metric threshold',
      base: ML_BASE,
      files: { 'tests/test_quality.py': 'from train import fit\n\ndef test_auc_above_floor():\n    auc = 0.83\n    assert auc >= 0.8\n' },
      status: 'pass', evidence: 'tests/test_quality.py',
    },
    {
      name: 'an evaluate stage in dvc.yaml',
      base: ML_BASE,
      files: { 'dvc.yaml': 'stages:\n  train:\n    cmd: python train.py\n  evaluate:\n    cmd: python score_model.py\n    deps: [model.joblib]\n' },
      status: 'pass', evidence: 'dvc.yaml',
    },
    {
      name: "a benchmark scoring the agent against gold answers loaded by the project's own helper",
      files: {
        'app/benchmark.py': [
          'from rag.router import answer',
          'from data.loaders import load_jeebench_dataset',
          '',
          'def benchmark(limit=10):',
          '    df = load_jeebench_dataset().head(limit)',
          '    correct = 0',
          '    for _, row in df.iterrows():',
          '        correct += row["gold"].lower() in answer(row["question"]).lower()',
          '    accuracy = correct / len(df) * 100',
          '    return accuracy',
          '',
        ].join('\n'),
      },
      status: 'pass', evidence: 'app/benchmark.py',
    },
    {
      name: 'a batch scoring script that imports a metric and never uses it',
      base: ML_BASE,
      files: { 'batch/score.py': 'import sys\nimport pandas as pd\nfrom sklearn.metrics import mean_squared_error\n\ndef run(path):\n    df = pd.read_parquet(path)\n    return model.predict(df)\n\nif __name__ == "__main__":\n    run(sys.argv[1])\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a scoring script that uses the metric it imports',
      base: ML_BASE,
      files: { 'batch/score.py': 'import pandas as pd\nfrom sklearn.metrics import mean_squared_error\n\ndf = pd.read_parquet("holdout.parquet")\nprint(mean_squared_error(df.y, model.predict(df)))\n' },
      status: 'pass', evidence: 'batch/score.py',
    },
    {
      name: 'Opik imported for tracing only (its evaluation module is the eval library)',
      files: { 'app/tracing.py': 'import opik\nfrom opik.integrations.openai import track_openai\n\nopik.configure(use_local=True)\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: "an Opik evaluation",
      files: { 'evals/run.py': 'from opik.evaluation import evaluate\nfrom opik.evaluation.metrics import Hallucination\n\nevaluate(dataset=ds, task=answer, scoring_metrics=[Hallucination()])\n' },
      status: 'pass', evidence: 'evals/run.py',
    },
    {
      name: "a detector's val.py computing mAP on the validation set",
      base: ML_BASE,
      files: { 'val.py': 'import argparse\nimport torch\n\ndef run(data, weights):\n    stats = evaluate(model, loader)\n    mp, mr, map50, map50_95 = stats\n    print(f"mAP50={map50:.3f} mAP50-95={map50_95:.3f}")\n    return map50_95\n\nif __name__ == "__main__":\n    run(**vars(argparse.ArgumentParser().parse_args()))\n' },
      status: 'pass', evidence: 'val.py',
    },
    { name: 'no evaluation', files: {}, status: 'fail', state: 'absent' },
    {
      name: 'a one-cell notebook printing accuracy',
      base: ML_BASE,
      files: { 'notebooks/explore.ipynb': notebook([['from sklearn.metrics import accuracy_score\n', 'print(accuracy_score(y_test, model.predict(X_test)))\n']]) },
      status: 'fail', state: 'absent',
    },
    {
      name: 'tests that only check prompt text',
      files: { 'tests/test_prompt.py': 'from app.bot import reply\n\ndef test_prompt_mentions_orders():\n    prompt = "Answer questions about orders"\n    assert "orders" in prompt\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: 'asserts on access tokens, counts and ranking scores (not quality metrics)',
      files: {
        'tests/test_cookie.py': 'def test_chunks(client):\n    assert len([k for k in client.cookies if k.startswith("access_token_")]) > 1\n',
        'tests/test_rerank.py': 'from app.rerank import normalize\n\ndef test_normalized():\n    score = normalize(3.2)\n    assert score > 0.5\n',
        'tests/test_transform.py': 'def test_scaled(row):\n    assert abs(row["processed_acc_rate"] - row["acc_rate"] * 1.5) < 1e-6\n',
      },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a metric with a suffix after an underscore still counts',
      base: ML_BASE,
      files: { 'tests/test_model.py': 'from sklearn.metrics import f1_score\n\ndef test_macro_f1(model, X, y):\n    f1_macro = f1_score(y, model.predict(X), average="macro")\n    assert f1_macro >= 0.7\n' },
      status: 'pass', evidence: 'tests/test_model.py',
    },
    {
      name: 'a speed benchmark',
      files: { 'benchmark_latency.py': 'import time\nfrom app.bot import reply\n\nstart = time.perf_counter()\nreply("hi")\nprint(f"latency: {time.perf_counter() - start:.2f}s")\n' },
      status: 'fail', state: 'absent',
    },
  ]);
});

describe('check tests', () => {
  itCases('tests', [
    { name: 'pytest test functions', files: { 'tests/test_bot.py': 'from app.bot import reply\n\ndef test_reply_is_callable():\n    assert callable(reply)\n' }, status: 'pass', state: 'present', evidence: 'tests/test_bot.py' },
    { name: 'a unittest TestCase', files: { 'app/test_units.py': 'import unittest\n\nclass BotTest(unittest.TestCase):\n    def test_x(self):\n        self.assertTrue(True)\n' }, status: 'pass', evidence: 'app/test_units.py' },
    {
      name: 'a vitest spec in a TS LLM app',
      base: { 'package.json': JSON.stringify({ name: 'chat', dependencies: { openai: '4.56.0' } }), 'src/chat.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI({ timeout: 10_000 });\n" },
      files: { 'src/chat.test.ts': "import { describe, it, expect } from 'vitest';\nimport { client } from './chat';\n\ndescribe('chat', () => {\n  it('has a client', () => expect(client).toBeDefined());\n});\n" },
      status: 'pass', evidence: 'src/chat.test.ts',
    },
    {
      name: 'vitest in-source tests beside the code they test',
      base: { 'package.json': JSON.stringify({ name: 'chat', dependencies: { openai: '4.56.0' } }), 'src/chat.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI({ timeout: 10_000 });\n" },
      files: { 'src/snippets.ts': "export const greet = (name: string) => `hi ${name}`;\n\nif (import.meta.vitest) {\n  const { describe, expect, it } = import.meta.vitest;\n  describe('greet', () => {\n    it('greets', () => expect(greet('a')).toBe('hi a'));\n  });\n}\n" },
      status: 'pass', evidence: 'src/snippets.ts',
    },
    {
      name: 'code that only reads import.meta.env, and a vitest config',
      base: { 'package.json': JSON.stringify({ name: 'chat', dependencies: { openai: '4.56.0' } }), 'src/chat.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI({ timeout: 10_000 });\n" },
      files: { 'src/env.ts': "export const mode = import.meta.env.MODE;\n", 'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { includeSource: ['src/**/*.ts'] } });\n" },
      status: 'fail', state: 'absent',
    },
    { name: 'no tests', files: {}, status: 'fail', state: 'absent' },
    {
      name: 'a TestCase base class with no test methods, and a test_ script that only prints',
      files: {
        'tests/test_utils.py': 'import unittest\n\nclass ExampleTestBase(unittest.TestCase):\n    def setUp(self):\n        self.app = make_app()\n',
        'scripts/test_tracker.py': 'def test_tracker():\n    print(run_tracker())\n\nif __name__ == "__main__":\n    test_tracker()\n',
      },
      status: 'fail', state: 'absent',
    },
    { name: 'a data file named test_data.csv', files: { 'data/test_data.csv': 'question,answer\nwhere is my order,on its way\n' }, status: 'fail', state: 'absent' },
    { name: 'a tests/ folder with only .gitkeep', files: { 'tests/.gitkeep': '' }, status: 'fail', state: 'absent' },
    {
      name: 'a test.py that only sends a request with requests.post',
      files: { 'test.py': 'import requests\n\nr = requests.post("http://localhost:8000/reply", json={"question": "hi"}, timeout=10)\nprint(r.status_code, r.json())\n' },
      status: 'fail', state: 'absent',
    },
    { name: 'an empty test_bot.py', files: { 'tests/test_bot.py': '' }, status: 'fail', state: 'absent' },
  ]);

  it("a Python test suite above a TypeScript package does not test it, and the package's own specs do", async () => {
    const tree = {
      ...LLM_BASE,
      'tests/test_bot.py': 'from app.bot import reply\n\ndef test_reply():\n    assert reply("hi")\n',
      'ui/package.json': JSON.stringify({ name: 'ui', dependencies: { openai: '^4.56.0' } }),
      'ui/src/chat.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI({ timeout: 30_000 });\n",
    };
    const before = await scanTree(tree);
    assertCheck(before, 'tests', { status: 'pass' }, '.');
    assertCheck(before, 'tests', { status: 'fail' }, 'ui');
    const after = await scanTree({ ...tree, 'ui/src/chat.test.ts': "import { test } from 'vitest';\nimport { client } from './chat';\ntest('client', () => { if (!client) throw new Error(); });\n" });
    assert.deepStrictEqual(assertCheck(after, 'tests', { status: 'pass' }, 'ui').evidence.map((e) => e.file), ['ui/src/chat.test.ts']);
  });
});

const WORKFLOW = (run: string) => `name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -e .\n      - run: ${run}\n`;

describe('check ci', () => {
  itCases('ci', [
    { name: 'GitHub Actions running pytest', files: { '.github/workflows/ci.yml': WORKFLOW('pytest -q') }, status: 'pass', state: 'present', evidence: '.github/workflows/ci.yml' },
    { name: 'GitLab CI running tests', files: { '.gitlab-ci.yml': 'stages: [test]\ntest:\n  stage: test\n  script:\n    - python -m pytest\n' }, status: 'pass', state: 'present', evidence: '.gitlab-ci.yml' },
    { name: "GitHub Actions running Node's built-in test runner", files: { '.github/workflows/ci.yml': WORKFLOW('node --test') }, status: 'pass', state: 'present', evidence: '.github/workflows/ci.yml' },
    { name: 'CI that runs no tests (weak)', files: { '.github/workflows/lint.yml': WORKFLOW('ruff check .') }, status: 'pass', state: 'weak', evidence: '.github/workflows/lint.yml' },
    { name: 'no CI', files: {}, status: 'fail', state: 'absent' },
    { name: 'an issue template under .github/', files: { '.github/ISSUE_TEMPLATE/bug.yml': 'name: Bug\nbody:\n  - type: textarea\n' }, status: 'fail', state: 'absent' },
    { name: 'an empty workflow file', files: { '.github/workflows/ci.yml': '' }, status: 'fail', state: 'absent' },
    {
      name: 'only a stale-issue bot and an issue triager (issue events, not code)',
      files: {
        '.github/workflows/stale.yml': 'name: stale\non:\n  issues:\n    types: [opened]\n  issue_comment:\njobs:\n  stale:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/stale@v9\n',
        '.github/workflows/triage.yaml': 'name: triage\non: issues\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo triage\n',
      },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a stale bot on a nightly schedule (its only step is actions/stale)',
      files: { '.github/workflows/stale.yml': "name: stale\non:\n  schedule:\n    - cron: '30 1 * * *'\n  workflow_dispatch:\njobs:\n  stale:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/stale@v9\n        with:\n          days-before-stale: 30\n" },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a nightly README sponsors update (checkout, then the sponsors action)',
      files: { '.github/workflows/sponsors.yml': "name: sponsors\non:\n  workflow_dispatch:\n  schedule:\n    - cron: 0 0 * * *\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: JamesIves/github-sponsors-readme-action@v1.2.2\n        with:\n          file: README.md\n" },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a notebook clean-up run on approved reviews, also startable by hand (review events, not code)',
      files: { '.github/workflows/cleanup.yml': "name: clean\non:\n  pull_request_review:\n    types: [submitted]\n  workflow_dispatch:\njobs:\n  fix:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: python -m tools.fix_notebooks\n" },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a workflow run only by hand is still CI',
      files: { '.github/workflows/manual.yml': "name: manual\non:\n  workflow_dispatch:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest -q\n" },
      status: 'pass', state: 'present', evidence: '.github/workflows/manual.yml',
    },
    {
      name: 'a bot beside a real workflow: the real one is the evidence',
      files: {
        '.github/workflows/stale.yml': 'name: stale\non: [issues]\njobs:\n  stale:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/stale@v9\n',
        '.github/workflows/ci.yml': WORKFLOW('pytest -q'),
      },
      status: 'pass', state: 'present', evidence: '.github/workflows/ci.yml',
    },
  ]);

  it('a bot workflow beside a real one is not evidence', async () => {
    const c = assertCheck(await scanTree({
      ...LLM_BASE,
      '.github/workflows/stale.yml': 'name: stale\non: [issues, issue_comment]\njobs:\n  stale:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/stale@v9\n',
      '.github/workflows/ci.yml': WORKFLOW('pytest -q'),
    }), 'ci', { status: 'pass', state: 'present' });
    assert.deepStrictEqual(c.evidence.map((e) => e.file), ['.github/workflows/ci.yml']);
  });

  it('the message says whether CI runs tests and evals', async () => {
    const runsTests = assertCheck(await scanTree({ ...LLM_BASE, '.github/workflows/ci.yml': WORKFLOW('pytest') }), 'ci', { status: 'pass' });
    assert.match(runsTests.message, /runs tests/);
    assert.match(runsTests.message, /does not run evals/);
    const runsBoth = assertCheck(await scanTree({ ...LLM_BASE, '.github/workflows/ci.yml': WORKFLOW('pytest && npx promptfoo eval -c evals/promptfooconfig.yaml') }), 'ci', { status: 'pass', state: 'present' });
    assert.match(runsBoth.message, /runs tests and runs evals/);
    const weak = assertCheck(await scanTree({ ...LLM_BASE, '.github/workflows/ci.yml': WORKFLOW('ruff check .') }), 'ci', { status: 'pass', state: 'weak' });
    assert.match(weak.message, /runs no tests/);
  });
});

describe('check ci: the scripts a workflow calls', () => {
  it('a workflow running a script that runs pytest runs tests', async () => {
    const c = assertCheck(await scanTree({ ...LLM_BASE, '.github/workflows/ci.yml': WORKFLOW('./scripts/ci.sh'), 'scripts/ci.sh': '#!/bin/sh\nset -e\nruff check .\npytest -q\n' }), 'ci', { status: 'pass', state: 'present' });
    assert.match(c.message, /ci\.yml:\d+ \(runs pytest \(in scripts\/ci\.sh\)\)/);
  });

  it('two steps deep: a job spec handed to a runner, whose entrypoint runs the tests', async () => {
    const c = assertCheck(await scanTree({
      ...LLM_BASE,
      '.github/workflows/workloads.yml': WORKFLOW('anyscale jobs submit deploy/jobs/workloads.yaml --wait'),
      'deploy/jobs/workloads.yaml': 'name: workloads\nentrypoint: bash deploy/jobs/workloads.sh\n',
      'deploy/jobs/workloads.sh': '#!/bin/bash\npython -m pytest tests/code --verbose\npython app/evaluate.py --run-id "$RUN_ID"\n',
    }), 'ci', { status: 'pass', state: 'present' });
    assert.match(c.message, /runs tests and runs evals/);
    assert.match(c.message, /in deploy\/jobs\/workloads\.sh/);
  });

  it('a called script that runs no tests, or a named script that does not exist, leaves the CI weak', async () => {
    for (const files of <Record<string, string>[]>[{ 'scripts/lint.sh': '#!/bin/sh\nruff check .\n' }, {}]) {
      assertCheck(await scanTree({ ...LLM_BASE, ...files, '.github/workflows/ci.yml': WORKFLOW('./scripts/lint.sh') }), 'ci', { status: 'pass', state: 'weak' });
    }
  });
});

describe('check ci: path filters of GitHub workflows', () => {
  const filtered = (trigger: string, run: string) => `name: web\non:\n${trigger}jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n`;
  // Two projects side by side: a Python LLM service and a Next.js app with its own workflow.
  const MONOREPO: Record<string, string> = {
    'service/pyproject.toml': LLM_BASE['pyproject.toml'],
    'service/app/bot.py': LLM_BASE['app/bot.py'],
    'web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '15.0.0', ai: '4.0.0', '@ai-sdk/openai': '1.0.0' } }),
    'web/app/route.ts': 'import { openai } from "@ai-sdk/openai";\nimport { generateText } from "ai";\nexport async function POST() {\n  return generateText({ model: openai("gpt-4o-mini-2024-07-18"), prompt: "hi" });\n}\n',
  };

  it('a workflow filtered to one folder is CI for the project there, not for the one beside it', async () => {
    const result = await scanTree({ ...MONOREPO, '.github/workflows/web.yml': filtered("  push:\n    paths: ['web/**']\n  pull_request:\n    paths:\n      - 'web/**'\n", 'npm test') });
    const web = assertCheck(result, 'ci', { status: 'pass', state: 'present' }, 'web');
    assert.match(web.message, /runs tests/);
    const service = assertCheck(result, 'ci', { status: 'fail', state: 'absent' }, 'service');
    assert.match(service.message, /Not counted for this project: web\.yml \(runs only for changes to web\/\*\*\)/);
  });

  it('paths-ignore leaves a workflow to every project with a file it does not ignore', async () => {
    const result = await scanTree({ ...MONOREPO, '.github/workflows/ci.yml': filtered("  pull_request:\n    paths-ignore: ['docs/**', '**.md']\n", 'pytest') });
    assertCheck(result, 'ci', { status: 'pass', state: 'present' }, 'service');
    assertCheck(result, 'ci', { status: 'pass', state: 'present' }, 'web');
  });

  it('a filtered workflow beside an unfiltered one that runs no tests: weak, and the message names the filtered one', async () => {
    const result = await scanTree({
      ...MONOREPO,
      '.github/workflows/web.yml': filtered("  pull_request:\n    paths: ['web/**', '!web/**.md']\n", 'npm test'),
      '.github/workflows/lint.yml': filtered('  push:\n  pull_request:\n', 'ruff check .'),
    });
    const service = assertCheck(result, 'ci', { status: 'pass', state: 'weak' }, 'service');
    assert.deepStrictEqual(service.evidence.map((e) => e.file), ['.github/workflows/lint.yml']);
    assert.match(service.message, /runs no tests.*Not counted.*web\.yml/);
    // A project whose CI runs its tests needs no word on the workflows of other folders.
    assert.doesNotMatch(assertCheck(result, 'ci', { status: 'pass', state: 'present' }, 'web').message, /Not counted/);
  });

  it('a reusable workflow counts where a caller runs it, not on its own', async () => {
    const reusable = 'name: build\non:\n  workflow_call:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pytest -q\n';
    const caller = (trigger: string) => `name: ci\non:\n${trigger}jobs:\n  build:\n    uses: ./.github/workflows/reusable_build.yml\n`;
    assertCheck(await scanTree({ ...LLM_BASE, '.github/workflows/reusable_build.yml': reusable }), 'ci', { status: 'fail', state: 'absent' });
    const called = assertCheck(await scanTree({ ...LLM_BASE, '.github/workflows/reusable_build.yml': reusable, '.github/workflows/ci.yml': caller('  pull_request:\n') }), 'ci', { status: 'pass', state: 'present' });
    assert.deepStrictEqual(called.evidence.map((e) => e.file), ['.github/workflows/ci.yml']);
    assert.match(called.message, /runs pytest \(in \.github\/workflows\/reusable_build\.yml\)/);
    // Called only by a workflow filtered to another folder: no CI for the service.
    const result = await scanTree({ ...MONOREPO, '.github/workflows/reusable_build.yml': reusable, '.github/workflows/ci.yml': caller("  pull_request:\n    paths: ['web/**']\n") });
    assertCheck(result, 'ci', { status: 'fail', state: 'absent' }, 'service');
  });

  it('a filter on .github/** is started by edits to workflows, not by the project', async () => {
    const result = await scanTree({ ...LLM_BASE, '.github/workflows/web.yml': filtered("  pull_request:\n    paths: ['.github/**', 'web/**']\n", 'pytest') });
    assertCheck(result, 'ci', { status: 'fail', state: 'absent' });
  });

  it('a workflow whose path filter names another workflow does not run that workflow', async () => {
    const tests = filtered('  pull_request:\n    paths: [\'web/**\']\n', 'pytest -q');
    const lint = filtered("  pull_request:\n    paths:\n      - 'service/**'\n      - .github/workflows/test.yml\n", 'ruff check .');
    const service = assertCheck(await scanTree({ ...MONOREPO, '.github/workflows/test.yml': tests, '.github/workflows/lint.yml': lint }), 'ci', { status: 'pass', state: 'weak' }, 'service');
    assert.doesNotMatch(service.message, /runs pytest/);
  });

  it("a workflow's steps that run in another project's folder (working-directory) do not test this one", async () => {
    const wf = (defaults: string, steps: string) => `name: ci\non: [push, pull_request]\n${defaults}jobs:\n  test:\n    runs-on: ubuntu-latest\n${steps}`;
    // Every step in web/: not CI for the service, and the message says where the steps run.
    const inWeb = wf('defaults:\n  run:\n    working-directory: web\n', '    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n');
    const result = await scanTree({ ...MONOREPO, '.github/workflows/ci.yml': inWeb });
    assertCheck(result, 'ci', { status: 'pass', state: 'present' }, 'web');
    assert.match(assertCheck(result, 'ci', { status: 'fail', state: 'absent' }, 'service').message, /ci\.yml \(runs its steps in web\)/);
    // A lint step at the root and pytest in web/: CI for the service, but its tests are not.
    const mixed = wf('', "    steps:\n      - run: ruff check .\n      - run: pytest -q\n        working-directory: ./web\n");
    assertCheck(await scanTree({ ...MONOREPO, '.github/workflows/ci.yml': mixed }), 'ci', { status: 'pass', state: 'weak' }, 'service');
    // Matrix folders are expanded: one of them is the service.
    const matrix = wf('', "    strategy:\n      matrix:\n        package: [web, service]\n    defaults:\n      run:\n        working-directory: ${{ matrix.package }}\n    steps:\n      - run: pytest -q\n");
    assertCheck(await scanTree({ ...MONOREPO, '.github/workflows/ci.yml': matrix }), 'ci', { status: 'pass', state: 'present' }, 'service');
    const matrixElsewhere = matrix.replace('[web, service]', '[web, docs]');
    assertCheck(await scanTree({ ...MONOREPO, '.github/workflows/ci.yml': matrixElsewhere }), 'ci', { status: 'fail', state: 'absent' }, 'service');
    // A directory written with another expression is not knowable here: it covers every project, as before.
    const unknown = wf('', "    steps:\n      - run: pytest -q\n        working-directory: ${{ inputs.dir }}\n");
    assertCheck(await scanTree({ ...MONOREPO, '.github/workflows/ci.yml': unknown }), 'ci', { status: 'pass', state: 'present' }, 'service');
  });

  it("a release step in the root does not make another package's publish workflow this project's CI", async () => {
    const publish = "name: web release\non: [push]\ndefaults:\n  run:\n    working-directory: web\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: git config --global user.name bot\n      - run: npm publish\n      - run: (git pull --rebase && git push) || git push origin \"$TAG\"\n        working-directory: .\n      - name: Release\n        run: gh release create \"$TAG\"\n        working-directory: .\n";
    const result = await scanTree({ ...MONOREPO, '.github/workflows/web-publish.yml': publish });
    assertCheck(result, 'ci', { status: 'pass' }, 'web');
    assert.match(assertCheck(result, 'ci', { status: 'fail', state: 'absent' }, 'service').message, /web-publish\.yml \(runs its steps in web\)/);
  });

  it('a code event without a filter, or a nightly run, still covers every project', async () => {
    for (const trigger of ["  push:\n    paths: ['web/**']\n  pull_request:\n", "  schedule:\n    - cron: '0 3 * * *'\n", "  push:\n    paths: 'web/**'\n"]) {
      const result = await scanTree({ ...MONOREPO, '.github/workflows/ci.yml': filtered(trigger, 'pytest') });
      assertCheck(result, 'ci', { status: 'pass', state: 'present' }, 'service');
    }
  });
});

describe('GitHub filter patterns', () => {
  const cases: [string, string, boolean][] = [
    ['web/**', 'web/app/route.ts', true],
    ['web/**', 'web/package.json', true],
    ['web/**', 'webapp/x.ts', false],
    ['docs/*', 'docs/a.md', true],
    ['docs/*', 'docs/a/b.md', false],
    ['**.py', 'a/b/c.py', true],
    ['**/*.py', 'top.py', true],
    ['*.py', 'a/b.py', false],
    ['./service/**', 'service/bot.py', true],
    ['service/v?1/**', 'service/v1/a.py', true],
    ['service/[ab].py', 'service/b.py', true],
    ['service/[ab].py', 'service/c.py', false],
    ['a.b/**', 'aXb/c', false],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.strictEqual(filterPatternToRegExp(pattern).test(path), expected);
    });
  }

  it('later negated patterns take back earlier matches, in order', async () => {
    const filter = workflowTriggers("on:\n  push:\n    paths: ['src/**', '!src/**.md', 'src/README.md']\n").pathFilters![0];
    assert.strictEqual(filterTriggersOn(filter, 'src/a.py'), true);
    assert.strictEqual(filterTriggersOn(filter, 'src/notes.md'), false);
    assert.strictEqual(filterTriggersOn(filter, 'src/README.md'), true);
    const ignore = workflowTriggers("on:\n  pull_request:\n    paths-ignore: ['docs/**']\n").pathFilters![0];
    assert.strictEqual(filterTriggersOn(ignore, 'docs/x.md'), false);
    assert.strictEqual(filterTriggersOn(ignore, 'src/x.py'), true);
  });
});

describe('check pinned-dependencies', () => {
  itCases('pinned-dependencies', [
    { name: 'a uv.lock next to pyproject.toml', files: { 'uv.lock': 'version = 1\n\n[[package]]\nname = "openai"\nversion = "1.40.0"\n' }, status: 'pass', evidence: 'uv.lock' },
    { name: 'requirements with every package ==', base: ML_BASE, files: { 'requirements.txt': 'pandas==2.2.2\nscikit-learn==1.5.1\nnumpy==1.26.4\n' }, status: 'pass', evidence: 'requirements.txt' },
    {
      name: 'a JS LLM app with its package-lock.json',
      base: { 'package.json': JSON.stringify({ name: 'chat', dependencies: { openai: '^4.56.0' } }), 'src/chat.js': "import OpenAI from 'openai';\n" },
      files: { 'package-lock.json': JSON.stringify({ name: 'chat', lockfileVersion: 3, packages: { 'node_modules/openai': { version: '4.56.0' } } }) },
      status: 'pass', evidence: 'package-lock.json',
    },
    { name: 'floor-only ranges (>=)', base: ML_BASE, files: {}, status: 'fail', state: 'absent' },
    { name: 'a single requirement, pinned exactly', base: ML_BASE, files: { 'requirements.txt': 'scikit-learn==1.5.1\n' }, status: 'pass', evidence: 'requirements.txt' },
    { name: 'one of two requirements unversioned', base: ML_BASE, files: { 'requirements.txt': 'scikit-learn\nrequests==2.31.0\n' }, status: 'fail', state: 'absent' },
    {
      name: "a package-lock.json belonging to an unrelated frontend/ of a Python AI project",
      files: {
        'frontend/package.json': JSON.stringify({ name: 'ui', dependencies: { react: '18.3.1' } }),
        'frontend/package-lock.json': JSON.stringify({ name: 'ui', lockfileVersion: 3, packages: {} }),
        'frontend/src/App.jsx': "import React from 'react';\nexport default () => null;\n",
      },
      status: 'fail', state: 'absent',
    },
    { name: 'dvc.lock', base: ML_BASE, files: { 'dvc.lock': 'schema: "2.0"\nstages:\n  train:\n    cmd: python train.py\n' }, status: 'fail', state: 'absent' },
    { name: 'an empty poetry.lock', files: { 'poetry.lock': '' }, status: 'fail', state: 'absent' },
    {
      name: 'a small pinned requirements-extras.txt beside a requirements.txt of ranges',
      base: ML_BASE,
      files: { 'requirements.txt': 'pandas>=2.0\nscikit-learn>=1.4\nomegaconf\nfvcore\n', 'requirements-extras.txt': 'mmcv-full==1.5.0\nmmsegmentation==0.27.0\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: 'pinned packages beside loose installer tooling (setuptools>=65, wheel): tooling is not a package to pin',
      base: ML_BASE,
      files: { 'requirements.txt': 'pandas==2.2.2\nscikit-learn==1.5.1\nsetuptools>=65.0\nwheel\n' },
      status: 'pass', evidence: 'requirements.txt',
    },
    {
      name: 'ranges in pyproject.toml, every one pinned by requirements.txt',
      base: LLM_BASE,
      files: { 'requirements.txt': 'openai==1.40.0\nfastapi==0.112.0\nuvicorn==0.30.6\n' },
      status: 'pass', evidence: 'requirements.txt',
    },
  ]);

  it('a sub-project pinning its own requirements passes under a repository pyproject.toml of ranges', async () => {
    const result = await scanTree({
      'pyproject.toml': '[project]\nname = "guard"\ndependencies = ["openai>=1.30", "fastapi>=0.110"]\n',
      'guard/app.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n',
      'servers/judge/requirements.txt': 'vllm==0.5.4\n',
      'servers/judge/serve.py': 'import vllm\n\nengine = vllm.LLM(model="meta-llama/Llama-Guard-3-8B")\n',
    });
    assertCheck(result, 'pinned-dependencies', { status: 'pass' }, 'servers/judge');
    assertCheck(result, 'pinned-dependencies', { status: 'fail' }, '.');
  });

  it('a sub-project whose setup.py builds only extensions is judged on the pinned requirements above it', async () => {
    const result = await scanTree({
      'requirements.txt': 'torch==2.3.1\ntransformers==4.44.2\n',
      'server/app.py': 'import torch\nfrom transformers import AutoModel\n',
      'server/kernels/setup.py': 'from setuptools import setup\nfrom torch.utils.cpp_extension import BuildExtension, CUDAExtension\n\nsetup(name="kernels", ext_modules=[CUDAExtension(name="k", sources=["k.cu"])], cmdclass={"build_ext": BuildExtension})\n',
      'server/kernels/kernels/__init__.py': 'import torch\n',
    });
    assertCheck(result, 'pinned-dependencies', { status: 'pass' }, 'server/kernels');
  });

  it('the message names the loose requirements', async () => {
    const c = assertCheck(await scanTree(ML_BASE), 'pinned-dependencies', { status: 'fail' });
    assert.match(c.message, /scikit-learn >=1\.4/);
  });

  it('a pass that allows a few loose packages among many names them', async () => {
    const requirements = ['scikit-learn==1.5.1', ...Array.from({ length: 9 }, (_, i) => `pkg${i}==1.0.${i}`), 'rich'].join('\n') + '\n';
    const c = assertCheck(await scanTree({ ...ML_BASE, 'requirements.txt': requirements }), 'pinned-dependencies', { status: 'pass' });
    assert.match(JSON.stringify(c.evidence), /10 of 11 runtime requirements pinned exactly \(not: rich\)/);
  });

  it("a workspace's lock covers its member packages, not a package beneath it that is not a member", async () => {
    const chat = (name: string) => ({ [`${name}/package.json`]: JSON.stringify({ name: name.split('/').pop(), dependencies: { openai: '^4.56.0' } }), [`${name}/src/chat.ts`]: "import OpenAI from 'openai';\nexport const client = new OpenAI({ timeout: 30_000 });\n" });
    const monorepo = (workspaceFile: Record<string, string>) => ({
      ...chat('ts'), ...chat('ts/packages/sdk'), ...chat('ts/src/community'), ...workspaceFile,
      'ts/pnpm-lock.yaml': "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      openai:\n        specifier: ^4.56.0\n        version: 4.56.0\n",
    });
    for (const workspaceFile of <Record<string, string>[]>[{ 'ts/pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - '!**/test/**'\n" }, { 'ts/package.json': JSON.stringify({ name: 'ts', workspaces: ['packages/*'], dependencies: { openai: '^4.56.0' } }) }]) {
      const result = await scanTree(monorepo(workspaceFile));
      assertCheck(result, 'pinned-dependencies', { status: 'pass' }, 'ts/packages/sdk');
      const community = assertCheck(result, 'pinned-dependencies', { status: 'fail' }, 'ts/src/community');
      assert.match(community.message, /openai \^4\.56\.0/);
    }
    // A workspace file whose member list cannot be read covers every package beneath it, as it always did.
    const unreadable = await scanTree(monorepo({ 'ts/pnpm-workspace.yaml': 'packages: [\n' }));
    assertCheck(unreadable, 'pinned-dependencies', { status: 'pass' }, 'ts/src/community');
  });

  it("cites the project's own lock, not a docs site's listed before it", async () => {
    const c = assertCheck(await scanTree({ ...LLM_BASE, 'docs/Pipfile.lock': '{"_meta": {}, "default": {"mkdocs": {"version": "==1.6.0"}}}\n', 'uv.lock': 'version = 1\n\n[[package]]\nname = "openai"\nversion = "1.40.0"\n' }), 'pinned-dependencies', { status: 'pass' });
    assert.strictEqual(c.evidence[0].file, 'uv.lock');
  });

  it('a minimum-versions requirements file pins lower bounds, not the project', async () => {
    const ranges = { 'pyproject.toml': '[project]\nname = "scorer"\ndependencies = ["scikit-learn>=1.4", "pandas>=2.0"]\n' };
    for (const name of ['requirements.min.txt', 'requirements-minimal.txt', 'min-requirements.txt']) {
      const c = assertCheck(await scanTree({ ...ML_BASE, ...ranges, [name]: '# lower bounds, tested in CI\nscikit-learn==1.4.0\npandas==2.0.0\n' }), 'pinned-dependencies', { status: 'fail' });
      assert.match(c.message, /scikit-learn >=1\.4/);
    }
    // The same pins in a file not named for minimum versions are the project's pins.
    assertCheck(await scanTree({ ...ML_BASE, ...ranges, 'requirements-admin.txt': 'scikit-learn==1.4.0\npandas==2.0.0\n' }), 'pinned-dependencies', { status: 'pass' });
  });

  it('says how many loose requirements it did not name', async () => {
    const requirements = 'chainlit\nlitellm\nopenai>=1.0\ntiktoken\nhttpx~=0.27\n';
    const c = assertCheck(await scanTree({ ...ML_BASE, 'requirements.txt': requirements }), 'pinned-dependencies', { status: 'fail' });
    assert.match(c.message, /5 of 5 declared requirements .*\(chainlit \(unversioned\), litellm \(unversioned\), openai >=1\.0, and 2 more\)/);
  });
});
