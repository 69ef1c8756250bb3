// Suppression comments above a multi-line statement cover the whole statement; a marker inside a string
// literal suppresses nothing. Needs the suppressionsOf change that uses code/commentLines.ts.
import * as assert from 'assert';
import { checkCode, initCodeParsers } from '../../server/src/engine/code';
import { applySuppressions } from '../../server/src/engine/findings/suppress';

const rules = (file: string, text: string) => applySuppressions(file, text, checkCode(file, text)).map((f) => `${f.line}:${f.ruleId}`);

describe('suppressions over statements', () => {
  before(() => initCodeParsers());

  it('a comment above a multi-line call suppresses a finding three lines below it', () => {
    const text = [
      'from transformers import AutoModel',
      '# ai-preflight-ignore: trust-remote-code reviewed the modelling code at this revision',
      'model = AutoModel.from_pretrained(',
      '    name,',
      '    trust_remote_code=True)',
      'other = AutoModel.from_pretrained(name, trust_remote_code=True)',
      '',
    ].join('\n');
    assert.deepStrictEqual(rules('app/load.py', text), ['6:trust-remote-code']);
  });

  it('a comment trailing the first line of the call covers the call too', () => {
    const text = [
      'from transformers import AutoModel',
      'model = AutoModel.from_pretrained(  # ai-preflight-ignore: trust-remote-code reviewed',
      '    name,',
      '    trust_remote_code=True)',
      '',
    ].join('\n');
    assert.deepStrictEqual(rules('app/load.py', text), []);
  });

  it('the marker inside a string literal suppresses nothing', () => {
    const text = [
      'from transformers import AutoModel',
      'NOTE = "ai-preflight-ignore: trust-remote-code reviewed"',
      'model = AutoModel.from_pretrained(name, trust_remote_code=True)',
      'HASH = "# ai-preflight-ignore: trust-remote-code reviewed"; m2 = AutoModel.from_pretrained(name, trust_remote_code=True)',
      '',
    ].join('\n');
    assert.deepStrictEqual(rules('app/load.py', text), ['3:trust-remote-code', '4:trust-remote-code']);
  });

  it('the next statement after the covered one is not suppressed', () => {
    const text = [
      'from transformers import AutoModel',
      '# ai-preflight-ignore: trust-remote-code reviewed',
      'a = AutoModel.from_pretrained(name,',
      '    trust_remote_code=True)',
      'b = AutoModel.from_pretrained(name, trust_remote_code=True)',
      '',
    ].join('\n');
    assert.deepStrictEqual(rules('app/load.py', text), ['5:trust-remote-code']);
  });

  it('JS // comments and YAML # comments work the same way', () => {
    const js = [
      "import { AutoModel } from '@huggingface/transformers';",
      '// ai-preflight-ignore: trust-remote-code reviewed',
      'const m = load({',
      '  trust_remote_code: true,',
      '});',
      '',
    ].join('\n');
    assert.deepStrictEqual(rules('src/m.ts', js), []);
    const yaml = 'model:\n  # ai-preflight-ignore: trust-remote-code reviewed\n  trust_remote_code: true\n';
    assert.deepStrictEqual(rules('conf/m.yaml', yaml), []);
  });
});
