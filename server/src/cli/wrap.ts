// Word-wrapping for the CLI's prose (the text report and `explain`).

/** Wraps prose at `width` columns with a first-line and a hanging indent. */
export function wrap(text: string, first: string, rest: string, width = 100): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = first;
  for (const w of words) {
    const lead = lines.length ? rest : first;
    if (line.length > lead.length && line.length + 1 + w.length > width) {
      lines.push(line);
      line = rest + w;
    } else {
      line += (line.length > lead.length ? ' ' : '') + w;
    }
  }
  lines.push(line);
  return lines;
}
