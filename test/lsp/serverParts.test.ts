// Unit tests of the server's pure parts: engine results → diagnostics, the publish-only-changes store,
// code actions, suppression comments and settings normalisation. No process, no engine.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckResult, Project, ScanResult } from '../../server/src/engine/types';
import { codeActionsFor, fixAllEdits } from '../../server/src/server/codeActions';
import { diskLineLength, findingToDiagnostic, scanToDiagnostics } from '../../server/src/server/diagnostics';
import { DiagnosticStore } from '../../server/src/server/diagnosticStore';
import { pathToUri } from '../../server/src/server/paths';
import { normalizeSettings } from '../../server/src/server/settings';
import { applySuppressions } from '../../server/src/engine/findings/suppress';
import { commentLeader, REASON_PLACEHOLDER, suppressionEdit } from '../../server/src/server/suppress';
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
    const fixAllOf = (shown: Diagnostic[]) => codeActionsFor({ textDocument: { uri: doc.uri }, range: finding.range, context: { diagnostics: [], only: ['source.fixAll'] } }, { doc, shown, docsUrlOf: () => undefined });
    assert.deepStrictEqual(fixAllOf([timeoutFinding(1, 0)]).map((a) => a.kind), ['source.fixAll.aiPreflight']);
    assert.deepStrictEqual(fixAllOf([finding]), [], 'a secret fix alone gives no fix-all');
  });

  // A bulk-safe fix: adding the missing timeout (an insertion).
  const timeoutFinding = (line: number, column: number, newText = ', timeout=60') => findingToDiagnostic({
    ruleId: 'llm-client-timeout', severity: 'warning', message: 'm', file: 'a', line, column, endLine: line, endColumn: column,
    fix: { title: 'Add timeout=60', edits: [{ line, column, endLine: line, endColumn: column, newText }] },
  });

  it('fix-all drops overlapping edits', () => {
    // Built by hand: today's bulk-safe fixes only insert, but a future one may replace.
    const mk = (line: number, column: number, endColumn: number): Diagnostic => ({
      range: { start: { line, character: column }, end: { line, character: endColumn } }, message: 'm',
      data: { kind: 'finding', ruleId: 'r', fixInBulk: true, fixEdits: [{ range: { start: { line, character: column }, end: { line, character: endColumn } }, newText: 'x' }] },
    });
    const edits = fixAllEdits([mk(0, 5, 9), mk(0, 0, 6), mk(1, 0, 1)]);
    assert.deepStrictEqual(edits.map((e) => [e.range.start.line, e.range.start.character]), [[0, 0], [1, 0]]);
  });

  it('fix-all takes an edit that several fixes share (the same import) once', () => {
    const withImport = (line: number) => findingToDiagnostic({
      ruleId: 'llm-client-timeout', severity: 'warning', message: 'm', file: 'a.py', line, column: 10, endLine: line, endColumn: 10,
      fix: { title: 'Add timeout=60', edits: [{ line: 1, column: 0, endLine: 1, endColumn: 0, newText: 'import os\n' }, { line, column: 10, endLine: line, endColumn: 10, newText: ', timeout=60' }] },
    });
    const edits = fixAllEdits([withImport(3), withImport(5)]);
    assert.deepStrictEqual(edits.map((e) => e.newText), ['import os\n', ', timeout=60', ', timeout=60']);
    const text = 'x = 1\n\nclient = A(k)\n\nother = B(k)\n';
    const doc2 = TextDocument.create('file:///w/a.py', 'python', 1, text);
    assert.strictEqual(TextDocument.applyEdits(doc2, edits).match(/import os/g)?.length, 1, 'one import os');
  });

  it('fix-all carries only fixes that are safe in bulk: added timeouts, not secrets, weights_only or a replaced timeout=None', () => {
    const secretFix = findingToDiagnostic({
      ruleId: 'hardcoded-secrets', severity: 'error', message: 's', file: 'a.py', line: 4, column: 6, endLine: 4, endColumn: 20,
      fix: { title: 'Read the secret from the environment', edits: [{ line: 1, column: 0, endLine: 1, endColumn: 0, newText: 'import os\n' }, { line: 4, column: 5, endLine: 4, endColumn: 21, newText: 'os.environ["K"]' }] },
    });
    const weightsOnly = findingToDiagnostic({
      ruleId: 'unsafe-deserialization', severity: 'warning', message: 'w', file: 'a.py', line: 6, column: 0, endLine: 6, endColumn: 20,
      fix: { title: 'Add weights_only=True', edits: [{ line: 6, column: 18, endLine: 6, endColumn: 18, newText: ', weights_only=True' }] },
    });
    const timeoutNone = findingToDiagnostic({
      ruleId: 'llm-client-timeout', severity: 'warning', message: 'n', file: 'a.py', line: 8, column: 0, endLine: 8, endColumn: 30,
      fix: { title: 'Set timeout=60', edits: [{ line: 8, column: 20, endLine: 8, endColumn: 24, newText: '60' }] },
    });
    const added = timeoutFinding(10, 12);
    for (const d of [secretFix, weightsOnly, timeoutNone]) assert.strictEqual((d.data as { fixInBulk?: true }).fixInBulk, undefined);
    assert.strictEqual((added.data as { fixInBulk?: true }).fixInBulk, true);
    assert.deepStrictEqual(fixAllEdits([secretFix, weightsOnly, timeoutNone, added]).map((e) => [e.range.start.line, e.newText]), [[9, ', timeout=60']]);
    // Each keeps its own quick fix.
    const quick = codeActionsFor({ textDocument: { uri: doc.uri }, range: secretFix.range, context: { diagnostics: [secretFix, weightsOnly, timeoutNone] } }, { doc: undefined, shown: [], docsUrlOf: () => undefined });
    assert.deepStrictEqual(quick.filter((a) => a.edit).map((a) => a.title), ['Read the secret from the environment', 'Add weights_only=True', 'Set timeout=60']);
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

  it('the one-click suppression hides the finding but its placeholder reason is reported until someone writes one', () => {
    const secret = { ruleId: 'hardcoded-secrets', severity: 'error' as const, message: 's', file: 'a.py', line: 2, column: 6, endLine: 2, endColumn: 20 };
    const doc = TextDocument.create('file:///w/a.py', 'python', 1, 'def f():\n    k = "abc"\n');
    const text = TextDocument.applyEdits(doc, [suppressionEdit(doc, '/w/a.py', 1, 'hardcoded-secrets')!]);
    const placeholder = applySuppressions('a.py', text, [secret]);
    assert.deepStrictEqual(placeholder.map((f) => [f.ruleId, f.line, f.severity]), [['suppression-without-reason', 2, 'info']], 'secret hidden, reason still owed');
    assert.match(placeholder[0].message, /no reason yet .*placeholder/);
    assert.ok(text.includes(REASON_PLACEHOLDER));
    const reasoned = text.replace(REASON_PLACEHOLDER, 'test fixture, the key was never issued');
    assert.deepStrictEqual(applySuppressions('a.py', reasoned, [secret]), [], 'a written reason settles it');
    assert.strictEqual(applySuppressions('a.py', text.replace(REASON_PLACEHOLDER, 'todo'), [secret])[0]?.ruleId, 'suppression-without-reason');
    assert.deepStrictEqual(applySuppressions('a.py', text.replace(REASON_PLACEHOLDER, 'TODOs are tracked in JIRA-12'), [secret]), [], 'only a TODO word counts as a placeholder');
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
