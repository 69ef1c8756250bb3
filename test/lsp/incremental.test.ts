// File events through the language server: each scan after didChangeWatchedFiles re-evaluates only what
// the changed paths affect (the log says so), and what is published is what a full scan would show.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree } from '../helpers';
import { Diag, FolderScan, TestClient, uriOf } from './lspClient';

describe('language server: incremental scans on file events', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient;
  let logs: string[];

  beforeEach(async () => {
    dir = makeTree({
      'svc/a/requirements.txt': 'openai==1.0.0\n',
      'svc/a/app.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=5)\n',
      'svc/b/requirements.txt': 'torch==2.1.0\n',
      'svc/b/train.py': 'import torch\n\nmodel = torch.nn.Linear(2, 2)\n',
    });
    client = new TestClient();
    logs = [];
    client.conn.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); });
    await client.initialize([dir]);
    await client.nextScan(dir, 0);
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ownershipOf = (project: string): Diag | undefined =>
    (client.diagnostics.get(uriOf(path.join(dir, project, 'requirements.txt'))) ?? []).find((d) => d.code === 'ownership');
  const event = (rel: string, type: 1 | 2 | 3) => client.fileChanged(path.join(dir, rel), type);
  const projectsOf = (scan: FolderScan) => scan.result?.projects.map((p) => p.root).sort();

  it('a CODEOWNERS created and deleted flips only its project\'s diagnostic, without a full scan', async () => {
    assert.ok(ownershipOf('svc/a') && ownershipOf('svc/b'), 'both projects start without an owner');
    fs.writeFileSync(path.join(dir, 'svc/a/CODEOWNERS'), '* @org/team\n');
    await event('svc/a/CODEOWNERS', 1);
    await client.waitFor('svc/a ownership cleared', () => !ownershipOf('svc/a'));
    assert.ok(ownershipOf('svc/b'), 'the other project still has its diagnostic');
    assert.ok(logs.some((l) => l.includes('after 1 changed path(s)')), `incremental scan logged: ${logs.join(' | ')}`);

    fs.rmSync(path.join(dir, 'svc/a/CODEOWNERS'));
    await event('svc/a/CODEOWNERS', 3);
    await client.waitFor('svc/a ownership back', () => ownershipOf('svc/a'));
  });

  it('a scan that changed no finding says so instead of re-sending them; one that did sends them all', async () => {
    fs.writeFileSync(path.join(dir, 'svc/a/keys.py'), `import os\nTOKEN = "${'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'}"\n`);
    await event('svc/a/keys.py', 1);
    await client.waitFor('a scan with the secret', () => client.merged.get(uriOf(dir))?.result?.findings.some((f) => f.file === 'svc/a/keys.py'));
    const withSecret = [...client.scans].reverse().find((s) => s.uri === uriOf(dir))!;
    assert.ok(!withSecret.findingsUnchanged, 'new findings are sent');
    // ...as a patch: the new finding itself, and where the unchanged ones sit in the previous list
    const added = (withSecret.findingsPatch ?? []).flatMap((r) => ('add' in r ? r.add : []));
    assert.ok(withSecret.findingsPatch ? added.some((f) => f.file === 'svc/a/keys.py') : withSecret.result!.findings.some((f) => f.file === 'svc/a/keys.py'));

    const before = client.scanCount(dir);
    fs.writeFileSync(path.join(dir, 'svc/b/CODEOWNERS'), '* @org/team\n');
    await event('svc/b/CODEOWNERS', 1);
    const next = await client.nextScan(dir, before);
    assert.strictEqual(next.findingsUnchanged, true, 'a CODEOWNERS file changes no finding');
    assert.deepStrictEqual(next.result?.findings, [], 'so none are re-sent');
    assert.ok(next.result?.projects.find((p) => p.root === 'svc/b')?.checks.find((c) => c.id === 'ownership')?.status === 'pass');
    // Only the project the event touched is re-sent; the client keeps the others it has.
    assert.deepStrictEqual(next.result?.projects.map((p) => p.root), ['svc/b']);
    assert.deepStrictEqual(next.projectRoots, ['svc/a', 'svc/b']);
    const whole = client.merged.get(uriOf(dir))!;
    assert.deepStrictEqual(projectsOf(whole), ['svc/a', 'svc/b']);
    assert.ok(whole.result!.findings.some((f) => f.file === 'svc/a/keys.py'), 'the merged copy keeps the findings');
  });

  it('events in quick succession all count, whichever scan they land in', async () => {
    fs.writeFileSync(path.join(dir, 'svc/a/CODEOWNERS'), '* @org/team\n');
    await event('svc/a/CODEOWNERS', 1);
    fs.mkdirSync(path.join(dir, 'svc/c'));
    fs.writeFileSync(path.join(dir, 'svc/c/requirements.txt'), 'anthropic==0.40.0\n');
    fs.writeFileSync(path.join(dir, 'svc/c/bot.py'), 'import anthropic\n');
    await event('svc/c', 1);
    const scan = await client.waitFor('a scan with the new project', () => {
      const whole = client.merged.get(uriOf(dir));
      return projectsOf(whole!)?.includes('svc/c') && whole;
    });
    assert.deepStrictEqual(projectsOf(scan), ['svc/a', 'svc/b', 'svc/c']);
    assert.strictEqual(client.mergeFailures, 0, 'every didScan applied to the client\'s copy');
    await client.waitFor('svc/a ownership cleared', () => !ownershipOf('svc/a'));
    assert.ok(ownershipOf('svc/c'), 'the new project is checked');
  });

  it('a deleted folder, reported alone, takes its project and diagnostics with it', async () => {
    const before = client.scanCount(dir);
    fs.rmSync(path.join(dir, 'svc/b'), { recursive: true });
    await event('svc/b', 3);
    const scan = await client.nextScan(dir, before);
    assert.deepStrictEqual(scan.projectRoots, ['svc/a'], 'the project list says svc/b is gone');
    assert.deepStrictEqual(projectsOf(client.merged.get(uriOf(dir))!), ['svc/a']);
    await client.waitFor('svc/b diagnostics cleared', () => !ownershipOf('svc/b'));
    assert.ok(ownershipOf('svc/a'));
  });
});
