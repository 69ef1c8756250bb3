// Top-level statement spans of Python text, found by a small linear lexer, so that tree-sitter can
// parse only the statements that hold a rule's candidate (`includedRanges`) instead of the whole
// file. Parsing costs ~0.2 ms per KB; a candidate usually sits in one or two statements. The same pass
// finds the simple logical lines at any indentation (`    client = OpenAI(...)` inside a function): a
// candidate there needs only its line parsed, not the whole function around it. tree-sitter parses such
// lines as statements of their own whatever their indentation.
//
// A statement starts on a line at column 0 that is not blank, not comment-only, and not inside a
// string, open brackets or a backslash continuation. Decorators join the statement they decorate;
// column-0 `else`/`elif`/`except`/`finally` join the statement they continue. Spans cover the whole
// text without gaps (blank and comment lines belong to the span before them), so every offset has
// a span. When unsure, the lexer keeps going in the current span: a bigger span only costs time.
import type Parser from 'web-tree-sitter';
import { commonPrefixLength } from '../commonAffix';
import { lastAtOrBefore } from '../finding';

export interface StatementSpans {
  /** Offsets where each span starts; span i is [starts[i], starts[i + 1] or text end). starts[0] is 0. */
  starts: number[];
  /** Row (0-based line) of each start; every span but the first starts at column 0. */
  rows: number[];
  length: number;
  /** Row and column of the text end. */
  endRow: number;
  endColumn: number;
  lines: LogicalLines;
}

/**
 * Simple logical lines (not a compound statement's header, not a decorator), in text order: each from its
 * first token to the start of the line after it (brackets, strings and continuations joined).
 */
export interface LogicalLines {
  starts: number[];
  ends: number[];
  rows: number[];
  columns: number[];
  /** Row of each end (an end is at column 0, or at the text end). */
  endRows: number[];
}

const NL = 10, CR = 13, FF = 12, TAB = 9, SPACE = 32, HASH = 35, BACKSLASH = 92, AT = 64;
const SQUOTE = 39, DQUOTE = 34, LBRACE = 123, RBRACE = 125, COLON = 58;
const LPAREN = 40, RPAREN = 41, LBRACKET = 91, RBRACKET = 93;
// Characters the statement lexer acts on outside strings; everything else is skipped at once.
const SPECIAL = new Uint8Array(128);
for (const c of [NL, HASH, SQUOTE, DQUOTE, BACKSLASH, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE]) SPECIAL[c] = 1;
// f-strings nest (f"{f'{x}'}"); deeper than this, inner strings are lexed as plain strings.
const MAX_NESTING = 32;

// Keywords that continue the statement above them when they start a column-0 line.
const CONTINUATIONS = /(else|elif|except|finally)(?![\w])/y;
// Keywords that start a compound statement: its header line cannot be parsed without its body.
const COMPOUND = /(?:async|def|class|if|elif|else|for|while|with|try|except|finally|match|case)(?![\w])/y;

const isIdentChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 127;

/** True when the letters just before the quote at `q` are a string prefix with f or t (f"", rf'', T""). */
function isFormatPrefix(text: string, q: number): boolean {
  let s = q;
  while (s > 0 && q - s < 3 && isIdentChar(text.charCodeAt(s - 1))) s--;
  if (s === q || (s > 0 && isIdentChar(text.charCodeAt(s - 1)))) return false;
  let format = false;
  for (let k = s; k < q; k++) {
    const c = text.charCodeAt(k) | 32; // lower case
    if (c === 102 || c === 116) format = true; // f, t
    else if (c !== 114 && c !== 98 && c !== 117) return false; // r, b, u
  }
  return format;
}

/** Index just past the string literal whose opening quote is at `q` (at the newline for an unterminated one-line string). */
function skipString(text: string, q: number, nesting: number): number {
  const quote = text.charCodeAt(q);
  const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
  const format = nesting < MAX_NESTING && isFormatPrefix(text, q);
  const n = text.length;
  let i = q + (triple ? 3 : 1);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c !== BACKSLASH && c !== quote && c !== NL && c !== LBRACE) {
      i++;
    } else if (c === BACKSLASH) {
      // an escape, or a line continuation inside the string (also CRLF)
      i += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === NL ? 3 : 2;
    } else if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return i + 3;
      i++;
    } else if (c === NL && !triple) {
      return i;
    } else if (format && c === LBRACE) {
      i = text.charCodeAt(i + 1) === LBRACE ? i + 2 : skipField(text, i + 1, nesting + 1, triple);
    } else {
      i++;
    }
  }
  return n;
}

