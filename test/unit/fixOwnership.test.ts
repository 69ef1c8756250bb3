// Owners from local git history (a temp repository made here), and placeholders without git.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { planFix } from '../../server/src/engine/fixes';
import { ownerFromEmail, topCommitters } from '../../server/src/engine/fixes/gitCommitters';
import type { Project } from '../../server/src/engine/types';
import { makeTree } from '../helpers';

const hasGit = spawnSync('git', ['--version']).status === 0;

function project(over: Partial<Project>): Project {
  return {
    root: '.', name: 'demo', isAiProject: true, aiKind: 'llm-app', kinds: ['llm-app'], frameworks: [], modelIds: [], datasets: [],
    ciSystems: [], anchor: 'README.md', aiEvidence: [], stage: 'pilot', score: null, checks: [], ...over,
  };
}

/** A repository with commits by three people (and a bot) made with local config only. */
function makeRepo(): string {
  const root = makeTree({});
  fs.mkdirSync(path.join(root, 'svc/rag'), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { stdio: 'pipe' });
  git('init', '-q');
  git('config', 'commit.gpgsign', 'false');
  const commit = (name: string, email: string, file: string, times: number) => {
    git('config', 'user.name', name);
    git('config', 'user.email', email);
    for (let i = 0; i < times; i++) {
      fs.appendFileSync(path.join(root, file), `# ${name} ${i}\n`);
      git('add', '-A');
      git('commit', '-q', '-m', `change ${i}`);
    }
  };
  commit('Ada Lovelace', 'ada@example.com', 'app.py', 3);
  commit('Grace Hopper', '12345+ghopper@users.noreply.github.com', 'svc/rag/main.py', 2);
  commit('dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com', 'app.py', 4);
  commit('Alan Turing', 'alan@example.com', 'svc/rag/main.py', 1);
  return root;
}

describe('fixes: ownership from git history', () => {
  before(function () {
    if (!hasGit) this.skip();
  });

  it('ranks committers by commits, skips bots, maps GitHub noreply emails to handles', async () => {
    const root = makeRepo();
    const all = await topCommitters(root);
    assert.deepStrictEqual(all.map(c => [c.owner, c.commits]), [['ada@example.com', 3], ['@ghopper', 2], ['alan@example.com', 1]]);
    const sub = await topCommitters(root, 'svc/rag');
    assert.deepStrictEqual(sub.map(c => c.owner), ['@ghopper', 'alan@example.com']);
    assert.strictEqual(ownerFromEmail('octocat@users.noreply.github.com'), '@octocat');
  });

  it('writes CODEOWNERS with those owners, and none when git is not allowed', async () => {
    const root = makeRepo();
    const withGit = await planFix({ scanRoot: root, project: project({}), allowGit: true }, 'ownership');
    const codeowners = withGit.files.find(f => f.path === '.github/CODEOWNERS');
    assert.ok(codeowners, JSON.stringify(withGit));
    assert.match(codeowners.content, /^\* ada@example.com @ghopper alan@example.com$/m);
    const doc = withGit.files.find(f => f.path === 'docs/ownership.md')?.content ?? '';
    for (const role of ['Accountable owner', 'Escalation path', 'Review-queue owner', 'Business sponsor']) assert.match(doc, new RegExp(`\\| ${role} \\| <FILL IN: `));
    assert.match(doc, /Ada Lovelace <ada@example.com> \(3 commits\)/);
    assert.match(doc, /<alan@example.com> \(1 commit\)/);

    const untrusted = await planFix({ scanRoot: root, project: project({}), allowGit: false }, 'ownership');
    const placeholder = untrusted.files.find(f => f.path === '.github/CODEOWNERS')?.content ?? '';
    assert.doesNotMatch(placeholder, /ada@example.com/);
    assert.match(placeholder, /<FILL IN: owning team or people/);
  });

  it('puts a sub-project rule in the repository-level .github/CODEOWNERS, and GitLab CODEOWNERS under .gitlab/', async () => {
    const root = makeRepo();
    const sub = await planFix({ scanRoot: root, project: project({ root: 'svc/rag' }), allowGit: true }, 'ownership');
    const file = sub.files.find(f => f.path === '.github/CODEOWNERS');
    assert.match(file?.content ?? '', /^\/svc\/rag\/ @ghopper alan@example.com$/m);
    const gitlab = await planFix({ scanRoot: root, project: project({ ciSystems: ['gitlab-ci'] }), allowGit: false }, 'ownership');
    assert.ok(gitlab.files.some(f => f.path === '.gitlab/CODEOWNERS'));
  });

  it('returns no owners outside a git work tree', async () => {
    assert.deepStrictEqual(await topCommitters(makeTree({ 'a.py': '' })), []);
  });
});
