// Unit tests of the server's pure parts: engine results → diagnostics, the publish-only-changes store,
// code actions, suppression comments and settings normalisation. No process, no engine.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckResult, Project, ScanResult } from '../../server/src/engine/types';
import { codeActionsFor, fixAllEdits } from '../../server/src/server/codeActions';
import { diskLineLength, findingToDiagnostic, scanToDiagnostics } from '../../server/src/server/diagnostics';
import { DiagnosticStore } from '../../server/src/server/diagnosticStore';
import { pathToUri } from '../../server/src/server/paths';
import { normalizeSettings } from '../../server/src/server/settings';
import { commentLeader, suppressionEdit } from '../../server/src/server/suppress';
import { makeTree } from '../helpers';

function check(id: string, over: Partial<CheckResult> = {}): CheckResult {
  return { id, title: id, pillar: 'ownership', status: 'fail', state: 'absent', level: 'warning', evidence: [], message: `${id} is missing`, docsUrl: `https://example.test/docs#${id}`, ...over };
}
function result(root: string, checks: CheckResult[], extra: Partial<ScanResult> = {}): ScanResult {
  const project: Project = {
    root: '.', name: 'demo', isAiProject: true, aiKind: 'llm-app', kinds: ['llm-app'], frameworks: ['openai'], modelIds: [], datasets: [], ciSystems: [],
    manifest: 'requirements.txt', anchor: 'requirements.txt', aiEvidence: [], stage: 'pilot', score: 40, checks,
  };
  return { tool: { name: 'ai-preflight', version: '0' }, root, projects: [project], findings: [], notes: [], stats: { files: 0, filesRead: 0, bytesRead: 0, ms: 0 }, ...extra };
}

describe('server: scan → diagnostics', () => {
  const root = makeTree({ 'requirements.txt': 'openai==1.40.0\n', '.ai-preflight.yaml': 'stage: pilot\nrules:\n  ownership: loud\n', 'app.py': 'x = 1\n' });
  const manifest = pathToUri(path.join(root, 'requirements.txt'));

  it('anchors failing, incomplete and errored checks at the manifest (failing at their level, incomplete and errored as information); skips passing and off', () => {
    const diags = scanToDiagnostics(result(root, [
      check('ownership'),
      check('monitoring', { level: 'info' }),
      check('model-card', { status: 'pass', state: 'incomplete', level: 'error', missing: ['intended use'] }),
      check('ci', { status: 'pass', state: 'present' }),
      check('rollback', { level: 'off' }),
      check('guardrails', { status: 'skip', state: 'errored', level: 'error', error: 'boom' }),
    ]), pathToUri(root), diskLineLength());
    const list = diags.project.get(manifest)!;
    assert.deepStrictEqual(list.map((d) => [d.code, d.severity]), [['ownership', 2], ['monitoring', 3], ['model-card', 3], ['guardrails', 3]]);
    assert.deepStrictEqual(list[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'openai==1.40.0'.length } });
    assert.strictEqual(list[0].codeDescription?.href, 'https://example.test/docs#ownership');
    assert.strictEqual(list[0].source, 'AI Preflight');
    assert.match(String(list[2].message), /intended use/);
    assert.match(String(list[3].message), /boom/);
    assert.deepStrictEqual((list[0].data as { fixable: boolean }).fixable, true);
  });

  it('puts findings at their exact 0-based ranges and config errors at their line in the config file', () => {
    const diags = scanToDiagnostics(result(root, [], {
      findings: [{ ruleId: 'llm-client-timeout', severity: 'info', message: 'no timeout', file: 'app.py', line: 3, column: 4, endLine: 3, endColumn: 10 }],
      notes: [{ kind: 'config-error', message: 'must be one of off, info, warning, error', file: '.ai-preflight.yaml', line: 3, key: 'rules.ownership' }, { kind: 'skipped', message: 'binary', file: 'x.bin' }],
    }), pathToUri(root), diskLineLength());
    const [finding] = diags.findings.get(pathToUri(path.join(root, 'app.py')))!;
    assert.deepStrictEqual(finding.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 10 } });
    assert.strictEqual(finding.severity, 3);
    const [config] = diags.project.get(pathToUri(path.join(root, '.ai-preflight.yaml')))!;
    assert.strictEqual(config.range.start.line, 2);
    assert.strictEqual(config.range.end.character, '  ownership: loud'.length);
    assert.match(String(config.message), /rules\.ownership/);
    assert.strictEqual(diags.project.size, 1, 'skipped notes are not diagnostics');
  });

  it('does not repeat a violation check at the anchor when its findings are already shown', () => {
    const r = result(root, [check('hardcoded-secrets', { state: 'found', level: 'error' })], {
      findings: [{ ruleId: 'hardcoded-secrets', severity: 'error', message: 'key', file: 'app.py', line: 1, column: 0, endLine: 1, endColumn: 5, project: '.' }],
    });
    const diags = scanToDiagnostics(r, pathToUri(root), diskLineLength());
    assert.strictEqual(diags.project.get(manifest), undefined);
  });
});

