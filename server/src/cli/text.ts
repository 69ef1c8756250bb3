// The text report: what a person reads first. Grouped by project: what is missing, why it matters, how
// to fix; passing checks on one line; code findings summarised; under a screen for a typical repository.
import * as path from 'path';
import { wrap } from './wrap';
import type { CheckResult, Finding, Level, Project, ScanResult } from '../engine/types';
import { loadBuiltinChecks } from '../engine/rules/loadChecks';

export interface TextOptions { color: boolean; verbose?: boolean }

const LEVEL_RANK: Record<Level, number> = { error: 3, warning: 2, info: 1, off: 0 };
const MAX_FINDINGS_SHOWN = 8;
/** Above this many projects, each project is a few lines and the why/fix of each gap is printed once at the end. */
const COMPACT_OVER_PROJECTS = 8;

export function toText(result: ScanResult, opts: TextOptions): string {
  const c = palette(opts.color);
  const out: string[] = [];
  const secs = (result.stats.ms / 1000).toFixed(1);
  out.push(c.dim(`AI Preflight ${result.tool.version} · ${result.stats.files.toLocaleString('en-US')} files in ${secs} s · ${result.root}`));
  if (result.projects.length === 0) {
    out.push('', 'No AI project found: no package\'s own code uses an ML/LLM library and no manifest requires one (examples, tests, lazy imports and optional integrations do not count).', 'Nothing to check.');
    appendNotes(out, result, c, opts);
    return out.join('\n') + '\n';
  }
  const compact = result.projects.length > COMPACT_OVER_PROJECTS && !opts.verbose;
  if (compact) out.push('', `${result.projects.length} AI projects, a few lines each:`);
  else if (result.projects.length > 1) out.push('', `${result.projects.length} AI projects: ` + result.projects.map((p) => `${p.root} (${p.score ?? '–'})`).join(', '));
  const defs = new Map(loadBuiltinChecks().map((d) => [d.id, d]));
  // In a monorepo the same gap recurs per project: its why and fix are printed once, at its first project.
  const explained = new Set<string>();
  let repeatsShortened = false;
  const gapsOverProjects = new Map<string, number>();
  for (const p of result.projects) {
    out.push('');
    out.push(`${c.bold(p.name)}  ${c.dim(`${p.root === '.' ? './' : p.root + '/'} · ${p.aiKind} · stage ${p.stage}`)}  score ${c.score(p.score)}`);
    const evidenceFiles = [...new Map(p.aiEvidence.map((e) => [e.file, e])).values()].slice(0, 3);
    if (!compact) out.push(c.dim(`  AI evidence: ${evidenceFiles.map((e) => `${e.file}${e.note ? ` (${e.note})` : ''}`).join(', ')}`));
    const failing = p.checks.filter((ch) => ch.status === 'fail').sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
    out.push('  ' + verdict(p, failing, c));
    if (compact) {
      for (const level of ['error', 'warning', 'info'] as const) {
        const ids = failing.filter((ch) => ch.level === level).map((ch) => ch.id);
        for (const id of ids) if (level !== 'info') gapsOverProjects.set(id, (gapsOverProjects.get(id) ?? 0) + 1);
        if (ids.length) out.push(...wrap(`${c.level(level)} ${ids.join(', ')}`, '  ', '            '));
      }
    }
    for (const ch of compact ? [] : failing) {
      const def = defs.get(ch.id);
      const what = ch.state === 'found' ? ch.message.split('. ')[0] : `${ch.title}: not found`;
      out.push(`  ${c.level(ch.level)} ${c.bold(ch.id.padEnd(20))} ${what}`);
      // Why and how only where it matters at this stage; info-level items stay one line.
      if (ch.level === 'info' && !opts.verbose) continue;
      if (ch.detail) out.push(...wrap(`seen  ${ch.detail}`, '      ', '            '));
      if (explained.has(ch.id) && !opts.verbose) {
        repeatsShortened = true;
        continue;
      }
      explained.add(ch.id);
      // One line of why (`explain <id>` has the rest); the fix is what to act on, so it is never cut.
      if (def?.summary) out.push(c.dim(clip(`      why   ${def.summary}`)));
      if (ch.state === 'absent') out.push(...wrap(`fix   ${firstSentence(def?.fix ?? ch.message)}`, '      ', '            '));
    }
    const partial = p.checks.filter((ch) => ch.status === 'pass' && (ch.state === 'incomplete' || ch.state === 'weak'));
    for (const ch of partial) out.push(`  ${c.yellow('◐')} ${c.bold(ch.id)} — ${ch.message}`);
    const passing = p.checks.filter((ch) => ch.status === 'pass' && ch.state === 'present');
    if (passing.length) out.push(`  ${c.green('✓')} ${passing.map((ch) => ch.id).join(', ')}`);
    const other = p.checks.filter((ch) => ch.status === 'skip');
    if (other.length) out.push(c.dim(`  – ${other.map((ch) => `${ch.id} (${skipLabel(ch)})`).join(', ')}`));
    const findings = result.findings.filter((f) => f.project === p.root && f.ruleId !== 'hardcoded-secrets');
    if (compact) {
      if (findings.length) out.push(c.dim(`  Code findings: ${findings.length} (--verbose lists them)`));
    } else appendFindings(out, findings, c, opts);
  }
  if (compact && gapsOverProjects.size) {
    out.push('', c.bold('How to fix the gaps above') + c.dim(' (projects affected; --verbose shows each project in full)'));
    for (const [id, count] of [...gapsOverProjects].sort((a, b) => b[1] - a[1])) {
      const def = defs.get(id);
      out.push(`  ${c.bold(id)} (${count})`);
      if (def?.summary) out.push(c.dim(clip(`      why   ${def.summary}`)));
      if (def?.fix) out.push(...wrap(`fix   ${firstSentence(def.fix)}`, '      ', '            '));
    }
  }
  appendNotes(out, result, c, opts);
  out.push('');
  if (repeatsShortened) out.push(c.dim('Why and how to fix are shown at a check\'s first project (--verbose repeats them).'));
  out.push(c.dim('Score: the share of checks passing, weighted by their severity at the stage (error 3, warning 2, info 1).'));
  const dir = shellPath(result.root);
  out.push(c.dim(`Next: \`ai-preflight fix ${dir} --check <id> --dry-run\` previews a first version of a missing artifact; \`ai-preflight explain <id>\` says more.`));
  return out.join('\n') + '\n';
}

