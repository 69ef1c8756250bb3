// `ai-preflight explain <id>`: the rule's own data, in words.
import { loadBuiltinChecks } from '../engine/rules/loadChecks';
import { codeRules } from '../engine/rules/codeRules';
import { wrap as wrapLines } from './wrap';

const wrap = (text: string) => wrapLines(text.replace(/\s+/g, ' ').trim(), '  ', '  ', 96).join('\n');

export function explain(id: string): string | undefined {
  const def = loadBuiltinChecks().find((d) => d.id === id);
  const code = codeRules().get(id);
  if (!def && !code) return undefined;
  const lines: string[] = [];
  if (def) {
    lines.push(`${def.id}: ${def.title}  (pillar: ${def.pillar}${def.appliesTo ? `; applies to ${def.appliesTo.join(', ')}` : ''})`, '');
    lines.push(`Severity by stage: poc ${def.severity.poc}, pilot ${def.severity.pilot}, production ${def.severity.production}`, '');
    lines.push('Why it matters:', wrap(def.why), '');
    lines.push('What counts:', wrap(def.looksFor), '');
    if (def.notEnough) lines.push('Not enough on its own:', wrap(def.notEnough), '');
    lines.push('How to fix:', wrap(def.fix), '');
    lines.push(`Docs: ${def.docs}`);
    if (def.codeLevel) lines.push('', 'Also reported at the exact line as a code-level finding.');
  } else if (code) {
    lines.push(`${code.id}: ${code.title}  (code-level rule)`, '');
    lines.push(`Severity by stage: poc ${code.severity.poc}, pilot ${code.severity.pilot}, production ${code.severity.production}`, '');
    lines.push(`Docs: ${code.docsUrl}`);
  }
  lines.push('', 'Suppress one finding with a comment on its line or the line above:', `  # ai-preflight-ignore: ${id} <reason>`);
  return lines.join('\n') + '\n';
}
