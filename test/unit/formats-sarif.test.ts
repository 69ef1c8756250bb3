import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { toSarif } from '../../server/src/engine/report/sarif';
import type { ScanResult } from '../../server/src/engine/types';
import { fixturePath, repoRoot } from '../helpers';
import { fakeOpenAiKey, LLM_BASE, runCli, tempTree } from './engine-support.test';
import { emptyResult, evilResult, singleProjectResult, workspaceResult } from '../fixtures/report/scan-results';

// The official SARIF 2.1.0 schema as shipped by Microsoft's @microsoft/jest-sarif (dev dependency).
// It is draft-04: ajv 8 reads it once the draft-04 `id` is dropped (it uses no other draft-04-only keyword).
const schemaPath = path.join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
delete schema.id;
delete schema.$schema;
// unicodeRegExp off: one pattern in the official schema (language) is not valid with the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
ajv.addFormat('uri', (s: string) => { try { new URL(s); return true; } catch { return false; } });
ajv.addFormat('uri-reference', (s: string) => !/[\s<>"{}|\\^`]/.test(s));
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const sarifOf = (r: ScanResult): Json => JSON.parse(JSON.stringify(toSarif(r)));

describe('formats: SARIF 2.1.0', () => {
  const fixtures: [string, () => ScanResult][] = [['workspace', workspaceResult], ['single', singleProjectResult], ['evil', evilResult], ['empty', emptyResult]];
  for (const [name, make] of fixtures) {
    it(`validates against the SARIF 2.1.0 schema (${name})`, () => {
      const doc = sarifOf(make());
      assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    });
  }

  it('the schema check is real: a broken log is rejected', () => {
    const doc = sarifOf(workspaceResult());
    doc.runs[0].results[0].level = 'fatal';
    assert.strictEqual(validate(doc), false);
  });

  it('describes every rule for GitHub (name, descriptions, help, level, tags)', () => {
    const run = sarifOf(workspaceResult()).runs[0];
    assert.strictEqual(run.tool.driver.name, 'ai-preflight');
    assert.strictEqual(run.tool.driver.version, '0.1.0');
    const ids = run.tool.driver.rules.map((r: Json) => r.id);
    for (const id of ['ownership', 'hardcoded-secrets', 'dpia', 'trust-remote-code', 'local-absolute-path']) assert.ok(ids.includes(id), id);
    for (const r of run.tool.driver.rules) {
      assert.ok(r.name && r.shortDescription.text && r.fullDescription.text && r.help.text, r.id);
      assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level), r.id);
      assert.ok(Array.isArray(r.properties.tags) && r.properties.tags.length > 0, r.id);
    }
    const secrets = run.tool.driver.rules.find((r: Json) => r.id === 'hardcoded-secrets');
    assert.strictEqual(secrets.name, 'HardcodedSecrets');
    assert.strictEqual(secrets.helpUri, 'https://github.com/ai-preflight/ai-preflight#hardcoded-secrets');
    assert.strictEqual(secrets.defaultConfiguration.level, 'error');
    assert.ok(secrets.properties.tags.includes('security'));
    assert.ok(Number(secrets.properties['security-severity']) > 7);
    assert.strictEqual(run.tool.driver.rules.find((r: Json) => r.id === 'dpia').helpUri, undefined);
    // ruleIndex points at the rule
    for (const res of run.results) assert.strictEqual(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
  });

  it('places code findings at their exact 1-based region under %SRCROOT%', () => {
    const run = sarifOf(workspaceResult()).runs[0];
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/\/.*\/acme-ai\/$/);
    const secret = run.results.find((r: Json) => r.ruleId === 'hardcoded-secrets');
    const loc = secret.locations[0].physicalLocation;
    assert.deepStrictEqual(loc.artifactLocation, { uri: 'services/rag/app.py', uriBaseId: '%SRCROOT%' });
    assert.deepStrictEqual(loc.region, { startLine: 12, startColumn: 18, endLine: 12, endColumn: 69 });
    assert.strictEqual(secret.level, 'error');
    assert.ok(secret.message.text.includes('sk-proj-…9xQ'));
    const info = run.results.find((r: Json) => r.ruleId === 'llm-client-timeout');
    assert.strictEqual(info.level, 'note');
  });

  it('reports failing project-level checks at the project anchor, line 1, without repeating exact findings', () => {
    const run = sarifOf(workspaceResult()).runs[0];
    const projectLevel = run.results.filter((r: Json) => r.properties?.pillar);
    const keys = projectLevel.map((r: Json) => `${r.properties.project}:${r.ruleId}`).sort();
    assert.deepStrictEqual(keys, [
      'ml/churn:business-metric', 'ml/churn:eval-pipeline', 'ml/churn:human-fallback', 'ml/churn:monitoring',
      'research/vision:business-metric', 'research/vision:dpia', 'research/vision:ownership', 'research/vision:tests',
      'services/rag:data-contract', 'services/rag:human-fallback', 'services/rag:pinned-dependencies', 'services/rag:rollback',
    ]);
    const r = projectLevel.find((x: Json) => x.ruleId === 'data-contract');
    assert.deepStrictEqual(r.locations[0].physicalLocation, { artifactLocation: { uri: 'services/rag/pyproject.toml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } });
    assert.strictEqual(r.level, 'warning');
    assert.match(r.message.text, /rag-service/);
  });

  it('gives every result a stable partial fingerprint, unique within the run', () => {
    const a = sarifOf(workspaceResult()).runs[0].results;
    const moved = workspaceResult();
    moved.findings[0].line += 5; // code moved: same finding
    const b = sarifOf(moved).runs[0].results;
    const fp = (rs: Json[]) => rs.map((r) => r.partialFingerprints['aiPreflight/v1']);
    assert.strictEqual(new Set(fp(a)).size, a.length);
    assert.deepStrictEqual(fp(a).sort(), fp(b).sort());
  });

  it('reports skipped and broken files as invocation notifications', () => {
    const inv = sarifOf(workspaceResult()).runs[0].invocations[0];
    assert.strictEqual(inv.executionSuccessful, true);
    const exec = inv.toolExecutionNotifications;
    assert.deepStrictEqual(exec.map((n: Json) => [n.descriptor.id, n.level]), [['skipped', 'note'], ['parse-error', 'warning']]);
    assert.strictEqual(exec[0].locations[0].physicalLocation.artifactLocation.uri, 'data/raw/huge.parquet');
    assert.deepStrictEqual(exec[1].locations[0].physicalLocation.region, { startLine: 3 });
    assert.match(inv.toolConfigurationNotifications[0].message.text, /rules\.monitoring\.severity/);
  });

  it('percent-encodes odd file names into valid URI references', () => {
    const run = sarifOf(evilResult()).runs[0];
    const uris: string[] = run.results.map((r: Json) => r.locations[0].physicalLocation.artifactLocation.uri);
    for (const u of uris) assert.ok(!/[<>"\s]/.test(u), u);
    assert.ok(uris.includes('javascript%3Aalert%286%29'));
    assert.ok(uris.some((u) => u.startsWith('apps/%3Cb%3Ex%3C/b%3E/%3Cscript%3E')));
  });
});

describe('formats: SARIF from the CLI on scanned trees', function () {
  this.timeout(60_000);
  for (const dir of ['llm-app', 'classic-ml', 'deep-learning', 'monorepo', 'not-ai/webapp']) {
    it(`${dir}: \`scan --format sarif\` validates against the SARIF 2.1.0 schema`, () => {
      const r = runCli(['scan', fixturePath('projects', dir), '--format', 'sarif', '--fail-on', 'never']);
      assert.strictEqual(r.status, 0, r.stderr);
      const doc: Json = JSON.parse(r.stdout);
      assert.ok(validate(doc as object), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      if (!dir.startsWith('not-ai')) assert.ok(doc.runs[0].results.length > 0, 'an AI fixture has failing checks to report');
    });
  }

  it('a tree with a committed secret and a code finding: valid, with both results at their lines', () => {
    const key = fakeOpenAiKey();
    const root = tempTree({ ...LLM_BASE, 'app/settings.py': `OPENAI_API_KEY = "${key}"\n`, 'app/load.py': 'import torch\n\nstate = torch.load(path)\n' });
    try {
      const r = runCli(['scan', root, '--format', 'sarif', '--fail-on', 'never']);
      const doc: Json = JSON.parse(r.stdout);
      assert.ok(validate(doc as object), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      const results: Json[] = doc.runs[0].results;
      const secret = results.find((x) => x.ruleId === 'hardcoded-secrets' && x.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'app/settings.py');
      assert.ok(secret, 'the secret is a result');
      assert.strictEqual(secret.locations[0].physicalLocation.region.startLine, 1);
      assert.ok(!r.stdout.includes(key), 'the key is never in the SARIF in full');
      assert.ok(results.some((x) => x.ruleId === 'unsafe-deserialization' && x.locations[0].physicalLocation.region.startLine === 3));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
