// Extension-test entry point (what extensionTestsPath names): VS Code calls run() inside the
// extension host. Used by code-server here (test/e2e/exthost-suite.js) and by
// @vscode/test-electron where VS Code can be downloaded (runTest.ts).
// In code-server the host's console goes to the browser, so results are also appended to
// $AI_PREFLIGHT_TEST_LOG, ending with one 'N passed, N failed' line.
import * as fs from 'fs';
import * as path from 'path';

type MochaClass = typeof import('mocha');

/** mocha 12 is an ES module; require() of it yields a namespace, older ones the class itself. */
function loadMocha(): MochaClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('mocha') as MochaClass & { Mocha?: MochaClass; default?: MochaClass };
  return loaded.Mocha ?? loaded.default ?? loaded;
}

export function run(): Promise<void> {
  const logFile = process.env.AI_PREFLIGHT_TEST_LOG;
  const log = (line: string): void => {
    console.log(line);
    if (logFile) { try { fs.appendFileSync(logFile, line + '\n'); } catch { /* the log is best effort */ } }
  };
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  // Files run in name order: later files may change the workspace (quick fixes write files).
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? failures} failed`);
      if (failures) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => log(`  ✔ ${test.fullTitle()} (${test.duration} ms)`));
    runner.on('fail', (test, err: Error) => log(`  ✘ ${test.fullTitle()}: ${String(err?.message).split('\n')[0]}`));
  });
}
