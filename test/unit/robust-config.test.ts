// Hostile .ai-preflight.yaml files: wrong types, a symlink leading outside, a FIFO, a huge file.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import { makeTree } from '../helpers';
import { assertContract, leakedIn, plantedKeys, record, runCli, within } from './robust/util';

const PROJECT = { 'requirements.txt': 'openai==1.30.0\n', 'app.py': 'import openai\n' };

describe('robustness: hostile configuration', function () {
  this.timeout(60_000);

  it('config keys of the wrong type become config errors at the key; the scan still runs every check', async () => {
    const root = makeTree({
      ...PROJECT,
      '.ai-preflight.yaml': [
        'stage: 5', 'projects: { a: 1 }', 'ignore: "not-a-list"', 'rules: [1, 2]',
        'custom: "nope"', 'extra: { deeply: [nested, { x: y }] }', '',
      ].join('\n'),
      'sub/.ai-preflight.yaml': 'rules:\n  model-card: 42\n  ownership: { severity: [error] }\ncustom:\n  - id: 7\n    title: []\n',
    });
    const t0 = Date.now();
    const result = await within(10_000, 'scan with a wrong-typed config', scan({ root }));
    record('.ai-preflight.yaml with every key of the wrong type', `${result.notes.filter((n) => n.kind === 'config-error').length} config errors`, Date.now() - t0);
    assertContract(result);
    const keys = result.notes.filter((n) => n.kind === 'config-error' && n.file === '.ai-preflight.yaml').map((n) => n.key);
    for (const k of ['stage', 'projects', 'ignore', 'rules', 'custom', 'extra']) assert.ok(keys.includes(k), `error at ${k}: ${keys.join(',')}`);
    assert.ok(result.projects.length === 1 && result.projects[0].checks.length >= 10, 'the built-in checks still ran');
    assert.strictEqual(result.projects[0].stage, 'pilot', 'an invalid stage falls back to the default');
    // The CLI names the problem (exit 2 is its documented "configuration error"), no stack trace.
    const r = await runCli(['scan', root], { timeoutMs: 30_000 });
    assert.strictEqual(r.code, 2);
    assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at \S+ \(/, 'no stack trace');
    assert.match(r.stdout + r.stderr, /stage/);
  });

  it('a custom rule with a catastrophic pattern runs on RE2 and finishes fast', async () => {
    const root = makeTree({
      ...PROJECT,
      '.ai-preflight.yaml': [
        'custom:',
        '  - { id: redos-1, title: A, pillar: trust, present-when: { file: "**/*.txt", contains: "(a+)+$" } }',
        '  - { id: redos-2, title: B, pillar: trust, present-when: { file: "**/*.txt", contains: "^(a|a?)+b" } }',
        '  - { id: redos-3, title: C, pillar: trust, present-when: { file: "**/*.txt", contains: "(\\\\w+\\\\s?)*$" } }',
        '  - { id: bad-syntax, title: D, pillar: trust, present-when: { file: "**", contains: "(?<=x)y" } }',
        '',
      ].join('\n'),
      'input.txt': 'a'.repeat(200_000) + '!\n' + 'word '.repeat(50_000) + '#\n',
    });
    const t0 = Date.now();
    const result = await within(15_000, 'scan with ReDoS patterns', scan({ root }));
    const ms = Date.now() - t0;
    record('custom rules (a+)+$, ^(a|a?)+b, (\\w+\\s?)*$ on 450 KB of adversarial text', 'finished; lookbehind rejected as invalid', ms);
    assert.ok(ms < 10_000, `took ${ms} ms`);
    const ids = result.projects[0].checks.map((c) => c.id);
    for (const id of ['redos-1', 'redos-2', 'redos-3']) assert.ok(ids.includes(id), id);
    assert.ok(result.notes.some((n) => n.kind === 'config-error' && /bad-syntax/.test(n.message)), 'a non-RE2 pattern is a config error, not a crash');
  });

  // Regression (robust-patches 01): the root config was read through a symlink leading outside.
  it('a root .ai-preflight.yaml that is a symlink outside the workspace is never read', async () => {
    const outside = makeTree({ 'secret.yaml': '' });
    const key = plantedKeys().find((k) => k.rule === 'aws-access-key-id')!.key;
    fs.writeFileSync(path.join(outside, 'secret.yaml'), `${key}: 1\nstage: production\n`);
    const root = makeTree(PROJECT);
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, '.ai-preflight.yaml'));
    const result = await scan({ root });
    assert.deepStrictEqual(leakedIn(JSON.stringify(result), [key]), []);
    assert.strictEqual(result.projects[0].stage, 'pilot', 'the outside file did not set the stage');
    const r = await runCli(['scan', root, '--verbose'], { timeoutMs: 30_000 });
    assert.deepStrictEqual(leakedIn(r.stdout + r.stderr, [key]), []);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}`);
  });

  // Regression (robust-patches 01): a FIFO root config blocked the scan forever (readFileSync on a pipe).
  it('a FIFO named .ai-preflight.yaml at the root does not hang the CLI', async function () {
    const root = makeTree(PROJECT);
    try { execFileSync('mkfifo', [path.join(root, '.ai-preflight.yaml')]); } catch { this.skip(); }
    const r = await runCli(['scan', root, '--verbose'], { timeoutMs: 15_000 });
    record('root .ai-preflight.yaml is a FIFO', r.timedOut ? 'HANGS (killed at 15 s)' : `exit ${r.code}`, r.ms);
    assert.ok(!r.timedOut, 'finished');
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}`);
    assert.match(r.stdout, /FIFO/);
  });

  // Regression (robust-patches 04): {1..100000} expanded to 100,000 patterns tried on every file, trusted or not.
  it('brace-bomb globs in ignore: are refused with a note instead of stalling the crawl', async () => {
    const files: Record<string, string> = { ...PROJECT, '.ai-preflight.yaml': 'ignore: ["{1..100000}", "x{1..99999}/**"]\n', 'sub/.ai-preflight.yaml': 'ignore: ["{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}"]\n' };
    for (let i = 0; i < 1500; i++) files[`src/m${i}.py`] = `x = ${i}\n`;
    const root = makeTree(files);
    const r = await runCli(['scan', root, '--verbose'], { timeoutMs: 20_000 });
    record('ignore: ["{1..100000}", …] with 1,500 files', r.timedOut ? 'STALLS (killed at 20 s)' : `exit ${r.code}`, r.ms);
    assert.ok(!r.timedOut, 'finished');
    assert.match(r.stdout, /alternatives/, 'a note names the refused glob');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a 5 MB root config is capped like any other file, not parsed', async () => {
    const root = makeTree({ ...PROJECT, '.ai-preflight.yaml': 'ignore:\n' + '  - "x/**"\n'.repeat(500_000) });
    const t0 = Date.now();
    const result = await within(30_000, 'scan with a 5 MB config', scan({ root }));
    const ms = Date.now() - t0;
    record('root .ai-preflight.yaml of 5 MB (500k ignore globs)', `${ms} ms; skipped: ${result.notes.some((n) => n.file === '.ai-preflight.yaml' && /cap/.test(n.message))}`, ms);
    assertContract(result);
  });
});
