// Provider-exact key formats (after secretlint, gitleaks and TruffleHog; see reference A.11).
// Each rule finds candidates with a prefix plus the maximal run of the key's alphabet (one greedy
// class, nothing after it, so matching is linear), then checks the exact format on that bounded token.

import { caseCounts } from './entropy';

export interface ProviderRule {
  rule: string;
  provider: string;
  /** Lower-case literals; the rule runs only when one occurs in the text. */
  keywords: string[];
  /** Global regex: provider prefix + greedy run of the key alphabet, with a left boundary. */
  find?: RegExp;
  /** Custom candidate finder for keys whose anchor is not at the start (Azure's infix). */
  scan?: (text: string) => { start: number; end: number }[];
  /** The exact format of the whole token. */
  format: RegExp;
  /** The random part whose entropy is measured (defaults to the whole token). */
  body?: (token: string) => string;
  minEntropy: number;
  /** Extra structural check. */
  accept?: (token: string) => boolean;
}

const afterPrefix = (re: RegExp) => (t: string) => t.replace(re, '');
const lastSegment = (t: string) => t.slice(t.lastIndexOf('-') + 1);

/** Random letter keys mix cases evenly; camelCase identifiers (hf_containerWrapper…) do not. */
const mixedCaseLetters = (t: string) => {
  const { upper, lower } = caseCounts(t);
  return upper >= 5 && lower >= 5;
};

/** Azure AI services (Cognitive/OpenAI/Speech) 84-char keys carry `JQQJ99` at 52 and `ACOG` at 76. */
function scanAzureIdentifiableKeys(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const isAlnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
  for (let p = text.indexOf('JQQJ99'); p !== -1; p = text.indexOf('JQQJ99', p + 6)) {
    const start = p - 52;
    const end = start + 84;
    if (start < 0 || end > text.length) continue;
    if (isAlnum(text[start - 1]) || isAlnum(text[end])) continue;
    out.push({ start, end });
  }
  return out;
}

