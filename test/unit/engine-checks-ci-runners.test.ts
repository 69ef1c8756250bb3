// Check ci: monorepo task runners, browser test runners, package.json scripts a step runs, and exclusion flags.
import * as assert from 'assert';
import { assertCheck, LLM_BASE, scanTree } from './engine-support.test';
import { toolCalls } from '../../server/src/engine/detectors/ciTaskRunners';
import { findEvalRun, findTestRun } from '../../server/src/engine/detectors/ciRuns';

const WORKFLOW = (run: string, extra = '') => `name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n${extra}`;
const ciOf = async (files: Record<string, string>) => assertCheck(await scanTree({ ...LLM_BASE, ...files }), 'ci', { status: 'pass' });

describe('check ci: monorepo task runners run tests', () => {
  const running = [
    'pnpm turbo test --affected', 'turbo test', 'turbo run test', 'npx turbo test', 'turbo run build test:unit --filter=web',
    'pnpm turbo --filter "!./examples/**/*" test', 'turbo run web#test',
    'pnpm -r test', 'pnpm --recursive test', 'pnpm --filter web test', 'pnpm -F web test', 'pnpm -F test-utils run test:e2e',
    'npx nx run-many -t test', 'nx affected -t lint test', 'npx nx affected --target=test', 'nx run-many --targets=lint,test', 'nx test web', 'nx run web:test', 'nx affected:test',
    'lerna run test', 'npx lerna run test:unit --scope web', 'yarn workspaces foreach run test', 'yarn workspaces foreach -A --parallel run test', 'yarn workspaces run test',
    'yarn workspace web test', 'yarn workspace web run test:unit', 'npm test --workspaces', 'npm run test -w web', 'npm run test --workspace=web',
    'bun test', 'pnpm run test:unit',
  ];
  for (const command of running) {
    it(command, () => assert.ok(findTestRun(`      - run: ${command}\n`), command));
  }

  const notRunning = [
    'pnpm turbo --filter "!./examples/**/*" lint', 'turbo run build', 'turbo prune test-utils', 'pnpm --filter test-utils build', 'pnpm -F testing-lib run build',
    'nx affected -t lint build', 'nx run test-utils:build', 'nx graph', 'lerna run build --scope test-utils', 'yarn workspace test-utils build',
    'yarn workspaces foreach --include test-utils run build', 'npm run build -w test-utils', 'pnpm install', 'yarn install --frozen-lockfile', 'pnpm exec playwright install --with-deps',
    'cat turbo.json', 'uses: pnpm/action-setup@v4',
  ];
  for (const command of notRunning) {
    it(`not: ${command}`, () => assert.strictEqual(findTestRun(`      - run: ${command}\n`), undefined, command));
  }

  it('the task a runner names is the evidence', () => {
    const [call] = toolCalls('run: pnpm -F web --filter=api run test:e2e -- --headed');
    assert.deepStrictEqual(call.tasks, ['test:e2e']);
    assert.strictEqual(call.script, undefined, 'a filtered run works in other packages');
    assert.strictEqual(toolCalls('run: pnpm run e2e:python')[0].script, 'e2e:python');
  });

  it('a GitHub Actions expression with spaces is one token, not the task', () => {
    const run = 'pnpm --filter ...[${{ steps.since.outputs.SINCE }}] test';
    assert.deepStrictEqual(toolCalls(`run: ${run}`)[0].tasks, ['test']);
    assert.strictEqual(findTestRun(`      - run: ${run}\n`)?.match, run, 'the evidence quotes the expression as written');
    assert.ok(findTestRun("      - run: pnpm -F ${{ inputs.pkg || 'web' }} test\n"), 'a || inside an expression does not end the command');
    assert.strictEqual(findTestRun('      - run: pnpm --filter ...[${{ steps.since.outputs.SINCE }}] build\n'), undefined);
  });

  it('shell and GitLab ${VAR} forms are read as before', () => {
    assert.deepStrictEqual(toolCalls('script: pnpm --filter ${PACKAGE} test')[0].tasks, ['test']);
    assert.strictEqual(toolCalls('script: pnpm run ${TASK} -- --ci')[0].script, '${TASK}');
    assert.strictEqual(findTestRun('  script:\n    - pnpm --filter ${PACKAGE} build\n'), undefined);
  });

  it('a workflow filtering by a spaced expression runs tests', async () => {
    const c = await ciOf({ '.github/workflows/ci.yml': WORKFLOW('pnpm --filter ...[${{ steps.since.outputs.SINCE }}] test') });
    assert.strictEqual(c.state, 'present');
  });

  it('a workflow running pnpm turbo test runs tests, and says so', async () => {
    const c = await ciOf({ '.github/workflows/ci.yml': WORKFLOW('pnpm turbo test --affected --concurrency 1') });
    assert.strictEqual(c.state, 'present');
    assert.match(c.message, /ci\.yml:\d+ \(runs turbo test\)/);
  });
});

