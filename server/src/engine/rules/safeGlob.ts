// Globs from users (config `ignore`, evidence globs, custom rule `file:`/`exclude:`, .gitignore lines) compiled
// to a matcher that runs in linear time. minimatch compiles to a JS RegExp whose stars backtrack:
// `*a*a*a*a*a*a*a*a*a*a*a*a*b` against a long name of a's took half a minute. Here a glob becomes an
// RE2-compatible regex (no lookaround: dot rules need none, since scanned paths never hold `.`/`..` segments)
// run on re2js (automata, linear time); only a glob with at most one unbounded wildcard runs on V8, where it
// cannot backtrack more than O(n·m). Brace alternatives are counted before anything is expanded: `{a,b}` ×18
// or `{1..100000}` is refused first. A differential test holds the meaning to minimatch's.
import { braceExpand } from 'minimatch';
import { RE2JS } from 're2js';

/** Brace expansion limit for globs from configs and rules. */
export const MAX_GLOB_ALTERNATIVES = 256;
/** Longest glob accepted (a config is capped at 1 MiB; a single glob never needs this much). */
export const MAX_GLOB_LENGTH = 4096;

/** What the matching code needs of a RegExp; a real RegExp satisfies it. */
export interface GlobRegex { source: string; flags: string; test(s: string): boolean }

export interface SafeGlobOptions {
  nocase?: boolean;
  /** `#…` is a glob, not a comment (minimatch's default: a comment, which matches nothing). */
  nocomment?: boolean;
  /** A leading `!` is literal (minimatch's default: it negates the glob). */
  nonegate?: boolean;
  /**
   * minimatch's `match()` instead of its `makeRe()`: a path may end in `/`, and `x/**` needs the `/`
   * (`match('x')` is false, `match('x/')` true). The crawl's ignore globs are tested that way.
   */
  matchSemantics?: boolean;
  /** A .gitignore line's glob (its `!`, trailing `/` and anchoring already handled): no braces, no extglobs, `x/**` needs something below x. */
  gitignore?: boolean;
}

export interface SafeGlob {
  re: GlobRegex;
  /** The glob (minus its `!`s) was negated: a match means "not matched". */
  negate: boolean;
  /** A `#` comment: matches nothing. */
  comment: boolean;
  alternatives: number;
  /** Which engine runs it (tests and notes). */
  engine: 're2' | 'v8';
}

export class GlobError extends Error {}

/**
 * How many alternatives brace expansion yields, counted without expanding (an upper bound; exact for the
 * usual `{a,b}` and `{1..9}` forms). Stops counting past `limit`.
 */
export function countBraceAlternatives(glob: string, limit = MAX_GLOB_ALTERNATIVES): number {
  let pos = 0;
  const cap = (n: number) => Math.min(n, limit + 1);
  // A sequence up to ',' or '}' at this depth (inside a group) or the end: the product of its groups.
  function sequence(inGroup: boolean): number {
    let product = 1;
    while (pos < glob.length) {
      const c = glob[pos];
      if (c === '\\') { pos += 2; continue; }
      if (inGroup && (c === ',' || c === '}')) return product;
      if (c === '{' && matchingClose(glob, pos) >= 0) {
        pos++;
        product = cap(product * group());
        continue;
      }
      pos++;
    }
    return product;
  }
  // After '{': the sum over its comma-separated parts, or a range's length; a literal `{x}` counts its inside.
  function group(): number {
    const start = pos;
    const close = matchingClose(glob, start - 1);
    if (close >= 0) {
      const range = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(glob.slice(start, close));
      if (range) {
        pos = close + 1;
        const num = /\d/.test(range[1]);
        const a = num ? Number(range[1]) : range[1].charCodeAt(0);
        const b = num ? Number(range[2]) : range[2].charCodeAt(0);
        const step = Math.max(1, Math.abs(Number(range[3] ?? 1)) || 1);
        return cap(Math.floor(Math.abs(b - a) / step) + 1);
      }
    }
    let sum = 0;
    for (;;) {
      sum = cap(sum + sequence(true));
      if (pos >= glob.length) return Math.max(sum, 1); // unclosed: literal text
      if (glob[pos] === '}') { pos++; return Math.max(sum, 1); }
      pos++; // ','
    }
  }
  return sequence(false);
}

