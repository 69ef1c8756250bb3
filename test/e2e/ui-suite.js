// The Playwright UI suite: issue 10's five steps, as a user sees them in code-server.
// Env: CS_URL, WS_AI (copy of fixtures/ai-workspace), WS_PLAIN (copy of fixtures/node-cli), SHOTS.
// Prints one 'N passed, N failed' line last; exit 0 only if every step passed.
const fs = require('fs');
const path = require('path');
const { launchBrowser } = require('./lib/browser');
const { createStepRunner, until } = require('./lib/steps');
const { Workbench } = require('./lib/workbench');
const { generateOpenAiKey, mask } = require('./lib/secrets');

const { CS_URL, WS_AI, WS_PLAIN, SHOTS } = process.env;
const REPO = path.resolve(__dirname, '../..');
const STATUS = /AI Readiness\s+(\d+)/;
// Quick-fix titles come from the check ("Scaffold Production owner named"); "Explain <id>" is not a fix.
const OWNERSHIP_FIX = /^(?!Explain\b).*(CODEOWNERS|owner)/i;
const CONTRACT_FIX = /^(?!Explain\b).*data contract/i;
// A check no quick fix in this suite touches (info at pilot, step 1): Problems must keep listing it,
// so a "row gone" check cannot pass on an empty panel.
const CONTROL = 'monitoring';

