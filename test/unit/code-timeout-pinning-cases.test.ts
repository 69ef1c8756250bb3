// llm-client-timeout and unpinned-model-version cases from the issue-6 audit: requests imported in a comma
// list or under an alias, a JS client given its timeout through a chained withOptions(), and a hub revision
// that names a branch ("main") rather than a commit.
import * as assert from 'assert';
import { checkCode, initCodeParsers } from '../../server/src/engine/code';
import { found, rangeText } from './codeHelpers';

const py = (...lines: string[]) => lines.join('\n') + '\n';

describe('code rules: import forms, chained options, branch revisions', () => {
  before(() => initCodeParsers());

  describe('requests calls to a model endpoint without timeout=', () => {
    const call = 'r = requests.post("https://api.openai.com/v1/chat/completions", json={"model": "x"})';
    for (const imports of ['import os, requests', 'import os as o, json, requests', 'import requests as http']) {
      it(`found after "${imports}"`, () => {
        const body = imports.endsWith('as http') ? call.replace('requests.post', 'http.post') : call;
        assert.deepStrictEqual(found(checkCode('app/call.py', py(imports, '', body))), ['3:llm-client-timeout']);
      });
    }

    it('not reported with timeout=, nor when another module named like it is imported', () => {
      assert.deepStrictEqual(checkCode('app/call.py', py('import os, requests', call.replace('})', '}, timeout=30)'))), []);
      assert.deepStrictEqual(checkCode('app/call.py', py('import os, requests_cache', call.replace('requests.', 'requests_cache.'))), []);
    });
  });

  describe('httpx timeout=None', () => {
    it("reported on a model endpoint's call or client, not on the app's own local API or an unknown URL", () => {
      const text = py(
        'import httpx',
        '',
        'def warm(self, ssl_verify):',
        '    httpx.get(f"{self.local_api_url}startup-events", verify=ssl_verify, timeout=None)',
        '    httpx.post("http://127.0.0.1:7860/reset", timeout=None)',
        '    httpx.get(self.status_url, timeout=None)',
        '    httpx.stream("POST", "http://localhost:8000/v1/chat/completions", timeout=None)',
        '    httpx.post(url, json={"model": "m", "messages": []}, timeout=None)',
        '    self.llm_client = httpx.AsyncClient(timeout=None)',
        '',
        'def plain():',
        '    return httpx.Client(timeout=None)',
      );
      assert.deepStrictEqual(found(checkCode('app/warm.py', text)), ['7:llm-client-timeout', '8:llm-client-timeout', '9:llm-client-timeout']);
    });

    it('reported on a client the function uses for a model endpoint', () => {
      const text = py(
        'import httpx',
        '',
        'async def chat(self, payload):',
        '    async with httpx.AsyncClient(timeout=None) as client:',
        '        async with client.stream("POST", f"{self.vllm_base_url}/v1/chat/completions", json=payload) as r:',
        '            yield r',
        '',
        'async def health(self):',
        '    async with httpx.AsyncClient(timeout=None) as client:',
        '        return await client.get(f"{self.local_api_url}health")',
      );
      assert.deepStrictEqual(found(checkCode('app/chat.py', text)), ['4:llm-client-timeout']);
    });
  });

  describe('JS client whose timeout is set by a chained withOptions()', () => {
    it('new OpenAI().withOptions({ timeout }) is not reported, with or without parentheses', () => {
      const text = [
        "import OpenAI from 'openai';",
        'const a = new OpenAI().withOptions({ timeout: 10000 });',
        'const b = (new OpenAI()).withOptions({ maxRetries: 1, timeout: 5000 });',
        '',
      ].join('\n');
      assert.deepStrictEqual(checkCode('src/a.ts', text), []);
    });

    it('a chained call without a timeout still leaves the client reported', () => {
      const text = "import OpenAI from 'openai';\nconst a = new OpenAI().withOptions({ maxRetries: 2 });\n";
      assert.deepStrictEqual(found(checkCode('src/a.ts', text)), ['2:llm-client-timeout']);
    });
  });

  describe('revision naming a branch', () => {
    const head = 'from transformers import AutoModel, pipeline';
    for (const branch of ['main', 'master', 'dev', 'latest']) {
      it(`revision="${branch}" is reported at the revision`, () => {
        const text = py(head, `m = AutoModel.from_pretrained("acme/encoder", revision="${branch}")`);
        const findings = checkCode('app/load.py', text);
        assert.deepStrictEqual(found(findings), ['2:unpinned-model-version']);
        assert.strictEqual(rangeText(text, findings[0]), `"${branch}"`);
        assert.match(findings[0].message, /branch/);
      });
    }

    it('a commit sha, a release tag, a local path or a variable is not reported', () => {
      const text = py(head,
        'a = AutoModel.from_pretrained("acme/encoder", revision="0e9e39f249a16976918f6564b8830bc894c89659")',
        'b = AutoModel.from_pretrained("acme/encoder", revision="v2.1.0")',
        'c = AutoModel.from_pretrained("./checkpoints/best", revision="main")',
        'd = AutoModel.from_pretrained("acme/encoder", revision=rev)',
        'e = pipeline("text-generation", model="acme/gen", revision="mainline")');
      assert.deepStrictEqual(checkCode('app/load.py', text), []);
    });

    it('a module constant holding a branch, and a model held in a variable, are reported', () => {
      const text = py(head, 'REV = "master"', 'm = AutoModel.from_pretrained(name, revision=REV)');
      assert.deepStrictEqual(found(checkCode('app/load.py', text)), ['3:unpinned-model-version']);
    });

    it('transformers.js options and data-file configs', () => {
      const js = "const m = await AutoModel.from_pretrained('acme/encoder', { revision: 'main' });\n";
      assert.deepStrictEqual(found(checkCode('src/m.js', js)), ['1:unpinned-model-version']);
      const yaml = 'model_name_or_path: acme/encoder\nmodel_revision: main\n';
      assert.deepStrictEqual(found(checkCode('conf/train.yaml', yaml)), ['2:unpinned-model-version']);
      const pinned = 'model_name_or_path: acme/encoder\nmodel_revision: 0e9e39f249a16976918f6564b8830bc894c89659\n';
      assert.deepStrictEqual(checkCode('conf/train.yaml', pinned), []);
    });
  });

  describe('tables keyed by model name list the models on offer', () => {
    it('JS: the entries of an Azure deployment map are not reported; a default model beside it is', () => {
      const text = [
        'const AZURE_MODELS: Record<string, { openAIModel: string }> = {',
        '  "gpt-35-turbo": { openAIModel: "gpt-3.5-turbo" },',
        '  "gpt-4o": { openAIModel: "gpt-4o" },',
        '  "gpt-4-turbo-2024-04-09": { openAIModel: "gpt-4-turbo" },',
        '};',
        'const config = { model: "gpt-4o" };',
        'const byEnv = { "prod-eu": { model: "gpt-4o" } };',
        '',
      ].join('\n');
      assert.deepStrictEqual(found(checkCode('src/azure.ts', text)), ['6:unpinned-model-version', '7:unpinned-model-version']);
    });

    it('Python: the same table as a dict; a config keyed by environment is still usage', () => {
      const text = py(
        'AZURE = {',
        '    "gpt-35-turbo": {"model": "gpt-3.5-turbo"},',
        '    "gpt-4o-mini": {"model": "gpt-4o-mini", "price": 0.15},',
        '}',
        'SETTINGS = {"prod": {"model": "gpt-4o"}}');
      assert.deepStrictEqual(found(checkCode('app/models.py', text)), ['5:unpinned-model-version']);
    });
    it('JS: the model parameter of a token counter picks an encoding, not a model to call', () => {
      const counter = [
        'class TokenManager {',
        '  constructor(model = "gpt-3.5-turbo") {',
        '    this.encoder = getEncoding(encodingForModel(model));',
        '  }',
        '}',
        'function countTokens(text, model = "gpt-4o") { return encode(text, model).length; }',
        'function ask(prompt, model = "gpt-4o") { return client.chat.completions.create({ model, messages: [prompt] }); }',
        '',
      ].join('\n');
      assert.deepStrictEqual(found(checkCode('src/tokens.js', counter)), ['7:unpinned-model-version']);
    });
  });
});
