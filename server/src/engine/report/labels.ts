// Human words for the report: pillar names and order, check states, the five questions (SPEC §1).
import type { CheckResult, CheckState, Pillar } from '../types';
import { loadBuiltinChecks } from '../rules/loadChecks';

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

const QUESTION_ORDER: readonly (readonly [QuestionDef['key'], string])[] = [
  ['outcome', 'business-metric'], ['owner', 'ownership'], ['drift', 'monitoring'], ['human', 'human-fallback'], ['rollback', 'rollback'],
];

/** The five questions (SPEC §1) in their order; the wording lives with each check (`question:` in rules/checks). */
export function fiveQuestions(): QuestionDef[] {
  const defs = loadBuiltinChecks();
  return QUESTION_ORDER.map(([key, checkId]) => ({ key, checkId, question: defs.find((d) => d.id === checkId)?.question ?? checkId }));
}

/** "pinned-dependencies" -> "Pinned dependencies", for rules that only have an id. */
export function titleFromId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
