// Evaluates a compiled matcher for one project: the evidence it finds (empty = not found).
import type { Evidence } from '../types';
import { codeLanguageOf } from '../projects/imports';
import { isDocsPath, relativeTo } from '../workspace/paths';
import { lineAt, Pattern } from './patterns';
import { blankComments } from '../code/commentLines';
import { blankSource, sourceSyntaxOf } from '../code/blankSource';
import { escapeRegExp } from '../code/candidates';
import { FileMatcher, Glob, Matcher, MatcherEcosystem, nameSetHas, readsContent } from './checkDef';
import { buildEcosystemsOf } from './buildEcosystems';
import type { ProjectScope, ScopedFile, Segment } from './projectScope';
import { codeownersDetector } from '../detectors/codeowners';

export interface DetectorOutcome {
  evidence: Evidence[];
  /** Set when the artifact exists but falls short (e.g. CI that runs no tests): scored 5 of 10. */
  weak?: string;
  /** Extra sentence for the message (e.g. what the CI runs). */
  detail?: string;
}

export type Detector = (scope: ProjectScope) => DetectorOutcome;

export interface EvalContext {
  scope: ProjectScope;
  detectors: Record<string, Detector>;
  /** Outcomes of detectors, so the check can report weak/detail. */
  outcomes: DetectorOutcome[];
  /** Memo of content matches by matcher and file: repository-level files are shared by every project, and an
   * unchanged file need not be searched again on the next scan. */
  memo?: ContentMemo;
}

export interface ContentMemo {
  evidence(matcher: object, rel: string, compute: () => Evidence | null): Evidence | null;
  /**
   * One scan's first evidence per scope segment and file matcher: a package's repository-level files are in the
   * scope of every project beneath it, and looking through them once is enough (hundreds of projects in one
   * monorepo). Only for a memo that lives one scan.
   */
  segments?: WeakMap<object, WeakMap<object, KeyedEvidence[]>>;
}

/** Evidence with its place in a scope's matcher order: rank (see evidenceRank), glob, pool of the glob, listing index. */
export interface KeyedEvidence { rank: number; glob: number; pool: number; index: number; evidence: Evidence }

/** A memo for one scan only (custom rules are compiled afresh each scan, so caching them longer would only grow). */
export function scanMemo(): ContentMemo {
  const byMatcher = new WeakMap<object, Map<string, Evidence | null>>();
  return {
    segments: new WeakMap(),
    evidence(matcher, rel, compute) {
      let m = byMatcher.get(matcher);
      if (!m) byMatcher.set(matcher, (m = new Map()));
      if (m.has(rel)) return m.get(rel)!;
      const ev = compute();
      m.set(rel, ev);
      return ev;
    },
  };
}

const MAX_EVIDENCE = 5;

// Coding-agent and CI helper folders hold scripts about the repository (a review skill's tests, a spend report),
// and examples show users the library: a reviewer clicking the evidence should land on the project's own code.
const TOOLING_DIR = /(?:^|\/)(?:\.agents|\.claude|\.cursor|\.codex|\.gemini|\.windsurf|\.github\/(?:scripts|actions))\//i;
const EXAMPLES_DIR = /(?:^|\/)(?:examples?|samples?|demos?|cookbooks?)\//i;

/**
 * Where evidence is cited: the project's own files (0), then examples (1), then tooling folders (2). `path` is
 * relative to the project when inside it (a project under examples/ ranks its own files first).
 */
export function evidenceRank(path: string): number {
  return TOOLING_DIR.test(path) ? 2 : EXAMPLES_DIR.test(path) ? 1 : 0;
}

const rankIn = (scope: ProjectScope, rel: string) => evidenceRank(relativeTo(scope.project.root, rel) ?? rel);

/**
 * Collects ranked evidence: at most MAX_EVIDENCE of each rank; `full` once MAX_EVIDENCE of the first rank are in
 * (nothing later can be cited before them).
 */
class RankedEvidence<T extends { rank: number }> {
  readonly items: T[] = [];
  private readonly counts = [0, 0, 0];
  add(item: T): void {
    if (this.counts[item.rank] >= MAX_EVIDENCE) return;
    this.counts[item.rank]++;
    this.items.push(item);
  }
  get full(): boolean { return this.counts[0] >= MAX_EVIDENCE; }
}