describe('check ci: browser and end-to-end test runners', () => {
  for (const command of ['npx playwright test', 'playwright test --project=chromium', 'npx cypress run', 'cypress run --browser chrome', 'vitest run', 'npx vitest']) {
    it(command, async () => {
      assertCheck(await scanTree({ ...LLM_BASE, '.github/workflows/ci.yml': WORKFLOW(command) }), 'ci', { status: 'pass', state: 'present' });
    });
  }

  it('the Cypress action runs the Cypress tests', () => assert.ok(findTestRun('      - uses: cypress-io/github-action@v6\n')));
  it('installing Playwright browsers is not a test run', () => assert.strictEqual(findTestRun('      - run: npx playwright install --with-deps\n'), undefined));
});

describe('check ci: package.json scripts a step runs', () => {
  const e2e = (dir: string) => WORKFLOW('pnpm run e2e:python', dir ? `        working-directory: ${dir}\n` : '');
  const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: 'app', private: true, scripts });

  it("a script in the step's working-directory that runs playwright test runs tests", async () => {
    const c = await ciOf({ '.github/workflows/e2e.yml': e2e('tools/app'), 'tools/app/package.json': pkg({ build: 'tsc', 'e2e:python': 'playwright test e2e/shared e2e/python' }) });
    assert.strictEqual(c.state, 'present');
    assert.match(c.message, /e2e\.yml:\d+ \(runs playwright test \(in tools\/app\/package\.json script e2e:python\)\)/);
  });

  it('without a working-directory the script is read from the repository root', async () => {
    assert.strictEqual((await ciOf({ '.github/workflows/e2e.yml': e2e(''), 'package.json': pkg({ 'e2e:python': 'playwright test e2e/python' }) })).state, 'present');
    // The script is in another folder than the one the step works in: not this step's.
    assert.strictEqual((await ciOf({ '.github/workflows/e2e.yml': e2e(''), 'tools/app/package.json': pkg({ 'e2e:python': 'playwright test' }) })).state, 'weak');
  });

  it('a script that runs no tests leaves the CI weak', async () => {
    assert.strictEqual((await ciOf({ '.github/workflows/e2e.yml': e2e(''), 'package.json': pkg({ 'e2e:python': 'tsc --noEmit' }) })).state, 'weak');
  });

  it('one script calling another is followed, once, and a cycle ends', async () => {
    const oneStep = pkg({ 'e2e:python': 'npm run e2e:all', 'e2e:all': 'cross-env CI=1 playwright test' });
    assert.strictEqual((await ciOf({ '.github/workflows/e2e.yml': e2e(''), 'package.json': oneStep })).state, 'present');
    const twoSteps = pkg({ 'e2e:python': 'npm run e2e:all', 'e2e:all': 'yarn e2e:run', 'e2e:run': 'playwright test' });
    assert.strictEqual((await ciOf({ '.github/workflows/e2e.yml': e2e(''), 'package.json': twoSteps })).state, 'weak');
    const cycle = pkg({ 'e2e:python': 'npm run e2e:all', 'e2e:all': 'npm run e2e:python' });
    assert.strictEqual((await ciOf({ '.github/workflows/e2e.yml': e2e(''), 'package.json': cycle })).state, 'weak');
  });

  it('a matrix working-directory is expanded to its folders', async () => {
    const wf = "name: ci\non: [push]\njobs:\n  e2e:\n    strategy:\n      matrix:\n        app: [tools/a, tools/b]\n    runs-on: ubuntu-latest\n    steps:\n      - run: yarn e2e\n        working-directory: ${{ matrix.app }}\n";
    const c = await ciOf({ '.github/workflows/e2e.yml': wf, 'tools/b/package.json': pkg({ e2e: 'cypress run' }) });
    assert.match(c.message, /runs cypress run \(in tools\/b\/package\.json script e2e\)/);
  });
});

