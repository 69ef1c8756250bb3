// Fake credentials generated at test time in each provider's real format (random characters from
// the right alphabet, right length, infix/suffix). Never real keys; never printed in full.
import * as assert from 'assert';
import { randomInt, randomUUID } from 'crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
const URLSAFE = ALNUM + '_-';
const LETTERS = UPPER + LOWER;
const HEX = '0123456789abcdef';
const BASE32 = UPPER + '234567';

/**
 * A random real key can, very rarely, contain a word the detector treats as a placeholder marker
 * ("test", "12345", a run of one character). Regenerate those so tests never flake.
 */
const LOOKS_LIKE_PLACEHOLDER = /example|sample|dummy|fake|test|placeholder|abcdef|12345|01234|qwerty|your|redacted|(.)\1{3}/i;

export function random(alphabet: string, n: number): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
    if (!LOOKS_LIKE_PLACEHOLDER.test(s)) return s;
  }
}
const digits = (n: number) => String(1 + randomInt(9)) + random(DIGITS, n - 1);

/** Whole keys are checked too: segments generated apart can meet in a marker (`…1-2345…`). */
function realistic(make: () => string): () => string {
  return () => {
    for (;;) {
      const k = make();
      if (!LOOKS_LIKE_PLACEHOLDER.test(k.replace(/^https:\/\/hooks\.slack\.com\/services\//, ''))) return k;
    }
  };
}

export interface FakeKey {
  provider: string;
  rule: string;
  /** Shape written independently of the detector, to check the generator itself. */
  shape: RegExp;
  make: () => string;
  /** The visible prefix expected in the mask. */
  prefix: string;
}

/** Keys found by format alone, wherever they appear. */
export const PROVIDER_KEYS: FakeKey[] = [
  { provider: 'OpenAI', rule: 'openai-api-key', prefix: 'sk-proj-', shape: /^sk-proj-[\w-]{74}T3BlbkFJ[\w-]{74}$/, make: () => `sk-proj-${random(URLSAFE, 74)}T3BlbkFJ${random(URLSAFE, 74)}` },
  { provider: 'OpenAI', rule: 'openai-api-key', prefix: 'sk-svcacct-', shape: /^sk-svcacct-[\w-]{58}T3BlbkFJ[\w-]{58}$/, make: () => `sk-svcacct-${random(URLSAFE, 58)}T3BlbkFJ${random(URLSAFE, 58)}` },
  { provider: 'OpenAI', rule: 'openai-api-key', prefix: 'sk-admin-', shape: /^sk-admin-[\w-]{58}T3BlbkFJ[\w-]{58}$/, make: () => `sk-admin-${random(URLSAFE, 58)}T3BlbkFJ${random(URLSAFE, 58)}` },
  { provider: 'OpenAI', rule: 'openai-api-key', prefix: 'sk-', shape: /^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$/, make: () => `sk-${random(ALNUM, 20)}T3BlbkFJ${random(ALNUM, 20)}` },
  { provider: 'Anthropic', rule: 'anthropic-api-key', prefix: 'sk-ant-api03-', shape: /^sk-ant-api03-[\w-]{93}AA$/, make: () => `sk-ant-api03-${random(URLSAFE, 93)}AA` },
  { provider: 'Anthropic', rule: 'anthropic-api-key', prefix: 'sk-ant-admin01-', shape: /^sk-ant-admin01-[\w-]{93}AA$/, make: () => `sk-ant-admin01-${random(URLSAFE, 93)}AA` },
  { provider: 'Hugging Face', rule: 'huggingface-token', prefix: 'hf_', shape: /^hf_[A-Za-z]{34}$/, make: () => `hf_${random(LETTERS, 34)}` },
  { provider: 'Hugging Face', rule: 'huggingface-token', prefix: 'api_org_', shape: /^api_org_[A-Za-z]{34}$/, make: () => `api_org_${random(LETTERS, 34)}` },
  { provider: 'Google', rule: 'google-api-key', prefix: 'AIza', shape: /^AIza[\w-]{35}$/, make: () => `AIzaSy${random(URLSAFE, 33)}` },
  { provider: 'Google', rule: 'google-oauth-client-secret', prefix: 'GOCSPX-', shape: /^GOCSPX-[\w-]{28}$/, make: () => `GOCSPX-${random(URLSAFE, 28)}` },
  { provider: 'AWS', rule: 'aws-access-key-id', prefix: 'AKIA', shape: /^AKIA[A-Z2-7]{16}$/, make: () => `AKIA${random(BASE32, 16)}` },
  { provider: 'AWS', rule: 'aws-access-key-id', prefix: 'ASIA', shape: /^ASIA[A-Z2-7]{16}$/, make: () => `ASIA${random(BASE32, 16)}` },
  { provider: 'Azure', rule: 'azure-ai-services-key', prefix: '', shape: /^[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{18}ACOG[A-Za-z0-9]{4}$/, make: () => `${random(ALNUM, 52)}JQQJ99${random(ALNUM, 18)}ACOG${random(ALNUM, 4)}` },
  { provider: 'Groq', rule: 'groq-api-key', prefix: 'gsk_', shape: /^gsk_[A-Za-z0-9]{52}$/, make: () => `gsk_${random(ALNUM, 52)}` },
  { provider: 'Replicate', rule: 'replicate-api-token', prefix: 'r8_', shape: /^r8_[A-Za-z0-9]{37}$/, make: () => `r8_${random(ALNUM, 37)}` },
  { provider: 'LangSmith', rule: 'langsmith-api-key', prefix: 'lsv2_pt_', shape: /^lsv2_pt_[a-f0-9]{32}_[a-f0-9]{10}$/, make: () => `lsv2_pt_${random(HEX, 32)}_${random(HEX, 10)}` },
  { provider: 'LangSmith', rule: 'langsmith-api-key', prefix: 'lsv2_sk_', shape: /^lsv2_sk_[a-f0-9]{32}_[a-f0-9]{10}$/, make: () => `lsv2_sk_${random(HEX, 32)}_${random(HEX, 10)}` },
  { provider: 'Langfuse', rule: 'langfuse-secret-key', prefix: 'sk-lf-', shape: /^sk-lf-[0-9a-f-]{36}$/, make: () => `sk-lf-${randomUUID()}` },
  { provider: 'Pinecone', rule: 'pinecone-api-key', prefix: 'pcsk_', shape: /^pcsk_[A-Za-z0-9]{5}_[A-Za-z0-9]{63}$/, make: () => `pcsk_${random(ALNUM, 5)}_${random(ALNUM, 63)}` },
  { provider: 'GitHub', rule: 'github-token', prefix: 'ghp_', shape: /^ghp_[A-Za-z0-9]{36}$/, make: () => `ghp_${random(ALNUM, 36)}` },
  { provider: 'GitHub', rule: 'github-token', prefix: 'ghs_', shape: /^ghs_[A-Za-z0-9]{36}$/, make: () => `ghs_${random(ALNUM, 36)}` },
  { provider: 'GitHub', rule: 'github-fine-grained-pat', prefix: 'github_pat_', shape: /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/, make: () => `github_pat_${random(ALNUM, 22)}_${random(ALNUM, 59)}` },
  { provider: 'Slack', rule: 'slack-token', prefix: 'xoxb-', shape: /^xoxb-\d{12}-\d{13}-[A-Za-z0-9]{24}$/, make: () => `xoxb-${digits(12)}-${digits(13)}-${random(ALNUM, 24)}` },
  { provider: 'Slack', rule: 'slack-token', prefix: 'xoxp-', shape: /^xoxp-(?:\d+-){3}[a-f0-9]{32}$/, make: () => `xoxp-${digits(12)}-${digits(12)}-${digits(13)}-${random(HEX, 32)}` },
  { provider: 'Slack', rule: 'slack-token', prefix: 'xapp-', shape: /^xapp-1-A[A-Z0-9]{10}-\d{13}-[a-f0-9]{64}$/, make: () => `xapp-1-A${random(UPPER + DIGITS, 10)}-${digits(13)}-${random(HEX, 64)}` },
  { provider: 'Slack', rule: 'slack-webhook-url', prefix: 'https://hooks.slack.com/services/', shape: /^https:\/\/hooks\.slack\.com\/services\/T\w+\/B\w+\/\w{24}$/, make: () => `https://hooks.slack.com/services/T${random(UPPER + DIGITS, 8)}/B${random(UPPER + DIGITS, 10)}/${random(ALNUM, 24)}` },
  { provider: 'Perplexity', rule: 'perplexity-api-key', prefix: 'pplx-', shape: /^pplx-[A-Za-z0-9]{48}$/, make: () => `pplx-${random(ALNUM, 48)}` },
  { provider: 'Tavily', rule: 'tavily-api-key', prefix: 'tvly-dev-', shape: /^tvly-dev-[A-Za-z0-9]{32}$/, make: () => `tvly-dev-${random(ALNUM, 32)}` },
  { provider: 'Stripe', rule: 'stripe-live-key', prefix: 'sk_live_', shape: /^sk_live_[A-Za-z0-9]{99}$/, make: () => `sk_live_${random(ALNUM, 99)}` },
  { provider: 'OpenRouter', rule: 'openrouter-api-key', prefix: 'sk-or-v1-', shape: /^sk-or-v1-[a-f0-9]{64}$/, make: () => `sk-or-v1-${random(HEX, 64)}` },
  { provider: 'xAI', rule: 'xai-api-key', prefix: 'xai-', shape: /^xai-[A-Za-z0-9]{80}$/, make: () => `xai-${random(ALNUM, 80)}` },
].map((k) => ({ ...k, make: realistic(k.make) }));

/** Keys whose format is too plain to find alone: reported only under a name that says what they are. */
export const NAMED_KEYS: (FakeKey & { names: string[] })[] = [
  { provider: 'Azure', rule: 'azure-openai-api-key', prefix: '', names: ['AZURE_OPENAI_API_KEY', 'azure_cognitive_key', 'api-key', 'Ocp-Apim-Subscription-Key'], shape: /^[a-f0-9]{32}$/, make: () => random(HEX, 32) },
  { provider: 'AWS', rule: 'aws-secret-access-key', prefix: '', names: ['aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'secretAccessKey'], shape: /^[A-Za-z0-9/+]{40}$/, make: () => random(ALNUM + '/+', 40) },
  { provider: 'Cohere', rule: 'cohere-api-key', prefix: '', names: ['COHERE_API_KEY', 'CO_API_KEY', 'cohere_key'], shape: /^[A-Za-z0-9]{40}$/, make: () => random(ALNUM, 40) },
  { provider: 'Pinecone', rule: 'pinecone-api-key', prefix: '', names: ['PINECONE_API_KEY', 'pineconeApiKey'], shape: /^[0-9a-f-]{36}$/, make: () => randomUUID() },
  { provider: 'Mistral', rule: 'mistral-api-key', prefix: '', names: ['MISTRAL_API_KEY', 'mistral_key'], shape: /^[A-Za-z0-9]{32}$/, make: () => random(ALNUM, 32) },
  { provider: 'Together AI', rule: 'together-api-key', prefix: '', names: ['TOGETHER_API_KEY'], shape: /^[a-f0-9]{64}$/, make: () => random(HEX, 64) },
  { provider: 'DeepSeek', rule: 'deepseek-api-key', prefix: '', names: ['DEEPSEEK_API_KEY', 'DASHSCOPE_API_KEY'], shape: /^sk-[a-f0-9]{32}$/, make: () => `sk-${random(HEX, 32)}` },
  { provider: 'Weights & Biases', rule: 'wandb-api-key', prefix: '', names: ['WANDB_API_KEY'], shape: /^[a-f0-9]{40}$/, make: () => random(HEX, 40) },
].map((k) => ({ ...k, make: realistic(k.make) }));

/** Words the generic rule treats as stand-ins (rarely drawn at random, but never in a test). */
const GENERIC_STAND_IN = /none|null|todo|demo|here|mock|enter|change|lorem|insert|fixme|replace|default|secret|token|passw|apikey|wrong|invalid|bogus|^A[KSBC][IC]A/i;

/** A strong generic secret: 24 characters, all four classes. */
export function genericSecret(): string {
  for (;;) {
    const v = random(UPPER, 6) + random(DIGITS, 4) + random(LOWER, 6) + random('!@^&*+=', 2) + random(ALNUM, 6);
    if (!GENERIC_STAND_IN.test(v) && !LOOKS_LIKE_PLACEHOLDER.test(v)) return v;
  }
}

export function privateKeyPem(newline = '\n'): string {
  const lines: string[] = [];
  for (let i = 0; i < 12; i++) lines.push(random(ALNUM + '+/', 64));
  return ['-----BEGIN RSA PRIVATE KEY-----', ...lines, '-----END RSA PRIVATE KEY-----'].join(newline);
}

describe('secrets: test-time fake key generators', () => {
  it('produce every provider format they claim', () => {
    for (const k of [...PROVIDER_KEYS, ...NAMED_KEYS]) {
      for (let i = 0; i < 5; i++) assert.match(k.make(), k.shape, `${k.rule} generator`);
    }
  });
  it('produce a fresh key each time', () => {
    for (const k of PROVIDER_KEYS) assert.notStrictEqual(k.make(), k.make(), k.rule);
  });
});