/** The index of the bracket closing the one at `open` (`{` or `(`), skipping escapes; -1 when unclosed. */
function matchingClose(s: string, open: number): number {
  const opener = s[open];
  const closer = opener === '{' ? '}' : ')';
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] === opener) depth++;
    else if (s[i] === closer && --depth === 0) return i;
  }
  return -1;
}

/** Compiles a glob with minimatch's meaning (options dot: true), refusing brace bombs and unsupported syntax. */
export function compileSafeGlob(glob: string, opts: SafeGlobOptions = {}): SafeGlob {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`glob is ${glob.length} characters long (limit ${MAX_GLOB_LENGTH})`);
  if (!opts.nocomment && glob.startsWith('#')) return { re: { source: '(?!)', flags: '', test: () => false }, negate: false, comment: true, alternatives: 0, engine: 'v8' };
  let negate = false;
  let body = glob;
  if (!opts.nonegate) {
    let i = 0;
    while (body[i] === '!') i++;
    negate = i % 2 === 1;
    body = body.slice(i);
  }
  const alternatives = opts.gitignore ? 1 : countBraceAlternatives(body);
  if (alternatives > MAX_GLOB_ALTERNATIVES) throw new GlobError(`glob expands to more than ${MAX_GLOB_ALTERNATIVES} alternatives`);
  const expanded = opts.gitignore ? [body] : braceExpand(body);
  if (expanded.length > MAX_GLOB_ALTERNATIVES) throw new GlobError(`glob expands to ${expanded.length} alternatives (limit ${MAX_GLOB_ALTERNATIVES})`);
  let unbounded = 0;
  const parts = expanded.map((alt) => {
    const t = globToRegex(alt, opts);
    unbounded = Math.max(unbounded, t.unbounded);
    return t.source;
  });
  const source = `^(?:${parts.join('|')})${opts.matchSemantics || opts.gitignore ? '/?' : ''}$`;
  const flags = opts.nocase ? 'i' : '';
  let re: GlobRegex;
  let engine: SafeGlob['engine'];
  if (unbounded <= 1) {
    // One wildcard: V8 tries it at each position once per alternative, O(n·m); faster than re2js here.
    re = new RegExp(source, flags);
    engine = 'v8';
  } else {
    const compiled = RE2JS.compile(source, opts.nocase ? RE2JS.CASE_INSENSITIVE : 0);
    re = { source, flags, test: (s: string) => compiled.testExact(s) };
    engine = 're2';
  }
  return { re, negate, comment: false, alternatives: expanded.length, engine };
}

const GLOBSTAR = Symbol('**');

/** One brace-free glob alternative as a regex source (RE2 syntax, which V8 reads alike), and its unbounded wildcards. */
function globToRegex(glob: string, opts: SafeGlobOptions): { source: string; unbounded: number } {
  const segs: (string | typeof GLOBSTAR)[] = [];
  // minimatch's own clean-up: empty middle segments go (`a//b` is `a/b`), `x/../` cancels out.
  const raw = glob.split('/').filter((s, i, all) => s !== '' || i === 0 || i === all.length - 1);
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] === '..' && !['..', '.', '**', ''].includes(raw[i - 1])) {
      raw.splice(i - 1, 2);
      i = Math.max(0, i - 2);
    }
  }
  for (const s of raw) {
    const seg = s === '**' ? GLOBSTAR : s;
    if (seg === GLOBSTAR && segs[segs.length - 1] === GLOBSTAR) continue; // `**/**` is `**`
    segs.push(seg);
  }
  let out = '';
  let unbounded = 0;
  const last = segs.length - 1;
  segs.forEach((seg, i) => {
    if (seg === GLOBSTAR) {
      unbounded++;
      // Any number of whole segments, as minimatch's makeRe: `**` alone, `**/x`, `x/**` (also matches `x`), `x/**/y`.
      out += last === 0 ? '.*' : i === 0 ? '(?:.*/)?' : i === last ? (opts.gitignore ? '/.+' : opts.matchSemantics ? '/.*' : '(?:/.*)?') : '/(?:.*/)?';
      return;
    }
    if (i > 0 && segs[i - 1] !== GLOBSTAR) out += '/';
    const t = segmentToRegex(seg, !opts.gitignore);
    unbounded += t.unbounded;
    out += t.source;
  });
  return { source: out, unbounded };
}

