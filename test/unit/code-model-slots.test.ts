// unpinned-model-version: where a model name counts as one the code calls. LangChain `provider:model` ids,
// display labels, cost and usage records, model wrappers (`getModel("gpt-4o", "openai")`), and Azure
// deployment names, whose version is set on the deployment.
import * as assert from 'assert';
import { checkCode, initCodeParsers } from '../../server/src/engine/code';
import { found } from './codeHelpers';

const lines = (...l: string[]) => l.join('\n') + '\n';
const rule = 'unpinned-model-version';
// Only this rule's findings: the fixtures' client constructors also draw llm-client-timeout.
const pins = (file: string, text: string) => checkCode(file, text).filter((f) => f.ruleId === rule);

describe('code rules: unpinned-model-version slots', () => {
  before(() => initCodeParsers());

  describe('LangChain provider:model ids', () => {
    it('init_chat_model("openai:gpt-4.1-mini") and a Field default in that format are reported', () => {
      const text = lines(
        'from langchain.chat_models import init_chat_model',
        'a = init_chat_model(model="openai:gpt-4.1-mini")',
        'class Configuration(BaseModel):',
        '    research_model: str = Field(default="anthropic:claude-sonnet-4-5")',
        '    summarization_model: str = "google_genai:gemini-2.0-flash"',
      );
      assert.deepStrictEqual(found(pins('app/config.py', text)), [`2:${rule}`, `4:${rule}`, `5:${rule}`]);
      assert.match(pins('app/config.py', text)[0].message, /"openai:gpt-4\.1-mini".*"gpt-4\.1-mini-2025-04-14"/);
    });

    it('local runtimes, URLs and unknown prefixes are not stripped', () => {
      const text = lines(
        'a = init_chat_model(model="ollama:gpt-4o")',
        'b = ChatOpenAI(model="https:gpt-4o")',
        'c = ChatOpenAI(model="openai://gpt-4o")',
      );
      assert.deepStrictEqual(pins('app/llm.py', text), []);
    });

    it('JS: a provider registry id is reported', () => {
      const text = "const model = registry.languageModel('openai:gpt-4o');\n";
      assert.deepStrictEqual(found(pins('src/llm.ts', text)), [`1:${rule}`]);
    });
  });

  describe('display labels', () => {
    it('a model picker entry reports its id, not its label', () => {
      const text = lines(
        'export const MODELS = [',
        '  {',
        '    modelId: "gpt-4o",',
        '    modelName: "GPT-4o",',
        '    label: "gpt-4o",',
        '  },',
        '];',
      );
      assert.deepStrictEqual(found(pins('lib/models.ts', text)), [`3:${rule}`]);
    });

    it('Python: display_name and *_label keywords are not reported, model= is; LangChain JS modelName still is', () => {
      const py = 'llm = ChatOpenAI(model="gpt-4o", model_label="gpt-4o", display_model="gpt-4o")\n';
      assert.deepStrictEqual(found(pins('app/llm.py', py)), [`1:${rule}`]);
      assert.deepStrictEqual(found(pins('src/llm.ts', 'const llm = new ChatOpenAI({ modelName: "gpt-4o", timeout: 1 });\n')), [`1:${rule}`]);
    });
  });

  describe('cost, usage and tokenizer records', () => {
    it('JS: cost tracking calls, usage objects, price lookups and a tokenizer default are not reported', () => {
      const text = lines(
        'costTracking.addCall({ type: "other", model: "openai/gpt-4o", cost: 1 });',
        'const out = { totalUsage: { promptTokens: 0, model: "gemini-2.0-flash" } };',
        'const usage = { model: "gpt-4o", tokens: 3 };',
        'export function estimateCost(u: Usage): number {',
        '  const model = u.model ?? (process.env.MODEL_NAME || "gpt-4o-mini");',
        '  return prices[model];',
        '}',
        'export function trimToTokenLimit(text: string, max: number, modelId: string = "gpt-4o") {',
        '  return encoding_for_model(modelId as TiktokenModel);',
        '}',
      );
      assert.deepStrictEqual(pins('src/usage.ts', text), []);
    });

    it('JS: a model call beside them is still reported', () => {
      const text = lines(
        'const r = await client.chat.completions.create({ model: "gpt-4o", stream_options: { include_usage: true } });',
        'const model = process.env.MODEL_NAME || "gpt-4o-mini";',
        'await this.costTrackedClient.chat.completions.create({ model: "gpt-4o" });',
      );
      assert.deepStrictEqual(found(pins('src/call.ts', text)), [`1:${rule}`, `2:${rule}`, `3:${rule}`]);
    });

    it('Python: usage records and a cost function are not reported; the call is', () => {
      const text = lines(
        'tracker.add_call(model="gpt-4o", cost=1)',
        'usage = {"model": "gpt-4o", "tokens": 3}',
        'record = {"usage": {"model": "gpt-4o"}}',
        'def estimate_cost(u):',
        '    model = u.model or "gpt-4o"',
        '    return PRICES[model]',
        'r = client.chat.completions.create(model="gpt-4o", messages=m)',
      );
      assert.deepStrictEqual(found(pins('app/usage.py', text)), [`7:${rule}`]);
    });

    it('Python: a cost function in a long module, where only the statements around a candidate are parsed', () => {
      const filler = Array.from({ length: 60 }, (_, i) => `def helper_${i}(x):\n    y = x + ${i}\n    return y\n`).join('\n');
      const text = filler + lines(
        'def estimate_cost(u):',
        '    model = u.model or "gpt-4o"',
        '    return PRICES[model]',
      );
      assert.deepStrictEqual(pins('app/usage.py', text), []);
    });
  });

  describe('model wrappers given an alias', () => {
    it('getModel("gpt-4o", "openai") and init_chat_model("gpt-4o") are reported', () => {
      const js = lines(
        'const r = await generateText({ model: getModel("gpt-4o", "openai"), prompt });',
        'export async function run(model = getModel("gpt-4o-mini", "openai")) {}',
      );
      assert.deepStrictEqual(found(pins('src/run.ts', js)), [`1:${rule}`, `2:${rule}`]);
      const py = lines('llm = init_chat_model("gpt-4o", model_provider="openai")', 'agent = Agent(OpenAIModel("gpt-4.1"))');
      assert.deepStrictEqual(found(pins('app/run.py', py)), [`1:${rule}`, `2:${rule}`]);
    });

    it('other calls, tokenizers and names that are only -latest-shaped are not', () => {
      const js = lines('const e = encodingForModel("gpt-4o");', 'log("gpt-4o");', 'const m = getModel("my-tuned-latest");');
      assert.deepStrictEqual(pins('src/run.ts', js), []);
      const py = lines('e = tiktoken.encoding_for_model("gpt-4o")', 'price = model_price("gpt-4o")', 'print("gpt-4o")');
      assert.deepStrictEqual(pins('app/run.py', py), []);
    });
  });

  describe('Azure deployments', () => {
    it('azure/<deployment> and azure_deployment= are reported with deployment advice, not a dated snapshot', () => {
      const text = lines(
        'lm = LitellmModel(model="azure/gpt-4o", max_tokens=500)',
        'llm = AzureChatOpenAI(azure_deployment="gpt-4o-mini")',
        'other = ChatOpenAI(model="openai/gpt-4o")',
      );
      const findings = pins('app/lm.py', text);
      assert.deepStrictEqual(found(findings), [`1:${rule}`, `2:${rule}`, `3:${rule}`]);
      for (const f of findings.slice(0, 2)) {
        assert.match(f.message, /Azure OpenAI deployment/);
        assert.doesNotMatch(f.message, /Pin a dated snapshot/);
      }
      assert.match(findings[2].message, /Pin a dated snapshot such as "gpt-4o-2024-11-20"/);
    });

    it('config files: a deployment key gets the same advice', () => {
      const findings = pins('config/app.yaml', 'llm:\n  deployment_name: gpt-4o\n');
      assert.strictEqual(findings.length, 1);
      assert.match(findings[0].message, /Azure OpenAI deployment/);
    });
  });
});
