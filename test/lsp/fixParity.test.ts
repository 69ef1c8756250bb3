// Issue 5: "the LSP path applies the same edits". Two copies of a fixture: on one, the language server's scaffold
// quick fixes are requested, resolved and applied as an editor would (then the file events reported); on the
// other, `ai-preflight fix --check <id>` runs. After each check the two trees are byte-equal.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { fixableChecks } from '../../server/src/engine/fixes';
import { cliPath, fixturePath, hashTree, makeTempDir } from '../helpers';
import { gitInit, hasGit, withoutGit } from '../unit/fixValidity';
import { applyWorkspaceEdit, Diag, TestClient, WorkspaceEditLike } from './lspClient';

interface Action { title: string; edit?: WorkspaceEditLike; data?: unknown }
interface CheckData { kind: 'check'; projectRoot: string; checkId: string; fixable: boolean }

/** Two copies of a fixture in folders of the same name (a project without a manifest name takes its folder's). */
function twoCopies(source: string[], git: boolean): [string, string] {
  const name = path.basename(source[source.length - 1]);
  const a = path.join(makeTempDir('aipf-parity-lsp-'), name);
  fs.cpSync(fixturePath(...source), a, { recursive: true });
  if (git) gitInit(a);
  const b = path.join(makeTempDir('aipf-parity-cli-'), name);
  fs.cpSync(a, b, { recursive: true });
  return [a, b];
}

/** Files (not folders) and their hashes relative to the root, git's folder left out. */
const files = (root: string) => new Map([...withoutGit(hashTree(root))].filter(([rel]) => !rel.endsWith('/')));

function diffTrees(a: string, b: string): string[] {
  const [ta, tb] = [files(a), files(b)];
  const out: string[] = [];
  for (const [rel, h] of ta) if (tb.get(rel) !== h) out.push(tb.has(rel) ? `${rel}: content differs` : `${rel}: only from the LSP`);
  for (const rel of tb.keys()) if (!ta.has(rel)) out.push(`${rel}: only from the CLI`);
  return out;
}

const FIXTURES = [
  { name: 'llm-app', source: ['projects', 'llm-app'], git: false },
  { name: 'monorepo in git', source: ['fix-monorepo'], git: true },
];

describe('scaffold parity: LSP quick fixes write what `ai-preflight fix --check` writes', function () {
  this.timeout(240_000);
  for (const fx of FIXTURES) {
    it(`${fx.name}: byte-equal trees after each fixable check`, async function () {
      if (fx.git && !hasGit) this.skip();
      const [lspRoot, cliRoot] = twoCopies(fx.source, fx.git);
      const client = new TestClient();
      try {
        await client.initialize([lspRoot]);
        let scan = await client.nextScan(lspRoot, 0);
        const projects = scan.result?.projects ?? [];
        assert.ok(projects.length > 0, 'the server found the AI projects');
        const ids = fixableChecks().filter((id) => projects.some((p) => p.checks.some((c) => c.id === id && c.status === 'fail')));
        assert.ok(ids.length >= 5, `checks to compare: ${ids.join(', ')}`);
        let compared = 0;
        for (const id of ids) {
          // LSP: every project's scaffold action for this check, from the same scan, as a user clicking through them.
          const failing = (scan.result?.projects ?? []).filter((p) => p.checks.some((c) => c.id === id && c.status === 'fail'));
          const changed: { uri: string; type: 1 | 2 }[] = [];
          for (const p of failing) {
            const [uri, diag] = await client.waitFor(`${id} diagnostic of ${p.root}`, () => findCheckDiag(client, lspRoot, p.root, id));
            const actions: Action[] = await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
            const scaffold = actions.find((a) => a.title.startsWith('Scaffold'));
            assert.ok(scaffold, `${p.root} ${id}: a scaffold action among ${actions.map((a) => a.title).join(', ')}`);
            const resolved: Action = await client.conn.sendRequest('codeAction/resolve', scaffold);
            for (const c of resolved.edit?.documentChanges ?? []) {
              const target = 'kind' in c ? c.uri : c.textDocument.uri;
              if (!changed.some((x) => x.uri === target)) changed.push({ uri: target, type: fs.existsSync(fileURLToPath(target)) ? 2 : 1 });
            }
            applyWorkspaceEdit(resolved.edit ?? {});
          }
          // CLI on the other copy.
          try {
            execFileSync(process.execPath, [cliPath, 'fix', cliRoot, '--check', id], { stdio: 'pipe' });
          } catch (e) {
            assert.fail(`ai-preflight fix --check ${id} failed: ${String((e as { stderr?: Buffer }).stderr ?? e)}`);
          }
          assert.deepStrictEqual(diffTrees(lspRoot, cliRoot), [], `after ${id}`);
          compared++;
          // The editor reports the files it wrote; the server rescans before the next check.
          if (changed.length === 0) continue;
          const before = client.scanCount(lspRoot);
          await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: changed });
          scan = await client.nextScan(lspRoot, before);
        }
        assert.strictEqual(compared, ids.length);
      } finally {
        await client.dispose();
      }
    });
  }
});

function findCheckDiag(client: TestClient, root: string, projectRoot: string, id: string): [string, Diag] | undefined {
  for (const [uri, diags] of client.diagsUnder(root)) {
    const d = diags.find((x) => x.code === id && (x.data as CheckData | undefined)?.projectRoot === projectRoot && (x.data as CheckData).fixable);
    if (d) return [uri, d];
  }
  return undefined;
}
