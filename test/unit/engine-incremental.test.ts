// A scan after file events (ScanOptions.changedPaths) must give exactly what a cold full scan gives:
// random sequences of creates, edits and deletes on small AI monorepos, compared after every step.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import type { ScanOptions } from '../../server/src/engine/api';
import type { ScanResult } from '../../server/src/engine/types';
import { forgetScans, lastLayouts, previousStores, resultCaches, scanStates } from '../../server/src/engine/scanState';
import { makeTree } from '../helpers';

/** Deterministic PRNG (mulberry32), so a failing sequence replays from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A provider-shaped key made up now (never a real one). */
function fakeKey(rand: () => number): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = 'sk-proj-';
  for (let i = 0; i < 48; i++) s += abc[Math.floor(rand() * abc.length)];
  return s;
}

const BASE: Record<string, string> = {
  '.gitignore': 'ignored/\n*.log\n',
  'README.md': '# mono\n',
  'svc/a/pyproject.toml': '[project]\nname = "a"\ndependencies = ["openai==1.0.0"]\n',
  'svc/a/src/app.py': 'from openai import OpenAI\n\nclient = OpenAI()\n',
  'svc/b/requirements.txt': 'torch==2.1.0\n',
  'svc/b/train.py': 'import torch\n\nmodel = torch.nn.Linear(2, 2)\n',
  'svc/web/package.json': '{"name": "web", "dependencies": {"react": "18.0.0"}}\n',
  'svc/web/index.js': 'console.log(1)\n',
  'tools/util.py': 'import json\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
};

type Op = (dir: string, rand: () => number) => string[];

const write = (dir: string, rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
};
/** Creates the file when absent (with `text`), deletes it when present. */
const toggle = (rel: string, text: (rand: () => number) => string): Op => (dir, rand) => {
  if (fs.existsSync(path.join(dir, rel))) fs.rmSync(path.join(dir, rel), { recursive: true, force: true });
  else write(dir, rel, text(rand));
  return [rel];
};
const pick = <T>(rand: () => number, xs: T[]): T => xs[Math.floor(rand() * xs.length)];

const PY_BODIES = [
  'from openai import OpenAI\n\nclient = OpenAI()\n',
  'from openai import OpenAI\n\nclient = OpenAI(timeout=10)\n',
  'import anthropic\n',
  'import json\n',
  'import sklearn\nfrom sklearn.linear_model import LogisticRegression\n',
];

