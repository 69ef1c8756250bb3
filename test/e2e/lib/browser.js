// Headless Debian Chromium driven by playwright-core, with a throw-away profile.
// Playwright rejects --user-data-dir in launch() args, so a persistent context on a fresh
// temp dir gives the same thing (no state shared between runs).
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-preflight-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

module.exports = { launchBrowser };
