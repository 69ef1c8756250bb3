// Peers on the same tree: secretlint (recommended preset) for the secrets part and repolinter with a
// file-existence ruleset equivalent to our project artifact checks. Installed once into a cache dir
// outside the repository from the npm registry; a peer that cannot be installed or run is reported so.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { timeChild } from './stats.mjs';

export const PEERS_DIR = '/tmp/aipf-bench-peers';
const PACKAGES = ['secretlint@13.0.6', '@secretlint/secretlint-rule-preset-recommend@13.0.7', 'repolinter@0.12.0'];

/** Installs the peers when missing; returns an error sentence or undefined. */
export function ensurePeers(log) {
  const bin = (n) => path.join(PEERS_DIR, 'node_modules', '.bin', n);
  if (fs.existsSync(bin('secretlint')) && fs.existsSync(bin('repolinter'))) return undefined;
  log(`installing peers into ${PEERS_DIR} …`);
  try {
    fs.mkdirSync(PEERS_DIR, { recursive: true });
    if (!fs.existsSync(path.join(PEERS_DIR, 'package.json'))) fs.writeFileSync(path.join(PEERS_DIR, 'package.json'), '{"name":"aipf-bench-peers","private":true}\n');
    execFileSync('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', ...PACKAGES], { stdio: 'ignore', timeout: 600_000 });
    return undefined;
  } catch (e) {
    return `peers not installed: ${e.message.split('\n')[0]}`;
  }
}

/** secretlint over every file (it honours .gitignore itself); hits as "rel:line". */
export async function runSecretlint(dir, outFile) {
  const rc = path.join(PEERS_DIR, 'secretlintrc.json');
  fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  // The unix format is one line per hit; its messages may quote the secret, so the file is parsed and deleted.
  const r = await timeChild(path.join(PEERS_DIR, 'node_modules', '.bin', 'secretlint'),
    ['--secretlintrc', rc, '--format', 'unix', '--output', outFile, '--no-color', '**/*'], { cwd: dir });
  const hits = new Set();
  try {
    for (const line of fs.readFileSync(outFile, 'utf8').split('\n')) {
      const m = /^(.+?):(\d+):\d+:/.exec(line);
      if (m) hits.add(`${path.relative(dir, path.resolve(dir, m[1])).split(path.sep).join('/')}:${m[2]}`);
    }
  } catch { /* no output: counted as no hits */ }
  fs.rmSync(outFile, { force: true });
  // secretlint exits 1 when it finds something; anything else is a failure.
  return { ...r, ok: r.code === 0 || r.code === 1, hits };
}

/** A repolinter ruleset asking, per AI project, for the artifacts our checks look for by name. */
function repolinterRuleset(projects) {
  const rules = {};
  for (const p of projects) {
    const id = p.root.replace(/[^\w]+/g, '-');
    const exists = (name, globs) => {
      rules[`${id}-${name}`] = { level: 'warning', rule: { type: 'file-existence', options: { globsAny: globs.map((g) => `${p.root}/${g}`), nocase: true } } };
    };
    exists('owners', ['CODEOWNERS', '.github/CODEOWNERS', 'OWNERS*', 'MAINTAINERS*']);
    exists('model-card', ['**/*model_card*', '**/*model-card*', '**/MODEL_CARD*']);
    exists('evals', ['**/promptfooconfig.*', '**/evals/**/*.py', '**/eval*.py']);
    exists('monitoring', ['monitoring/**', '**/alerts.y*ml', '**/prometheus*.y*ml']);
    exists('data-contract', ['**/datacontract*.y*ml', '**/contracts/**/*.y*ml', '**/*.odcs.y*ml']);
    exists('tests', ['tests/**/*.py', '**/test_*.py']);
  }
  return { $schema: 'https://raw.githubusercontent.com/todogroup/repolinter/master/rulesets/schema.json', version: 2, axioms: {}, rules };
}

export async function runRepolinter(dir, projects, outFile) {
  const ruleset = path.join(PEERS_DIR, 'repolinter-ruleset.json');
  fs.writeFileSync(ruleset, JSON.stringify(repolinterRuleset(projects)));
  const r = await timeChild(path.join(PEERS_DIR, 'node_modules', '.bin', 'repolinter'), ['lint', dir, '--rulesetFile', ruleset, '--format', 'json'], { stdoutFile: outFile });
  let passed = NaN;
  let total = NaN;
  try {
    const out = JSON.parse(fs.readFileSync(outFile, 'utf8'));
    const results = out.results ?? [];
    total = results.length;
    passed = results.filter((x) => x.lintResult?.passed).length;
  } catch { /* not JSON: the run failed */ }
  fs.rmSync(outFile, { force: true });
  return { ...r, ok: !Number.isNaN(total), passed, total };
}