export const PROVIDER_RULES: ProviderRule[] = [
  {
    rule: 'openai-api-key', provider: 'OpenAI', keywords: ['t3blbkfj'],
    find: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]+/g,
    // T3BlbkFJ is base64 of "OpenAI": every OpenAI key carries it.
    format: /^sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,80}T3BlbkFJ[A-Za-z0-9_-]{20,80}$/,
    body: afterPrefix(/^sk-(?:(?:proj|svcacct|admin|None)-)?/), minEntropy: 3.5,
  },
  {
    rule: 'anthropic-api-key', provider: 'Anthropic', keywords: ['sk-ant-'],
    find: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]+/g,
    format: /^sk-ant-(?:api0\d|admin01)-[A-Za-z0-9_-]{80,120}AA$/,
    body: afterPrefix(/^sk-ant-[a-z0-9]+-/), minEntropy: 4.0,
  },
  {
    rule: 'huggingface-token', provider: 'Hugging Face', keywords: ['hf_', 'api_org_'],
    find: /(?<![A-Za-z0-9_-])(?:hf_|api_org_)[A-Za-z0-9]+/g,
    format: /^(?:hf_|api_org_)[A-Za-z]{34}$/,
    body: afterPrefix(/^(?:hf_|api_org_)/), minEntropy: 3.6, accept: mixedCaseLetters,
  },
  {
    rule: 'google-api-key', provider: 'Google', keywords: ['aiza'],
    find: /(?<![A-Za-z0-9_+/-])AIza[A-Za-z0-9_-]+/g,
    format: /^AIza[A-Za-z0-9_-]{35}$/, minEntropy: 4.0,
  },
  {
    rule: 'google-oauth-client-secret', provider: 'Google', keywords: ['gocspx-'],
    find: /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]+/g,
    format: /^GOCSPX-[A-Za-z0-9_-]{28}$/, body: afterPrefix(/^GOCSPX-/), minEntropy: 3.5,
  },
  {
    rule: 'aws-access-key-id', provider: 'AWS', keywords: ['akia', 'asia', 'abia', 'acca'],
    // Not the key id of a presigned S3 URL (`X-Amz-Credential=AKIA…`, `AWSAccessKeyId=AKIA…`): the URL carries a
    // signature that expires, and GitHub's attachment links pasted into docs all hold one of GitHub's key ids.
    find: /(?<![A-Za-z0-9_+/-])(?<!(?:X-Amz-Credential|AWSAccessKeyId)=)(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]+/g,
    // The 16 characters after the prefix are base32.
    format: /^(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/,
    body: afterPrefix(/^.{4}/), minEntropy: 2.6,
  },
  {
    rule: 'azure-ai-services-key', provider: 'Azure', keywords: ['jqqj99'],
    scan: scanAzureIdentifiableKeys,
    format: /^[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{18}ACOG[A-Za-z0-9]{4}$/, minEntropy: 4.0,
  },
  {
    rule: 'groq-api-key', provider: 'Groq', keywords: ['gsk_'],
    find: /(?<![A-Za-z0-9_-])gsk_[A-Za-z0-9]+/g,
    format: /^gsk_[A-Za-z0-9]{52}$/, body: afterPrefix(/^gsk_/), minEntropy: 4.0,
  },
  {
    rule: 'replicate-api-token', provider: 'Replicate', keywords: ['r8_'],
    find: /(?<![A-Za-z0-9_-])r8_[A-Za-z0-9_-]+/g,
    format: /^r8_[A-Za-z0-9_-]{37}$/, body: afterPrefix(/^r8_/), minEntropy: 3.8,
  },
  {
    rule: 'langsmith-api-key', provider: 'LangSmith', keywords: ['lsv2_'],
    find: /(?<![A-Za-z0-9_-])lsv2_[A-Za-z0-9_]+/g,
    format: /^lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}$/, body: afterPrefix(/^lsv2_.._/), minEntropy: 3.0,
  },
  {
    // pk-lf- keys are public by design; only the secret half is a finding.
    rule: 'langfuse-secret-key', provider: 'Langfuse', keywords: ['sk-lf-'],
    find: /(?<![A-Za-z0-9_-])sk-lf-[A-Za-z0-9-]+/g,
    format: /^sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    body: afterPrefix(/^sk-lf-/), minEntropy: 3.0,
  },
  {
    rule: 'pinecone-api-key', provider: 'Pinecone', keywords: ['pcsk_'],
    find: /(?<![A-Za-z0-9_-])pcsk_[A-Za-z0-9_]+/g,
    format: /^pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{40,90}$/, body: afterPrefix(/^pcsk_/), minEntropy: 4.0,
  },
  {
    rule: 'github-token', provider: 'GitHub', keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    find: /(?<![A-Za-z0-9_-])gh[pousr]_[A-Za-z0-9]+/g,
    format: /^gh[pousr]_[A-Za-z0-9]{36}$/, body: afterPrefix(/^gh._/), minEntropy: 3.5,
  },
  {
    rule: 'github-fine-grained-pat', provider: 'GitHub', keywords: ['github_pat_'],
    find: /(?<![A-Za-z0-9_-])github_pat_[A-Za-z0-9_]+/g,
    format: /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/, body: afterPrefix(/^github_pat_/), minEntropy: 4.0,
  },
  {
    rule: 'slack-token', provider: 'Slack', keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxe-', 'xoxr-', 'xapp-'],
    find: /(?<![A-Za-z0-9_-])(?:xox[bpaer]|xapp)-[A-Za-z0-9-]+/g,
    format: /^(?:xoxb-\d{8,14}-\d{8,14}-[A-Za-z0-9]{24,34}|xox[pae]-\d{8,14}-\d{8,14}-\d{8,14}-[a-f0-9]{32}|xoxr-\d{8,14}-\d{8,14}-[A-Za-z0-9]{24,34}|xapp-\d-[A-Z0-9]{8,14}-\d{8,14}-[a-f0-9]{64})$/,
    body: lastSegment, minEntropy: 2.9,
  },
  {
    rule: 'slack-webhook-url', provider: 'Slack', keywords: ['hooks.slack.com'],
    find: /https?:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g,
    format: /^https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{23,25}$/,
    body: (t) => t.slice(t.lastIndexOf('/') + 1), minEntropy: 3.5,
  },
  {
    rule: 'perplexity-api-key', provider: 'Perplexity', keywords: ['pplx-'],
    find: /(?<![A-Za-z0-9_-])pplx-[A-Za-z0-9]+/g,
    format: /^pplx-[A-Za-z0-9]{48}$/, body: afterPrefix(/^pplx-/), minEntropy: 4.0,
  },
  {
    rule: 'tavily-api-key', provider: 'Tavily', keywords: ['tvly-'],
    find: /(?<![A-Za-z0-9_-])tvly-[A-Za-z0-9-]+/g,
    format: /^tvly-(?:dev-|prod-)?[A-Za-z0-9]{30,40}$/, body: afterPrefix(/^tvly-(?:dev-|prod-)?/), minEntropy: 3.8,
  },
  {
    rule: 'stripe-live-key', provider: 'Stripe', keywords: ['sk_live_', 'rk_live_'],
    find: /(?<![A-Za-z0-9_-])[sr]k_live_[A-Za-z0-9]+/g,
    format: /^[sr]k_live_[A-Za-z0-9]{24,99}$/, body: afterPrefix(/^.k_live_/), minEntropy: 3.5,
  },
  {
    rule: 'openrouter-api-key', provider: 'OpenRouter', keywords: ['sk-or-v1-'],
    find: /(?<![A-Za-z0-9_-])sk-or-v1-[A-Za-z0-9]+/g,
    format: /^sk-or-v1-[0-9a-f]{64}$/, body: afterPrefix(/^sk-or-v1-/), minEntropy: 3.3,
  },
  {
    rule: 'xai-api-key', provider: 'xAI', keywords: ['xai-'],
    find: /(?<![A-Za-z0-9_-])xai-[A-Za-z0-9]+/g,
    format: /^xai-[A-Za-z0-9]{80}$/, body: afterPrefix(/^xai-/), minEntropy: 4.2,
  },
];

/**
 * Prefixes owned by a provider-exact rule. A value starting with one of them that failed its
 * provider's format is a look-alike (sk-your-key-here), so the generic rule must not report it either.
 */
export const PROVIDER_PREFIXES = [
  'sk-', 'sk_live_', 'rk_live_', 'pk-lf-', 'hf_', 'api_org_', 'AIza', 'AKIA', 'ASIA', 'ABIA', 'ACCA', 'gsk_', 'r8_',
  'lsv2_', 'pcsk_', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_', 'xox', 'xapp-', 'pplx-', 'xai-', 'GOCSPX-', 'tvly-',
];
