// The on-disk cache of per-file results (CLI --cache, the language server's workspace storage): a scan in a new
// process that restores it gives exactly the answer of a scan from scratch, reads only what changed, keeps no
// secret in full, and shrugs off a missing, corrupt or foreign cache file.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { gunzipSync, gzipSync } from 'zlib';
import { scan } from '../../server/src/engine/scan';
import { persistScanResults, restoreScanResults } from '../../server/src/engine/scanCache';
import { forgetScans } from '../../server/src/engine/scanState';
import { resultsCacheFile } from '../../server/src/engine/workspace/persistentResults';
import type { ScanResult } from '../../server/src/engine/types';
import { defaultCacheDir } from '../../server/src/cli/cacheDir';
import { fakeOpenAiKey, LLM_BASE, runCli, tempTree } from './engine-support.test';
import { makeTempDir } from '../helpers';

/** The answer without the figures that say how it was obtained. */
const answer = (r: ScanResult) => JSON.stringify({ ...r, stats: { files: r.stats.files } });

/** Dates every file an hour back: files changed just before a scan are (rightly) not cached. */
function age(dir: string): void {
  const then = new Date(Date.now() - 3600_000);
  const walk = (abs: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const a = path.join(abs, e.name);
      if (e.isDirectory()) walk(a);
      else fs.utimesSync(a, then, then);
    }
  };
  walk(dir);
}

/** A scan as a new process would do it: nothing in memory, the cache restored from `cacheDir`. */
async function scanWithCache(root: string, cacheDir: string): Promise<{ result: ScanResult; restored: number; written: number | undefined }> {
  forgetScans();
  const restored = restoreScanResults(root, cacheDir);
  const result = await scan({ root });
  const written = persistScanResults(root, cacheDir);
  return { result, restored, written };
}