/** Detectors that read only the scope: always available, so callers pass only those needing the scan's context. */
const SCOPE_DETECTORS: Record<string, Detector> = { codeowners: codeownersDetector };

export function evaluate(m: Matcher, ctx: EvalContext): Evidence[] {
  switch (m.kind) {
    case 'any': {
      const out = new RankedEvidence<{ rank: number; evidence: Evidence }>();
      for (const item of m.items) {
        for (const e of evaluate(item, ctx)) if (!out.items.some((o) => o.evidence.file === e.file)) out.add({ rank: rankIn(ctx.scope, e.file), evidence: e });
        if (out.full) break;
      }
      return out.items.sort((a, b) => a.rank - b.rank).slice(0, MAX_EVIDENCE).map((k) => k.evidence);
    }
    case 'all': {
      const out: Evidence[] = [];
      for (const item of m.items) {
        const ev = evaluate(item, ctx);
        if (ev.length === 0) return [];
        out.push(...ev);
      }
      return out.slice(0, MAX_EVIDENCE);
    }
    case 'detector': {
      const fn = ctx.detectors[m.name] ?? SCOPE_DETECTORS[m.name];
      if (!fn) throw new Error(`unknown detector "${m.name}"`);
      const outcome = fn(ctx.scope);
      ctx.outcomes.push(outcome);
      return outcome.evidence;
    }
    case 'import':
      return importEvidence(m.names, ctx, m.note, m.exclude);
    case 'dependency':
      return dependencyEvidence(m.names, ctx, m.note);
    case 'file':
      return fileEvidence(m, ctx);
  }
}

/** The files of a scope a file matcher looks at, in the order it looks. */
export function filesOfMatcher(m: FileMatcher, scope: ProjectScope): ScopedFile[] {
  let perScope = matcherFiles.get(scope);
  if (!perScope) matcherFiles.set(scope, (perScope = new WeakMap()));
  let files = perScope.get(m);
  if (!files) perScope.set(m, (files = listFilesOfMatcher(m, scope)));
  return files;
}

/** Kept per scope: the scan lists them once for the analysis jobs and again when evaluating checks. */
const matcherFiles = new WeakMap<ProjectScope, WeakMap<FileMatcher, ScopedFile[]>>();

function listFilesOfMatcher(m: FileMatcher, scope: ProjectScope): ScopedFile[] {
  const out: ScopedFile[] = [];
  const seen = new Set<string>();
  for (const glob of m.globs) {
    for (const f of scope.matchingExcluding(glob, m.exclude)) {
      if (seen.has(f.rel)) continue;
      seen.add(f.rel);
      out.push(f);
    }
  }
  return out;
}

function inEcosystem(scope: ProjectScope, eco: MatcherEcosystem): boolean {
  return eco === 'python' || eco === 'node' ? scope.project.ecosystems.has(eco) : buildEcosystemsOf(scope.project.manifests).includes(eco);
}

function fileEvidence(m: FileMatcher, ctx: EvalContext): Evidence[] {
  const scope = ctx.scope;
  if (m.ecosystem && !inEcosystem(scope, m.ecosystem)) return [];
  const segments = ctx.memo?.segments;
  if (segments) {
    // filesOfMatcher's order is glob by glob, pool by pool, then listing order; each file is in one segment,
    // so the scope's first evidence are the first of its segments' first evidence in that order.
    const found = scope.segments.flatMap((segment) => segmentEvidence(m, segment, ctx, segments));
    found.sort((a, b) => a.rank - b.rank || a.glob - b.glob || a.pool - b.pool || a.index - b.index);
    return found.slice(0, MAX_EVIDENCE).map((k) => k.evidence);
  }
  const out = new RankedEvidence<{ rank: number; evidence: Evidence }>();
  for (const f of filesOfMatcher(m, scope)) {
    const compute = () => contentEvidence(m, f, () => scope.model.store.read(f.rel)) ?? null;
    const ev = ctx.memo ? ctx.memo.evidence(m, f.rel, compute) : compute();
    if (ev) out.add({ rank: evidenceRank(f.inProject ?? f.rel), evidence: ev });
    if (out.full) break;
  }
  return out.items.sort((a, b) => a.rank - b.rank).slice(0, MAX_EVIDENCE).map((k) => k.evidence);
}

