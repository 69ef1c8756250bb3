// A literal pre-filter for regular expressions: from the pattern's syntax tree (regjsparser), sets of
// strings such that every match contains one string of each set (`import[ \t]+httpx` needs "import" and
// "httpx"; `ModelMonitor|DataCaptureConfig` needs one of the two). Most files hold none of a rule's literals, and a
// table of the text's trigrams, built once per file, rules that out in a few lookups: far faster than V8
// running a pattern with look-behinds, alternations or the `i` flag at every position of the text.
//
// Soundness is what matters: a set is returned only when no match can avoid it. Anything the analysis does
// not understand (classes, dots, back-references, optional parts, non-ASCII letters under `i`) breaks a
// literal run or yields no set, which only makes the filter weaker.
import { writeFileSync } from 'fs';
import { parse, type AstNode } from 'regjsparser';
import { snapshotLiterals } from './rulesData';

/** Shorter literals are too common to save anything. */
const MIN_LITERAL = 3;
/** More alternatives than this cost more look-ups than running the pattern saves. */
const MAX_LITERALS = 24;

/** Clauses that must all hold; a clause holds when the text contains one of its literals. [] = no need. */
type Need = string[][];
/** At most this many clauses per pattern: the most selective are kept. */
const MAX_CLAUSES = 6;
const FEATURES = { lookbehind: true, namedGroups: true, unicodePropertyEscape: true } as const;
type Node = AstNode<typeof FEATURES>;

export interface LiteralFilter {
  /** Every match contains one literal of each clause (lower-cased when the pattern ignores case). */
  clauses: string[][];
  /** Per clause, per literal, the keys of its trigrams. */
  keys: Int32Array[][];
  /** The clauses in lower case, for `mayMatchShort`. */
  lowerClauses: string[][];
}

/**
 * The filter for a pattern, or undefined when it has no useful required literals (or does not parse). The build
 * works out the built-in patterns' filters once (dist/rules-snapshot.json): parsing ~400 patterns costs ~30 ms on
 * every thread of every scan.
 */
export function requiredLiterals(source: string, flags: string): LiteralFilter | undefined {
  const key = `${flags}/${source}`;
  const prebuilt = snapshotLiterals(key);
  if (prebuilt !== undefined) return prebuilt === null ? undefined : filterOfClauses(prebuilt);
  const filter = analysePattern(source, flags);
  recorded?.set(key, filter ? filter.clauses : null);
  return filter;
}

function filterOfClauses(need: string[][]): LiteralFilter {
  return { clauses: need, keys: need.map(keysOf), lowerClauses: need.map((c) => c.map((l) => l.toLowerCase())) };
}

// The build records the filters a scan of its fixtures works out (AI_PREFLIGHT_RECORD_LITERALS=<file>), written
// when the process ends, for the snapshot.
const recordTo = process.env.AI_PREFLIGHT_RECORD_LITERALS;
const recorded: Map<string, string[][] | null> | undefined = recordTo ? new Map() : undefined;
if (recordTo && recorded) {
  process.on('exit', () => writeFileSync(recordTo, JSON.stringify(Object.fromEntries(recorded))));
}

function analysePattern(source: string, flags: string): LiteralFilter | undefined {
  const ignoreCase = flags.includes('i');
  // With `u` or `v`, case folding maps non-ASCII letters onto ASCII ones (ſ matches s, K matches k), which a
  // lower-cased text does not show.
  if (ignoreCase && /[uv]/.test(flags)) return undefined;
  let ast: Node;
  try {
    ast = parse(source, flags.replace(/[^imsuyv]/g, ''), FEATURES);
  } catch {
    return undefined;
  }
  const need = needOf(ast, ignoreCase);
  return need.length ? filterOfClauses(need) : undefined;
}

/**
 * True unless the filter proves the pattern cannot match `text`: some required literal must have all its
 * trigrams in the text. The text's trigrams are hashed once into a bit table (kept for the next call on the
 * same text, since every rule filters the same file in turn), so each pattern costs a few table lookups
 * rather than a scan of the text per literal. Letters are folded to lower case on both sides, which only
 * lets more through.
 */
export function mayMatch(filter: LiteralFilter | undefined, text: string): boolean {
  if (!filter) return true;
  const table = trigramTable(text);
  for (const clause of filter.keys) if (!anyLiteralIn(clause, table)) return false;
  return true;
}

function anyLiteralIn(clause: Int32Array[], table: TrigramTable): boolean {
  for (const keys of clause) if (literalIn(keys, table)) return true;
  return false;
}

/** True when every trigram of the literal (its `keys`) is in the table. */
function literalIn(keys: Int32Array, table: TrigramTable): boolean {
  const shift = 32 - table.bits;
  const words = table.words;
  for (let k = 0; k < keys.length; k++) {
    const slot = Math.imul(keys[k], 0x9e3779b1) >>> shift;
    if ((words[slot >>> 5] & (1 << (slot & 31))) === 0) return false;
  }
  return true;
}

