// ProjectScope: which files a project sees, and that sharing a package's repository-level files between the
// projects beneath it (one segment per package, matched once) gives exactly what a file-by-file scope gives.
import * as assert from 'assert';
import { detectProjects } from '../../server/src/engine/projects/detect';
import { WorkspaceModel } from '../../server/src/engine/projects/workspaceModel';
import { runCheck } from '../../server/src/engine/checks/runCheck';
import { compileGlob, type Glob } from '../../server/src/engine/rules/checkDef';
import { scanMemo, type ContentMemo } from '../../server/src/engine/rules/evaluate';
import { loadBuiltinChecks } from '../../server/src/engine/rules/loadChecks';
import { ProjectScope, type ScopedFile } from '../../server/src/engine/rules/projectScope';
import { crawl } from '../../server/src/engine/workspace/crawl';
import { FileStore } from '../../server/src/engine/workspace/fileStore';
import { extOf } from '../../server/src/engine/workspace/paths';
import { makeTree } from '../helpers';

const AI_PACKAGE = (name: string) => ({
  [`packages/${name}/pyproject.toml`]: `[project]\nname = "${name}"\ndependencies = ["openai>=1.0"]\n`,
  [`packages/${name}/src/${name}/app.py`]: 'from openai import OpenAI\nclient = OpenAI(timeout=30)\n',
  [`packages/${name}/README.md`]: `# ${name}\n`,
  [`packages/${name}/docs/usage.md`]: 'usage\n',
  [`packages/${name}/tests/test_app.py`]: 'def test_app():\n    assert True\n',
  [`packages/${name}/evals/config.yaml`]: 'threshold: 0.8\n',
  [`packages/${name}/MODEL_CARD.md`]: `# ${name} model card\n## Intended use\nDrafts.\n## Limitations\nNone known.\n`,
  [`packages/${name}/docs/rollback.md`]: '# Rollback\nTrigger: error rate above 5%. Steps: redeploy the previous model version.\n',
});

const TREE = {
  'pyproject.toml': '[project]\nname = "monorepo-tools"\ndependencies = ["click"]\n',
  'CODEOWNERS': '* @team\n',
  'README.md': '# monorepo\n',
  'docs/guide.md': 'guide\n',
  'docs/api/reference.md': 'reference\n',
  'docs/conf.yaml': 'x: 1\n',
  '.github/workflows/ci.yml': 'on: [push]\njobs: { t: { runs-on: x, steps: [{ run: pytest }] } }\n',
  'scripts/release/notes.md': 'not repository-level: a sibling folder\n',
  'docs/runbooks/rollback.md': '# Rollback\nTrigger: error rate above 5%. Owner: on-call. Steps: redeploy the previous model version.\n',
  'docs/model_card.md': '# Model card\n## Intended use\nSupport answers.\n## Limitations\nEnglish only.\n',
  'docs/metrics.md': '# Business metric\nKPI: deflection rate, baseline 20%, target 35%.\n',
  ...AI_PACKAGE('alpha'),
  ...AI_PACKAGE('beta'),
};

function setUp() {
  const root = makeTree(TREE);
  const { files } = crawl(root);
  const model = new WorkspaceModel(files, new FileStore(root, files));
  const projects = detectProjects(model, root);
  const scopes = projects.map((p) => new ProjectScope(model, p));
  return { model, projects, scopes };
}

/** What matching(glob) must return, by testing every file of the scope (extension sets are listed extension by extension). */
function reference(scope: ProjectScope, glob: Glob): string[] {
  const hit = (f: ScopedFile) => glob.re.test(f.local) || (f.inProject !== undefined && glob.re.test(f.inProject)) || glob.re.test(f.rel);
  const all = scope.files.filter(hit);
  if (!glob.exts || glob.base !== undefined) return all.map((f) => f.rel);
  return glob.exts.flatMap((e) => all.filter((f) => extOf(f.rel) === e)).map((f) => f.rel);
}

