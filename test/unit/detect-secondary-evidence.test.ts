// Evidence that shows or checks a package rather than being it: a Go/Rust/Java package's notebooks (how-tos of
// the service) and a package's test fixtures do not make it an AI project on their own.
import * as assert from 'assert';
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
});
