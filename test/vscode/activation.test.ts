import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

describe('activation', () => {
  it('activates in an AI workspace', async () => {
    const ext = await activateExtension();
    assert.ok(ext.isActive, 'extension is active');
    assert.strictEqual(ext.packageJSON.main, './dist/extension.js');
  });

  it('registers the four commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['aiPreflight.rescan', 'aiPreflight.showReport', 'aiPreflight.scaffold', 'aiPreflight.explain']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
  });

  it('contributes the Production Readiness view', async () => {
    const ext = await activateExtension();
    const views = Object.values(ext.packageJSON.contributes?.views ?? {}).flat() as { id: string; name: string }[];
    const view = views.find((v) => v.id === 'aiPreflight.readiness');
    assert.ok(view, 'view aiPreflight.readiness is contributed');
    assert.match(view.name, /Production Readiness/);
  });
});
