// The language server keeps per-file results between sessions in initializationOptions.cacheDir: a session
// writes them at shutdown, the next one restores them before its first scan and publishes the same
// diagnostics; without cacheDir nothing is written anywhere.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir, makeTree } from '../helpers';
import { TestClient } from './lspClient';

describe('language server: per-file results kept between sessions', function () {
  this.timeout(60_000);
  let dir: string;
  let cacheDir: string;

  beforeEach(() => {
    dir = makeTree({
      'requirements.txt': 'openai==1.0.0\n',
      'app.py': 'from openai import OpenAI\n\nclient = OpenAI()\n',
      'util.py': 'import json\n',
    });
    // Files changed in the last seconds are not kept (coarse mtimes): these are an hour old.
    const then = new Date(Date.now() - 3600_000);
    for (const f of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, f), then, then);
    cacheDir = path.join(makeTempDir(), 'storage');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(cacheDir), { recursive: true, force: true });
  });

  /** One session: start, first scan, diagnostics, shut down. */
  async function session(options: Record<string, unknown>): Promise<{ logs: string[]; diags: string }> {
    const client = new TestClient();
    const logs: string[] = [];
    client.conn.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); });
    await client.initialize([dir], options);
    await client.nextScan(dir, 0);
    const diags = JSON.stringify(client.diagsUnder(dir).sort(([a], [b]) => a.localeCompare(b)));
    await client.dispose();
    return { logs, diags };
  }

  it('the second session restores what the first kept, and publishes the same diagnostics', async () => {
    const first = await session({ trusted: true, cacheDir });
    assert.ok(first.diags.includes('llm-client-timeout'), 'the code-level finding is published');
    const kept = fs.readdirSync(cacheDir);
    assert.strictEqual(kept.length, 1, `one cache file: ${kept.join(', ')}`);
    assert.ok(!first.logs.some((l) => l.includes('kept from the last session')));

    const second = await session({ trusted: true, cacheDir });
    assert.ok(second.logs.some((l) => /results of \d+ file\(s\) kept from the last session/.test(l)), second.logs.join(' | '));
    assert.strictEqual(second.diags, first.diags);
  });

  it('without cacheDir (or with a relative one) nothing is kept', async () => {
    await session({ trusted: true });
    await session({ trusted: true, cacheDir: 'relative/dir' });
    assert.ok(!fs.existsSync(cacheDir));
    assert.ok(!fs.existsSync(path.join(dir, 'relative')));
  });
});
