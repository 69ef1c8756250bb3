// Evals/tests packages as evidence for other projects: one at the repository level (a top-level folder of the
// project's package or of a package above it) covers the projects beneath; one among sibling packages
// (packages/evals beside packages/a) is a project of its own and covers none of its siblings.
import * as assert from 'assert';
import type { ScanResult } from '../../server/src/engine/types';
import { assertCheck, checkOf, scanTree } from './engine-support.test';

const JS_AI_PACKAGE = (dir: string, name: string): Record<string, string> => ({
  [`${dir}/package.json`]: JSON.stringify({ name: `@acme/${name}`, dependencies: { openai: '4.52.0' } }),
  [`${dir}/src/index.ts`]: "import OpenAI from 'openai';\n\nexport const client = new OpenAI({ timeout: 10_000 });\n",
});

const JS_EVAL_FILES = (dir: string): Record<string, string> => ({
  [`${dir}/src/evaluation.test.ts`]: "import { it, expect } from 'vitest';\n\nit('scores', () => {\n  expect(1).toBe(1);\n});\n",
  [`${dir}/src/metrics/faithfulness/index.ts`]:
    'export function faithfulness(answer: string, groundTruth: string): number {\n  const threshold = 0.7;\n  return answer === groundTruth ? 1 : threshold - 0.7;\n}\n',
});

const PY_AI_PACKAGE = (dir: string, name: string): Record<string, string> => ({
  [`${dir}/pyproject.toml`]: `[project]\nname = "${name}"\ndependencies = ["openai==1.40.0"]\n`,
  [`${dir}/src/${name}/app.py`]: 'from openai import OpenAI\n\nclient = OpenAI(timeout=10)\n',
});

const PY_EVAL_FILES = (dir: string): Record<string, string> => ({
  [`${dir}/evaluate.py`]: 'import json\n\ndef score(rows):\n    golden = json.load(open("golden.json"))\n    return sum(r == g for r, g in zip(rows, golden))\n',
  [`${dir}/tests/test_scoring.py`]: 'def test_scoring():\n    assert 1 + 1 == 2\n',
});

const ROOT_PACKAGE = { 'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }) };

/** Every evidence file of a project's check. */
const evidenceOf = (result: ScanResult, id: string, root: string) => checkOf(result, id, root).evidence.map((e) => e.file);

describe('ProjectScope: evals and tests packages', () => {
  it('a sibling evals package (packages/evals beside packages/a) is no evidence for the packages beside it', async () => {
    const result = await scanTree({
      ...ROOT_PACKAGE,
      ...JS_AI_PACKAGE('packages/a', 'a'),
      ...JS_AI_PACKAGE('packages/b', 'b'),
      ...JS_AI_PACKAGE('packages/evals', 'evals'),
      ...JS_EVAL_FILES('packages/evals'),
    });
    assert.deepStrictEqual(result.projects.map((p) => p.root).sort(), ['packages/a', 'packages/b', 'packages/evals']);
    for (const root of ['packages/a', 'packages/b']) {
      assertCheck(result, 'tests', { status: 'fail' }, root);
      assertCheck(result, 'eval-pipeline', { status: 'fail' }, root);
    }
    // The evals package is still evidence for itself.
    assert.ok(evidenceOf(result, 'tests', 'packages/evals').includes('packages/evals/src/evaluation.test.ts'));
    assert.ok(evidenceOf(result, 'eval-pipeline', 'packages/evals').includes('packages/evals/src/metrics/faithfulness/index.ts'));
  });

  it('nor is a Python libs/evals beside libs/c, nor a sibling tests folder with its own manifest', async () => {
    const result = await scanTree({
      ...ROOT_PACKAGE,
      ...JS_AI_PACKAGE('packages/a', 'a'),
      'packages/tests/package.json': JSON.stringify({ name: '@acme/tests', devDependencies: { vitest: '1.6.0' } }),
      ...JS_EVAL_FILES('packages/tests'),
      ...PY_AI_PACKAGE('libs/c', 'c'),
      'libs/evals/pyproject.toml': '[project]\nname = "evals"\ndependencies = ["pandas==2.2.2"]\n',
      ...PY_EVAL_FILES('libs/evals'),
    });
    assert.deepStrictEqual(result.projects.map((p) => p.root).sort(), ['libs/c', 'packages/a']);
    for (const root of ['packages/a', 'libs/c']) {
      assertCheck(result, 'tests', { status: 'fail' }, root);
      assertCheck(result, 'eval-pipeline', { status: 'fail' }, root);
    }
  });

  it('a repository-level evals or tests package covers the projects beneath the repository', async () => {
    const result = await scanTree({
      ...PY_AI_PACKAGE('src/backend', 'backend'),
      'evals/requirements.txt': 'pandas==2.2.2\n',
      ...PY_EVAL_FILES('evals'),
      ...ROOT_PACKAGE,
      ...JS_AI_PACKAGE('packages/a', 'a'),
      'tests/package.json': JSON.stringify({ name: 'e2e', devDependencies: { vitest: '1.6.0' } }),
      'tests/src/chat.test.ts': "import { it, expect } from 'vitest';\n\nit('chats', () => {\n  expect(1).toBe(1);\n});\n",
    });
    for (const root of ['src/backend', 'packages/a']) {
      assert.ok(evidenceOf(result, 'eval-pipeline', root).includes('evals/evaluate.py'), root);
      assert.ok(evidenceOf(result, 'tests', root).some((f) => f.startsWith('evals/tests/') || f.startsWith('tests/')), root);
    }
  });

  it('an evals package covers the projects beneath its parent package, but not a project beside it in the same evals folder', async () => {
    const result = await scanTree({
      'pyproject.toml': '[project]\nname = "researcher"\ndependencies = ["openai==1.40.0"]\n',
      'researcher/agent.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=10)\n',
      ...PY_AI_PACKAGE('evals/judge', 'judge'),
      ...PY_AI_PACKAGE('evals/simple', 'simple'),
      ...PY_EVAL_FILES('evals/simple'),
    });
    assert.ok(result.projects.some((p) => p.root === 'evals/judge'), result.projects.map((p) => p.root).join());
    assert.ok(evidenceOf(result, 'eval-pipeline', '.').includes('evals/simple/evaluate.py'));
    assertCheck(result, 'eval-pipeline', { status: 'fail' }, 'evals/judge');
    assertCheck(result, 'tests', { status: 'fail' }, 'evals/judge');
  });
});