/** Index just past the `}` closing an f-string replacement field whose code starts at `i`. */
function skipField(text: string, i: number, nesting: number, multiline: boolean): number {
  const n = text.length;
  let depth = 0;
  let spec = false; // after a top-level `:`, the format spec: text and nested fields
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NL && !multiline) return i;
    if (spec) {
      if (c === RBRACE) return i + 1;
      i = c === LBRACE && nesting < MAX_NESTING ? skipField(text, i + 1, nesting + 1, multiline) : i + 1;
    } else if (c === SQUOTE || c === DQUOTE) {
      i = skipString(text, i, nesting);
    } else {
      if (c === LPAREN || c === LBRACKET || c === LBRACE) depth++;
      else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
        if (depth > 0) depth--;
        else if (c === RBRACE) return i + 1;
      } else if (c === COLON && depth === 0) spec = true;
      i++;
    }
  }
  return n;
}

/**
 * Lexes the text once and returns its top-level statement spans. Linear time; never throws.
 * Handles CRLF, tabs, form feeds, string prefixes, escapes, f-string fields, unterminated strings
 * and brackets (the rest of the text joins the current span).
 */
export function statementSpans(text: string): StatementSpans {
  return lexFrom(text, 0, { starts: [0], rows: [], lineStarts: [], lineEnds: [], lineColumns: [], lineRows: [], endRows: [], row: 0 });
}

/**
 * What a re-lex from offset `from` keeps: the spans and simple logical lines that start before it (rows and all),
 * and the row `from` is on. A whole lex keeps nothing but the first span's start, 0.
 */
interface Kept {
  starts: number[]; rows: number[];
  lineStarts: number[]; lineEnds: number[]; lineColumns: number[]; lineRows: number[]; endRows: number[];
  row: number;
}

/**
 * The spans of `text`, an edit of `before` (whose spans are `old`): the spans and lines that start before the
 * edit are kept, and the lexer runs again from the last statement start at or before the edit. The lexer's state
 * at a statement start is always the same (no open bracket, string or continuation) and depends only on the text
 * before it, so the result equals statementSpans(text) (a randomized test holds it to that).
 */
export function statementSpansAfterEdit(before: string, old: StatementSpans, text: string): StatementSpans {
  const same = commonPrefixLength(before, text);
  // The last span start at or before the edit: the lexer starts again there (and decides afresh whether the
  // edited text still starts a statement there).
  const k = lastAtOrBefore(old.starts, same);
  if (k <= 0) return statementSpans(text);
  const from = old.starts[k];
  // The simple logical lines that start before `from` (they end at or before it).
  const { lines } = old;
  const last = lastAtOrBefore(lines.starts, from - 1);
  const kept = lines.starts.length === 0 || lines.starts[last] > from - 1 ? 0 : last + 1;
  return lexFrom(text, from, {
    starts: old.starts.slice(0, k), rows: old.rows.slice(0, k),
    lineStarts: lines.starts.slice(0, kept), lineEnds: lines.ends.slice(0, kept), lineColumns: lines.columns.slice(0, kept),
    lineRows: lines.rows.slice(0, kept), endRows: lines.endRows.slice(0, kept),
    row: old.rows[k],
  });
}

function lexFrom(text: string, from: number, kept: Kept): StatementSpans {
  if (lexLoop(text, from, kept)) kept.lineEnds.push(text.length);
  return spansFrom(text, from, kept);
}

/**
 * The lexer's loop: fills `kept` from `from` on, and says whether a simple logical line is still open at the end.
 * Nothing follows the loop but the return: V8 optimises this function in the middle of its loop (on-stack
 * replacement), and a call after the loop with no type feedback yet dropped it back to the interpreter, again and
 * again (the lexer then ran 5x slower on some scans).
 */
function lexLoop(text: string, from: number, kept: Kept): boolean {
  const n = text.length;
  const { starts, lineStarts, lineEnds, lineColumns } = kept;
  let depth = 0; // open brackets
  let continued = false; // the line before ended with a backslash continuation
  let decorated = false; // the current span began with decorators not yet followed by their statement
  let lineOpen = false; // a simple logical line is open (its end not recorded yet)
  let lineStart = true;
  let i = from;
  while (i < n) {
    if (lineStart) {
      lineStart = false;
      if (depth === 0 && !continued) {
        if (lineOpen) lineEnds.push(i);
        lineOpen = false;
        // tree-sitter's indentation: spaces and tabs count, a form feed or CR resets to column 0.
        let j = i;
        let indent = 0;
        for (let c = text.charCodeAt(j); c === SPACE || c === TAB || c === FF || c === CR; c = text.charCodeAt(++j)) {
          indent = c === SPACE || c === TAB ? indent + 1 : 0;
        }
        const first = text.charCodeAt(j);
        if (j < n && first !== NL && first !== HASH && first !== BACKSLASH) {
          if (indent === 0) {
            CONTINUATIONS.lastIndex = j;
            if (i > 0 && !decorated && !CONTINUATIONS.test(text)) starts.push(i);
            decorated = first === AT;
          }
          COMPOUND.lastIndex = j;
          if (first !== AT && !COMPOUND.test(text)) {
            lineStarts.push(j);
            lineColumns.push(j - i);
            lineOpen = true;
          }
        }
      }
      continued = false;
    }
    let c = text.charCodeAt(i);
    if (c >= 128 || !SPECIAL[c]) {
      // A tight loop over the plain characters between two special ones (most of the text).
      do c = text.charCodeAt(++i);
      while (i < n && (c >= 128 || !SPECIAL[c]));
    } else if (c === NL) {
      lineStart = true;
      i++;
    } else if (c === HASH) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
    } else if (c === SQUOTE || c === DQUOTE) {
      i = skipString(text, i, 0);
    } else if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === NL || (next === CR && text.charCodeAt(i + 2) === NL)) continued = true;
      i++;
    } else {
      if (c === LPAREN || c === LBRACKET || c === LBRACE) depth++;
      else if ((c === RPAREN || c === RBRACKET || c === RBRACE) && depth > 0) depth--;
      i++;
    }
  }
  return lineOpen;
}

