// A hostile workspace built at test time: the engine, the CLI (every format, as root and as a
// non-root user) and the LSP server each finish in bounded time, note what they skipped, exit 0 or 1,
// and never read outside the workspace (a key planted outside never shows up in any output).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import type { ScanResult } from '../../server/src/engine/types';
import { crawl } from '../../server/src/engine/workspace/crawl';
import { TestClient, uriOf } from '../lsp/lspClient';
import { BRACE_BOMBS, buildGlobAttacks, GlobAttacks, LONG_NAME, STAR_GLOB } from './robust/globAttacks';
import { buildHostileTree, HostileTree, openTreeTo, removeHostileTree } from './robust/hostileTree';
import { assertContract, leakedIn, record, rssMiB, runCli, within } from './robust/util';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'];
/** Generous bounds: the point is "finishes", not speed (issue 8 owns speed). */
const SCAN_BOUND_MS = 90_000;

describe('robustness: hostile workspace', function () {
  this.timeout(600_000);
  let t: HostileTree;
  let result: ScanResult;

  before(function () {
    this.timeout(300_000);
    const t0 = Date.now();
    t = buildHostileTree();
    record('hostile tree built (100k files, 200 MB sparse, 50 MB notebook, 500-deep)', 'built', Date.now() - t0);
    if (t.notBuilt.length) console.log(`    note: not built here: ${t.notBuilt.join('; ')}`);
  });
  after(() => t && removeHostileTree(t));

  it('engine: scan() finishes, notes each skipped item, validates, and never reads outside', async () => {
    const t0 = Date.now();
    result = await within(SCAN_BOUND_MS, 'scan() of the hostile tree', scan({ root: t.root }));
    const ms = Date.now() - t0;
    record('engine scan() of hostile tree', `${result.stats.files} files, ${result.notes.length} notes`, ms);
    for (const n of result.notes) record(`  hostile item: ${n.file ?? '(root)'}`.slice(0, 90), n.message, 0);
    assertContract(result);
    const noteFor = (file: string) => result.notes.find((n) => n.file === file);
    const expectNote = (file: string, re: RegExp) => {
      const n = noteFor(file);
      assert.ok(n, `a note for ${file}; notes: ${JSON.stringify(result.notes.slice(0, 20).map((x) => x.file))}`);
      assert.match(n.message, re, file);
    };
    expectNote('outside-dir', /outside/);
    expectNote('.env', /outside/);
    expectNote('leak.py', /outside/);
    expectNote('relative-leak.py', /outside/);
    expectNote('ping', /loop/);
    expectNote('loopdir/self', /loop|already scanned/);
    if (!t.notBuilt.some((n) => n.startsWith('FIFO'))) { expectNote('pipe.py', /FIFO/); expectNote('fifo/requirements.txt', /FIFO/); }
    expectNote('huge.py', /cap/);
    expectNote('oneline.py', /cap/);
    expectNote('big.ipynb', /cap/);
    assert.ok(result.stats.files >= 100_000, `listed the 100k empty files (${result.stats.files})`);
    assert.ok(result.findings.some((f) => f.file.endsWith('/leaf.py')), 'the 500-deep file was reached');
    const all = JSON.stringify(result);
    assert.deepStrictEqual(leakedIn(all, t.outsideKeys), [], 'no outside key in the scan result');
    assert.deepStrictEqual(leakedIn(all, t.insideKeys), [], 'inside keys only masked');
    const redos = result.projects[0]?.checks.find((c) => c.id === 'redos-probe');
    assert.ok(redos, 'the custom rule with (a+)+$ ran');
    // The only line of a's ends in "!": no match, found quickly instead of backtracking for ages.
    assert.notStrictEqual(redos.state, 'errored', redos.message);
    assert.strictEqual(redos.status, 'fail');
  });

  for (const format of FORMATS) {
    it(`CLI --format ${format}: bounded time, exit 0 or 1, no outside key, inside keys masked`, async () => {
      const r = await runCli(['scan', t.root, '--format', format, ...(format === 'text' ? ['--verbose'] : [])], { timeoutMs: SCAN_BOUND_MS });
      record(`CLI scan --format ${format} of hostile tree`, r.timedOut ? 'TIMED OUT' : `exit ${r.code}`, r.ms);
      assert.ok(!r.timedOut, `finished within ${SCAN_BOUND_MS} ms`);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}; stderr: ${r.stderr.slice(0, 300)}`);
      const out = r.stdout + r.stderr;
      assert.deepStrictEqual(leakedIn(out, t.outsideKeys), []);
      assert.deepStrictEqual(leakedIn(out, t.insideKeys), []);
      if (format === 'text') assert.match(r.stdout, /outside the scanned folder/, 'skipped items are noted in text output (--verbose)');
    });
  }

  it('CLI as a non-root user: unreadable file and folder become notes, nothing crashes', async function () {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) {
      // Not root: the chmod 000 entries are already unreadable to us; the engine test above covered them.
      this.skip();
    }
    openTreeTo(t, 65534, 65534);
    const r = await runCli(['scan', t.root, '--format', 'json'], { asUser: 'nobody', timeoutMs: SCAN_BOUND_MS, cwd: os.tmpdir() });
    record('CLI as nobody: chmod 000 file + folder', r.timedOut ? 'TIMED OUT' : `exit ${r.code}`, r.ms);
    if (r.code !== 0 && r.code !== 1 && /setpriv|Operation not permitted/.test(r.stderr)) this.skip(); // cannot switch user here
    assert.ok(!r.timedOut);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 300)}`);
    const doc = JSON.parse(r.stdout) as { notes?: { file?: string; message: string }[] };
    const notes = doc.notes ?? [];
    const locked = notes.find((n) => n.file === 'locked');
    const lockedFile = notes.find((n) => n.file === 'locked-file.py');
    assert.ok(locked && /permission denied/.test(locked.message), `note for the locked folder: ${JSON.stringify(notes.slice(0, 30))}`);
    assert.ok(lockedFile && /permission denied/.test(lockedFile.message), 'note for the locked file');
    assert.deepStrictEqual(leakedIn(r.stdout + r.stderr, [...t.outsideKeys, ...t.insideKeys]), []);
  });

  it('LSP server: scans the hostile folder in bounded time, stays responsive, leaks nothing', async () => {
    const client = new TestClient();
    try {
      const t0 = Date.now();
      await client.initialize([t.root]);
      const s = await client.waitFor('hostile scan', () => client.scans.find((x) => x.result || x.error), SCAN_BOUND_MS);
      const ms = Date.now() - t0;
      const rss = rssMiB(client.proc.pid!);
      record('LSP server initial scan of hostile tree', `${s.error ? 'error: ' + s.error : 'scanned'}; RSS ${rss?.toFixed(0)} MiB`, ms);
      assert.strictEqual(s.error, undefined, 'scan did not fail');
      const answer = await within(10_000, 'scanResult request', client.conn.sendRequest<{ folders: unknown[] }>('aiPreflight/scanResult'));
      assert.strictEqual(answer.folders.length, 1);
      // The same per-item notes as the engine's scan: each skipped item is named with its reason.
      const notes = (client.merged.get(uriOf(t.root))?.result as unknown as ScanResult | undefined)?.notes ?? [];
      const expectNote = (file: string, re: RegExp) => {
        const n = notes.find((x) => x.file === file);
        assert.ok(n && re.test(n.message), `LSP note for ${file}: ${JSON.stringify(n)}; notes for ${JSON.stringify(notes.slice(0, 20).map((x) => x.file))}`);
      };
      for (const file of ['outside-dir', '.env', 'leak.py', 'relative-leak.py']) expectNote(file, /outside/);
      expectNote('ping', /loop/);
      expectNote('loopdir/self', /loop|already scanned/);
      if (!t.notBuilt.some((n) => n.startsWith('FIFO'))) { expectNote('pipe.py', /FIFO/); expectNote('fifo/requirements.txt', /FIFO/); }
      for (const file of ['huge.py', 'oneline.py', 'big.ipynb']) expectNote(file, /cap/);
      const everything = JSON.stringify([...client.diagnostics]) + JSON.stringify(client.scans) + client.stderr;
      assert.deepStrictEqual(leakedIn(everything, t.outsideKeys), [], 'no outside key in diagnostics, didScan or logs');
      assert.deepStrictEqual(leakedIn(everything, t.insideKeys), [], 'inside keys masked');
      assert.ok(fs.existsSync(path.join(t.root, 'app.py')));
    } finally {
      await client.dispose();
    }
  });
});

