// Candidate search: a regular expression over the text finds the few places a rule cares about,
// and the syntax tree then confirms each one. Walking every node through the wasm boundary costs
// ~100 ms on a 2,000-line file; this keeps a re-check after an edit to a few milliseconds.
import type { SyntaxNode } from './parsers';
import { filterOf, mayMatch } from '../rules/requiredLiterals';

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Offsets of matches of `pattern` (global) in the text, at the start of capture group `group` (or the match). */
export function matchOffsets(text: string, pattern: RegExp, group = 0): { index: number; match: RegExpExecArray }[] {
  const out: { index: number; match: RegExpExecArray }[] = [];
  if (!mayMatch(filterOf(pattern), text)) return out;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    out.push({ index: group ? m.index + m[0].indexOf(m[group]) : m.index, match: m });
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return out;
}

/** The smallest node covering [start, end). */
export function nodeAt(root: SyntaxNode, start: number, end = start + 1): SyntaxNode {
  return root.descendantForIndex(start, Math.max(start, end - 1));
}

