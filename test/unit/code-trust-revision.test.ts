// trust-remote-code: the advice follows the revision= the call already passes (a date or tag is no pin).
import * as assert from 'assert';
import { checkCode, initCodeParsers } from '../../server/src/engine/code';

const lines = (...l: string[]) => l.join('\n') + '\n';
const trustMessages = (file: string, text: string) => checkCode(file, text).filter((f) => f.ruleId === 'trust-remote-code').map((f) => f.message);

describe('code rules: trust-remote-code advice and revision=', () => {
  before(() => initCodeParsers());

  it('a revision that is a date or tag, given directly or through a variable, is named as no pin', () => {
    const text = lines(
      'model_id = "acme/vision"',
      'revision = "2024-04-02"',
      'm = AutoModelForCausalLM.from_pretrained(model_id, trust_remote_code=True, revision=revision)',
      't = AutoModel.from_pretrained(model_id, trust_remote_code=True, revision="v1.0")',
    );
    const [first, second] = trustMessages('app/vision.py', text);
    assert.match(first, /revision="2024-04-02" names a branch or tag.*full commit SHA/);
    assert.match(second, /revision="v1\.0" names a branch or tag/);
  });

  it('a commit SHA is acknowledged; an unreadable revision and no revision get their own advice', () => {
    const sha = '0e9e39f249a16976918f6564b8830bc894c89659';
    const text = lines(
      `a = AutoModel.from_pretrained("acme/x", trust_remote_code=True, revision="${sha}")`,
      'def load(rev):',
      '    return AutoModel.from_pretrained("acme/x", trust_remote_code=True, revision=rev)',
      'c = AutoModel.from_pretrained("acme/x", trust_remote_code=True)',
    );
    const [pinned, unreadable, none] = trustMessages('app/load.py', text);
    assert.match(pinned, /keep revision= on the commit you reviewed \("0e9e39f249a1…"\)/);
    assert.match(unreadable, /make sure the revision= passed is a full commit SHA/);
    assert.match(none, /pin revision= to a commit you have reviewed\.$/);
  });

  it('JS: a tag beside trust_remote_code gets the same advice', () => {
    const [message] = trustMessages('src/load.ts', "const m = await AutoModel.from_pretrained('acme/x', { trust_remote_code: true, revision: 'main' });\n");
    assert.match(message, /revision="main" names a branch or tag/);
  });
});
