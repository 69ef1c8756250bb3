// The HTML report in a real browser (headless Debian Chromium via playwright-core): layout at
// 600 px, no network, no CSP violations, and the webview script's messages on click and keyboard.
// Skipped where /usr/bin/chromium is not installed (apt-get install -y chromium).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { toHtml } from '../../server/src/engine/report/html';
import { workspaceResult } from '../fixtures/report/scan-results';
import { makeTempDir } from '../helpers';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Typed loosely: playwright-core is only needed where Chromium is.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe('report: HTML in headless Chromium', function () {
  this.timeout(60000);
  let browser: Any;
  const dir = makeTempDir('aipf-report-');

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) this.skip();
    const { chromium } = require('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string, width: number, scheme: 'light' | 'dark', init?: string) {
    const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: scheme });
    const problems: string[] = [];
    page.on('console', (m: Any) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e: Any) => problems.push(String(e)));
    page.on('request', (r: Any) => { if (!/^(file|data|about):/.test(r.url())) problems.push('request ' + r.url()); });
    if (init) await page.addInitScript(init);
    const file = path.join(dir, `r${Math.random().toString(36).slice(2)}.html`);
    fs.writeFileSync(file, html);
    await page.goto('file://' + file);
    return { page, problems };
  }

  it('file mode: fits 600 px without page-level horizontal scroll, no errors, no requests', async () => {
    const { page, problems } = await open(toHtml(workspaceResult()), 600, 'light');
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    assert.strictEqual(await page.locator('section.project').count(), 3);
    assert.ok(await page.locator('section.summary svg.chart').isVisible());
    assert.deepStrictEqual(problems, []);
    await page.close();
  });

  it('file mode: dark scheme changes the colours', async () => {
    const bg = async (scheme: 'light' | 'dark') => {
      const { page } = await open(toHtml(workspaceResult()), 900, scheme);
      const c = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      await page.close();
      return c;
    };
    const [light, dark] = [await bg('light'), await bg('dark')];
    assert.strictEqual(light, 'rgb(255, 255, 255)');
    assert.notStrictEqual(dark, light);
  });

  it('file mode: "How the score is computed" opens from the keyboard', async () => {
    const { page } = await open(toHtml(workspaceResult()), 900, 'light');
    const summary = page.locator('section.project').first().locator('details summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.ok(await page.locator('section.project').first().locator('details table').isVisible());
    await page.close();
  });

  it('webview mode: runs under its CSP and posts open/scaffold/explain/export messages', async () => {
    const html = toHtml(workspaceResult(), { mode: 'webview', nonce: 'Zm9vYmFy', cspSource: 'vscode-webview://x' });
    const stub = 'window.__sent = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__sent.push(m), getState: () => undefined, setState: () => {} });';
    const { page, problems } = await open(html, 600, 'dark', stub);
    const rag = page.locator('section.project').first();
    await rag.locator('li[data-check="hardcoded-secrets"] ul.evidence button').click();
    await rag.locator('li[data-check="rollback"] button[data-scaffold-check]').click();
    // keyboard: focus the Explain button and press Enter
    await rag.locator('li[data-check="ownership"] button[data-explain]').focus();
    await page.keyboard.press('Enter');
    await page.locator('button[data-export="sarif"]').click();
    const sent = await page.evaluate('window.__sent');
    assert.deepStrictEqual(sent, [
      { type: 'open', file: 'services/rag/app.py', line: 12 },
      { type: 'scaffold', project: 'services/rag', check: 'rollback' },
      { type: 'explain', check: 'ownership' },
      { type: 'export', format: 'sarif' },
    ]);
    await page.keyboard.press('Tab'); // keyboard focus moves to the next toolbar button
    const focused = await page.evaluate('[document.activeElement.dataset.export, getComputedStyle(document.activeElement).outlineStyle]');
    assert.deepStrictEqual(focused, ['json', 'solid'], 'keyboard focus is visible');
    assert.deepStrictEqual(problems, [], 'no CSP violations or script errors');
    await page.close();
  });
});
