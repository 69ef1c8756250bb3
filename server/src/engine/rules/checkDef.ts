// A check definition compiled from the YAML vocabulary (built-in rules/checks/*.yaml and user `custom:` rules).
import type { AiKind, Level, Pillar, Stage } from '../types';
import { compilePattern, Pattern } from './patterns';
import { requiredLiterals, type LiteralFilter } from './requiredLiterals';
import { snapshotGlob } from './rulesData';
import { compileSafeGlob, GlobRegex, MAX_GLOB_ALTERNATIVES } from './safeGlob';
import { BUILD_ECOSYSTEMS, type BuildEcosystem } from './buildEcosystems';

export { MAX_GLOB_ALTERNATIVES };

/** python / node: the AI code's language; go / rust / jvm: what builds the project's own package. */
export type MatcherEcosystem = 'python' | 'node' | BuildEcosystem;

export interface NameSet { exact: Set<string>; prefixes: string[]; list: string[] }

export type Matcher =
  | { kind: 'any'; items: Matcher[] }
  | { kind: 'all'; items: Matcher[] }
  | {
      kind: 'file';
      globs: Glob[];
      exclude: Glob[];
      contains: Pattern[];
      containsAny: Pattern[];
      notContains: Pattern[];
      withinLines?: number;
      /** A match does not count when this pattern matches the text right before it on its line (a negation). */
      notAfter?: Pattern;
      /** Matches inside comments do not count (a doc comment describing an approval step implements none). */
      skipComments?: boolean;
      /** Matches inside string literals holding whitespace (log lines, UI text, prompts, docstrings) do not count
       * in Python and JS/TS source: prose about a review step is no review step. */
      skipProseStrings?: boolean;
      /** Counts only for a project whose AI code is in this ecosystem (a Python test suite says nothing of a
       * TypeScript package beneath it), or, for go / rust / jvm, whose own package that ecosystem builds. */
      ecosystem?: MatcherEcosystem;
      note?: string;
      /** Stable name of a built-in matcher (`<check>:<role>:<path>`): its per-file results are cached under it,
       * and worker threads, which compile their own copy of the rules, compute them under the same name. */
      key?: string;
    }
  | { kind: 'detector'; name: string; note?: string }
  | { kind: 'import'; names: NameSet; exclude: Glob[]; note?: string }
  | { kind: 'dependency'; names: NameSet; note?: string };

export type FileMatcher = Extract<Matcher, { kind: 'file' }>;

/** True when the matcher looks inside files (not only at their names). */
export function readsContent(m: FileMatcher): boolean {
  return m.contains.length > 0 || m.containsAny.length > 0 || m.notContains.length > 0;
}

export interface Glob {
  source: string;
  /** A V8 RegExp for built-in globs and one-wildcard globs; an RE2 matcher (linear time) for the rest. */
  re: GlobRegex;
  /** Lower-case basename every match must have, when the last segment has no wildcard. */
  base?: string;
  /** Lower-case extension every match must have, for last segments like `*.yaml`. */
  exts?: string[];
  /** Lower-case start every match's file name must have, for last segments like `MODEL_CARD*`. */
  basePrefix?: string;
  // Globs any-folder-star, any-folder-star-dot-ext or with {a,b} extensions: every file of the pool matches.
  wholePool?: boolean;
  /** Literals every matching path contains (`evals/**` needs "evals/"): most paths are ruled out without the regex. */
  literals?: LiteralFilter;
}

export interface CheckDef {
  id: string;
  title: string;
  pillar: Pillar;
  question?: string;
  appliesTo?: AiKind[];
  severity: Record<Stage, Level>;
  why: string;
  /** Why it matters in one line. */
  summary: string;
  looksFor: string;
  notEnough?: string;
  fix: string;
  docs: string;
  present?: Matcher;
  violation?: Matcher;
  incomplete?: Matcher;
  codeLevel: boolean;
  custom: boolean;
}

/** How every rule glob is matched (scripts/build.mjs compiles the built-in ones ahead with the same options). */
export const GLOB_OPTIONS = { dot: true, nocase: true, nocomment: true, nonegate: true } as const;

/**
 * A glob's matcher: the build's minimatch compile for built-in globs (saves ~50 ms per thread per scan), else
 * safeGlob's, which counts brace alternatives before expanding and never backtracks (user globs are hostile).
 */
function globRegex(clean: string, source: string): GlobRegex {
  const built = snapshotGlob(clean);
  if (built && built.alternatives <= MAX_GLOB_ALTERNATIVES) return new RegExp(built.source, built.flags);
  try {
    return compileSafeGlob(clean, { nocase: GLOB_OPTIONS.nocase, nocomment: GLOB_OPTIONS.nocomment, nonegate: GLOB_OPTIONS.nonegate }).re;
  } catch (e) {
    throw new Error(`${(e as Error).message}: ${source.length > 200 ? source.slice(0, 200) + '…' : source}`);
  }
}

