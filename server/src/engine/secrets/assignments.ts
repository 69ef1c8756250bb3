// Finds `name = "literal"` style assignments whose name ends like a credential (api_key, secret,
// token, password...), across Python, JS/TS, YAML, JSON, .env, shell and raw notebook JSON (where
// quotes arrive escaped as \"). Hand-written bounded parsing after one anchor regex: linear time.

export interface Assignment {
  /** The name as written (may carry a leading `n` from a JSON `\n` escape; only suffix/contains tests use it). */
  name: string;
  /** Lower-case name without `_`, `-`, `.`: `AZURE_OPENAI_API_KEY` -> `azureopenaiapikey`. */
  normName: string;
  value: string;
  valueStart: number;
  valueEnd: number;
  quoted: boolean;
}

/** Anchor: a credential word ending an identifier. */
export const ASSIGNMENT_KEYWORDS = ['key', 'secret', 'token', 'passw', 'pwd', 'passphrase'];
const ANCHOR = /(?:key|secret|token|passw(?:or)?d|pwd|passphrase)(?![A-Za-z0-9_])/gi;

const MAX_NAME = 64;
const MAX_VALUE = 512;
const MAX_GAP = 16;

const isNameChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 /* _ */ || c === 45 /* - */ || c === 46 /* . */;
const isBlank = (c: number) => c === 32 || c === 9;
const isQuote = (c: number) => c === 34 || c === 39 || c === 96;
const isEol = (c: number) => c === 10 || c === 13 || Number.isNaN(c);

export interface AssignmentOptions {
  /** .env, YAML, shell, ini: values may be written without quotes. */
  allowUnquoted: boolean;
  /** Shorter values are dropped early (no credential format is shorter). */
  minValueLength: number;
}

/** Calls `visit` for each assignment found, in text order, until it returns false. */
export function forEachAssignment(text: string, opts: AssignmentOptions, visit: (a: Assignment) => boolean): void {
  const stops = new StopCache(text);
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m !== null; m = ANCHOR.exec(text)) {
    const nameEnd = m.index + m[0].length;
    let nameStart = m.index;
    while (nameStart > 0 && isNameChar(text.charCodeAt(nameStart - 1)) && nameEnd - nameStart < MAX_NAME) nameStart--;
    if (nameStart > 0 && isNameChar(text.charCodeAt(nameStart - 1))) continue; // name too long: not a setting
    // A URL query (`?token=...`) is not a configured literal.
    const before = text.charCodeAt(nameStart - 1);
    if (before === 63 /* ? */ || before === 38 /* & */) continue;
    const parsed = parseValue(text, nameEnd, opts, stops, isQuote(before));
    if (!parsed || parsed.value.length < opts.minValueLength) continue;
    const name = text.slice(nameStart, nameEnd);
    const more = visit({ name, normName: name.toLowerCase().replace(/[_.-]/g, ''), value: parsed.value, valueStart: parsed.valueStart, valueEnd: parsed.valueEnd, quoted: parsed.quoted });
    if (!more) return;
  }
}

type ParsedValue = Omit<Assignment, 'name' | 'normName'>;

/**
 * Where a value starting at `from` must stop, per delimiter set. Anchors come in increasing
 * order, so a cached stop beyond `from` is still the first one: each character is searched once.
 */
class StopCache {
  private readonly res = new Map<string, RegExp>();
  /** Per delimiter set: [searched from, first stop found]. No stop lies between the two. */
  private readonly cached = new Map<string, [number, number]>();
  constructor(private readonly text: string) {}

  next(key: string, pattern: string, from: number): number {
    const hit = this.cached.get(key);
    if (hit && hit[0] <= from && from <= hit[1]) return hit[1];
    let re = this.res.get(key);
    if (!re) {
      re = new RegExp(pattern, 'g');
      this.res.set(key, re);
    }
    re.lastIndex = from;
    const m = re.exec(this.text);
    const at = m ? m.index : this.text.length;
    this.cached.set(key, [from, at]);
    return at;
  }
}

