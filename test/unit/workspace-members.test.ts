// Workspace member lists (npm/yarn, pnpm, uv): which packages beneath a workspace root its lock file pins.
import * as assert from 'assert';
import { workspaceIncludes } from '../../server/src/engine/detectors/workspaceMembers';

const store = (files: Record<string, string>) => ({ read: (rel: string) => files[rel] ?? null });

describe('workspace members', () => {
  it('npm workspaces and yarn 1 { packages }', () => {
    const npm = store({ 'package.json': JSON.stringify({ workspaces: ['apps/*', 'libs/**'] }) });
    assert.strictEqual(workspaceIncludes(npm, '.', 'node', 'apps/web'), true);
    assert.strictEqual(workspaceIncludes(npm, '.', 'node', 'libs/a/b'), true);
    assert.strictEqual(workspaceIncludes(npm, '.', 'node', 'tools/cli'), false);
    const yarn = store({ 'mono/package.json': JSON.stringify({ workspaces: { packages: ['packages/*'] } }) });
    assert.strictEqual(workspaceIncludes(yarn, 'mono', 'node', 'mono/packages/ui'), true);
    assert.strictEqual(workspaceIncludes(yarn, 'mono', 'node', 'mono/src/ui'), false);
  });

  it('pnpm packages with exclusions', () => {
    const pnpm = store({ 'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - '!packages/legacy'\n" });
    assert.strictEqual(workspaceIncludes(pnpm, '.', 'node', 'packages/core'), true);
    assert.strictEqual(workspaceIncludes(pnpm, '.', 'node', 'packages/legacy'), false);
  });

  it('uv members and exclude', () => {
    const uv = store({ 'pyproject.toml': '[project]\nname = "mono"\n\n[tool.uv.workspace]\nmembers = ["libs/*"]\nexclude = ["libs/scratch"]\n' });
    assert.strictEqual(workspaceIncludes(uv, '.', 'python', 'libs/core'), true);
    assert.strictEqual(workspaceIncludes(uv, '.', 'python', 'libs/scratch'), false);
    assert.strictEqual(workspaceIncludes(uv, '.', 'python', 'services/api'), false);
  });

  it('no workspace: no member; an unreadable member list: every package beneath', () => {
    assert.strictEqual(workspaceIncludes(store({ 'package.json': '{"name":"x"}' }), '.', 'node', 'apps/web'), false);
    assert.strictEqual(workspaceIncludes(store({ 'package.json': '{"workspaces": ' }), '.', 'node', 'apps/web'), true);
    assert.strictEqual(workspaceIncludes(store({ 'pyproject.toml': '[tool.uv.workspace]\nmembers = [\n' }), '.', 'python', 'svc'), true);
    // A package outside the folder is never its member.
    assert.strictEqual(workspaceIncludes(store({ 'a/package.json': JSON.stringify({ workspaces: ['*'] }) }), 'a', 'node', 'b/c'), false);
  });
});
