// The HTML report in a real browser (headless Debian Chromium via playwright-core): screenshots
// (light, dark, 600 px, print, webview) into test/artifacts/report/ with layout assertions on each,
// chart labels that fit, the summary table on an A4 page, keyboard access to sideways-scrolling
// tables, no network, no CSP violations, and the webview script's messages on click and keyboard.
// Skipped where /usr/bin/chromium is not installed (apt-get install -y chromium).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ScanResult } from '../../server/src/engine/types';
import { toHtml } from '../../server/src/engine/report/html';
import { evilResult, singleProjectResult, workspaceResult } from '../fixtures/report/scan-results';
import { makeTempDir, repoRoot } from '../helpers';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = path.join(repoRoot, 'test', 'artifacts', 'report');
/** Content width of an A4 page at Chromium's default print margins, in CSS px. */
const A4_WIDTH = 718;
const WEBVIEW = { mode: 'webview' as const, nonce: 'Zm9vYmFy', cspSource: 'vscode-webview://x' };
const WEBVIEW_STUB = 'window.__sent = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__sent.push(m), getState: () => undefined, setState: () => {} });';
// A dark VS Code theme's variables, as the webview host sets them on <html>.
const VSCODE_DARK: Record<string, string> = {
  '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-textLink-foreground': '#4daafc', '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-focusBorder': '#0078d4', '--vscode-panel-border': '#2b2b2b', '--vscode-sideBar-background': '#181818',
  '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-input-background': '#313131',
};
const THEME_STUB = WEBVIEW_STUB + `document.addEventListener('DOMContentLoaded', () => { for (const [k, v] of Object.entries(${JSON.stringify(VSCODE_DARK)})) document.documentElement.style.setProperty(k, v); });`;

