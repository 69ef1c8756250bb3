// A repository that is a collection of examples (its only manifests are under examples/): each example with a
// manifest is a project, and the scan root holds the rest. Examples of a package stay part of that package.
import * as assert from 'assert';
import { projectsOf } from './detect-weak.test';

const pinnedMessage = (p: { checks: { id: string; message: string }[] }) => p.checks.find((c) => c.id === 'pinned-dependencies')?.message ?? '';

describe('project roots: collections of examples', () => {
  it('each example with a manifest is a project when no manifest sits above the examples', async () => {
    const projects = await projectsOf({
      'README.md': '# Examples\n',
      'examples/vision/requirements.txt': 'torch==2.3.1\n',
      'examples/vision/train.py': 'import torch\n\nnet = torch.nn.Linear(4, 1)\n',
      'examples/chat/requirements.txt': 'openai>=1.40\n',
      'examples/chat/app.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=10)\n',
      'examples/tabular/fit.py': 'from sklearn.linear_model import LogisticRegression\n\nclf = LogisticRegression()\n',
    });
    assert.deepStrictEqual(projects.map((p) => [p.root, p.aiKind]), [['.', 'classic-ml'], ['examples/chat', 'llm-app'], ['examples/vision', 'deep-learning']]);
    const vision = projects.find((p) => p.root === 'examples/vision')!;
    assert.ok(!/no manifest/.test(pinnedMessage(vision)), pinnedMessage(vision));
  });

  it('the examples of a package with a manifest stay part of that package', async () => {
    const projects = await projectsOf({
      'pyproject.toml': '[project]\nname = "vision"\ndependencies = ["torch>=2.3"]\n',
      'vision/net.py': 'import torch\n',
      'examples/finetune/requirements.txt': 'torch==2.3.1\n',
      'examples/finetune/run.py': 'import torch\nimport vision\n',
    });
    assert.deepStrictEqual(projects.map((p) => p.root), ['.']);
  });

  it('a project whose only manifests are in sub-folders is not told that no manifest was found', async () => {
    const projects = await projectsOf({
      'train.py': 'import torch\n\nnet = torch.nn.Linear(4, 1)\n',
      'tests/requirements.txt': 'torch==2.3.1\npytest==8.3.2\n',
      'tests/test_train.py': 'import train\n\ndef test_net():\n    assert train.net\n',
    });
    assert.deepStrictEqual(projects.map((p) => p.root), ['.']);
    const message = pinnedMessage(projects[0]);
    assert.ok(!/no manifest declaring/.test(message) && message.includes('tests/requirements.txt'), message);
  });
});
