// llm-client-timeout for JS/TS clients bound under another local name: a renamed import, a renamed
// destructured require, a class read off require(), or a module's default export under any name.
import * as assert from 'assert';
import { checkCode, initCodeParsers } from '../../server/src/engine/code';
import { found } from './codeHelpers';

const js = (...lines: string[]) => lines.join('\n') + '\n';

const ALIASED: [string, string, string][] = [
  ['a renamed destructured require', 'const { OpenAI: OpenAIApi } = require("openai");', 'const c = new OpenAIApi({ apiKey: process.env.KEY });'],
  ['a renamed import', 'import { OpenAI as Client } from "openai";', 'const c = new Client();'],
  ['a class read off require()', 'const OpenAI = require("openai").OpenAI;', 'const c = new OpenAI();'],
  ['a class read off require() under another name', 'const LlmClient = require("openai").OpenAI;', 'const c = new LlmClient({});'],
  ['the default export under another name', 'import Claude from "@anthropic-ai/sdk";', 'const c = new Claude();'],
];

describe('code rules: JS client classes under another local name', () => {
  before(() => initCodeParsers());

  for (const [form, binding, construction] of ALIASED) {
    it(`reported without a timeout: ${form}`, () => {
      assert.deepStrictEqual(found(checkCode('src/client.ts', js(binding, '', construction))), ['3:llm-client-timeout']);
    });

    it(`not reported with timeout: ${form}`, () => {
      const withTimeout = construction.includes('({')
        ? construction.replace('({', '({ timeout: 20000,')
        : construction.replace('()', '({ timeout: 20000 })');
      assert.deepStrictEqual(checkCode('src/client.ts', js(binding, '', withTimeout)), []);
    });
  }

  it('the fix adds the timeout to the aliased construction, and the message names it as written', () => {
    const [f] = checkCode('src/client.ts', js('import { OpenAI as Client } from "openai";', 'const c = new Client({ apiKey: "k" });'));
    assert.match(f.message, /new Client\(\)/);
    assert.deepStrictEqual(f.fix?.edits.map((e) => e.newText), [', timeout: 60000']);
  });

  it('a class of the same name from another module, renamed, is not a client', () => {
    assert.deepStrictEqual(checkCode('src/client.ts', js('import { OpenAI as Client } from "./fake-openai";', 'const c = new Client();')), []);
    assert.deepStrictEqual(checkCode('src/client.ts', js('const { OpenAI: Api } = require("openai-mock");', 'const c = new Api();')), []);
    assert.deepStrictEqual(checkCode('src/client.ts', js('import Thing from "langchain";', 'const c = new Thing();')), []);
  });
});
