// Ownership through CODEOWNERS: a CODEOWNERS file counts for a project only when a rule with owners covers the
// project's folder or a file in it. A monorepo's CODEOWNERS naming owners of packages/hub says nobody owns
// packages/agents. Patterns read as the forges read them (gitignore-like, the last matching rule wins, a rule
// without owners leaves its paths unowned); a project at the CODEOWNERS file's own root keeps the old test: any
// rule with owners.
import type { Evidence } from '../types';
import type { DetectorOutcome } from '../rules/evaluate';
import type { ProjectScope } from '../rules/projectScope';
import { lineAt } from '../rules/patterns';
import { isTestOrDocsPath, relativeTo } from '../workspace/paths';
import { compileSafeGlob } from '../rules/safeGlob';

/** Where the forges read CODEOWNERS, relative to the package (repository) that holds it. */
const PLACES = new Set(['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS', '.bitbucket/CODEOWNERS']);
/** A line assigning owners, the test for a project at the file's root (as the check has always read it). */
const OWNER_LINE = /^[ \t]*[^#\s]\S*[ \t]+.*(@|[\w.+-]+@[\w-]+\.)/m;
/** An owner: `@user`, `@org/team`, or an email address. */
const OWNER = /^@\S|^[\w.+-]+@[\w-]+\./;
/** A GitLab section header, `[Docs] @docs-team` or `^[Optional][2] @a`, whose owners are its rules' default. */
const SECTION = /^\^?\[[^\]]*\](?:\[\d+\])?(?:[ \t]+(.*))?$/;
/** A file directly in a folder, named by no name pattern: a rule owning it owns the folder (`/packages/hub/`, `*`). */
const FOLDER_PROBE = '\u0000';

export interface PathTest { test(path: string): boolean }

export interface OwnerRule {
  /** 1-based line in the file. */
  line: number;
  owners: string[];
  /** Matches a path (relative to the file's root) the rule applies to. */
  re: PathTest;
  /** For a pattern anchored at the root: its literal start, which every path it matches starts with. */
  anchoredPrefix?: string;
}

export function codeownersDetector(scope: ProjectScope): DetectorOutcome {
  const evidence: Evidence[] = [];
  const uncovered: string[] = [];
  for (const f of scope.files) {
    if (!PLACES.has(f.local)) continue;
    const base = f.rel === f.local ? '.' : f.rel.slice(0, f.rel.length - f.local.length - 1);
    const folder = relativeTo(base, scope.project.root);
    const text = scope.model.store.read(f.rel);
    if (folder === undefined || text === null) continue;
    if (folder === '.') {
      const m = OWNER_LINE.exec(text);
      if (m) evidence.push({ file: f.rel, line: lineAt(text, m.index), note: 'CODEOWNERS assigns owners' });
      continue;
    }
    const paths = function* (): Iterable<string> {
      for (const p of scope.files) if (p.inProject !== undefined) yield relativeTo(base, p.rel)!;
    };
    const rule = coveringRule(rulesOf(text), folder, paths());
    if (rule) evidence.push({ file: f.rel, line: rule.line, note: `CODEOWNERS assigns owners of ${scope.project.root}` });
    else uncovered.push(f.rel);
  }
  const detail = !evidence.length && uncovered.length ? `${uncovered.join(', ')} has no rule with owners covering ${scope.project.root}.` : undefined;
  return { evidence, ...(detail ? { detail } : {}) };
}

/**
 * The rule with owners that owns `folder` (relative to the file's root) or one of `files` (paths inside it,
 * relative to the same root), or undefined when none does.
 */