function segmentEvidence(m: FileMatcher, segment: Segment, ctx: EvalContext, memo: WeakMap<object, WeakMap<object, KeyedEvidence[]>>): KeyedEvidence[] {
  let byMatcher = memo.get(segment);
  if (!byMatcher) memo.set(segment, (byMatcher = new WeakMap()));
  let out = byMatcher.get(m);
  if (out) return out;
  const ranked = new RankedEvidence<KeyedEvidence>();
  const seen = new Set<string>();
  const store = ctx.scope.model.store;
  search: for (let g = 0; g < m.globs.length; g++) {
    const pools = segment.matchGroupsExcluding(m.globs[g], m.exclude);
    for (let p = 0; p < pools.length; p++) {
      for (const f of pools[p]) {
        if (seen.has(f.rel)) continue;
        seen.add(f.rel);
        const evidence = ctx.memo!.evidence(m, f.rel, () => contentEvidence(m, f, () => store.read(f.rel)) ?? null);
        if (!evidence) continue;
        // A file of a shared segment is never inside the project: its rank is the same from every project.
        ranked.add({ rank: evidenceRank(f.inProject ?? f.rel), glob: g, pool: p, index: f.index, evidence });
        if (ranked.full) break search;
      }
    }
  }
  out = ranked.items;
  byMatcher.set(m, out);
  return out;
}

