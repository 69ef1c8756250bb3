// All code-level rules over one Python text (a .py file, or the code cells of a notebook joined).
import type { SyntaxNode } from '../parsers';
import type { RawFinding } from '../finding';
import { messages } from '../messages';
import { personalPathSpans } from '../paths';
import { analysePython, callCandidates, importOffsets, isBareStringStatement, type PyFile } from './context';
import { writeCandidates } from './artifacts';
import { deserializationFindings, LOAD_CALLS, trustRemoteCodeFindings, trustRemoteCodeOffsets } from './loading';
import { aliasCandidates, HUB_CALLS, pinningFindings } from './pinning';
import { PySyntax } from './syntax';
import { timeoutCallNames, timeoutFindings, timeoutKeywordCandidates } from './timeouts';

const personalPaths = (file: PyFile) => file.search('personal-paths', personalPathSpans);

function personalPathFindings(file: PyFile): RawFinding[] {
  const out: RawFinding[] = [];
  // One finding per string: a captured stack trace names the same home folder in every frame.
  const reported = new Set<number>();
  for (const span of personalPaths(file)) {
    let str: SyntaxNode | null = file.nodeAt(span.start);
    while (str && str.type !== 'string' && (str.type === 'string_content' || str.type === 'escape_sequence' || str.type === 'string_start')) str = str.parent;
    // only inside a real string literal; docstrings and commented-out blocks are not code
    if (str?.type !== 'string' || span.end > str.endIndex || isBareStringStatement(str) || reported.has(str.startIndex)) continue;
    reported.add(str.startIndex);
    out.push({ ruleId: 'local-absolute-path', message: messages.personalPath(span.path), start: span.start, end: Math.min(span.end, str.endIndex - 1) });
  }
  return out;
}

/**
 * Every offset the rules verify in the tree, from their own text searches (memoised on the file, so
 * the rules re-use them): parsed together in one pass at the first lookup. Import lines come along
 * because most verifications resolve a callee through the imports.
 */
function ruleCandidates(file: PyFile): number[] {
  const offsets: number[] = [];
  for (const names of [timeoutCallNames(file), HUB_CALLS, LOAD_CALLS]) {
    for (const c of callCandidates(file, names)) offsets.push(c.start);
  }
  for (const c of timeoutKeywordCandidates(file)) offsets.push(c.start);
  // A load is compared with the saves and downloads before it.
  if (callCandidates(file, LOAD_CALLS).length) offsets.push(...writeCandidates(file));
  for (const c of aliasCandidates(file)) offsets.push(c.index);
  for (const s of personalPaths(file)) offsets.push(s.start);
  offsets.push(...trustRemoteCodeOffsets(file));
  if (offsets.length) offsets.push(...importOffsets(file));
  return offsets;
}

export function checkPython(text: string, cacheKey: string | undefined, defaultTimeout: number): RawFinding[] {
  // Parsed only when a rule's text search finds a candidate to verify, and then only the statements holding one.
  const syntax = new PySyntax(text, cacheKey, () => ruleCandidates(file));
  const file = analysePython(text, syntax);
  try {
    return [
      ...timeoutFindings(file, defaultTimeout),
      ...pinningFindings(file),
      ...trustRemoteCodeFindings(file),
      ...deserializationFindings(file),
      ...personalPathFindings(file),
    ];
  } finally {
    syntax.dispose();
  }
}
