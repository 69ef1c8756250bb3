// Worker threads must not change the answer: a scan whose per-file work runs on the analysis pool returns
// exactly what the same scan computes on its own thread (findings, checks, notes), and an aborted scan
// leaves the pool usable.
import { strict as assert } from 'assert';
import { scan } from '../../server/src/engine/scan';
import { poolActivity, poolLimits } from '../../server/src/engine/analysis/analysisPool';
import type { ScanResult } from '../../server/src/engine/types';
import { makeTree } from '../helpers';
import { plantedKeys } from './robust/util';

function workspace(): Record<string, string> {
  const keys = plantedKeys();
  const files: Record<string, string> = {
    'pyproject.toml': '[project]\nname = "ranker"\ndependencies = ["openai==1.40.0", "transformers==4.44.0", "torch==2.4.0"]\n',
    'README.md': '# Ranker\n',
    '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
    'monitoring/alerts.yml': 'groups:\n  - name: latency\n    rules:\n      - alert: HighLatency\n        expr: histogram_quantile(0.95, rate(request_seconds_bucket[5m])) > 2\n',
    'src/ranker/generated_table.py': 'VALUE = 1\n'.repeat(120_000),
    'notebooks/explore.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: ['import torch\n', 'model = torch.load("m.pt")\n'], outputs: [] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
    'config/settings.yaml': `api:\n  key: "${keys[0].key}"\n`,
  };
  for (let i = 0; i < 40; i++) {
    files[`src/ranker/mod_${i}.py`] = [
      'from openai import OpenAI',
      'from transformers import AutoModel',
      i % 3 === 0 ? `API_KEY = "${keys[i % keys.length].key}"` : '# no key here',
      'client = OpenAI()',
      'def run(rows):',
      `    model = AutoModel.from_pretrained("org/model-${i}")`,
      '    return client.chat.completions.create(model="gpt-4o", messages=rows)',
      '',
    ].join('\n');
  }
  return files;
}

const withoutTimings = (r: ScanResult) => ({ ...r, stats: { ...r.stats, ms: 0, filesRead: 0, bytesRead: 0 } });

describe('analysis pool (worker threads)', function () {
  this.timeout(60_000);
  const saved = { ...poolLimits };
  const savedEnv = process.env.AI_PREFLIGHT_THREADS;
  after(() => {
    Object.assign(poolLimits, saved);
    if (savedEnv === undefined) delete process.env.AI_PREFLIGHT_THREADS; else process.env.AI_PREFLIGHT_THREADS = savedEnv;
  });

  it('gives the same result as scanning on one thread', async () => {
    Object.assign(poolLimits, { minBytes: 0, minFiles: 1 });
    const files = workspace();
    process.env.AI_PREFLIGHT_THREADS = '0';
    const before = poolActivity.files;
    const single = await scan({ root: makeTree(files) });
    assert.equal(poolActivity.files, before, 'AI_PREFLIGHT_THREADS=0 keeps the work on this thread');
    process.env.AI_PREFLIGHT_THREADS = '2';
    const threaded = await scan({ root: makeTree(files) });
    assert.ok(poolActivity.files - before >= 40, 'the threaded scan analysed its files on workers');
    assert.ok(single.findings.some((f) => f.ruleId === 'hardcoded-secrets'), 'the tree has secrets to find');
    assert.ok(single.findings.some((f) => f.ruleId === 'llm-client-timeout'), 'the tree has code findings');
    assert.ok(single.notes.some((n) => n.file === 'src/ranker/generated_table.py'), 'the over-cap file is noted');
    assert.deepEqual(withoutTimings({ ...threaded, root: '' }), withoutTimings({ ...single, root: '' }));
  });

  it('hands work too small to start a worker to workers already running', async () => {
    process.env.AI_PREFLIGHT_THREADS = '2';
    Object.assign(poolLimits, { minBytes: 0, minFiles: 1 });
    await scan({ root: makeTree(workspace()) }); // starts the workers; they idle for a while after
    Object.assign(poolLimits, { minBytes: Number.MAX_SAFE_INTEGER, minFiles: Number.MAX_SAFE_INTEGER, warmMinFiles: Number.MAX_SAFE_INTEGER });
    let before = poolActivity.files;
    await scan({ root: makeTree(workspace()) });
    assert.equal(poolActivity.files, before, 'below every threshold the work stays on this thread');
    Object.assign(poolLimits, { warmMinFiles: 1 });
    before = poolActivity.files;
    await scan({ root: makeTree(workspace()) });
    assert.ok(poolActivity.files - before >= 40, 'running workers took the work');
  });

  it('stops on abort and serves the next scan', async () => {
    Object.assign(poolLimits, { minBytes: 0, minFiles: 1 });
    process.env.AI_PREFLIGHT_THREADS = '2';
    const root = makeTree(workspace());
    const controller = new AbortController();
    const aborted = scan({ root, signal: controller.signal });
    setImmediate(() => controller.abort());
    await assert.rejects(aborted, (e: Error) => e.name === 'AbortError');
    const after = await scan({ root: makeTree(workspace()) });
    assert.equal(after.projects.length, 1);
    assert.ok(after.findings.length > 40);
  });
});