/**
 * The same test for short strings (paths), by substring search on a lower-cased `lowerText`: literals are
 * lower-cased too, which only lets more through.
 */
export function mayMatchShort(filter: LiteralFilter | undefined, lowerText: string): boolean {
  if (!filter) return true;
  for (const clause of filter.lowerClauses) {
    let any = false;
    for (const literal of clause) {
      if (lowerText.includes(literal)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

/** Literals compiled for `literalsMaybeIn`. */
export interface LiteralProbe { literals: string[]; keys: Int32Array[] }

export function literalProbe(literals: string[]): LiteralProbe {
  return { literals, keys: keysOf(literals) };
}

/**
 * The literals that may occur in `text`, ignoring ASCII case: every one that does is listed, and rarely (a
 * hash collision) one that does not. Literals under three characters are always listed.
 */
export function literalsMaybeIn(probe: LiteralProbe, text: string): string[] {
  const table = trigramTable(text);
  const out: string[] = [];
  for (let i = 0; i < probe.literals.length; i++) if (literalIn(probe.keys[i], table)) out.push(probe.literals[i]);
  return out;
}

// Characters fold to 7 bits (ASCII upper case to lower case; other characters share the 7 bits they end in,
// which only lets more through), so a trigram is a 21-bit key that rolls along the text with a shift.
const fold = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c) & 127;
// The same folding as a table over every UTF-16 unit: the table build's inner loop then has no branch (2.3 vs
// 3.8 ns per character measured on the benchmark tree's texts).
const FOLD = new Uint8Array(65536).map((_, c) => fold(c));
const trigramKey = (a: number, b: number, c: number) => (a << 14) | (b << 7) | c;

/** The trigram keys of each literal, folded as the table is. */
function keysOf(literals: string[]): Int32Array[] {
  return literals.map((lit) => {
    const keys = new Int32Array(Math.max(0, lit.length - 2));
    for (let i = 0; i + 2 < lit.length; i++) keys[i] = trigramKey(fold(lit.charCodeAt(i)), fold(lit.charCodeAt(i + 1)), fold(lit.charCodeAt(i + 2)));
    return keys;
  });
}

interface TrigramTable { text: string | undefined; bits: number; words: Uint32Array }
// One table per thread, re-used: a scan filters one file after another.
const table: TrigramTable = { text: undefined, bits: 0, words: new Uint32Array(1024) };

function trigramTable(text: string): TrigramTable {
  if (table.text === text) return table;
  // ~8 bits per character keeps the table sparse (few false "maybe"s). At most 1 Mi bits (128 KiB, which
  // stays in the CPU cache): a text of a megabyte holds far fewer distinct trigrams than characters.
  let bits = 12;
  while (bits < 20 && 1 << bits < text.length * 8) bits++;
  const words = 1 << (bits - 5);
  if (table.words.length < words) table.words = new Uint32Array(words);
  table.words.fill(0, 0, words);
  hashTrigrams(text, table.words, 32 - bits);
  table.text = text;
  table.bits = bits;
  return table;
}

// The loop alone: V8 optimises a long loop mid-run (on-stack replacement), and code after it that had no type
// feedback yet sent every call back to the interpreter (468 deopts on one 2,500-file repository).
function hashTrigrams(text: string, w: Uint32Array, shift: number): void {
  const n = text.length;
  let key = n > 1 ? (FOLD[text.charCodeAt(0)] << 7) | FOLD[text.charCodeAt(1)] : 0;
  for (let i = 2; i < n; i++) {
    key = ((key << 7) | FOLD[text.charCodeAt(i)]) & 0x1fffff;
    const slot = Math.imul(key, 0x9e3779b1) >>> shift;
    w[slot >>> 5] |= 1 << (slot & 31);
  }
}

// Filters of patterns compiled elsewhere, by source and flags: some rules build a pattern per name they look
// for, so the same pattern comes back as a new RegExp. Bounded: names come from user code.
const filters = new Map<string, LiteralFilter | null>();
const MAX_CACHED_FILTERS = 4096;

// And by the RegExp object itself: most patterns are module constants, and building the source key on every
// call cost ~0.1 s of a 100,000-file scan.
const filtersByPattern = new WeakMap<RegExp, LiteralFilter | null>();

export function filterOf(re: RegExp): LiteralFilter | undefined {
  const known = filtersByPattern.get(re);
  if (known !== undefined) return known ?? undefined;
  const found = filterBySource(re);
  filtersByPattern.set(re, found ?? null);
  return found;
}

function filterBySource(re: RegExp): LiteralFilter | undefined {
  const key = `${re.flags}/${re.source}`;
  let f = filters.get(key);
  if (f === undefined) {
    if (filters.size >= MAX_CACHED_FILTERS) filters.clear();
    filters.set(key, (f = requiredLiterals(re.source, re.flags) ?? null));
  }
  return f ?? undefined;
}

/** `re.test(text)`, skipping the pattern when the text lacks its literals. */
export function testText(re: RegExp, text: string): boolean {
  if (!mayMatch(filterOf(re), text)) return false;
  re.lastIndex = 0;
  return re.test(text);
}

function needOf(node: Node, ignoreCase: boolean): Need {
  switch (node.type) {
    case 'alternative':
      return sequenceNeed(node.body, ignoreCase);
    case 'disjunction':
      return eitherNeed(node.body.map((alt) => needOf(alt, ignoreCase)));
    case 'group':
      // Look-arounds match no characters of their own.
      return node.behavior === 'normal' || node.behavior === 'ignore' ? sequenceNeed(node.body, ignoreCase) : [];
    case 'quantifier':
      return node.min >= 1 ? needOf(node.body[0], ignoreCase) : [];
    default:
      // A lone character is shorter than any useful literal; sequences gather characters into runs.
      return [];
  }
}

/**
 * What one of several alternatives needs: the clauses every alternative has, else clauses joining one clause of
 * each alternative (whichever alternative matches, its clause of the join holds). Every such join is sound, so
 * the most selective few are kept: `(redact|mask)_?pii|pii_(filter|detect)` needs "pii" as well as one of
 * redact/mask/filter/detect. An alternative that needs nothing makes the whole need nothing.
 */
function eitherNeed(alternatives: Need[]): Need {
  if (alternatives.some((n) => n.length === 0)) return [];
  const keyOf = (clause: string[]) => [...clause].sort().join('\u0000');
  const common = alternatives[0].filter((c) => alternatives.every((n) => n.some((d) => keyOf(d) === keyOf(c))));
  if (common.length) return common;
  const combinations = alternatives.reduce((n, need) => n * need.length, 1);
  const joins: string[][] = [];
  if (combinations <= MAX_JOINS) {
    const pick = (i: number, chosen: string[][]): void => {
      if (i === alternatives.length) {
        const clause = simplified(chosen.flat());
        if (clause.length <= MAX_LITERALS && !joins.some((c) => keyOf(c) === keyOf(clause))) joins.push(clause);
        return;
      }
      for (const clause of alternatives[i]) pick(i + 1, [...chosen, clause]);
    };
    pick(0, []);
  } else {
    const joined = simplified(alternatives.map(best).flat());
    if (joined.length <= MAX_LITERALS) joins.push(joined);
  }
  // A clause holding every literal of another adds nothing: ["pii", "mask"] holds whenever ["pii"] does.
  const useful = joins.filter((c) => !joins.some((d) => d !== c && d.length < c.length && d.every((lit) => c.includes(lit))));
  return useful.sort((a, b) => score(b) - score(a)).slice(0, MAX_CLAUSES);
}

/** Joins of one clause per alternative worked out at most: beyond, only the most selective clauses are joined. */
const MAX_JOINS = 64;

/** A clause without literals that contain another of its literals ("pii_" or "pii" holds whenever "pii" does). */
function simplified(literals: string[]): string[] {
  const unique = [...new Set(literals)];
  return unique.filter((lit) => !unique.some((other) => other !== lit && lit.includes(other)));
}

/** A sequence needs what each of its parts needs; runs of literal characters are literals it needs. */
function sequenceNeed(body: Node[], ignoreCase: boolean): Need {
  const need: Need = [];
  let run = '';
  const flush = () => {
    if (run.length >= MIN_LITERAL) need.push([run]);
    run = '';
  };
  for (const part of body) {
    if (part.type === 'value') {
      const ch = literalChar(part.codePoint, ignoreCase);
      if (ch !== undefined) {
        run += ch;
        continue;
      }
    }
    flush();
    need.push(...needOf(part, ignoreCase));
  }
  flush();
  return need.sort((a, b) => score(b) - score(a)).slice(0, MAX_CLAUSES);
}

/** The most selective clause of a need (it has at least one). */
function best(need: Need): string[] {
  return need.reduce((a, b) => (score(b) > score(a) ? b : a));
}

/** Longer shortest literal first, then fewer literals. */
function score(clause: string[]): number {
  return Math.min(...clause.map((s) => s.length)) * 100 - clause.length;
}

/** A character as it appears in the (lower-cased when ignoring case) text, or undefined if unsure. */
function literalChar(codePoint: number, ignoreCase: boolean): string | undefined {
  if (!ignoreCase) return String.fromCodePoint(codePoint);
  // Under `i`, an ASCII letter matches exactly its two ASCII cases (non-unicode canonicalisation never maps a
  // non-ASCII character onto ASCII), so the lower-cased text holds its lower case. Other letters: unsure.
  if (codePoint < 128) return String.fromCharCode(codePoint).toLowerCase();
  const ch = String.fromCodePoint(codePoint);
  return ch.toLowerCase() === ch.toUpperCase() ? ch : undefined;
}
