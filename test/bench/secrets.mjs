// Generated fake credentials planted in the benchmark tree, and placeholders that must NOT be reported.
// Values are random per seed, never real, and never printed: the bench reports file:line and counts only.
import { ALNUM, BASE32, DIGITS, HEX, UPPER, URLSAFE } from './random.mjs';

/** Runs of one character or test words would make a real-looking key read as a placeholder. */
const PLACEHOLDERISH = /example|sample|dummy|fake|test|placeholder|abcdef|12345|01234|qwerty|your|redacted|(.)\1{3}/i;

function clean(rng, make) {
  for (;;) {
    const v = make(rng);
    if (!PLACEHOLDERISH.test(v)) return v;
  }
}

const LETTERS = UPPER + UPPER.toLowerCase();

/** Key shapes (provider formats as documented; see shared/reference/standards.md). */
const KINDS = [
  { provider: 'OpenAI', env: 'OPENAI_API_KEY', make: (r) => `sk-proj-${r.chars(URLSAFE, 74)}T3BlbkFJ${r.chars(URLSAFE, 74)}` },
  { provider: 'Anthropic', env: 'ANTHROPIC_API_KEY', make: (r) => `sk-ant-api03-${r.chars(URLSAFE, 93)}AA` },
  { provider: 'Hugging Face', env: 'HF_TOKEN', make: (r) => `hf_${r.chars(LETTERS, 34)}` },
  { provider: 'AWS', env: 'AWS_ACCESS_KEY_ID', make: (r) => `AKIA${r.chars(BASE32, 16)}` },
  { provider: 'GitHub', env: 'GITHUB_TOKEN', make: (r) => `ghp_${r.chars(ALNUM, 36)}` },
  { provider: 'Slack', env: 'SLACK_BOT_TOKEN', make: (r) => `xoxb-${r.between(1, 9)}${r.chars(DIGITS, 11)}-${r.between(1, 9)}${r.chars(DIGITS, 12)}-${r.chars(ALNUM, 24)}` },
  { provider: 'Google', env: 'GOOGLE_API_KEY', make: (r) => `AIzaSy${r.chars(URLSAFE, 33)}` },
  { provider: 'Groq', env: 'GROQ_API_KEY', make: (r) => `gsk_${r.chars(ALNUM, 52)}` },
  { provider: 'LangSmith', env: 'LANGSMITH_API_KEY', make: (r) => `lsv2_pt_${r.chars(HEX, 32)}_${r.chars(HEX, 10)}` },
  { provider: 'Stripe', env: 'STRIPE_SECRET_KEY', make: (r) => `sk_live_${r.chars(ALNUM, 99)}` },
];

/** Lines that look like credentials but are documentation: a good tool stays quiet. */
const PLACEHOLDER_LINES = [
  (q) => `OPENAI_API_KEY = ${q}sk-your-key-here${q}`,
  (q) => `api_key = ${q}<YOUR_API_KEY>${q}`,
  (q) => `HF_TOKEN = ${q}hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx${q}`,
  (q) => `aws_access_key_id = ${q}AKIAIOSFODNN7EXAMPLE${q}`,
  (q) => `ANTHROPIC_API_KEY = ${q}sk-ant-...${q}`,
  (q) => `token = ${q}REPLACE_ME${q}`,
];

/** One planted secret as a line of Python / YAML / notebook output, with what it is (value kept in memory only). */
export function plantedSecret(rng, style) {
  const kind = KINDS[rng.int(KINDS.length)];
  const value = clean(rng, kind.make);
  switch (style) {
    case 'yaml': return { provider: kind.provider, line: `${kind.env.toLowerCase()}: "${value}"` };
    case 'output': return { provider: kind.provider, line: `Using key ${value} for the run` };
    default: return { provider: kind.provider, line: `${kind.env} = "${value}"` };
  }
}

export function placeholderLine(rng, style) {
  const q = '"';
  const line = PLACEHOLDER_LINES[rng.int(PLACEHOLDER_LINES.length)](q);
  return style === 'yaml' ? line.replace(/^(\w+) = /, (_, k) => `${k.toLowerCase()}: `) : line;
}
