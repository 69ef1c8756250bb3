// `ai-preflight fix [dir] [--check id] [--dry-run]`: scaffold the missing artifacts of every AI project.
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../engine/scan';
import { applyPlan, fixableChecks, planFix, type PlannedFile } from '../engine/fixes';
import { applySecretFixes } from '../engine/fixes/secretFixes';
import type { Finding } from '../engine/types';

export interface FixIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = 'usage: ai-preflight fix [dir] [--check <id>]... [--dry-run]';

interface FixArgs {
  dir: string;
  checks: string[];
  dryRun: boolean;
}

function parseArgs(argv: string[]): FixArgs | string {
  const args = argv[0] === 'fix' ? argv.slice(1) : argv;
  const parsed: FixArgs = { dir: '.', checks: [], dryRun: false };
  let dirSeen = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dry-run') parsed.dryRun = true;
    else if (a === '--check' || a.startsWith('--check=')) {
      const value = a === '--check' ? args[++i] : a.slice('--check='.length);
      if (!value) return '--check needs a check id';
      parsed.checks.push(...value.split(',').map(s => s.trim()).filter(Boolean));
    } else if (a === '-h' || a === '--help') return 'help';
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (dirSeen) return `unexpected argument ${a}`;
    else {
      parsed.dir = a;
      dirSeen = true;
    }
  }
  return parsed;
}

/** `deps` lets tests substitute the scan; the CLI passes nothing. */
export async function runFixCommand(argv: string[], io: FixIo, deps: { scan?: typeof scan } = {}): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    io.out(`${USAGE}\nScaffolds a first version of each missing artifact; never overwrites a file.\nChecks: ${fixableChecks().join(', ')}\n`);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.err(`${parsed}\n${USAGE}\n`);
    return 2;
  }
  const known = new Set([...fixableChecks(), 'pinned-dependencies', 'hardcoded-secrets']);
  const unknown = parsed.checks.filter(c => !known.has(c));
  if (unknown.length) {
    io.err(`unknown check ${unknown.join(', ')}; checks with a scaffold: ${fixableChecks().join(', ')}\n`);
    return 2;
  }
  const root = path.resolve(parsed.dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    io.err(`not a folder: ${parsed.dir}\n`);
    return 2;
  }

  const result = await (deps.scan ?? scan)({ root });
  const projects = result.projects.filter(p => p.isAiProject);
  if (projects.length === 0) {
    io.out('No AI project found: nothing to scaffold.\n');
    return 0;
  }
  const planned: PlannedFile[] = [];
  const reserved = new Set<string>();
  const secrets: Finding[] = [];
  for (const project of projects) {
    const label = project.root === '.' ? project.name : `${project.name} (${project.root})`;
    const wanted = parsed.checks.length ? parsed.checks : project.checks.filter(c => c.status === 'fail').map(c => c.id);
    for (const checkId of wanted) {
      const check = project.checks.find(c => c.id === checkId);
      if (parsed.checks.length && check && check.status !== 'fail') {
        io.out(`${label}: ${checkId} is ${check.status === 'pass' ? 'already satisfied' : 'not applicable'}; nothing to do\n`);
        continue;
      }
      // Editing source code is done only when asked for by name; `fix` alone says how.
      if (checkId === 'hardcoded-secrets' && parsed.checks.includes(checkId)) {
        secrets.push(...result.findings.filter(f => f.ruleId === checkId && f.fix && f.project === project.root));
        continue;
      }
      const plan = await planFix({ scanRoot: root, project, allowGit: true, reserved }, checkId);
      if (plan.skippedReason) io.out(`${label}: ${checkId}: ${plan.skippedReason}\n`);
      for (const f of plan.files) {
        reserved.add(f.path);
        planned.push(f);
      }
    }
  }
  let secretSkips = 0;
  if (secrets.length) {
    const done = await applySecretFixes(root, secrets, { dryRun: parsed.dryRun });
    const verb = parsed.dryRun ? 'would read' : 'reads';
    for (const f of done.fixed) io.out(`${f.file}:${f.line} ${verb} ${f.envVar} from the environment\n`);
    for (const e of done.envExample) io.out(`${parsed.dryRun ? 'would ' : ''}${e.created ? 'create' : 'add to'} ${e.path}: ${e.names.join(', ')}\n`);
    for (const s of done.skipped) io.err(`not fixed ${s.file}: ${s.reason}\n`);
    secretSkips = done.skipped.length;
  } else if (parsed.checks.includes('hardcoded-secrets')) io.out('No hard-coded secret with a safe fix.\n');
  if (planned.length === 0) {
    if (!parsed.checks.includes('hardcoded-secrets')) io.out('Nothing to scaffold.\n');
    return secretSkips ? 1 : 0;
  }

  const applied = await applyPlan(root, planned, { dryRun: parsed.dryRun });
  const byPath = new Map(planned.filter(f => !f.append).map(f => [f.path, f]));
  for (const rel of applied.written) {
    const f = byPath.get(rel);
    if (parsed.dryRun && f) io.out(`--- ${rel} (${f.checkId}: ${f.description})\n${f.content}${f.content.endsWith('\n') ? '' : '\n'}\n`);
    else io.out(`created ${rel}${f ? ` (${f.checkId})` : ''}\n`);
  }
  for (const rel of applied.appended) {
    for (const f of planned.filter(p => p.append && p.path === rel)) {
      if (parsed.dryRun) io.out(`--- ${rel}, added at the end (${f.checkId}: ${f.description})\n${f.content}\n`);
      else io.out(`added to ${rel} (${f.checkId})\n`);
    }
  }
  for (const s of applied.skipped) io.err(`not written ${s.path}: ${s.reason}\n`);
  const placeholders = planned.filter(f => f.content.includes('<FILL IN:')).length;
  const verb = parsed.dryRun ? 'would create' : 'created';
  io.out(`${verb} ${applied.written.length} file(s)${placeholders ? `; ${placeholders} hold <FILL IN: …> placeholders to complete` : ''}\n`);
  return applied.skipped.length || secretSkips ? 1 : 0;
}
