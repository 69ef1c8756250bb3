// tests: a smoke test of the detected entry point in the project's test framework.
import * as path from 'path';
import { firstFree, inProject } from '../paths';
import { fillIn, renderTemplate } from '../templates';
import type { Scaffold } from '../types';

export const tests: Scaffold = async (ctx, facts) => {
  const envVars = facts.llm?.envVar ? [facts.llm.envVar] : [];
  if (facts.language === 'python') {
    const target = firstFree(ctx, ['tests/test_smoke.py', 'tests/test_entry_point.py', 'test/test_smoke.py'].map(p => inProject(facts.rel, p)));
    if (!target) return { files: [], skippedReason: 'tests/test_smoke.py already exists' };
    const entryPoint = facts.entryPoint ?? fillIn('entry point, e.g. app.py');
    return {
      files: [{
        path: target, checkId: 'tests', description: `pytest smoke test of ${entryPoint}`,
        content: renderTemplate('tests', 'test_smoke.py', { projectName: facts.name, entryPoint, envVars: JSON.stringify(envVars) }),
      }],
    };
  }
  const vitest = facts.nodeTestRunner === 'vitest';
  const name = vitest ? 'smoke.test.ts' : 'smoke.test.js';
  const target = firstFree(ctx, [`test/${name}`, `tests/${name}`, `__tests__/${name}`].map(p => inProject(facts.rel, p)));
  if (!target) return { files: [], skippedReason: `${name} already exists under test/, tests/ and __tests__/` };
  const entryPoint = facts.entryPoint ?? fillIn('entry point, e.g. src/index.js');
  const testDir = path.posix.dirname(target.slice(facts.rel === '.' ? 0 : facts.rel.length + 1));
  const vars = {
    projectName: facts.name, entryPoint, entryFromTest: facts.entryPoint ? path.posix.relative(testDir, facts.entryPoint) : entryPoint,
    // node:test needs its `test` imported; jest and mocha provide it as a global.
    testImports: facts.nodeTestRunner === 'node' ? "const { test } = require('node:test');" : facts.nodeTestRunner === 'mocha' ? 'const test = it; // mocha BDD interface' : '',
    dummyEnv: envVars.map(v => `process.env.${v} ??= 'test-not-a-real-key';`).join('\n    '),
  };
  return {
    files: [{ path: target, checkId: 'tests', description: `${vitest ? 'vitest' : facts.nodeTestRunner === 'node' ? 'node:test' : facts.nodeTestRunner} smoke test of ${entryPoint}`, content: renderTemplate('tests', name, vars) }],
  };
};
