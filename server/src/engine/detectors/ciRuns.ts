// Whether a CI text (a workflow, a script it calls, a package.json script) runs tests or evals. Read from what
// would run: comment lines and what exclusion flags name are left out first, so `pytest --ignore=tests/evals/`
// runs tests, not evals.
import { blankRanges } from './githubWorkflow';
import { isTestTask, toolCalls } from './ciTaskRunners';

export interface RunHit { index: number; match: string }
export type RunFinder = (text: string) => RunHit | undefined;

const RUNS_TESTS = /\b(pytest|py\.test|python[0-9.]*[ \t]+-m[ \t]+(pytest|unittest)|tox\b|nox\b|(npm|pnpm|yarn|bun)[ \t]+(run[ \t]+)?test|jest\b|vitest\b|mocha\b|node[ \t]+--test\b|playwright[ \t]+test\b|cypress[ \t]+run\b|cypress-io\/github-action@|make[ \t]+test|go[ \t]+test|cargo[ \t]+test|hatch[ \t]+(run[ \t]+)?test|mvn[ \t]+(-\S+[ \t]+)*(test|verify)|gradle\w*[ \t]+test|coverage[ \t]+run|npm[ \t]+run[ \t]+ci\b)/i;
const RUNS_EVALS = /\b(promptfoo|deepeval|ragas|lm_eval|lm-eval|inspect[ \t]+eval|evaluate\.py|run_evals?|make[ \t]+eval\w*|npm[ \t]+run[ \t]+eval\w*|dvc[ \t]+repro)/i;
/**
 * A command that runs something in an evals folder: a runner (python, pytest, node, a shell, `uv run`, ...) at the
 * start of a shell command, given a path in `evals/` or `eval/`, or a `cd` into that folder followed by a runner.
 * A path merely mentioned (`cp eval/plots/x.png .`, `for f in /tmp/evals/*.jsonl`, `pip install -r
 * evals/requirements.txt`, a `paths:` filter) runs no eval.
 */
const RUNNER = String.raw`(?:(?:uv|poetry|pdm|hatch|pipenv|rye|pixi|npm|pnpm|yarn|bun|deno)[ \t]+(?:run|exec|dlx|x)[ \t]+)?(?:python[0-9.]*|pytest|py\.test|ipython|papermill|node|tsx|ts-node|npx|bunx|bash|sh|vitest|jest|mocha)\b`;
const COMMAND_START = String.raw`(?:^[ \t]*(?:-[ \t]+)?(?:(?:run|script|command|cmd|entrypoint)[ \t]*:[ \t]*(?:[|>][-+]?[ \t]*)?)?["']?|[;&|(][ \t]*|\b(?:do|then|else|exec|time|sudo)[ \t]+)(?:[A-Za-z_][A-Za-z0-9_]*=\S*[ \t]+)*`;
const EVAL_FOLDER = String.raw`["']?(?:\.\/)?(?:[\w.$\{\}-]+\/)*evals?`;
const RUNS_EVAL_FOLDER = new RegExp(String.raw`${COMMAND_START}(?<command>${RUNNER}(?:(?!\binstall\b)[^\n;&|#])*?[ \t"'=]${EVAL_FOLDER}\/[^\s"';&|]*|cd[ \t]+${EVAL_FOLDER}\/?["']?[ \t]*(?:&&|;)[ \t]*${RUNNER})`, 'im');

/**
 * A Python script or module run by name: `python .github/scripts/eval_run.py --label prod`, `python -m evaluate`
 * (in the step's working-directory), `uv run python -u run_evals.py`. Whether its name says eval is decided by
 * `isEvalName`: a path argument (`python json_to_md.py results/evaluation_results.json`) is not what runs.
 */
const PYTHON_SCRIPT = new RegExp(String.raw`${COMMAND_START}(?<command>(?:(?:uv|poetry|pdm|hatch|pipenv|rye|pixi)[ \t]+run[ \t]+)?python[0-9.]*(?:[ \t]+-[uBOsSEIq]+)*[ \t]+(?:-m[ \t]+(?<module>[A-Za-z_][\w.]*)|["']?(?:\.\/)?(?<script>(?:[\w.$\{\}-]+\/)*[\w.-]+\.py)\b))`, 'gim');

/**
 * A script or module whose name says it evaluates: a word of its name (split at `_`, `-`, `.`) is eval, evals,
 * evaluate, evaluation(s) or evaluator(s) (evaluate.py, eval_run.py, run_evals.py, -m evals.regression); a
 * script's folders are left to RUNS_EVAL_FOLDER. `retrieval.py` and `medeval.py` are not eval names.
 */