export function coveringRule(rules: OwnerRule[], folder: string, files: Iterable<string>): OwnerRule | undefined {
  // Only rules that can match a path in the folder decide anything there.
  const inside = folder + '/';
  const relevant = rules.filter((r) => r.anchoredPrefix === undefined || inside.startsWith(r.anchoredPrefix) || r.anchoredPrefix.startsWith(inside));
  if (!relevant.some((r) => r.owners.length)) return undefined;
  const owning = (path: string): OwnerRule | undefined => {
    for (let i = relevant.length - 1; i >= 0; i--) if (relevant[i].re.test(path)) return relevant[i].owners.length ? relevant[i] : undefined;
    return undefined;
  };
  const own = owning(inside + FOLDER_PROBE);
  if (own) return own;
  // The evidence cites the rule owning most of the project's own code: a rule for its test snippets alone
  // (`/apps/api/src/__tests__/snips/*`, sorted first) or for one deprecated route says less about who owns the
  // system. Counted over a bounded sample: the answer only picks which line to cite.
  const owned = new Map<OwnerRule, number>();
  let testsOnly: OwnerRule | undefined;
  let seen = 0;
  for (const path of files) {
    if (++seen > MAX_FILES_SAMPLED) break;
    const hit = owning(path);
    if (!hit) continue;
    if (isTestOrDocsPath(path)) testsOnly ??= hit;
    else owned.set(hit, (owned.get(hit) ?? 0) + 1);
  }
  let best: OwnerRule | undefined;
  for (const [rule, n] of owned) if (!best || n > owned.get(best)! || (n === owned.get(best)! && rule.line < best.line)) best = rule;
  return best ?? testsOnly;
}

const MAX_FILES_SAMPLED = 5000;

// A monorepo's CODEOWNERS is read for every project: each text is parsed once.
const parsed = new Map<string, OwnerRule[]>();

/** The rules of a CODEOWNERS text, in file order. */
export function rulesOf(text: string): OwnerRule[] {
  let rules = parsed.get(text);
  if (rules) return rules;
  rules = [];
  let sectionOwners: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const section = SECTION.exec(line);
    if (section) {
      sectionOwners = ownersIn(tokensOf(section[1] ?? ''));
      continue;
    }
    const [pattern, ...rest] = tokensOf(line);
    const owners = ownersIn(rest);
    // GitLab: a rule without owners in a section with default owners takes the defaults.
    rules.push({ line: i + 1, owners: owners.length || rest.length ? owners : sectionOwners, ...compilePattern(pattern) });
  }
  if (parsed.size >= 64) parsed.clear();
  parsed.set(text, rules);
  return rules;
}

/** Whitespace-separated tokens (`\ ` escapes a space), up to an inline `#` comment. */
function tokensOf(text: string): string[] {
  const out: string[] = [];
  for (const t of text.match(/(?:\\.|[^\s\\])+/g) ?? []) {
    if (t.startsWith('#')) break;
    out.push(t);
  }
  return out;
}

function ownersIn(tokens: string[]): string[] {
  return tokens.filter((t) => OWNER.test(t));
}

/**
 * A CODEOWNERS pattern as a matcher over paths: a pattern with a `/` before its end is anchored at the root,
 * otherwise it matches at any depth; one naming a folder covers everything in it, except `dir/*`, which covers
 * only the files directly in dir. The globs compile through safeGlob, as .gitignore lines do: a CODEOWNERS is
 * the repository's text, and a line of stars must not backtrack for seconds. A line that does not compile owns
 * nothing.
 */
export function compilePattern(pattern: string): { re: PathTest; anchoredPrefix?: string } {
  const folderOnly = pattern.endsWith('/');
  // `./mnist/` is written for `/mnist/`: the forges do not document it, but the intent is the root folder.
  let p = pattern.replace(/^\.\//, '/').replace(/\/+$/, '');
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '');
  const childrenOnly = /(^|[^*])\/\*$/.test(p);
  const glob = anchored ? p : `**/${p}`;
  const globs = childrenOnly ? [glob] : folderOnly ? [`${glob}/**`] : [glob, `${glob}/**`];
  let re: PathTest;
  try {
    const compiled = globs.map((g) => compileSafeGlob(g, { nocomment: true, nonegate: true, matchSemantics: true }).re);
    re = { test: (path) => compiled.some((r) => r.test(path)) };
  } catch {
    re = { test: () => false };
  }
  if (!anchored) return { re };
  const wild = p.search(/[*?[\\]/);
  return { re, anchoredPrefix: wild < 0 ? p : p.slice(0, wild) };
}
