#!/usr/bin/env node
// Scores `ai-preflight scan` against the hand-made labels in test/corpus/labels.yaml.
// Usage: npm run eval:corpus -- <dir-of-checkouts> [--json] [--cli dist/cli.js] [--only owner__name] [--split holdout|dev]
// A report, not a gate: exits 0 unless the CLI crashes or the arguments are wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHECK_IDS = [
  'ownership', 'eval-pipeline', 'monitoring', 'data-contract', 'rollback', 'model-card', 'ci', 'tests',
  'pinned-dependencies', 'hardcoded-secrets', 'business-metric', 'human-fallback', 'guardrails',
];
// For hardcoded-secrets the interesting event is a secret found, i.e. status `fail`.
const positiveStatus = (check) => (check === 'hardcoded-secrets' ? 'fail' : 'pass');
// `dev` = the entries the rules were tuned on (no `split` field); `holdout` = labelled blind, never tuned on.
const SPLITS = ['holdout', 'dev'];
export const entrySplit = (entry) => entry.split ?? 'dev';

function parseArgs(argv) {
  const args = { dir: undefined, json: false, cli: join(repoRoot, 'dist', 'cli.js'), only: undefined, split: undefined,
    labels: join(repoRoot, 'test', 'corpus', 'labels.yaml') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--cli') args.cli = resolve(argv[++i] ?? '');
    else if (a === '--only') args.only = argv[++i];
    else if (a === '--labels') args.labels = resolve(argv[++i] ?? '');
    else if (a === '--split') {
      args.split = argv[++i];
      if (!SPLITS.includes(args.split)) usage(`--split must be one of ${SPLITS.join('|')}`);
    }
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else args.dir = resolve(a);
  }
  if (!args.dir) usage('missing <dir-of-checkouts>');
  if (!existsSync(args.dir) || !statSync(args.dir).isDirectory()) usage(`not a directory: ${args.dir}`);
  if (!existsSync(args.cli)) usage(`CLI not found: ${args.cli} (run npm run build first)`);
  return args;
}

function usage(message) {
  process.stderr.write(`eval-corpus: ${message}\nusage: npm run eval:corpus -- <dir-of-checkouts> [--json] [--cli path] [--only owner__name] [--split holdout|dev] [--labels file]\n`);
  process.exit(2);
}

export function normRoot(root) {
  let r = String(root ?? '.').replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  return r === '' ? '.' : r;
}

const checkoutName = (repo) => repo.replace('/', '__');

/** Runs the CLI on one checkout; returns the parsed JSON report or an error string. */
function runScan(cli, checkout) {
  const started = Date.now();
  const res = spawnSync(process.execPath, [cli, 'scan', checkout, '--format', 'json', '--fail-on', 'never'],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 10 * 60 * 1000 });
  const ms = Date.now() - started;
  if (res.error) return { error: `spawn failed: ${res.error.message}`, ms };
  if (res.status !== 0 && res.status !== 1) {
    return { error: `exit ${res.status ?? res.signal}: ${(res.stderr || '').trim().split('\n').slice(-3).join(' | ')}`, ms };
  }
  try {
    return { report: JSON.parse(res.stdout), ms };
  } catch (e) {
    return { error: `stdout is not JSON (${e.message}); stderr: ${(res.stderr || '').trim().slice(0, 300)}`, ms };
  }
}

function emptyCounts() {
  return { tp: 0, fp: 0, fn: 0, tn: 0, skipAgree: 0, skipErrors: 0, missing: 0, total: 0 };
}

/** Finds the tool's project for a labelled project, by root or one of its aliases. */
function findToolProject(toolProjects, labelProject) {
  const wanted = [labelProject.root, ...(labelProject.aliases ?? [])].map(normRoot);
  return toolProjects.find((p) => wanted.includes(normRoot(p.root)));
}

/** Scores one labelled check against the tool's answer; mutates counts, returns a disagreement or null. */
export function scoreCheck(counts, checkId, label, toolCheck) {
  const pos = positiveStatus(checkId);
  const tool = toolCheck?.status ?? 'missing';
  counts.total++;
  if (tool === 'missing') {
    // The tool did not report this project or check: never a correct answer.
    counts.missing++;
    if (label === pos) counts.fn++;
    return { label, tool };
  }
  if (label === 'skip' || tool === 'skip') {
    if (label === tool) { counts.skipAgree++; return null; }
    counts.skipErrors++;
    // A labelled positive the tool skipped (or never reported) is still a miss.
    if (label === pos) counts.fn++;
    else if (tool === pos) counts.fp++;
    return { label, tool };
  }
  const labelPos = label === pos;
  const toolPos = tool === pos;
  if (labelPos && toolPos) counts.tp++;
  else if (!labelPos && !toolPos) counts.tn++;
  else if (toolPos) counts.fp++;
  else counts.fn++;
  return labelPos === toolPos ? null : { label, tool };
}

export function ratios(c) {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : null;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall ? (2 * precision * recall) / (precision + recall) : null;
  const accuracy = c.total ? (c.tp + c.tn + c.skipAgree) / c.total : null;
  return { precision, recall, f1, accuracy };
}

