// A conda environment file is a manifest by its content, whatever its name (automl_env.yml,
// conda_dependencies.yml, environment-gpu.yml); YAML files of other shapes never are.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isManifestFile, parseManifest } from '../../server/src/engine/projects/manifests';
import { detectAll, redetect } from '../../server/src/engine/projects/redetect';
import { crawl } from '../../server/src/engine/workspace/crawl';
import { FileStore } from '../../server/src/engine/workspace/fileStore';
import { FileResultCache } from '../../server/src/engine/workspace/fileResultCache';
import { makeTree } from '../helpers';
import { projectsOf } from './detect-weak.test';

const CONDA_ENV = 'name: tabular\nchannels:\n  - conda-forge\ndependencies:\n  # interpreter\n- python>=3.10,<3.11\n- xgboost==1.5.2\n- conda-forge::lightgbm=3.3.5\n- pip:\n  - scikit-learn==1.1.3\n';

describe('conda environment files by content', () => {
  it('reads a conda environment under another name, with its conda and pip packages', () => {
    const m = parseManifest('automl/automl_env.yml', CONDA_ENV);
    assert.strictEqual(m?.ecosystem, 'python');
    assert.deepStrictEqual(m?.deps.map((d) => [d.name, d.pinned]), [['xgboost', true], ['lightgbm', true], ['scikit-learn', true]]);
  });

  it('reads an environment of only a pip sub-list and a name (conda_dependencies.yml)', () => {
    const m = parseManifest('train/conda_dependencies.yml', 'name: project_environment\ndependencies:\n- python=3.8\n- pip:\n  - tensorflow-gpu==2.3.0\n');
    assert.deepStrictEqual(m?.deps.map((d) => d.name), ['tensorflow-gpu']);
  });

  it('YAML files of other shapes are no manifests', () => {
    const others: Record<string, string> = {
      // A Helm chart lists objects, an Ansible role `role:` objects, pubspec a mapping.
      'deploy/api/chart-deps.yaml': 'name: api\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 17.0.0\n    repository: https://charts.example.com\n',
      'roles/web/meta/main.yml': 'galaxy_info:\n  role_name: web\nname: web\ndependencies:\n  - role: common\n',
      'app/pubspec-like.yaml': 'name: app\ndependencies:\n  http: ^1.0.0\n',
      'ops/k8s.yml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n',
      'ci/pipeline.yml': 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
    };
    for (const [rel, text] of Object.entries(others)) assert.strictEqual(parseManifest(rel, text), null, rel);
    // Lock files, compose files and hidden folders' YAML are not even read.
    for (const rel of ['docker-compose.yml', 'conda-lock.yml', 'pnpm-lock.yaml', '.github/workflows/ci.yml', '.gitlab-ci.yml', 'mkdocs.yml']) {
      assert.strictEqual(isManifestFile(rel), false, rel);
    }
  });

  it('a folder with such a file is a package: its notebook is a project rooted there, with that manifest', async () => {
    const projects = await projectsOf({
      'README.md': '# notebooks\n',
      'automl/automl_env.yml': CONDA_ENV,
      'automl/forecast.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: ['import xgboost as xgb\n', 'model = xgb.XGBRegressor()\n'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
      'deploy/values-like.yml': 'name: api\ndependencies:\n  - name: redis\n    version: 17.0.0\n',
    });
    assert.deepStrictEqual(projects.map((p) => [p.root, p.manifest, p.aiKind]), [['automl', 'automl/automl_env.yml', 'classic-ml']]);
  });

  it('an edit to a YAML file that is no conda environment keeps the packages; one that makes it one re-roots', () => {
    const root = makeTree({
      'pyproject.toml': '[project]\nname = "app"\ndependencies = ["scikit-learn==1.4.0"]\n',
      'app/train.py': 'import sklearn\n',
      'configs/train.yaml': 'lr: 0.1\nepochs: 3\n',
      'automl/run.py': 'import xgboost\n',
      'automl/env.yml': 'seed: 1\n',
    });
    try {
      const results = new FileResultCache();
      const listed = () => {
        const { files } = crawl(root, { git: false });
        return { files, store: new FileStore(root, files) };
      };
      const first = listed();
      const before = detectAll(first.files, first.store, results, root);
      fs.writeFileSync(path.join(root, 'configs/train.yaml'), 'lr: 0.25\nepochs: 3\n');
      const second = listed();
      const edited = redetect(before, second.files, new Set(['configs/train.yaml']), second.store, results, root);
      // a training config is edited on every keystroke: the packages are taken as they were, not rebuilt
      assert.strictEqual(edited.model.packages, before.model.packages);
      fs.writeFileSync(path.join(root, 'automl/env.yml'), CONDA_ENV);
      const third = listed();
      const conda = redetect(edited, third.files, new Set(['automl/env.yml']), third.store, results, root);
      assert.deepStrictEqual([...conda.model.packages.keys()].sort(), ['.', 'automl']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
