// Shared helpers for the engine and CLI tests: scan a tree written at test time, pick a project or a
// check out of the result, run the bundled CLI, generate fake keys. (A .test.ts file so it stays with the
// engine-* tests it serves; it holds one sanity test of its own.)
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import type { ScanOptions } from '../../server/src/engine/api';
import type { CheckResult, Project, ScanResult } from '../../server/src/engine/types';
import { cliPath, makeTree } from '../helpers';

const tempDirs: string[] = [];

/** makeTree, removed again after the whole run. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = makeTree(files);
  tempDirs.push(dir);
  return dir;
}

after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes the tree and scans it. */
export async function scanTree(files: Record<string, string | Buffer>, opts: Omit<ScanOptions, 'root'> = {}): Promise<ScanResult> {
  return scan({ ...opts, root: tempTree(files) });
}

export function projectAt(result: ScanResult, root = '.'): Project {
  const p = result.projects.find((x) => x.root === root);
  assert.ok(p, `no project at ${root}; projects: [${result.projects.map((x) => x.root).join(', ')}]`);
  return p;
}

export function checkOf(result: ScanResult, id: string, root = '.'): CheckResult {
  const c = projectAt(result, root).checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id} in project ${root}`);
  return c;
}

/** A short description for assertion messages. */
export function show(c: CheckResult): string {
  return `${c.id} ${c.status}/${c.state}: ${c.message} [${c.evidence.map((e) => e.file + (e.line ? ':' + e.line : '')).join(', ')}]`;
}

export function assertCheck(result: ScanResult, id: string, expected: { status: CheckResult['status']; state?: CheckResult['state'] }, root = '.'): CheckResult {
  const c = checkOf(result, id, root);
  assert.strictEqual(c.status, expected.status, show(c));
  if (expected.state) assert.strictEqual(c.state, expected.state, show(c));
  return c;
}

/** Minimal Python LLM app (openai, with a timeout): the base the per-check trees add to. */
export const LLM_BASE: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "helpdesk-bot"\nversion = "0.1.0"\ndependencies = ["openai>=1.30", "fastapi>=0.110"]\n',
  'app/__init__.py': '',
  'app/bot.py': [
    'import os',
    'from openai import OpenAI',
    '',
    'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"], timeout=30, max_retries=2)',
    '',
    'def reply(question: str) -> str:',
    '    out = client.chat.completions.create(model="gpt-4o-mini-2024-07-18", messages=[{"role": "user", "content": question}])',
    '    return out.choices[0].message.content',
    '',
  ].join('\n'),
  'README.md': '# helpdesk-bot\n\nAnswers customer questions about orders.\n',
};

/** Minimal classic-ML project (scikit-learn). */
export const ML_BASE: Record<string, string> = {
  'requirements.txt': 'pandas>=2.0\nscikit-learn>=1.4\n',
  'train.py': [
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    '',
    'def fit(path):',
    '    frame = pd.read_csv(path)',
    '    return LogisticRegression().fit(frame[["a", "b"]], frame["y"])',
    '',
  ].join('\n'),
  'README.md': '# scoring\n\nScores leads.\n',
};

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function randomFrom(alphabet: string, n: number): string {
  const bytes = crypto.randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i] % alphabet.length];
  return s;
}

/** An OpenAI project key in the real format (prefix, 74 random, the T3BlbkFJ marker, 74 random), made up now. */
export function fakeOpenAiKey(): string {
  for (;;) {
    const key = `sk-proj-${randomFrom(KEY_ALPHABET, 74)}T3BlbkFJ${randomFrom(KEY_ALPHABET, 74)}`;
    // About 1 random key in 700 spells a placeholder word ("fake", "test", …, any case) or a run of 5 equal
    // characters, which the detector deliberately treats as a stand-in; draw again so tests are not flaky.
    if (!PLACEHOLDER_LOOKALIKE.test(key)) return key;
  }
}

const PLACEHOLDER_LOOKALIKE = /example|sample|dummy|fake|test|placeholder|xxxxx|abcdef|12345|01234|qwerty|your|redacted|(.)\1{4}/i;

/** 1-based line of the first occurrence of `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `"${needle.slice(0, 12)}…" not in text`);
  return text.slice(0, i).split('\n').length;
}

export interface CliRun { status: number | null; stdout: string; stderr: string; ms: number; signal: NodeJS.Signals | null }

/** Runs the bundled CLI (dist/cli.js) with a time limit. */
export function runCli(args: string[], opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): CliRun {
  assert.ok(fs.existsSync(cliPath), `${cliPath} is missing: run npm run build first`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: opts.cwd ?? path.dirname(cliPath), encoding: 'utf8', timeout: opts.timeoutMs ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', ...opts.env }, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: Date.now() - t0, signal: r.signal };
}

export interface CheckCase {
  name: string;
  /** Files on top of the base project. */
  files: Record<string, string>;
  /** The project the files are added to (LLM_BASE unless said). */
  base?: Record<string, string>;
  status: CheckResult['status'];
  state?: CheckResult['state'];
  /** A file that must be among the evidence (pass) . */
  evidence?: string;
}

/** The body of one per-check test: scan base + files, assert status/state and evidence. */
export function checkCase(id: string, c: CheckCase): () => Promise<void> {
  return async () => {
    const result = await scanTree({ ...(c.base ?? LLM_BASE), ...c.files });
    const got = assertCheck(result, id, { status: c.status, state: c.state });
    if (c.evidence) assert.ok(got.evidence.some((e) => e.file === c.evidence), `${c.evidence} not in evidence: ${show(got)}`);
    if (got.status === 'fail' && got.state === 'absent') assert.deepStrictEqual(got.evidence, [], 'an absent check has no evidence');
    assert.ok(got.message.length > 20, 'the message says something');
  };
}

/** One `it` per case. */
export function itCases(id: string, cases: CheckCase[]): void {
  for (const c of cases) it(`${c.status === 'pass' ? 'counts' : c.status === 'fail' ? 'does not count' : 'skips'}: ${c.name}`, checkCase(id, c));
}

describe('engine test support', () => {
  it('generates OpenAI-format keys that are new each time and never a fixed string', () => {
    const a = fakeOpenAiKey();
    const b = fakeOpenAiKey();
    assert.notStrictEqual(a, b);
    assert.match(a, /^sk-proj-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}$/);
  });
});
