import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, codeOf, findDiagnostic, generateOpenAiKey, ourDiagnostics, quickFixesFor, readText, until, workspaceUri } from './helpers';

/** Reverts a notebook the test left edited, then closes every editor: the next suite starts from the files on disk. */
async function closeUnsaved(notebook: vscode.NotebookDocument | undefined): Promise<void> {
  if (notebook?.isDirty) {
    await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

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
  after(() => closeUnsaved(notebook));

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

// Code actions on a cell: the server's quick fixes serve the raw .ipynb; on the cells of the notebook editor the
// client offers them (aiPreflight/checkCell). notebooks/calls.ipynb is written now, with a key generated now.
describe('notebook code actions: quick fix, suppression and explain on a cell', () => {
  const file = (): vscode.Uri => workspaceUri('notebooks', 'calls.ipynb');
  const key = generateOpenAiKey();
  let notebook: vscode.NotebookDocument;
  // Cell 0 markdown, cell 1 the imports, cell 2 a client without a timeout and (indented) a hard-coded key.
  const callsCell = (): vscode.NotebookCell => notebook.cellAt(2);
  const onCalls = (rule: string): vscode.Diagnostic | undefined => findDiagnostic(callsCell().document.uri, rule);

  before(async () => {
    await activateExtension();
    const cell = (cellType: string, lines: string[]) => ({ cell_type: cellType, metadata: {}, source: lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)), ...(cellType === 'code' ? { execution_count: null, outputs: [] } : {}) });
    const json = {
      cells: [
        cell('markdown', ['# Calls to the model']),
        cell('code', ['from openai import OpenAI']),
        cell('code', ['client = OpenAI()', 'if True:', `    API_KEY = "${key}"`]),
      ],
      metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5,
    };
    await vscode.workspace.fs.writeFile(file(), Buffer.from(JSON.stringify(json, null, 1), 'utf8'));
    notebook = await vscode.workspace.openNotebookDocument(file());
    await vscode.window.showNotebookDocument(notebook);
  });
  after(async () => {
    await closeUnsaved(notebook);
    await vscode.workspace.fs.delete(file());
  });

  it('offers the timeout fix on the cell diagnostic, and applying it edits the cell', async () => {
    const d = await until(() => onCalls('llm-client-timeout'), 60000);
    assert.ok(d, `llm-client-timeout on the cell; it has: ${ourDiagnostics(callsCell().document.uri).map(codeOf).join(', ') || 'none'}`);
    const [fix] = await quickFixesFor(callsCell().document.uri, d, /^Add timeout=/);
    assert.ok(fix?.edit, 'an "Add timeout=" quick fix with an edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
    assert.match(callsCell().document.lineAt(0).text, /^client = OpenAI\(timeout=\d+\)$/);
    const gone = await until(() => !onCalls('llm-client-timeout'), 10000);
    assert.ok(gone, 'the cell diagnostic clears (live check of the unsaved cells)');
  });

  it('offers the secret fix (import os in the first code cell) and Explain, never showing the key', async () => {
    const d = await until(() => onCalls('hardcoded-secrets'), 30000);
    assert.ok(d, 'hardcoded-secrets on the cell');
    assert.strictEqual(d.range.start.line, 2);
    const actions = await quickFixesFor(callsCell().document.uri, d, /./);
    assert.ok(actions.every((a) => !a.title.includes(key)), 'no title shows the key');
    const fix = actions.find((a) => /os\.environ\["OPENAI_API_KEY"\]/.test(a.title));
    assert.ok(fix?.edit, `an environment-lookup fix; offered: ${actions.map((a) => a.title).join(' | ')}`);
    const importsCell = fix.edit.get(notebook.cellAt(1).document.uri);
    assert.ok(importsCell.some((e) => e.newText === 'import os\n' && e.range.start.line === 0), '`import os` at the top of the imports cell');
    assert.ok(fix.edit.get(callsCell().document.uri).some((e) => e.newText === 'os.environ["OPENAI_API_KEY"]' && e.range.start.line === 2));
    const explain = actions.find((a) => a.title === 'Explain hardcoded-secrets');
    assert.ok(explain?.command && /^https?:/.test(String(explain.command.arguments?.[0])), 'Explain opens the rule\'s docs');
  });

  it('"Suppress with comment" writes the comment above the finding, at its indentation, and the finding goes', async () => {
    const d = await until(() => onCalls('hardcoded-secrets'), 30000);
    assert.ok(d, 'hardcoded-secrets on the cell');
    const [suppress] = await quickFixesFor(callsCell().document.uri, d, /^Suppress hardcoded-secrets with comment$/);
    assert.ok(suppress?.edit, 'a suppression action');
    assert.ok(await vscode.workspace.applyEdit(suppress.edit), 'edit applied');
    const doc = callsCell().document;
    assert.strictEqual(doc.lineAt(2).text, '    # ai-preflight-ignore: hardcoded-secrets TODO: say why this is acceptable');
    assert.ok(doc.lineAt(3).text.startsWith('    API_KEY = "sk-proj-'), 'the key line follows the comment');
    const gone = await until(() => !onCalls('hardcoded-secrets'), 10000);
    assert.ok(gone, 'the secret diagnostic clears once suppressed');
    assert.ok(await until(() => onCalls('suppression-without-reason'), 10000), 'the reason is still owed (information)');
  });
});