/** The titles of the built-in checks, from the rules' own YAML (what the tree shows for checks). */
function checkTitles() {
  const dir = path.join(REPO, 'rules/checks');
  return fs.readdirSync(dir).map((f) => (fs.readFileSync(path.join(dir, f), 'utf8').match(/^title:\s*(.+)$/m) || [])[1])
    .filter(Boolean).map((t) => t.trim().replace(/^["']|["']$/g, ''));
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
}

(async () => {
  const { context, close } = await launchBrowser();
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => console.log('  [pageerror]', String(e.message).split('\n')[0]));
  const wb = new Workbench(page, CS_URL);
  const { step, results, setPage, elapsed } = createStepRunner(SHOTS);
  setPage(page);
  const shot = (name) => page.screenshot({ path: path.join(SHOTS, name) });
  const filesBefore = new Set(filesUnder(WS_AI));

  await step('1. AI workspace: Problems lists the checks at pilot severities, status bar score, readiness tree', async () => {
    await wb.open(WS_AI, 'pyproject.toml');
    const status = wb.statusItem(STATUS);
    await status.waitFor({ timeout: 90000 });
    const statusText = (await status.innerText()).replace(/\s+/g, ' ');
    console.log(`    status bar: ${statusText}`);
    if (!/pilot/.test(statusText)) throw new Error(`status bar lacks the stage: ${statusText}`);
    await wb.showProblems();
    await wb.markerRow('ownership').waitFor({ timeout: 60000 });
    const markers = await wb.markers('AI Preflight');
    const severityOf = (id) => (markers.find((m) => m.source === 'AI Preflight' && m.code === id) || {}).severity;
    const expected = { ownership: 'warning', 'data-contract': 'warning', monitoring: 'info' };
    for (const [id, severity] of Object.entries(expected)) {
      if (severityOf(id) !== severity) throw new Error(`${id}: severity ${severityOf(id)} in Problems, expected ${severity}`);
    }
    console.log(`    ${markers.length} Problems rows, e.g. ${markers.slice(0, 3).map((m) => `[${m.severity}] ${m.code}: ${m.message.slice(0, 60)}`).join(' | ')}`);
    await wb.runCommand('Focus on Production Readiness View');
    const tree = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Production Readiness/i }) }).first();
    await tree.locator('.monaco-list-row', { hasText: 'support-assistant' }).first().waitFor({ timeout: 20000 });
    const rows = (await tree.locator('.monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    const titles = checkTitles();
    const checkRows = rows.filter((r) => titles.some((t) => r.startsWith(t)));
    if (!checkRows.length) throw new Error(`the tree lists no check: ${rows.join(' | ').slice(0, 300)}`);
    console.log(`    tree: ${rows.join(' | ').slice(0, 300)}`);
    await shot('01-ai-workspace.png');
  });

  await step('2a. lightbulb on the manifest: the ownership fix writes CODEOWNERS, the warning disappears', async () => {
    // Precondition, read the same way as the "gone" check below: the warning is listed now.
    await wb.showProblems();
    const before = (await wb.markers('ownership')).filter((m) => m.code === 'ownership' && m.severity === 'warning');
    if (!before.length) throw new Error('no ownership warning listed before the fix');
    await wb.openFile('pyproject.toml', '[project]');
    const item = await wb.quickFix(wb.editorLine('[project]'), OWNERSHIP_FIX);
    await shot('02a-quickfix-menu.png');
    await item.click();
    const written = await until(() => ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS']
      .map((rel) => path.join(WS_AI, rel)).find((p) => fs.existsSync(p) && fs.readFileSync(p, 'utf8').trim()), 20000, 'CODEOWNERS on disk');
    const owners = fs.readFileSync(written, 'utf8');
    // The run's workspace is a git repository with one author: the owner comes from its history.
    const ownerLine = owners.split('\n').find((l) => /^\*\s+\S/.test(l));
    if (!ownerLine) throw new Error(`${path.relative(WS_AI, written)} has no '* owner' line: ${JSON.stringify(owners.slice(0, 300))}`);
    console.log(`    wrote ${path.relative(WS_AI, written)}, owner line: ${ownerLine}`);
    await wb.showProblems();
    await wb.noWarningLeft('ownership', CONTROL);
    // Open the written file, so the screenshot shows it, and see the owner line in the editor.
    await wb.openFile(path.relative(WS_AI, written), ownerLine.trim());
    await wb.editorTextUntil((t) => t.split('\n').some((l) => l.trim() === ownerLine.trim()), `'${ownerLine}' in the editor`);
    await shot('02a-codeowners-written.png');
  });

  await step('2b. lightbulb on the manifest: the data contract lists the real CSV columns', async () => {
    await wb.showProblems();
    const before = (await wb.markers('data-contract')).filter((m) => m.code === 'data-contract' && m.severity === 'warning');
    if (!before.length) throw new Error('no data-contract warning listed before the fix');
    await wb.openFile('pyproject.toml', '[project]');
    const item = await wb.quickFix(wb.editorLine('[project]'), CONTRACT_FIX);
    await item.click();
    const contract = await until(() => filesUnder(WS_AI).filter((f) => !filesBefore.has(f) && !/CODEOWNERS/.test(f))
      .find((f) => /customer_id/.test(fs.readFileSync(path.join(WS_AI, f), 'utf8'))), 20000, 'a data contract naming customer_id');
    const text = fs.readFileSync(path.join(WS_AI, contract), 'utf8');
    for (const column of ['customer_id', 'email', 'plan', 'signup_date', 'monthly_spend']) {
      if (!text.includes(column)) throw new Error(`${contract} lacks column ${column}`);
    }
    console.log(`    wrote ${contract} (${text.length} chars)`);
    await wb.showProblems();
    await wb.noWarningLeft('data-contract', CONTROL);
    // The contract in the editor: the first CSV column is one of its properties.
    await wb.openFile(contract, 'customer_id');
    await wb.editorTextUntil((t) => /-\s*name:\s*customer_id\b/.test(t), "'- name: customer_id' in the editor");
    await shot('02b-data-contract-written.png');
  });

  await step('3. a key typed into app.py (unsaved) is flagged at its line; the fix reads os.environ', async () => {
    const key = generateOpenAiKey();
    const keyLine = fs.readFileSync(path.join(WS_AI, 'app.py'), 'utf8').split('\n').length; // the empty last line
    await wb.openFile('app.py', 'Drafts a reply');
    await wb.editorLine('Drafts a reply').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('OPENAI_API_KEY = "');
    await page.keyboard.insertText(key);
    await page.keyboard.press('End'); // past the auto-closed quote
    await page.keyboard.press('Home'); // scroll back so the screenshot shows the start of the line
    const row = wb.markerRow('hardcoded-secrets');
    await wb.showProblems();
    await row.waitFor({ timeout: 30000 });
    const rowText = (await row.innerText()).replace(/\s+/g, ' ');
    if (!rowText.includes(`Ln ${keyLine},`)) throw new Error(`secret row not at line ${keyLine}: ${rowText.slice(0, 160)}`);
    if (rowText.includes(key)) throw new Error('the Problems panel shows the key in full');
    console.log(`    typed ${mask(key)} at line ${keyLine}; Problems: ${rowText.slice(0, 140)}`);
    await shot('03a-secret-flagged.png');
    const keyLineLocator = wb.editorLine('OPENAI_API_KEY = ');
    const item = await wb.quickFix(keyLineLocator, /environ/i, { keys: ['End', 'ArrowLeft', 'ArrowLeft'] });
    await shot('03b-secret-quickfix-menu.png');
    await item.click();
    await until(async () => {
      const text = await wb.editorText();
      return /os\.environ\[["']OPENAI_API_KEY["']\]/.test(text) && !text.includes(key.slice(8, 40));
    }, 15000, 'os.environ["OPENAI_API_KEY"] in place of the literal');
    await page.keyboard.press('Home');
    await wb.showProblems();
    await wb.markerGone('hardcoded-secrets', CONTROL);
    const onDisk = fs.readFileSync(path.join(WS_AI, 'app.py'), 'utf8');
    if (onDisk.includes(key)) throw new Error('the key reached the disk: the edit should have stayed unsaved');
    await shot('03c-secret-fixed.png');
  });

  await step('4. the palette command opens the readiness report with the project score', async () => {
    await wb.runCommand('AI Preflight: Show Readiness Report');
    await page.locator('.tab', { hasText: /AI Readiness/ }).first().waitFor({ timeout: 20000 });
    // The project's header in the report: its name (h2) and the score ring (its label and its number).
    const readHeader = () => wb.webviewEval(() => {
      const head = document.querySelector('.project-head');
      const ring = head && head.querySelector('.score .score-ring');
      if (!ring) return undefined;
      return { name: head.querySelector('h2')?.textContent.trim(), label: ring.getAttribute('aria-label'), number: ring.querySelector('text')?.textContent.trim() };
    }, undefined, 'the report\'s project header');
    // The status bar (one project: its score) and the report follow the same scan; allow one re-render.
    let header; let status;
    try {
      await until(async () => {
        header = await readHeader();
        status = ((await wb.statusItem(STATUS).innerText()).match(STATUS) || [])[1];
        return header.name === 'support-assistant' && status && header.number === status && header.label === `Score ${status} of 100`;
      }, 15000, 'the report header to show the status-bar score');
    } catch (err) { throw new Error(`${err.message}: report header ${JSON.stringify(header)}, status bar ${status}`); }
    console.log(`    report header: ${header.name}, ${header.label}; status bar score ${status}`);
    await shot('04-readiness-report.png');
  });

  await step('5. a workspace that is not an AI project shows no warnings', async () => {
    await wb.open(WS_PLAIN, 'package.json');
    // The extension says, in the status bar only, that it found no AI project; then Problems stays empty.
    const note = wb.statusItem(/no AI project/);
    await note.waitFor({ timeout: 90000 });
    const noteText = (await note.innerText()).replace(/\s+/g, ' ');
    if (STATUS.test(noteText)) throw new Error(`status bar shows a score for a non-AI workspace: ${noteText}`);
    await wb.showProblems();
    await page.waitForTimeout(3000); // a late scan would show up here
    const ours = (await wb.markers('AI Preflight')).filter((m) => m.source === 'AI Preflight');
    if (ours.length) throw new Error(`unexpected diagnostics: ${ours.map((m) => `${m.code}: ${m.message}`).join(' | ').slice(0, 300)}`);
    const counts = await wb.problemCounts();
    if (counts.errors || counts.warnings || counts.infos) throw new Error(`the workspace has problems: ${counts.label}`);
    console.log(`    status bar: ${noteText}; problems ${counts.label}: no AI Preflight rows`);
    await shot('05-non-ai-workspace.png');
  });

  for (const toast of await wb.toasts()) console.log(`  toast: ${toast}`);
  await close();
  console.log(`  UI suite took ${elapsed()}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
})().catch((err) => { console.error(err); console.log('0 passed, 1 failed'); process.exit(1); });
