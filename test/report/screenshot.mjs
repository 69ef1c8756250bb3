// Renders the HTML report for the fixture scan results and screenshots it in headless Debian
// Chromium (playwright-core), light and dark, full width and 600 px, plus the webview mode with
// VS Code-like theme variables. Output: test/artifacts/report/*.png
// Needs the compiled tests: `npx tsc -p tsconfig.test.json` first. Chromium: `apt-get install -y chromium`.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiled = join(repo, 'out', 'server', 'src', 'engine', 'report', 'html.js');
if (!existsSync(compiled)) {
  console.error('screenshot: compiled report not found; run `npx tsc -p tsconfig.test.json` first');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`screenshot: no Chromium at ${executablePath}; install it with apt-get install -y chromium`);
  process.exit(2);
}
const { toHtml } = require(compiled);
const fixtures = require(join(repo, 'out', 'test', 'fixtures', 'report', 'scan-results.js'));
const { chromium } = require('playwright-core');

const outDir = join(repo, 'test', 'artifacts', 'report');
mkdirSync(outDir, { recursive: true });

// A dark VS Code theme's variables, as the webview host sets them on <html>.
const VSCODE_DARK = {
  '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-textLink-foreground': '#4daafc', '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-focusBorder': '#0078d4', '--vscode-panel-border': '#2b2b2b', '--vscode-sideBar-background': '#181818',
  '--vscode-testing-iconPassed': '#73c991', '--vscode-errorForeground': '#f85149', '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
  '--vscode-input-background': '#313131', '--vscode-textCodeBlock-background': '#2b2b2b',
};

const shots = [
  { name: 'workspace-light', result: fixtures.workspaceResult(), scheme: 'light', width: 1200 },
  { name: 'workspace-dark', result: fixtures.workspaceResult(), scheme: 'dark', width: 1200 },
  { name: 'workspace-600-light', result: fixtures.workspaceResult(), scheme: 'light', width: 600 },
  { name: 'workspace-600-dark', result: fixtures.workspaceResult(), scheme: 'dark', width: 600 },
  { name: 'single-light', result: fixtures.singleProjectResult(), scheme: 'light', width: 1000 },
  { name: 'evil-light', result: fixtures.evilResult(), scheme: 'light', width: 800 },
  { name: 'webview-dark-600', result: fixtures.workspaceResult(), scheme: 'dark', width: 600, webview: true },
];

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: 900 }, colorScheme: shot.scheme });
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith('data:') && !r.url().startsWith('file:')) requests.push(r.url()); });
    let html = shot.webview
      ? toHtml(shot.result, { mode: 'webview', nonce: 'abc123', cspSource: 'vscode-webview://fake' })
      : toHtml(shot.result, { mode: 'file' });
    if (shot.webview) {
      // VS Code sets its theme variables through the CSSOM, which the CSP allows; so does this stub.
      const setVars = Object.entries(VSCODE_DARK).map(([k, v]) => `document.documentElement.style.setProperty(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('');
      html = html.replace('<head>', `<head><script nonce="abc123">${setVars}</script>`)
        .replace('<script nonce="abc123">', '<script nonce="abc123">window.acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });');
    }
    const file = join(outDir, `${shot.name}.html`);
    writeFileSync(file, html);
    await page.goto('file://' + file);
    await page.screenshot({ path: join(outDir, `${shot.name}.png`), fullPage: true });
    if (requests.length) console.error(`${shot.name}: unexpected requests: ${requests.join(', ')}`);
    console.log(`wrote ${join('test', 'artifacts', 'report', shot.name + '.png')}`);
    await page.close();
  }
} finally {
  await browser.close();
}
