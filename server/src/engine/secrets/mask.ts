// Masked display of a secret: enough to recognise which key it is, never enough to use it.

/** Public, non-secret prefixes shown in full (longest first so `sk-proj-` wins over `sk-`). */
const VISIBLE_PREFIXES = [
  'https://hooks.slack.com/services/',
  'sk-ant-admin01-', 'sk-ant-api03-', 'sk-ant-', 'sk-svcacct-', 'sk-or-v1-', 'sk-admin-', 'sk-proj-',
  'sk-lf-', 'sk-',
  'github_pat_', 'lsv2_pt_', 'lsv2_sk_', 'sk_live_', 'rk_live_', 'api_org_',
  'tvly-dev-', 'tvly-prod-', 'tvly-', 'pcsk_', 'pplx-', 'xoxb-', 'xoxp-', 'xoxa-', 'xoxe-', 'xoxr-', 'xapp-', 'xai-',
  'gsk_', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'hf_', 'r8_',
  'GOCSPX-', 'AKIA', 'ASIA', 'ABIA', 'ACCA', 'AIza',
].sort((a, b) => b.length - a.length);

const ELLIPSIS = '\u2026';
/** At least this many characters stay hidden, or the mask falls back to a shorter form. */
const MIN_HIDDEN = 8;

function pemHeader(secret: string): string | undefined {
  const m = /^-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/.exec(secret);
  return m ? m[0] : undefined;
}

/**
 * `sk-proj-…9xQ` for keys with a known provider prefix (prefix + last 3), `ab…yz` for anything
 * else (first 2 + last 2), `…` when the secret is too short to show any of it safely.
 */
export function maskSecret(secret: string): string {
  const s = String(secret ?? '');
  const pem = pemHeader(s);
  if (pem) return pem + ELLIPSIS;
  const prefix = VISIBLE_PREFIXES.find((p) => s.startsWith(p));
  let masked: string;
  if (prefix && s.length - prefix.length - 3 >= MIN_HIDDEN) {
    masked = prefix + ELLIPSIS + s.slice(-3);
  } else if (s.length - 4 >= MIN_HIDDEN) {
    masked = s.slice(0, 2) + ELLIPSIS + s.slice(-2);
  } else {
    masked = ELLIPSIS;
  }
  // Belt and braces: the mask must never reveal the secret itself.
  return s.length > 0 && masked.includes(s) ? ELLIPSIS : masked;
}