function verdict(p: Project, failing: CheckResult[], c: Palette): string {
  const blocking = failing.filter((ch) => ch.level === 'error').length;
  const warnings = failing.filter((ch) => ch.level === 'warning').length;
  if (blocking) return c.red(`${blocking} check${blocking > 1 ? 's' : ''} block${blocking > 1 ? '' : 's'} ${p.stage}`) + (warnings ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : '');
  if (warnings) return c.yellow(`Nothing blocks ${p.stage}; ${warnings} warning${warnings > 1 ? 's' : ''} to address`);
  return c.green(`Ready for ${p.stage}`) + (failing.length ? c.dim(` (${failing.length} suggestion${failing.length > 1 ? 's' : ''} for later stages)`) : '');
}

function appendFindings(out: string[], findings: Finding[], c: Palette, opts: TextOptions): void {
  if (findings.length === 0) return;
  const order = { error: 0, warning: 1, info: 2, hint: 3 };
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  const shown = opts.verbose ? sorted : sorted.slice(0, MAX_FINDINGS_SHOWN);
  out.push(`  Code findings (${findings.length}):`);
  for (const f of shown) out.push(`    ${c.level(f.severity === 'hint' ? 'info' : f.severity)} ${f.file}:${f.line} ${c.dim(f.ruleId)} ${firstSentence(f.message)}`);
  if (shown.length < sorted.length) out.push(c.dim(`    … ${sorted.length - shown.length} more (--verbose, or --format json)`));
}

function appendNotes(out: string[], result: ScanResult, c: Palette, opts: TextOptions): void {
  const config = result.notes.filter((n) => n.kind === 'config-error');
  for (const n of config) out.push(c.red(`config: ${n.file ? n.file + (n.line ? ':' + n.line : '') + ' ' : ''}${n.message.replace(/^[^:]+\.ya?ml: /, '')}`));
  const skipped = result.notes.filter((n) => n.kind !== 'config-error');
  if (skipped.length === 0) return;
  if (opts.verbose) for (const n of skipped) out.push(c.dim(`note: ${n.file ?? ''} ${n.message}`));
  else out.push(c.dim(`${skipped.length} file${skipped.length > 1 ? 's' : ''} skipped or not understood (--verbose lists them).`));
}

function skipLabel(ch: CheckResult): string {
  switch (ch.state) {
    case 'declared': return 'declared external';
    case 'off': return 'off';
    case 'errored': return `error: ${ch.error ?? 'failed'}`;
    default: return 'n/a';
  }
}

/** The scanned folder as the user would type it: relative to the working directory when inside it. */
function shellPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  const p = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
  return /^[\w./@%+=:,-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

const WIDTH = 100;


function clip(line: string): string {
  if (line.length <= WIDTH) return line;
  const cut = line.lastIndexOf(' ', WIDTH - 1);
  return line.slice(0, cut > 0 ? cut : WIDTH - 1) + '…';
}

function firstSentence(s: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(s.replace(/\s+/g, ' ').trim());
  return m ? m[1] : s;
}

interface Palette {
  bold(s: string): string; dim(s: string): string; red(s: string): string; yellow(s: string): string; green(s: string): string;
  level(l: Level): string; score(n: number | null): string;
}

function palette(color: boolean): Palette {
  const wrap = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const p = { bold: wrap('1'), dim: wrap('2'), red: wrap('31'), yellow: wrap('33'), green: wrap('32') };
  return {
    ...p,
    level: (l) => (l === 'error' ? p.red('✗ error  ') : l === 'warning' ? p.yellow('! warning') : p.dim('i info   ')),
    score: (n) => (n === null ? '–' : (n >= 80 ? p.green : n >= 50 ? p.yellow : p.red)(`${n}/100`)),
  };
}
