// Shared types of the pure engine. The CLI, the language server, the report and the tests all
// speak these; nothing here may import vscode or vscode-languageserver.

export type Stage = 'poc' | 'pilot' | 'production';
export const STAGES: readonly Stage[] = ['poc', 'pilot', 'production'];

/** A configured level: `off` disables a rule. */
export type Level = 'off' | 'info' | 'warning' | 'error';
/** The severity of an emitted finding (LSP's four). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export type AiKind = 'llm-app' | 'classic-ml' | 'deep-learning';
export const AI_KINDS: readonly AiKind[] = ['llm-app', 'classic-ml', 'deep-learning'];

export type Pillar = 'ownership' | 'evaluation' | 'operations' | 'data' | 'trust' | 'value';

/** Contract v1 status. */
export type CheckStatus = 'pass' | 'fail' | 'skip';

/**
 * Finer state behind a status:
 * - present / incomplete (placeholders left) / weak (e.g. CI that runs no tests) => pass
 * - absent, found (a violation such as a secret) => fail
 * - not-applicable, off, declared (external), errored (the check threw) => skip
 */
export type CheckState =
  | 'present' | 'incomplete' | 'weak'
  | 'absent' | 'found'
  | 'not-applicable' | 'off' | 'declared' | 'errored';

/** A place in the workspace that supports a check's answer. Paths are relative to the scan root, with '/'. */
export interface Evidence {
  file: string;
  /** 1-based, when useful. */
  line?: number;
  /** Short human note: what was seen there. Never a secret in full. */
  note?: string;
}

export interface CheckResult {
  id: string;
  title: string;
  pillar: Pillar;
  status: CheckStatus;
  state: CheckState;
  /** Effective level at the project's stage, after config overrides. */
  level: Level;
  evidence: Evidence[];
  /** What was looked for, where, and what would satisfy it (or what was found). */
  message: string;
  /** Link to the docs section of the check. */
  docsUrl: string;
  /** What a detector saw, when that helps (e.g. which requirements are unpinned). */
  detail?: string;
  /** Placeholders still to be filled in (state incomplete). */
  missing?: string[];
  /** Text of `external:` when declared outside the repository. */
  external?: string;
  /** Reason when state is errored. */
  error?: string;
  /** True when the check comes from the user's `custom:` config. */
  custom?: boolean;
}

export interface Project {
  /** Relative to the scan root, '/'-separated; '.' for the root itself. */
  root: string;
  name: string;
  isAiProject: true;
  aiKind: AiKind;
  /** Every kind with evidence, dominant first. */
  kinds: AiKind[];
  /** Libraries found (import names / package names), sorted. */
  frameworks: string[];
  /** Hosted or hub model ids seen in code (e.g. gpt-4o-mini, bert-base-uncased). */
  modelIds: string[];
  /** Dataset files found under the project (relative to the scan root). */
  datasets: string[];
  /** CI systems found covering the project (github-actions, gitlab-ci, ...). */
  ciSystems: string[];
  /** Primary manifest (relative to the scan root) if any. */
  manifest?: string;
  /** Where project-level diagnostics are anchored: manifest, else README, else first AI file. */
  anchor: string;
  /** Files that made this an AI project (a few, for the message). */
  aiEvidence: Evidence[];
  stage: Stage;
  /** 0–100, or null when nothing countable. */
  score: number | null;
  checks: CheckResult[];
}

/** A code-level finding at an exact place. Lines 1-based, columns 0-based (UTF-16 units). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Root of the project the file belongs to, if any. */
  project?: string;
  /** For secrets: the masked literal, e.g. sk-proj-…9xQ. */
  masked?: string;
  /** A safe textual fix, if the rule offers one. */
  fix?: TextFix;
  /**
   * The most this finding can weigh whatever the stage or configured level: a Google Maps browser key is public by
   * design (restricted by referrer), worth a warning, never a failed secrets check.
   */
  severityCap?: Severity;
}

export interface TextFix {
  title: string;
  /** Replace the range [line:column, endLine:endColumn) of the same file (1-based lines, 0-based cols). */
  edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[];
  /** Secrets: the environment variable the fix reads; its name (never a value) belongs in .env.example. */
  envVar?: string;
}

/** Something skipped or wrong that the user should know about; never fatal. */
export interface Note {
  kind: 'skipped' | 'config-error' | 'check-error' | 'parse-error';
  message: string;
  file?: string;
  line?: number;
  /** For config errors: the offending key path, e.g. rules.monitoring.severity */
  key?: string;
}

export interface ScanResult {
  tool: { name: 'ai-preflight'; version: string };
  /** Absolute path of the scanned folder. */
  root: string;
  projects: Project[];
  findings: Finding[];
  notes: Note[];
  stats: { files: number; filesRead: number; bytesRead: number; ms: number };
}
