// Issue 5 / SPEC §8 round trip per fixture kind (LLM app, classic ML, deep learning, a monorepo in git):
// scan -> `ai-preflight fix` (every failing check) -> rescan. Every scaffolded check passes (present, or
// present-incomplete with an `incomplete` list in JSON v1), no file that was there before changed, and every
// generated file is valid in its format (YAML, JSON, ODCS, Python, shell).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { runFixCommand } from '../../server/src/cli/fixCommand';
import { fixableChecks } from '../../server/src/engine/fixes';
import { toContractJson } from '../../server/src/engine/report/json';
import { scan } from '../../server/src/engine/scan';
import { fixturePath, hashTree, makeTempDir, repoRoot } from '../helpers';
import { gitInit, hasGit, problemsOf, withoutGit } from './fixValidity';

const contract = new Ajv2020({ allErrors: true, strict: true })
  .compile(JSON.parse(fs.readFileSync(path.join(repoRoot, 'rules', 'schema', 'contract-v1.schema.json'), 'utf8')));

interface Fixture { name: string; source: string[]; git: boolean; projects: number }
const FIXTURES: Fixture[] = [
  { name: 'llm-app', source: ['projects', 'llm-app'], git: false, projects: 1 },
  { name: 'classic-ml', source: ['projects', 'classic-ml'], git: false, projects: 1 },
  { name: 'deep-learning', source: ['projects', 'deep-learning'], git: false, projects: 1 },
  { name: 'monorepo (two AI sub-projects of different kinds + a web package, in git)', source: ['fix-monorepo'], git: true, projects: 2 },
];

async function fixAll(root: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runFixCommand(['fix', root], { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

describe('scaffold round trip: scan, fix all, rescan', function () {
  this.timeout(180_000);
  for (const fx of FIXTURES) {
    it(`${fx.name}: every scaffolded check passes, nothing pre-existing changes, every new file is valid`, async function () {
      if (fx.git && !hasGit) this.skip();
      const root = makeTempDir('aipf-roundtrip-');
      fs.cpSync(fixturePath(...fx.source), root, { recursive: true });
      if (fx.git) gitInit(root);
      const before = await scan({ root });
      assert.strictEqual(before.projects.filter((p) => p.isAiProject).length, fx.projects, 'AI projects found');
      const failing = new Map(before.projects.map((p) => [p.root, p.checks.filter((c) => c.status === 'fail' && fixableChecks().includes(c.id)).map((c) => c.id)]));
      for (const [rootRel, ids] of failing) assert.ok(ids.length >= 5, `${rootRel}: several checks to fix: ${ids.join(', ')}`);
      const treeBefore = withoutGit(hashTree(root));

      const run = await fixAll(root);
      assert.strictEqual(run.err, '', 'nothing skipped or refused');
      assert.strictEqual(run.code, 0, run.out);

      const after = await scan({ root });
      for (const [rootRel, ids] of failing) {
        const project = after.projects.find((p) => p.root === rootRel);
        const still = (project?.checks ?? []).filter((c) => ids.includes(c.id) && c.status !== 'pass');
        assert.deepStrictEqual(still.map((c) => `${rootRel} ${c.id}: ${c.message}`), []);
      }
      const treeAfter = withoutGit(hashTree(root));
      const changed = [...treeBefore].filter(([rel, hash]) => treeAfter.get(rel) !== hash).map(([rel]) => rel);
      assert.deepStrictEqual(changed, [], 'files that existed before are unchanged');
      const created = [...treeAfter.keys()].filter((rel) => !treeBefore.has(rel) && !rel.endsWith('/'));
      assert.ok(created.length >= 10, `files were created: ${created.join(', ')}`);
      assert.deepStrictEqual(created.flatMap((rel) => problemsOf(root, rel)), [], 'every generated file is valid');

      // JSON v1: still valid, and a check with placeholders left says what to fill in as `incomplete`.
      const json = toContractJson(after) as { projects: { checks: { id: string; state: string; incomplete?: string[]; missing?: string[] }[] }[] };
      assert.ok(contract(json), JSON.stringify(contract.errors));
      const incomplete = json.projects.flatMap((p) => p.checks).filter((c) => c.state === 'incomplete');
      assert.ok(incomplete.length > 0, 'scaffolds with placeholders are present but incomplete');
      for (const c of incomplete) {
        assert.ok(c.incomplete && c.incomplete.length > 0, `${c.id} lists what to fill in`);
        assert.deepStrictEqual(c.missing, c.incomplete, `${c.id}: the older "missing" field is kept, same content`);
      }

      if (fx.git) {
        // Sub-projects share one repository-level CODEOWNERS where GitHub reads it, one rule per sub-project.
        assert.ok(!created.some((rel) => /(^|\/)CODEOWNERS$/.test(rel) && rel !== '.github/CODEOWNERS'), `one CODEOWNERS: ${created.join(', ')}`);
        const codeowners = fs.readFileSync(path.join(root, '.github', 'CODEOWNERS'), 'utf8');
        for (const p of after.projects) assert.match(codeowners, new RegExp(`^/${p.root}/ \\S*@`, 'm'), `a rule for ${p.root}`);
        // A second run finds nothing left to create and changes nothing.
        const again = hashTree(root);
        const rerun = await fixAll(root);
        assert.deepStrictEqual(hashTree(root), again, `a second fix run changes nothing:\n${rerun.out}${rerun.err}`);
      }
    });
  }
});
