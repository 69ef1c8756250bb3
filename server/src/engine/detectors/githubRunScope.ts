// Where a GitHub workflow's `run:` steps run: a step's `working-directory`, else its job's `defaults.run`, else the
// workflow's. In a monorepo, `pytest` under `working-directory: services/api` tests that service, not the Next.js
// app beside it. Matrix values are expanded (`python/${{ matrix.package }}` over a list of packages); any other
// expression leaves the directory unknown, and an unknown directory covers every project, as before.
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { blankRanges, parsedWorkflow } from './githubWorkflow';
import { toolCalls } from './ciTaskRunners';

export interface ProjectSteps {
  /** The workflow text with the `run:` steps that concern only other folders blanked out (offsets kept). */
  text: string;
  /** Every `run:` step works in other folders (there is at least one): the workflow does not build this project. */
  allElsewhere: boolean;
  /** The folders those other steps work in, for the message. */
  elsewhere: string[];
}

/** What a workflow runs for the project at `projectRoot`; the text as it is when it does not parse. */
export function stepsForProject(text: string, base: string, projectRoot: string): ProjectSteps {
  const { ranges, runSteps, dirs } = foreignSteps(text, base, projectRoot);
  if (!ranges.length) return { text, allElsewhere: false, elsewhere: [] };
  return { text: blankRanges(text, ranges), allElsewhere: ranges.length === runSteps, elsewhere: [...dirs] };
}

function foreignSteps(text: string, base: string, projectRoot: string): { ranges: [number, number][]; runSteps: number; dirs: Set<string> } {
  const steps = runStepFolders(text);
  const ranges: [number, number][] = [];
  const dirs = new Set<string>();
  let runSteps = 0;
  for (const { start, end, folders, chore } of steps) {
    // A release or git chore in the root (`gh release create` after publishing packages/blob) builds nothing:
    // it neither ties the workflow to every project nor to none.
    if (chore) continue;
    runSteps++;
    if (!folders || !folders.length || folders.some((d) => concerns(base + d, projectRoot))) continue;
    ranges.push([start, end]);
    for (const d of folders) dirs.add(d);
  }
  return { ranges: ranges.sort((a, b) => a[0] - b[0]), runSteps, dirs };
}

export interface RunStep {
  /** The step's place in the workflow text. */
  start: number;
  end: number;
  /**
   * The folders it works on, relative to the repository root ('.' for the root): its working directory, or the
   * folder its `make -C` commands go to; undefined when not given or not knowable.
   */
  folders?: string[];
  /** Its working directory alone (where a command's relative paths start), in the same form. */
  cwd?: string[];
  /** Its commands only tend the repository (git, gh, echo): they build and test nothing, wherever they run. */
  chore?: boolean;
}

// The ci detector asks for a repository-level workflow's steps twice per project (scoping and folders): each text
// is walked once. Callers only read the steps.
const stepsByText = new Map<string, RunStep[]>();

/** The `run:` steps of a workflow and the folders each works in; none when it does not parse. */
export function runStepFolders(text: string): RunStep[] {
  let steps = stepsByText.get(text);
  if (steps === undefined) {
    if (stepsByText.size >= 256) stepsByText.clear();
    stepsByText.set(text, (steps = readRunStepFolders(text)));
  }
  return steps;
}

function readRunStepFolders(text: string): RunStep[] {
  const doc = parsedWorkflow(text);
  if (!doc || !isMap(doc.contents)) return [];
  const top = doc.contents as YAMLMap;
  const workflowDir = stringAt(top, ['defaults', 'run', 'working-directory']);
  const jobs = top.get('jobs', true);
  if (!isMap(jobs)) return [];
  const out: RunStep[] = [];
  for (const pair of jobs.items) {
    const job = pair.value;
    if (!isMap(job)) continue;
    const jobDir = stringAt(job, ['defaults', 'run', 'working-directory']) ?? workflowDir;
    const matrix = matrixLists(job);
    const steps = job.get('steps', true);
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      if (!isMap(step) || step.get('run') === undefined || !step.range) continue;
      const dir = step.get('working-directory');
      const run = step.get('run');
      const stepDir = typeof dir === 'string' ? dir : jobDir;
      const cwd = expand(stepDir, matrix);
      const made = makeFolders(run, stepDir);
      out.push({ start: step.range[0], end: step.range[2], folders: made ? expand(made, matrix) : cwd, cwd, chore: typeof run === 'string' && onlyChores(run) });
    }
  }
  return out;
}