const OPS: Op[] = [
  toggle('svc/a/CODEOWNERS', () => '* @org/team\n'),
  toggle('svc/b/CODEOWNERS', () => '* @org/ml\n'),
  toggle('CODEOWNERS', () => '* @org/all\n'),
  toggle('svc/a/tools/labeler/pyproject.toml', () => '[project]\nname = "labeler"\ndependencies = ["anthropic==0.40.0"]\n'),
  toggle('svc/b/pyproject.toml', () => '[project]\nname = "b"\ndependencies = ["torch>=2"]\n'),
  toggle('tools/pyproject.toml', () => '[project]\nname = "tools"\n'),
  toggle('evals/pyproject.toml', () => '[project]\nname = "evals"\n'),
  toggle('svc/b/MODEL_CARD.md', () => '# Model card\n\n## Intended use\nTBD\n'),
  toggle('svc/a/evals/test_quality.py', () => 'import openai\n\ndef test_quality():\n    assert True\n'),
  toggle('docs/runbook.md', () => '# Runbook\n'),
  toggle('.github/CODEOWNERS', () => '* @org/all\n'),
  toggle('svc/b/notebooks/explore.ipynb', () => JSON.stringify({ cells: [{ cell_type: 'code', source: ['import torch\n'], metadata: {}, outputs: [] }], metadata: {}, nbformat: 4, nbformat_minor: 5 })),
  toggle('ignored/secret.py', (r) => `KEY = "${fakeKey(r)}"\n`),
  toggle('node_modules/pkg/index.js', () => 'module.exports = 1\n'),
  toggle('svc/a/run.log', () => 'log\n'),
  // Workspace roots, templates, test suites and first-party modules change what detection makes a project.
  toggle('pyproject.toml', () => '[project]\nname = "mono"\n\n[tool.uv.workspace]\nmembers = ["svc/*"]\n'),
  toggle('package.json', () => '{"name": "mono", "private": true, "devDependencies": {"turbo": "2.0.0"}}\n'),
  toggle('pnpm-workspace.yaml', () => 'packages:\n  - "svc/*"\n'),
  toggle('tools/gen.mjs', () => "import OpenAI from 'openai';\n"),
  toggle('svc/a/src/anthropic.py', () => 'NAME = "local module"\n'),
  toggle('svc/a/templates/app/pyproject.toml', () => '[project]\nname = "{{name}}"\ndependencies = ["openai"]\n'),
  toggle('svc/load_tests/requirements.txt', () => 'openai==1.0.0\n'),
  toggle('svc/load_tests/run.py', () => 'from openai import OpenAI\n'),
  // A repository-level secret counts for the top project when there is one, else for the projects beneath.
  toggle('docs/settings.yaml', (r) => `llm:\n  api_key: ${fakeKey(r)}\n`),
  // With a root manifest, code deep in the root package (seen by no project beneath) makes the root a project.
  toggle('requirements.txt', () => 'requests==2.32.3\n'),
  (dir, rand) => { write(dir, 'core/agent.py', pick(rand, PY_BODIES)); return ['core/agent.py']; },
  // Code files with AI imports, secrets and code-rule findings.
  (dir, rand) => {
    const rel = `svc/a/src/mod_${Math.floor(rand() * 3)}.py`;
    if (fs.existsSync(path.join(dir, rel)) && rand() < 0.3) fs.rmSync(path.join(dir, rel));
    else write(dir, rel, pick(rand, PY_BODIES) + (rand() < 0.3 ? `API_KEY = "${fakeKey(rand)}"\n` : ''));
    return [rel];
  },
  (dir, rand) => { write(dir, 'tools/util.py', pick(rand, PY_BODIES)); return ['tools/util.py']; },
  (dir, rand) => {
    const rel = '.github/workflows/ci.yml';
    if (fs.existsSync(path.join(dir, rel)) && rand() < 0.4) fs.rmSync(path.join(dir, rel));
    else write(dir, rel, rand() < 0.5 ? BASE[rel] : 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n');
    return [rel];
  },
  // Whole folders, reported by the folder's path only.
  (dir) => {
    const rel = 'svc/d';
    if (fs.existsSync(path.join(dir, rel))) fs.rmSync(path.join(dir, rel), { recursive: true });
    else {
      write(dir, 'svc/d/pyproject.toml', '[project]\nname = "d"\ndependencies = ["transformers==4.40.0"]\n');
      write(dir, 'svc/d/src/infer.py', 'from transformers import pipeline\n');
      write(dir, 'svc/d/ignored/x.py', 'import openai\n');
      write(dir, 'svc/d/README.md', '# d\n');
    }
    return [rel];
  },
  (dir) => {
    const rel = 'svc/a/src';
    if (fs.existsSync(path.join(dir, rel))) fs.rmSync(path.join(dir, rel), { recursive: true });
    else write(dir, 'svc/a/src/app.py', BASE['svc/a/src/app.py']);
    return [rel];
  },
  // Rule changes (full-scan fallback), still compared.
  (dir, rand) => { write(dir, '.gitignore', rand() < 0.5 ? BASE['.gitignore'] : BASE['.gitignore'] + 'docs/\n'); return ['.gitignore']; },
];

function comparable(r: ScanResult): unknown {
  const { ms: _ms, filesRead: _fr, bytesRead: _br, ...stats } = r.stats;
  return { ...r, stats };
}

/** A cold full scan of the tree as it is now, leaving the engine's memory of the folder as it was. */
async function coldScan(opts: ScanOptions): Promise<ScanResult> {
  const root = path.resolve(opts.root);
  const saved = [previousStores, resultCaches, lastLayouts, scanStates].map((m) => (m as Map<string, unknown>).get(root));
  forgetScans(root);
  try {
    return await scan(opts);
  } finally {
    [previousStores, resultCaches, lastLayouts, scanStates].forEach((m, i) => (m as Map<string, unknown>).set(root, saved[i]));
  }
}

async function runSequence(seed: number, steps: number, git: boolean): Promise<Record<string, number>> {
  const rand = rng(seed);
  const dir = makeTree(BASE);
  const kinds: Record<string, number> = {};
  try {
    if (git) {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '-A'], { cwd: dir });
      execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base'], { cwd: dir });
    }
    const opts: ScanOptions = { root: dir };
    await scan(opts);
    let clock = Math.floor(Date.now() / 1000) - 100_000;
    for (let step = 0; step < steps; step++) {
      const changed = new Set<string>();
      const n = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < n; i++) for (const rel of pick(rand, OPS)(dir, rand)) changed.add(rel);
      // Distinct mtimes, so a same-size rewrite within one clock tick still reads as a change.
      for (const rel of changed) {
        const abs = path.join(dir, rel);
        if (fs.existsSync(abs) && fs.statSync(abs).isFile()) fs.utimesSync(abs, ++clock, clock);
      }
      const got = await scan({ ...opts, changedPaths: [...changed] });
      const kind = scanStates.get(path.resolve(dir))!.kind;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const want = await coldScan(opts);
      assert.deepStrictEqual(comparable(got), comparable(want), `seed ${seed} step ${step} (${kind}) after ${[...changed].join(', ')}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return kinds;
}

describe('engine: incremental scans after file events', function () {
  this.timeout(180_000);
  const seed = Number(process.env.INCREMENTAL_SEED ?? 20261123);

  it('equals a cold full scan after every step of random edits (walked tree)', async () => {
    const kinds = await runSequence(seed, 60, false);
    if (process.env.INCREMENTAL_VERBOSE) console.log(kinds);
    assert.ok((kinds.incremental ?? 0) >= 20, `incremental path used: ${JSON.stringify(kinds)}`);
  });

  it('equals a cold full scan after every step of random edits (git work tree)', async () => {
    const kinds = await runSequence(seed + 1, 40, true);
    assert.ok((kinds.incremental ?? 0) >= 10, `incremental path used: ${JSON.stringify(kinds)}`);
  });
});
