// Benchmark of the code-level rules: parser start-up cost, and the time to re-check a 2,000-line
// Python file after one edit (median of 50 edits, incremental re-parse through the tree cache).
// It bundles server/src/engine/code with esbuild like the real build (wasm files beside the bundle),
// so it also proves the bundled layout loads. Usage: node scripts/bench-code.mjs
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'aipf-bench-'));
const outfile = join(dir, 'code.js');
await build({ entryPoints: ['server/src/engine/code/index.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
mkdirSync(join(dir, 'wasm'));
const code = require(outfile);
for (const file of code.WASM_FILES) {
  const from = file === 'tree-sitter.wasm' ? 'web-tree-sitter/tree-sitter.wasm' : `tree-sitter-wasms/out/${file}`;
  copyFileSync(require.resolve(from), join(dir, 'wasm', file));
}

const t0 = performance.now();
await code.initCodeParsers();
const startup = performance.now() - t0;

// A realistic 2,000-line module: imports, clients, loads, helpers.
const block = (i) => [
  `def step_${i}(client, rows, path="data/${i}.csv"):`,
  `    """Score rows for batch ${i}."""`,
  `    resp = client.chat.completions.create(model="gpt-4o-mini-2024-07-18", messages=[{"role": "user", "content": str(rows)}])`,
  `    total = sum(len(r) for r in rows)  # a comment with OpenAI() in it`,
  `    if total > ${i}:`,
  `        return {"id": ${i}, "text": resp.choices[0].message.content, "n": total}`,
  `    return None`,
  '',
];
const header = ['import pickle', 'import torch', 'from openai import OpenAI', 'client = OpenAI(timeout=30)', 'state = torch.load(path_from_user)', ''];
const lines = [...header];
for (let i = 0; lines.length < 2000; i++) lines.push(...block(i));
lines.length = 2000;
let text = lines.join('\n');

const cold0 = performance.now();
const first = code.checkCode('bench/app.py', text);
const cold = performance.now() - cold0;

const times = [];
for (let i = 0; i < 50; i++) {
  const line = 200 + i * 30; // one keystroke-sized edit somewhere in the file
  const at = text.split('\n').slice(0, line).join('\n').length + 1;
  text = text.slice(0, at) + `x_${i} = ${i}\n` + text.slice(at);
  const s = performance.now();
  code.checkCode('bench/app.py', text);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
// The same edits with no tree to re-use (a fresh document key each time): a full parse per check.
const fullTimes = [];
for (let i = 0; i < 20; i++) {
  text = text.replace(`x_${i} = ${i}\n`, `x_${i} = ${i + 1}\n`);
  const s = performance.now();
  code.checkCode(`bench/full-${i}.py`, text);
  fullTimes.push(performance.now() - s);
}
fullTimes.sort((a, b) => a - b);
const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log(`parser start-up (runtime + 4 grammars): ${fmt(startup)}`);
console.log(`first check of a 2,000-line Python file: ${fmt(cold)} (${first.length} findings)`);
console.log(`re-check after one edit, median of 50 (incremental re-parse): ${fmt(times[25])} (p90 ${fmt(times[45])}, max ${fmt(times[49])})`);
console.log(`re-check with a full re-parse, median of 20: ${fmt(fullTimes[10])}`);
