// Shared helpers for the robustness suites: contract validation, tree hashing, planted keys, bounded
// child processes and RSS readings.
import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { toContractJson } from '../../../server/src/engine/report/json';
import type { ScanResult } from '../../../server/src/engine/types';
import { cliPath, makeTempDir, repoRoot } from '../../helpers';
import { PROVIDER_KEYS } from '../secrets-fakes.test';

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'rules', 'schema', 'contract-v1.schema.json'), 'utf8'));
const validateContract = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** Asserts the JSON contract of a scan validates, read back through JSON text as a consumer would. */
export function assertContract(result: ScanResult): void {
  const doc = JSON.parse(JSON.stringify(toContractJson(result)));
  assert.ok(validateContract(doc), JSON.stringify(validateContract.errors?.slice(0, 3)));
}

export { hashTree } from '../../helpers';

/** One generated key per provider family (first of each rule id), for planting. */
export function plantedKeys(): { rule: string; key: string }[] {
  const seen = new Set<string>();
  const out: { rule: string; key: string }[] = [];
  for (const k of PROVIDER_KEYS) {
    if (seen.has(k.rule)) continue;
    seen.add(k.rule);
    out.push({ rule: k.rule, key: k.make() });
  }
  return out;
}

/** Which of `keys` occur in full in `text` (reported masked, so a failing test never prints a key). */
export function leakedIn(text: string, keys: string[]): string[] {
  return keys.filter((k) => text.includes(k)).map((k) => `${k.slice(0, 4)}…(${k.length} chars)`);
}

export interface RunResult { code: number | null; signal: string | null; stdout: string; stderr: string; ms: number; timedOut: boolean }

/** Runs a command with a hard time limit; never hangs the test run. */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, opts.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - t0, timedOut });
    });
  });
}

/** ROBUST_CLI points the suites at another build (used to check a proposed patch before it lands). */
const cli = process.env.ROBUST_CLI || cliPath;

export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; asUser?: string } = {}): Promise<RunResult> {
  if (opts.asUser) {
    // The checkout may sit under a folder only root can enter (a mktemp -d clone): give the other user a
    // world-readable copy of the bundle and the rules it loads.
    return run('setpriv', [`--reuid=${opts.asUser}`, '--regid=nogroup', '--clear-groups', process.execPath, readableCli(), ...args], { ...opts, timeoutMs: opts.timeoutMs ?? 120_000 });
  }
  return run(process.execPath, [cli, ...args], { ...opts, timeoutMs: opts.timeoutMs ?? 120_000 });
}

/** Resident set size of a process in MiB (Linux /proc), or undefined elsewhere. */
export function rssMiB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Rejects when `p` takes longer than `ms`: a hang becomes a failure with a name. */
export async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms); });
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Appends a row to the findings log the note is written from (input, behaviour, time). */
export function record(input: string, behaviour: string, ms: number): void {
  const file = process.env.ROBUST_LOG;
  if (file) fs.appendFileSync(file, JSON.stringify({ input, behaviour, ms }) + '\n');
}

let readableCopy: string | undefined;

/** dist/ and rules/ copied to a world-readable temp folder; the bundle finds rules/ by walking up. */
function readableCli(): string {
  if (readableCopy) return readableCopy;
  const dir = makeTempDir('aipf-cli-');
  fs.cpSync(path.join(repoRoot, 'dist'), path.join(dir, 'dist'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'rules'), path.join(dir, 'rules'), { recursive: true });
  execFileSync('chmod', ['-R', 'a+rX', dir]);
  readableCopy = path.join(dir, 'dist', 'cli.js');
  return readableCopy;
}
