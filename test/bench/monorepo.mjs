// The synthetic AI monorepo of the benchmark: generated from a seed, committed as a git repository,
// cached under the temp dir by seed and size (a complete tree has meta.json, written last).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeRng } from './random.mjs';
import { AI_DEPS, csv, goFile, markdown, notebook, packageLock, pythonModule, pythonTest, sqlModel, tsxComponent, yamlConfig } from './content.mjs';
import { placeholderLine, plantedSecret } from './secrets.mjs';

const GENERATOR_VERSION = 4;
export const CACHE_ROOT = path.join(os.tmpdir(), 'aipf-bench');
const PROJECTS = 40;
const NAMES = ['churn', 'ranker', 'support-bot', 'fraud', 'forecast', 'summarizer', 'search', 'vision-qc', 'pricing', 'triage'];

/** Returns { dir, meta } for the tree of this seed and size, generating it when not cached. */
export function ensureMonorepo(seed, files, log = () => undefined) {
  const base = path.join(CACHE_ROOT, `tree-v${GENERATOR_VERSION}-s${seed}-n${files}`);
  const metaFile = path.join(base, 'meta.json');
  const dir = path.join(base, 'repo');
  if (fs.existsSync(metaFile)) return { dir, meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')) };
  fs.rmSync(base, { recursive: true, force: true });
  log(`generating ${files} files (seed ${seed}) in ${dir} …`);
  const t0 = Date.now();
  const meta = generate(dir, seed, files);
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Bench Bot']);
  git(dir, ['config', 'user.email', 'bench@example.invalid']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'synthetic monorepo']);
  meta.trackedFiles = git(dir, ['ls-files']).split('\n').filter(Boolean).length;
  fs.writeFileSync(metaFile, JSON.stringify(meta, null, 1));
  log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${meta.totalFiles} files, ${meta.trackedFiles} tracked, ${(meta.trackedBytes / 1e6).toFixed(0)} MB tracked`);
  return { dir, meta };
}

function git(cwd, args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function generate(dir, seed, total) {
  const rng = makeRng(seed);
  const scale = total / 100_000;
  const meta = { seed, totalFiles: 0, trackedBytes: 0, planted: [], placeholders: [], projects: [], targets: {} };
  const madeDirs = new Set();
  const write = (rel, content, tracked = true) => {
    const abs = path.join(dir, rel);
    const parent = path.dirname(abs);
    if (!madeDirs.has(parent)) { fs.mkdirSync(parent, { recursive: true }); madeDirs.add(parent); }
    fs.writeFileSync(abs, content);
    meta.totalFiles++;
    if (tracked) meta.trackedBytes += Buffer.byteLength(content);
  };
  /** Records where planted lines ended up, by searching the text (notebooks are JSON-escaped by then). */
  const record = (rel, text, items, list) => {
    for (const item of items) {
      const needle = item.line.replace(/"/g, '\\"');
      let i = text.indexOf(item.line);
      if (i < 0) i = text.indexOf(needle);
      if (i < 0) throw new Error(`planted line lost in ${rel}`);
      list.push({ file: rel, line: text.slice(0, i).split('\n').length, provider: item.provider });
    }
  };

  const counts = {
    venv: Math.round(total * 0.35), nodeModules: Math.round(total * 0.20), raw: Math.round(total * 0.15), mlruns: Math.round(total * 0.05),
  };
  const tracked = total - counts.venv - counts.nodeModules - counts.raw - counts.mlruns;
  const web = Math.round(tracked * 0.08), go = Math.round(tracked * 0.04), dbt = Math.round(tracked * 0.04);
  const root = 8;
  const perProject = Math.floor((tracked - web - go - dbt - root) / PROJECTS);

  // Repository level.
  write('.gitignore', '.venv/\nnode_modules/\n**/data/raw/\nmlruns/\n__pycache__/\n*.pyc\n');
  write('README.md', markdown(rng, 'Platform monorepo', 3000));
  write('Makefile', 'test:\n\tpytest projects\n');
  write('.github/workflows/ci.yml', 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -e projects/churn-0\n      - run: pytest projects\n');
  write('.github/workflows/lint.yml', 'name: lint\non: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ruff check .\n');
  write('docs/architecture.md', markdown(rng, 'Architecture', 5000));
  write('pyproject.toml', '[tool.ruff]\nline-length = 120\n');
  write('.venv/pyvenv.cfg', 'home = /usr/bin\nversion = 3.11.9\n', false);

  // Secrets: ~40 planted at any size, spread over projects; placeholders alongside.
  const secretsFor = new Map();
  for (let i = 0; i < 40; i++) {
    const p = i % PROJECTS;
    if (!secretsFor.has(p)) secretsFor.set(p, []);
    secretsFor.get(p).push(['py', 'yaml', 'output'][rng.int(3)]);
  }

  for (let p = 0; p < PROJECTS; p++) {
    const name = `${NAMES[p % NAMES.length]}-${p}`;
    const pkg = name.replace(/-/g, '_');
    const kind = ['llm', 'dl', 'ml'][p % 3];
    const pr = `projects/${name}`;
    const has = { evals: p % 2 === 0, monitoring: p % 5 < 2, contracts: p % 3 === 0, codeowners: p % 3 === 1, modelCard: p % 5 >= 3, tests: p % 10 !== 9 };
    meta.projects.push({ root: pr, kind, ...has });
    const deps = AI_DEPS[kind].map((d) => `  "${d}==${rng.between(1, 4)}.${rng.int(20)}.${rng.int(10)}"`).join(',\n');
    write(`${pr}/pyproject.toml`, `[project]\nname = "${name}"\nversion = "0.1.0"\ndependencies = [\n${deps},\n  "pandas>=2.0"\n]\n`);
    write(`${pr}/README.md`, markdown(rng, name, 2500));
    let left = perProject - 2;
    if (has.codeowners) { write(`${pr}/CODEOWNERS`, `* @org/${name}-team\n`); left--; }
    if (has.modelCard) { write(`${pr}/MODEL_CARD.md`, markdown(rng, `Model card: ${name}`, 4000) + '\n## Intended use\n\n## Limitations\n\n## Performance\n'); left--; }
    if (has.evals) { write(`${pr}/evals/run_evals.py`, pythonModule(rng, kind, 3000)); write(`${pr}/evals/promptfooconfig.yaml`, 'prompts: [prompts/main.txt]\nproviders: [openai:gpt-4o-mini]\ntests:\n  - vars: {q: hi}\n    assert:\n      - type: contains\n        value: hello\n'); left -= 2; }
    if (has.monitoring) { write(`${pr}/monitoring/alerts.yaml`, 'groups:\n  - name: model\n    rules:\n      - alert: HighLatency\n        expr: histogram_quantile(0.95, rate(request_seconds_bucket[5m])) > 2\n'); left--; }
    if (has.contracts) { write(`${pr}/contracts/datacontract.yaml`, `dataContractSpecification: 1.1.0\nid: ${name}-input\nmodels:\n  rows:\n    fields:\n      id: {type: integer}\n`); left--; }

    const secretStyles = secretsFor.get(p) ?? [];
    const nNotebooks = Math.max(1, Math.round(left * 0.03));
    const nTests = has.tests ? Math.max(1, Math.round(left * 0.15)) : 0;
    const nConfigs = Math.max(1, Math.round(left * 0.08));
    const nDocs = Math.max(1, Math.round(left * 0.03));
    const nBinaries = Math.max(1, Math.round(left * 0.02));
    const nSrc = Math.max(1, left - nNotebooks - nTests - nConfigs - nDocs - nBinaries);
    const take = (style) => {
      const i = secretStyles.indexOf(style);
      if (i < 0) return [];
      secretStyles.splice(i, 1);
      return [plantedSecret(rng, style)];
    };
    for (let i = 0; i < nSrc; i++) {
      const rel = `${pr}/src/${pkg}/${i === 0 ? 'core' : `mod_${i}`}.py`;
      const secrets = i % 7 === 3 ? take('py') : [];
      const holders = i === 5 ? [{ line: placeholderLine(rng, 'py'), provider: 'placeholder' }] : [];
      const text = pythonModule(rng, kind, rng.between(1_000, 6_000), [...secrets, ...holders].map((s) => s.line));
      write(rel, text);
      record(rel, text, secrets, meta.planted);
      record(rel, text, holders, meta.placeholders);
      if (p === 3 && i === 1) meta.targets.codeFile = rel;
    }
    for (let i = 0; i < nTests; i++) write(`${pr}/tests/test_${i}.py`, pythonTest(rng, pkg, rng.between(800, 4_000)));
    for (let i = 0; i < nNotebooks; i++) {
      const rel = `${pr}/notebooks/explore_${i}.ipynb`;
      const secrets = take('output');
      const text = notebook(rng, kind, rng.between(8_000, 110_000), secrets.map((s) => s.line));
      write(rel, text);
      record(rel, text, secrets, meta.planted);
    }
    for (let i = 0; i < nConfigs; i++) {
      const rel = `${pr}/configs/${i === 0 ? 'serving' : `exp_${i}`}.yaml`;
      const secrets = take('yaml');
      const holders = i === 1 ? [{ line: placeholderLine(rng, 'yaml'), provider: 'placeholder' }] : [];
      const text = yamlConfig(rng, rng.between(300, 2_000), [...secrets, ...holders].map((s) => s.line));
      write(rel, text);
      record(rel, text, secrets, meta.planted);
      record(rel, text, holders, meta.placeholders);
    }
    // Leftover styles (a project with more secrets than files of a kind) go to one extra module.
    if (secretStyles.length) {
      const rel = `${pr}/src/${pkg}/settings_extra.py`;
      const secrets = secretStyles.map((s) => plantedSecret(rng, s === 'yaml' || s === 'output' ? 'py' : s));
      const text = pythonModule(rng, kind, 1500, secrets.map((s) => s.line));
      write(rel, text);
      record(rel, text, secrets, meta.planted);
    }
    for (let i = 0; i < nDocs; i++) write(`${pr}/docs/notes_${i}.md`, markdown(rng, `Notes ${i}`, rng.between(1_000, 6_000)));
    for (let i = 0; i < nBinaries; i++) {
      const ext = ['png', 'pt', 'parquet'][i % 3];
      write(`${pr}/assets/blob_${i}.${ext}`, Buffer.concat([Buffer.from([0x89, 0, 0, 0]), rng.bytes(rng.between(5_000, 60_000))]));
    }
    if (p === 3) meta.targets.projectWithoutOwners = has.codeowners ? undefined : pr;
  }
  meta.targets.projectWithoutOwners ??= meta.projects.find((x) => !x.codeowners).root;
  meta.targets.newProjectDir = `${meta.projects[0].root}/tools/labeler`;
  write(`${meta.targets.newProjectDir}/label.py`, pythonModule(rng, 'llm', 2000).replace('"""Generated', 'import anthropic\n"""Generated'));

  // A few multi-MB files (scaled down in small trees) and the 1 MB file of the incremental benchmark.
  const big = (n) => Math.max(Math.round(n * Math.sqrt(scale)), 200_000);
  meta.targets.bigFile = `${meta.projects[4].root}/src/${meta.projects[4].root.split('/').pop().replace(/-/g, '_')}/vocab_table.py`;
  write(meta.targets.bigFile, pythonModule(rng, 'dl', 1_000_000));
  write(`${meta.projects[0].root}/notebooks/big_analysis.ipynb`, notebook(rng, 'llm', big(4_000_000)));
  write(`${meta.projects[1].root}/data/sample_train.csv`, csv(rng, Math.round(big(8_000_000) / 25)));
  write(`${meta.projects[2].root}/fixtures/responses.json`, JSON.stringify(Array.from({ length: Math.round(big(3_000_000) / 60) }, (_, i) => ({ id: i, text: `answer ${rng.int(1e6)}` }))));

  // Non-AI packages: a React app with a large lock file, a Go service, a dbt project.
  write('apps/web/package.json', JSON.stringify({ name: 'web', private: true, dependencies: { react: '18.3.1', 'react-dom': '18.3.1' } }, null, 2));
  write('apps/web/package-lock.json', packageLock(rng, big(5_000_000)));
  for (let i = 0; i < web - 2; i++) write(`apps/web/src/components/Panel${i}.tsx`, tsxComponent(rng, i, rng.between(800, 5_000)));
  write('services/gateway/go.mod', 'module example.com/gateway\n\ngo 1.22\n');
  for (let i = 0; i < go - 1; i++) write(`services/gateway/handlers/h${i}.go`, goFile(rng, i, rng.between(1_000, 8_000)));
  write('analytics/dbt/dbt_project.yml', "name: analytics\nversion: '1.0'\nprofile: analytics\n");
  for (let i = 0; i < dbt - 1; i++) write(`analytics/dbt/models/m${i}.sql`, sqlModel(rng, i));

  // The git-ignored bulk.
  for (let i = 0; i < counts.venv; i++) {
    write(`.venv/lib/python3.11/site-packages/lib${i % 300}/sub${(i >> 5) % 8}/m${i}.py`, `# vendored\nimport os\nVALUE_${i} = ${rng.int(1e6)}\n`.repeat(rng.between(1, 20)), false);
  }
  for (let i = 0; i < counts.nodeModules; i++) {
    write(`apps/web/node_modules/pkg${i % 400}/lib/f${i}.js`, `module.exports = ${rng.int(1e6)};\n`.repeat(rng.between(1, 20)), false);
  }
  for (let i = 0; i < counts.raw; i++) write(`${meta.projects[i % PROJECTS].root}/data/raw/part_${i}.csv`, csv(rng, rng.between(5, 40)), false);
  for (let i = 0; i < counts.mlruns; i++) write(`mlruns/${i % 7}/run${(i >> 4)}/metrics/m${i}`, `${Date.UTC(2024, 0, 1) + i} ${rng.next()} ${i}\n`, false);
  return meta;
}
