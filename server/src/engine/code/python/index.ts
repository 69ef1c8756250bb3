// All code-level rules over one Python text (a .py file, or the code cells of a notebook joined).
import { parseText, type SyntaxNode, type Tree } from '../parsers';
import type { RawFinding } from '../finding';
import { messages } from '../messages';
import { personalPathSpans } from '../paths';
import { analysePython, isBareStringStatement, nodeAt, type PyFile } from './context';
import { deserializationFindings, trustRemoteCodeFindings } from './loading';
import { pinningFindings } from './pinning';
import { timeoutFindings } from './timeouts';

function personalPathFindings(file: PyFile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const span of personalPathSpans(file.text)) {
    let str: SyntaxNode | null = nodeAt(file.root, span.start);
    while (str && str.type !== 'string' && (str.type === 'string_content' || str.type === 'escape_sequence' || str.type === 'string_start')) str = str.parent;
    // only inside a real string literal; docstrings and commented-out blocks are not code
    if (str?.type !== 'string' || span.end > str.endIndex || isBareStringStatement(str)) continue;
    out.push({ ruleId: 'local-absolute-path', message: messages.personalPath(span.path), start: span.start, end: Math.min(span.end, str.endIndex - 1) });
  }
  return out;
}

export function checkPython(text: string, cacheKey: string | undefined, defaultTimeout: number): RawFinding[] {
  // Parsed only when a rule's text search finds a candidate to verify.
  let tree: Tree | undefined;
  try {
    const file = analysePython(text, () => (tree ??= parseText('python', text, cacheKey)).rootNode);
    return [
      ...timeoutFindings(file, defaultTimeout),
      ...pinningFindings(file),
      ...trustRemoteCodeFindings(file),
      ...deserializationFindings(file),
      ...personalPathFindings(file),
    ];
  } finally {
    if (tree && cacheKey === undefined) tree.delete();
  }
}
