// The offset-keeping JSON parser (notebooks, .json files) against JSON.parse: same values on any JSON,
// offsets that point at each value's text, and undefined (never a throw) on malformed input.
import * as assert from 'assert';
import fc from 'fast-check';
import { parseJsonTree, type JsonNode } from '../../server/src/engine/code/json';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

/** The plain value a node stands for, checking on the way that each node's offset and length hold its text. */
function valueOf(node: JsonNode, text: string): unknown {
  const own = text.slice(node.offset, node.offset + node.length);
  if (node.type === 'object') return Object.fromEntries(node.properties!.map((p) => [p.key.value, valueOf(p.value, text)]));
  if (node.type === 'array') return node.items!.map((n) => valueOf(n, text));
  assert.deepStrictEqual(JSON.parse(own), node.value, `node text ${own} holds its value`);
  return node.value;
}

describe('JSON tree parser', () => {
  it('gives JSON.parse values, with exact offsets, on random JSON (compact and indented)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, indent) => {
        const text = JSON.stringify(v, null, indent ? 1 : undefined);
        const tree = parseJsonTree(text);
        assert.ok(tree, text);
        // JSON.parse turns -0 into -0; compare through JSON text, as the parser's callers do
        assert.strictEqual(JSON.stringify(valueOf(tree, text)), JSON.stringify(JSON.parse(text)));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('strings: escaped quotes and backslash runs, long strings, one-line files', () => {
    for (const s of ['a\\"b', 'ends with backslash \\\\', '\\\\\\"', 'x'.repeat(200_000), 'tab\\tnew\\nline', '\\u00e9\\"\\\\']) {
      const text = `{"k": ["${s}", "${s}"], "n": 1}`;
      const tree = parseJsonTree(text);
      assert.ok(tree, s.slice(0, 40));
      assert.deepStrictEqual(valueOf(tree, text), JSON.parse(text));
    }
  });

  it('malformed input gives undefined: raw line breaks in strings, unterminated strings, garbage', () => {
    for (const text of ['{"a": "x\ny"}', '{"a": "never closed', '{"a": "ends in escape\\', '[1, 2', '{"a" 1}', '{"a": tru}', '"\\\\\\"']) {
      assert.strictEqual(parseJsonTree(text), undefined, JSON.stringify(text));
    }
    // comments and trailing commas are tolerated (JSONC)
    assert.deepStrictEqual(valueOf(parseJsonTree('{"a": [1, 2,], // note\n "b": "x"}')!, '{"a": [1, 2,], // note\n "b": "x"}'), { a: [1, 2], b: 'x' });
  });
});
