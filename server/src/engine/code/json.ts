// A small JSON parser that keeps source offsets (for notebooks and .json files). jsonc-parser would
// do this, but its CommonJS entry is a UMD build that esbuild cannot bundle. Tolerates comments and
// trailing commas (JSONC); returns undefined on malformed input rather than throwing.

export interface JsonNode {
  type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  /** Offset of the first character (the quote, for strings) and length in the raw text. */
  offset: number;
  length: number;
  value?: unknown;
  /** Object: properties as [key, value] pairs. */
  properties?: { key: JsonNode; value: JsonNode }[];
  /** Array: items. */
  items?: JsonNode[];
}

class Malformed extends Error {}

export function parseJsonTree(text: string): JsonNode | undefined {
  let i = 0;
  const fail = (): never => { throw new Malformed(); };
  const skip = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) i++;
      else if (c === 47 && text[i + 1] === '/') { const e = text.indexOf('\n', i); i = e === -1 ? text.length : e; }
      else if (c === 47 && text[i + 1] === '*') { const e = text.indexOf('*/', i + 2); if (e === -1) fail(); i = e + 2; }
      else return;
    }
  };
  // Next line break at or after the current string (strings may not hold one): found once per line, so
  // a one-line (minified) file is not searched again for every string.
  let nextBreak = -1;
  const string = (): JsonNode => {
    const start = i;
    // Jump from quote to quote (a notebook's base64 image is megabytes long); a quote after an odd run of
    // backslashes is escaped.
    let q = start;
    for (;;) {
      q = text.indexOf('"', q + 1);
      if (q === -1) fail();
      let b = q - 1;
      while (text.charCodeAt(b) === 92) b--;
      if ((q - 1 - b) % 2 === 0) break;
    }
    if (nextBreak !== -2 && nextBreak < start) {
      nextBreak = text.indexOf('\n', start);
      if (nextBreak === -1) nextBreak = -2; // none left
    }
    if (nextBreak >= 0 && nextBreak < q) fail();
    i = q + 1;
    const raw = text.slice(start, i);
    let value: string;
    try { value = raw.includes('\\') ? JSON.parse(raw) as string : raw.slice(1, -1); } catch { return fail(); }
    return { type: 'string', offset: start, length: i - start, value };
  };
  const value = (depth: number): JsonNode => {
    if (depth > 500) fail();
    skip();
    const start = i;
    const c = text[i];
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      const isObject = c === '{';
      const close = isObject ? '}' : ']';
      const node: JsonNode = isObject ? { type: 'object', offset: start, length: 0, properties: [] } : { type: 'array', offset: start, length: 0, items: [] };
      i++;
      for (;;) {
        skip();
        if (text[i] === close) break;
        if (isObject) {
          if (text[i] !== '"') fail();
          const key = string();
          skip();
          if (text[i++] !== ':') fail();
          node.properties!.push({ key, value: value(depth + 1) });
        } else {
          node.items!.push(value(depth + 1));
        }
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== close) fail();
      }
      i++;
      node.length = i - start;
      return node;
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) return fail();
    i += m[0].length;
    const literal = m[0];
    const type = literal === 'null' ? 'null' : literal === 'true' || literal === 'false' ? 'boolean' : 'number';
    return { type, offset: start, length: literal.length, value: JSON.parse(literal) };
  };
  try {
    const root = value(0);
    skip();
    return i === text.length ? root : undefined;
  } catch (err) {
    if (err instanceof Malformed || err instanceof RangeError) return undefined;
    throw err;
  }
}

/** The value of an object's property, if any. */
export function prop(node: JsonNode | undefined, name: string): JsonNode | undefined {
  return node?.properties?.find((p) => p.key.value === name)?.value;
}
