import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, codeOf, findDiagnostic, ourDiagnostics, readText, until, workspaceUri } from './helpers';

// notebooks/explore.ipynb: a markdown cell, then a code cell whose 2nd line passes trust_remote_code=True.
// The server reports it on the file at the raw JSON line; the client mirrors it onto the cell.
describe('notebook findings: on the raw file and on the cell in the notebook editor', () => {
  const file = (): vscode.Uri => workspaceUri('notebooks', 'explore.ipynb');
  const RULE = 'trust-remote-code';
  let notebook: vscode.NotebookDocument;
  const codeCell = (): vscode.NotebookCell => notebook.cellAt(1);
  const onCell = (): vscode.Diagnostic | undefined => findDiagnostic(codeCell().document.uri, RULE);

  before(async () => {
    await activateExtension();
    notebook = await vscode.workspace.openNotebookDocument(file());
    await vscode.window.showNotebookDocument(notebook);
  });
  after(async () => {
    if (notebook?.isDirty) {
      await vscode.window.showNotebookDocument(notebook);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('keeps the finding on the file URI at the raw JSON line (Problems, CLI parity)', async () => {
    const d = await until(() => findDiagnostic(file(), RULE), 60000);
    assert.ok(d, `trust-remote-code on the .ipynb; saw: ${ourDiagnostics(file()).map(codeOf).join(', ') || 'none'}`);
    const raw = (await readText(file())) ?? '';
    const rawLine = raw.split('\n').findIndex((l) => l.includes('trust_remote_code=True'));
    assert.strictEqual(d.range.start.line, rawLine, 'the raw line of the code');
  });

  it('shows it on the code cell (2nd cell), at line 1 of the cell, on the keyword argument', async () => {
    assert.strictEqual(notebook.cellCount, 2);
    assert.strictEqual(codeCell().kind, vscode.NotebookCellKind.Code);
    const d = await until(onCell, 30000);
    assert.ok(d, `trust-remote-code on ${codeCell().document.uri.toString()}`);
    assert.strictEqual(d.range.start.line, 1, '0-based line 1 = the 2nd line of the cell');
    assert.strictEqual(codeCell().document.getText(d.range), 'trust_remote_code=True', 'columns mapped past the JSON quote and escapes');
    assert.strictEqual(d.severity, findDiagnostic(file(), RULE)?.severity, 'same severity as on the file');
    assert.strictEqual(ourDiagnostics(notebook.cellAt(0).document.uri).length, 0, 'nothing on the markdown cell');
  });

  it('follows its line when an unsaved edit moves it down in the cell', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(codeCell().document.uri, new vscode.Position(0, 0), '# counts tokens\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
    const moved = await until(() => onCell()?.range.start.line === 2, 10000);
    assert.ok(moved, `diagnostic moved to line 2; it is at ${onCell()?.range.start.line}`);
    assert.strictEqual(codeCell().document.getText(onCell()!.range), 'trust_remote_code=True');
  });

  it('checks a line typed into a cell without saving (live, not from the saved file)', async () => {
    const typed = 'model = AutoModel.from_pretrained("org/model", revision="abc", trust_remote_code=True)';
    const doc = codeCell().document;
    const before = doc.getText();
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, [vscode.TextEdit.insert(end, `\n${typed}`)]);
    assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
    const typedLine = doc.lineCount - 1;
    assert.strictEqual(doc.lineAt(typedLine).text, typed);
    try {
      const onTyped = (): vscode.Diagnostic | undefined => ourDiagnostics(doc.uri)
        .find((d) => codeOf(d) === RULE && d.range.start.line === typedLine);
      const d = await until(onTyped, 5000);
      assert.ok(d, `trust-remote-code on the typed line ${typedLine}; cell has: ${ourDiagnostics(doc.uri).map((x) => `${codeOf(x)}@${x.range.start.line}`).join(', ') || 'none'}`);
      assert.strictEqual(doc.getText(d.range), 'trust_remote_code=True', 'columns of the keyword argument in the cell');
      assert.ok(notebook.isDirty, 'found without saving');
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.set(doc.uri, [vscode.TextEdit.delete(new vscode.Range(end, doc.lineAt(doc.lineCount - 1).range.end))]);
      assert.ok(await vscode.workspace.applyEdit(undo), 'edit reverted');
      assert.strictEqual(doc.getText(), before, 'cell text as before the edit');
    }
  });

  it('clears the cell diagnostics when the notebook closes, and the file keeps its own', async () => {
    const cellUri = codeCell().document.uri;
    await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const cleared = await until(() => ourDiagnostics(cellUri).length === 0, 10000);
    assert.ok(cleared, `cell diagnostics left after close: ${ourDiagnostics(cellUri).map(codeOf).join(', ')}`);
    assert.ok(findDiagnostic(file(), RULE), 'the file-URI diagnostic stays');
  });
});
