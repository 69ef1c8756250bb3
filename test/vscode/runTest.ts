// Runs the extension-host suite in a downloaded desktop VS Code via @vscode/test-electron, for
// machines with internet access (this project's CI has none: it uses test/e2e/run.sh, which runs
// the same suite inside code-server). Usage, after `npm run build` and compiling this folder:
//   node out/test/vscode/runTest.js
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '../../..');
  // A fresh copy: the suite applies quick fixes that write files into the workspace.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-preflight-vscode-'));
  fs.cpSync(path.join(repoRoot, 'test/e2e/fixtures/ai-workspace'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error('extension-host tests failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