/** The spans from the lexer's offsets (out of the loop's function, for the reason given there). */
function spansFrom(text: string, from: number, kept: Kept): StatementSpans {
  const n = text.length;
  const { starts, lineStarts, lineEnds, lineColumns } = kept;
  // Rows of the entries lexed from `from` (on row kept.row); those kept have theirs.
  const rowLists = rowsOf(text, [starts.slice(kept.rows.length), lineStarts.slice(kept.lineRows.length), lineEnds.slice(kept.endRows.length), [n]], from, kept.row);
  return {
    starts, rows: kept.rows.concat(rowLists[0]), length: n, endRow: rowLists[3][0], endColumn: n - (text.lastIndexOf('\n') + 1),
    lines: { starts: lineStarts, ends: lineEnds, rows: kept.lineRows.concat(rowLists[1]), columns: lineColumns, endRows: kept.endRows.concat(rowLists[2]) },
  };
}

/** The rows (0-based lines) of several lists of increasing offsets, counted in one pass over the newlines. */
function rowsOf(text: string, lists: number[][], from: number, fromRow: number): number[][] {
  const out = lists.map(() => [] as number[]);
  const next = lists.map(() => 0);
  let row = fromRow;
  let nl = text.indexOf('\n', from);
  for (;;) {
    // Every offset before the next newline is on this row.
    const limit = nl === -1 ? Infinity : nl;
    for (let k = 0; k < lists.length; k++) {
      const list = lists[k];
      while (next[k] < list.length && list[next[k]] <= limit) out[k].push(row), next[k]++;
    }
    if (nl === -1) return out;
    row++;
    nl = text.indexOf('\n', nl + 1);
  }
}

/** Index of the simple logical line holding `offset`, or -1 (a compound header, a comment, between lines). */
export function lineIndexAt(spans: StatementSpans, offset: number): number {
  const { starts, ends } = spans.lines;
  if (starts.length === 0 || offset < starts[0]) return -1;
  const l = lastAtOrBefore(starts, offset);
  return offset < ends[l] ? l : -1;
}

/** The tree-sitter included range of one simple logical line. */
export function rangeOfLine(spans: StatementSpans, l: number): Parser.Range {
  const { starts, ends, rows, columns, endRows } = spans.lines;
  const atEnd = ends[l] >= spans.length;
  return {
    startIndex: starts[l],
    endIndex: ends[l],
    startPosition: { row: rows[l], column: columns[l] },
    endPosition: atEnd ? { row: spans.endRow, column: spans.endColumn } : { row: endRows[l], column: 0 },
  };
}

/** Index of the span holding `offset` (the last span for offsets at or past the end). */
export function spanIndexAt(spans: StatementSpans, offset: number): number {
  return lastAtOrBefore(spans.starts, offset);
}

/**
 * tree-sitter included ranges covering the given spans (indexes, any order), adjacent spans
 * merged into one range. Rows and columns are in UTF-16 units, as web-tree-sitter counts them.
 */
export function rangesOfSpans(spans: StatementSpans, indexes: Iterable<number>): Parser.Range[] {
  const sorted = [...new Set(indexes)].filter((k) => k >= 0 && k < spans.starts.length).sort((a, b) => a - b);
  const ranges: Parser.Range[] = [];
  for (let k = 0; k < sorted.length; k++) {
    const first = sorted[k];
    while (k + 1 < sorted.length && sorted[k + 1] === sorted[k] + 1) k++;
    const last = sorted[k];
    const atEnd = last + 1 >= spans.starts.length;
    ranges.push({
      startIndex: spans.starts[first],
      endIndex: atEnd ? spans.length : spans.starts[last + 1],
      startPosition: { row: spans.rows[first], column: 0 },
      endPosition: atEnd ? { row: spans.endRow, column: spans.endColumn } : { row: spans.rows[last + 1], column: 0 },
    });
  }
  return ranges;
}

/** Included ranges covering every span that holds one of `offsets`. */
export function rangesForOffsets(spans: StatementSpans, offsets: Iterable<number>): Parser.Range[] {
  const indexes = new Set<number>();
  for (const offset of offsets) indexes.add(spanIndexAt(spans, offset));
  return rangesOfSpans(spans, indexes);
}
