// ownership: CODEOWNERS (owners from local git history, else a placeholder) and a production-ownership doc.
// CODEOWNERS is one repository-level file in a place the forge reads (GitHub: .github/, root, docs/; GitLab:
// root, docs/, .gitlab/; the first found wins). A sub-project gets its `/path/ owners` rule in that file: added
// at the end of the one in use (or planned in this batch), or a new file when there is none; never a second one.
import * as fs from 'fs';
import * as path from 'path';
import { topCommitters, type Committer } from '../gitCommitters';
import { firstFree, inProject, isTaken } from '../paths';
import { fillIn, renderTemplate } from '../templates';
import type { FixContext, PlannedFile, Scaffold } from '../types';

/** Where the forge reads CODEOWNERS, in the order it looks; the first is where a new one goes for GitHub. */
const GITHUB_READS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
const GITLAB_READS = ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

function forge(ciSystems: string[]): { reads: string[]; createAt: string } {
  const gitlab = ciSystems.includes('gitlab-ci') && !ciSystems.includes('github-actions');
  return gitlab ? { reads: GITLAB_READS, createAt: '.gitlab/CODEOWNERS' } : { reads: GITHUB_READS, createAt: '.github/CODEOWNERS' };
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

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when `text` has a rule for `pattern`, live or as our commented placeholder (`# /svc/ @your-org/...`). */
export function hasRuleFor(text: string, pattern: string): boolean {
  return new RegExp(`^[ \\t]*(?:#[ \\t]*)?${escapeRe(pattern)}[ \\t]+\\S`, 'm').test(text);
}

const hasAnyRule = (text: string) => /^[ \t]*[^#\s]/m.test(text);

type Placement =
  | { kind: 'create'; path: string }
  | { kind: 'append'; path: string; lead: string }
  | { kind: 'none'; reason: string };

/** Where this project's CODEOWNERS rule goes: see the header. `pattern` is `*` for a root project. */
export function placeCodeowners(ctx: FixContext, pattern: string): Placement {
  const { reads, createAt } = forge(ctx.project.ciSystems);
  const inUse = reads.find(rel => isTaken(ctx, rel));
  if (!inUse) return { kind: 'create', path: createAt };
  const root = pattern === '*';
  if (ctx.reserved?.has(inUse)) {
    // Planned earlier in this batch for another project: its rules are there, and `*` after them would override them.
    return root ? { kind: 'none', reason: `${inUse} is being written for another project` } : { kind: 'append', path: inUse, lead: '' };
  }
  let text: string;
  try {
    const abs = path.join(ctx.scanRoot, ...inUse.split('/'));
    if (!fs.lstatSync(abs).isFile()) return { kind: 'none', reason: `${inUse} is not a regular file; not edited` };
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    return { kind: 'none', reason: `${inUse} could not be read; not edited` };
  }
  if (hasRuleFor(text, pattern)) return { kind: 'none', reason: `${inUse} already has a rule for ${pattern}; complete it there` };
  // Rules later in the file win: a catch-all `*` goes only into a file without rules.
  if (root && hasAnyRule(text)) return { kind: 'none', reason: `${inUse} has rules but no "*" line; add one at its top` };
  return { kind: 'append', path: inUse, lead: text.length === 0 || text.endsWith('\n') ? '' : '\n' };
}

export const ownership: Scaffold = async (ctx, facts) => {
  const committers = ctx.allowGit ? await topCommitters(ctx.scanRoot, facts.rel) : [];
  const vars = { projectName: facts.name, aiKind: facts.kind };
  const files: PlannedFile[] = [];
  const pattern = facts.rel === '.' ? '*' : `/${facts.rel}/`;
  const place = placeCodeowners(ctx, pattern);
  const description = committers.length ? `Code owners from git history (${committers.length})` : 'Code owners (placeholder: no git history)';
  if (place.kind === 'create') {
    files.push({
      path: place.path, checkId: 'ownership', description,
      content: renderTemplate('ownership', 'CODEOWNERS', { ...vars, ownerLines: ownerLines(pattern, committers) }),
    });
  } else if (place.kind === 'append') {
    files.push({
      path: place.path, checkId: 'ownership', append: true, description: `${description}, added for ${facts.rel}`,
      content: `${place.lead}\n# ${facts.name} (${facts.kind})\n${ownerLines(pattern, committers)}\n`,
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
  if (files.length) return { files };
  const why = place.kind === 'none' ? `${place.reason}; ` : '';
  return { files, skippedReason: `${why}the ownership doc already exists; complete them instead` };
};
