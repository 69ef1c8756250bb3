// The tasks a CI command runs through a package manager or a monorepo task runner: `pnpm turbo test --affected`,
// `pnpm --filter web test`, `nx affected -t lint test`, `yarn workspaces foreach run test:unit`. A plain pattern
// cannot tell `pnpm --filter test-utils build` (builds a package named test-utils) from `pnpm -F web test`, so each
// command is read as tokens: flags and their values first, then the subcommand and the task or script it names.

export interface ToolCall {
  /** The package manager or task runner (`pnpm`, `turbo`, `make`). */
  tool: string;
  /** Where the tool's name starts in the text, and where its task or script name ends. */
  index: number;
  end: number;
  /** The tasks or scripts the command runs (turbo and nx run several at once). */
  tasks: string[];
  /** The folder a `make -C dir` works in, relative to the step's, and the makefile a `-f file` names (relative to that folder). */
  folder?: string;
  file?: string;
  /**
   * A package.json script run in the folder the command works in (`pnpm run e2e`, `yarn lint`): one that other
   * packages' scripts (a `--filter`, a workspace) or the tool's own commands do not stand for.
   */
  script?: string;
}

/**
 * A task or script that runs tests: `test`, or a name that starts with it (`test:unit`, `test-e2e`); of make, also
 * the GNU convention `check` and unit-test targets (`unit`, `unittest`, `unit-tests`).
 */
export function isTestTask(name: string, tool?: string): boolean {
  return /^test/i.test(name) || (tool === 'make' && /^(?:check|unit)/i.test(name));
}

const ANCHOR = /(?<![\w./@:-])(turbo|nx|lerna|pnpm|npm|yarn|bun|make)(?![\w.:/-])/g;
/** The end of one shell command: a newline not continued with `\`, or `&&`, `||`, `;`, `|`, `)` and backquote. */
const COMMAND_END = /(?<!\\)\r?\n|&&|\|\||[;|)`]/;
const TOKEN = /(?:"[^"\n]*"|'[^'\n]*'|[^\s"'])+["']?/g;
/** A GitHub Actions expression, `${{ steps.since.outputs.SINCE }}`; `${VAR}` of a shell or GitLab is not one. */
const EXPRESSION = /\$\{\{[^\n]*?\}\}/g;

/** Flags that take the next token as their value when not written `--flag=value`, per tool. */
const VALUE_FLAGS: Record<string, Set<string>> = {
  pnpm: new Set(['--filter', '-F', '--filter-prod', '-C', '--dir', '--workspace-concurrency', '--reporter', '--loglevel', '--test-pattern']),
  npm: new Set(['-w', '--workspace', '--prefix', '--loglevel', '--include', '--omit']),
  yarn: new Set(['--cwd', '--from', '--include', '--exclude', '-j', '--jobs', '--mutex', '--network-timeout']),
  bun: new Set(['--cwd', '--filter', '-F']),
  turbo: new Set(['--filter', '-F', '--scope', '--ignore', '--concurrency', '--cache-dir', '--output-logs', '--log-order', '--env-mode', '--team', '--token', '--profile', '--since', '--cache', '--log-prefix', '--ui']),
  nx: new Set(['-p', '--projects', '--exclude', '--base', '--head', '-c', '--configuration', '--files', '--output-style', '--parallel', '--batch']),
  lerna: new Set(['--scope', '--ignore', '--since', '--concurrency', '--npm-client']),
  // `-j` and `-l` take a number only when one follows (`make -j test` runs test); see the make reader.
  make: new Set(['-C', '--directory', '-f', '--file', '--makefile', '-I', '--include-dir', '-o', '--old-file', '--assume-old', '-W', '--what-if', '--new-file', '--assume-new']),
};
/** What comes before a command on its line: nothing, a list dash, a `run:` key, a shell operator, `sudo` or `time`, and variable assignments. */
const MAKE_COMMAND_START = /(?:^[ \t]*(?:-[ \t]+)?(?:(?:run|script|command|cmd)[ \t]*:[ \t]*(?:[|>][-+]?[ \t]*)?)?["']?|[;&|(`][ \t]*|\b(?:do|then|else|exec|time|sudo)[ \t]+)(?:[A-Za-z_][A-Za-z0-9_]*=\S*[ \t]+)*$/;
/** Flags that send the command to other packages than the folder it works in. */
const SELECTORS = new Set(['--filter', '-F', '--filter-prod', '-r', '--recursive', '-C', '--dir', '-w', '--workspace', '--workspaces', '-ws', '--prefix', '--cwd', '--workspace-root']);
/** Commands of the package managers themselves: `yarn install` is not a script called install. */
const BUILTINS = new Set(['install', 'i', 'add', 'remove', 'rm', 'uninstall', 'exec', 'dlx', 'x', 'ci', 'up', 'update', 'upgrade', 'link', 'unlink',
  'publish', 'pack', 'audit', 'why', 'outdated', 'list', 'ls', 'config', 'store', 'create', 'init', 'import', 'rebuild', 'prune', 'patch', 'patch-commit',
  'deploy', 'dedupe', 'fetch', 'env', 'setup', 'info', 'version', 'set', 'cache', 'node', 'constraints', 'plugin', 'npm', 'login', 'logout', 'build-if-needed']);
