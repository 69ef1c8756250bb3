// Check ownership through CODEOWNERS: the file counts for a project only when a rule with owners covers the
// project's folder or a file in it (last matching rule wins; a rule without owners un-assigns).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../../server/src/engine/scan';
import { compilePattern, coveringRule, rulesOf } from '../../server/src/engine/detectors/codeowners';
import { assertCheck, checkOf, tempTree } from './engine-support.test';

/** An npm workspace of LLM packages: each package is a project of its own. */
function monorepo(codeowners: string, codeownersAt = '.github/CODEOWNERS'): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': '{"name": "mono", "private": true, "workspaces": ["packages/*"]}\n',
    'README.md': '# mono\n',
    [codeownersAt]: codeowners,
  };
  for (const name of ['inference', 'agents', 'mcp-client']) {
    files[`packages/${name}/package.json`] = `{"name": "@mono/${name}", "dependencies": {"openai": "4.52.0"}}\n`;
    files[`packages/${name}/src/index.ts`] = 'import OpenAI from "openai";\n\nexport const client = new OpenAI({ timeout: 30_000 });\n';
  }
  return files;
}

const THREE_TEAMS = '# Owners per package\n/packages/inference/ @alice\n/packages/tasks/ @bob\n/packages/hub/ @carol\n';

describe('check ownership: CODEOWNERS covers the project', () => {
  it('a package no rule covers does not pass on another package\'s rule', async () => {
    const r = await scan({ root: tempTree(monorepo(THREE_TEAMS)) });
    const inference = assertCheck(r, 'ownership', { status: 'pass' }, 'packages/inference');
    assert.deepStrictEqual(inference.evidence.map((e) => `${e.file}:${e.line}`), ['.github/CODEOWNERS:2']);
    for (const root of ['packages/agents', 'packages/mcp-client']) {
      const c = assertCheck(r, 'ownership', { status: 'fail', state: 'absent' }, root);
      assert.match(c.message, /\.github\/CODEOWNERS has no rule with owners covering packages\/(agents|mcp-client)/);
    }
  });

  it('a catch-all rule covers every package, cited at its line', async () => {
    const r = await scan({ root: tempTree(monorepo('# default\n\n* @acme/platform\n')) });
    for (const root of ['packages/inference', 'packages/agents']) {
      assert.deepStrictEqual(checkOf(r, 'ownership', root).evidence.map((e) => `${e.file}:${e.line}`), ['.github/CODEOWNERS:3']);
    }
  });

  it('the last matching rule wins: one without owners un-assigns the package', async () => {
    const r = await scan({ root: tempTree(monorepo('* @acme/platform\n/packages/agents/\n', 'CODEOWNERS')) });
    assertCheck(r, 'ownership', { status: 'fail' }, 'packages/agents');
    assert.strictEqual(checkOf(r, 'ownership', 'packages/mcp-client').evidence[0].line, 1);
  });

  it('a rule naming files inside the package covers it (by extension, or a folder name anywhere)', async () => {
    const byExt = await scan({ root: tempTree(monorepo('*.md @docs\n*.ts @acme/ts\n')) });
    assert.strictEqual(checkOf(byExt, 'ownership', 'packages/agents').evidence[0].line, 2);
    const byFolder = await scan({ root: tempTree(monorepo('src/ @acme/devs\n')) });
    assertCheck(byFolder, 'ownership', { status: 'pass' }, 'packages/mcp-client');
  });

  it('an edit adding a rule for the package counts in the incremental scan', async () => {
    const root = tempTree(monorepo(THREE_TEAMS));
    assertCheck(await scan({ root }), 'ownership', { status: 'fail' }, 'packages/agents');
    fs.writeFileSync(path.join(root, '.github/CODEOWNERS'), THREE_TEAMS + '/packages/agents/ @dave\n');
    const r = await scan({ root, changedPaths: ['.github/CODEOWNERS'] });
    assert.strictEqual(checkOf(r, 'ownership', 'packages/agents').evidence[0].line, 5);
    assertCheck(r, 'ownership', { status: 'fail' }, 'packages/mcp-client');
  });
});

describe('CODEOWNERS patterns', () => {
  const matches = (pattern: string, rel: string) => compilePattern(pattern).re.test(rel);

  it('read as the forges read them', () => {
    assert.ok(matches('*', 'a/b/c.py'));
    assert.ok(matches('/packages/hub/', 'packages/hub/src/x.ts') && !matches('/packages/hub/', 'lib/packages/hub/x.ts'));
    assert.ok(matches('docs/', 'a/docs/x.md') && !matches('docs/', 'docs'), 'a folder name matches at any depth, folders only');
    assert.ok(matches('*.py', 'a/b/c.py') && !matches('*.py', 'a/b/c.pyc'));
    assert.ok(matches('/apps/github', 'apps/github/x.ts'), 'a folder without a trailing slash covers its contents');
    assert.ok(matches('docs/*', 'docs/a.md') && !matches('docs/*', 'docs/x/a.md'), 'dir/* covers only the files directly in it');
    assert.ok(matches('./fx/', 'fx/a.py') && !matches('./fx/', 'b/fx/a.py'), './ reads as the root');
    assert.ok(matches('**/logs', 'a/b/logs/x.log') && matches('/src/**/*.ts', 'src/a/b.ts'));
  });

  it('a line that is no valid glob owns nothing, and does not stop the scan', () => {
    assert.ok(!matches('[z-a]', 'z'));
    assert.strictEqual(coveringRule(rulesOf('[z-a] @x\n/pkg/ @y\n'), 'pkg', [])?.line, 2);
  });

  it('owners: handles and e-mails; GitLab section defaults; inline comments', () => {
    const rules = rulesOf('[Docs] @writers\n/docs/\n/api/ dev@acme.com # api team\n/tmp/ # nobody\n');
    assert.deepStrictEqual(rules.map((r) => r.owners), [['@writers'], ['dev@acme.com'], ['@writers']]);
    assert.strictEqual(coveringRule(rulesOf('/packages/hub/ @c\n'), 'packages/agents', ['packages/agents/x.ts']), undefined);
  });

  it('cites the rule owning most of the project\'s own code, before one owning only its tests', () => {
    const rules = rulesOf('/apps/api/src/lib/* @lib-team\n/apps/api/src/__tests__/snips/* @tester\n/apps/api/src/v0.ts @old\n');
    const files = ['apps/api/src/__tests__/snips/a.test.ts', 'apps/api/src/v0.ts', 'apps/api/src/lib/generic-ai.ts', 'apps/api/src/lib/llm.ts'];
    assert.strictEqual(coveringRule(rules, 'apps/api', files)?.line, 1);
    // tests-only ownership still counts when it is all there is
    assert.strictEqual(coveringRule(rules, 'apps/api', files.slice(0, 1))?.line, 2);
  });
});
