// One parse per CI file text, shared by what reads it (its triggers, the folders its steps run in): a repository's
// workflows are in every project's scope, and a monorepo has hundreds of projects.
import { parseDocument, type Document } from 'yaml';

const parsed = new Map<string, Document | null>();

/** The YAML document of a CI file, or undefined when it does not parse cleanly. */
export function parsedWorkflow(text: string): Document | undefined {
  let doc = parsed.get(text);
  if (doc === undefined) {
    if (parsed.size >= 256) parsed.clear();
    try {
      const d = parseDocument(text, { logLevel: 'silent' });
      doc = d.errors.length ? null : d;
    } catch {
      doc = null;
    }
    parsed.set(text, doc);
  }
  return doc ?? undefined;
}

/** `text` with each [start, end) range blanked to spaces, newlines and offsets kept (so line numbers stay right). */
export function blankRanges(text: string, ranges: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  // In any order, overlapping or nested: each character is blanked once.
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from) + text.slice(from, end).replace(/[^\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}
