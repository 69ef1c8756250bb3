// Property/fuzz suite: random and mutated YAML, JSON, TOML, notebooks, requirements, configs and
// random trees never crash scan(), finish in bounded time, and always give a valid JSON contract.
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { checkDocument, scan } from '../../server/src/engine/scan';
import { parseConfig } from '../../server/src/engine/config/config';
import type { Note } from '../../server/src/engine/types';
import { makeTree } from '../helpers';
import { assertContract, record } from './robust/util';
import { contentFor, SEEDS, treeArb } from './robust/seeds';

/** Per-scan bound for a tree of at most 8 small files: generous, but a hang or blow-up fails. */
const PER_SCAN_MS = 5_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

describe('robustness: fuzzing the engine', function () {
  this.timeout(120_000);
  const made: string[] = [];
  let slowest = 0;
  let runs = 0;
  before(() => console.log(`    fuzz seed ${SEED} (set FUZZ_SEED to replay)`));
  after(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
    record(`fuzz: ${runs} random/mutated trees through scan()`, 'no crash, contract valid', slowest);
  });

  async function scanChecked(files: Record<string, string>): Promise<void> {
    const root = makeTree(files);
    made.push(root);
    await scanRootChecked(root);
  }

  async function scanRootChecked(root: string): Promise<void> {
    const t0 = Date.now();
    const result = await scan({ root });
    const ms = Date.now() - t0;
    runs++;
    slowest = Math.max(slowest, ms);
    assert.ok(ms < PER_SCAN_MS, `scan took ${ms} ms`);
    assertContract(result);
    for (const n of result.notes) assert.ok(typeof n.message === 'string' && n.message.length > 0, 'notes have messages');
  }

  it('random trees of mutated manifests, notebooks, configs and code', async () => {
    await fc.assert(fc.asyncProperty(treeArb, scanChecked), { numRuns: 120, seed: SEED, endOnFailure: true });
  });

  for (const name of ['requirements.txt', 'pyproject.toml', 'package.json', 'notebook.ipynb', '.ai-preflight.yaml', 'environment.yml']) {
    it(`mutated ${name} beside a real AI project`, async () => {
      const arb = contentFor(name).map((c) => ({ 'requirements.txt': 'openai==1.30.0\n', 'app.py': 'import openai\n', [name]: c }));
      await fc.assert(fc.asyncProperty(arb, scanChecked), { numRuns: 40, seed: SEED, endOnFailure: true });
    });
  }

  // Regression (found by this fuzzer; fixed by robust-patches 02): `null` crashed notebookSource.
  it('a notebook that is valid JSON but not an object (null, 3, "x", []) is skipped, not a crash', async () => {
    for (const text of ['null', '3', '"x"', '[]', 'true']) await scanChecked({ 'requirements.txt': 'torch==2.1\n', 'nb.ipynb': text });
  });

  // Regression (found by this fuzzer; fixed by robust-patches 03): toJS threw out of parseConfig.
  it('a config with an unresolved alias or an alias bomb is a config error, not a crash', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill('*' + 'abcdefg'[i]).join(', ')}]`)].join('\n');
    for (const text of ['<<: *a\n', 'stage: *nope\n', bomb]) {
      const root = makeTree({ 'requirements.txt': 'openai==1.30.0\n', '.ai-preflight.yaml': text });
      made.push(root);
      const result = await scan({ root });
      assert.ok(result.notes.some((n) => n.kind === 'config-error' && n.file === '.ai-preflight.yaml'), text.slice(0, 20));
    }
  });

  it('parseConfig never throws on any text and reports errors with a line', () => {
    fc.assert(fc.property(fc.oneof(contentFor('.ai-preflight.yaml'), fc.string({ unit: 'binary' })), (text) => {
      const notes: Note[] = [];
      const cfg = parseConfig('.ai-preflight.yaml', text, notes);
      assert.ok(cfg && typeof cfg.rules === 'object');
      for (const n of notes) assert.ok(n.line === undefined || (Number.isInteger(n.line) && n.line >= 1), `line ${n.line}`);
    }), { numRuns: 400, seed: SEED });
  });

  it('checkDocument (the editor path) never throws on mutated code', async () => {
    const root = makeTree({ 'requirements.txt': 'openai==1.30.0\n', 'app.py': SEEDS['app.py'], 'index.ts': SEEDS['index.ts'] });
    made.push(root);
    await scan({ root });
    const arb = fc.tuple(fc.constantFrom('app.py', 'index.ts', 'nb.ipynb', 'x.json', '.env'), fc.oneof(contentFor('app.py'), contentFor('index.ts'), contentFor('notebook.ipynb')));
    await fc.assert(fc.asyncProperty(arb, async ([rel, text]) => {
      const t0 = Date.now();
      const findings = await checkDocument(root, rel, text);
      assert.ok(Date.now() - t0 < 2_000);
      for (const f of findings) assert.ok(f.line >= 1 && f.file === rel, JSON.stringify({ line: f.line, file: f.file }));
    }), { numRuns: 150, seed: SEED });
  });

  it('random file names (unicode, spaces, dots, deep) never break the crawl', async () => {
    const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !/[\/\0]/.test(s) && s !== '.' && s !== '..' && Buffer.byteLength(s) < 200);
    const arb = fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 4 }).map((p) => p.join('/')), { minLength: 1, maxLength: 6 })
      .map((paths) => Object.fromEntries([['requirements.txt', 'torch==2.1\n'], ...paths.map((p) => [p + '.py', 'import torch\n'])]));
    await fc.assert(fc.asyncProperty(arb, async (files) => {
      let root: string;
      try {
        root = makeTree(files);
      } catch (e) {
        // A name the file system refuses (or a file/folder clash) is the generator's problem, not the engine's.
        if ((e as NodeJS.ErrnoException).code && /^E(NOTDIR|EXIST|ISDIR|NAMETOOLONG|ILSEQ|INVAL)$/.test((e as NodeJS.ErrnoException).code!)) return;
        throw e;
      }
      made.push(root);
      await scanRootChecked(root); // any error here is the engine's: never swallowed
    }), { numRuns: 60, seed: SEED });
    assert.ok(path.isAbsolute(made[0]));
  });
});
