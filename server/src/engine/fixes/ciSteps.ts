// The commands a CI job runs for a project: set up, install, test, evaluate. Shared by the ci and eval scaffolds.
import type { CheckResult } from '../types';
import { hasTestScript } from './facts';
import type { ProjectFacts } from './types';

export interface CiCommands {
  /** GitHub Actions setup steps, pre-indented for a job's `steps:` list. */
  githubSetup: string;
  /** GitLab image for the job. */
  gitlabImage: string;
  install: string;
  test: string;
  evaluate: string;
  /** Secrets the evaluation needs (environment variable names). */
  evalSecrets: string[];
}

const has = (facts: ProjectFacts, file: string) => facts.files.includes(file);

function pythonInstall(facts: ProjectFacts): string {
  const req = facts.files.find(f => /^requirements[-_]?(dev|test)?\.txt$/.test(f)) ?? (has(facts, 'requirements.txt') ? 'requirements.txt' : undefined);
  if (has(facts, 'uv.lock')) return 'pip install uv && uv sync --frozen';
  if (has(facts, 'poetry.lock')) return 'pip install poetry && poetry install --no-interaction';
  if (req) return `pip install -r ${req} && pip install pytest`;
  if (has(facts, 'pyproject.toml') || has(facts, 'setup.py')) return 'pip install -e . && pip install pytest';
  return 'pip install pytest';
}

/** The evaluation command: the project's own harness when the engine found one, else the scaffolded one. */
export function evalCommand(facts: ProjectFacts, evalCheck?: CheckResult): string {
  const prefix = facts.rel === '.' ? '' : facts.rel + '/';
  const evidence = evalCheck?.status === 'pass' ? evalCheck.evidence.map(e => e.file) : [];
  const found = evidence.map(f => (f.startsWith(prefix) ? f.slice(prefix.length) : f));
  const promptfoo = found.find(f => /promptfooconfig\.ya?ml$/.test(f));
  if (promptfoo) return `npx --yes promptfoo@latest eval -c ${promptfoo}`;
  const script = found.find(f => f.endsWith('.py'));
  if (script) return `python ${script}`;
  if (facts.kind === 'llm-app') {
    return 'if [ -f evals/promptfooconfig.yaml ]; then npx --yes promptfoo@latest eval -c evals/promptfooconfig.yaml; else echo "no evals/promptfooconfig.yaml yet"; fi';
  }
  return 'if [ -f evals/evaluate.py ]; then python evals/evaluate.py; else echo "no evals/evaluate.py yet"; fi';
}

/** `npm test` when package.json has a real test script, else the detected runner directly (npm test would fail). */
function nodeTestCommand(facts: ProjectFacts): string {
  if (hasTestScript(facts.packageJson)) return 'npm test';
  switch (facts.nodeTestRunner) {
    case 'vitest': return 'npx vitest run';
    case 'jest': return 'npx jest';
    case 'mocha': return 'npx mocha';
    default: return 'node --test';
  }
}

export function ciCommands(facts: ProjectFacts, evalCheck?: CheckResult): CiCommands {
  const needsNode = facts.language === 'node' || facts.kind === 'llm-app'; // promptfoo and ai-preflight run on Node
  const setup: string[] = [];
  if (facts.language === 'python') {
    setup.push('      - uses: actions/setup-python@v5', '        with:', '          python-version: "3.11"');
  }
  if (needsNode) setup.push('      - uses: actions/setup-node@v4', '        with:', '          node-version: "20"');
  const node = facts.language === 'node';
  return {
    githubSetup: setup.join('\n'),
    gitlabImage: node ? 'node:20' : 'python:3.11',
    install: node ? (has(facts, 'package-lock.json') ? 'npm ci' : 'npm install') : pythonInstall(facts),
    test: node ? nodeTestCommand(facts) : 'python -m pytest -q',
    evaluate: evalCommand(facts, evalCheck),
    evalSecrets: facts.llm?.envVar ? [facts.llm.envVar] : [],
  };
}

/** `env:` block for the GitHub eval step (secrets by name only), pre-indented with a final newline; '' when none. */
export function githubEvalEnv(commands: CiCommands, kind: string): string {
  const lines = commands.evalSecrets.map(v => `          ${v}: \${{ secrets.${v} }}`);
  if (kind === 'llm-app') lines.push('          PROMPTFOO_PASS_RATE_THRESHOLD: "90"');
  return lines.length ? ['        env:', ...lines].join('\n') + '\n' : '';
}
