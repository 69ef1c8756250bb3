// Values judged by the name they are assigned to: context-anchored provider keys (formats too
// plain to find alone, e.g. Azure's 32 hex) and the strict generic `api_key = "<literal>"` rule.

import type { Assignment } from './assignments';
import { charClasses, shannonEntropy } from './entropy';
import { isGenericPlaceholder, isProviderPlaceholder } from './placeholders';
import { PROVIDER_PREFIXES } from './providers';

export interface NamedVerdict { rule: string; provider: string; }

interface NamedRule {
  rule: string;
  provider: string;
  /** normName: lower case without separators; rawName: lower case as written. */
  name: (normName: string, rawName: string) => boolean;
  /** A value under this name that fails the format is a look-alike, not a generic secret (default true). */
  ownsName?: boolean;
  format: RegExp;
  minEntropy: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const endsWithKey = (n: string) => /(?:key|token|secret)$/.test(n);

const NAMED_RULES: NamedRule[] = [
  {
    rule: 'azure-openai-api-key', provider: 'Azure',
    // `api-key` is the Azure OpenAI REST header; plain `api_key` is everyone's, so it does not own the name.
    name: (n, raw) => (n.includes('azure') && endsWithKey(n)) || /(?:^|["'\\])api-key$/.test(raw) || n.endsWith('subscriptionkey')
      || n.endsWith('speechkey') || (n.includes('cognitive') && endsWithKey(n)),
    ownsName: false,
    format: /^[0-9a-fA-F]{32}$/, minEntropy: 2.9,
  },
  {
    rule: 'aws-secret-access-key', provider: 'AWS',
    name: (n) => n.endsWith('secretaccesskey') || (n.includes('aws') && /secret(?:key)?$/.test(n)),
    format: /^[A-Za-z0-9/+]{40}$/, minEntropy: 4.0,
  },
  {
    rule: 'cohere-api-key', provider: 'Cohere',
    name: (n) => (n.includes('cohere') || n.startsWith('coapikey') || n === 'coapikey') && endsWithKey(n),
    format: /^[A-Za-z0-9]{40}$/, minEntropy: 4.0,
  },
  {
    rule: 'pinecone-api-key', provider: 'Pinecone',
    name: (n) => n.includes('pinecone') && endsWithKey(n),
    format: UUID, minEntropy: 2.9,
  },
  {
    rule: 'mistral-api-key', provider: 'Mistral',
    name: (n) => n.includes('mistral') && endsWithKey(n),
    format: /^[A-Za-z0-9]{32}$/, minEntropy: 3.7,
  },
  {
    rule: 'together-api-key', provider: 'Together AI',
    name: (n) => n.includes('together') && endsWithKey(n),
    format: /^(?:[0-9a-f]{64}|tgp_v1_[A-Za-z0-9_-]{40,60})$/, minEntropy: 3.4,
  },
  {
    rule: 'deepseek-api-key', provider: 'DeepSeek',
    name: (n) => /deepseek|dashscope|qwen|moonshot|kimi/.test(n) && endsWithKey(n),
    format: /^sk-[A-Za-z0-9]{32,64}$/, minEntropy: 3.0,
  },
  {
    rule: 'wandb-api-key', provider: 'Weights & Biases',
    name: (n) => n.includes('wandb') && endsWithKey(n),
    format: /^[0-9a-f]{40}$/, minEntropy: 3.0,
  },
];

/** Names ending like a credential (normalised: lower case, no separators). */
const GENERIC_NAME = /(?:apikey|accesskey|secretkey|privatekey|authkey|signingkey|encryptionkey|masterkey|subscriptionkey|accountkey|appkey|clientkey|servicekey|secret|token|password|passwd|pwd|passphrase)$/;
/**
 * Keys named public (SUPABASE_PUBLIC_API_KEY, a Supabase anon key, a publishable key, a crypto public key) and a
 * chat widget's website token (Chatwoot's `websiteToken`, in every page that shows the widget): meant to ship.
 */
const PUBLIC_NAME = /public|publishable|anonkey$|anonapikey$|websitetoken$/;
/** Tokenizer special tokens and pagination cursors: `*_token` names that never hold credentials. */
const NOT_CREDENTIAL_NAME = /(?:pad|eos|bos|unk|sep|cls|mask|start|end|stop|special|image|audio|video|system|user|assistant|page|next|continuation|csrf|max|num)token$/;
/**
 * Names mentioning a provider whose real key format is known: a value there that failed the
 * provider-exact rule is a look-alike, not a generic secret.
 */
const PROVIDER_NAMED = /(?:openai|anthropic|claude|huggingface|^hf|gemini|google|groq|replicate|langsmith|langchain|langfuse|github|^gh|slack|perplexity|pplx|stripe|openrouter|^xai|grok|tavily).*(?:apikey|token)$/;
const HASH_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
/**
 * Keys that are public by design, shipped in browser and mobile code: PostHog project keys, Stripe publishable
 * keys, Mapbox public tokens. Their secret halves (phx_, sk_live_, sk.) are another matter.
 */
const PUBLIC_KEY_PREFIXES = ['phc_', 'pk_live_', 'pk_test_', 'pk.eyJ'];
/** Words joined by separators with no digit (`caller-passed-WRONG-key`): a label, not random key material. */
const WORDS_ONLY = /^[A-Za-z]+(?:[-_.][A-Za-z]+)+$/;
/**
 * Words joined by separators with at most a short number (`env-supplied-pw12`, `test_password_1`): in test code
 * a fixture value, not key material. Outside tests such a value can be a person's real password, so it stands.
 */
export function isWordsFixture(v: string): boolean {
  return /^(?:[A-Za-z]+\d{0,4}[-_.])+[A-Za-z]+\d{0,4}$/.test(v) && (v.match(/\d/g)?.length ?? 0) <= 4;
}
/**
 * In test code, a value assigned to a name that says it is made up (`TEST_SECRET = "whsec_…"`, `fake_api_key`,
 * `dummyToken`, `MOCK_KEY`) is a fixture: the name is the author's own statement. `lineBefore` is the text
 * of the line up to the value (its opening quote included). Outside tests such a name proves nothing
 * (`TEST_API_KEY` often holds a real key for a test environment), so callers ask only for test files.
 */
export function isNamedFixture(lineBefore: string): boolean {
  // `NAME = "`, `name: str = "`, and a dict or YAML key (`"name": "`, `name: `).
  const m = /([A-Za-z_]\w*)["']?\s*(?:(?::[^=\n]*)?=|:)\s*[rbuRBU]?["'`]?$/.exec(lineBefore);
  return m !== null && isFixtureName(m[1]);
}

/** A name (its last `.`/`-` segment: `self.fake_key`) with a word that says the value is made up (see isNamedFixture). */
export function isFixtureName(name: string): boolean {
  const last = name.split(/[.-]/).pop() ?? '';
  return last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split('_').some((w) => FIXTURE_WORDS.has(w));
}
const FIXTURE_WORDS = new Set(['test', 'fake', 'dummy', 'mock', 'example', 'sample', 'fixture', 'stub']);
/** Code rather than a literal: a call (`,listKeys(concat(`) or a value that starts with an operator. */
const CODE_LIKE = /[A-Za-z_][\w.]*\(|^[,;+(|&]/;

/**
 * Upper-case words with at most short numbers or hex tags between them (`ISSUE-17040-TEXT-FILE-ONLY-9f31c7`): a
 * marker a test or reproduction looks for, not key material. Three or more words of three or more letters, each
 * with a vowel (random upper-case groups of a licence key rarely are all that), and no long random run.
 */
export function isUpperWordsMarker(v: string): boolean {
  const parts = v.split(/[-_.]/);
  if (parts.length < 4 || parts.length > 10) return false;
  let words = 0;
  for (const p of parts) {
    if (/^[A-Z]{3,12}$/.test(p) && /[AEIOU]/.test(p)) words++;
    else if (!/^(?:[A-Z]{1,2}|\d{1,8}|[0-9a-f]{1,8})$/.test(p)) return false;
  }
  return words >= 3;
}
const BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A base64 value (Kubernetes Secret data) that decodes to readable text which is itself a placeholder. */
function isEncodedPlaceholder(v: string): boolean {
  if (!BASE64.test(v)) return false;
  const decoded = Buffer.from(v, 'base64').toString('latin1');
  return /^[\x20-\x7e]+$/.test(decoded) && isGenericPlaceholder(decoded);
}

/** Names in a JSON object that make it credential material (a service-account key, a token response). */
const CREDENTIAL_FIELD = /key|secret|token|passw|pwd|credential|auth|signature|cert/i;

/**
 * A base64 (or base64url, unpadded) encoding of a small JSON object holding no credential: a plotting
 * library's `DEFAULT_TOKEN = "eyJzZXNzaW9uX2lkIjogImRlZmF1bHQifQ"` is `{"session_id": "default"}`, saved in
 * notebook outputs. An encoded object with a credential field (`{"api_key": …}`) stays reported; JWTs (with
 * dots) never get here.
 */
function isEncodedPlainJson(v: string): boolean {
  if (!v.startsWith('eyJ') || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return false;
  const decoded = Buffer.from(v, 'base64url').toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(decoded)) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch {
    return false;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
  return Object.entries(parsed as Record<string, unknown>).every(([k, val]) =>
    !CREDENTIAL_FIELD.test(k) && (typeof val !== 'string' || !isGenericSecretValue(val)) && (val === null || typeof val !== 'object'));
}

function passesEntropy(v: string, floor: number): boolean {
  return shannonEntropy(v) >= floor;
}

/**
 * Names that only ever hold keys. Under them a 32–64 character hex literal is a key (Azure, many
 * REST APIs issue hex keys); under `token`/`secret`/`password` hex is as likely a hash or a SHA.
 */
const KEY_ONLY_NAME = /(?:apikey|accesskey|secretkey|subscriptionkey|authkey|appkey|clientkey|clientsecret|appsecret)$/;

/** Strict generic check: long, mixed classes, high entropy, and not any known kind of non-secret. */
export function isGenericSecretValue(v: string, normName = ''): boolean {
  if (/^[0-9a-fA-F]{32,64}$/.test(v) && KEY_ONLY_NAME.test(normName)) {
    return !isGenericPlaceholder(v) && charClasses(v).digit && passesEntropy(v, 3.0);
  }
  if (v.length < 16 || v.length > 512) return false;
  if (/\s/.test(v)) return false;
  // Keys, tokens and generated passwords are ASCII; `Confluenceアクセストークン` is a translated label.
  if (/[^\x21-\x7e]/.test(v)) return false;
  const cls = charClasses(v);
  const letters = cls.lower || cls.upper;
  const mixed = (letters && cls.digit) || (cls.lower && cls.upper && cls.symbol);
  if (!mixed) return false;
  if (PROVIDER_PREFIXES.some((p) => v.startsWith(p)) || PUBLIC_KEY_PREFIXES.some((p) => v.startsWith(p))) return false;
  if (isGenericPlaceholder(v) || isEncodedPlaceholder(v) || isEncodedPlainJson(v)) return false;
  if (WORDS_ONLY.test(v) || CODE_LIKE.test(v) || isUpperWordsMarker(v)) return false;
  if (UUID.test(v)) return false;
  if (/^[0-9a-fA-F]+$/.test(v) && (HASH_LENGTHS.has(v.length) || v.length >= 32)) return false; // hashes, SHAs
  if (/^(?:sha\d*|md5)[:-]/i.test(v)) return false; // sha256:..., sha512-... integrity strings
  if (v.length > 100 && /^[A-Za-z0-9+/]+=*$/.test(v)) return false; // base64 blobs (images, data)
  if (v.includes('://') || /^[./~]/.test(v) || /^[A-Za-z]:[\\/]/.test(v)) return false; // URLs, paths
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return false; // an env var *name*
  if (/^\d+(?:\.\d+)+$/.test(v) || /^v?\d+\.\d+/.test(v)) return false; // versions
  // Entropy floor grows with length: random 16 chars reach ~3.7 bits, random 32+ reach 4.5+.
  const floor = Math.max(3.5, Math.min(4.3, Math.log2(v.length) * 0.75));
  return passesEntropy(v, floor);
}

/** Classifies one assignment: a context-anchored provider key, a generic secret, or nothing. */
export function judgeAssignment(a: Assignment): NamedVerdict | undefined {
  const v = a.value;
  const raw = a.name.toLowerCase();
  for (const r of NAMED_RULES) {
    if (r.name(a.normName, raw) && r.format.test(v) && !isProviderPlaceholder(v) && passesEntropy(v, r.minEntropy)) {
      return { rule: r.rule, provider: r.provider };
    }
  }
  if (!GENERIC_NAME.test(a.normName) || NOT_CREDENTIAL_NAME.test(a.normName) || PUBLIC_NAME.test(a.normName)) return undefined;
  if (PROVIDER_NAMED.test(a.normName)) return undefined;
  if (NAMED_RULES.some((r) => r.ownsName !== false && r.name(a.normName, raw))) return undefined; // provider named, format failed
  return isGenericSecretValue(v, a.normName) ? { rule: 'generic-api-key', provider: 'Generic' } : undefined;
}
