// The bundled CLI (dist/cli.js): exit codes 0/1/2 with --fail-on, --stage, --output, explain for every
// check, usage errors without stack traces, and contract-v1 JSON for every fixture project.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { fixturePath, makeTempDir, repoRoot } from '../helpers';
import { fakeOpenAiKey, LLM_BASE, runCli, tempTree } from './engine-support.test';

const LLM_APP = fixturePath('projects', 'llm-app');
const STACK_TRACE = /\n\s+at .+(:\d+:\d+|\(native\))/;
const CHECK_IDS: string[] = parseYaml(fs.readFileSync(path.join(repoRoot, 'rules', 'checks', 'index.yaml'), 'utf8')).order;

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'rules', 'schema', 'contract-v1.schema.json'), 'utf8'));
const validateContract = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function scanJson(dir: string, extra: string[] = []): { status: number | null; json: any; stderr: string } {
  const r = runCli(['scan', dir, '--format', 'json', ...extra]);
  return { status: r.status, json: JSON.parse(r.stdout), stderr: r.stderr };
}

describe('CLI: exit codes', function () {
  this.timeout(60_000);

  it('llm-app at pilot: warnings only, so 0 with the default --fail-on error', () => {
    const r = runCli(['scan', LLM_APP]);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /ticket-triage/);
  });

  it('--fail-on warning and --fail-on info turn the same warnings into 1; never stays 0', () => {
    assert.strictEqual(runCli(['scan', LLM_APP, '--fail-on', 'warning']).status, 1);
    assert.strictEqual(runCli(['scan', LLM_APP, '--fail-on', 'info']).status, 1);
    assert.strictEqual(runCli(['scan', LLM_APP, '--fail-on', 'never', '--stage', 'production']).status, 0);
  });

  it('--stage production makes the missing artifacts errors: exit 1', () => {
    const { status, json } = scanJson(LLM_APP, ['--stage', 'production']);
    assert.strictEqual(status, 1);
    assert.strictEqual(json.projects[0].stage, 'production');
    assert.strictEqual(json.projects[0].checks.find((c: { id: string }) => c.id === 'monitoring').level, 'error');
  });

  it('--stage poc: everything is info, so 0 even with --fail-on warning', () => {
    const { status, json } = scanJson(LLM_APP, ['--stage', 'poc', '--fail-on', 'warning']);
    assert.strictEqual(status, 0);
    assert.ok(json.projects[0].checks.every((c: { id: string; level: string }) => c.id === 'hardcoded-secrets' || c.level === 'info'));
  });

  it('a committed secret is an error: exit 1 by default, 0 with --fail-on never', () => {
    const dir = tempTree({ ...LLM_BASE, 'app/settings.py': `KEY = "${fakeOpenAiKey()}"\n` });
    assert.strictEqual(runCli(['scan', dir]).status, 1);
    assert.strictEqual(runCli(['scan', dir, '--fail-on', 'never']).status, 0);
  });

  it('a non-AI repository exits 0 even with --fail-on info, and says so', () => {
    const r = runCli(['scan', fixturePath('projects', 'not-ai', 'mlops-handbook'), '--fail-on', 'info']);
    assert.strictEqual(r.status, 0);
    assert.match(r.stdout, /no AI/i);
  });

  it('a configuration error exits 2 (after printing the report), with the file and line in the output', () => {
    const dir = tempTree({ ...LLM_BASE, '.ai-preflight.yaml': 'stage: pilot\nrules:\n  model-card: sometimes\n' });
    const r = runCli(['scan', dir, '--format', 'json', '--fail-on', 'never']);
    assert.strictEqual(r.status, 2);
    const note = JSON.parse(r.stdout).notes.find((n: { kind: string }) => n.kind === 'config-error');
    assert.deepStrictEqual([note.file, note.line, note.key], ['.ai-preflight.yaml', 3, 'rules.model-card']);
    assert.strictEqual(runCli(['scan', dir]).status, 2);
  });
});