describe('check ci: exclusion flags name what does not run', () => {
  it('pytest --ignore=tests/evals/ runs tests, not evals', async () => {
    const c = await ciOf({ '.github/workflows/unit.yml': WORKFLOW('uv run pytest tests/ -m "not integration" --ignore=tests/test_int.py --ignore=tests/evals/') });
    assert.strictEqual(c.state, 'present');
    assert.match(c.message, /runs tests and does not run evals/);
  });

  const excluded = [
    'pytest --ignore tests/evals', 'pytest --ignore-glob="evals/*"', 'pytest --deselect evals/test_judge.py::test_score', 'pytest -k "not evals/"',
    'vitest run --exclude evals/**', "jest --testPathIgnorePatterns 'evals/'", 'pnpm turbo test --filter=!./evals',
  ];
  for (const command of excluded) {
    it(`not evals: ${command}`, () => {
      assert.strictEqual(findEvalRun(`      - run: ${command}\n`), undefined, command);
      assert.ok(findTestRun(`      - run: ${command}\n`), command);
    });
  }

  it('a path beside an exclusion still runs', () => {
    assert.ok(findEvalRun('      - run: pytest evals/ --ignore=evals/slow\n'));
    assert.ok(findEvalRun('      - run: pytest -k "judge" evals/\n'));
  });

  it('an evals folder runs evals only when a command runs something in it', () => {
    const running = ['python evals/run.py', 'uv run python -m pytest tests/evals/test_judge.py', 'cd evals && python run.py', 'EVAL_SEED=1 node ./evals/score.mjs'];
    for (const command of running) assert.ok(findEvalRun(`      - run: ${command}\n`), command);
    assert.ok(findEvalRun('  script:\n    - python3 tools/evals/run.py\n'));
    const mentioned = [
      'for f in /tmp/gh-aw/aw_info.json /tmp/gh-aw/evals/evals.jsonl; do [ -f "$f" ] && echo "FOUND: $f"; done',
      'cp eval/plots/importance.png importance.png', 'uv pip install -r evals/requirements.txt', 'python -m pip install -r evals/requirements.txt', 'ls evals/',
    ];
    for (const command of mentioned) assert.strictEqual(findEvalRun(`      - run: ${command}\n`), undefined, command);
    assert.strictEqual(findEvalRun("on:\n  push:\n    paths: ['evals/**']\n"), undefined);
  });

  it('a step that lists eval files is no eval run in the message', async () => {
    const c = await ciOf({ '.github/workflows/ci.yml': WORKFLOW('pytest -q', '      - run: |\n          for file in /tmp/out/evals/evals.jsonl; do\n            [ -f "$file" ] && echo "FOUND: $file"\n          done\n') });
    assert.match(c.message, /runs tests and does not run evals/);
  });

  it('an excluded test folder is not a test run of its own', () => {
    assert.strictEqual(findTestRun('      - run: ruff check . --exclude tests/mocha\n'), undefined);
  });

  it('a comment line naming pytest runs nothing', async () => {
    const wf = WORKFLOW('ruff check .').replace('    steps:\n', '    # Do not add pytest to this job: it runs untrusted code.\n    steps:\n');
    assert.strictEqual((await ciOf({ '.github/workflows/lint.yml': wf })).state, 'weak');
  });
});

