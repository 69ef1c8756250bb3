// Blanks what a content pattern must not read in Python or JS/TS source: comments and, on request, string
// literals that read as prose. Unlike commentLines' language-blind scan (which also serves YAML, shell and
// Markdown), it knows each language's syntax: `#` opens a Python comment but is a private name in JS
// (`this.#queue`), `//` is Python's floor division, and a JS regex literal may hold `/*` or a quote without
// opening a comment or a string. Blanked characters become spaces; line breaks stay, so offsets and lines hold.
import { extOf } from '../workspace/paths';

export type SourceSyntax = 'python' | 'js';

export interface BlankOptions {
  /** Blank comments (the default). */
  comments?: boolean;
  /**
   * Also blank string literals holding whitespace: a log line, a UI label, a prompt or a docstring is prose about
   * the code, not the code; a string without whitespace (`"human_review"`, a node or tool name) stays.
   */
  proseStrings?: boolean;
}

export function sourceSyntaxOf(rel: string): SourceSyntax | undefined {
  switch (extOf(rel)) {
    case '.py': return 'python';
    case '.js': case '.mjs': case '.cjs': case '.jsx': case '.ts': case '.mts': case '.cts': case '.tsx': return 'js';
    default: return undefined;
  }
}

/** A span to blank: [start, end). */
type Span = [number, number];

export function blankSource(text: string, syntax: SourceSyntax, opts: BlankOptions = {}): string {
  const spans: Span[] = [];
  const scanner = syntax === 'python' ? scanPython : scanJs;
  scanner(text, (start, end, kind) => {
    if (end <= start) return;
    if ((kind === 'comment' && opts.comments !== false) || (kind === 'string' && opts.proseStrings && /\s/.test(text.slice(start, end)))) spans.push([start, end]);
  });
  if (!spans.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    parts.push(text.slice(at, start), text.slice(start, end).replace(/[^\r\n]/g, ' '));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

type Emit = (start: number, end: number, kind: 'comment' | 'string') => void;

function lineEndFrom(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
}

/** End (exclusive) of a quoted string's content opened at `from` (just past the opening delimiter). */
function stringContentEnd(text: string, from: number, delimiter: string, multiLine: boolean): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') { j++; continue; }
    if (c === '\n' && !multiLine) return j;
    if (text.startsWith(delimiter, j)) return j;
  }
  return text.length;
}

function scanPython(text: string, emit: Emit): void {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      const end = lineEndFrom(text, i);
      emit(i, end, 'comment');
      i = end;
    } else if (c === '"' || c === "'") {
      const delimiter = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      const start = i + delimiter.length;
      const end = stringContentEnd(text, start, delimiter, delimiter.length === 3);
      emit(start, end, 'string');
      i = text.startsWith(delimiter, end) ? end + delimiter.length - 1 : end;
    }
  }
}

// After these a `/` starts a regex literal, not a division.
const REGEX_AFTER_PUNCT = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function scanJs(text: string, emit: Emit): void {
  // Brace depth at which each open template substitution (`${`) returns to its template literal.
  const substitutions: number[] = [];
  let depth = 0;
  // The last token outside comments: a punctuation character or a word; decides what a `/` starts.
  let last = '';
  let i = 0;
  if (text.startsWith('#!')) {
    i = lineEndFrom(text, 0);
    emit(0, i, 'comment');
  }
  const template = (from: number): number => {
    // Scans a template literal's text from `from`; returns where scanning goes on (past the closing backtick, or
    // inside a substitution).
    for (let j = from; j < text.length; j++) {
      const c = text[j];
      if (c === '\\') { j++; continue; }
      if (c === '`') { emit(from, j, 'string'); last = 'x'; return j + 1; }
      if (c === '$' && text[j + 1] === '{') {
        emit(from, j, 'string');
        substitutions.push(depth);
        depth++;
        last = '{';
        return j + 2;
      }
    }
    emit(from, text.length, 'string');
    return text.length;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (c === '/' && text[i + 1] === '/') {
      const end = lineEndFrom(text, i);
      emit(i, end, 'comment');
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      emit(i, end, 'comment');
      i = end;
    } else if (c === '/') {
      const end = REGEX_AFTER_PUNCT.has(last) || REGEX_AFTER_WORD.has(last) ? regexEnd(text, i) : -1;
      i = end < 0 ? i + 1 : end;
      last = end < 0 ? '/' : 'x';
    } else if (c === '"' || c === "'") {
      const end = stringContentEnd(text, i + 1, c, false);
      emit(i + 1, end, 'string');
      i = text[end] === c ? end + 1 : end;
      last = 'x';
    } else if (c === '`') {
      i = template(i + 1);
    } else if (/[\w$#]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[\w$#]/.test(text[j])) j++;
      last = text.slice(i, j);
      i = j;
    } else {
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (substitutions.length && substitutions[substitutions.length - 1] === depth) {
          substitutions.pop();
          i = template(i + 1);
          continue;
        }
      }
      last = c;
      i++;
    }
  }
}

/** End (exclusive, past its flags) of a regex literal starting at `from`, or -1 when none closes on its line. */
function regexEnd(text: string, from: number): number {
  let inClass = false;
  for (let j = from + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return -1;
    if (c === '\\') { j++; continue; }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      let k = j + 1;
      while (k < text.length && /\w/.test(text[k])) k++;
      return k;
    }
  }
  return -1;
}
