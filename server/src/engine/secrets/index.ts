// Secret detector (SPEC §5 hardcoded-secrets): provider-exact formats, context-anchored keys and a
// strict generic assignment rule, behind one keyword pre-filter. Pure: text in, masked hits out.

import { ASSIGNMENT_KEYWORDS, forEachAssignment } from './assignments';
import { shannonEntropy } from './entropy';
import { LineIndex } from './lines';
import { maskSecret } from './mask';
import { isFixtureName, isNamedFixture, isWordsFixture, judgeAssignment } from './named';
import { isPublicByContext } from './publicByContext';
import { isSecretScanCandidate } from './paths';
import { findPrivateKeys } from './pem';
import { isKnownExampleKey, isProviderPlaceholder } from './placeholders';
import { PROVIDER_RULES, type ProviderRule } from './providers';
import { blankBinaryOutputs } from './notebookOutputs';
import { literalProbe, literalsMaybeIn } from '../rules/requiredLiterals';
import { isTestPath } from '../workspace/paths';

export { maskSecret } from './mask';
export { isSecretScanCandidate } from './paths';

export interface SecretHit {
  /** 1-based */
  line: number;
  /** 0-based, UTF-16 units, start of the literal */
  column: number;
  endLine: number;
  endColumn: number;
  /** 'OpenAI', 'Anthropic', 'Hugging Face', ... or 'Generic' */
  provider: string;
  /** e.g. 'openai-api-key', 'generic-api-key' */
  rule: string;
  /** e.g. 'sk-proj-…9xQ' — never the whole secret */
  masked: string;
  /** A Google Maps browser key in the page that loads the map: public by design, to restrict by referrer. */
  browserKey?: true;
}

interface RawHit { start: number; end: number; rule: string; provider: string; masked: string; browserKey?: true }

const PEM_KEYWORD = 'private key';
const ALL_KEYWORDS = [...new Set([...PROVIDER_RULES.flatMap((r) => r.keywords), PEM_KEYWORD, ...ASSIGNMENT_KEYWORDS])];
/** The one combined pre-filter: most files contain none of these and return at once. */
const KEYWORD_PROBE = literalProbe(ALL_KEYWORDS.map((k) => k.toLowerCase()));
/** Longest token a provider rule will look at (the longest real format is ~170 chars). */
const MAX_TOKEN = 400;
/** Beyond this many hits a file is reported as it stands: more adds nothing and costs time. */
export const MAX_HITS_PER_FILE = 1000;
/** Shortest value any name-anchored rule accepts (generic needs 16; provider formats are longer). */
const MIN_NAMED_VALUE = 16;

export function findSecrets(text: string, relPath: string): SecretHit[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  if (relPath && !isSecretScanCandidate(relPath)) return [];
  let raw: RawHit[];
  try {
    raw = detect(relPath?.toLowerCase().endsWith('.ipynb') ? blankBinaryOutputs(text) : text, relPath ?? '');
  } catch {
    return []; // never let odd input break a scan; a missed hit beats a crashed editor
  }
  if (raw.length === 0) return [];
  const lines = new LineIndex(text);
  return raw.map((h) => {
    const s = lines.position(h.start);
    const e = lines.position(h.end);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column, provider: h.provider, rule: h.rule, masked: h.masked, ...(h.browserKey ? { browserKey: true as const } : {}) };
  });
}

/** The keywords the text may hold (ignoring case): a keyword it holds is always listed. */
function keywordsPresent(text: string): Set<string> {
  const seen = new Set(literalsMaybeIn(KEYWORD_PROBE, text));
  if (seen.has(PEM_KEYWORD)) seen.add('key');
  return seen;
}

function detect(text: string, relPath: string): RawHit[] {
  const seen = keywordsPresent(text);
  if (seen.size === 0) return [];
  const inTests = isTestPath(relPath);
  const exact: RawHit[] = [];
  for (const rule of PROVIDER_RULES) {
    if (exact.length >= MAX_HITS_PER_FILE) break;
    if (!rule.keywords.some((k) => seen.has(k))) continue;
    for (const h of providerHits(text, rule)) if (!inTests || !isNamedFixture(lineBefore(text, h.start))) exact.push(h);
  }
  // A private key under a test folder is a test certificate (mTLS and signing tests generate their own).
  if (seen.has(PEM_KEYWORD) && !inTests) {
    for (const p of findPrivateKeys(text)) {
      exact.push({ start: p.start, end: p.end, rule: 'private-key', provider: 'Private key', masked: p.header + '\u2026' });
    }
  }
  exact.sort((a, b) => a.start - b.start);
  const hits = dedupeSameStart(exact);
  if (ASSIGNMENT_KEYWORDS.some((k) => seen.has(k))) {
    const exactStarts = hits.map((h) => h.start);
    const pems = hits.filter((h) => h.rule === 'private-key');
    const opts = { allowUnquoted: allowsUnquotedValues(relPath), minValueLength: MIN_NAMED_VALUE };
    forEachAssignment(text, opts, (a) => {
      if (anyWithin(exactStarts, a.valueStart, a.valueEnd) || insidePem(pems, a.valueStart)) return true;
      const verdict = judgeAssignment(a);
      if (verdict?.rule === 'generic-api-key' && ((inTests && isWordsFixture(a.value)) || isPublicByContext(text, a))) return true;
      if (verdict && inTests && isFixtureName(a.name)) return true;
      if (verdict) hits.push({ start: a.valueStart, end: a.valueEnd, ...verdict, masked: maskSecret(a.value) });
      return hits.length < MAX_HITS_PER_FILE;
    });
  }
  return hits.sort((a, b) => a.start - b.start).slice(0, MAX_HITS_PER_FILE);
}