// minimatch's meaning of POSIX classes (Unicode properties; `graph`, its one negated class, as printable ASCII).
const POSIX_CLASSES: Record<string, string> = {
  alnum: '\\p{L}\\p{Nl}\\p{Nd}', alpha: '\\p{L}\\p{Nl}', ascii: '\\x00-\\x7f', blank: '\\p{Zs}\\t', cntrl: '\\p{Cc}',
  digit: '\\p{Nd}', graph: '!-~', lower: '\\p{Ll}', print: '\\p{C}', punct: '\\p{P}', space: '\\p{Z}\\t\\r\\n\\v\\f',
  upper: '\\p{Lu}', word: '\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}', xdigit: 'A-Fa-f0-9',
};

/** One path segment: `*`, `?`, `[…]`, `\x`, and (not in .gitignore) extglobs `@(a|b)` `?(…)` `+(…)` `*(…)`; `!(…)` is refused. */
function segmentToRegex(seg: string, extglob: boolean): { source: string; unbounded: number } {
  let out = '';
  let unbounded = 0;
  let nonEmpty = false;
  let i = 0;
  while (i < seg.length) {
    const c = seg[i];
    if (extglob && '@?+*!'.includes(c) && seg[i + 1] === '(') {
      const close = matchingClose(seg, i + 1);
      if (close > 0) {
        if (c === '!') throw new GlobError('negated extglob `!(…)` is not supported (it needs a backtracking matcher)');
        const inner = splitTopLevel(seg.slice(i + 2, close)).map((p) => {
          const t = segmentToRegex(p, true);
          unbounded += t.unbounded;
          return t.source;
        });
        const quant = c === '@' ? '' : c === '?' ? '?' : c === '+' ? '+' : '*';
        if (quant === '+' || quant === '*') unbounded += 2; // nested repetition: keep it off V8
        out += `(?:${inner.join('|')})${quant}`;
        if (c === '@' || c === '+') nonEmpty = true;
        i = close + 1;
        continue;
      }
    }
    if (c === '*') {
      i++;
      while (seg[i] === '*' && (seg[i + 1] !== '(' || !extglob)) i++; // `**(a)` is a star then the extglob `*(a)`
      out += '[^/]*';
      unbounded++;
      continue;
    }
    if (c === '?') { out += '[^/]'; nonEmpty = true; i++; continue; }
    if (c === '[') {
      const cls = classToRegex(seg, i);
      if (cls) {
        out += cls.source;
        if (cls.source.includes('\\p{')) unbounded += 2; // Unicode properties: V8 reads them only with the u flag
        nonEmpty = true;
        i = cls.end;
        continue;
      }
    }
    if (c === '\\' && i + 1 < seg.length) { out += escapeLiteral(seg[i + 1]); nonEmpty = true; i += 2; continue; }
    out += escapeLiteral(c);
    nonEmpty = true;
    i++;
  }
  // minimatch: a segment of stars alone matches a non-empty name (`a/*` does not match `a/`).
  if (!nonEmpty && out === '[^/]*') out = '[^/]+';
  return { source: out, unbounded };
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === '|' && depth === 0) { out.push(s.slice(start, i)); start = i + 1; }
  }
  out.push(s.slice(start));
  return out;
}

/** `[…]` at `start` as an RE2 class (never matching `/`), or undefined when unclosed (then `[` is literal). */
function classToRegex(seg: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (seg[i] === '!' || seg[i] === '^') { negated = true; i++; }
  let body = '';
  let first = true;
  while (i < seg.length) {
    const c = seg[i];
    if (c === ']' && !first) {
      if (!body) return undefined;
      return { source: negated ? `[^/${body}]` : `[${body}]`, end: i + 1 };
    }
    first = false;
    if (c === '[' && seg[i + 1] === ':') {
      const end = seg.indexOf(':]', i + 2);
      const name = end > 0 ? seg.slice(i + 2, end) : '';
      if (Object.prototype.hasOwnProperty.call(POSIX_CLASSES, name)) { body += POSIX_CLASSES[name]; i = end + 2; continue; }
    }
    if (c === '\\' && i + 1 < seg.length) { body += escapeClassChar(seg[i + 1]); i += 2; continue; }
    if (c === '-' && body && seg[i + 1] !== ']' && i + 1 < seg.length) { body += '-'; i++; continue; }
    body += escapeClassChar(c);
    i++;
  }
  return undefined;
}

function escapeLiteral(c: string): string {
  return /[\\^$.|?*+()[\]{}/-]/.test(c) ? `\\${c}` : c;
}

function escapeClassChar(c: string): string {
  return /[\\\]^[-]/.test(c) ? `\\${c}` : c;
}
