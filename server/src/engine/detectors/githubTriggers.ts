// What starts a GitHub Actions workflow, read from its `on:` key: whether only housekeeping events do (a bot,
// not CI), and the path filters of its code events. A monorepo's workflow filtered to `next/**` tests the Next
// app, not the Python service beside it, so it is CI for the projects whose files it watches, not every project.
import { parsedWorkflow } from './githubWorkflow';
import { onlyChores } from './githubRunScope';

/** GitHub events about the repository's conversation, not its code: a workflow on these alone is a bot, not CI. */
const HOUSEKEEPING_EVENTS = new Set([
  'issues', 'issue_comment', 'discussion', 'discussion_comment', 'label', 'milestone', 'project', 'project_card',
  'project_column', 'watch', 'fork', 'gollum', 'page_build', 'public', 'status', 'branch_protection_rule',
  'pull_request_review', 'pull_request_review_comment', 'registry_package', 'deployment_status',
]);
/** Starts by hand or after another workflow: they take the character of the workflow's other events. */
const FOLLOWER_EVENTS = new Set(['workflow_dispatch', 'workflow_run']);
/** The events that take `paths` / `paths-ignore` filters: a change to the code. */
const CODE_EVENTS = ['push', 'pull_request', 'pull_request_target'];

export interface WorkflowTriggers {
  /** Started only by housekeeping events (a stale-issue bot, an issue triager). */
  housekeeping: boolean;
  /** Started only by `workflow_call`: a reusable workflow, run when and where its callers run (they name it). */
  reusableOnly?: boolean;
  /**
   * The path filters of its code events, when every code event it has carries one: the workflow then runs only
   * for changes they let through. Undefined when some code event runs for any change, when it has no code event
   * (a nightly or manual run), or when its triggers are written in a way not understood here.
   */
  pathFilters?: PathFilter[];
}

/** One event's filter; its patterns apply in order, a leading `!` taking back what an earlier one matched. */
export interface PathFilter { mode: 'paths' | 'paths-ignore'; patterns: { negated: boolean; re: RegExp }[]; source: string[] }

// Repository-level workflows are in every project's scope: each text is read once.
const known = new Map<string, WorkflowTriggers>();

export function workflowTriggers(text: string): WorkflowTriggers {
  let t = known.get(text);
  if (t === undefined) {
    if (known.size >= 256) known.clear();
    known.set(text, (t = readTriggers(text)));
  }
  return t;
}

function readTriggers(text: string): WorkflowTriggers {
  const parsed = parsedWorkflow(text);
  // A workflow that does not parse counts as CI, as it did before triggers were read.
  if (!parsed) return { housekeeping: false };
  const doc: unknown = parsed.toJS();
  const on = (doc as Record<string, unknown> | null)?.on;
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on : on && typeof on === 'object' ? Object.keys(on) : [];
  // A manual or chained start beside housekeeping events does not make a review bot CI: it runs no code change.
  const started = events.filter((e) => !(typeof e === 'string' && FOLLOWER_EVENTS.has(e)));
  const housekeeping = (started.length > 0 && started.every((e) => typeof e === 'string' && HOUSEKEEPING_EVENTS.has(e))) || onlyHousekeepingJobs(doc);
  if (events.length > 0 && events.every((e) => e === 'workflow_call')) return { housekeeping, reusableOnly: true };
  if (!on || typeof on !== 'object' || Array.isArray(on)) return { housekeeping };
  const filters: PathFilter[] = [];
  for (const event of CODE_EVENTS) {
    if (!(event in on)) continue;
    const filter = pathFilterOf((on as Record<string, unknown>)[event]);
    if (!filter) return { housekeeping };
    filters.push(filter);
  }
  return filters.length ? { housekeeping, pathFilters: filters } : { housekeeping };
}

/**
 * Actions that tend the repository's issues, pull requests and README, not its code: triage and stale bots, AI
 * review bots (Claude Code, CodeRabbit, PR-Agent) that comment on a pull request, and Dependabot auto-merge.
 */
