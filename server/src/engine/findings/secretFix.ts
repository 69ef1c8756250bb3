// The quick fix of a hard-coded secret in code: replace the quoted literal with an environment lookup
// (os.environ["X"] in Python, process.env.X in JS/TS), adding `import os` when the file lacks it.
// Offered only where the literal is a plain quoted string in code; config files and notebooks get none.
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
  if (py && !/^\s*(import\s+os\b|import\s+[\w., ]*\bos\b|from\s+os\s+import\b)/m.test(text)) {
    const at = importLine(lines);
    edits.unshift({ line: at, column: 0, endLine: at, endColumn: 0, newText: 'import os\n' });
  }
  return { title: `Read the secret from the environment (${lookup})`, edits };
}

/** 1-based line where `import os` goes: before the first import, else after a shebang/encoding/docstring header. */
function importLine(lines: string[]): number {
  const first = lines.findIndex((l) => /^(import|from)\s/.test(l) && !/^from\s+__future__\s/.test(l));
  if (first >= 0) return first + 1;
  let i = 0;
  while (i < lines.length && (/^#/.test(lines[i]) || lines[i].trim() === '')) i++;
  return i + 1;
}
