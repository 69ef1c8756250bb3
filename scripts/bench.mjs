#!/usr/bin/env node
// Performance benchmark (issue 8): prints figures, it is not a test. On a synthetic AI monorepo of
// 10k and 100k files (generated from a seed, committed to git, cached under the temp dir) it reports:
//   1. the floor: git ls-files, a .gitignore-honouring walk, and listing + reading what the scan reads;
//   2. a cold full scan through the CLI (--format json to /dev/null): wall time and peak RSS;
//   3. incremental latency through the language server over stdio (p50/p95 over N edits);
//   4. secretlint and repolinter on the same tree, with recall on the planted secrets.
// Usage: node scripts/bench.mjs [--sizes 10000,100000] [--runs 5] [--seed 7] [--edits 50] [--no-lsp] [--no-peers]
// Needs a build (npm run build). Page cache is warm for every tool alike ("cold" = a fresh process).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureMonorepo } from '../test/bench/monorepo.mjs';
import { fmtMiB, fmtMs, median, percentile, timeChild } from '../test/bench/stats.mjs';
import { BenchClient, diskToggles, documentEdits } from '../test/bench/lsp.mjs';
import { ensurePeers, runRepolinter, runSecretlint } from '../test/bench/peers.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const server = path.join(repoRoot, 'dist', 'server.js');
const floorScript = path.join(repoRoot, 'test', 'bench', 'floor.mjs');
const log = (m) => process.stderr.write(`[bench] ${m}\n`);

