// Loads web-tree-sitter and the prebuilt grammars (tree-sitter-wasms) once, and parses text,
// re-using the previous tree of the same file for an incremental parse when only part changed.
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import Parser from 'web-tree-sitter';
import { commonPrefixLength, commonSuffixLength } from './commonAffix';

export type CodeLanguage = 'python' | 'javascript' | 'typescript' | 'tsx';
export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;

const GRAMMAR_FILES: Record<CodeLanguage, string> = {
  python: 'tree-sitter-python.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
};

/** Every .wasm file the parsers need: scripts/build.mjs copies these into dist/wasm/. */
export const WASM_FILES = ['tree-sitter.wasm', ...Object.values(GRAMMAR_FILES)];

/**
 * Finds a .wasm file: next to the bundle (dist/wasm/, copied by scripts/build.mjs), else in
 * node_modules (tests run from tsc output under out/).
 */
export function locateWasm(file: string): string {
  const besideBundle = path.join(__dirname, 'wasm', file);
  if (fs.existsSync(besideBundle)) return besideBundle;
  const packageFile = file === 'tree-sitter.wasm' ? 'web-tree-sitter/tree-sitter.wasm' : `tree-sitter-wasms/out/${file}`;
  try {
    return require.resolve(packageFile);
  } catch {
    throw new Error(`AI Preflight: parser file ${file} not found (looked in ${path.dirname(besideBundle)} and node_modules)`);
  }
}

const ALL_LANGUAGES = Object.keys(GRAMMAR_FILES) as CodeLanguage[];
let runtime: Promise<void> | undefined;
let parser: Parser | undefined;
const languages = new Map<CodeLanguage, Parser.Language>();
const loadingLanguages = new Map<CodeLanguage, Promise<void>>();

/**
 * Loads the parser and these grammars (default: all). Idempotent and safe to call concurrently: callers of
 * the same grammar await the same promise. Grammars load on first need because the TypeScript and TSX ones
 * cost ~20 ms and ~15 MB per thread, which a Python-only scan never uses.
 */
export function initParsers(langs: readonly CodeLanguage[] = ALL_LANGUAGES): Promise<void> {
  return Promise.all(langs.map(loadLanguage)).then(() => undefined);
}

// web-tree-sitter links each grammar into one shared wasm instance: two loads at once break its symbol
// resolution ("bad export type"), so loads run one after another.
let loadQueue: Promise<unknown> = Promise.resolve();

/**
 * V8 compiles wasm twice: at once with its baseline compiler (Liftoff), then the hot functions again with
 * TurboFan on background threads. For the grammars' huge lexer and parse functions that second compile
 * costs ~1 s of CPU and ~50 MB per thread, and Node's main thread waits for it between two event-loop
 * turns: a scan of a 300-file TypeScript app took 1.4 s instead of 0.4 s. Liftoff's code parses a little
 * more slowly, which no scan or edit here makes up for. The flag is process-wide and read when a module
 * is compiled, so it is set before the first grammar loads (workers start after it and inherit it).
 */
function baselineWasmOnly(): void {
  if (process.env.AI_PREFLIGHT_WASM_TIER_UP === '1') return; // to measure the other way
  v8.setFlagsFromString('--liftoff-only');
}

function loadRuntime(): Promise<void> {
  runtime ??= (async () => {
    baselineWasmOnly();
    await Parser.init({ locateFile: (name: string) => locateWasm(name) });
    parser = new Parser();
  })().catch((err) => {
    runtime = undefined; // let a later call retry
    throw err;
  });
  return runtime;
}

function loadLanguage(lang: CodeLanguage): Promise<void> {
  let loading = loadingLanguages.get(lang);
  if (!loading) {
    loading = loadQueue.then(async () => {
      await loadRuntime();
      languages.set(lang, await Parser.Language.load(locateWasm(GRAMMAR_FILES[lang])));
    });
    loadQueue = loading.catch(() => undefined);
    loading = loading.catch((err) => {
      loadingLanguages.delete(lang);
      throw err;
    });
    loadingLanguages.set(lang, loading);
  }
  return loading;
}

/** The grammars loaded so far (for tests and logs). */
export function loadedLanguages(): CodeLanguage[] {
  return [...languages.keys()].sort();
}

export function parsersReady(): boolean {
  return parser !== undefined && languages.size === ALL_LANGUAGES.length;
}

interface CachedTree { lang: CodeLanguage; text: string; tree: Tree }
// Last tree per document key, for incremental re-parse while the user types. Trees live in wasm
// memory, so evicted ones are deleted explicitly.
const treeCache = new Map<string, CachedTree>();
const TREE_CACHE_SIZE = 16;

/** Keys of the documents whose last tree the parser keeps (for tests). */
export function cachedTreeKeys(): string[] {
  return [...treeCache.keys()];
}

