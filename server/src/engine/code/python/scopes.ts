// The blocks around an offset of Python text, found by indentation: the parse around a call covers only its
// statement, so its enclosing `def` or `class` is not in the tree. A string line indented less than its code
// (a flush-left docstring continuation) ends the search early: callers then see fewer enclosing blocks.

/** The header line of one enclosing block: where it starts, and its text from the first non-blank character. */
export interface BlockHeader {
  lineStart: number;
  header: string;
}

/** Enclosing block headers of the line holding `offset`, innermost first. */
export function* enclosingHeaders(text: string, offset: number): Generator<BlockHeader> {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let level = indentAt(text, lineStart);
  while (lineStart > 0 && level > 0) {
    const lineEnd = lineStart - 1;
    lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const indent = indentAt(text, lineStart);
    const first = text.charCodeAt(lineStart + indent);
    // Blank lines, comments and lines deeper than the current scope say nothing about it.
    if (indent >= level || lineStart + indent >= lineEnd || first === 0x23 /* # */ || first === 0x0d /* \r */) continue;
    // The closing bracket of a header split over lines (`class A(\n    Base,\n):`) belongs to that header.
    if (first === 0x29 /* ) */ || first === 0x5d /* ] */ || first === 0x7d /* } */) continue;
    level = indent;
    yield { lineStart, header: text.slice(lineStart + indent, lineStart + indent + 500) };
  }
}

const DEF_HEADER = /^(?:async\s+)?def\s+(\w+)/;
const CLASS_HEADER = /^class\s+(\w+)/;

/** The innermost enclosing function: its header's offset (-1 at module level) and name. */
export function enclosingFunction(text: string, offset: number): { start: number; name: string } {
  for (const { lineStart, header } of enclosingHeaders(text, offset)) {
    const def = DEF_HEADER.exec(header);
    if (def) return { start: lineStart, name: def[1] };
  }
  return { start: -1, name: '' };
}

/**
 * The text of the innermost function holding `offset` (its header to the next line indented no deeper), or the
 * whole text at module level.
 */
export function functionText(text: string, offset: number): string {
  const { start } = enclosingFunction(text, offset);
  if (start < 0) return text;
  const indent = indentAt(text, start);
  let lineStart = text.indexOf('\n', start) + 1;
  while (lineStart > 0 && lineStart < text.length) {
    const level = indentAt(text, lineStart);
    const first = text.charCodeAt(lineStart + level);
    // Blank and comment lines do not end the body.
    if (level <= indent && first !== 0x0a && first !== 0x0d && first !== 0x23 && lineStart + level < text.length) break;
    lineStart = text.indexOf('\n', lineStart) + 1;
  }
  return text.slice(start, lineStart > 0 ? lineStart : text.length);
}

/** The innermost enclosing class header's offset, -1 when none. */
export function enclosingClass(text: string, offset: number): number {
  for (const { lineStart, header } of enclosingHeaders(text, offset)) {
    if (CLASS_HEADER.test(header)) return lineStart;
  }
  return -1;
}

/** True when an enclosing class derives from a base whose name matches `base` (`/\w*Materializer\b/`). */
export function inClassDerivedFrom(text: string, offset: number, base: RegExp): boolean {
  for (const { header } of enclosingHeaders(text, offset)) {
    const bases = /^class\s+\w+\s*\(([^)]{0,400})\)/.exec(header);
    if (bases && base.test(bases[1])) return true;
  }
  return false;
}

function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
  return i - lineStart;
}
