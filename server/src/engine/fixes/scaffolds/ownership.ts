// ownership: CODEOWNERS (owners from local git history, else a placeholder) and a production-ownership doc.
import { topCommitters, type Committer } from '../gitCommitters';
import { firstFree, inProject } from '../paths';
import { fillIn, renderTemplate } from '../templates';
import type { PlannedFile, Scaffold } from '../types';

function codeownersCandidates(rel: string, ciSystems: string[]): string[] {
  if (rel !== '.') return [inProject(rel, 'CODEOWNERS'), inProject(rel, 'docs/CODEOWNERS')];
  const gitlab = ciSystems.includes('gitlab-ci') && !ciSystems.includes('github-actions');
  return gitlab ? ['.gitlab/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] : ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
}

export function ownerLines(pattern: string, committers: Committer[]): string {
  if (committers.length === 0) {
    return [
      `# ${fillIn('owning team or people, e.g. @acme/ml-platform or jane@acme.com')}`,
      '# Put them after the pattern below and remove the leading "# ":',
      `# ${pattern} @your-org/your-team`,
    ].join('\n');
  }
  return [
    '# Suggested from local git history (most commits first); replace with a team when there is one.',
    `${pattern} ${committers.map(c => c.owner).join(' ')}`,
  ].join('\n');
}

export const ownership: Scaffold = async (ctx, facts) => {
  const committers = ctx.allowGit ? await topCommitters(ctx.scanRoot, facts.rel) : [];
  const vars = { projectName: facts.name, aiKind: facts.kind };
  const files: PlannedFile[] = [];
  const codeowners = firstFree(ctx, codeownersCandidates(facts.rel, ctx.project.ciSystems));
  if (codeowners) {
    const pattern = facts.rel === '.' ? '*' : `/${facts.rel}/`;
    files.push({
      path: codeowners, checkId: 'ownership',
      content: renderTemplate('ownership', 'CODEOWNERS', { ...vars, ownerLines: ownerLines(pattern, committers) }),
      description: committers.length ? `Code owners from git history (${committers.length})` : 'Code owners (placeholder: no git history)',
    });
  }
  const doc = firstFree(ctx, [inProject(facts.rel, 'docs/ownership.md'), inProject(facts.rel, 'OWNERSHIP.md')]);
  if (doc) {
    const list = committers.length
      ? committers.map(c => `- ${c.name} <${c.email}> (${c.commits} ${c.commits === 1 ? 'commit' : 'commits'})`).join('\n')
      : '- (no local git history was available)';
    files.push({
      path: doc, checkId: 'ownership', description: 'Production ownership: accountable owner, escalation, review queue, sponsor',
      content: renderTemplate('ownership', 'ownership.md', { ...vars, committers: list }),
    });
  }
  return files.length ? { files } : { files, skippedReason: 'CODEOWNERS and docs/ownership.md already exist; complete them instead' };
};