export function evaluate(labels, scans) {
  const perCheck = Object.fromEntries(CHECK_IDS.map((id) => [id, emptyCounts()]));
  const detection = { repos: 0, correct: 0, aiRepos: 0, aiDetected: 0, nonAiRepos: 0, falseAi: 0, falseAiRepos: [], missedAiRepos: [] };
  const kind = { compared: 0, correct: 0, errors: [] };
  const roots = { toolRoots: 0, toolRootsMatched: 0, requiredRoots: 0, requiredFound: 0, extra: [], missed: [] };
  const disagreements = [];
  const nonAiFailures = [];
  const crashes = [];
  const timings = [];

  for (const entry of labels.repos) {
    const scan = scans.get(entry.repo);
    if (!scan) continue;
    if (scan.error) { crashes.push({ repo: entry.repo, error: scan.error }); continue; }
    timings.push({ repo: entry.repo, ms: scan.ms });
    const toolProjects = (scan.report.projects ?? []).filter((p) => p.isAiProject);
    const toolAi = toolProjects.length > 0;
    detection.repos++;
    if (toolAi === Boolean(entry.isAiProject)) detection.correct++;
    if (entry.isAiProject) {
      detection.aiRepos++;
      if (toolAi) detection.aiDetected++; else detection.missedAiRepos.push(entry.repo);
    } else {
      detection.nonAiRepos++;
      if (toolAi) { detection.falseAi++; detection.falseAiRepos.push(`${entry.repo} (${toolProjects.map((p) => normRoot(p.root)).join(', ')})`); }
      for (const p of scan.report.projects ?? []) {
        for (const c of p.checks ?? []) {
          if (c.status === 'fail') nonAiFailures.push({ repo: entry.repo, root: normRoot(p.root), check: c.id, evidence: c.evidence ?? [] });
        }
      }
      for (const f of scan.report.findings ?? []) {
        nonAiFailures.push({ repo: entry.repo, root: '-', check: `finding:${f.ruleId}`, evidence: [`${f.file}:${f.line}`] });
      }
      continue;
    }

    // Roots: required ones must be found; tool roots must be labelled (required or optional) unless the list is partial.
    const labelProjects = entry.projects ?? [];
    const known = new Set(labelProjects.flatMap((p) => [p.root, ...(p.aliases ?? [])].map(normRoot)));
    for (const lp of labelProjects.filter((p) => !p.optional)) {
      roots.requiredRoots++;
      if (findToolProject(toolProjects, lp)) roots.requiredFound++; else roots.missed.push(`${entry.repo}:${normRoot(lp.root)}`);
    }
    if (entry.rootsComplete !== false) {
      for (const tp of toolProjects) {
        roots.toolRoots++;
        const r = normRoot(tp.root);
        const optionalByPrefix = (entry.optionalRootPrefixes ?? []).some((prefix) => `${r}/`.startsWith(prefix));
        if (known.has(r) || optionalByPrefix) roots.toolRootsMatched++; else roots.extra.push(`${entry.repo}:${r}`);
      }
    }

    for (const lp of labelProjects) {
      const tp = findToolProject(toolProjects, lp);
      const labelKind = lp.aiKind ?? entry.aiKind;
      if (tp && labelKind) {
        kind.compared++;
        if (tp.aiKind === labelKind) kind.correct++; else kind.errors.push(`${entry.repo}:${normRoot(lp.root)} label=${labelKind} tool=${tp.aiKind}`);
      }
      for (const [checkId, spec] of Object.entries(lp.checks ?? {})) {
        if (!perCheck[checkId]) continue;
        const label = typeof spec === 'string' ? spec : spec.label;
        const toolCheck = tp?.checks?.find((c) => c.id === checkId);
        const d = scoreCheck(perCheck[checkId], checkId, label, toolCheck);
        if (d) {
          disagreements.push({ repo: entry.repo, root: normRoot(lp.root), check: checkId, ...d,
            confidence: spec.confidence ?? 'high', labelEvidence: spec.evidence ?? [], toolEvidence: toolCheck?.evidence ?? [],
            toolMessage: toolCheck?.message ?? (tp ? 'check not reported' : 'project not reported') });
        }
      }
    }
  }

  const checks = Object.fromEntries(Object.entries(perCheck).map(([id, c]) => [id, { ...c, ...ratios(c) }]));
  const all = Object.values(perCheck).reduce((a, c) => { for (const k of Object.keys(a)) a[k] += c[k]; return a; }, emptyCounts());
  return {
    detection: { ...detection, accuracy: detection.repos ? detection.correct / detection.repos : null },
    kind: { ...kind, accuracy: kind.compared ? kind.correct / kind.compared : null },
    roots: { ...roots, precision: roots.toolRoots ? roots.toolRootsMatched / roots.toolRoots : null,
      recall: roots.requiredRoots ? roots.requiredFound / roots.requiredRoots : null },
    checks, overall: { ...all, ...ratios(all) }, disagreements, nonAiFailures, crashes, timings,
  };
}

const pct = (x) => (x === null || x === undefined ? '  n/a' : `${(x * 100).toFixed(0).padStart(4)}%`);

