// A last line of defence for free text we did not write (parser error messages quote their input):
// every secret the detector recognises is replaced by its masked form before the text leaves the engine.
import { findSecrets } from './index';

export function redactSecrets(text: string): string {
  const hits = findSecrets(text, '');
  if (hits.length === 0) return text;
  const lines = text.split('\n');
  // Right to left, so earlier columns stay valid.
  for (const h of [...hits].sort((a, b) => b.line - a.line || b.column - a.column)) {
    if (h.line !== h.endLine) {
      lines[h.line - 1] = lines[h.line - 1].slice(0, h.column) + h.masked;
      continue;
    }
    const l = lines[h.line - 1];
    lines[h.line - 1] = l.slice(0, h.column) + h.masked + l.slice(h.endColumn);
  }
  return lines.join('\n');
}
