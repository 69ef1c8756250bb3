// Grammars load on first need: a scan of Python code never loads the TypeScript and TSX grammars (~15 MB and
// ~20 ms per thread). Run in a child process, since this test process has loaded every grammar already.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { parserLanguagesFor } from '../../server/src/engine/code';
import { LLM_BASE, tempTree } from './engine-support.test';

describe('parser grammars load on first need', () => {
  it('parserLanguagesFor names the grammar each file kind needs', () => {
    const table = ['a.py', 'n.ipynb', 'a.js', 'a.jsx', 'a.ts', 'a.tsx', 'c.yaml', 'c.json', '.env', 'types.d.ts', 'README.md']
      .map((f) => `${f}:${parserLanguagesFor(f).join('+')}`);
    assert.deepStrictEqual(table, ['a.py:python', 'n.ipynb:python', 'a.js:javascript', 'a.jsx:javascript', 'a.ts:typescript',
      'a.tsx:tsx', 'c.yaml:', 'c.json:', '.env:', 'types.d.ts:', 'README.md:']);
  });

  it('a Python project scan loads only the Python grammar; a TypeScript file then loads its own', () => {
    const root = tempTree({ ...LLM_BASE, 'app/timeouts.py': 'from openai import OpenAI\n\nclient = OpenAI()\n' });
    const engine = path.resolve(__dirname, '../../server/src/engine');
    const script = `
      const { scan, checkDocument } = require(${JSON.stringify(path.join(engine, 'scan'))});
      const { loadedLanguages } = require(${JSON.stringify(path.join(engine, 'code/parsers'))});
      (async () => {
        process.env.AI_PREFLIGHT_THREADS = '1';
        const result = await scan({ root: ${JSON.stringify(root)} });
        const afterScan = loadedLanguages();
        const ts = await checkDocument(${JSON.stringify(root)}, 'app/web.ts', "import OpenAI from 'openai';\\nconst c = new OpenAI();\\n");
        console.log(JSON.stringify({ afterScan, afterTs: loadedLanguages(), pyFindings: result.findings.length, tsFindings: ts.length }));
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.deepStrictEqual(out.afterScan, ['python']);
    assert.deepStrictEqual(out.afterTs, ['python', 'typescript']);
    assert.ok(out.pyFindings > 0 && out.tsFindings > 0, JSON.stringify(out));
  });

  it('grammars asked for at the same time all load (loads are queued: concurrent ones break the wasm linker)', () => {
    const index = path.resolve(__dirname, '../../server/src/engine/code/index');
    const script = `
      const { initCodeParsers, checkCode } = require(${JSON.stringify(index)});
      const { loadedLanguages } = require(${JSON.stringify(index.replace(/index$/, 'parsers'))});
      Promise.all([initCodeParsers(['tsx']), initCodeParsers(['typescript', 'javascript']), initCodeParsers(['python']), initCodeParsers()])
        .then(() => console.log(JSON.stringify({ loaded: loadedLanguages(), tsx: checkCode('a.tsx', "import OpenAI from 'openai';\\nconst c = new OpenAI();\\n").length })));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.deepStrictEqual(out, { loaded: ['javascript', 'python', 'tsx', 'typescript'], tsx: 1 });
  });
});
