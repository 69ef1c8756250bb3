// Rules marked `in-tests-and-docs: false` in rules/code-rules.yaml skip test code and docs; secrets and
// trust_remote_code do not, and an eval suite is neither. Through the whole scan and the editor's per-document path.
import * as assert from 'assert';
import { checkDocument } from '../../server/src/engine/scan';
import { isTestOrDocsPath, isTestPath } from '../../server/src/engine/workspace/paths';
import { fakeOpenAiKey, LLM_BASE, scanTree, tempTree } from './engine-support.test';

const RISKY = [
  'import torch',
  'from openai import OpenAI',
  'from transformers import AutoModel',
  '',
  'client = OpenAI()',
  'MODEL = "gpt-4o"',
  'model = AutoModel.from_pretrained("acme/encoder", trust_remote_code=True, revision="3f2a9c1")',
  'state = torch.load("/home/alice/ckpt.pt")',
  '',
].join('\n');

const rulesIn = (findings: { ruleId: string; file: string }[], file: string) =>
  [...new Set(findings.filter((f) => f.file === file).map((f) => f.ruleId))].sort();

describe('code rules in test code', () => {
  it('isTestPath: test folders and test file names, not eval suites or look-alike names', () => {
    for (const p of ['tests/test_app.py', 'pkg/tests/helpers.py', 'test/bot.ts', 'src/__tests__/x.ts', 'app/test_bot.py', 'app/bot_test.py', 'conftest.py', 'web/chat.test.tsx', 'web/chat.spec.js',
      'src/agent/infer.test-d.ts', 'src/__fixtures__/graph.ts', 'src/__mocks__/openai.ts', 'fixtures/chat.json', 'pkg/testdata/in.py', 'e2e/chat.spec.ts', 'app/tests.py',
      'src/evaluation/comparison/tests/pairwise.int.test.ts', 'pkg/snippets-fixtures/chat/python/0.py', 'pkg/fixtures_v2/a.ts', 'src/__snapshots__/x.ts', 'evals/tests/test_metric_helpers.py', 'worker/src/features/evaluation/judge.test.ts', 'evals/scoring.spec.ts']) {
      assert.ok(isTestPath(p), p);
    }
    for (const p of ['app/bot.py', 'evals/test_quality.py', 'tests/evals/test_judge.py', 'contests/run.py', 'app/testing_utils.py', 'latest/app.py', 'src/attest.ts',
      'src/fixtures.ts', 'app/fixture_loader.py', 'src/e2e.ts', 'src/contest.test-data.ts', 'app/mytests.py']) {
      assert.ok(!isTestPath(p), p);
    }
  });

  it('isTestOrDocsPath: tests and docs folders, not eval suites under them', () => {
    for (const p of ['docs/tutorials/rag/index.ipynb', 'doc/snippets/client.py', 'Documentation/quickstart.py', 'tests/test_app.py', 'tutorials/tracing/openai.ipynb', 'Tutorial/intro.py', 'cookbook/agents.py', 'cookbooks/rag/app.ts']) assert.ok(isTestOrDocsPath(p), p);
    for (const p of ['app/bot.py', 'docs/evals/run.py', 'dockerfiles/app.py', 'src/docstrings.py', 'rag_tutorials/app.py', 'src/tutorial.py', 'cookbook_app/main.py']) assert.ok(!isTestOrDocsPath(p), p);
  });

  it('isTestOrDocsPath: example, sample and demo folders, as project detection sets them aside', () => {
    for (const p of ['examples/storm_examples/run_gpt.py', 'examples/local_server.ipynb', 'pkg/js-examples/chat.ts', 'example/app.py', 'samples/rag/app.py', 'demos/chat.py', 'docs_examples/a.py']) assert.ok(isTestOrDocsPath(p), p);
    for (const p of ['src/examples.py', 'src/example_loader.py', 'computer-use-demo/app.py', 'frontend/demo_light/app.py', 'sample_app/main.py', 'examples/evals/run.py', 'counterexamples2/x.py']) assert.ok(!isTestOrDocsPath(p), p);
  });

  it('the scan skips in-tests-and-docs:false rules in tests and docs, keeps secrets and trust_remote_code there, and checks eval suites', async () => {
    const key = fakeOpenAiKey();
    const result = await scanTree({
      ...LLM_BASE,
      'app/risky.py': RISKY,
      'tests/test_risky.py': `${RISKY}KEY = "${key}"\n`,
      'evals/test_quality.py': RISKY,
      'docs/tutorials/quickstart.py': RISKY,
      'examples/storm_examples/run_gpt.py': RISKY,
    });
    const all = ['llm-client-timeout', 'local-absolute-path', 'trust-remote-code', 'unpinned-model-version', 'unsafe-deserialization'];
    assert.deepStrictEqual(rulesIn(result.findings, 'app/risky.py'), all);
    assert.deepStrictEqual(rulesIn(result.findings, 'evals/test_quality.py'), all);
    assert.deepStrictEqual(rulesIn(result.findings, 'tests/test_risky.py'), ['hardcoded-secrets', 'trust-remote-code']);
    assert.deepStrictEqual(rulesIn(result.findings, 'docs/tutorials/quickstart.py'), ['trust-remote-code']);
    assert.deepStrictEqual(rulesIn(result.findings, 'examples/storm_examples/run_gpt.py'), ['trust-remote-code']);
  });

  it('tests and docs are judged within the project: a tutorials folder in it is skipped, a project that lives in docs/ is checked', async () => {
    const route = "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport async function POST() {\n  return client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n}\n";
    const result = await scanTree({
      ...LLM_BASE,
      'tutorials/tracing/quickstart.py': RISKY,
      'apps/docs/package.json': JSON.stringify({ name: 'docs', dependencies: { next: '15.0.0', openai: '4.0.0' } }),
      'apps/docs/app/api/chat/route.ts': route,
    });
    assert.deepStrictEqual(rulesIn(result.findings, 'tutorials/tracing/quickstart.py'), ['trust-remote-code']);
    assert.ok(result.projects.some((p) => p.root === 'apps/docs'), 'the docs chatbot is a project');
    assert.deepStrictEqual(rulesIn(result.findings, 'apps/docs/app/api/chat/route.ts'), ['llm-client-timeout', 'unpinned-model-version']);
  });

  it('the editor path (checkDocument) agrees', async () => {
    const root = tempTree({ ...LLM_BASE, 'tests/test_risky.py': RISKY, 'app/risky.py': RISKY });
    assert.deepStrictEqual(rulesIn(await checkDocument(root, 'tests/test_risky.py', RISKY), 'tests/test_risky.py'), ['trust-remote-code']);
    assert.strictEqual(rulesIn(await checkDocument(root, 'app/risky.py', RISKY), 'app/risky.py').length, 5);
  });
});