/** Each glob/link attack must finish well under this (the backtracking matchers took 16-34 s per name). */
const ATTACK_BOUND_MS = 10_000;

describe('robustness: hostile globs and linked .gitignore', function () {
  this.timeout(120_000);
  let a: GlobAttacks;
  before(() => { a = buildGlobAttacks(); });
  after(() => fs.rmSync(a.base, { recursive: true, force: true }));

  const timed = async <T>(what: string, p: () => Promise<T>, bound = ATTACK_BOUND_MS): Promise<T> => {
    const t0 = Date.now();
    const out = await p();
    const ms = Date.now() - t0;
    console.log(`      ${what}: ${ms} ms`);
    record(what, 'finished', ms);
    assert.ok(ms < bound, `${what} took ${ms} ms`);
    return out;
  };
  const configErrors = (r: ScanResult) => r.notes.filter((n) => n.kind === 'config-error');

  it('star glob in config ignore: (trusted and untrusted) runs in bounded time and ignores nothing it should not', async () => {
    for (const trusted of [true, false]) {
      const r = await timed(`scan(), ignore: star glob, trusted ${trusted}`, () => scan({ root: a.roots.ignoreStar, trusted }));
      assert.deepStrictEqual(configErrors(r), []);
    }
    const listed = crawl(a.roots.ignoreStar, { ignoreGlobs: [STAR_GLOB] }).files.map((f) => f.rel);
    assert.ok(listed.includes(LONG_NAME) && listed.includes(`${LONG_NAME}-dir/${LONG_NAME}`), 'the long names do not match the glob: still listed');
    assert.ok(!crawl(a.roots.ignoreStar, { ignoreGlobs: ['*a*a*a*a*a*a*a*a*a*a*a*a*'] }).files.some((f) => f.rel === LONG_NAME), 'a matching star glob still ignores');
  });

  it('star glob in a custom rule file: runs in bounded time; the rule evaluates (no match), not errored', async () => {
    const r = await timed('scan(), custom rule file: star glob', () => scan({ root: a.roots.ruleStar }));
    const probe = r.projects[0]?.checks.find((c) => c.id === 'star-glob-probe');
    assert.ok(probe, 'the custom rule ran');
    assert.notStrictEqual(probe.state, 'errored', probe.message);
    assert.strictEqual(probe.status, 'fail');
  });

  it('star glob in .gitignore: bounded time; the long names (no match) stay listed', async () => {
    await timed('scan(), .gitignore star glob', () => scan({ root: a.roots.gitignoreStar }));
    const listed = crawl(a.roots.gitignoreStar).files.map((f) => f.rel);
    assert.ok(listed.includes(LONG_NAME) && listed.includes(`sub/${LONG_NAME}`), JSON.stringify(listed));
  });

  it('brace bomb in config ignore: refused before expanding, with a config error naming the limit', async () => {
    for (const trusted of [true, false]) {
      // Counting alternatives costs microseconds; expanding them (capped at 100k by brace-expansion) took 1.2+ s per glob.
      const r = await timed(`scan(), ignore: ${BRACE_BOMBS.length} brace bombs, trusted ${trusted}`, () => scan({ root: a.roots.braceBomb, trusted }), 2_000);
      const refused = configErrors(r).filter((n) => /alternatives/.test(n.message));
      assert.strictEqual(refused.length, BRACE_BOMBS.length, JSON.stringify(configErrors(r).map((n) => n.message.slice(0, 120))));
    }
  });

  it('a .gitignore symlinked outside is not read: the secret in leak.py is still reported, the link is noted', async () => {
    const r = await timed('scan(), .gitignore linked outside', () => scan({ root: a.roots.gitignoreLink }));
    const note = r.notes.find((n) => n.file === '.gitignore');
    assert.ok(note && /outside/.test(note.message), JSON.stringify(r.notes));
    assert.ok(r.findings.some((f) => f.file === 'leak.py' && f.ruleId === 'hardcoded-secrets'), 'leak.py was scanned (the outside .gitignore names it)');
    assert.deepStrictEqual(leakedIn(JSON.stringify(r), [a.leakKey]), [], 'masked');
  });

  it('CLI: every attack workspace finishes in bounded time (child process with a hard limit)', async () => {
    for (const [name, root] of Object.entries(a.roots)) {
      const r = await runCli(['scan', root, '--format', 'json'], { timeoutMs: ATTACK_BOUND_MS * 3 });
      console.log(`      CLI scan of ${name}: ${r.timedOut ? 'TIMED OUT' : `exit ${r.code}`} in ${r.ms} ms`);
      record(`CLI scan, glob attack ${name}`, r.timedOut ? 'TIMED OUT' : `exit ${r.code}`, r.ms);
      assert.ok(!r.timedOut && r.ms < ATTACK_BOUND_MS, `${name}: ${r.ms} ms`);
      assert.ok([0, 1, 2].includes(r.code ?? -1), `${name}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
      assert.deepStrictEqual(leakedIn(r.stdout + r.stderr, [a.leakKey]), []);
    }
  });

  it('LSP server: all attack folders scanned in bounded time, with the notes and the leak.py finding', async () => {
    const client = new TestClient();
    try {
      const roots = Object.values(a.roots);
      const t0 = Date.now();
      await client.initialize(roots);
      for (const root of roots) await client.waitFor(`scan of ${path.basename(root)}`, () => client.merged.get(uriOf(root))?.result, ATTACK_BOUND_MS * 3);
      const ms = Date.now() - t0;
      console.log(`      LSP: ${roots.length} attack folders scanned in ${ms} ms`);
      record('LSP server, all glob attack folders', 'scanned', ms);
      assert.ok(ms < ATTACK_BOUND_MS * 2, `${ms} ms`);
      await within(5_000, 'scanResult after the attacks', client.conn.sendRequest('aiPreflight/scanResult'));
      const resultOf = (root: string) => client.merged.get(uriOf(root))!.result as unknown as ScanResult;
      assert.strictEqual(resultOf(a.roots.braceBomb).notes.filter((n) => /alternatives/.test(n.message)).length, BRACE_BOMBS.length);
      const link = resultOf(a.roots.gitignoreLink);
      assert.ok(link.notes.some((n) => n.file === '.gitignore' && /outside/.test(n.message)));
      assert.ok(link.findings.some((f) => f.file === 'leak.py'));
      assert.deepStrictEqual(leakedIn(JSON.stringify([...client.diagnostics]) + client.stderr, [a.leakKey]), []);
    } finally {
      await client.dispose();
    }
  });
});