describe('CLI: usage errors', function () {
  this.timeout(30_000);
  const cases: [string, string[], RegExp][] = [
    ['unknown command', ['scna', '.'], /unknown command "scna"/],
    ['unknown option', ['scan', '.', '--frobnicate'], /frobnicate/],
    ['bad --format', ['scan', '.', '--format', 'xml'], /--format must be one of/],
    ['bad --stage', ['scan', '.', '--stage', 'prod'], /--stage must be one of/],
    ['bad --fail-on', ['scan', '.', '--fail-on', 'warn'], /--fail-on must be one of/],
    ['missing folder', ['scan', '/definitely/not/here'], /no such folder/],
    ['a file instead of a folder', ['scan', path.join(LLM_APP, 'README.md')], /not a folder/],
    ['two folders', ['scan', LLM_APP, LLM_APP], /one folder/],
    ['explain without an id', ['explain'], /explain takes one check id/],
    ['explain of an unknown check', ['explain', 'no-such-check'], /unknown check "no-such-check"/],
    ['no command at all', [], /Usage:/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: exit 2, a sentence, no stack trace`, () => {
      const r = runCli(args);
      assert.strictEqual(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stdout + r.stderr, message);
      assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE);
      assert.doesNotMatch(r.stderr, /internal error/);
    });
  }

  it('--version and --help exit 0', () => {
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+/);
    const help = runCli(['--help']);
    assert.strictEqual(help.status, 0);
    assert.match(help.stdout, /ai-preflight scan \[dir\]/);
  });
});

describe('CLI: --output', function () {
  this.timeout(30_000);
  it('writes the report to the file, nothing on stdout, and the exit code is unchanged', () => {
    const out = path.join(makeTempDir('aipf-out-'), 'report.json');
    try {
      const r = runCli(['scan', LLM_APP, '--format', 'json', '--output', out, '--fail-on', 'warning']);
      assert.strictEqual(r.status, 1);
      assert.strictEqual(r.stdout, '');
      assert.match(r.stderr, /Wrote json report to/);
      const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.ok(validateContract(doc as object), JSON.stringify(validateContract.errors));
      assert.strictEqual(doc.projects[0].root, '.');
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });

  for (const format of ['html', 'markdown'] as const) {
    it(`${format} written outside the scanned folder: every evidence link still reaches its file`, () => {
      const out = path.join(makeTempDir('aipf-out-'), 'reports', `report.${format === 'html' ? 'html' : 'md'}`);
      try {
        fs.mkdirSync(path.dirname(out));
        assert.strictEqual(runCli(['scan', LLM_APP, '--format', format, '--output', out]).status, 0);
        const text = fs.readFileSync(out, 'utf8');
        const hrefs = format === 'html'
          ? [...text.matchAll(/class="path-link" href="([^"]+)"/g)].map((m) => m[1])
          : [...text.matchAll(/\]\(([^)#]+)(?:#L\d+)?\)/g)].map((m) => m[1]).filter((h) => !/^https?:/.test(h));
        assert.ok(hrefs.length >= 1, `no evidence link in the ${format} report`);
        for (const href of hrefs) {
          const target = path.resolve(path.dirname(out), decodeURIComponent(href.replace(/#.*$/, '')));
          assert.ok(fs.existsSync(target), `${href} from ${out} does not reach a file`);
          assert.ok(target.startsWith(LLM_APP), `${href} leads outside the project: ${target}`);
        }
      } finally {
        fs.rmSync(path.dirname(path.dirname(out)), { recursive: true, force: true });
      }
    });
  }

  it('an unwritable --output path is exit 2 with a sentence', () => {
    const r = runCli(['scan', LLM_APP, '--output', '/definitely/not/here/report.txt']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /cannot write/);
    assert.doesNotMatch(r.stderr, STACK_TRACE);
  });
});

describe('CLI: explain', function () {
  this.timeout(60_000);
  it('the catalogue has the 13 checks of SPEC §5', () => assert.strictEqual(CHECK_IDS.length, 13));
  for (const id of CHECK_IDS) {
    it(`explain ${id}: why, what counts, how to fix, docs link`, () => {
      const r = runCli(['explain', id]);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.ok(r.stdout.startsWith(`${id}: `), r.stdout.slice(0, 80));
      for (const section of ['Severity by stage:', 'Why it matters:', 'What counts:', 'How to fix:', 'Docs: ']) assert.ok(r.stdout.includes(section), `${id} lacks ${section}`);
      assert.match(r.stdout, new RegExp(`#${id}\\b`), 'docs anchor of the check');
    });
  }
});

describe('CLI: JSON contract v1 for every fixture project', function () {
  this.timeout(60_000);
  const dirs = ['llm-app', 'classic-ml', 'deep-learning', 'monorepo', 'not-ai/webapp', 'not-ai/dbt-models', 'not-ai/mlops-handbook'];
  for (const dir of dirs) {
    it(`${dir}: validates against rules/schema/contract-v1.schema.json, paths relative with /`, () => {
      const { status, json } = scanJson(fixturePath('projects', dir), ['--fail-on', 'never']);
      assert.strictEqual(status, 0);
      assert.ok(validateContract(json as object), JSON.stringify(validateContract.errors, null, 1));
      const paths = [
        ...json.projects.flatMap((p: { root: string; checks: { evidence: string[] }[] }) => [p.root, ...p.checks.flatMap((c) => c.evidence)]),
        ...json.findings.map((f: { file: string }) => f.file),
      ];
      for (const p of paths) assert.ok(!path.isAbsolute(p) && !p.includes('\\') && !p.startsWith('../'), p);
      if (dir.startsWith('not-ai')) assert.deepStrictEqual([json.projects, json.findings], [[], []]);
      else for (const p of json.projects) assert.deepStrictEqual(p.checks.map((c: { id: string }) => c.id), CHECK_IDS);
    });
  }
});