/** What a file matcher finds in one file (its content read only when a pattern needs it). */
export function contentEvidence(m: FileMatcher, f: { rel: string; size: number }, read: () => string | null): Evidence | undefined {
  if (!readsContent(m)) {
    // Name-only matches still need content: an empty file is a placeholder, not an artifact.
    if (f.size === 0) return undefined;
    return { file: f.rel, note: m.note };
  }
  const raw = read();
  if (raw === null) return undefined;
  // Blanking comments costs a pass over the text: only for the rare file whose text matches as it is (blanking only
  // takes matches away).
  if ((m.skipComments || m.skipProseStrings) && !positivesIn(m, raw)) return undefined;
  const text = m.skipComments || m.skipProseStrings ? blankedText(m, f.rel, raw) : raw;
  if (m.notContains.some((p) => p.search(text) >= 0)) return undefined;
  const search = (p: Pattern, t: string, from = 0) => countedSearch(p, t, from, m.notAfter);
  let index = -1;
  if (m.contains.length) {
    index = m.withinLines ? nearbyAll(text, m.contains, m.withinLines, search) : allIndex(text, m.contains, search);
    if (index < 0) return undefined;
  }
  if (m.containsAny.length) {
    let best = -1;
    for (const p of m.containsAny) {
      const i = search(p, text);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    if (best < 0) return undefined;
    // `contains` beside `contains-any` is the context (a data load, an argparse) and `contains-any` what the
    // artifact is (the metric, the judge): cite that, not the file's first import.
    index = best;
  }
  return { file: f.rel, line: index >= 0 ? lineAt(text, index) : undefined, note: m.note };
}

type Search = (p: Pattern, text: string, from?: number) => number;

/**
 * The first match of `p` at or after `from` that the text before it on its line does not negate (`notAfter`
 * matching right before it: "there is no human review", "without human escalation").
 */
function countedSearch(p: Pattern, text: string, from: number, notAfter: Pattern | undefined): number {
  for (let i = p.search(text, from); i >= 0; i = p.search(text, i + 1)) {
    if (!notAfter) return i;
    const prefix = text.slice(text.lastIndexOf('\n', i - 1) + 1, i);
    if (notAfter.search(prefix) < 0) return i;
  }
  return -1;
}

/**
 * The text with what the matcher must not read blanked: comments, and with skip-prose-strings the prose string
 * literals of Python and JS/TS source (other files have no string syntax to tell prose from code by).
 */
function blankedText(m: FileMatcher, rel: string, raw: string): string {
  const syntax = sourceSyntaxOf(rel);
  if (syntax) return blankSource(raw, syntax, { comments: m.skipComments === true, proseStrings: m.skipProseStrings });
  return m.skipComments ? blankComments(raw) : raw;
}

/** Every `contains` pattern and some `contains-any` pattern occur somewhere in the text. */
function positivesIn(m: FileMatcher, text: string): boolean {
  return m.contains.every((p) => p.search(text) >= 0) && (!m.containsAny.length || m.containsAny.some((p) => p.search(text) >= 0));
}

function allIndex(text: string, patterns: Pattern[], search: Search): number {
  let first = -1;
  for (const p of patterns) {
    const i = search(p, text);
    if (i < 0) return -1;
    if (first < 0) first = i;
  }
  return first;
}

/** Index of the first pattern's match such that every other pattern matches within `lines` lines of it. */
function nearbyAll(text: string, patterns: Pattern[], lines: number, search: Search): number {
  const [head, ...rest] = patterns;
  for (let i = search(head, text); i >= 0; i = search(head, text, i + 1)) {
    const start = lineStart(text, i, lines);
    const end = lineEnd(text, i, lines);
    const window = text.slice(start, end);
    if (rest.every((p) => search(p, window) >= 0)) return i;
  }
  return -1;
}

function lineStart(text: string, i: number, lines: number): number {
  let s = i;
  for (let n = 0; n <= lines && s > 0; n++) s = text.lastIndexOf('\n', s - 1);
  return Math.max(0, s);
}

function lineEnd(text: string, i: number, lines: number): number {
  let e = i;
  for (let n = 0; n <= lines; n++) {
    const next = text.indexOf('\n', e + 1);
    if (next < 0) return text.length;
    e = next;
  }
  return e;
}

function importEvidence(names: import('./checkDef').NameSet, ctx: EvalContext, note?: string, exclude: Glob[] = []): Evidence[] {
  const out = new RankedEvidence<{ rank: number; evidence: Evidence }>();
  for (const f of ctx.scope.files) {
    // A tutorial under docs/ that imports pandera or ragas shows readers the library; it is not the project's own
    // contract or eval (an eval folder inside docs/ still counts).
    if (f.inProject === undefined || !codeLanguageOf(f.rel) || isDocsPath(f.inProject)) continue;
    const hit = ctx.scope.model.importsOf(f.rel).find((n) => nameSetHas(names, n));
    // Paths within the project, as a file matcher's `exclude` reads them (tested only on a hit: globs cost more).
    if (!hit || exclude.some((g) => g.re.test(f.inProject!))) continue;
    const text = ctx.scope.model.store.read(f.rel) ?? '';
    const i = importIndex(text, hit);
    out.add({ rank: evidenceRank(f.inProject), evidence: { file: f.rel, line: i >= 0 ? lineAt(text, i) : undefined, note: note ?? `imports ${hit}` } });
    if (out.full) break;
  }
  return out.items.sort((a, b) => a.rank - b.rank).slice(0, MAX_EVIDENCE).map((k) => k.evidence);
}

/**
 * Where the file imports `name`: the import statement (`from evidently.report import`, `from 'openai'`,
 * `require("openai")`), not the first mention of the name (a notebook's `!pip install evaluate` cell or a markdown
 * sentence above it). Names that are no module (a hosted API's host) fall back to their first mention.
 */
function importIndex(text: string, name: string): number {
  const n = escapeRegExp(name);
  const statement = new RegExp(String.raw`\b(?:from|import)[ \t]+${n}\b|\b(?:from|require\(|import\()[ \t]*["'\`]${n}(?:\/[^"'\`]*)?["'\`]`);
  const m = statement.exec(text);
  return m ? m.index : text.indexOf(name.split('.').pop()!);
}

function dependencyEvidence(names: import('./checkDef').NameSet, ctx: EvalContext, note?: string): Evidence[] {
  const out: Evidence[] = [];
  for (const m of ctx.scope.manifests) {
    const dep = m.deps.find((d) => nameSetHas(names, d.name.toLowerCase()));
    if (!dep) continue;
    const text = ctx.scope.model.store.read(m.file) ?? '';
    const i = text.toLowerCase().indexOf(dep.name.toLowerCase());
    out.push({ file: m.file, line: i >= 0 ? lineAt(text, i) : undefined, note: note ?? `depends on ${dep.name}` });
  }
  return out.slice(0, MAX_EVIDENCE);
}
