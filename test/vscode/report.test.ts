import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, until } from './helpers';

function reportTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && /AI Readiness/.test(t.label));
}

describe('commands', () => {
  before(async () => { await activateExtension(); });

  it('rescan completes', async () => {
    await vscode.commands.executeCommand('aiPreflight.rescan');
  });

  it('showReport opens the readiness report webview', async () => {
    await vscode.commands.executeCommand('aiPreflight.showReport');
    const tab = await until(reportTab, 20000);
    assert.ok(tab, 'a webview tab titled "AI Readiness…" is open');
    await vscode.window.tabGroups.close(tab);
  });
});
