// Applies the hard-coded-secret fixes of a scan from the CLI (`ai-preflight fix --check hardcoded-secrets`):
// each literal becomes an environment lookup, and the variable names (never values) go into .env.example.
// The file is read again and its fixes recomputed, so only literals still at the reported place are changed.
import { randomBytes } from 'crypto';
import { promises as fsp } from 'fs';
import * as path from 'path';
import { lineStarts } from '../code/finding';
import { secretFindingsInText } from '../detectors/secrets';
import type { Finding, TextFix } from '../types';
import { applyPlan, pathProblem } from './applyPlan';
import { envExamplePlan } from './envExample';

export interface SecretFixResult {
  /** Literals replaced (in a dry run: that would be), by file and line, with the variable read instead. */
  fixed: { file: string; line: number; envVar: string }[];
  /** .env.example files created or extended, with the names added. */
  envExample: { path: string; created: boolean; names: string[] }[];
  skipped: { file: string; reason: string }[];
}

type Edit = TextFix['edits'][number];

function offsetOf(lineStarts: number[], line: number, column: number): number {
  return (lineStarts[line - 1] ?? lineStarts[lineStarts.length - 1]) + column;
}

/** `text` with `edits` applied; identical edits (the shared `import os`) once, overlapping ones after the first dropped. */
export function applyEdits(text: string, edits: Edit[]): string {
  const starts = lineStarts(text);
  const unique = new Map(edits.map((e) => [`${e.line}:${e.column}:${e.endLine}:${e.endColumn}:${e.newText}`, e]));
  const spans = [...unique.values()]
    .map((e) => ({ s: offsetOf(starts, e.line, e.column), e: offsetOf(starts, e.endLine, e.endColumn), t: e.newText }))
    .sort((a, b) => a.s - b.s || a.e - b.e);
  const kept: typeof spans = [];
  for (const sp of spans) if (!kept.length || sp.s >= kept[kept.length - 1].e) kept.push(sp);
  for (const sp of kept.reverse()) text = text.slice(0, sp.s) + sp.t + text.slice(sp.e);
  return text;
}

const isInside = (root: string, target: string) => target === root || target.startsWith(root + path.sep);

/** Replaces the file's content through a temp file and a rename (same folder, same mode): never half-written. */
async function replaceContent(abs: string, text: string, mode: number): Promise<void> {
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await fsp.writeFile(tmp, text, { flag: 'wx', mode });
  try {
    await fsp.rename(tmp, abs);
  } catch (e) {
    await fsp.unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Appends `text` to the regular file at `abs` (never through a link, never outside `root`). */
async function appendInside(root: string, abs: string, text: string): Promise<void> {
  const st = await fsp.lstat(abs);
  if (!st.isFile()) throw new Error('not a regular file');
  if (!isInside(root, await fsp.realpath(abs))) throw new Error('outside the scan root');
  await fsp.appendFile(abs, text, { flag: 'a' });
}

export async function applySecretFixes(scanRoot: string, findings: Finding[], opts: { dryRun?: boolean } = {}): Promise<SecretFixResult> {
  const result: SecretFixResult = { fixed: [], envExample: [], skipped: [] };
  const root = await fsp.realpath(scanRoot);
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.ruleId !== 'hardcoded-secrets' || !f.fix) continue;
    const list = byFile.get(f.file);
    if (list) list.push(f); else byFile.set(f.file, [f]);
  }
  // .env.example target -> the names to add there, and one file/project that leads to it.
  const names = new Map<string, { file: string; project?: string; names: string[] }>();
  for (const [rel, reported] of byFile) {
    const problem = pathProblem(rel);
    const abs = path.join(root, ...rel.split('/'));
    try {
      if (problem) throw new Error(problem);
      const st = await fsp.lstat(abs);
      if (!st.isFile()) throw new Error('not a regular file (a link?)');
      if (!isInside(root, await fsp.realpath(path.dirname(abs)))) throw new Error('outside the scan root');
      const text = await fsp.readFile(abs, 'utf8');
      const at = (f: Finding) => `${f.line}:${f.column}:${f.endLine}:${f.endColumn}`;
      const current = new Map(secretFindingsInText(rel, text).filter((f) => f.fix).map((f) => [at(f), f]));
      const fixes: TextFix[] = [];
      for (const f of reported) {
        const now = current.get(at(f));
        if (!now?.fix) { result.skipped.push({ file: rel, reason: `line ${f.line}: the literal changed since the scan; not edited` }); continue; }
        fixes.push(now.fix);
        result.fixed.push({ file: rel, line: f.line, envVar: now.fix.envVar ?? '' });
      }
      if (fixes.length === 0) continue;
      if (!opts.dryRun) await replaceContent(abs, applyEdits(text, fixes.flatMap((x) => x.edits)), st.mode & 0o7777);
      const vars = fixes.map((x) => x.envVar).filter((v): v is string => !!v);
      const target = envExamplePlan(root, rel, reported[0].project, vars);
      const key = target.change?.path ?? `?${rel}`;
      const entry = names.get(key) ?? { file: rel, project: reported[0].project, names: [] };
      entry.names.push(...vars);
      names.set(key, entry);
    } catch (e) {
      result.skipped.push({ file: rel, reason: `could not fix: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    }
  }
  for (const entry of names.values()) {
    const plan = envExamplePlan(root, entry.file, entry.project, entry.names);
    if (plan.problem) result.skipped.push({ file: '.env.example', reason: plan.problem });
    const change = plan.change;
    if (!change) continue;
    try {
      if (!opts.dryRun) {
        if (change.create) {
          const applied = await applyPlan(root, [{ path: change.path, content: change.text, checkId: 'hardcoded-secrets', description: 'environment variable names' }]);
          if (applied.skipped.length) throw new Error(applied.skipped[0].reason);
        } else await appendInside(root, path.join(root, ...change.path.split('/')), change.text);
      }
      result.envExample.push({ path: change.path, created: change.create, names: change.names });
    } catch (e) {
      result.skipped.push({ file: change.path, reason: `could not add ${change.names.join(', ')}: ${(e as Error).message}` });
    }
  }
  return result;
}
