// Code-level rules on Python, JavaScript/TypeScript and data files: positive and negative
// fixtures per rule (look-alikes in comments, docstrings and plain strings), exact ranges, fixes.
import * as assert from 'assert';
import { checkCode, initCodeParsers } from '../../server/src/engine/code';
import { applyFix, expectedFromMarkers, found, lineOf, rangeText, readCodeFixture } from './codeHelpers';

describe('code rules', () => {
  before(async () => {
    // concurrent and repeated calls share one load
    await Promise.all([initCodeParsers(), initCodeParsers()]);
    await initCodeParsers();
  });

  describe('fixtures: every marked line is found, nothing else', () => {
    for (const name of ['timeout.py', 'pinning.py', 'trust.py', 'deserialization.py', 'deserialization-written.py', 'paths.py', 'clients.ts', 'clients.js', 'config.yaml']) {
      it(name, () => {
        const text = readCodeFixture(name);
        const expected = expectedFromMarkers(text);
        assert.ok(expected.length >= 2, 'fixture has expectations');
        assert.deepStrictEqual(found(checkCode(`src/${name}`, text)), expected);
      });
    }
  });

  it('every finding is info, names its file, and says why and how to fix', () => {
    const findings = checkCode('app/timeout.py', readCodeFixture('timeout.py'));
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.strictEqual(f.severity, 'info');
      assert.strictEqual(f.file, 'app/timeout.py');
      assert.ok(f.message.length > 80 && /timeout/i.test(f.message), f.message);
    }
  });

  describe('llm-client-timeout', () => {
    it('covers the constructor call exactly', () => {
      const text = readCodeFixture('timeout.py');
      const f = checkCode('t.py', text).find((x) => x.line === lineOf(text, 'bare = OpenAI()'))!;
      assert.strictEqual(rangeText(text, f), 'OpenAI()');
      assert.strictEqual(f.column, 7);
    });

    it('fix adds timeout=<default> to an empty and a non-empty constructor', () => {
      const text = 'from openai import OpenAI\na = OpenAI()\nb = OpenAI(max_retries=5,)\n';
      const findings = checkCode('t.py', text);
      assert.strictEqual(findings.length, 2);
      assert.strictEqual(applyFix(text, findings[0].fix!).split('\n')[1], 'a = OpenAI(timeout=60)');
      assert.strictEqual(applyFix(text, findings[1].fix!).split('\n')[2], 'b = OpenAI(max_retries=5, timeout=60,)');
      // the fixed text is clean
      assert.deepStrictEqual(checkCode('t2.py', applyFix(applyFix(text, findings[1].fix!), findings[0].fix!)), []);
    });

    it('the fix uses the configured default', () => {
      const [f] = checkCode('t.py', 'import anthropic\nc = anthropic.Anthropic()\n', { defaultTimeoutSeconds: 20 });
      assert.strictEqual(f.fix!.edits[0].newText, 'timeout=20');
    });

    it('timeout=None fix replaces None', () => {
      const text = 'from openai import OpenAI\nc = OpenAI(timeout=None)\n';
      const [f] = checkCode('t.py', text);
      assert.strictEqual(applyFix(text, f.fix!), 'from openai import OpenAI\nc = OpenAI(timeout=60)\n');
    });

    it('JS fix writes milliseconds into the options object', () => {
      const text = 'import OpenAI from "openai";\nconst a = new OpenAI();\nconst b = new OpenAI({ apiKey: k, });\nconst c = new OpenAI({});\n';
      const findings = checkCode('t.mjs', text);
      assert.strictEqual(findings.length, 3);
      const fixed = findings.reduceRight((t, f) => applyFix(t, f.fix!), text);
      assert.strictEqual(fixed, 'import OpenAI from "openai";\nconst a = new OpenAI({ timeout: 60000 });\nconst b = new OpenAI({ apiKey: k, timeout: 60000, });\nconst c = new OpenAI({ timeout: 60000 });\n');
    });

    it('a client class imported from another library is not the SDK', () => {
      assert.deepStrictEqual(checkCode('t.py', 'from mylib.fakes import OpenAI\nc = OpenAI()\n'), []);
      assert.deepStrictEqual(checkCode('t.ts', 'import { OpenAI } from "./fakes";\nconst c = new OpenAI();\n'), []);
    });

    it('TSX parses with JSX around the client', () => {
      const text = 'import OpenAI from "openai";\nconst c = new OpenAI();\nexport const App = () => <div>{String(c)}</div>;\n';
      assert.deepStrictEqual(found(checkCode('App.tsx', text)), ['2:llm-client-timeout']);
    });
  });

  describe('unpinned-model-version', () => {
    it('names the snapshot to pin in the message', () => {
      const text = readCodeFixture('pinning.py');
      const f = checkCode('p.py', text).find((x) => x.line === lineOf(text, 'MODEL = "gpt-4o"'))!;
      assert.strictEqual(rangeText(text, f), '"gpt-4o"');
      assert.match(f.message, /gpt-4o-\d{4}-\d{2}-\d{2}/);
    });

    it('hub id range is the argument, message asks for revision=', () => {
      const text = readCodeFixture('pinning.py');
      const f = checkCode('p.py', text).find((x) => x.line === lineOf(text, 'from_pretrained("meta-llama'))!;
      assert.strictEqual(rangeText(text, f), '"meta-llama/Llama-3.1-8B"');
      assert.match(f.message, /revision=/);
    });
  });

  describe('unsafe-deserialization', () => {
    it('torch.load fix adds weights_only=True and the result is clean', () => {
      const text = 'import torch\n\ndef load(p):\n    return torch.load(p, map_location="cpu")\n';
      const [f] = checkCode('m.py', text);
      assert.strictEqual(f.ruleId, 'unsafe-deserialization');
      const fixed = applyFix(text, f.fix!);
      assert.ok(fixed.includes('torch.load(p, map_location="cpu", weights_only=True)'), fixed);
      assert.deepStrictEqual(checkCode('m.py', fixed), []);
    });

    it('loads() speaks of bytes from outside the process, load() of a file', () => {
      const text = readCodeFixture('deserialization.py');
      const findings = checkCode('m.py', text);
      const loads = findings.find((x) => x.line === lineOf(text, 'pickle.loads(blob)'))!;
      assert.match(loads.message, /^pickle\.loads\(\) can execute arbitrary code hidden in the bytes/);
      assert.doesNotMatch(loads.message, /file/);
      assert.match(findings.find((x) => x.line === lineOf(text, 'pickle.load(open(path'))!.message, /stored in the file/);
    });

    it('weights_only=False is reported without a fix', () => {
      const text = readCodeFixture('deserialization.py');
      const f = checkCode('m.py', text).find((x) => x.line === lineOf(text, 'weights_only=False'))!;
      assert.ok(f && !f.fix && /weights_only=False/.test(f.message));
    });
  });

  describe('local-absolute-path', () => {
    it('range is the path inside the string, escapes included', () => {
      const text = readCodeFixture('paths.py');
      const findings = checkCode('p.py', text);
      assert.strictEqual(rangeText(text, findings.find((f) => f.line === lineOf(text, 'TRAIN ='))!), '/Users/alice/data/train.csv');
      assert.strictEqual(rangeText(text, findings.find((f) => f.line === lineOf(text, 'WIN ='))!), 'C:\\\\Users\\\\carol\\\\Documents\\\\model.bin');
    });

    it('one finding per string: a stack trace naming the same home folder in every frame', () => {
      const trace = 'Error: boom\\n    at file:///Users/tao/ws/app/node_modules/a.js:1:2\\n    at file:///Users/tao/ws/app/node_modules/b.js:3:4\\n    at /Users/tao/ws/app/src/c.ts:5:6';
      for (const [file, text] of [['trace.ts', `export const stack = '${trace}';\nexport const other = '/Users/tao/data.csv';\n`], ['trace.py', `STACK = '${trace}'\nOTHER = '/Users/tao/data.csv'\n`]]) {
        const findings = checkCode(file, text);
        assert.deepStrictEqual(findings.map((f) => `${f.line}:${f.ruleId}`), ['1:local-absolute-path', '2:local-absolute-path'], file);
        assert.ok(rangeText(text, findings[0]).startsWith('/Users/tao/ws/app/node_modules/a.js'), file);
      }
    });

    it('container, CI and cloud service users are not a person', () => {
      const homes = ['agent', 'jovyan', 'runner', 'ubuntu', 'sandbox', 'site', 'model-server', 'app', 'node', 'kubernetes', 'airflow', 'daytona'];
      const text = homes.map((h, i) => `P${i} = "/home/${h}/workspace/data.csv"`).join('\n') + '\nMINE = "/home/dana/work/data.csv"\n';
      assert.deepStrictEqual(checkCode('p.py', text).map((f) => `${f.line}:${f.ruleId}`), [`${homes.length + 1}:local-absolute-path`]);
    });
  });

  describe('JSON and .env', () => {
    it('JSON lines are 1-based and point at the offending line', () => {
      const text = readCodeFixture('config.json');
      const findings = checkCode('cfg/config.json', text);
      assert.deepStrictEqual(found(findings), ['2:unpinned-model-version', '4:trust-remote-code', '6:local-absolute-path']);
      assert.strictEqual(rangeText(text, findings[0]), '"gpt-4o"');
      assert.strictEqual(rangeText(text, findings[2]), '/Users/gina/data');
    });

    it('.env values are checked; comments are not', () => {
      const text = readCodeFixture('fixture.env');
      const findings = checkCode('fixture.env', text);
      assert.deepStrictEqual(found(findings), ['2:unpinned-model-version', '4:trust-remote-code', '5:local-absolute-path']);
      assert.strictEqual(rangeText(text, findings[2]), '/Users/hana/data');
    });
  });

  describe('robustness', () => {
    it('bad input yields no findings and never throws', () => {
      assert.deepStrictEqual(checkCode('x.json', '{"model": "gpt-4o",,,'), []);
      assert.deepStrictEqual(checkCode('x.yaml', 'a: [1, 2\n  b: : :'), []);
      assert.deepStrictEqual(checkCode('x.py', 'def (((:\n  OpenAI(\n'), []);
      assert.deepStrictEqual(checkCode('x.py', 'a\u0000b'), []);
      assert.deepStrictEqual(checkCode('README.md', 'client = OpenAI()'), []);
    });

    it('re-checking an edited document moves and clears findings (incremental parse)', () => {
      const v1 = 'import torch\nx = torch.load(p)\n';
      assert.deepStrictEqual(found(checkCode('edit.py', v1)), ['2:unsafe-deserialization']);
      const v2 = '# header\n' + v1;
      assert.deepStrictEqual(found(checkCode('edit.py', v2)), ['3:unsafe-deserialization']);
      const v3 = v2.replace('torch.load(p)', 'torch.load(p, weights_only=True)');
      assert.deepStrictEqual(checkCode('edit.py', v3), []);
    });
  });
});