/** `nameOpensQuoted`: a quote stands right before the name (`"API_KEY"`), not a longer string ending in it (`"https://token"`). */
function parseValue(text: string, from: number, opts: AssignmentOptions, stops: StopCache, nameOpensQuoted: boolean): ParsedValue | undefined {
  let i = from;
  // Closers after the name: `"api_key": `, `environ["KEY"] =`, notebook `\"KEY\"] =`.
  let nameWasQuoted = false;
  for (let k = 0; k < 3; k++) {
    const c = text.charCodeAt(i);
    if (isQuote(c)) nameWasQuoted = true;
    if (isQuote(c) || c === 93 /* ] */ || c === 92 /* \ */) i++;
    else break;
  }
  i = skipBlanks(text, i);
  const op = text.charCodeAt(i);
  let expectTypeAnnotation = false;
  if (op === 61 /* = */) {
    const next = text.charCodeAt(i + 1);
    if (next === 61 /* == */ || next === 126 /* =~ */) return undefined;
    i += next === 62 /* => */ ? 2 : 1;
  } else if (op === 58 /* : */) {
    const next = text.charCodeAt(i + 1);
    if (next === 58 /* :: */) return undefined;
    i += next === 61 /* := */ ? 2 : 1;
    expectTypeAnnotation = next !== 61;
  } else if (op === 44 /* , */ && nameWasQuoted && nameOpensQuoted) {
    i += 1; // getenv("API_KEY", "fallback"), headers.set("x-api-key", "...")
  } else {
    return undefined;
  }
  i = skipBlanks(text, i);
  const quoted = readQuoted(text, i, stops);
  if (quoted) return quoted;
  if (opts.allowUnquoted) {
    const bare = readUnquoted(text, i, stops);
    if (bare) return bare;
  }
  if (expectTypeAnnotation) {
    // `api_key: str = "..."`, `apiKey: string = '...'`, `key: Optional[str] = "..."`
    let j = i;
    while (j < text.length && j - i < 40 && /[A-Za-z0-9_.[\]|, ]/.test(text[j])) j++;
    if (j === i || text.charCodeAt(j) !== 61 || text.charCodeAt(j + 1) === 61) return undefined;
    return readQuoted(text, skipBlanks(text, j + 1), stops);
  }
  return undefined;
}

function skipBlanks(text: string, i: number): number {
  const limit = i + MAX_GAP;
  while (i < limit && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** `"v"`, `'v'`, `` `v` ``, r"v"/b"v"/u"v", and JSON-escaped `\"v\"`. The value holds no escapes or newlines. */
function readQuoted(text: string, i: number, stops: StopCache): ParsedValue | undefined {
  if (/[rRbBuU]/.test(text[i] ?? '') && isQuote(text.charCodeAt(i + 1))) i++;
  let escaped = false;
  if (text.charCodeAt(i) === 92 /* \ */) {
    escaped = true;
    i++;
  }
  const q = text[i];
  if (!isQuote(text.charCodeAt(i))) return undefined;
  const start = i + 1;
  const stop = stops.next(q, `[${q}\\\\\\r\\n]`, start);
  if (stop === start || stop - start > MAX_VALUE || stop >= text.length) return undefined;
  const c = text[stop];
  if (escaped ? c === '\\' && text[stop + 1] === q : c === q) return done(text, start, stop, true);
  return undefined; // newline, or escapes inside the value: not a plain key literal
}

function readUnquoted(text: string, i: number, stops: StopCache): ParsedValue | undefined {
  const start = i;
  const j = stops.next('bare', '[\\s"\'`,;#\\\\}\\]]', start);
  if (j === start || j - start > MAX_VALUE) return undefined;
  // The value must end the statement: end of line, a comment, or a list/flow separator.
  const rest = skipBlanks(text, j);
  const c = text.charCodeAt(rest);
  if (!(isEol(c) || c === 35 /* # */ || c === 44 /* , */ || c === 125 /* } */ || c === 59 /* ; */)) return undefined;
  return done(text, start, j, false);
}

function done(text: string, start: number, end: number, quoted: boolean): ParsedValue {
  return { value: text.slice(start, end), valueStart: start, valueEnd: end, quoted };
}
