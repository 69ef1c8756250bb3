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
  const string = (): JsonNode => {
    const start = i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') fail();
      if (c === '\\') i += 2;
      else if (c === '"') break;
      else i++;
    }
    i++;
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