export function compileGlob(source: string): Glob {
  const clean = source.replace(/^\.\//, '');
  const re = globRegex(clean, source);
  const last = clean.split('/').pop() ?? '';
  // `\p{…}` (POSIX classes) is RE2 syntax the literal analysis, which reads V8 syntax, would misread.
  const glob: Glob = { source, re, literals: re.source.includes('\\p{') ? undefined : requiredLiterals(re.source, re.flags) };
  if (/^\*\*\/\*(?:\.[A-Za-z0-9]+|\.\{[A-Za-z0-9,]+\})?$/.test(clean)) glob.wholePool = true;
  if (!/[*?[\]{}!]/.test(last)) glob.base = last.toLowerCase();
  else {
    // Any last segment ending in a literal extension (`*rollback*.md`, `*.test.{js,ts}`) only matches files
    // with that extension; one starting with literal text (`MODEL_CARD*`) only files whose name starts so.
    const ext = /^[^{}/]*\.([A-Za-z0-9]+)$/.exec(last);
    const exts = /^[^{}/]*\.\{([A-Za-z0-9,]+)\}$/.exec(last);
    if (ext && /[*?]/.test(last.slice(0, last.length - ext[1].length - 1))) glob.exts = ['.' + ext[1].toLowerCase()];
    else if (exts) glob.exts = exts[1].split(',').map((e) => '.' + e.toLowerCase());
    else {
      const prefix = /^[A-Za-z0-9_.-]+/.exec(last);
      if (prefix) glob.basePrefix = prefix[0].toLowerCase();
    }
  }
  return glob;
}

export function nameSet(list: string[]): NameSet {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const n of list) (n.endsWith('*') ? prefixes.push(n.slice(0, -1)) : exact.add(n));
  return { exact, prefixes, list };
}

export function nameSetHas(set: NameSet, name: string): boolean {
  return set.exact.has(name) || set.prefixes.some((p) => name.startsWith(p));
}

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function ecosystemOf(v: unknown): MatcherEcosystem {
  if (v === 'python' || v === 'node' || BUILD_ECOSYSTEMS.includes(v as BuildEcosystem)) return v as MatcherEcosystem;
  throw new Error(`invalid ecosystem ${JSON.stringify(v)}: use python, node, go, rust or jvm`);
}

/** Compiles a raw matcher (already schema-validated). Throws with a readable message on a bad glob or pattern. */
export function compileMatcher(raw: Record<string, unknown>, user: boolean): Matcher {
  const note = typeof raw.note === 'string' ? raw.note : undefined;
  if (Array.isArray(raw.any)) return { kind: 'any', items: raw.any.map((m) => compileMatcher(m as Record<string, unknown>, user)) };
  if (Array.isArray(raw.all)) return { kind: 'all', items: raw.all.map((m) => compileMatcher(m as Record<string, unknown>, user)) };
  if (typeof raw.detector === 'string') {
    if (user) throw new Error('`detector` is available to built-in rules only');
    return { kind: 'detector', name: raw.detector, note };
  }
  if (raw.import !== undefined) return { kind: 'import', names: nameSet(asList(raw.import)), exclude: asList(raw.exclude).map(compileGlob), note };
  if (raw.dependency !== undefined) return { kind: 'dependency', names: nameSet(asList(raw.dependency).map((n) => n.toLowerCase())), note };
  const caseSensitive = raw['case-sensitive'] === true;
  const pat = (v: unknown) => asList(v).map((s) => {
    try {
      return compilePattern(s, { user, caseSensitive });
    } catch (e) {
      throw new Error(`invalid pattern ${JSON.stringify(s)}: ${(e as Error).message}`);
    }
  });
  return {
    kind: 'file',
    globs: asList(raw.file).map(compileGlob),
    exclude: asList(raw.exclude).map(compileGlob),
    contains: pat(raw.contains),
    containsAny: pat(raw['contains-any']),
    notContains: pat(raw['not-contains']),
    withinLines: typeof raw['within-lines'] === 'number' ? raw['within-lines'] : undefined,
    ...(raw['not-after'] !== undefined ? { notAfter: pat(`(?:${String(raw['not-after'])})$`)[0] } : {}),
    ...(raw['skip-comments'] === true ? { skipComments: true } : {}),
    ...(raw['skip-prose-strings'] === true ? { skipProseStrings: true } : {}),
    ...(raw.ecosystem !== undefined ? { ecosystem: ecosystemOf(raw.ecosystem) } : {}),
    note,
  };
}
