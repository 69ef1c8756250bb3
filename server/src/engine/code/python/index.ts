// All code-level rules over one Python text (a .py file, or the code cells of a notebook joined).
import { parseText } from '../parsers';
import type { RawFinding } from '../finding';
import { messages } from '../messages';
import { personalPathSpans } from '../paths';
import { analysePython, isBareStringStatement, type PyFile } from './context';
import { deserializationFindings, trustRemoteCodeFindings } from './loading';
import { pinningFindings } from './pinning';
import { timeoutFindings } from './timeouts';

function personalPathFindings(file: PyFile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const str of file.root.descendantsOfType('string')) {
    if (isBareStringStatement(str)) continue; // docstrings and commented-out blocks are not code
    for (const span of personalPathSpans(str.text)) {
      out.push({
        ruleId: 'local-absolute-path', message: messages.personalPath(span.path),
        start: str.startIndex + span.start, end: str.startIndex + span.end,
      });
    }
  }
  return out;
}

export function checkPython(text: string, cacheKey: string | undefined, defaultTimeout: number): RawFinding[] {
  const tree = parseText('python', text, cacheKey);
  try {
    const file = analysePython(tree.rootNode);
    return [
      ...timeoutFindings(file, defaultTimeout),
      ...pinningFindings(file),
      ...trustRemoteCodeFindings(file),
      ...deserializationFindings(file),
      ...personalPathFindings(file),
    ];
  } finally {
    if (cacheKey === undefined) tree.delete();
  }
}