/** Commands that tag, push, release or print: a shell text made only of these builds and tests nothing. */
const CHORE_COMMAND = /^(?:git|gh|echo|printf|export|cd|true|:)$/;

export function onlyChores(run: string): boolean {
  const commands = shellCommands(run);
  return commands.length > 0 && commands.every((c) => CHORE_COMMAND.test(c.split(/\s+/)[0]));
}

/** The commands of a shell text, comments left out. */
function shellCommands(run: string): string[] {
  return run.split(/\r?\n|&&|\|\||;|[()]/).map((c) => c.trim()).filter((c) => c !== '' && !c.startsWith('#'));
}

/**
 * The folder a step's `make -C <dir>` commands work in (`make -C scheduler test` tests the scheduler), when make
 * run that way is all it does beside chores; several folders are not one place, nor a `-C` with an expression.
 */
function makeFolders(run: unknown, stepDir: string | undefined): string | undefined {
  if (typeof run !== 'string') return undefined;
  const commands = shellCommands(run).filter((c) => !CHORE_COMMAND.test(c.split(/\s+/)[0]));
  const folders = new Set<string>();
  for (const c of commands) {
    const folder = /^make\b/.test(c) ? toolCalls(c)[0]?.folder : undefined;
    if (folder === undefined || folder.includes('$')) return undefined;
    folders.add(folder.replace(/^\.\//, '').replace(/\/+$/, ''));
  }
  if (folders.size !== 1) return undefined;
  const [folder] = folders;
  return stepDir === undefined || folder.startsWith('/') ? folder : `${stepDir.replace(/\/+$/, '')}/${folder}`;
}

function stringAt(map: YAMLMap, path: string[]): string | undefined {
  const v = map.getIn(path);
  return typeof v === 'string' ? v : undefined;
}

/** `strategy.matrix` keys whose values are plain lists of strings (include/exclude entries are not expanded). */
function matrixLists(job: YAMLMap): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const matrix = job.getIn(['strategy', 'matrix'], true);
  if (!isMap(matrix)) return out;
  for (const item of matrix.items) {
    const key = String((item.key as { value?: unknown } | null)?.value ?? item.key);
    const value = item.value;
    if (isSeq(value) && value.items.every((v) => typeof (v as { value?: unknown }).value === 'string')) {
      out.set(key, value.items.map((v) => (v as { value: string }).value));
    }
  }
  return out;
}

/** The folders a working directory names (undefined: none given, or not knowable here). */
function expand(dir: string | undefined, matrix: Map<string, string[]>): string[] | undefined {
  if (dir === undefined) return undefined;
  let dirs = [dir];
  for (const m of dir.matchAll(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g)) {
    const values = matrix.get(m[1]);
    if (!values) return undefined;
    dirs = dirs.flatMap((d) => values.map((v) => d.split(m[0]).join(v)));
  }
  if (dirs.some((d) => d.includes('${{'))) return undefined;
  return dirs.map((d) => d.trim().replace(/^\.\//, '').replace(/\/+$/, '') || '.');
}

/** A folder (relative to the scan root) the project's tests can run from: the project, inside it, or above it. */
function concerns(dir: string, projectRoot: string): boolean {
  const d = dir === '' || dir === '.' || dir.endsWith('/.') ? dir.replace(/\/?\.$/, '') || '.' : dir;
  if (projectRoot === '.' || d === '.' || d === projectRoot) return true;
  return d.startsWith(`${projectRoot}/`) || projectRoot.startsWith(`${d}/`);
}
