// .ai-preflight.yaml: stages (SPEC §6 table), rule levels, evidence globs, external, custom rules, nested
// configs, and invalid configs reported as notes naming file, key and line.
import * as assert from 'assert';
import type { Level, Note, Stage } from '../../server/src/engine/types';
import { assertCheck, checkOf, LLM_BASE, ML_BASE, projectAt, scanTree, show } from './engine-support.test';

/** SPEC §6, copied by hand from the spec (not from the rule YAML) so a drift in either shows. */
const SPEC_LEVELS: Record<string, [Level, Level, Level]> = {
  'hardcoded-secrets': ['error', 'error', 'error'],
  ownership: ['info', 'warning', 'error'],
  'eval-pipeline': ['info', 'warning', 'error'],
  tests: ['info', 'warning', 'error'],
  'business-metric': ['info', 'warning', 'error'],
  ci: ['info', 'warning', 'error'],
  'pinned-dependencies': ['info', 'warning', 'error'],
  'data-contract': ['info', 'warning', 'error'],
  guardrails: ['info', 'warning', 'error'],
  monitoring: ['info', 'info', 'error'],
  rollback: ['info', 'info', 'error'],
  'model-card': ['info', 'info', 'warning'],
  'human-fallback': ['info', 'info', 'warning'],
};
const STAGE_INDEX: Record<Stage, number> = { poc: 0, pilot: 1, production: 2 };

const configNotes = (notes: Note[]) => notes.filter((n) => n.kind === 'config-error');

describe('config: stages and levels', () => {
  for (const stage of ['poc', 'pilot', 'production'] as Stage[]) {
    it(`stage: ${stage} in .ai-preflight.yaml gives the SPEC §6 level of every check`, async () => {
      const result = await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': `stage: ${stage}\n` });
      const p = projectAt(result);
      assert.strictEqual(p.stage, stage);
      const got = Object.fromEntries(p.checks.map((c) => [c.id, c.level]));
      const want = Object.fromEntries(Object.entries(SPEC_LEVELS).map(([id, levels]) => [id, levels[STAGE_INDEX[stage]]]));
      assert.deepStrictEqual(got, want);
    });
  }

  it('the stage defaults to pilot', async () => {
    const p = projectAt(await scanTree(LLM_BASE));
    assert.strictEqual(p.stage, 'pilot');
    assert.strictEqual(checkOf(await scanTree(LLM_BASE), 'monitoring').level, 'info');
  });

  it('the stage option (CLI --stage, editor setting) overrides the file', async () => {
    const result = await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': 'stage: poc\n' }, { stage: 'production' });
    assert.strictEqual(projectAt(result).stage, 'production');
    assert.strictEqual(checkOf(result, 'monitoring').level, 'error');
  });

  it('code-level findings follow the stage too (llm-client-timeout: info at pilot, warning in production)', async () => {
    const files = { ...LLM_BASE, 'app/bot.py': 'from openai import OpenAI\n\nclient = OpenAI()\n' };
    const pilot = await scanTree(files);
    const production = await scanTree({ ...files, '.ai-preflight.yaml': 'stage: production\n' });
    const sev = (r: typeof pilot) => r.findings.find((f) => f.ruleId === 'llm-client-timeout')?.severity;
    assert.strictEqual(sev(pilot), 'info');
    assert.strictEqual(sev(production), 'warning');
  });
});