function printText(result, scanned, skipped, split) {
  const out = [];
  const { detection: d, kind: k, roots: r } = result;
  out.push(`Corpus (split: ${split ?? 'all'}): ${scanned} repos scanned, ${skipped.length} labelled repos without a checkout${skipped.length ? ` (${skipped.join(', ')})` : ''}`);
  out.push('', 'AI detection');
  out.push(`  repo-level accuracy ${pct(d.accuracy)}  (${d.correct}/${d.repos})`);
  out.push(`  AI repos detected   ${d.aiDetected}/${d.aiRepos}${d.missedAiRepos.length ? `  missed: ${d.missedAiRepos.join(', ')}` : ''}`);
  out.push(`  false AI on non-AI  ${d.falseAi}/${d.nonAiRepos}${d.falseAiRepos.length ? `  ${d.falseAiRepos.join('; ')}` : ''}`);
  out.push(`  aiKind accuracy     ${pct(k.accuracy)}  (${k.correct}/${k.compared})`);
  for (const e of k.errors) out.push(`    kind: ${e}`);
  out.push(`  roots precision     ${pct(r.precision)}  (${r.toolRootsMatched}/${r.toolRoots} tool roots are labelled roots)`);
  out.push(`  roots recall        ${pct(r.recall)}  (${r.requiredFound}/${r.requiredRoots} required roots found)`);
  if (r.missed.length) out.push(`    missed roots: ${r.missed.join(', ')}`);
  if (r.extra.length) out.push(`    extra roots:  ${r.extra.join(', ')}`);
  out.push('', 'Checks (positive = pass; for hardcoded-secrets positive = a secret found)');
  out.push('  check                 n   TP  FP  FN  TN skip=  skip!  miss  prec  rec   F1    acc');
  for (const [id, c] of Object.entries(result.checks)) {
    out.push(`  ${id.padEnd(20)}${String(c.total).padStart(3)} ${[c.tp, c.fp, c.fn, c.tn].map((x) => String(x).padStart(3)).join(' ')}  ${String(c.skipAgree).padStart(4)}  ${String(c.skipErrors).padStart(4)}  ${String(c.missing).padStart(4)} ${pct(c.precision)} ${pct(c.recall)} ${pct(c.f1)} ${pct(c.accuracy)}`);
  }
  const o = result.overall;
  out.push(`  ${'ALL'.padEnd(20)}${String(o.total).padStart(3)} ${[o.tp, o.fp, o.fn, o.tn].map((x) => String(x).padStart(3)).join(' ')}  ${String(o.skipAgree).padStart(4)}  ${String(o.skipErrors).padStart(4)}  ${String(o.missing).padStart(4)} ${pct(o.precision)} ${pct(o.recall)} ${pct(o.f1)} ${pct(o.accuracy)}`);
  out.push('', `Failing checks / findings on non-AI repos (must be 0): ${result.nonAiFailures.length}`);
  for (const f of result.nonAiFailures) out.push(`  ${f.repo} ${f.root} ${f.check} ${f.evidence.join(', ')}`);
  out.push('', `Disagreements: ${result.disagreements.length} (label -> tool; [low] = label of low confidence)`);
  for (const x of result.disagreements) {
    const ev = x.toolEvidence.length ? x.toolEvidence.slice(0, 3).join(', ') : '-';
    out.push(`  ${x.repo} ${x.root} ${x.check}: ${x.label} -> ${x.tool}${x.confidence === 'low' ? ' [low]' : ''}  tool evidence: ${ev}  label evidence: ${x.labelEvidence.join(', ') || '-'}`);
  }
  if (result.crashes.length) {
    out.push('', `CLI crashes: ${result.crashes.length}`);
    for (const c of result.crashes) out.push(`  ${c.repo}: ${c.error}`);
  }
  const slow = [...result.timings].sort((a, b) => b.ms - a.ms).slice(0, 3);
  if (slow.length) out.push('', `Slowest scans: ${slow.map((t) => `${t.repo} ${(t.ms / 1000).toFixed(1)}s`).join(', ')}`);
  process.stdout.write(out.join('\n') + '\n');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const labels = YAML.parse(readFileSync(args.labels, 'utf8'));
  if (!labels || !Array.isArray(labels.repos)) usage(`${args.labels} has no repos: list`);
  const scans = new Map();
  const skipped = [];
  for (const entry of labels.repos) {
    const name = checkoutName(entry.repo);
    if (args.only && args.only !== name) continue;
    if (args.split && entrySplit(entry) !== args.split) continue;
    const checkout = join(args.dir, name);
    if (!existsSync(checkout)) { skipped.push(name); continue; }
    if (!args.json) process.stderr.write(`scanning ${name}…\n`);
    scans.set(entry.repo, runScan(args.cli, checkout));
  }
  const result = evaluate(labels, scans);
  if (args.json) process.stdout.write(JSON.stringify({ split: args.split ?? 'all', scanned: scans.size, skipped, ...result }, null, 2) + '\n');
  else printText(result, scans.size, skipped, args.split);
  process.exit(result.crashes.length ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
