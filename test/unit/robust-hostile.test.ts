// A hostile workspace built at test time: the engine, the CLI (every format, as root and as a
// non-root user) and the LSP server each finish in bounded time, note what they skipped, exit 0 or 1,
// and never read outside the workspace (a key planted outside never shows up in any output).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import type { ScanResult } from '../../server/src/engine/types';
import { TestClient } from '../lsp/lspClient';
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
      const everything = JSON.stringify([...client.diagnostics]) + JSON.stringify(client.scans) + client.stderr;
      assert.deepStrictEqual(leakedIn(everything, t.outsideKeys), [], 'no outside key in diagnostics, didScan or logs');
      assert.deepStrictEqual(leakedIn(everything, t.insideKeys), [], 'inside keys masked');
      assert.ok(fs.existsSync(path.join(t.root, 'app.py')));
    } finally {
      await client.dispose();
    }
  });
});