const HOUSEKEEPING_ACTION = new RegExp('^(?:' + [
  'actions/(?:stale|labeler|first-interaction|add-to-project)', 'dessant/lock-threads', 'github/issue-labeler',
  'jamesives/github-sponsors-readme-action', 'release-drafter/release-drafter',
  'anthropics/claude-code(?:-base)?-action', 'coderabbitai/[\\w.-]+', '(?:qodo-ai|codium-ai)/pr-agent',
  'dependabot/fetch-metadata', 'fastify/github-action-merge-dependabot', 'ahmadnassri/action-dependabot-auto-merge', 'pascalgn/automerge-action',
].join('|') + ')@', 'i');

/**
 * Every job only runs housekeeping actions (a stale bot on a nightly schedule, a Claude review on each pull
 * request): a bot, whatever starts it. A job with a `run:` step, a reusable workflow call, or an action not known
 * here makes it CI as before.
 */
function onlyHousekeepingJobs(doc: unknown): boolean {
  const jobs = (doc as { jobs?: unknown } | null)?.jobs;
  if (!jobs || typeof jobs !== 'object' || Array.isArray(jobs)) return false;
  const list = Object.values(jobs as Record<string, unknown>);
  const uses = (step: unknown) => {
    const st = step as { uses?: unknown; run?: unknown } | null;
    return st && st.run === undefined && typeof st.uses === 'string' ? st.uses : undefined;
  };
  // A `run:` that only calls git or gh (Dependabot auto-merge's `gh pr merge --auto`) builds and tests nothing.
  const chore = (step: unknown) => {
    const run = (step as { run?: unknown } | null)?.run;
    return typeof run === 'string' && onlyChores(run);
  };
  // A checkout beside the housekeeping action is neutral (the sponsors action writes the README it checked out).
  return list.length > 0 && list.every((job) => {
    const steps = (job as { steps?: unknown } | null)?.steps;
    return Array.isArray(steps) && steps.some((step) => HOUSEKEEPING_ACTION.test(uses(step) ?? ''))
      && steps.every((step) => { const u = uses(step); return u !== undefined ? HOUSEKEEPING_ACTION.test(u) || /^actions\/checkout@/i.test(u) : chore(step); });
  });
}

function pathFilterOf(config: unknown): PathFilter | undefined {
  if (!config || typeof config !== 'object' || Array.isArray(config)) return undefined;
  const c = config as Record<string, unknown>;
  // GitHub refuses both on one event; a workflow that has them is not one to second-guess.
  if (c.paths !== undefined && c['paths-ignore'] !== undefined) return undefined;
  const mode = c.paths !== undefined ? 'paths' : c['paths-ignore'] !== undefined ? 'paths-ignore' : undefined;
  const list = mode && c[mode];
  if (!mode || !Array.isArray(list) || list.length === 0 || !list.every((p) => typeof p === 'string' && p.trim() !== '')) return undefined;
  const source = (list as string[]).map((p) => p.trim());
  const patterns = source.map((p) => ({ negated: p.startsWith('!'), re: filterPatternToRegExp(p.replace(/^!/, '')) }));
  return { mode, patterns, source };
}

/**
 * GitHub's filter pattern syntax (docs: "Filter pattern cheat sheet"): `*` any characters but `/`, `**` any
 * characters, `?` zero or one of the preceding character, `+` one or more of it, `[...]` a class. Anything else
 * is literal. A leading `./` is not part of the path.
 */
export function filterPatternToRegExp(pattern: string): RegExp {
  let out = '';
  const p = pattern.replace(/^\.\//, '');
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        // `dir/**` also matches the files right inside dir, and `**/x` an x at the top.
        if (p[i + 2] === '/') { out += '(?:.*/)?'; i += 2; } else { out += '.*'; i++; }
      } else out += '[^/]*';
    } else if (c === '?' || c === '+') {
      out += out === '' ? '\\' + c : c;
    } else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else { out += '[' + p.slice(i + 1, close).replace(/\\/g, '\\\\') + ']'; i = close; }
    } else out += c.replace(/[.^$|(){}\\\]]/g, '\\$&');
  }
  try {
    return new RegExp(`^${out}$`);
  } catch {
    // A pattern this reading gets wrong must not hide a workflow: it then matches every path.
    return /(?:)/;
  }
}

/** True when a change to this file (relative to the repository root) starts a run under this filter. */
export function filterTriggersOn(filter: PathFilter, path: string): boolean {
  let matched = false;
  for (const { negated, re } of filter.patterns) if (re.test(path)) matched = !negated;
  return filter.mode === 'paths' ? matched : !matched;
}