/** What the parser has done since start-up (for benchmarks): parses, UTF-16 units parsed, milliseconds. */
export const parseStats = { parses: 0, units: 0, ms: 0 };

/**
 * Parses `text`; when `cacheKey` names a document parsed before, the old tree is edited with the
 * changed span and re-used (tree-sitter incremental parsing). Returns a tree owned by the cache
 * (do not delete it) or, without a key, a tree the caller must delete. With `ranges` (and no key),
 * only those parts of the text are parsed; nodes keep their offsets in the whole text.
 */
export function parseText(lang: CodeLanguage, text: string, cacheKey?: string, ranges?: Parser.Range[]): Tree {
  if (!parser) throw new Error('AI Preflight: call initCodeParsers() before checkCode()');
  const started = performance.now();
  try {
    return parseUncounted(lang, text, cacheKey, ranges);
  } finally {
    parseStats.parses++;
    parseStats.units += ranges && cacheKey === undefined ? ranges.reduce((n, r) => n + r.endIndex - r.startIndex, 0) : text.length;
    parseStats.ms += performance.now() - started;
  }
}

function parseUncounted(lang: CodeLanguage, text: string, cacheKey: string | undefined, ranges: Parser.Range[] | undefined): Tree {
  const language = languages.get(lang);
  if (!parser || !language) throw new Error(`AI Preflight: call initCodeParsers() (with ${lang}) before checkCode()`);
  parser.setLanguage(language);
  if (ranges && cacheKey === undefined) return parser.parse(chunksOf(text, ranges), undefined, { includedRanges: ranges });
  const previous = cacheKey !== undefined ? treeCache.get(cacheKey) : undefined;
  let tree: Tree;
  if (previous && previous.lang === lang) {
    if (previous.text === text) {
      treeCache.delete(cacheKey!);
      treeCache.set(cacheKey!, previous);
      return previous.tree;
    }
    previous.tree.edit(editBetween(previous.text, text));
    tree = parser.parse(chunksOf(text), previous.tree);
  } else {
    tree = parser.parse(chunksOf(text));
  }
  if (cacheKey === undefined) return tree;
  if (previous) previous.tree.delete();
  treeCache.delete(cacheKey);
  treeCache.set(cacheKey, { lang, text, tree });
  while (treeCache.size > TREE_CACHE_SIZE) {
    const [oldestKey, oldest] = treeCache.entries().next().value as [string, CachedTree];
    oldest.tree.delete();
    treeCache.delete(oldestKey);
  }
  return tree;
}

// web-tree-sitter copies each chunk it reads into wasm memory, one character at a time (~15 ns each); given the
// whole string, every read (one per jump back or to the next included range) would copy all of it. A whole
// parse reads in chunks of CHUNK; a parse of included ranges reads each range up to its end only: its ranges
// are mostly single lines, and copying 1,024 characters for each of them was most of such a parse's time
// (0.035 -> 0.027 ms for a typical two- or three-line parse, 0.016 -> 0.007 ms for one line). `end` is
// passed when a node's text is read.
const CHUNK = 1024;
// Where no included range holds the offset (tree-sitter reads there rarely, if at all): a short chunk.
const OUTSIDE_CHUNK = 64;
function chunksOf(text: string, ranges?: readonly Parser.Range[]): Parser.Input {
  if (!ranges?.length) return (index: number, _position?: Parser.Point, end?: number) => text.slice(index, end ?? index + CHUNK);
  return (index: number, _position?: Parser.Point, end?: number) => {
    if (end !== undefined) return text.slice(index, end);
    const rangeEnd = endOfRangeHolding(ranges, index);
    return text.slice(index, rangeEnd === undefined ? index + OUTSIDE_CHUNK : Math.min(rangeEnd, index + CHUNK));
  };
}

/** End offset of the included range holding `index` (ranges sorted by start, not overlapping), if any. */
function endOfRangeHolding(ranges: readonly Parser.Range[], index: number): number | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].startIndex > index) hi = mid - 1;
    else if (ranges[mid].endIndex <= index) lo = mid + 1;
    else return ranges[mid].endIndex;
  }
  return undefined;
}

/** The single edit that turns `before` into `after`: common prefix and suffix kept, the middle replaced. */
export function editBetween(before: string, after: string): Parser.Edit {
  const start = commonPrefixLength(before, after);
  const tail = commonSuffixLength(before, after, start);
  const oldEnd = before.length - tail;
  const newEnd = after.length - tail;
  return {
    startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd,
    startPosition: pointAt(before, start), oldEndPosition: pointAt(before, oldEnd), newEndPosition: pointAt(after, newEnd),
  };
}

function pointAt(text: string, index: number): Parser.Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}