describe('server: diagnostic store', () => {
  it('publishes only changed URIs, lets live findings replace scan findings, and clears what disappeared', () => {
    const sent: [string, number][] = [];
    const store = new DiagnosticStore((uri, d) => sent.push([uri, d.length]));
    const a = 'file:///w/a.py', m = 'file:///w/requirements.txt';
    const f = findingToDiagnostic({ ruleId: 'r', severity: 'warning', message: 'm', file: 'a.py', line: 1, column: 0, endLine: 1, endColumn: 1 });
    store.setScan('file:///w', { project: new Map([[m, [f, f]]]), findings: new Map([[a, [f]]]) });
    assert.deepStrictEqual(sent.sort(), [[a, 1], [m, 2]]);
    sent.length = 0;
    store.setScan('file:///w', { project: new Map([[m, [f, f]]]), findings: new Map([[a, [f]]]) });
    assert.deepStrictEqual(sent, [], 'identical scan publishes nothing');
    store.setLive(a, []);
    assert.deepStrictEqual(sent, [[a, 0]], 'live (empty) findings replace the scan ones');
    sent.length = 0;
    store.setScan('file:///w', undefined);
    assert.deepStrictEqual(sent, [[m, 0]], 'project diagnostics cleared; a never re-sent');
  });
});

describe('server: code actions', () => {
  const text = 'def f():\n    key = "abc"\n    return key\n';
  const doc = TextDocument.create('file:///w/app.py', 'python', 1, text);
  const finding = findingToDiagnostic({
    ruleId: 'hardcoded-secrets', severity: 'error', message: 'secret', file: 'app.py', line: 2, column: 10, endLine: 2, endColumn: 15,
    fix: { title: 'Read from the environment', edits: [{ line: 2, column: 10, endLine: 2, endColumn: 15, newText: 'os.environ["KEY"]' }] },
  });

  it('offers the finding fix (preferred), an indented suppress comment and explain', () => {
    const actions = codeActionsFor(
      { textDocument: { uri: doc.uri }, range: finding.range, context: { diagnostics: [finding] } },
      { doc, shown: [finding], docsUrlOf: () => 'https://example.test/docs#hardcoded-secrets' },
    );
    assert.deepStrictEqual(actions.map((a) => a.title), ['Read from the environment', 'Suppress hardcoded-secrets with comment', 'Explain hardcoded-secrets']);
    assert.strictEqual(actions[0].isPreferred, true);
    const [insert] = actions[1].edit!.changes![doc.uri];
    assert.match(insert.newText, /^ {4}# ai-preflight-ignore: hardcoded-secrets \S.*\n$/);
  });

  it('offers a lazily resolved scaffold for an absent check, and fix-all only when asked', () => {
    const r = result('/w', [check('ownership')]);
    const [diag] = scanToDiagnostics(r, 'file:///w', () => 0).project.get(pathToUri('/w/requirements.txt'))!;
    const actions = codeActionsFor({ textDocument: { uri: 'file:///w/requirements.txt' }, range: diag.range, context: { diagnostics: [diag] } }, { doc: undefined, shown: [diag], docsUrlOf: () => undefined });
    assert.strictEqual(actions[0].title, 'Scaffold ownership');
    assert.strictEqual(actions[0].edit, undefined);
    assert.deepStrictEqual(actions[0].data, { folder: 'file:///w', projectRoot: '.', checkId: 'ownership' });
    const fixAll = codeActionsFor({ textDocument: { uri: doc.uri }, range: finding.range, context: { diagnostics: [], only: ['source.fixAll'] } }, { doc, shown: [finding], docsUrlOf: () => undefined });
    assert.deepStrictEqual(fixAll.map((a) => a.kind), ['source.fixAll.aiPreflight']);
  });

  it('fix-all drops overlapping edits', () => {
    const mk = (line: number, column: number, endColumn: number) => findingToDiagnostic({
      ruleId: 'r', severity: 'info', message: 'm', file: 'a', line, column, endLine: line, endColumn, fix: { title: 't', edits: [{ line, column, endLine: line, endColumn, newText: 'x' }] },
    });
    const edits = fixAllEdits([mk(1, 5, 9), mk(1, 0, 6), mk(2, 0, 1)]);
    assert.deepStrictEqual(edits.map((e) => [e.range.start.line, e.range.start.character]), [[0, 0], [1, 0]]);
  });
});

describe('server: suppression comments and settings', () => {
  it('uses # or // by file type and nothing where comments are impossible', () => {
    assert.strictEqual(commentLeader('/a/b.py'), '#');
    assert.strictEqual(commentLeader('/a/.env.local'), '#');
    assert.strictEqual(commentLeader('/a/b.tsx'), '//');
    assert.strictEqual(commentLeader('/a/b.json'), undefined);
    const doc = TextDocument.create('file:///a.ts', 'typescript', 1, 'a;\r\n\tconst k = 1;\r\n');
    assert.strictEqual(suppressionEdit(doc, '/a.ts', 1, 'r')!.newText.slice(0, 30), '\t// ai-preflight-ignore: r TOD');
    assert.ok(suppressionEdit(doc, '/a.ts', 1, 'r')!.newText.endsWith('\r\n'));
    assert.strictEqual(suppressionEdit(doc, '/a.json', 0, 'r'), undefined);
  });

  it('normalises hand-edited settings instead of failing', () => {
    assert.deepStrictEqual(normalizeSettings({ enable: 'yes', stage: 'prod', rules: { a: 'error', b: 'loud', c: 3 }, exclude: ['x/**', 4, ''] }),
      { enable: true, stage: null, rules: { a: 'error' }, exclude: ['x/**'] });
    assert.deepStrictEqual(normalizeSettings(null), { enable: true, stage: null, rules: {}, exclude: [] });
    assert.strictEqual(normalizeSettings({ enable: false, stage: 'production' }).stage, 'production');
  });

  it('reads line lengths from disk safely (missing file → 0)', () => {
    const len = diskLineLength();
    assert.strictEqual(len('/definitely/not/here', 0), 0);
    const dir = makeTree({ 'a.txt': 'hello\nworld!\n' });
    assert.strictEqual(len(path.join(dir, 'a.txt'), 1), 6);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
