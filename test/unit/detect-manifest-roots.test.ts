// Which files make a folder a package root: a manifest must describe a package (its metadata, a build system or
// its dependencies), and a folder a pyproject.toml names as its source belongs to that package.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import { forgetScans } from '../../server/src/engine/scanState';
import { makeTree } from '../helpers';
import { projectsOf } from './detect-weak.test';

describe('project roots: what counts as a manifest', () => {
  it('a pyproject.toml holding only linter settings makes no package: the code belongs to the package above', async () => {
    const projects = await projectsOf({
      'pyproject.toml': '[project]\nname = "ranker"\ndependencies = ["torch>=2.3"]\n',
      'sdk/python/pyproject.toml': '[tool.ruff]\nline-length = 100\n\n[tool.mypy]\nignore_missing_imports = true\n',
      'sdk/python/ranker/model.py': 'import torch\n\nnet = torch.nn.Linear(4, 1)\n',
    });
    assert.deepStrictEqual(projects.map((p) => [p.root, p.name, p.manifest]), [['.', 'ranker', 'pyproject.toml']]);
  });

  it('a formatter-only pyproject.toml beside requirements.txt leaves requirements.txt as the manifest', async () => {
    const projects = await projectsOf({
      'pyproject.toml': '[tool.black]\nline-length = 99\n\n[tool.isort]\nprofile = "black"\n',
      'requirements.txt': 'scikit-learn==1.5.1\n',
      'train.py': 'from sklearn.linear_model import LogisticRegression\n\nclf = LogisticRegression()\n',
    });
    assert.deepStrictEqual(projects.map((p) => [p.root, p.manifest]), [['.', 'requirements.txt']]);
  });

  it('a pyproject.toml with a build system or a uv workspace still makes a package', async () => {
    const projects = await projectsOf({
      'svc/pyproject.toml': '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n',
      'svc/requirements.txt': 'openai==1.40.0\n',
      'svc/app.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=10)\n',
    });
    assert.deepStrictEqual(projects.map((p) => [p.root, p.manifest]), [['svc', 'svc/pyproject.toml']]);
  });

  it('the folder setuptools builds the package from, with only compiled requirements of its own, is no separate package', async () => {
    const projects = await projectsOf({
      'pyproject.toml': '[project]\nname = "ranker"\ndependencies = ["torch>=2.3"]\n\n[tool.setuptools]\npackages = {find = {where = ["sdk/python"]}}\n',
      'sdk/python/requirements/py3.11-requirements.txt': 'torch==2.3.1\n',
      'sdk/python/ranker/model.py': 'import torch\n\nnet = torch.nn.Linear(4, 1)\n',
    });
    assert.deepStrictEqual(projects.map((p) => [p.root, p.name, p.manifest]), [['.', 'ranker', 'pyproject.toml']]);
  });

  it('a package.json declaring nothing, over a folder of Python code, leaves that code to the pyproject.toml above', async () => {
    const projects = await projectsOf({
      'pyproject.toml': '[project]\nname = "uikit"\ndependencies = ["transformers>=4.40"]\n',
      'package.json': JSON.stringify({ name: 'uikit-monorepo', private: true, devDependencies: { vite: '5.4.0' } }),
      'pnpm-workspace.yaml': 'packages:\n  - uikit\n',
      'uikit/package.json': JSON.stringify({ name: 'uikit', version: '1.2.0', description: 'versions the Python package' }),
      'uikit/pipelines.py': 'import transformers\n\npipe = transformers.pipeline("sentiment-analysis")\n',
      'uikit/templates/app.config.js': 'export default {};\n',
    });
    assert.deepStrictEqual(projects.map((p) => [p.root, p.name, p.manifest]), [['.', 'uikit', 'pyproject.toml']]);
  });

  it('a dependency-less package.json over JS code is still a package', async () => {
    const projects = await projectsOf({
      'pyproject.toml': '[project]\nname = "uikit"\ndependencies = ["transformers>=4.40"]\n',
      'uikit/model.py': 'import transformers\n',
      'web/package.json': JSON.stringify({ name: 'web', version: '1.0.0', main: 'index.js' }),
      'web/index.js': 'const url = "https://api.openai.com/v1/chat/completions";\nmodule.exports = () => fetch(url);\n',
    });
    assert.deepStrictEqual(projects.map((p) => p.root), ['.', 'web']);
  });

  it('after a file event that adds JS code beside that package.json, the folder is a package, as a cold scan says', async () => {
    const root = makeTree({
      'pyproject.toml': '[project]\nname = "uikit"\ndependencies = ["transformers>=4.40"]\n',
      'uikit/package.json': JSON.stringify({ name: 'uikit', version: '1.2.0' }),
      'uikit/pipelines.py': 'import transformers\n',
      'web/package.json': JSON.stringify({ name: 'web', dependencies: { openai: '4.56.0' } }),
      'web/chat.js': 'const OpenAI = require("openai");\n',
    });
    try {
      assert.deepStrictEqual((await scan({ root })).projects.map((p) => p.root), ['.', 'web']);
      fs.writeFileSync(path.join(root, 'uikit/widget.js'), 'const OpenAI = require("openai");\n');
      const after = await scan({ root, changedPaths: ['uikit/widget.js'] });
      forgetScans(path.resolve(root));
      const cold = await scan({ root });
      assert.deepStrictEqual(after.projects.map((p) => p.root), cold.projects.map((p) => p.root));
      assert.deepStrictEqual(cold.projects.map((p) => p.root), ['.', 'uikit', 'web']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