/** Project names as real repositories have them: long, hyphenated, underscored, wide letters. */
const LONG_NAMES = ['Car-Sales-Price-Prediction', 'Hotel-Reservation-Cancellation', 'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW_customer_lifetime_value'];
function longNamesResult(): ScanResult {
  const r = workspaceResult();
  r.projects.forEach((p, i) => { p.name = LONG_NAMES[i]; });
  return r;
}

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
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string, width: number, scheme: 'light' | 'dark', init?: string, print = false) {
    const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: scheme });
    const problems: string[] = [];
    page.on('console', (m: Any) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e: Any) => problems.push(String(e)));
    page.on('request', (r: Any) => { if (!/^(file|data|about):/.test(r.url())) problems.push('request ' + r.url()); });
    if (init) await page.addInitScript(init);
    if (print) await page.emulateMedia({ media: 'print' });
    const file = path.join(dir, `r${Math.random().toString(36).slice(2)}.html`);
    fs.writeFileSync(file, html);
    await page.goto('file://' + file);
    return { page, problems };
  }

  const sideways = (page: Any): Promise<number> => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  /** Right edges of the tables that stick out past `limit` px, as "selector-ish: edge". */
  const tablesPast = (page: Any, limit: number): Promise<string[]> => page.evaluate(`[...document.querySelectorAll('table')]
    .map((t, i) => [i + ':' + (t.closest('section')?.className ?? ''), Math.round(t.getBoundingClientRect().right)])
    .filter(([, right]) => right > ${limit}).map(([n, right]) => n + ': ' + right)`);

  const shots = [
    { name: 'workspace-light', result: longNamesResult, scheme: 'light', width: 1200 },
    { name: 'workspace-dark', result: longNamesResult, scheme: 'dark', width: 1200 },
    { name: 'workspace-600-light', result: longNamesResult, scheme: 'light', width: 600 },
    { name: 'workspace-600-dark', result: longNamesResult, scheme: 'dark', width: 600 },
    { name: 'workspace-print', result: longNamesResult, scheme: 'light', width: A4_WIDTH, print: true },
    { name: 'webview-dark-600', result: longNamesResult, scheme: 'dark', width: 600, webview: true },
    { name: 'single-light', result: singleProjectResult, scheme: 'light', width: 1000 },
    { name: 'evil-light', result: evilResult, scheme: 'light', width: 600 },
  ] as const;
  for (const shot of shots) {
    it(`screenshot ${shot.name}.png: no sideways scroll at ${shot.width} px, key parts visible, no errors or requests`, async () => {
      const webview = 'webview' in shot && shot.webview;
      const print = 'print' in shot && shot.print;
      const html = toHtml(shot.result(), webview ? WEBVIEW : { mode: 'file' });
      const { page, problems } = await open(html, shot.width, shot.scheme, webview ? THEME_STUB : undefined, print);
      await page.screenshot({ path: path.join(ARTIFACTS, `${shot.name}.png`), fullPage: true });
      assert.ok(await sideways(page) <= 0, `page scrolls sideways by ${await sideways(page)}px`);
      const projects = shot.result().projects.length;
      const visible = ['h1', 'section.project h2', 'section.project svg.score-ring', 'section.project .verdict', 'section.project ol.questions'];
      if (projects > 1) visible.push('section.summary svg.chart', 'section.summary table', ...(print ? [] : ['nav.toc']));
      if (webview) visible.push('.toolbar button[data-export="html"]');
      for (const sel of visible) assert.ok(await page.locator(sel).first().isVisible(), `${sel} is visible`);
      assert.strictEqual(await page.locator('section.project').count(), projects);
      if (print) assert.deepStrictEqual(await tablesPast(page, A4_WIDTH), [], 'tables fit the printed page');
      const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      const expectedBg = webview ? 'rgb(31, 31, 31)' : shot.scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)';
      assert.strictEqual(bg, expectedBg, `background follows the ${webview ? 'VS Code theme' : shot.scheme + ' scheme'}`);
      assert.deepStrictEqual(problems, []);
      await page.close();
    });
  }

  it('summary chart: long names show from their start, are cut at the end, and stay left of the bars', async () => {
    for (const width of [1200, 600]) {
      const { page } = await open(toHtml(longNamesResult()), width, 'light');
      const rows: { text: string; tip: string | null; left: number; right: number; barX: number }[] = await page.evaluate(`[...document.querySelectorAll('section.summary svg.chart g')].map((g) => {
        const t = g.querySelector('text'); const box = t.getBBox();
        return { text: t.textContent, tip: g.querySelector('title')?.textContent ?? null, left: box.x, right: box.x + box.width,
          barX: Number(g.querySelector('rect.track').getAttribute('x')) };
      })`);
      assert.strictEqual(rows.length, LONG_NAMES.length);
      rows.forEach((row, i) => {
        const name = LONG_NAMES[i];
        const shown = row.text.replace(/…$/, '');
        assert.ok(shown.length >= 12 && name.startsWith(shown), `"${row.text}" shows the start of "${name}"`);
        assert.ok(row.left >= -2, `"${row.text}" starts inside the chart (x=${row.left})`);
        assert.ok(row.right <= row.barX - 2, `"${row.text}" ends at ${row.right.toFixed(1)}, before its bar at ${row.barX}`);
        if (shown !== name) assert.strictEqual(row.tip, name, 'a cut label has the full name as its tooltip');
      });
      assert.ok(rows.slice(0, 2).every((r, i) => r.text === LONG_NAMES[i]), 'names of ~30 characters are shown whole');
      assert.ok(rows[2].text.endsWith('…'), 'a very long name is cut with an ellipsis');
      await page.close();
    }
  });

  it('print: the workspace summary table fits an A4 page (emulated print media, 718 px)', async () => {
    for (const result of [workspaceResult(), longNamesResult()]) {
      const { page } = await open(toHtml(result), A4_WIDTH, 'light', undefined, true);
      const right = await page.evaluate('document.querySelector("section.summary table").getBoundingClientRect().right');
      assert.ok(right <= A4_WIDTH, `summary table's right edge ${right} px is past the page width ${A4_WIDTH} px`);
      assert.deepStrictEqual(await tablesPast(page, A4_WIDTH), []);
      assert.ok(await sideways(page) <= 0);
      await page.close();
    }
  });

  for (const mode of ['file', 'webview'] as const) {
    it(`${mode} mode: at 600 px the summary table's scroll box takes keyboard focus and scrolls with the arrow keys`, async () => {
      const html = toHtml(longNamesResult(), mode === 'file' ? { mode } : WEBVIEW);
      const { page } = await open(html, 600, 'light', mode === 'webview' ? WEBVIEW_STUB : undefined);
      const wrap = page.locator('section.summary .table-wrap');
      assert.ok(await wrap.evaluate((el: Any) => el.scrollWidth > el.clientWidth), 'the table is wider than its box at 600 px');
      assert.strictEqual(await wrap.getAttribute('role'), 'region');
      assert.strictEqual(await wrap.getAttribute('aria-label'), 'Score per pillar per project');
      await page.locator('nav.toc a').last().focus();
      await page.keyboard.press('Tab'); // the next stop after the table of contents is the scroll box
      assert.ok(await wrap.evaluate((el: Any) => el === el.ownerDocument.activeElement), 'Tab reaches the scroll box');
      assert.strictEqual(await wrap.evaluate((el: Any) => el.ownerDocument.defaultView.getComputedStyle(el).outlineStyle), 'solid', 'focus is visible');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('End');
      // polled from here: waitForFunction evaluates a string, which the report's CSP forbids
      let scrolled = 0;
      for (let i = 0; i < 20 && scrolled <= 0; i++, await page.waitForTimeout(50)) scrolled = await wrap.evaluate((el: Any) => el.scrollLeft);
      assert.ok(scrolled > 0, 'arrow keys scroll the focused box sideways');
      await page.close();
    });
  }

  it('file mode: "How the score is computed" opens from the keyboard', async () => {
    const { page } = await open(toHtml(workspaceResult()), 900, 'light');
    const summary = page.locator('section.project').first().locator('details summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.ok(await page.locator('section.project').first().locator('details table').isVisible());
    await page.close();
  });

  it('webview mode: runs under its CSP and posts open/scaffold/explain/export messages', async () => {
    const html = toHtml(workspaceResult(), WEBVIEW);
    const { page, problems } = await open(html, 600, 'dark', WEBVIEW_STUB);
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