describe('ProjectScope', () => {
  it('sees its own files and its packages\' repository-level files, in listing order', () => {
    const { projects, scopes } = setUp();
    assert.deepStrictEqual(projects.map((p) => p.root).sort(), ['packages/alpha', 'packages/beta']);
    const alpha = scopes[projects.findIndex((p) => p.root === 'packages/alpha')];
    const rels = alpha.files.map((f) => f.rel);
    for (const rel of ['CODEOWNERS', 'README.md', 'docs/guide.md', 'docs/api/reference.md', '.github/workflows/ci.yml', 'packages/alpha/src/alpha/app.py', 'packages/alpha/docs/usage.md']) {
      assert.ok(rels.includes(rel), `alpha sees ${rel}`);
    }
    assert.ok(!rels.includes('scripts/release/notes.md'), 'a sibling folder of the root package is not repository-level');
    assert.ok(!rels.some((r) => r.startsWith('packages/beta/')), 'alpha does not see beta');
    const indexes = alpha.files.map((f) => f.index);
    assert.deepStrictEqual(indexes, [...indexes].sort((a, b) => a - b), 'listing order');
    assert.strictEqual(new Set(rels).size, rels.length, 'no file twice');
    assert.strictEqual(alpha.files.find((f) => f.rel === 'docs/guide.md')!.inProject, undefined);
    assert.strictEqual(alpha.files.find((f) => f.rel === 'packages/alpha/docs/usage.md')!.inProject, 'docs/usage.md');
  });

  it('shares one segment of repository-level files between the projects beneath a package', () => {
    const { scopes } = setUp();
    const [a, b] = scopes;
    const shared = a.segments.filter((s) => b.segments.includes(s));
    assert.strictEqual(shared.length, 1);
    assert.ok(shared[0].files.some((f) => f.rel === 'CODEOWNERS'));
    assert.ok(!shared[0].files.some((f) => f.rel.startsWith('packages/')), 'the shared segment holds no project file');
  });

  it('matches globs exactly as testing every file would, whatever segment a file is in', () => {
    const { scopes } = setUp();
    const globs = ['**/*.md', '**/*.{yaml,yml,md}', 'CODEOWNERS', '**/CODEOWNERS', 'docs/**', '**/docs/**/*.md', 'README*', '**/test_*.py', 'evals/**', '.github/workflows/*.yml', '**/*.toml']
      .map(compileGlob);
    for (const scope of scopes) {
      for (const glob of globs) {
        assert.deepStrictEqual(scope.matching(glob).map((f) => f.rel), reference(scope, glob), `${scope.project.root}: ${glob.source}`);
        // Asked again (the cached segment matches), the answer is the same and a fresh array.
        const again = scope.matching(glob);
        again.length = 0;
        assert.deepStrictEqual(scope.matching(glob).map((f) => f.rel), reference(scope, glob));
      }
    }
  });

  it('leaves out excluded files by their path relative to their package', () => {
    const { scopes } = setUp();
    const md = compileGlob('**/*.md');
    const exclude = [compileGlob('docs/**')];
    for (const scope of scopes) {
      const kept = scope.matchingExcluding(md, exclude).map((f) => f.rel);
      const expected = scope.matching(md).filter((f) => !exclude[0].re.test(f.local)).map((f) => f.rel);
      assert.deepStrictEqual(kept, expected);
      assert.ok(!kept.includes('docs/guide.md') && !kept.includes(`${scope.project.root}/docs/usage.md`));
      assert.ok(kept.includes('README.md') && kept.includes(`${scope.project.root}/README.md`));
    }
  });
});

describe('ProjectScope: checks over shared segments', () => {
  it('find the same evidence, in the same order, as a file-by-file look through the scope', () => {
    const { projects, scopes } = setUp();
    // Per-segment memo (scanMemo) against a memo without segments: the evaluation walks every file of the scope.
    const fileByFile = (): ContentMemo => { const m = scanMemo(); return { evidence: m.evidence }; };
    const memo = scanMemo();
    let withEvidence = 0;
    let mixed = 0; // evidence from the project's own files and from the shared ones: their order is tested
    for (let i = 0; i < scopes.length; i++) {
      for (const def of loadBuiltinChecks()) {
        const run = (m: ContentMemo) => runCheck({ def, scope: scopes[i], stage: 'production', kind: projects[i].aiKind, detectors: {}, memo: m });
        const a = run(memo);
        const b = run(fileByFile());
        assert.deepStrictEqual(a, b, `${projects[i].root}: ${def.id}`);
        if (a.evidence.some((e) => !e.file.startsWith('packages/'))) withEvidence++;
        if (a.evidence.some((e) => !e.file.startsWith('packages/')) && a.evidence.some((e) => e.file.startsWith('packages/'))) mixed++;
      }
    }
    assert.ok(withEvidence >= 6, `repository-level evidence found through the shared segment (${withEvidence})`);
    assert.ok(mixed >= 2, `evidence from both segments in one check (${mixed})`);
  });
});