describe('config: rules', () => {
  it('`model-card: off` turns the check off (skip / off)', async () => {
    const c = assertCheck(await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': 'rules:\n  model-card: off\n' }), 'model-card', { status: 'skip', state: 'off' });
    assert.strictEqual(c.level, 'off');
  });

  it('a level string and `severity:` both override the stage level', async () => {
    const result = await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': 'stage: pilot\nrules:\n  monitoring:\n    severity: error\n  tests: info\n' });
    assert.strictEqual(checkOf(result, 'monitoring').level, 'error');
    assert.strictEqual(checkOf(result, 'tests').level, 'info');
    assert.strictEqual(checkOf(result, 'rollback').level, 'info', 'other rules keep the stage level');
  });

  it('`evidence:` globs point a check at where the artifact lives', async () => {
    const tree = { ...LLM_BASE, 'infra/datadog/monitors.tf': 'resource "datadog_synthetics_test" "bot" {\n  name = "helpdesk-bot"\n}\n' };
    assertCheck(await scanTree(tree), 'monitoring', { status: 'fail', state: 'absent' });
    const c = assertCheck(await scanTree({ ...tree, '.ai-preflight.yaml': 'rules:\n  monitoring:\n    evidence: ["infra/datadog/**/*.tf"]\n' }), 'monitoring', { status: 'pass', state: 'present' });
    assert.deepStrictEqual(c.evidence.map((e) => e.file), ['infra/datadog/monitors.tf']);
  });

  it('an `evidence:` glob that matches nothing does not pass the check', async () => {
    assertCheck(await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': 'rules:\n  monitoring:\n    evidence: ["infra/**/*.tf"]\n' }), 'monitoring', { status: 'fail', state: 'absent' });
  });

  it('`external:` is reported as declared (skip), never as pass, with its text', async () => {
    const text = 'Rollback via Argo Rollouts, runbook in the platform wiki (owner: @ml-platform)';
    const c = assertCheck(await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': `rules:\n  rollback:\n    external: "${text}"\n` }), 'rollback', { status: 'skip', state: 'declared' });
    assert.strictEqual(c.external, text);
    assert.ok(c.message.includes(text) && /not verified/.test(c.message), c.message);
  });
});

const DPIA_RULE = [
  'custom:',
  '  - id: dpia',
  '    title: Data protection impact assessment',
  '    pillar: trust',
  '    severity: { pilot: warning, production: error }',
  '    present-when: { file: "docs/dpia.md", contains: "Risk" }',
  '',
].join('\n');

describe('config: custom rules', () => {
  it('passes when the file exists and contains the pattern', async () => {
    const result = await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': DPIA_RULE, 'docs/dpia.md': '# DPIA\n\n## Risks\n\nRisk: tickets contain addresses.\n' });
    const c = assertCheck(result, 'dpia', { status: 'pass', state: 'present' });
    assert.strictEqual(c.custom, true);
    assert.strictEqual(c.level, 'warning');
    assert.deepStrictEqual(c.evidence.map((e) => e.file), ['docs/dpia.md']);
    assert.deepStrictEqual(configNotes(result.notes), []);
  });

  it('fails when the file lacks the pattern, and when it is missing', async () => {
    assertCheck(await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': DPIA_RULE, 'docs/dpia.md': '# DPIA\n\nTo do.\n' }), 'dpia', { status: 'fail', state: 'absent' });
    const c = assertCheck(await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': DPIA_RULE }), 'dpia', { status: 'fail', state: 'absent' });
    assert.strictEqual(c.title, 'Data protection impact assessment');
  });

  it('a rule with no looks-for or fix still says what it looked for and where to read more', async () => {
    const yaml = 'custom:\n  - id: dpia\n    title: Data protection impact assessment\n    pillar: trust\n    severity: warning\n    present-when: { file: "docs/dpia.md", contains: "Risk" }\n';
    const c = assertCheck(await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': yaml }), 'dpia', { status: 'fail', state: 'absent' });
    assert.match(c.message, /Looked in the repository for files matching docs\/dpia\.md containing \/Risk\/\. To satisfy it: See this rule in \.ai-preflight\.yaml/);
  });

  it('is not run in an untrusted workspace', async () => {
    const result = await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': DPIA_RULE, 'docs/dpia.md': 'Risk\n' }, { trusted: false });
    assert.ok(!projectAt(result).checks.some((c) => c.id === 'dpia'));
  });

  it('an invalid custom rule (unknown pillar, detector) is a config-error at its line', async () => {
    const cfg = 'stage: pilot\ncustom:\n  - id: dpia\n    title: DPIA\n    pillar: privacy\n    present-when: { file: "docs/dpia.md" }\n  - id: mine\n    title: Mine\n    pillar: trust\n    present-when: { detector: ci }\n';
    const result = await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': cfg });
    const notes = configNotes(result.notes);
    assert.deepStrictEqual(notes.map((n) => [n.file, n.line, n.key]), [['.ai-preflight.yaml', 3, 'custom'], ['.ai-preflight.yaml', 7, 'custom']]);
    assert.match(notes[0].message, /pillar/);
    assert.match(notes[1].message, /detector/);
  });
});

describe('config: nested configs', () => {
  it('a project-level config overrides the root one for its project only', async () => {
    const result = await scanTree({
      '.ai-preflight.yaml': 'stage: pilot\nrules:\n  model-card: off\n',
      'services/rag/requirements.txt': 'openai==1.40.0\n',
      'services/rag/app.py': 'import openai\n',
      'services/rag/.ai-preflight.yaml': 'stage: production\n',
      'ml/churn/requirements.txt': 'scikit-learn==1.5.1\n',
      'ml/churn/train.py': 'import sklearn\n',
    });
    assert.strictEqual(projectAt(result, 'services/rag').stage, 'production');
    assert.strictEqual(projectAt(result, 'ml/churn').stage, 'pilot');
    assert.strictEqual(checkOf(result, 'model-card', 'services/rag').state, 'off', 'the root rules still apply below');
  });
});

describe('config: invalid files', () => {
  const cases: { name: string; yaml: string; key?: string; line: number; message: RegExp }[] = [
    { name: 'wrong type (stage: 5)', yaml: 'stage: 5\n', key: 'stage', line: 1, message: /stage: must be one of poc, pilot, production/ },
    { name: 'wrong type (ignore as a string)', yaml: 'stage: pilot\nignore: "legacy/**"\n', key: 'ignore', line: 2, message: /ignore: must be array/ },
    { name: 'unknown key', yaml: 'stage: pilot\n\nrulez:\n  model-card: off\n', key: 'rulez', line: 3, message: /unknown key "rulez"/ },
    { name: 'bad level of a rule', yaml: 'rules:\n  ci: warning\n  monitoring:\n    severity: loud\n', key: 'rules.monitoring.severity', line: 4, message: /must be one of off, info, warning, error/ },
    { name: 'unknown key inside a rule', yaml: 'rules:\n  rollback:\n    externall: "wiki"\n', key: 'rules.rollback.externall', line: 3, message: /unknown key "externall"/ },
    { name: 'bad YAML (nested mapping on one line)', yaml: 'stage: pilot\nrules: model-card: off\n', line: 2, message: /not valid YAML/ },
    { name: 'bad YAML (duplicate key)', yaml: 'stage: pilot\nrules:\n  ci: info\n  ci: off\n', line: 4, message: /not valid YAML.*unique/ },
  ];
  for (const c of cases) {
    it(`${c.name}: a config-error note with file, key and line`, async () => {
      const result = await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': c.yaml });
      const notes = configNotes(result.notes);
      const hit = notes.find((n) => n.line === c.line && (c.key === undefined || n.key === c.key));
      assert.ok(hit, `no note at line ${c.line} key ${c.key}: ${JSON.stringify(notes)}`);
      assert.strictEqual(hit.file, '.ai-preflight.yaml');
      assert.match(hit.message, c.message);
      assert.strictEqual(result.projects.length, 1, 'the scan still runs');
    });
  }

  // Regression: the string branch of the oneOf used to add a second, misleading note at the rule's line.
  it('a bad severity inside a rule object gives one note, at the severity line', async () => {
    const result = await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': 'rules:\n  monitoring:\n    severity: loud\n' });
    assert.deepStrictEqual(configNotes(result.notes).map((n) => [n.key, n.line]), [['rules.monitoring.severity', 3]]);
  });

  it('the valid parts of an invalid config still apply (an unknown key does not cost the stage)', async () => {
    const result = await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': 'stage: production\nrulez: 1\nrules:\n  model-card: off\n' });
    assert.strictEqual(projectAt(result).stage, 'production');
    assert.strictEqual(checkOf(result, 'model-card').state, 'off');
  });

  // Regression: one invalid rule used to drop the whole `rules:` block.
  it('one invalid rule does not cost its valid siblings', async () => {
    const result = await scanTree({ ...LLM_BASE, '.ai-preflight.yaml': 'stage: production\nrules:\n  model-card: off\n  monitoring: loud\n' });
    assert.strictEqual(checkOf(result, 'model-card').state, 'off');
    assert.strictEqual(checkOf(result, 'monitoring').level, 'error', 'the invalid rule falls back to the stage level: ' + show(checkOf(result, 'monitoring')));
  });

  it('a config that is not a mapping is one config-error at line 1', async () => {
    const result = await scanTree({ ...ML_BASE, '.ai-preflight.yaml': '- pilot\n- production\n' });
    assert.deepStrictEqual(configNotes(result.notes).map((n) => [n.file, n.line]), [['.ai-preflight.yaml', 1]]);
  });
});
