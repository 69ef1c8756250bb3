// Most frequent committers from local git history (never the network): owners for CODEOWNERS.
import { execFile } from 'child_process';

export interface Committer {
  name: string;
  email: string;
  commits: number;
  /** CODEOWNERS owner: @handle for GitHub noreply addresses, else the email. */
  owner: string;
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // -c core.fsmonitor=false: a repository's config must not make us run its programs.
    execFile('git', ['-c', 'core.fsmonitor=false', '-C', cwd, ...args], {
      timeout: 10_000, maxBuffer: 16 * 1024 * 1024, windowsHide: true,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

const isBot = (name: string, email: string) =>
  /\[bot\]|^dependabot|^renovate|^github-actions/i.test(name) || /\[bot\]@|^noreply@github\.com$|^actions@github\.com$/i.test(email);

/** `12345+octocat@users.noreply.github.com` -> `@octocat`. */
export function ownerFromEmail(email: string): string {
  const m = /^(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.github\.com$/i.exec(email);
  return m ? `@${m[1]}` : email;
}

/**
 * Top committers of `pathInRepo` ('.' = all) in the git work tree at `cwd`; [] when git is missing, `cwd` is not
 * a work tree, or anything fails.
 */
export async function topCommitters(cwd: string, pathInRepo = '.', limit = 3): Promise<Committer[]> {
  try {
    const inside = (await git(cwd, ['rev-parse', '--is-inside-work-tree'])).trim();
    if (inside !== 'true') return [];
    const log = await git(cwd, ['log', '--no-merges', '-n', '5000', '--format=%aN%x09%aE', '--', pathInRepo]);
    const byEmail = new Map<string, Committer>();
    for (const line of log.split('\n')) {
      const [name = '', rawEmail = ''] = line.split('\t');
      const email = rawEmail.trim().toLowerCase();
      if (!email || !email.includes('@') || isBot(name, email)) continue;
      const c = byEmail.get(email) ?? { name: name.trim(), email, commits: 0, owner: ownerFromEmail(email) };
      c.commits++;
      byEmail.set(email, c);
    }
    return [...byEmail.values()].sort((a, b) => b.commits - a.commits || a.email.localeCompare(b.email)).slice(0, limit);
  } catch {
    return [];
  }
}
