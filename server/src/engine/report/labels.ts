// Human words for the report: pillar names and order, check states, the five questions (SPEC §1).
import type { CheckResult, CheckState, Pillar } from '../types';

export const PILLAR_ORDER: readonly Pillar[] = ['value', 'ownership', 'evaluation', 'data', 'operations', 'trust'];

export const PILLAR_LABEL: Readonly<Record<Pillar, string>> = {
  value: 'Value',
  ownership: 'Ownership',
  evaluation: 'Evaluation',
  data: 'Data',
  operations: 'Operations',
  trust: 'Trust & security',
};

/** Short label of a check's state, worded for the check (a found secret is not "missing"). */
export function stateLabel(check: Pick<CheckResult, 'state' | 'status'>): string {
  const labels: Record<CheckState, string> = {
    present: 'Pass',
    incomplete: 'Present, incomplete',
    weak: 'Present, weak',
    absent: 'Missing',
    found: 'Found',
    'not-applicable': 'Not applicable',
    off: 'Off',
    declared: 'Declared',
    errored: 'Inconclusive',
  };
  return labels[check.state] ?? check.status;
}

/** A one-character mark so status never relies on colour alone. */
export function stateMark(state: CheckState): string {
  switch (state) {
    case 'present': return '✓';
    case 'incomplete': case 'weak': return '◐';
    case 'absent': case 'found': return '✗';
    case 'declared': return '↗';
    case 'errored': return '?';
    default: return '–';
  }
}

export interface QuestionDef {
  key: 'outcome' | 'owner' | 'drift' | 'human' | 'rollback';
  question: string;
  checkId: string;
}

export const FIVE_QUESTIONS: readonly QuestionDef[] = [
  { key: 'outcome', question: 'What business outcome does it improve, and what is the baseline?', checkId: 'business-metric' },
  { key: 'owner', question: 'Who owns it in production?', checkId: 'ownership' },
  { key: 'drift', question: 'What does drift look like, and how is it detected early?', checkId: 'monitoring' },
  { key: 'human', question: 'What happens when the AI is uncertain, wrong or out of scope?', checkId: 'human-fallback' },
  { key: 'rollback', question: 'What is the rollback plan if it must be paused?', checkId: 'rollback' },
];

/** What each built-in rule looks for (SPEC §5), for SARIF rule descriptions; custom rules use their title. */
export const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  ownership: 'An accountable production owner is named: CODEOWNERS, OWNERS/MAINTAINERS, or an ownership/RACI document.',
  'eval-pipeline': 'A repeatable evaluation of model or LLM output quality: eval script or config, golden set plus scorer, or model-quality tests with a threshold.',
  monitoring: 'Runtime observability or alerting for the running system: tracing/APM, LLM tracing, drift monitoring, alert rules or dashboards.',
  'data-contract': 'Machine-checkable schemas or expectations for the data the model trains on, evaluates on or produces.',
  rollback: 'A rollback runbook or script, a deploy config with a real second slot/canary/revision rollback, or a model-registry alias mechanism.',
  'model-card': 'A model card or model documentation covering intended use, performance and limitations.',
  ci: 'A CI definition that runs the tests (and ideally the evaluation).',
  tests: 'An automated test suite exercising the code.',
  'pinned-dependencies': 'The AI code\'s dependencies are locked or exact-pinned.',
  'hardcoded-secrets': 'A real credential literal committed in code, config, notebooks or .env files.',
  'business-metric': 'A documented business KPI with a baseline or target.',
  'human-fallback': 'A human-in-the-loop path for when the model is uncertain, wrong or out of scope.',
  guardrails: 'Input/output guardrails on the LLM path: guardrail frameworks, moderation, PII redaction.',
  'llm-client-timeout': 'An LLM or HTTP client call with no timeout or retry setting.',
  'unpinned-model-version': 'A moving model alias where a dated snapshot exists, or a hub model loaded without a revision.',
  'trust-remote-code': 'trust_remote_code=True runs code downloaded from a model hub.',
  'unsafe-deserialization': 'pickle/joblib/torch loading of files that may not be the project\'s own artifacts.',
  'local-absolute-path': 'A hard-coded absolute path into one person\'s machine.',
};

/** "pinned-dependencies" -> "Pinned dependencies", for rules that only have an id. */
export function titleFromId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