function providerHits(text: string, rule: ProviderRule): RawHit[] {
  const out: RawHit[] = [];
  const candidates: { start: number; end: number }[] = rule.scan ? rule.scan(text) : [];
  if (rule.find) {
    rule.find.lastIndex = 0;
    for (let m = rule.find.exec(text); m !== null; m = rule.find.exec(text)) {
      candidates.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  for (const c of candidates) {
    if (out.length >= MAX_HITS_PER_FILE) break;
    if (c.end - c.start > MAX_TOKEN || /[A-Za-z0-9]/.test(text[c.end] ?? '')) continue;
    const token = text.slice(c.start, c.end);
    if (!rule.format.test(token) || (rule.accept && !rule.accept(token))) continue;
    const body = rule.body ? rule.body(token) : token;
    // Markers are looked for in the random part only: a Slack team id may well contain 12345.
    if (shannonEntropy(body) < rule.minEntropy || isKnownExampleKey(token) || isProviderPlaceholder(body)) continue;
    if (inMarkupAttribute(text, c.start)) continue;
    const browserKey = rule.rule === 'google-api-key' && isMapsBrowserKey(text, c.start);
    out.push({ start: c.start, end: c.end, rule: rule.rule, provider: rule.provider, masked: maskSecret(token), ...(browserKey ? { browserKey: true as const } : {}) });
  }
  return out;
}

// The Maps JavaScript, Static Maps, Street View and Embed URLs a page loads with `key=`: Google's docs put that key
// in the page, for every visitor's browser to send, and protect it by HTTP-referrer and API restrictions.
const MAPS_KEY_URL = /(?:maps\.googleapis\.com|www\.google\.com)\/maps\/(?:api\/(?:js|staticmap|streetview)|embed\/v1\/\w+)\?[^\s"'<>]*?\bkey=$/i;

/** Is the `AIza` key at `start` the key parameter of a Google Maps URL a web page loads? */
function isMapsBrowserKey(text: string, start: number): boolean {
  return MAPS_KEY_URL.test(lineBefore(text, start));
}

/**
 * The text of the line holding `offset`, up to it, at most 200 characters: enough for any assignment's name, and a
 * bound on the work per hit over one long line (a minified fixture) with many hits.
 */
function lineBefore(text: string, offset: number): string {
  const tail = text.slice(Math.max(0, offset - 200), offset);
  return tail.slice(tail.lastIndexOf('\n') + 1);
}

/** `class="hf_…"`, `id='sk-…'`: HTML/CSS names that merely start with a key prefix. */
function inMarkupAttribute(text: string, start: number): boolean {
  const from = Math.max(0, start - 120);
  const before = text.slice(from, start);
  const q = Math.max(before.lastIndexOf('"'), before.lastIndexOf("'"));
  if (q === -1) return false;
  return /(?:\bclass|\bclassName|\bid|\bfor|\bname)\s*=\s*\\?$/.test(before.slice(0, q));
}

function dedupeSameStart(sorted: RawHit[]): RawHit[] {
  return sorted.filter((h, i) => i === 0 || sorted[i - 1].start !== h.start);
}

/** Is any of the sorted offsets in [from, to)? */
function anyWithin(sortedStarts: number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sortedStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedStarts[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sortedStarts.length && sortedStarts[lo] < to;
}

function insidePem(pems: RawHit[], offset: number): boolean {
  return pems.some((h) => h.start <= offset && offset < h.end);
}

/** Files where `KEY=value` / `key: value` carry literals without quotes. */
function allowsUnquotedValues(relPath: string): boolean {
  const base = relPath.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  if (base.startsWith('.env') || base.endsWith('.env') || base === '.envrc' || base.startsWith('dockerfile')) return true;
  return /\.(?:ya?ml|ini|cfg|conf|properties|sh|bash|zsh|env)$/.test(base);
}
