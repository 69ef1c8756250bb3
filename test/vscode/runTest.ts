// Runs the extension-host suite in a downloaded desktop VS Code via @vscode/test-electron, for
// machines with internet access (this project's CI has none: it uses test/e2e/run.sh, which runs
// the same suite inside code-server). `npm run test:vscode` builds, compiles this folder and runs it.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

/**
 * A fresh copy of the fixture (the suite's quick fixes write files into it), made a git repository
 * with one fixed author, as test/e2e/run.sh does: the CODEOWNERS fix names its owner from local
 * history, and quickfix.test.ts asserts that '* owner' line.
 */
export function makeFixtureWorkspace(repoRoot: string): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-preflight-vscode-'));
  fs.cpSync(path.join(repoRoot, 'test/e2e/fixtures/ai-workspace'), workspace, { recursive: true });
  const git = (...args: string[]): void => { execFileSync('git', ['-C', workspace, ...args], { stdio: 'pipe' }); };
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=Ada Fixture', '-c', 'user.email=ada.fixture@example.com', '-c', 'commit.gpgsign=false',
    'commit', '-q', '-m', 'fixture');
  return workspace;
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '../../..');
  const workspace = makeFixtureWorkspace(repoRoot);
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      // AI_PREFLIGHT_TEST registers the report panel's test-only command that report.test.ts reads.
      extensionTestsEnv: { AI_PREFLIGHT_TEST: '1' },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error('extension-host tests failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