const TURBO_COMMANDS = new Set(['prune', 'gen', 'generate', 'login', 'logout', 'link', 'unlink', 'daemon', 'ls', 'query', 'info', 'telemetry', 'bin', 'completion', 'scan', 'boundaries', 'watch']);

/** Every package-manager or task-runner command in `text`, with what it runs. */
export function toolCalls(text: string): ToolCall[] {
  const out: ToolCall[] = [];
  text = opaqueExpressions(text);
  for (const m of text.matchAll(ANCHOR)) {
    const start = m.index! + m[0].length;
    const rest = text.slice(start, start + 600);
    const stop = COMMAND_END.exec(rest);
    const command = rest.slice(0, stop ? stop.index : rest.length).replace(/\\\r?\n/g, (s) => ' '.repeat(s.length));
    const tokens = [...command.matchAll(TOKEN)].map((t) => ({ text: t[0].replace(/["']/g, ''), end: start + t.index! + t[0].length }));
    // `make` is a word of prose too (`echo "make sure the image is up"`): only a command counts.
    if (m[1] === 'make' && !MAKE_COMMAND_START.test(text.slice(text.lastIndexOf('\n', m.index!) + 1, m.index!))) continue;
    const read = READERS[m[1]](new Args(tokens, VALUE_FLAGS[m[1]]));
    if (read && read.tasks.length) out.push({ tool: m[1], index: m.index!, end: read.end ?? start, tasks: read.tasks, script: read.script, folder: read.folder, file: read.file });
  }
  return out;
}

/**
 * `text` with each GitHub Actions expression as one token of the same length: spaces inside one
 * (`--filter ...[${{ steps.since.outputs.SINCE }}]`) would split it into a task name, and a `||` or `)` inside
 * would end the command.
 */
function opaqueExpressions(text: string): string {
  if (!text.includes('${{')) return text;
  return text.replace(EXPRESSION, (e) => '${{' + '_'.repeat(e.length - 5) + '}}');
}

interface Token { text: string; end: number }
interface Read { tasks: string[]; script?: string; end?: number; folder?: string; file?: string }

/** A cursor over a command's tokens: positionals in order, flags (and their values) skipped. */
class Args {
  private at = 0;
  constructor(private readonly tokens: Token[], private readonly valueFlags: Set<string>) {}

  /** The next positional token, skipping flags; undefined at the end or at `--` (what follows goes to the task). */
  next(): Token | undefined {
    while (this.at < this.tokens.length) {
      const t = this.tokens[this.at++];
      if (t.text === '--') { this.at = this.tokens.length; return undefined; }
      if (!t.text.startsWith('-')) return t;
      if (!t.text.includes('=') && this.valueFlags.has(t.text)) this.at++;
    }
    return undefined;
  }

  /** The values of a list flag (`-t lint test`, `--targets=lint,test`), read from the start; tokens after it up to the next flag. */
  values(names: string[]): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < this.tokens.length && this.tokens[i].text !== '--'; i++) {
      const [name, inline] = splitFlag(this.tokens[i].text);
      if (!names.includes(name)) continue;
      if (inline !== undefined) out.push({ text: inline, end: this.tokens[i].end });
      else for (let j = i + 1; j < this.tokens.length && !this.tokens[j].text.startsWith('-'); j++) out.push(this.tokens[j]);
    }
    return out.flatMap((t) => t.text.split(',').filter(Boolean).map((text) => ({ text, end: t.end })));
  }

  /** The tokens not read yet, flags included. */
  rest(): Token[] {
    return this.tokens.slice(this.at);
  }

  /** A flag anywhere in the command sends it to other packages (`npm run e2e --workspaces`). */
  selected(): boolean {
    const end = this.tokens.findIndex((t) => t.text === '--');
    return this.tokens.slice(0, end < 0 ? undefined : end).some((t) => SELECTORS.has(splitFlag(t.text)[0]));
  }
}

function splitFlag(token: string): [string, string | undefined] {
  const i = token.indexOf('=');
  return i < 0 ? [token, undefined] : [token.slice(0, i), token.slice(i + 1)];
}

/** A script the package manager runs: in this folder unless a flag or a workspace sends it elsewhere. */
function script(args: Args, name: Token | undefined, elsewhere = false): Read | undefined {
  if (!name) return undefined;
  return { tasks: [name.text], script: elsewhere || args.selected() ? undefined : name.text, end: name.end };
}

const READERS: Record<string, (args: Args) => Read | undefined> = {
  pnpm(args) {
    const first = args.next();
    if (!first) return undefined;
    if (first.text === 'run' || first.text === 'run-script') return script(args, args.next());
    if (first.text === 'test' || first.text === 't' || first.text === 'tst') return script(args, first);
    return BUILTINS.has(first.text) ? undefined : script(args, first);
  },
  npm(args) {
    const first = args.next();
    if (!first) return undefined;
    if (['run', 'run-script', 'rum', 'urn'].includes(first.text)) return script(args, args.next());
    return ['test', 't', 'tst'].includes(first.text) ? script(args, { text: 'test', end: first.end }) : undefined;
  },
  yarn(args) {
    const first = args.next();
    if (!first) return undefined;
    if (first.text === 'workspaces') {
      const sub = args.next();
      if (sub?.text !== 'foreach' && sub?.text !== 'run') return undefined;
      const name = sub.text === 'foreach' ? args.next() : sub;
      return script(args, name?.text === 'run' ? args.next() : name, true);
    }
    if (first.text === 'workspace') {
      if (!args.next()) return undefined;
      const name = args.next();
      return script(args, name?.text === 'run' ? args.next() : name, true);
    }
    if (first.text === 'run') return script(args, args.next());
    return BUILTINS.has(first.text) ? undefined : script(args, first);
  },
  bun(args) {
    const first = args.next();
    if (!first) return undefined;
    // `bun test` is Bun's own test runner.
    if (first.text === 'test') return { tasks: ['test'], end: first.end };
    if (first.text === 'run') return script(args, args.next());
    return BUILTINS.has(first.text) || /[./]/.test(first.text) ? undefined : script(args, first);
  },
  turbo(args) {
    let task = args.next();
    if (task && TURBO_COMMANDS.has(task.text)) return undefined;
    if (task?.text === 'run') task = args.next();
    const tasks: Token[] = [];
    for (; task; task = args.next()) tasks.push(task);
    // `web#test` is the test task of the web package.
    return tasks.length ? { tasks: tasks.map((t) => t.text.replace(/^.*#/, '')), end: tasks[tasks.length - 1].end } : undefined;
  },
  nx(args) {
    const first = args.next();
    if (!first) return undefined;
    if (first.text === 'run-many' || first.text === 'affected') {
      const targets = args.values(['-t', '--target', '--targets']);
      return targets.length ? { tasks: targets.map((t) => t.text), end: targets[targets.length - 1].end } : undefined;
    }
    // `nx affected:test` (older form), `nx run web:test`, and `nx test web`.
    if (/^(?:affected|run-many):/.test(first.text)) return { tasks: [first.text.slice(first.text.indexOf(':') + 1)], end: first.end };
    if (first.text === 'run') {
      const target = args.next();
      return target && target.text.includes(':') ? { tasks: [target.text.split(':')[1]], end: target.end } : undefined;
    }
    return isTestTask(first.text) ? { tasks: [first.text], end: first.end } : undefined;
  },
  make(args) {
    // Flags first: `-C dir` / `--directory=dir` is where it works; `-j 4` takes the 4, `-j test` does not.
    const tokens = args.rest();
    let folder: string | undefined;
    let file: string | undefined;
    const targets: Token[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const [flag, inline] = splitFlag(tokens[i].text);
      if (flag === '-C' || flag === '--directory') folder = inline ?? tokens[++i]?.text;
      else if (flag === '-f' || flag === '--file' || flag === '--makefile') file = inline ?? tokens[++i]?.text;
      else if (/^-C./.test(flag)) folder = flag.slice(2);
      else if (/^-[jl]$/.test(flag) && /^\d+$/.test(tokens[i + 1]?.text ?? '')) i++;
      else if (flag.startsWith('-')) { if (inline === undefined && VALUE_FLAGS.make.has(flag)) i++; }
      // `CFLAGS=-O2` sets a variable, it is no target.
      else if (!tokens[i].text.includes('=')) targets.push(tokens[i]);
    }
    return targets.length ? { tasks: targets.map((t) => t.text), end: targets[targets.length - 1].end, folder, file } : undefined;
  },
  lerna(args) {
    const first = args.next();
    if (first?.text !== 'run') return undefined;
    const name = args.next();
    return name ? { tasks: [name.text], end: name.end } : undefined;
  },
};
