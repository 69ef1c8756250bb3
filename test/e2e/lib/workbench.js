// Page helpers for the VS Code web workbench (code-server 4.139 / VS Code 1.139 selectors).
const { until } = require('./steps');

const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  markerRow: '.markers-panel .monaco-list-row',
  quickInput: '.quick-input-widget input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  actionRow: '.action-widget .monaco-list-row',
  statusItem: '.statusbar-item',
  viewLine: '.monaco-editor .view-line',
  toast: '.notifications-toasts .notification-toast',
};

class Workbench {
  constructor(page, baseUrl) { this.page = page; this.baseUrl = baseUrl; }

  /** Opens a folder and waits until the explorer lists `expectFile` (the remote is connected). */
  async open(folder, expectFile) {
    await this.page.goto(`${this.baseUrl}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
    await this.page.locator(SEL.workbench).waitFor({ timeout: 60000 });
    await this.page.locator(SEL.explorerRow, { hasText: expectFile }).first().waitFor({ timeout: 60000 });
  }

  async runCommand(title) {
    await this.page.keyboard.press('F1');
    await this.page.locator(SEL.quickInput).waitFor({ state: 'visible', timeout: 10000 });
    await this.page.keyboard.type(title);
    await this.page.locator(SEL.quickInputRow, { hasText: title }).first().waitFor({ timeout: 10000 });
    await this.page.keyboard.press('Enter');
  }

  /** Ctrl+P a file by its workspace-relative path and wait for its first line to render. */
  async openFile(relPath, firstLineText) {
    await this.page.keyboard.press('Control+P');
    await this.page.locator(SEL.quickInput).waitFor({ state: 'visible', timeout: 10000 });
    await this.page.keyboard.type(relPath);
    // Click the matching row: Enter would take whichever row is active while the list still filters
    // (often the file opened last).
    const row = this.page.locator(SEL.quickInputRow, { hasText: relPath.split('/').pop() }).first();
    await row.waitFor({ timeout: 10000 });
    await row.click();
    await this.editorLine(firstLineText).waitFor({ timeout: 20000 });
  }

  editorLine(text) { return this.page.locator(SEL.viewLine, { hasText: text }).first(); }
  async editorText() { return (await this.page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' '); }

  async showProblems() {
    // Focus-independent: the command, not the keybinding (focus may sit in a webview).
    await this.runCommand('View: Focus Problems');
    await this.page.locator('.markers-panel').first().waitFor({ timeout: 10000 });
  }

  /** The Problems row whose code (check / rule id) is exactly `id`. */
  markerRow(id) {
    return this.page.locator(SEL.markerRow)
      .filter({ has: this.page.locator('.marker-code', { hasText: new RegExp(`^${id}$`) }) }).first();
  }

  /** Types into the Problems filter box ('' clears it). The list is virtual: off-screen rows are not in the DOM. */
  async filterProblems(text) {
    const box = this.page.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first();
    await box.fill(text);
    await this.page.waitForTimeout(400); // the filter is debounced
  }

  /**
   * Every Problems marker as { message, source, code, line, severity } (read from the row's parts).
   * With `filter`, only rows matching it are rendered, so none hides below the fold.
   */
  async markers(filter) {
    if (filter !== undefined) await this.filterProblems(filter);
    const rows = await this.page.locator(SEL.markerRow).evaluateAll((rows) => rows
      .filter((row) => row.querySelector('.marker-message'))
      .map((row) => {
        const part = (sel) => (row.querySelector(sel)?.textContent || '').trim();
        const icon = row.querySelector('.marker-icon')?.className || '';
        const severity = ['error', 'warning', 'info'].find((s) => icon.includes(s)) || 'other';
        return { message: part('.marker-message'), source: part('.marker-source'), code: part('.marker-code'), line: part('.marker-line'), severity };
      }));
    if (filter !== undefined) await this.filterProblems('');
    return rows;
  }

  /** The status bar's problem counts { errors, warnings, infos } for the whole workspace. */
  async problemCounts() {
    const label = await this.page.locator('#status\\.problems').first().innerText();
    const [errors, warnings, infos] = (label.match(/\d+/g) || []).map(Number);
    return { errors, warnings, infos, label: label.replace(/\s+/g, ' ') };
  }

  /**
   * Waits until Problems shows no row with code `id` that `gone(marker)` accepts as still there, while
   * it still lists a row with code `control` (a check the fix does not touch). The control is the
   * positive check: an empty, unrendered or wrongly filtered panel must not pass as "gone".
   */
  async markerGone(id, control, { ms = 20000, stillThere = () => true } = {}) {
    let state = 'not read yet';
    try {
      await until(async () => {
        const controlRows = (await this.markers(control)).filter((m) => m.code === control);
        if (!controlRows.length) { state = `the control row '${control}' is not listed`; return false; }
        const left = (await this.markers(id)).filter((m) => m.code === id && stillThere(m));
        state = left.length ? `still listed: ${left.map((m) => `[${m.severity}] ${m.message.slice(0, 60)}`).join(' | ')}` : 'gone';
        return !left.length;
      }, ms, `the ${id} row to leave the Problems panel`);
    } catch (err) { throw new Error(`${err.message} (${state})`); }
  }

  /** Waits until no warning or error with code `id` is left (an info "incomplete" may stay); see markerGone. */
  async noWarningLeft(id, control, ms = 20000) {
    await this.markerGone(id, control, { ms, stillThere: (m) => /warning|error/.test(m.severity) });
  }

  /** Waits until the visible editor text satisfies `pred(text)` (nbsp read as spaces); returns the text. */
  async editorTextUntil(pred, what, ms = 15000) {
    return until(async () => { const text = await this.editorText().catch(() => ''); return pred(text) && text; }, ms, what);
  }

  /**
   * Ctrl+. on an editor line until the quick-fix menu shows an item matching `title`. Focus must be
   * in the editor, and the first code-action request can be slow, hence the click and the retries.
   * `keys` place the cursor inside the diagnostic's range (default: the start of the file).
   */
  async quickFix(lineLocator, title, { keys = ['Control+Home'] } = {}) {
    const item = this.page.locator(SEL.actionRow, { hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      await lineLocator.click();
      for (const key of keys) await this.page.keyboard.press(key);
      await this.page.keyboard.press('Control+.');
      try { await item.waitFor({ timeout: 5000 }); return item; }
      catch (err) {
        const offered = await this.actionTitles();
        await this.page.keyboard.press('Escape');
        if (attempt >= 4) throw new Error(`quick fix ${title} not offered; the menu had: ${offered}`);
      }
    }
  }

  async actionTitles() {
    return (await this.page.locator(SEL.actionRow).allInnerTexts().catch(() => [])).join(' | ') || '(menu empty)';
  }

  statusItem(pattern) { return this.page.locator(SEL.statusItem, { hasText: pattern }).first(); }

  async toasts() {
    return (await this.page.locator(SEL.toast).allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').slice(0, 200));
  }

  /**
   * Runs `fn(arg)` in the active webview's document (two nested iframes in the web workbench) until it
   * returns a truthy value; returns that value.
   */
  async webviewEval(fn, arg, what, ms = 30000) {
    return until(async () => {
      for (const frame of this.page.frames()) {
        if (!/fake\.html|index\.html/.test(frame.url()) || frame === this.page.mainFrame()) continue;
        const value = await frame.evaluate(fn, arg).catch(() => undefined);
        if (value) return value;
      }
      return undefined;
    }, ms, what);
  }

  /** The text of the active webview. */
  async webviewText(ms = 30000) {
    return this.webviewEval(() => document.body && document.body.innerText.trim() && document.body.innerText, undefined, 'webview content', ms);
  }
}

module.exports = { Workbench, SEL };
