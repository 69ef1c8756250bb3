// The quick fix of a hard-coded secret in code: replace the quoted literal with an environment lookup
// (os.environ["X"] in Python, process.env.X in JS/TS), adding `import os` when the file lacks it.
// Offered only where the literal is a plain quoted string in code; config files and notebooks get none.
// The fix names its variable (`envVar`): whoever applies it adds that name, never the value, to .env.example
// (fixes/envExample.ts), looking at the disk when it applies rather than at scan time.
import type { TextFix } from '../types';

const ENV_BY_PROVIDER: Record<string, string> = {
  OpenAI: 'OPENAI_API_KEY', Anthropic: 'ANTHROPIC_API_KEY', 'Hugging Face': 'HF_TOKEN', Google: 'GOOGLE_API_KEY',
  AWS: 'AWS_ACCESS_KEY_ID', Azure: 'AZURE_OPENAI_API_KEY', Cohere: 'COHERE_API_KEY', Groq: 'GROQ_API_KEY',
  Replicate: 'REPLICATE_API_TOKEN', LangSmith: 'LANGSMITH_API_KEY', Langfuse: 'LANGFUSE_SECRET_KEY',
  Pinecone: 'PINECONE_API_KEY', GitHub: 'GITHUB_TOKEN', Slack: 'SLACK_TOKEN', Perplexity: 'PERPLEXITY_API_KEY',
  Stripe: 'STRIPE_API_KEY', Mistral: 'MISTRAL_API_KEY', 'Together AI': 'TOGETHER_API_KEY', OpenRouter: 'OPENROUTER_API_KEY',
  Tavily: 'TAVILY_API_KEY', xAI: 'XAI_API_KEY',
};

const PY = /\.py$/i;
const JS = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i;

/** An env var name: the provider's usual one, else the name the literal is assigned to, else SECRET. */
export function envNameFor(provider: string, lineText: string, column: number): string {
  const known = ENV_BY_PROVIDER[provider];
  if (known) return known;
  const before = lineText.slice(0, column);
  const m = /([A-Za-z_][A-Za-z0-9_]*)["']?\s*[:=]\s*["'`]?$/.exec(before);
  return m ? m[1].replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase() : 'SECRET';
}

export function secretFix(file: string, text: string, line: number, column: number, endLine: number, endColumn: number, provider: string): TextFix | undefined {
  const py = PY.test(file);
  if ((!py && !JS.test(file)) || line !== endLine) return undefined;
  const lines = text.split('\n');
  const lineText = lines[line - 1] ?? '';
  const quote = lineText[column - 1];
  if (!quote || !`"'${py ? '' : '`'}`.includes(quote) || lineText[endColumn] !== quote) return undefined;
  // A prefix (f-string, r-string, b-string) or an interpolated template would change meaning: no fix.
  if (py && /[A-Za-z]$/.test(lineText.slice(0, column - 1))) return undefined;
  if (quote === '`' && lineText.slice(column, endColumn).includes('${')) return undefined;
  const name = envNameFor(provider, lineText, column - 1);
  const lookup = py ? `os.environ["${name}"]` : `process.env.${name}`;
  const edits: TextFix['edits'] = [{ line, column: column - 1, endLine: line, endColumn: endColumn + 1, newText: lookup }];
  // Only a module-level `import os` (column 0) binds the name `os`; `from os import environ` does not.
  if (py && !/^(import\s+os\b|import\s+[\w., ]*\bos\b)/m.test(text)) {
    const at = importLine(lines);
    edits.unshift({ line: at, column: 0, endLine: at, endColumn: 0, newText: 'import os\n' });
  }
  return { title: `Read the secret from the environment (${lookup})`, edits, envVar: name };
}

const blankOrComment = (l: string) => l.trim() === '' || /^\s*#/.test(l);

/** Index of the line after the string statement starting at line `i` (a docstring), or `i` when none starts there. */
function afterDocstring(lines: string[], i: number): number {
  const m = /^[rRuU]?("""|'''|"|')/.exec(lines[i] ?? '');
  if (!m) return i;
  const quote = m[1];
  const start = m[0].length;
  if (lines[i].indexOf(quote, start) >= 0) return i + 1;
  if (quote.length === 1) return i;
  for (let j = i + 1; j < lines.length; j++) if (lines[j].includes(quote)) return j + 1;
  return i; // unterminated: leave the header alone
}

/** Index of the line after the statement starting at line `i`, following brackets and backslash continuations. */
function afterStatement(lines: string[], i: number): number {
  let depth = 0;
  for (let j = i; j < lines.length; j++) {
    const code = lines[j].replace(/#.*$/, '');
    for (const ch of code) depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth <= 0 && !/\\\s*$/.test(code)) return j + 1;
  }
  return lines.length;
}

/**
 * 1-based line where `import os` goes: after the header Python requires to come first (shebang, encoding and
 * other comments, the module docstring, `from __future__` imports), so before the first other statement.
 */
export function importLine(lines: string[]): number {
  let i = 0;
  while (i < lines.length && blankOrComment(lines[i])) i++;
  const doc = afterDocstring(lines, i);
  if (doc > i) {
    i = doc;
    while (i < lines.length && blankOrComment(lines[i])) i++;
  }
  while (/^from\s+__future__\s+import\b/.test(lines[i] ?? '')) {
    i = afterStatement(lines, i);
    while (i < lines.length && blankOrComment(lines[i])) i++;
  }
  return i + 1;
}
