import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, applyCodeAction, findDiagnostic, noWarningLeft, quickFixesFor, readText, until, workspaceUri } from './helpers';

describe('project-level quick fixes', () => {
  const manifest = (): vscode.Uri => workspaceUri('pyproject.toml');

  before(async () => {
    await activateExtension();
    await vscode.window.showTextDocument(manifest());
  });

  it('creates CODEOWNERS and the ownership warning goes away', async () => {
    const diagnostic = await until(() => findDiagnostic(manifest(), 'ownership'), 60000);
    assert.ok(diagnostic, 'ownership diagnostic present');
    // The server titles scaffold fixes after the check ("Scaffold Production owner named").
    const [fix] = await quickFixesFor(manifest(), diagnostic, /^(?!Explain\b).*(CODEOWNERS|owner)/i);
    assert.ok(fix, 'an ownership scaffold quick fix is offered');
    await applyCodeAction(fix);
    const written = await until(async () => {
      for (const rel of ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS']) {
        const text = await readText(workspaceUri(...rel.split('/')));
        if (text) return text;
      }
      return undefined;
    }, 20000);
    assert.ok(written, 'CODEOWNERS written on disk');
    // The run's workspace is a git repository with one author, so the owner comes from its history.
    assert.match(written, /^\*\s+\S+/m, 'CODEOWNERS has a catch-all owner line');
    const gone = await until(() => noWarningLeft(manifest(), 'ownership'), 30000);
    assert.ok(gone, 'ownership diagnostic cleared after the fix');
  });

  it('writes a data contract with the columns of data/customers.csv', async () => {
    const diagnostic = await until(() => findDiagnostic(manifest(), 'data-contract'), 30000);
    assert.ok(diagnostic, 'data-contract diagnostic present');
    const [fix] = await quickFixesFor(manifest(), diagnostic, /^(?!Explain\b).*contract/i);
    assert.ok(fix, 'a data-contract quick fix is offered');
    const touched = await applyCodeAction(fix);
    const contract = await until(async () => {
      for (const uri of touched) {
        const text = await readText(uri);
        if (text && /customer_id/.test(text)) return text;
      }
      return undefined;
    }, 20000);
    assert.ok(contract, `a written file names the CSV's columns (touched: ${touched.map((u) => u.path).join(', ')})`);
    for (const column of ['customer_id', 'email', 'plan', 'signup_date', 'monthly_spend']) {
      assert.ok(contract.includes(column), `contract lists column ${column}`);
    }
    const gone = await until(() => noWarningLeft(manifest(), 'data-contract'), 30000);
    assert.ok(gone, 'data-contract diagnostic cleared after the fix');
  });
});
