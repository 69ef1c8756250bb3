import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, codeOf, findDiagnostic, ourDiagnostics, until, workspaceUri } from './helpers';

// The fixture declares `stage: pilot` (.ai-preflight.yaml), so severities follow SPEC §6's pilot column.
describe('project-level diagnostics', () => {
  const manifest = (): vscode.Uri => workspaceUri('pyproject.toml');

  before(async () => { await activateExtension(); });

  it('anchors the readiness checks on the manifest, line 1', async () => {
    const ownership = await until(() => findDiagnostic(manifest(), 'ownership'), 60000);
    assert.ok(ownership, `ownership diagnostic on pyproject.toml; saw: ${ourDiagnostics(manifest()).map(codeOf).join(', ') || 'none'}`);
    assert.strictEqual(ownership.range.start.line, 0);
    assert.match(ownership.message, /CODEOWNERS|owner/i);
  });

  it('uses the severities of the pilot stage', async () => {
    const expected: [string, vscode.DiagnosticSeverity][] = [
      ['ownership', vscode.DiagnosticSeverity.Warning],
      ['data-contract', vscode.DiagnosticSeverity.Warning],
      ['eval-pipeline', vscode.DiagnosticSeverity.Warning],
      ['monitoring', vscode.DiagnosticSeverity.Information],
      ['model-card', vscode.DiagnosticSeverity.Information],
    ];
    await until(() => expected.every(([id]) => findDiagnostic(manifest(), id)), 30000);
    for (const [id, severity] of expected) {
      const d = findDiagnostic(manifest(), id);
      assert.ok(d, `${id} diagnostic present`);
      assert.strictEqual(d.severity, severity, `${id} severity at pilot`);
    }
  });

  it('raises no hard-coded secret in the clean fixture', () => {
    const app = workspaceUri('app.py');
    assert.strictEqual(findDiagnostic(app, 'hardcoded-secrets'), undefined);
  });
});