describe('on-disk cache of per-file results', function () {
  this.timeout(60_000);
  const key = fakeOpenAiKey();
  const files: Record<string, string> = {
    ...LLM_BASE,
    'app/settings.py': `OPENAI_API_KEY = "${key}"\n`,
    'app/chat.py': 'from openai import OpenAI\n\nclient = OpenAI()\n',
  };
  let root: string;
  let cacheDir: string;
  let cold: ScanResult;
  beforeEach(async () => {
    root = tempTree(files);
    age(root);
    cacheDir = makeTempDir();
    forgetScans();
    cold = await scan({ root });
  });
  afterEach(() => {
    forgetScans();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  it('a scan from the cache gives the answer of a scan from scratch, reading only what no value covers', async () => {
    const first = await scanWithCache(root, cacheDir);
    assert.strictEqual(first.restored, 0, 'nothing to restore yet');
    assert.ok(first.written! > 0, 'the first scan writes the cache');
    assert.strictEqual(answer(first.result), answer(cold));

    const second = await scanWithCache(root, cacheDir);
    assert.strictEqual(second.restored, first.written);
    assert.strictEqual(answer(second.result), answer(cold));
    assert.ok(second.result.stats.filesRead < cold.stats.filesRead / 2, `read ${second.result.stats.filesRead} of ${cold.stats.filesRead}`);
    assert.strictEqual(second.written, undefined, 'nothing changed: the cache file is left as it is');
  });

  it('a file whose size or mtime changed is analysed again', async () => {
    await scanWithCache(root, cacheDir);
    // Same size, new content and mtime: the key moves to chat.py, the client in settings.py gets a timeout.
    const chat = path.join(root, 'app/chat.py');
    fs.writeFileSync(chat, `API_KEY = "${key}"\n`);
    fs.writeFileSync(path.join(root, 'app/settings.py'), 'from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n');
    const later = new Date(Date.now() - 1800_000);
    for (const f of ['app/chat.py', 'app/settings.py']) fs.utimesSync(path.join(root, f), later, later);
    forgetScans();
    const fresh = await scan({ root });
    const cached = await scanWithCache(root, cacheDir);
    assert.strictEqual(answer(cached.result), answer(fresh));
    const secretFiles = cached.result.findings.filter((f) => f.ruleId === 'hardcoded-secrets').map((f) => f.file);
    assert.deepStrictEqual(secretFiles, ['app/chat.py']);
    assert.ok(cached.written! > 0, 'changed values are written back');
  });

  it('files changed just before the scan are not kept (coarse mtimes could hide a later write)', async () => {
    // Written a second before the listing: inside the window where a coarse clock could not tell a later write.
    const justNow = new Date(Date.now() - 1000);
    fs.utimesSync(path.join(root, 'app/chat.py'), justNow, justNow);
    await scanWithCache(root, cacheDir);
    const text = gunzipSync(fs.readFileSync(resultsCacheFile(cacheDir, root))).toString('utf8');
    assert.ok(text.includes('"app/bot.py"'));
    assert.ok(!text.includes('"app/chat.py"'));
  });

  it('keeps secrets masked: the cache file holds no key in full nor any long piece of it', async () => {
    await scanWithCache(root, cacheDir);
    const text = gunzipSync(fs.readFileSync(resultsCacheFile(cacheDir, root))).toString('utf8');
    assert.ok(text.includes('app/settings.py'), 'the file with the key is cached');
    const body = key.slice('sk-proj-'.length);
    for (let i = 0; i + 12 <= body.length; i += 6) {
      const piece = body.slice(i, i + 12);
      if (!piece.includes('T3BlbkFJ')) assert.ok(!text.includes(piece), `piece ${i} of the key is in the cache`);
    }
  });

  it('a missing, corrupt, truncated or foreign cache file means a scan from scratch', async () => {
    const file = resultsCacheFile(cacheDir, root);
    assert.strictEqual(restoreScanResults(root, cacheDir), 0, 'missing');
    await scanWithCache(root, cacheDir);
    const good = fs.readFileSync(file);
    const json = JSON.parse(gunzipSync(good).toString('utf8'));
    const variants: [string, Buffer][] = [
      ['not gzip', Buffer.from('hello')],
      ['truncated', good.subarray(0, Math.floor(good.length / 2))],
      ['not json', gzipSync('{"format":1,')],
      ['another engine', gzipSync(JSON.stringify({ ...json, engine: 'other' }))],
      ['another folder', gzipSync(JSON.stringify({ ...json, root: '/elsewhere' }))],
      ['wrong shape', gzipSync(JSON.stringify({ ...json, entries: 'x' }))],
    ];
    for (const [label, bytes] of variants) {
      fs.writeFileSync(file, bytes);
      forgetScans();
      assert.strictEqual(restoreScanResults(root, cacheDir), 0, label);
      const r = await scan({ root });
      assert.strictEqual(answer(r), answer(cold), label);
      assert.strictEqual(r.stats.filesRead, cold.stats.filesRead, `${label}: everything read again`);
    }
    // Malformed entries are dropped one by one (a value of the wrong shape, an unknown kind); well-formed ones count.
    const bad = [['x', 'no size', 0, {}], 7, ['app/bot.py', 1, 1, { imports: 5 }], ['app/bot.py', 1, 1, { code: [1] }], ['a.py', 1, 1, { mystery: [] }]];
    fs.writeFileSync(file, gzipSync(JSON.stringify({ ...json, entries: [...bad, ...json.entries] })));
    forgetScans();
    assert.strictEqual(restoreScanResults(root, cacheDir), json.entries.length);
    assert.strictEqual(answer(await scan({ root })), answer(cold));
  });

  it('one cache file per folder, named by its path', () => {
    assert.notStrictEqual(resultsCacheFile(cacheDir, '/a/b'), resultsCacheFile(cacheDir, '/a/c'));
    assert.strictEqual(resultsCacheFile(cacheDir, '/a/b/'), resultsCacheFile(cacheDir, '/a/b'));
    assert.strictEqual(path.dirname(resultsCacheFile(cacheDir, '/a/b')), cacheDir);
  });
});

describe('CLI --cache', function () {
  this.timeout(120_000);
  const strip = (json: string) => { const r = JSON.parse(json); delete r.stats; return r; };

  it('--cache-location: the second run reads less and prints the same report', () => {
    const root = tempTree({ ...LLM_BASE, 'app/chat.py': 'from openai import OpenAI\n\nclient = OpenAI()\n' });
    age(root);
    const cacheDir = path.join(makeTempDir(), 'nested', 'cache');
    const a = runCli(['scan', root, '--format', 'json', '--cache-location', cacheDir]);
    const b = runCli(['scan', root, '--format', 'json', '--cache-location', cacheDir]);
    assert.strictEqual(a.status, b.status);
    assert.strictEqual(a.stderr, '');
    assert.ok(fs.existsSync(resultsCacheFile(cacheDir, root)));
    assert.deepStrictEqual(strip(b.stdout), strip(a.stdout));
    assert.ok(JSON.parse(b.stdout).stats.filesRead < JSON.parse(a.stdout).stats.filesRead);
    fs.rmSync(path.dirname(path.dirname(cacheDir)), { recursive: true, force: true });
  });

  it('a cache that cannot be written is reported on stderr; the report and exit code are unchanged', () => {
    const root = tempTree({ ...LLM_BASE });
    age(root);
    const blocker = path.join(makeTempDir(), 'file');
    fs.writeFileSync(blocker, 'not a folder');
    const plain = runCli(['scan', root, '--format', 'json']);
    const r = runCli(['scan', root, '--format', 'json', '--cache-location', path.join(blocker, 'cache')]);
    assert.strictEqual(r.status, plain.status);
    assert.deepStrictEqual(strip(r.stdout), strip(plain.stdout));
    assert.match(r.stderr, /cache not written to .*: /);
  });

  it('without --cache nothing is written; an empty --cache-location is a usage error', () => {
    const root = tempTree({ ...LLM_BASE });
    const home = makeTempDir();
    const r = runCli(['scan', root, '--format', 'json'], { env: { XDG_CACHE_HOME: home, HOME: home } });
    assert.ok(r.status === 0 || r.status === 1);
    assert.deepStrictEqual(fs.readdirSync(home), []);
    assert.strictEqual(runCli(['scan', root, '--cache-location=']).status, 2);
  });

  it('--cache uses the per-user cache folder of the platform', () => {
    assert.strictEqual(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/u'), '/x/cache/ai-preflight');
    assert.strictEqual(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u'), '/home/u/.cache/ai-preflight');
    assert.strictEqual(defaultCacheDir({}, 'linux', '/home/u'), '/home/u/.cache/ai-preflight');
    assert.strictEqual(defaultCacheDir({}, 'darwin', '/Users/u'), '/Users/u/Library/Caches/ai-preflight');
    assert.strictEqual(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'), 'C:\\Users\\u\\AppData\\Local\\ai-preflight\\Cache');
    const root = tempTree({ ...LLM_BASE });
    age(root);
    const home = makeTempDir();
    runCli(['scan', root, '--cache'], { env: { XDG_CACHE_HOME: home } });
    assert.deepStrictEqual(fs.readdirSync(path.join(home, 'ai-preflight')), [path.basename(resultsCacheFile(home, root))]);
  });
});
