// Only open documents keep a parse tree between checks (their next version re-parses incrementally). A
// workspace scan checks each file once: trees and texts it cached would only stay alive, tens of MB at a time.
import * as assert from 'assert';
import { checkCode, initCodeParsers } from '../../server/src/engine/code';
import { cachedTreeKeys } from '../../server/src/engine/code/parsers';
import { codeFindingsForFile } from '../../server/src/engine/findings/codeFindings';

// Small enough that the rules' statements are most of the text: the file is parsed whole (the cacheable path).
const TEXT = 'from openai import OpenAI\nclient = OpenAI()\n';

describe('parse tree cache scope', () => {
  before(() => initCodeParsers(['python']));

  it('an open document keeps its tree, under its path', () => {
    const findings = checkCode('cache-scope/doc.py', TEXT);
    assert.deepStrictEqual(findings.map((f) => f.ruleId), ['llm-client-timeout']);
    assert.ok(cachedTreeKeys().includes('cache-scope/doc.py'));
  });

  it('a scanned file gives the same findings and leaves no tree behind', async () => {
    const findings = await codeFindingsForFile('cache-scope/scanned.py', TEXT, { cache: false });
    assert.deepStrictEqual(findings.map((f) => f.ruleId), ['llm-client-timeout']);
    assert.ok(!cachedTreeKeys().some((k) => k.startsWith('cache-scope/scanned')));
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: TEXT, metadata: {}, outputs: [] }] });
    assert.deepStrictEqual((await codeFindingsForFile('cache-scope/scanned.ipynb', nb, { cache: false })).map((f) => f.ruleId), ['llm-client-timeout']);
    assert.ok(!cachedTreeKeys().some((k) => k.startsWith('cache-scope/scanned')));
  });
});
