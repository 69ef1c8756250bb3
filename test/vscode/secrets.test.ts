import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, applyCodeAction, findDiagnostic, generateOpenAiKey, mask, quickFixesFor, until, workspaceUri } from './helpers';

describe('code-level diagnostics: hard-coded secrets', () => {
  const app = (): vscode.Uri => workspaceUri('app.py');
  const key = generateOpenAiKey();

  before(async () => { await activateExtension(); });
  after(async () => {
    // Leave the fixture as it was: drop the unsaved edits.
    await vscode.window.showTextDocument(app());
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('flags a key typed into app.py (unsaved) at its line, masked', async () => {
    const editor = await vscode.window.showTextDocument(app());
    // The fixture ends with a newline: its last line is empty, and the key goes there.
    const keyLine = editor.document.lineCount - 1;
    await editor.edit((e) => e.insert(new vscode.Position(keyLine, 0), `OPENAI_API_KEY = "${key}"\n`));
    assert.ok(editor.document.isDirty, 'the edit is not saved');
    const d = await until(() => findDiagnostic(app(), 'hardcoded-secrets'), 30000);
    assert.ok(d, `hardcoded-secrets diagnostic for ${mask(key)}`);
    assert.strictEqual(d.range.start.line, keyLine, 'diagnostic sits on the key line');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(!d.message.includes(key), 'the message never shows the key in full');
  });

  it('quick fix replaces the literal with an environment lookup', async () => {
    const d = findDiagnostic(app(), 'hardcoded-secrets');
    assert.ok(d, 'diagnostic still present');
    const [fix] = await quickFixesFor(app(), d, /environ|environment/i);
    assert.ok(fix, 'an environment-variable quick fix is offered');
    await applyCodeAction(fix);
    const doc = await vscode.workspace.openTextDocument(app());
    const text = await until(() => (doc.getText().includes('os.environ') && !doc.getText().includes(key)) ? doc.getText() : '', 10000);
    assert.ok(text, 'the key literal is gone');
    assert.match(text, /os\.environ\[["']OPENAI_API_KEY["']\]|os\.environ\.get\(["']OPENAI_API_KEY["']/);
    const gone = await until(() => !findDiagnostic(app(), 'hardcoded-secrets'), 20000);
    assert.ok(gone, 'the secret diagnostic clears');
  });
});
