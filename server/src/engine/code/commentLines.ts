// Where comments are, and where statements end, in any source or config text, without a parser: what an
// `ai-preflight-ignore:` suppression needs. A marker counts only inside a comment (`#`, `//`, `/*`, `<!--`),
// not inside a string literal; a comment on a line of its own covers the whole statement below it, so a
// finding on the third line of a multi-line call is suppressed by the comment above the call.
//
// One pass over the lines keeps the state that crosses lines (triple-quoted strings, template literals,
// block comments). Notebooks are JSON whose code lines are JSON strings: those lines are decoded first.

export interface LineComment {
  /** Column (in the raw line) where the comment starts. */
  column: number;
  /** Nothing but blanks before the comment: it speaks about the statement below. */
  ownLine: boolean;
}

interface LineInfo { comment?: LineComment; depth: number; open: boolean }

// A quote opens a string after a non-word character, or after a Python string prefix (r"", f'', rb"").
const STRING_PREFIX = /(^|[^\w])(r|u|b|f|br|rb|fr|rf)$/i;
// Keep statement look-ups bounded: a suppression never reaches further than this below its comment.
const MAX_STATEMENT_LINES = 200;

export class CommentLines {
  private readonly info: LineInfo[];

  constructor(private readonly lines: readonly string[]) {
    const notebook = /^\s*\{/.test(lines[0] ?? '') && lines.some((l) => l.includes('"cell_type"'));
    this.info = scanLines(lines, notebook);
  }

  static of(text: string): CommentLines {
    return new CommentLines(text.split('\n'));
  }

  /** The comment on line `index` (0-based), if it has one outside strings. */
  comment(index: number): LineComment | undefined {
    return this.info[index]?.comment;
  }

  /**
   * Last line (0-based) of the statement starting on line `first` (0-based): brackets opened from there are
   * closed, no string or block comment is left open, no `\` continuation. Comment-only lines before the
   * statement are skipped; a blank line ends it.
   */
  statementEnd(first: number): number {
    let i = first;
    while (i < this.lines.length && this.info[i].comment?.ownLine && !this.info[i].open) i++;
    let depth = 0;
    for (let j = i; j < this.lines.length && j < first + MAX_STATEMENT_LINES; j++) {
      if (!this.lines[j].trim()) return Math.max(first, j - 1);
      depth += this.info[j].depth;
      if (depth <= 0 && !this.info[j].open && !/\\\s*$/.test(this.lines[j])) return j;
    }
    return Math.min(this.lines.length - 1, Math.max(first, i));
  }
}

/** A notebook's code line `    "x = f(a,  # note\n",` as the code it holds, and where that code starts in the raw line. */
function decodeNotebookLine(raw: string): { code: string; rawColumn: (c: number) => number } | undefined {
  const m = /^(\s*)"((?:[^"\\]|\\.)*)"(\s*,)?\s*$/.exec(raw);
  if (!m) return undefined;
  let code: string;
  try {
    code = JSON.parse(`"${m[2]}"`) as string;
  } catch {
    return undefined;
  }
  const start = m[1].length + 1;
  return { code: code.replace(/\r?\n$/, ''), rawColumn: (c) => start + JSON.stringify(code.slice(0, c)).length - 2 };
}

function scanLines(lines: readonly string[], notebook: boolean): LineInfo[] {
  // State carried across lines: an open triple-quoted string or template literal, or a block comment.
  let carried: string | undefined;
  const out: LineInfo[] = [];
  for (const raw of lines) {
    const decoded = notebook ? decodeNotebookLine(raw) : undefined;
    const line = decoded?.code ?? raw;
    const toRaw = decoded?.rawColumn ?? ((c: number) => c);
    let quote = carried;
    let depth = 0;
    // A line that starts inside a block comment is all comment.
    let comment: LineComment | undefined = quote === '*/' ? { column: toRaw(line.search(/\S|$/)), ownLine: true } : undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote === '*/') {
        if (line.startsWith('*/', i)) { quote = undefined; i++; }
        continue;
      }
      if (quote) {
        if (c === '\\') { i++; continue; }
        if (line.startsWith(quote, i)) { i += quote.length - 1; quote = undefined; }
        continue;
      }
      if (c === '"' || c === "'" || c === '`') {
        if (c !== '`' && /\w/.test(line[i - 1] ?? '') && !STRING_PREFIX.test(line.slice(Math.max(0, i - 3), i))) continue; // an apostrophe in a word
        quote = c !== '`' && line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
        i += quote.length - 1;
      } else if (line.startsWith('/*', i)) {
        comment ??= { column: toRaw(i), ownLine: line.slice(0, i).trim() === '' };
        quote = '*/';
        i++;
      } else if (c === '#' || line.startsWith('//', i) || line.startsWith('<!--', i)) {
        comment ??= { column: toRaw(i), ownLine: line.slice(0, i).trim() === '' };
        break; // the rest of the line is comment
      } else if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
    }
    // Single-quoted strings end with their line; multi-line ones (''' """ `) and block comments go on.
    carried = quote && (quote.length === 3 || quote === '`' || quote === '*/') ? quote : undefined;
    out.push({ comment, depth, open: carried !== undefined });
  }
  return out;
}

/**
 * The text with every comment blanked (spaces, same length and line breaks, so offsets and lines still hold):
 * what a pattern that must not count comments searches. From a comment's start the rest of its line is blanked.
 */
export function blankComments(text: string): string {
  const lines = text.split('\n');
  const comments = new CommentLines(lines);
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const c = comments.comment(i);
    if (!c) continue;
    const line = lines[i];
    const end = line.endsWith('\r') ? line.length - 1 : line.length;
    lines[i] = line.slice(0, c.column) + ' '.repeat(Math.max(0, end - c.column)) + line.slice(end);
    changed = true;
  }
  return changed ? lines.join('\n') : text;
}
