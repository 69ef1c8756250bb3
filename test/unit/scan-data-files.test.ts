// The workspace scan runs the code rules on YAML, JSON and .env files of an AI project, through the same
// path as the editor (checkCode): the CLI's JSON reports them at 1-based lines, and data that only looks like
// configuration (lock files, API specs, translations, records, eval suites, templates, big files) is not read.
import * as assert from 'assert';
import { checkDocument } from '../../server/src/engine/scan';
import { LLM_BASE, runCli, tempTree } from './engine-support.test';
import type { Finding } from '../../server/src/engine/types';

const CONFIG_YAML = [
  '# model: gpt-4o is only a comment here',         // 1
  'llm:',                                            // 2
  '  model: gpt-4o',                                 // 3  unpinned (moving alias)
  '  description: "gpt-4o answers the questions"',   // 4  not a model key
  'encoder:',                                        // 5
  '  model_name_or_path: acme/encoder',              // 6  unpinned (hub id, no revision)
  '  trust_remote_code: true',                       // 7  trust
  'paths:',                                          // 8
  '  cache: /Users/gina/cache',                      // 9  local path
  '',
].join('\n');

const SETTINGS_JSON = [
  '{',                                               // 1
  '  "name": "helpdesk",',                           // 2
  '  "chat": {',                                     // 3
  '    "model": "gpt-4o-mini",',                     // 4  unpinned
  '    "fallback_model": "gpt-4o-mini-2024-07-18"',  // 5  a dated snapshot
  '  }',
  '}',
  '',
].join('\n');

const ENV = ['# OPENAI_MODEL=gpt-4o', 'OPENAI_MODEL=gpt-4o', 'TRUST_REMOTE_CODE=true', ''].join('\n');

const MODEL_RECORD = '{ "model": "gpt-4o", "trust_remote_code": true, "path": "/Users/gina/x" }';
const LOOK_ALIKES: Record<string, string> = {
  'package-lock.json': `{ "name": "x", "packages": { "": ${MODEL_RECORD} } }\n`,
  'locales/en.json': `{ "model": "gpt-4o" }\n`,
  'openapi.yaml': 'openapi: 3.0.0\ncomponents:\n  schemas:\n    Chat:\n      example:\n        model: gpt-4o\n',
  'results/run-3.json': `{ "run": ${MODEL_RECORD} }\n`,
  'evals/suite.yaml': 'providers:\n  model: gpt-4o\n',
  'data/records.json': `{ "rows": [${MODEL_RECORD}] }\n`,
  'app/prices.json': `[${MODEL_RECORD}, ${MODEL_RECORD}]\n`,
  'app/issues.json': '{ "body": "It fails on my laptop:\\n  File /Users/gina/app/x.py, line 3" }\n',
  '.env.example': 'OPENAI_MODEL=gpt-4o\n',
  'app/big.json': `{ "model": "gpt-4o", "rows": [${'1,'.repeat(150_000)}1] }\n`,
};

const tree = () => tempTree({ ...LLM_BASE, 'config/app.yaml': CONFIG_YAML, 'config/settings.json': SETTINGS_JSON, '.env': ENV, ...LOOK_ALIKES });
const CODE_RULES = new Set(['unpinned-model-version', 'trust-remote-code', 'local-absolute-path', 'llm-client-timeout']);
const where = (findings: Pick<Finding, 'file' | 'line' | 'ruleId'>[]) =>
  findings.filter((f) => CODE_RULES.has(f.ruleId)).map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort();

describe('scan: code rules in YAML, JSON and .env files', () => {
  let root: string;
  let fromCli: Finding[];
  before(() => {
    root = tree();
    const run = runCli(['scan', root, '--format', 'json', '--fail-on', 'never']);
    assert.strictEqual(run.status, 0, run.stderr);
    fromCli = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
  });

  it('the CLI JSON reports them at their 1-based lines, and nothing in the look-alikes', () => {
    assert.deepStrictEqual(where(fromCli), [
      '.env:2:unpinned-model-version',
      '.env:3:trust-remote-code',
      'config/app.yaml:3:unpinned-model-version',
      'config/app.yaml:6:unpinned-model-version',
      'config/app.yaml:7:trust-remote-code',
      'config/app.yaml:9:local-absolute-path',
      'config/settings.json:4:unpinned-model-version',
    ]);
  });

  it('the editor gets the same findings for each file (one code path)', async () => {
    for (const [file, text] of Object.entries({ 'config/app.yaml': CONFIG_YAML, 'config/settings.json': SETTINGS_JSON, '.env': ENV, ...LOOK_ALIKES })) {
      const live = await checkDocument(root, file, text);
      assert.deepStrictEqual(where(live), where(fromCli.filter((f) => f.file === file)), file);
    }
  });
});
