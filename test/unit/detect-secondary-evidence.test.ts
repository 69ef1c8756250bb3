// Evidence that shows or checks a package rather than being it: a Go/Rust/Java package's notebooks (how-tos of
// the service) and a package's test fixtures do not make it an AI project on their own.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import { forgetScans } from '../../server/src/engine/scanState';
import { makeTree } from '../helpers';
import { projectsOf } from './detect-weak.test';

const notebook = (...lines: string[]) => JSON.stringify({ cells: [{ cell_type: 'code', source: lines.map((l) => l + '\n') }], metadata: {}, nbformat: 4, nbformat_minor: 5 });

describe('project detection: demo and fixture evidence', () => {
  it('a Go service whose only AI code is a how-to notebook is no AI project', async () => {
    const projects = await projectsOf({
      'scheduler/go.mod': 'module example.com/scheduler\n\ngo 1.22\n',
      'scheduler/main.go': 'package main\n\nfunc main() {}\n',
      'scheduler/notebooks/pipeline-demo.ipynb': notebook('from sklearn import datasets', 'X, y = datasets.load_iris(return_X_y=True)'),
    });
    assert.deepStrictEqual(projects.map((p) => p.root), []);
  });

  it('the Go service\'s Python code still counts, and its notebooks then support it', async () => {
    const projects = await projectsOf({
      'go.mod': 'module example.com/ranker\n\ngo 1.22\n',
      'main.go': 'package main\n\nfunc main() {}\n',
      'train/fit.py': 'import torch\n\nnet = torch.nn.Linear(4, 1)\n',
      'notebooks/explore.ipynb': notebook('from sklearn import datasets'),
    });
    assert.deepStrictEqual(projects.map((p) => [p.root, p.aiKind, p.kinds]), [['.', 'deep-learning', ['deep-learning', 'classic-ml']]]);
  });

  it('a Python package\'s notebooks are its code as before', async () => {
    const projects = await projectsOf({
      'requirements.txt': 'pandas==2.2.2\n',
      'notebooks/explore.ipynb': notebook('from sklearn import datasets'),
    });
    assert.deepStrictEqual(projects.map((p) => [p.root, p.aiKind]), [['.', 'classic-ml']]);
  });

  it('a Rust crate whose only AI code is a test script writing fixture files is no AI project', async () => {
    const projects = await projectsOf({
      'core/Cargo.toml': '[package]\nname = "core"\nversion = "0.1.0"\n',
      'core/src/lib.rs': 'pub fn add(a: i32, b: i32) -> i32 { a + b }\n',
      'core/tests/write_fixtures.py': 'import torch\n\ntorch.save({"a": torch.zeros(2)}, "test.pt")\n',
    });
    assert.deepStrictEqual(projects.map((p) => p.root), []);
  });

  it('a package whose only code is examples is still a project by them', async () => {
    const projects = await projectsOf({
      'Cargo.toml': '[package]\nname = "engine"\nversion = "0.1.0"\n',
      'src/lib.rs': 'pub fn run() {}\n',
      'examples/export/export_model.py': 'import torch\n\nnet = torch.nn.Linear(4, 1)\n',
      'tests/write_fixtures.py': 'import torch\n',
    });
    assert.deepStrictEqual(projects.map((p) => [p.root, p.aiEvidence.map((e) => e.file)]), [['.', ['examples/export/export_model.py']]]);
  });

  it('a manifest-less folder of notebooks preparing data for the repository\'s LLM app is no project of its own', async () => {
    const projects = await projectsOf({
      'src/api/requirements.txt': 'fastapi==0.111.0\n',
      'src/api/chat.py': 'from openai import AzureOpenAI\n\nclient = AzureOpenAI(timeout=10)\n',
      'data/products/build-index.ipynb': notebook('from openai import AzureOpenAI', 'emb = AzureOpenAI().embeddings.create(input="x", model="text-embedding-ada-002")'),
      'data/products/products.csv': 'id,name\n1,tent\n',
    });
    assert.deepStrictEqual(projects.map((p) => p.root), ['src/api']);
  });

  it('a notebook folder with AI of another kind than the packages\', with a script, or named for its subject stays a project', async () => {
    const projects = await projectsOf({
      'src/api/requirements.txt': 'fastapi==0.111.0\n',
      'src/api/chat.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=10)\n',
      'data/train.ipynb': notebook('import torch', 'net = torch.nn.Linear(4, 1)'),
      'indexing/build.ipynb': notebook('from openai import OpenAI'),
      'indexing/load.py': 'from openai import OpenAI\n',
      'support-bot/explore.ipynb': notebook('from openai import OpenAI'),
    });
    assert.deepStrictEqual(projects.map((p) => p.root), ['data', 'indexing', 'src/api', 'support-bot']);
  });

  it('after a file event adding such a notebook, the projects are those a cold scan finds', async () => {
    const root = makeTree({
      'src/api/requirements.txt': 'fastapi==0.111.0\n',
      'src/api/chat.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=10)\n',
      'data/products.csv': 'id,name\n1,tent\n',
    });
    try {
      assert.deepStrictEqual((await scan({ root })).projects.map((p) => p.root), ['src/api']);
      fs.writeFileSync(path.join(root, 'data/build-index.ipynb'), notebook('from openai import OpenAI'));
      const after = await scan({ root, changedPaths: ['data/build-index.ipynb'] });
      forgetScans(path.resolve(root));
      const cold = await scan({ root });
      assert.deepStrictEqual(after.projects.map((p) => p.root), cold.projects.map((p) => p.root));
      assert.deepStrictEqual(cold.projects.map((p) => p.root), ['src/api']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
