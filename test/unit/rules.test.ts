// The rule data itself: every built-in check loads and validates, every pattern is in the RE2 subset users
// get (so built-in and custom rules truly share one vocabulary), and the README's catalogue is current.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { loadBuiltinChecks, compileCheck } from '../../server/src/engine/rules/loadChecks';
import { re2Error } from '../../server/src/engine/rules/patterns';
import { codeRules } from '../../server/src/engine/rules/codeRules';
import { VERSION } from '../../server/src/engine/version';
import { repoRoot } from '../helpers';

const SPEC_IDS = ['ownership', 'eval-pipeline', 'monitoring', 'data-contract', 'rollback', 'model-card', 'ci', 'tests',
  'pinned-dependencies', 'hardcoded-secrets', 'business-metric', 'human-fallback', 'guardrails'];

function patternsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => patternsOf(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (['contains', 'contains-any', 'not-contains', 'not-after'].includes(k)) out.push(...(Array.isArray(v) ? v : [v]).map(String));
      else patternsOf(v, out);
    }
  }
  return out;
}

describe('built-in rules', () => {
  it('load all 13 checks of the spec, in catalogue order, each with docs, why and fix', () => {
    const defs = loadBuiltinChecks();
    assert.deepStrictEqual([...defs.map((d) => d.id)].sort(), [...SPEC_IDS].sort());
    for (const d of defs) {
      assert.ok(d.why.length > 40, `${d.id} needs a why`);
      assert.ok(d.fix.length > 20, `${d.id} needs a fix`);
      assert.ok(d.looksFor.length > 20, `${d.id} needs looks-for`);
      assert.ok(d.docs.endsWith('#' + d.id), `${d.id} docs anchor`);
    }
  });

  it('severities follow SPEC §6', () => {
    const sev = Object.fromEntries(loadBuiltinChecks().map((d) => [d.id, d.severity]));
    assert.deepStrictEqual(sev['hardcoded-secrets'], { poc: 'error', pilot: 'error', production: 'error' });
    for (const id of ['ownership', 'eval-pipeline', 'tests', 'business-metric', 'ci', 'pinned-dependencies', 'data-contract', 'guardrails']) {
      assert.deepStrictEqual(sev[id], { poc: 'info', pilot: 'warning', production: 'error' }, id);
    }
    for (const id of ['monitoring', 'rollback']) assert.deepStrictEqual(sev[id], { poc: 'info', pilot: 'info', production: 'error' }, id);
    for (const id of ['model-card', 'human-fallback']) assert.deepStrictEqual(sev[id], { poc: 'info', pilot: 'info', production: 'warning' }, id);
    const code = codeRules();
    assert.deepStrictEqual(code.get('trust-remote-code')!.severity, { poc: 'warning', pilot: 'warning', production: 'error' });
    for (const id of ['unsafe-deserialization', 'local-absolute-path', 'llm-client-timeout', 'unpinned-model-version']) {
      assert.deepStrictEqual(code.get(id)!.severity, { poc: 'info', pilot: 'info', production: 'warning' }, id);
    }
  });

  it('every built-in pattern compiles on RE2, the engine user patterns run on', () => {
    const dir = path.join(repoRoot, 'rules', 'checks');
    let count = 0;
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'index.yaml')) {
      for (const p of patternsOf(parse(fs.readFileSync(path.join(dir, f), 'utf8')))) {
        count++;
        assert.strictEqual(re2Error(p), undefined, `${f}: ${p}`);
      }
    }
    assert.ok(count > 50, `expected many patterns, saw ${count}`);
  });

  it('user rules may not use detectors, and a bad pattern is reported, not thrown', () => {
    const det = compileCheck({ id: 'x', title: 'X', pillar: 'trust', 'present-when': { detector: 'ci' } }, true);
    assert.strictEqual(det.def, undefined);
    assert.match(det.errors.join(), /built-in rules only/);
    const bad = compileCheck({ id: 'y', title: 'Y', pillar: 'trust', 'present-when': { file: 'a', contains: '(?<=x)y' } }, true);
    assert.strictEqual(bad.def, undefined);
    assert.match(bad.errors.join(), /invalid pattern/);
    const missing = compileCheck({ id: 'z', title: 'Z', pillar: 'nope' }, true);
    assert.ok(missing.errors.length > 0);
  });

  it('VERSION matches package.json', () => {
    assert.strictEqual(VERSION, JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
  });

  it("the README's check catalogue is generated from the current rules", () => {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'docs-checks.mjs')], { stdio: 'pipe' });
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const id of SPEC_IDS) assert.ok(readme.includes(`### ${id}\n`), `README section for ${id}`);
  });
});
