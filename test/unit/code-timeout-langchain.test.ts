// llm-client-timeout: LangChain's init_chat_model builds the chat model and passes timeout= on to it.
import * as assert from 'assert';
import { checkCode, initCodeParsers } from '../../server/src/engine/code';
import { found } from './codeHelpers';

const lines = (...l: string[]) => l.join('\n') + '\n';
const timeouts = (file: string, text: string) => checkCode(file, text).filter((f) => f.ruleId === 'llm-client-timeout');

describe('code rules: llm-client-timeout and init_chat_model', () => {
  before(() => initCodeParsers());

  it('init_chat_model without timeout= is reported, with a fix that adds it', () => {
    const text = lines(
      'from langchain.chat_models import init_chat_model',
      'model = init_chat_model(model=name, max_tokens=1000, api_key=key, tags=["x"])',
      'configurable = init_chat_model(configurable_fields=("model", "max_tokens"))',
    );
    const findings = timeouts('app/agent.py', text);
    assert.deepStrictEqual(found(findings), ['2:llm-client-timeout', '3:llm-client-timeout']);
    assert.match(findings[0].message, /^The chat model from init_chat_model\(\) is created without a timeout/);
    assert.strictEqual(findings[0].fix?.edits[0].newText, ', timeout=60');
  });

  it('not reported with timeout=, **kwargs, a local Ollama model, or another package\'s function of that name', () => {
    const text = lines(
      'from langchain.chat_models import init_chat_model',
      'from mylib import init_chat_model as other',
      'a = init_chat_model(model=name, timeout=30)',
      'b = init_chat_model(model=name, **settings)',
      'c = init_chat_model("ollama:llama3")',
      'd = init_chat_model(model="llama3", model_provider="ollama")',
    );
    assert.deepStrictEqual(timeouts('app/agent.py', text), []);
    assert.deepStrictEqual(timeouts('app/other.py', lines('from mylib import init_chat_model', 'm = init_chat_model(model=name)')), []);
  });
});
