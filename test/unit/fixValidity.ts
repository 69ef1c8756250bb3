// Shared by the scaffolding tests: "every generated file is valid" (issue 5) checked per format, and git
// repositories made from fixtures with local identities only.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2019 from 'ajv/dist/2019';
import { parseAllDocuments } from 'yaml';
import { makeTempDir, repoRoot } from '../helpers';

export const hasGit = spawnSync('git', ['--version']).status === 0;
export const hasPython = spawnSync('python3', ['--version']).status === 0;
export const hasBash = spawnSync('bash', ['--version']).status === 0;

const odcsSchema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'rules', 'schema', 'odcs-v3-subset.schema.json'), 'utf8'));
const validateOdcs = new Ajv2019({ strict: false, validateFormats: false, allErrors: true }).compile(odcsSchema);

let scratch: string | undefined;
const pycache = () => (scratch ??= makeTempDir('aipf-pycache-'));

/** Problems with one generated file (empty when valid); `rel` decides the format. */
export function problemsOf(root: string, rel: string): string[] {
  const abs = path.join(root, rel);
  const text = fs.readFileSync(abs, 'utf8');
  const out: string[] = [];
  if (/\.ya?ml$/.test(rel)) {
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    for (const d of list) for (const e of d.errors) out.push(`${rel}: YAML: ${e.message}`);
    if (/\.odcs\.ya?ml$/.test(rel) && out.length === 0 && !validateOdcs(list[0].toJS())) {
      out.push(`${rel}: ODCS: ${JSON.stringify(validateOdcs.errors)}`);
    }
  } else if (rel.endsWith('.json')) {
    try { JSON.parse(text); } catch (e) { out.push(`${rel}: JSON: ${(e as Error).message}`); }
  } else if (rel.endsWith('.py') && hasPython) {
    // Byte code goes to a scratch folder: no __pycache__ appears in the tree being compared.
    const r = spawnSync('python3', ['-m', 'py_compile', abs], { encoding: 'utf8', env: { ...process.env, PYTHONPYCACHEPREFIX: pycache() } });
    if (r.status !== 0) out.push(`${rel}: Python: ${r.stderr.trim().split('\n').pop()}`);
  } else if (rel.endsWith('.sh') && hasBash) {
    const r = spawnSync('bash', ['-n', abs], { encoding: 'utf8' });
    if (r.status !== 0) out.push(`${rel}: bash -n: ${r.stderr.trim()}`);
  }
  return out;
}

/** Makes `dir` a git repository with every file committed by two local identities (no global config used). */
export function gitInit(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'commit.gpgsign=false', ...args], {
    stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' },
  });
  git('init', '-q');
  const commit = (name: string, email: string, what: string, msg: string) => {
    git('add', '-A', '--', what);
    git('-c', `user.name=${name}`, '-c', `user.email=${email}`, 'commit', '-q', '--allow-empty', '-m', msg);
  };
  commit('Ada Lovelace', 'ada@example.com', '.', 'initial import');
  fs.appendFileSync(path.join(dir, 'README.md'), '\nMaintained by the platform team.\n');
  commit('Grace Hopper', '12345+ghopper@users.noreply.github.com', 'README.md', 'readme');
}

/** `hashTree` without git's own folder. */
export function withoutGit(tree: Map<string, string>): Map<string, string> {
  return new Map([...tree].filter(([rel]) => rel !== '.git/' && !rel.startsWith('.git/')));
}