function parseArgs(argv) {
  const a = { sizes: [10_000, 100_000], runs: 5, seed: 7, edits: 50, lsp: true, peers: true, artifactBudgetMs: 90_000 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--sizes') a.sizes = argv[++i].split(',').map(Number);
    else if (k === '--runs') a.runs = Number(argv[++i]);
    else if (k === '--seed') a.seed = Number(argv[++i]);
    else if (k === '--edits') a.edits = Number(argv[++i]);
    else if (k === '--no-lsp') a.lsp = false;
    else if (k === '--no-peers') a.peers = false;
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

async function medianOf(runs, fn) {
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push(await fn(i));
  return xs;
}

async function floor(dir, runs) {
  const out = {};
  for (const mode of ['git-ls', 'walk', 'read']) {
    const rs = await medianOf(runs, () => timeChild(process.execPath, [floorScript, mode, dir]));
    out[mode] = median(rs.map((r) => r.ms));
    out[`${mode}Cpu`] = median(rs.map((r) => r.cpuMs));
  }
  return out;
}

/** Secrets recall of a set of "file:line" hits against the planted ones, and hits on placeholders. */
function recall(meta, hits) {
  const found = meta.planted.filter((p) => hits.has(`${p.file}:${p.line}`)).length;
  const placeholderHits = meta.placeholders.filter((p) => hits.has(`${p.file}:${p.line}`)).length;
  return { found, planted: meta.planted.length, placeholderHits, placeholders: meta.placeholders.length };
}

async function cliScan(dir, meta, runs) {
  const jsonFile = path.join(os.tmpdir(), `aipf-bench-scan-${process.pid}.json`);
  const rs = await medianOf(runs, (i) => timeChild(process.execPath, [cli, 'scan', dir, '--format', 'json'], { stdoutFile: i === 0 ? jsonFile : '/dev/null' }));
  let result;
  try { result = JSON.parse(fs.readFileSync(jsonFile, 'utf8')); } catch (e) { log(`scan output unreadable: ${e.message}; stderr: ${rs[0].stderr.slice(-300)}`); }
  fs.rmSync(jsonFile, { force: true });
  const hits = new Set((result?.findings ?? []).filter((f) => f.ruleId === 'hardcoded-secrets').map((f) => `${f.file}:${f.line}`));
  return {
    ms: median(rs.map((r) => r.ms)), cpuMs: median(rs.map((r) => r.cpuMs)), rssMiB: median(rs.map((r) => r.rssMiB)), maxRssMiB: Math.max(...rs.map((r) => r.rssMiB)),
    projects: result?.projects?.length, stats: result?.stats, recall: recall(meta, hits), result,
  };
}

/**
 * Repeat scans with --cache: one run fills the cache (and is timed as such), then `runs` runs that restore it. The
 * report must be the cold scan's, except the read counts.
 */
async function cachedScan(dir, runs, coldJson) {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aipf-bench-cache-'));
  const jsonFile = path.join(os.tmpdir(), `aipf-bench-cached-${process.pid}.json`);
  try {
    const args = [cli, 'scan', dir, '--format', 'json', '--cache-location', cacheDir];
    const fill = await timeChild(process.execPath, args, { stdoutFile: '/dev/null' });
    const rs = await medianOf(runs, (i) => timeChild(process.execPath, args, { stdoutFile: i === 0 ? jsonFile : '/dev/null' }));
    const strip = (r) => JSON.stringify({ ...r, stats: { files: r?.stats?.files } });
    const result = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    return {
      fillMs: fill.ms, fillRssMiB: fill.rssMiB, ms: median(rs.map((r) => r.ms)), rssMiB: median(rs.map((r) => r.rssMiB)),
      filesRead: result.stats?.filesRead, same: coldJson !== undefined && strip(result) === strip(coldJson),
      cacheBytes: fs.readdirSync(cacheDir).reduce((n, f) => n + fs.statSync(path.join(cacheDir, f)).size, 0),
    };
  } catch (e) {
    return { error: e.message };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.rmSync(jsonFile, { force: true });
  }
}

/** The language server's first scan when the workspace is opened again, with the results its last session kept. */
async function reopened(dir) {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aipf-bench-storage-'));
  try {
    const first = new BenchClient(server);
    await first.initialize(dir, { trusted: true, cacheDir });
    await first.dispose(); // shutdown writes the kept results
    const again = new BenchClient(server);
    try {
      return { ms: await again.initialize(dir, { trusted: true, cacheDir }) };
    } finally {
      await again.dispose();
    }
  } catch (e) {
    return { error: e.message };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function incremental(dir, meta, edits, budgetMs) {
  const client = new BenchClient(server);
  const out = {};
  try {
    out.firstScanMs = await client.initialize(dir);
    out.duringFirstScan = client.firstScanRequests;
    out.code = await documentEdits(client, path.join(dir, meta.targets.codeFile), edits);
    out.big = await documentEdits(client, path.join(dir, meta.targets.bigFile), edits);
    const owners = path.join(dir, meta.targets.projectWithoutOwners, 'CODEOWNERS');
    out.artifact = await diskToggles(client, owners, '* @org/bench-team\n', path.join(dir, meta.targets.projectWithoutOwners, 'pyproject.toml'), edits, budgetMs);
    const manifest = path.join(dir, meta.targets.newProjectDir, 'pyproject.toml');
    out.reroot = await diskToggles(client, manifest, '[project]\nname = "labeler"\ndependencies = ["anthropic==0.40.0"]\n', manifest, edits, budgetMs);
  } catch (e) {
    out.error = e.message;
  } finally {
    await client.dispose();
  }
  return out;
}

/** Files the incremental bench creates; removed first in case an earlier run was interrupted. */
function cleanTree(dir, meta) {
  fs.rmSync(path.join(dir, meta.targets.projectWithoutOwners, 'CODEOWNERS'), { force: true });
  fs.rmSync(path.join(dir, meta.targets.newProjectDir, 'pyproject.toml'), { force: true });
}

const pq = (xs) => (xs?.length ? `p50 ${fmtMs(percentile(xs, 50))} · p95 ${fmtMs(percentile(xs, 95))} (n=${xs.length})` : 'n/a');
const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : 'NOT met');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(cli) || !fs.existsSync(server)) throw new Error('dist/ is missing: run npm run build first');
  const peerError = args.peers ? ensurePeers(log) : 'skipped (--no-peers)';
  const rows = [];
  const add = (size, what, value, target, ok) => rows.push({ size, what, value, target: target ?? '', ok: verdict(ok) });
  for (const size of args.sizes) {
    const { dir, meta } = ensureMonorepo(args.seed, size, log);
    cleanTree(dir, meta);
    const n = `${size / 1000}k`;
    const runs = size >= 50_000 ? Math.max(3, Math.ceil(args.runs / 2)) : args.runs;
    log(`${n}: ${meta.totalFiles} files, ${meta.trackedFiles} tracked, ${(meta.trackedBytes / 1e6).toFixed(0)} MB tracked text+binary; ${runs} runs each`);

    log(`${n}: floor …`);
    const f = await floor(dir, runs);
    add(n, 'floor: git ls-files (tracked + untracked)', fmtMs(f['git-ls']));
    add(n, 'floor: walk honouring .gitignore (ignore pkg)', fmtMs(f.walk));
    add(n, 'floor: list + read what the scan reads', `${fmtMs(f.read)} (CPU ${fmtMs(f.readCpu)})`);

    log(`${n}: cold CLI scans …`);
    const s = await cliScan(dir, meta, runs);
    const wallTarget = size >= 100_000 ? 2000 : size <= 10_000 ? 400 : undefined;
    add(n, 'cold scan, CLI wall (median)', fmtMs(s.ms), wallTarget ? `≤ ${fmtMs(wallTarget)}` : '', wallTarget ? s.ms <= wallTarget : undefined);
    add(n, 'cold scan, CLI CPU user+sys (median)', fmtMs(s.cpuMs));
    add(n, 'cold scan ÷ crawl+read floor', `${(s.ms / f.read).toFixed(1)}×`, '≤ 2×', s.ms <= 2 * f.read);
    add(n, 'cold scan, peak RSS (median / max)', `${fmtMiB(s.rssMiB)} / ${fmtMiB(s.maxRssMiB)}`, size >= 100_000 ? '≤ 250 MiB' : '', size >= 100_000 ? s.maxRssMiB <= 250 : undefined);
    add(n, 'scan: projects, files listed / read', `${s.projects} projects, ${s.stats?.files} / ${s.stats?.filesRead} (${((s.stats?.bytesRead ?? 0) / 1e6).toFixed(0)} MB)`);
    add(n, 'secrets recall (ours)', `${s.recall.found}/${s.recall.planted}; placeholders flagged ${s.recall.placeholderHits}/${s.recall.placeholders}`);

    log(`${n}: CLI scans with --cache …`);
    const c = await cachedScan(dir, runs, s.result);
    if (c.error) add(n, 'scan with --cache', `failed: ${c.error.slice(0, 160)}`);
    else {
      add(n, 'scan with --cache, first run (writes it)', `${fmtMs(c.fillMs)} / ${fmtMiB(c.fillRssMiB)} (cache ${(c.cacheBytes / 1e6).toFixed(1)} MB)`);
      add(n, 'scan with --cache, next runs (median)', `${fmtMs(c.ms)} / ${fmtMiB(c.rssMiB)}, ${c.filesRead} files read`, 'not a target (warm)', undefined);
      add(n, 'scan with --cache: report = cold scan\'s', c.same ? 'yes' : 'NO', 'same', c.same);
    }

    if (args.lsp) {
      log(`${n}: language server, ${args.edits} edits per case …`);
      const inc = await incremental(dir, meta, args.edits, args.artifactBudgetMs);
      if (inc.error) add(n, 'LSP incremental', `failed: ${inc.error.slice(0, 160)}`);
      add(n, 'LSP first scan (initialized → didScan)', fmtMs(inc.firstScanMs));
      const waits = inc.duringFirstScan ?? [];
      add(n, 'LSP requests during the first scan (every 20 ms)', waits.length ? `${pq(waits)} · max ${fmtMs(Math.max(...waits))}` : 'n/a', 'not blocked (no number set)');
      const again = await reopened(dir);
      add(n, 'LSP first scan, workspace opened again', again.error ? `failed: ${again.error.slice(0, 160)}` : `${fmtMs(again.ms)} (results kept by the last session)`);
      add(n, 'LSP didChange → diagnostics, code file', pq(inc.code), 'p95 ≤ 20 ms', inc.code?.length ? percentile(inc.code, 95) <= 20 : undefined);
      add(n, 'LSP didChange → diagnostics, 1 MB file', pq(inc.big), 'p95 ≤ 50 ms', inc.big?.length ? percentile(inc.big, 95) <= 50 : undefined);
      add(n, 'LSP CODEOWNERS created/deleted → diagnostics', pq(inc.artifact), 'p95 ≤ 100 ms', inc.artifact?.length ? percentile(inc.artifact, 95) <= 100 : undefined);
      add(n, 'LSP manifest appears (re-root) → diagnostics', pq(inc.reroot), 'p95 ≤ 100 ms', inc.reroot?.length ? percentile(inc.reroot, 95) <= 100 : undefined);
      cleanTree(dir, meta);
    }

    if (args.peers && !peerError) {
      log(`${n}: secretlint …`);
      const sl = await medianOf(Math.min(runs, 3), () => runSecretlint(dir, path.join(os.tmpdir(), `aipf-bench-sl-${process.pid}.txt`)));
      if (sl.every((r) => r.ok)) {
        const rc = recall(meta, sl[0].hits);
        add(n, 'secretlint wall / peak RSS', `${fmtMs(median(sl.map((r) => r.ms)))} / ${fmtMiB(median(sl.map((r) => r.rssMiB)))}`, 'ours faster', s.ms < median(sl.map((r) => r.ms)));
        add(n, 'secretlint recall', `${rc.found}/${rc.planted}; placeholders flagged ${rc.placeholderHits}/${rc.placeholders}`, 'ours ≥', s.recall.found >= rc.found);
      } else add(n, 'secretlint', `could not run: ${sl.find((r) => !r.ok).stderr.slice(-200)}`);
      log(`${n}: repolinter …`);
      const rl = await medianOf(Math.min(runs, 3), () => runRepolinter(dir, meta.projects, path.join(os.tmpdir(), `aipf-bench-rl-${process.pid}.json`)));
      if (rl.every((r) => r.ok)) {
        add(n, 'repolinter wall / peak RSS', `${fmtMs(median(rl.map((r) => r.ms)))} / ${fmtMiB(median(rl.map((r) => r.rssMiB)))} (${rl[0].passed}/${rl[0].total} rules pass)`, 'ours faster', s.ms < median(rl.map((r) => r.ms)));
      } else add(n, 'repolinter', `could not run: ${rl.find((r) => !r.ok).stderr.slice(-200)}`);
    } else add(n, 'peers', peerError);
  }
  printTable(rows);
}

function printTable(rows) {
  const head = ['size', 'measure', 'value', 'target', 'verdict'];
  const body = rows.map((r) => [r.size, r.what, r.value, r.target, r.ok]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\nAI Preflight benchmark — ${os.cpus().length} CPUs, node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

// Exit explicitly: a peer tool's child can leave a pipe open that would keep this process waiting.
main().then(() => process.exit(0), (e) => { console.error(e.stack ?? String(e)); process.exit(1); });
