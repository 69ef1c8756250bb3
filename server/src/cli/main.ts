// ai-preflight: the command-line face of the engine. Exit codes: 0 = nothing at or above --fail-on,
// 1 = findings, 2 = usage or configuration error. User mistakes get a sentence, never a stack trace.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { scan } from '../engine/scan';
import type { Level, ScanResult, Stage } from '../engine/types';
import { STAGES } from '../engine/types';
import { VERSION } from '../engine/version';
import { toContractJson } from '../engine/report/json';
import { toSarif } from '../engine/report/sarif';
import { toMarkdown } from '../engine/report/markdown';
import { toHtml } from '../engine/report/html';
import { reportLinkPrefix } from '../engine/report/paths';
import { toText } from './text';
import { explain } from './explain';
import { runFixCommand } from './fixCommand';
import { applyScanHeapPolicy } from '../engine/heapPolicy';
import { persistScanResults, restoreScanResults } from '../engine/scanCache';
import { defaultCacheDir } from './cacheDir';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;

const HELP = `ai-preflight ${VERSION}: production-readiness checks for AI/ML repositories

Usage:
  ai-preflight scan [dir] [--format text|json|sarif|markdown|html] [--stage poc|pilot|production]
                    [--fail-on error|warning|info|never] [--output file] [--verbose]
                    [--cache] [--cache-location dir]
  ai-preflight fix [dir] [--check id] [--dry-run]
  ai-preflight explain <check-id>
  ai-preflight --version

--cache keeps per-file results between runs (in ${defaultCacheDir()}, or --cache-location):
the next scan re-reads only files whose size or modification time changed.

Exit codes: 0 nothing at or above --fail-on (default error), 1 findings, 2 usage or configuration error.`;

class UsageError extends Error {}

export async function main(argv: string[], io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan': return await scanCommand(rest, io);
      case 'fix': return await runFixCommand(rest, { out: (s) => io.out(s.endsWith('\n') ? s : s + '\n'), err: (s) => io.err(s.endsWith('\n') ? s : s + '\n') });
      case 'explain': return explainCommand(rest, io);
      case '--version': case '-v': io.out(VERSION + '\n'); return 0;
      case undefined: case '--help': case '-h': case 'help': io.out(HELP + '\n'); return command === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`ai-preflight: ${(e as Error).message}\n\n${HELP}\n`);
      return 2;
    }
    io.err(`ai-preflight: internal error: ${(e as Error).message}\nPlease report it with the command you ran.\n`);
    return 2;
  }
}

async function scanCommand(args: string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      stage: { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
      output: { type: 'string', short: 'o' },
      verbose: { type: 'boolean', default: false },
      color: { type: 'boolean' },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
    },
  });
  if (positionals.length > 1) throw new UsageError('scan takes one folder');
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (values.stage !== undefined && !STAGES.includes(values.stage as Stage)) throw new UsageError(`--stage must be one of ${STAGES.join(', ')}`);
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number];
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  const dir = path.resolve(positionals[0] ?? '.');
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new UsageError(`no such folder: ${dir}`);
  }
  if (!st.isDirectory()) throw new UsageError(`not a folder: ${dir}`);

  if (values['cache-location'] === '') throw new UsageError('--cache-location needs a folder');
  const cacheDir = values['cache-location'] !== undefined ? path.resolve(values['cache-location']) : values.cache ? defaultCacheDir() : undefined;
  if (cacheDir) restoreScanResults(dir, cacheDir);

  const tty = process.stderr.isTTY === true;
  const result = await scan({ root: dir, stage: values.stage as Stage | undefined, onProgress: tty ? (m) => process.stderr.write(`\r\x1b[K${m}`) : undefined });
  if (tty) process.stderr.write('\r\x1b[K');
  if (cacheDir) {
    try {
      persistScanResults(dir, cacheDir);
    } catch (e) {
      // The report does not depend on the cache: say so and carry on.
      io.err(`ai-preflight: cache not written to ${cacheDir}: ${(e as Error).message}\n`);
    }
  }

  const color = values.color ?? (!values.output && process.stdout.isTTY === true && !process.env.NO_COLOR);
  // Evidence links in a report file are relative to where the file is written.
  const outPath = values.output ? path.resolve(values.output) : undefined;
  const rendered = render(result, format, { color, verbose: values.verbose, linkPrefix: outPath ? reportLinkPrefix(outPath, dir) : '' });
  if (outPath) {
    try {
      fs.writeFileSync(outPath, rendered);
    } catch (e) {
      throw new UsageError(`cannot write ${outPath}: ${(e as Error).message}`);
    }
    io.err(`Wrote ${format} report to ${outPath}\n`);
  } else {
    io.out(rendered);
  }
  if (result.notes.some((n) => n.kind === 'config-error')) return 2;
  return exceeds(result, failOn) ? 1 : 0;
}

function render(result: ScanResult, format: (typeof FORMATS)[number], opts: { color: boolean; verbose: boolean; linkPrefix: string }): string {
  switch (format) {
    case 'json': return JSON.stringify(toContractJson(result), null, 2) + '\n';
    case 'sarif': return JSON.stringify(toSarif(result), null, 2) + '\n';
    case 'markdown': return toMarkdown(result, { linkPrefix: opts.linkPrefix });
    case 'html': return toHtml(result, { mode: 'file', linkPrefix: opts.linkPrefix });
    default: return toText(result, opts);
  }
}

const RANK: Record<Level | 'hint', number> = { error: 3, warning: 2, info: 1, hint: 0, off: -1 };

/** True when any failing check or finding is at or above the --fail-on level. */
export function exceeds(result: ScanResult, failOn: (typeof FAIL_ON)[number]): boolean {
  if (failOn === 'never') return false;
  const min = RANK[failOn];
  const checkLevels = result.projects.flatMap((p) => p.checks.filter((c) => c.status === 'fail').map((c) => RANK[c.level]));
  const findingLevels = result.findings.map((f) => RANK[f.severity]);
  return [...checkLevels, ...findingLevels].some((r) => r >= min);
}

function explainCommand(args: string[], io: { out: (s: string) => void; err: (s: string) => void }): number {
  if (args.length !== 1) throw new UsageError('explain takes one check id, e.g. `ai-preflight explain eval-pipeline`');
  const text = explain(args[0]);
  if (!text) throw new UsageError(`unknown check "${args[0]}"`);
  io.out(text);
  return 0;
}

if (require.main === module) {
  applyScanHeapPolicy();
  // `ai-preflight scan | head` closes the pipe early: that is the reader's choice, not an error to report.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
