// Runs the extension-host mocha suite (test/vscode) inside code-server.
// code-server has no --extensionTestsPath flag: the web workbench reads extensionDevelopmentPath
// and extensionTestsPath from the `payload` query parameter (vscode-remote:// URIs), honoured when
// the server runs with `--vscode-option enable-smoke-test-driver`; when the tests end the workbench
// calls window.codeAutomationExit(code), which we expose. The suite's own results come from
// RESULT_LOG (console.log in the extension host goes to the browser, not to us).
// Env: CS_URL, WS, EXT_DEV, EXT_TESTS, RESULT_LOG, SHOT.
const fs = require('fs');
const { launchBrowser } = require('./lib/browser');

const { CS_URL, WS, EXT_DEV, EXT_TESTS, RESULT_LOG, SHOT } = process.env;
const TIMEOUT_MS = 240000;

async function remoteAuthority() {
  // 4.139 uses the literal "remote"; read it from the served page rather than assume it.
  const html = await (await fetch(`${CS_URL}/?folder=${encodeURIComponent(WS)}`)).text();
  return (html.match(/remoteAuthority&quot;:&quot;(.*?)&quot;/) || [])[1] || new URL(CS_URL).host;
}

function reportFromLog() {
  const text = fs.existsSync(RESULT_LOG) ? fs.readFileSync(RESULT_LOG, 'utf8') : '';
  for (const line of text.split('\n').filter(Boolean)) console.log(line);
  const counts = text.match(/^(\d+) passed, (\d+) failed$/m);
  return counts ? { passed: +counts[1], failed: +counts[2] } : null;
}

(async () => {
  const t0 = Date.now();
  fs.rmSync(RESULT_LOG, { force: true });
  const authority = await remoteAuthority();
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [['extensionDevelopmentPath', remote(EXT_DEV)], ['extensionTestsPath', remote(EXT_TESTS)]];
  const { context, close } = await launchBrowser();
  const page = context.pages()[0] || await context.newPage();
  let finish;
  const exited = new Promise((resolve) => { finish = resolve; });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  const url = `${CS_URL}/?folder=${encodeURIComponent(WS)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
  if (SHOT) await page.screenshot({ path: SHOT }).catch(() => {});
  await close();
  console.log(`extension host exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  const counts = reportFromLog();
  if (!counts) { console.log('0 passed, 1 failed'); process.exit(1); }
  // A non-zero exit with no failed test (e.g. the runner crashed) still counts as a failure.
  const failed = counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0);
  console.log(`${counts.passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((err) => { console.error(err); console.log('0 passed, 1 failed'); process.exit(1); });