describe('check ci: Cloud Build configs known by their content', () => {
  const config = "# CI/CD for the training pipeline\nsteps:\n- name: 'gcr.io/cloud-builders/git'\n  args: ['clone', '$_REPO_URL']\n- name: '$_CICD_IMAGE'\n  entrypoint: 'pytest'\n  args: ['src/tests/test_model.py']\n- name: 'gcr.io/cloud-builders/gcloud'\n  args: ['ai', 'endpoints', 'deploy-model']\n";

  it('a config with any file name in a ci/ or deploy/ folder is CI, and its pytest step runs tests', async () => {
    const c = await ciOf({ 'ci/pipeline-deployment.yaml': config });
    assert.strictEqual(c.state, 'present');
    assert.match(c.message, /ci\/pipeline-deployment\.yaml:\d+ \(runs pytest\)/);
    assert.strictEqual((await ciOf({ 'deploy/cloudbuild-prod.yaml': config })).state, 'present');
    assert.match(c.message, /CI \(cloud-build\)/);
  });

  it('steps without builder images or entrypoints, or other YAML in a build folder, are not Cloud Build', async () => {
    const drone = 'kind: pipeline\nsteps:\n- name: test\n  image: python:3.12\n  commands:\n  - pytest\n';
    const k8s = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: gcr.io/p/api\n';
    const result = await scanTree({ ...LLM_BASE, 'ci/drone-like.yaml': drone, 'deploy/api.yaml': k8s, 'data/steps.yaml': config });
    assertCheck(result, 'ci', { status: 'fail', state: 'absent' });
  });
});

describe('check ci: a Python script or module named for evals runs evals', () => {
  const running = [
    'python -m evaluate', 'python .github/scripts/eval_run.py --label prod.${{ github.sha }}', 'python3 run_evals.py', 'uv run python -u scripts/evaluate_rag.py',
    'python -m app.evals.regression', 'cd src/api && python -m evaluation', 'python ./evaluation.py --config evals.yaml',
  ];
  for (const command of running) {
    it(command, () => assert.ok(findEvalRun(`      - run: ${command}\n`), command));
  }

  const notRunning = [
    'python .github/workflows/json_to_md.py results/evaluation_results.json results/evaluation_results.md', 'python -m pip install evaluate', 'python retrieval.py',
    'python -m pytest tests/', 'python medeval.py', 'cat evaluate/eval_results.md >> $GITHUB_STEP_SUMMARY', 'echo python evaluate.txt',
  ];
  for (const command of notRunning) {
    it(`not: ${command}`, () => assert.strictEqual(findEvalRun(`      - run: ${command}\n`), undefined, command));
  }

  it("a step running python -m evaluate in the project's folder runs evals", async () => {
    const workflow = 'name: Evaluate\non:\n  push:\n    branches: [main]\njobs:\n  evaluate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r src/api/requirements.txt\n      - name: evaluate\n        working-directory: ./src/api\n        run: |\n          python -m evaluate\n';
    const c = await ciOf({ '.github/workflows/evaluations.yaml': workflow });
    assert.match(c.message, /does not run tests|runs no tests/);
    assert.match(c.message, /runs evals/);
    assert.match(c.message, /evaluations\.yaml:14 \(runs python -m evaluate\)/);
  });
});

describe('check ci: review and merge bots run on pull requests are not CI', () => {
  const BOT = (steps: string) => `name: Claude Code Review\non:\n  pull_request:\n    types: [opened, synchronize]\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 1\n${steps}`;
  const bots: [string, string][] = [
    ['a Claude Code review', '      - uses: anthropics/claude-code-action@beta\n        with:\n          direct_prompt: |\n            Review this pull request.\n'],
    ['a CodeRabbit review', '      - uses: coderabbitai/ai-pr-reviewer@latest\n'],
    ['a PR-Agent review', '      - uses: qodo-ai/pr-agent@main\n'],
    ['a Dependabot auto-merge (gh pr merge is a chore)', '      - uses: dependabot/fetch-metadata@v2\n      - run: gh pr merge --auto --squash "$PR_URL"\n'],
  ];
  for (const [name, steps] of bots) {
    it(name, async () => {
      assertCheck(await scanTree({ ...LLM_BASE, '.github/workflows/review.yml': BOT(steps) }), 'ci', { status: 'fail', state: 'absent' });
    });
  }

  it('a review bot beside a step that runs the tests is CI', async () => {
    const c = await ciOf({ '.github/workflows/review.yml': BOT('      - uses: anthropics/claude-code-action@beta\n      - run: pytest -q\n') });
    assert.strictEqual(c.state, 'present');
  });
});