function isEvalName(name: string): boolean {
  return name.split(/[_.-]+/).some((w) => /^eval(?:s|uate|uations?|uators?)?$/i.test(w));
}

/** The first Python script or module `text` runs whose name says eval. */
function evalScriptIn(text: string): RunHit | undefined {
  for (const m of text.matchAll(PYTHON_SCRIPT)) {
    const { command, module, script } = m.groups!;
    const name = module ?? script.slice(script.lastIndexOf('/') + 1).replace(/\.py$/, '');
    if (isEvalName(name)) return { index: m.index! + m[0].length - command.length, match: command };
  }
  return undefined;
}

/** Where `text` runs tests: a test command, or a package manager or task runner running a test task. */
export const findTestRun: RunFinder = (text) => remembered(testRuns, text, testRunIn);

/** Where `text` runs evals. */
export const findEvalRun: RunFinder = (text) => remembered(evalRuns, text, evalRunIn);

// A repository's CI texts are read for every project of a monorepo: each is searched once.
const testRuns = new Map<string, RunHit | null>();
const evalRuns = new Map<string, RunHit | null>();

function remembered(known: Map<string, RunHit | null>, text: string, find: RunFinder): RunHit | undefined {
  let hit = known.get(text);
  if (hit === undefined) {
    if (known.size >= 512) known.clear();
    known.set(text, (hit = find(text) ?? null));
  }
  return hit ?? undefined;
}

function testRunIn(text: string): RunHit | undefined {
  const runnable = runnableText(text);
  const own = RUNS_TESTS.exec(runnable);
  const task = toolCalls(runnable).find((c) => c.tasks.some((t) => isTestTask(t, c.tool)));
  if (task && (!own || task.index < own.index)) return { index: task.index, match: runnable.slice(task.index, task.end) };
  return own ? { index: own.index, match: own[0] } : undefined;
}

function evalRunIn(text: string): RunHit | undefined {
  const runnable = runnableText(text);
  const own = RUNS_EVALS.exec(runnable);
  const folder = RUNS_EVAL_FOLDER.exec(runnable);
  const command = folder?.groups?.command;
  const inFolder = command && { index: folder.index + folder[0].length - command.length, match: command };
  const hits = [own && { index: own.index, match: own[0] }, inFolder, evalScriptIn(runnable)].filter((h): h is RunHit => !!h);
  return hits.sort((a, b) => a.index - b.index)[0];
}

/**
 * Flags whose value is what a run leaves out: pytest's `--ignore`, `--ignore-glob` and `--deselect`, the
 * `--exclude` of most runners, Jest's `--testPathIgnorePatterns`, a `-k` or `-m` expression starting with
 * `not`, and a turbo or pnpm filter that starts with `!`.
 */
const EXCLUSION = new RegExp([
  String.raw`(?<!\S)--?(?:ignore(?:-glob)?|deselect|exclude(?:-dir|-glob|-tests?)?|skip(?:-glob)?|omit|testPathIgnorePatterns|test-path-ignore-patterns|ignore-pattern|grep-invert)(?:=|[ \t]+)(?:"[^"\n]*"|'[^'\n]*'|[^\s"'\\]+)`,
  String.raw`(?<!\S)-[km](?:=|[ \t]+)(?:"[ \t]*not\b[^"\n]*"|'[ \t]*not\b[^'\n]*')`,
  String.raw`(?<!\S)(?:--filter|-F)(?:=|[ \t]+)(?:"![^"\n]*"|'![^'\n]*'|![^\s"'\\]*)`,
].join('|'), 'g');
/** A whole-line comment (YAML, shell, PowerShell): words in it do not run. */
const COMMENT_LINE = /^[ \t]*#.*$/gm;

// The same CI text is read for tests and for evals, for every project of a monorepo.
let lastText: string | undefined;
let lastRunnable = '';

/** `text` without comment lines and exclusion-flag arguments, blanked so offsets stay. */
export function runnableText(text: string): string {
  if (text !== lastText) {
    const ranges: [number, number][] = [];
    for (const re of [COMMENT_LINE, EXCLUSION]) for (const m of text.matchAll(re)) ranges.push([m.index!, m.index! + m[0].length]);
    lastRunnable = blankRanges(text, ranges);
    lastText = text;
  }
  return lastRunnable;
}
