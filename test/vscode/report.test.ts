import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, codeOf, ourDiagnostics, until, workspaceUri } from './helpers';

/** Test-only command of client/src/reportPanel.ts (registered when AI_PREFLIGHT_TEST is set). */
const REPORT_HTML = 'aiPreflight.test.reportHtml';
const PROJECT = 'support-assistant'; // [project].name in the fixture's pyproject.toml

function reportTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && /AI Readiness/.test(t.label));
}

/** A project's name and score as the report's project header shows them (h2 and the score ring's label). */
function projectHeader(html: string, name: string): { name: string; score: string } | undefined {
  for (const m of html.matchAll(/<div class="project-head">([\s\S]*?)<div class="score">([\s\S]*?)<\/svg>/g)) {
    const title = (m[1].match(/<h2\b[^>]*>([^<]*)<\/h2>/) || [])[1];
    const score = (m[2].match(/aria-label="Score (\d+|not available)/) || [])[1];
    if (title === name && score) return { name: title, score };
  }
  return undefined;
}

/**
 * The project's score from the CLI on the same folder: what the panel must show. The VSIX ships no CLI,
 * so it is the repository's build next to this compiled test (out/test/vscode → dist/cli.js).
 */
function cliScore(folder: string): Promise<number | null> {
  const cli = path.resolve(__dirname, '../../../dist/cli.js');
  return new Promise((resolve, reject) => {
    // process.execPath is Electron in desktop VS Code; ELECTRON_RUN_AS_NODE makes it plain Node.
    execFile(process.execPath, [cli, 'scan', folder, '--format', 'json', '--fail-on', 'never'],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
        if (err) { reject(new Error(`cli scan failed: ${err.message} ${stderr.slice(0, 300)}`)); return; }
        const project = (JSON.parse(stdout).projects as { name: string; score: number | null }[]).find((p) => p.name === PROJECT);
        resolve(project ? project.score : null);
      });
  });
}

describe('commands', () => {
  before(async () => { await activateExtension(); });

  it('rescan completes and the readiness diagnostics are published again', async () => {
    await vscode.commands.executeCommand('aiPreflight.rescan');
    const diags = await until(() => { const d = ourDiagnostics(workspaceUri('pyproject.toml')); return d.length ? d : undefined; }, 30000);
    assert.ok(diags?.some((d) => codeOf(d) === 'eval-pipeline'), 'the project-level checks are on the manifest after the rescan');
  });

  it('showReport opens the readiness report webview with the project and its score', async () => {
    await vscode.commands.executeCommand('aiPreflight.showReport');
    const tab = await until(reportTab, 20000);
    assert.ok(tab, 'a webview tab titled "AI Readiness…" is open');
    const expected = await cliScore(workspaceUri().fsPath);
    assert.ok(expected !== null, `the CLI finds project ${PROJECT} in the workspace`);
    // The panel re-renders on every scan: wait until it shows the scan the CLI just repeated.
    let last: { title: string; html: string } | undefined;
    const header = await until(async () => {
      last = await vscode.commands.executeCommand<{ title: string; html: string } | undefined>(REPORT_HTML);
      const found = last && projectHeader(last.html, PROJECT);
      return found && found.score === String(expected) ? found : undefined;
    }, 30000);
    assert.ok(last, `${REPORT_HTML} returned the open panel (is AI_PREFLIGHT_TEST set?)`);
    assert.ok(header, `the report's header for ${PROJECT} shows score ${expected}; got `
      + `${JSON.stringify(projectHeader(last.html, PROJECT))} in ${last.html.length} chars of HTML (title "${last.title}")`);
    await vscode.window.tabGroups.close(tab);
  });
});