describe('check ci: make with flags runs its targets', () => {
  const running = ['make -C scheduler test', 'make -f build/ci.mk test', 'make --directory=services/api test', 'make -j4 test', 'make -j 4 tests', 'make -j test', 'make -k check', 'CI=1 make -s unit-tests', 'sudo make -C api test-go', 'make lint test'];
  for (const command of running) {
    it(command, () => assert.ok(findTestRun(`      - run: ${command}\n`), command));
  }
  const notRunning = ['make -C operator generate manifests', 'make -C test-utils build', 'make -f test.mk build', 'echo "make sure tests pass"', 'cmake --build . --target test_suite'];
  for (const command of notRunning) {
    it(`not: ${command}`, () => assert.strictEqual(findTestRun(`      - run: ${command}\n`), undefined, command));
  }

  it('make -C <dir> tests that folder: it runs tests for the project there, not for the one beside it', async () => {
    const workflow = 'name: tests\non:\n  pull_request:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make -C operator test\n      - run: make -C service test\n      - run: |\n          make -C operator generate manifests\n          git diff --exit-code\n';
    const project = (name: string) => ({ [`${name}/pyproject.toml`]: `[project]\nname = "${name}"\ndependencies = ["openai"]\n`, [`${name}/app/bot.py`]: LLM_BASE['app/bot.py'] });
    const result = await scanTree({ ...project('service'), ...project('ml'), '.github/workflows/tests.yml': workflow });
    const c = assertCheck(result, 'ci', { status: 'pass', state: 'present' }, 'service');
    assert.match(c.message, /tests\.yml:10 \(runs make -C service test\)/);
    const other = assertCheck(result, 'ci', { status: 'fail', state: 'absent' }, 'ml');
    assert.match(other.message, /runs its steps in operator, service/);
  });
});

describe('check ci: the make targets a step runs', () => {
  const MAKEFILE = '.PHONY: ci lint test-go\nGO ?= go\nPKGS := ./pkg/...\n\nci: lint\n\t$(MAKE) test-go\n\nlint:\n\tgolangci-lint run\n\ntest-go:\n\t$(GO) vet ./...\n\tgo test $(PKGS) -race\n\nbuild: ; go build ./...\n';
  const step = (run: string) => `name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n`;

  it("a target whose sub-make runs go test runs tests, read from the -C folder's Makefile", async () => {
    const c = await ciOf({ 'service/Makefile': MAKEFILE, '.github/workflows/ci.yml': step('make -C service ci') });
    assert.strictEqual(c.state, 'present');
    assert.match(c.message, /ci\.yml:8 \(runs go test \(in service\/Makefile target test-go\)\)/);
  });

  it('a makefile named with -f, and a prerequisite, are followed', async () => {
    const c = await ciOf({ 'ci/rules.mk': 'all: test-go\ntest-go:\n\tgo test ./...\n', '.github/workflows/ci.yml': step('make -f ci/rules.mk all') });
    assert.strictEqual(c.state, 'present');
  });

  it('a target that runs no tests leaves the CI weak', async () => {
    for (const run of ['make -C service build', 'make -C service lint', 'make -C elsewhere ci']) {
      const c = await ciOf({ 'service/Makefile': MAKEFILE, '.github/workflows/ci.yml': step(run) });
      assert.strictEqual(c.state, 'weak', run);
    }
  });
});
