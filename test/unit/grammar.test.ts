// Runs the TextMate grammar tests (test/grammar/*.test.*) with vscode-tmgrammar-test: the CODEOWNERS grammar
// and the ai-preflight-ignore injection (into stand-in Python/JS/YAML hosts, see test/grammar/hosts).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../helpers';

describe('TextMate grammars', function () {
  this.timeout(60000);

  it('pass every scope assertion in test/grammar', () => {
    const hosts = path.join('test', 'grammar', 'hosts');
    const grammars = fs.readdirSync(path.join(repoRoot, hosts)).filter((f) => f.endsWith('.tmLanguage.json')).flatMap((f) => ['-g', path.join(hosts, f)]);
    const cli = path.join(repoRoot, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
    // The injection grammar is picked up from package.json's contributes.grammars (injectTo), as in VS Code.
    const run = spawnSync(process.execPath, [cli, '--compact', ...grammars, 'test/grammar/*.test.*'], { cwd: repoRoot, encoding: 'utf8' });
    assert.strictEqual(run.status, 0, `vscode-tmgrammar-test failed:\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /codeowners\.test\.txt/, 'the CODEOWNERS test ran');
    assert.match(run.stdout, /suppression\.test\.py/, 'the suppression test ran');
  });
});
