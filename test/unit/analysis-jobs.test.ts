// What the first analysis pass computes per code file: imports everywhere; under a folder whose manifest
// declares an AI dependency, also what the project pass would ask (so those files are read once), and
// nothing more elsewhere. Whichever way the work is split, the scan's answer is the same.
import { strict as assert } from 'assert';
import { importJobs } from '../../server/src/engine/analysis/jobs';
import { topLevelImportHeads } from '../../server/src/engine/projects/imports';
import { crawl } from '../../server/src/engine/workspace/crawl';
import { FileStore } from '../../server/src/engine/workspace/fileStore';
import { FileResultCache } from '../../server/src/engine/workspace/fileResultCache';
import { forgetScans, scan } from '../../server/src/engine/scan';
import { poolLimits } from '../../server/src/engine/analysis/analysisPool';
import type { ScanResult } from '../../server/src/engine/types';
import { makeTree } from '../helpers';

const TREE = {
  'services/bot/pyproject.toml': '[project]\nname = "bot"\ndependencies = ["openai==1.40.0"]\n',
  'services/bot/src/bot/app.py': 'from openai import OpenAI\nclient = OpenAI()\n',
  'services/bot/evals/run_evals.py': 'import json\nprint(json.dumps({"accuracy": 0.9}))\n',
  'services/web/package.json': '{"name": "web", "dependencies": {"react": "18.0.0"}}\n',
  'services/web/src/App.tsx': 'import React from "react";\nexport const App = () => null;\n',
  'tools/cleanup.py': 'import os\nos.remove("x")\n',
};

async function jobsOf(root: string) {
  const { files } = crawl(root, { git: false });
  const store = new FileStore(root, files);
  return new Map((await importJobs(files, store, new FileResultCache())).map((j) => [j.file.rel, j]));
}

/** The per-name test detection used before the heads were computed with the imports: the reference. */
function importedAtTopLevel(text: string, name: string): boolean {
  const top = name.split('.')[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:from[ \\t]+${top}\\b|import[ \\t]+(?:[\\w.]+[ \\t]*,[ \\t]*)*${top}\\b)`, 'm').test(text);
}

describe('module-level import heads', () => {
  it('agree with the per-name column-0 test on every shape of import line', () => {
    const lines = [
      'import numpy', 'import numpy as np', 'import numpy.linalg as la', 'import os, numpy', 'import os,numpy,torch', 'import os as o, numpy',
      'import numpy as np, torch', 'from numpy import x', 'from numpy.linalg import norm', 'from .numpy import x', 'from numpyx import y',
      'import numpyx', 'import a.numpy', '    import numpy', '\timport torch', 'def f():\n    import torch', 'try:\n    import sklearn\nexcept ImportError:\n    pass',
      '# import numpy', 'x = "import numpy"', 'from numpy-x import y', 'import  torch ,  numpy', 'from\tsklearn import svm',
    ];
    const names = ['numpy', 'numpy.linalg', 'torch', 'sklearn', 'os', 'numpyx', 'a', 'x'];
    for (const text of [...lines, lines.join('\n'), lines.join('\r\n')]) {
      const heads = topLevelImportHeads(text);
      for (const name of names) assert.equal(heads.includes(name.split('.')[0]), importedAtTopLevel(text, name), `${JSON.stringify(text)} / ${name}`);
    }
  });
});

describe('analysis jobs before detection', () => {
  it('code under an AI-dependency folder gets every value in one read; other code only its imports', async () => {
    const jobs = await jobsOf(makeTree(TREE));
    const app = jobs.get('services/bot/src/bot/app.py')!;
    assert.deepEqual([...app.kinds].sort(), ['code', 'imports', 'matches', 'modelIds', 'secrets', 'suppressions', 'topImports']);
    // an eval script is looked at by the eval-pipeline check's content matchers; app code need not be
    assert.ok(jobs.get('services/bot/evals/run_evals.py')!.matchers!.some((k) => k.startsWith('eval-pipeline')), 'eval matchers for the eval script');
    assert.deepEqual(jobs.get('services/web/src/App.tsx')!.kinds, ['imports']);
    assert.deepEqual(jobs.get('tools/cleanup.py')!.kinds, ['imports', 'topImports']);
    assert.equal(jobs.has('services/bot/pyproject.toml'), false, 'manifests are not code');
  });

  it('a repository with no AI dependency computes imports only', async () => {
    const jobs = await jobsOf(makeTree({ 'pyproject.toml': '[project]\nname = "cli"\ndependencies = ["click"]\n', 'src/cli.py': 'import click\n' }));
    assert.deepEqual([...jobs.values()].map((j) => j.kinds), [['imports', 'topImports']]);
  });

  it('an AI-dependency root covers every code file', async () => {
    const jobs = await jobsOf(makeTree({ 'requirements.txt': 'torch==2.4.0\n', 'a/b/c.py': 'x = 1\n' }));
    assert.ok(jobs.get('a/b/c.py')!.kinds.includes('code'));
  });

  it('the scan gives the same answer whether the values come from the first pass or the lazy path', async () => {
    const root = makeTree(TREE);
    const saved = { ...poolLimits };
    try {
      // Small scans compute per-file values lazily; with no threshold the batches run (on this thread).
      Object.assign(poolLimits, { inlineMinFiles: 0, minFiles: Number.MAX_SAFE_INTEGER });
      const batched = await scan({ root });
      forgetScans();
      Object.assign(poolLimits, saved);
      const lazy = await scan({ root });
      const plain = (r: ScanResult) => JSON.stringify({ ...r, stats: 0 });
      assert.equal(plain(batched), plain(lazy));
      assert.deepEqual(lazy.projects.map((p) => p.root), ['services/bot']);
      assert.ok(lazy.findings.some((f) => f.ruleId === 'llm-client-timeout' && f.file === 'services/bot/src/bot/app.py'));
    } finally {
      Object.assign(poolLimits, saved);
    }
  });
});
