// Allowlists: placeholders, templates, documentation example keys and other values that are
// shaped like secrets but are not credentials.

import { longestRun } from './entropy';

/** Published documentation example keys (AWS, GitHub, Slack docs); never real credentials. */
const KNOWN_EXAMPLE_KEYS = new Set<string>([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
]);

/**
 * Markers that never occur in a real provider key but often in hand-written stand-ins. Kept to
 * four characters or more: a random 100-character key contains a given 4-letter word with
 * probability ~1e-4, so real keys are not lost to this list.
 */
const PROVIDER_MARKERS = [
  'example', 'sample', 'dummy', 'fake', 'test', 'placeholder', 'xxxxx', 'abcdef', '12345', '01234',
  'qwerty', 'your', 'redacted',
];

/** Broader markers for the generic assignment rule, where the value has no structural anchor. */
const GENERIC_MARKERS = [
  ...PROVIDER_MARKERS, 'xxxx', 'change', 'replace', 'insert', 'todo', 'fixme', 'mock', 'demo',
  'default', 'lorem', 'secret', 'token', 'password', 'passwd', 'apikey', 'api_key', 'api-key',
  'foobar', 'hunter2', 'none', 'null', 'undefined', 'enter', 'here', 'wrong', 'invalid', 'bogus',
];

/** Template / reference syntaxes: ${VAR}, {{ secrets.X }}, %VAR%, <token>, $VAR, {name}, …, ***. */
function isTemplateOrElided(v: string): boolean {
  if (v.includes('${') || v.includes('{{') || v.includes('}}') || v.includes('<') || v.includes('>')) return true;
  if (v.includes('{') || v.includes('}')) return true;
  if (v.startsWith('$')) return true;
  if (/^%[^%]+%$/.test(v) || v.includes('%s') || v.includes('%(')) return true;
  if (v.includes('...') || v.includes('\u2026') || v.includes('***')) return true;
  return false;
}

export function isKnownExampleKey(v: string): boolean {
  return KNOWN_EXAMPLE_KEYS.has(v) || /EXAMPLE[A-Z]*$/.test(v);
}

/** True when a provider-format candidate is a stand-in rather than a key. */
export function isProviderPlaceholder(token: string): boolean {
  if (isKnownExampleKey(token)) return true;
  const lower = token.toLowerCase();
  if (PROVIDER_MARKERS.some((m) => lower.includes(m))) return true;
  if (token.includes('...') || token.includes('***')) return true;
  return longestRun(token) >= 5;
}

/** True when a generic assignment value is a placeholder, template, reference or example. */
export function isGenericPlaceholder(value: string): boolean {
  if (isKnownExampleKey(value)) return true;
  if (isTemplateOrElided(value)) return true;
  const lower = value.toLowerCase();
  if (GENERIC_MARKERS.some((m) => lower.includes(m))) return true;
  return longestRun(value) >= 4;
}
