// AI-project detection: code evidence (imports, manifest dependencies) makes a project; words and folder
// names do not. Kinds, monorepo roots, repository-level artifacts covering sub-projects.
import * as assert from 'assert';
import { scan } from '../../server/src/engine/scan';
import { fixturePath } from '../helpers';
import { assertCheck, projectAt, scanTree } from './engine-support.test';

const notebook = (source: string[]) => JSON.stringify({
  cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source }],
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } }, nbformat: 4, nbformat_minor: 5,
});

describe('engine: AI project detection by imports', () => {
  const cases: { name: string; files: Record<string, string>; kind: string; framework: string }[] = [
    { name: '.py (openai)', files: { 'bot.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=10)\n' }, kind: 'llm-app', framework: 'openai' },
    { name: '.py (sklearn, dotted import)', files: { 'model.py': 'import sklearn.ensemble\n\nclf = sklearn.ensemble.RandomForestClassifier()\n' }, kind: 'classic-ml', framework: 'sklearn' },
    { name: '.ipynb (torch)', files: { 'explore.ipynb': notebook(['import torch\n', 'x = torch.zeros(3)\n']) }, kind: 'deep-learning', framework: 'torch' },
    { name: '.ts (@anthropic-ai/sdk)', files: { 'src/chat.ts': "import Anthropic from '@anthropic-ai/sdk';\n\nexport const client = new Anthropic({ timeout: 10_000 });\n" }, kind: 'llm-app', framework: '@anthropic-ai/sdk' },
    { name: '.js (require openai)', files: { 'index.js': "const OpenAI = require('openai');\n\nmodule.exports = new OpenAI({ timeout: 10000 });\n" }, kind: 'llm-app', framework: 'openai' },
    { name: '.py (Claude Agent SDK)', files: { 'agent.py': 'from claude_agent_sdk import ClaudeAgentOptions, ClaudeSDKClient\n\nclient = ClaudeSDKClient(options=ClaudeAgentOptions())\n' }, kind: 'llm-app', framework: 'claude_agent_sdk' },
  ];
  for (const c of cases) {
    it(`finds an AI project from imports in ${c.name}`, async () => {
      const result = await scanTree(c.files);
      assert.strictEqual(result.projects.length, 1, JSON.stringify(result.projects.map((p) => p.root)));
      const p = projectAt(result);
      assert.strictEqual(p.aiKind, c.kind);
      assert.ok(p.frameworks.includes(c.framework), `frameworks ${p.frameworks.join(', ')}`);
      assert.ok(p.aiEvidence.length > 0 && p.aiEvidence.every((e) => Object.keys(c.files).includes(e.file)), JSON.stringify(p.aiEvidence));
    });
  }

  it('ignores AI imports in comments and in notebook markdown cells', async () => {
    const result = await scanTree({
      'util.py': '# import openai  -- we used to, not any more\nimport json\n',
      'notes.ipynb': JSON.stringify({ cells: [{ cell_type: 'markdown', metadata: {}, source: ['import torch\n'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
    });
    assert.deepStrictEqual(result.projects, []);
  });
});

describe('engine: AI project detection by manifests', () => {
  const cases: { name: string; files: Record<string, string>; kind: string; manifest: string }[] = [
    { name: 'pyproject.toml', files: { 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["anthropic>=0.30"]\n' }, kind: 'llm-app', manifest: 'pyproject.toml' },
    { name: 'poetry pyproject.toml', files: { 'pyproject.toml': '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nxgboost = "^2.0"\n' }, kind: 'classic-ml', manifest: 'pyproject.toml' },
    { name: 'requirements.txt', files: { 'requirements.txt': '# serving\ntransformers==4.44.0\nfastapi==0.112.0\n' }, kind: 'deep-learning', manifest: 'requirements.txt' },
    { name: 'package.json', files: { 'package.json': JSON.stringify({ name: 'chat', dependencies: { ai: '3.3.0', next: '14.2.5' } }) }, kind: 'llm-app', manifest: 'package.json' },
    { name: 'environment.yml', files: { 'environment.yml': 'name: forecast\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n    - lightgbm==4.5.0\n' }, kind: 'classic-ml', manifest: 'environment.yml' },
    { name: 'setup.py', files: { 'setup.py': 'from setuptools import setup\n\nsetup(name="vision", install_requires=["tensorflow>=2.15", "numpy"])\n' }, kind: 'deep-learning', manifest: 'setup.py' },
  ];
  for (const c of cases) {
    it(`finds an AI project from a dependency in ${c.name}`, async () => {
      const result = await scanTree(c.files);
      const p = projectAt(result);
      assert.strictEqual(result.projects.length, 1);
      assert.strictEqual(p.aiKind, c.kind);
      assert.strictEqual(p.manifest, c.manifest);
      assert.strictEqual(p.anchor, c.manifest, 'project diagnostics are anchored on the manifest');
    });
  }

  it('dev-only dependencies (a test tool group) do not make an AI project', async () => {
    const result = await scanTree({
      'pyproject.toml': '[project]\nname = "web"\ndependencies = ["flask>=3"]\n\n[dependency-groups]\ndev = ["openai>=1.0"]\n',
      'web/app.py': 'from flask import Flask\n\napp = Flask(__name__)\n',
    });
    assert.deepStrictEqual(result.projects.map((p) => p.root), []);
  });
});

describe('engine: AI kinds', () => {
  it('the dominant kind wins and the others are recorded', async () => {
    const result = await scanTree({
      'requirements.txt': 'torch==2.3.1\ntorchvision==0.18.1\n',
      'train.py': 'import torch\nfrom torch import nn\n',
      'model.py': 'import torch.nn as nn\n',
      'metrics.py': 'from sklearn.metrics import f1_score\n',
    });
    const p = projectAt(result);
    assert.strictEqual(p.aiKind, 'deep-learning');
    assert.deepStrictEqual(p.kinds, ['deep-learning', 'classic-ml']);
  });

  it('fixture projects report their kind', async () => {
    for (const [dir, kind] of [['llm-app', 'llm-app'], ['classic-ml', 'classic-ml'], ['deep-learning', 'deep-learning']] as const) {
      const result = await scan({ root: fixturePath('projects', dir) });
      assert.deepStrictEqual(result.projects.map((p) => [p.root, p.aiKind]), [['.', kind]], dir);
    }
  });
});

describe('engine: monorepo roots', () => {
  it('reports every AI root (nearest folder with a manifest) and not the React app', async () => {
    const result = await scan({ root: fixturePath('projects', 'monorepo') });
    assert.deepStrictEqual(result.projects.map((p) => [p.root, p.aiKind]), [['ml/churn', 'classic-ml'], ['services/rag', 'llm-app']]);
    assert.strictEqual(projectAt(result, 'services/rag').manifest, 'services/rag/pyproject.toml');
    assert.strictEqual(projectAt(result, 'ml/churn').name, 'churn');
  });

  it('a repository-level CODEOWNERS and CI cover the sub-projects', async () => {
    const result = await scan({ root: fixturePath('projects', 'monorepo') });
    for (const root of ['services/rag', 'ml/churn']) {
      assert.deepStrictEqual(assertCheck(result, 'ownership', { status: 'pass', state: 'present' }, root).evidence.map((e) => e.file), ['CODEOWNERS']);
      const ci = assertCheck(result, 'ci', { status: 'pass', state: 'present' }, root);
      assert.strictEqual(ci.evidence[0].file, '.github/workflows/ci.yml');
      assert.deepStrictEqual(projectAt(result, root).ciSystems, ['github-actions']);
    }
  });

  it('a package.json with no name, dependencies or scripts (an entry shim, a module-type marker) makes no root', async () => {
    const result = await scanTree({
      'packages/vue/package.json': JSON.stringify({ name: '@acme/vue', dependencies: { ai: '4.0.0', vue: '3.4.0' } }),
      'packages/vue/src/package.json': JSON.stringify({ private: true, main: './index.js', exports: { '.': './index.js' } }),
      'packages/vue/src/use-chat.ts': "import { streamText } from 'ai';\nexport const chat = streamText;\n",
      'packages/vue/dist/esm/package.json': JSON.stringify({ type: 'module' }),
    });
    assert.deepStrictEqual(result.projects.map((p) => p.root), ['packages/vue']);
    assert.strictEqual(projectAt(result, 'packages/vue').manifest, 'packages/vue/package.json');
  });

  it("a sibling's tests do not count for another project", async () => {
    const result = await scanTree({
      'svc/llm/requirements.txt': 'openai==1.40.0\n',
      'svc/llm/main.py': 'import openai\n',
      'svc/other/requirements.txt': 'flask==3.0.3\n',
      'svc/other/tests/test_app.py': 'def test_ok():\n    assert 1 + 1 == 2\n',
    });
    assert.deepStrictEqual(result.projects.map((p) => p.root), ['svc/llm']);
    assertCheck(result, 'tests', { status: 'fail', state: 'absent' }, 'svc/llm');
  });

  it('a lone AI folder without its own manifest belongs to the package above it', async () => {
    const result = await scanTree({ 'pyproject.toml': '[project]\nname = "tool"\ndependencies = ["click"]\n', 'tool/ml/score.py': 'import xgboost\n' });
    assert.deepStrictEqual(result.projects.map((p) => [p.root, p.aiKind]), [['.', 'classic-ml']]);
  });
});

describe('engine: what does not make an AI project', () => {
  for (const dir of ['not-ai/webapp', 'not-ai/dbt-models', 'not-ai/mlops-handbook', 'not-ai']) {
    it(`${dir}: no project and no findings`, async () => {
      const result = await scan({ root: fixturePath('projects', dir) });
      assert.deepStrictEqual(result.projects, []);
      assert.deepStrictEqual(result.findings, []);
      assert.ok(result.stats.files > 0, 'the fixture was actually crawled');
    });
  }

  it('folders named models/ and data/ prove nothing', async () => {
    const result = await scanTree({
      'models/README.md': '# Models\n\nThe machine learning model lives here one day (PyTorch, TensorFlow).\n',
      'models/orders.sql': 'select * from orders\n',
      'data/train.csv': 'a,b,label\n1,2,0\n',
      'src/app.py': 'import json\n\nprint(json.dumps({"model": "none"}))\n',
    });
    assert.deepStrictEqual(result.projects, []);
  });

  it('AI imports only under examples/ of a non-AI library do not make it an AI project', async () => {
    const result = await scanTree({
      'pyproject.toml': '[project]\nname = "httpkit"\ndependencies = ["httpx>=0.27"]\n',
      'httpkit/__init__.py': 'from .client import get\n',
      'httpkit/client.py': 'import httpx\n\ndef get(url):\n    return httpx.get(url, timeout=5)\n',
      'examples/call_openai.py': 'import openai\nfrom httpkit import get\n',
      'examples/notebook.ipynb': notebook(['import torch\n']),
      'docs/tutorial.py': 'from transformers import pipeline\n',
    });
    assert.deepStrictEqual(result.projects, []);
  });

  it('project templates a generator copies (templates/, {{cookiecutter}} folders) are not projects of their own', async () => {
    const template = (name: string) => `[project]\nname = "${name}"\ndependencies = ["openai>=1.30"]\n`;
    const result = await scanTree({
      'pyproject.toml': '[project]\nname = "agentkit"\ndependencies = ["openai>=1.30", "click>=8"]\n',
      'agentkit/cli.py': 'import click\nfrom openai import OpenAI\n',
      'agentkit/templates/crew/pyproject.toml': template('{{folder_name}}'),
      'agentkit/templates/crew/main.py': 'from openai import OpenAI\n',
      '{{cookiecutter.slug}}/pyproject.toml': template('{{cookiecutter.slug}}'),
      '{{cookiecutter.slug}}/app.py': 'import anthropic\n',
    });
    assert.deepStrictEqual(result.projects.map((p) => p.root), ['.']);
  });

  it('test suites of any name, hidden folders and a module named setup.py do not make projects', async () => {
    const req = 'openai>=1.30\nrequests==2.32.3\n';
    const result = await scanTree({
      'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { openai: '4.52.0' } }),
      'apps/api/src/llm.ts': "import OpenAI from 'openai';\n",
      // Suites with manifests of their own, in a repository whose top folder has none.
      'apps/test-suite/package.json': JSON.stringify({ name: 'test-suite', dependencies: { openai: '4.52.0' } }),
      'apps/test-suite/src/judge.ts': "import OpenAI from 'openai';\n",
      'integration-tests/requirements.txt': req,
      'integration-tests/test_chat.py': 'from openai import OpenAI\n',
      'load_tests/requirements.txt': req,
      'load_tests/run.py': 'from openai import OpenAI\n',
      '.github/.publish/pyproject.toml': '[project]\nname = "alias"\ndependencies = ["openai"]\n',
      'apps/js-examples/package.json': JSON.stringify({ name: 'examples', dependencies: { openai: '4.52.0' } }),
      'apps/js-examples/agent.ts': "import OpenAI from 'openai';\n",
      // A package's own helper module called setup.py is not a setuptools script.
      'apps/api/memory/setup.py': 'import os\n\nHOME = os.path.expanduser("~")\n',
      'apps/api/memory/store.py': 'from openai import OpenAI\n',
    });
    assert.deepStrictEqual(result.projects.map((p) => p.root), ['apps/api']);
  });

  it('a tutorial or demo folder with its own manifest is a project (a tutorials repository is made of them)', async () => {
    const result = await scanTree({
      'rag_tutorials/corrective_rag/requirements.txt': 'openai==1.40.0\n',
      'rag_tutorials/corrective_rag/app.py': 'from openai import OpenAI\n',
      'computer-use-demo/pyproject.toml': '[project]\nname = "cu"\ndependencies = ["anthropic==0.40.0"]\n',
      'computer-use-demo/cu/loop.py': 'import anthropic\n',
      // A file name decides nothing: demo_app.py is this package's app.
      'chat/pyproject.toml': '[project]\nname = "chat"\ndependencies = ["fastapi==0.115.0"]\n',
      'chat/demo_app.py': 'from openai import OpenAI\n',
      'chat/utils.py': 'import json\n',
    });
    assert.deepStrictEqual(result.projects.map((p) => p.root), ['chat', 'computer-use-demo', 'rag_tutorials/corrective_rag']);
  });

  it("a package importing its own module (an AI library's own repository) is not AI by that alone", async () => {
    // `ollama` is an LLM client in the catalogue; the client's own repository imports itself everywhere.
    const sdk = {
      'pyproject.toml': '[project]\nname = "ollama"\ndependencies = ["httpx>=0.27", "pydantic>=2"]\n',
      'ollama/__init__.py': 'from ollama._client import Client\n',
      'ollama/_client.py': 'import httpx\nimport ollama\n',
    };
    assert.deepStrictEqual((await scanTree(sdk)).projects, []);
    // With real AI evidence of its own, the self-imports only support it, listed after the strong evidence.
    const result = await scanTree({ ...sdk, 'ollama/_embed.py': 'import torch\nimport ollama\n' });
    const p = projectAt(result);
    assert.deepStrictEqual([...p.kinds].sort(), ['deep-learning', 'llm-app']);
    assert.strictEqual(p.aiEvidence[0]?.note, 'imports torch');
  });

  it("a docs site is a project when its own package.json depends on an AI SDK at run time (a docs chatbot), not otherwise", async () => {
    const chatbot = {
      'pyproject.toml': '[project]\nname = "lib"\ndependencies = ["httpx>=0.27"]\n',
      'lib/__init__.py': 'import httpx\n',
      'apps/docs/package.json': JSON.stringify({ name: 'docs', dependencies: { next: '15.0.0', ai: '4.0.0', '@ai-sdk/openai': '1.0.0' } }),
      'apps/docs/app/api/chat/route.ts': "import { openai } from '@ai-sdk/openai';\nimport { streamText } from 'ai';\nexport async function POST(req: Request) {\n  return streamText({ model: openai('gpt-4o-mini-2024-07-18'), prompt: await req.text() }).toTextStreamResponse();\n}\n",
    };
    assert.deepStrictEqual((await scanTree(chatbot)).projects.map((p) => p.root), ['apps/docs']);
    // A plain docs site, and an example's docs, are not.
    const plain = { ...chatbot, 'apps/docs/package.json': JSON.stringify({ name: 'docs', dependencies: { next: '15.0.0' }, devDependencies: { ai: '4.0.0' } }) };
    assert.deepStrictEqual((await scanTree(plain)).projects.map((p) => p.root), []);
    const example = { ...chatbot, 'examples/docs/package.json': chatbot['apps/docs/package.json'], 'examples/docs/route.ts': chatbot['apps/docs/app/api/chat/route.ts'] };
    assert.ok(!(await scanTree(example)).projects.some((p) => p.root === 'examples/docs'));
    // Named with a leading underscore, as static-site tools do: the same rules.
    const underscored = { ...plain, 'js/_website/package.json': JSON.stringify({ name: 'website', dependencies: { '@sveltejs/kit': '2.0.0' } }), 'js/_website/gen/embed.py': 'from openai import OpenAI\n' };
    assert.deepStrictEqual((await scanTree(underscored)).projects.map((p) => p.root), []);
  });

  it('type-only imports of an SDK are typings, not calls: a mock server typed against openai is not a project', async () => {
    const files = {
      'mock-server/package.json': JSON.stringify({ name: 'mock-llm', dependencies: { express: '4.19.2' }, devDependencies: { openai: '4.56.0' } }),
      'mock-server/src/types.ts': "import type { ChatCompletion } from 'openai';\nexport type { Message } from '@anthropic-ai/sdk';\nimport { type Tool, type ToolChoice } from 'ai';\nexport type Reply = ChatCompletion;\n",
      'mock-server/src/server.ts': "import express from 'express';\nimport type { Reply } from './types';\nexpress().post('/v1/chat/completions', (_req, res) => res.json({} as Reply));\n",
    };
    assert.deepStrictEqual((await scanTree(files)).projects.map((p) => p.root), []);
    // One value import of the SDK makes it code that calls the SDK.
    const calling = { ...files, 'mock-server/src/client.ts': "import OpenAI, { type ClientOptions } from 'openai';\nexport const client = new OpenAI({ timeout: 5_000 });\n" };
    assert.deepStrictEqual((await scanTree(calling)).projects.map((p) => p.root), ['mock-server']);
  });

  it('a workspace root with no runtime dependencies of its own is not a project; its members are', async () => {
    const member = (name: string, dep: string) => `[project]\nname = "${name}"\ndependencies = ["${dep}"]\n`;
    const files = {
      'pyproject.toml': '[project]\nname = "agents-workspace"\n\n[dependency-groups]\ndev = ["pytest==8.3.2"]\n\n[tool.uv.workspace]\nmembers = ["lib/core", "lib/tools"]\n',
      'conftest.py': 'import pytest\n',
      'scripts/release_notes.py': 'from openai import OpenAI\n',
      'lib/core/pyproject.toml': member('agents-core', 'openai>=1.30'),
      'lib/core/core/agent.py': 'from openai import OpenAI\n',
      'lib/tools/pyproject.toml': member('agents-tools', 'langchain>=0.2'),
      'lib/tools/tools/search.py': 'from langchain_core.tools import tool\n',
    };
    assert.deepStrictEqual((await scanTree(files)).projects.map((p) => p.root), ['lib/core', 'lib/tools']);
    // The same root with a runtime dependency of its own is a project too.
    const withDeps = { ...files, 'pyproject.toml': files['pyproject.toml'].replace('name = "agents-workspace"', 'name = "agents-workspace"\ndependencies = ["openai>=1.30"]') };
    assert.deepStrictEqual((await scanTree(withDeps)).projects.map((p) => p.root), ['.', 'lib/core', 'lib/tools']);
    // An npm workspace root with only dev tooling, likewise.
    const npm = await scanTree({
      'package.json': JSON.stringify({ name: 'chat-monorepo', private: true, workspaces: ['apps/*'], devDependencies: { turbo: '2.0.0' } }),
      'scripts/gen.mjs': "import OpenAI from 'openai';\n",
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { openai: '4.52.0' } }),
      'apps/web/src/chat.ts': "import OpenAI from 'openai';\n",
    });
    assert.deepStrictEqual(npm.projects.map((p) => p.root), ['apps/web']);
    // pnpm declares its workspace in pnpm-workspace.yaml.
    const pnpm = await scanTree({
      'package.json': JSON.stringify({ name: 'chat-monorepo', private: true, devDependencies: { turbo: '2.0.0' } }),
      'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n',
      'scripts/gen.mjs': "import OpenAI from 'openai';\n",
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { openai: '4.52.0' } }),
      'apps/web/src/chat.ts': "import OpenAI from 'openai';\n",
    });
    assert.deepStrictEqual(pnpm.projects.map((p) => p.root), ['apps/web']);
  });

  it('an empty folder: no project, no notes, no crash', async () => {
    const result = await scanTree({});
    assert.deepStrictEqual([result.projects, result.findings, result.notes], [[], [], []]);
    assert.strictEqual(result.stats.files, 0);
  });
});
