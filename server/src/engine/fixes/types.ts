// Shapes shared by the scaffolds, the planner and the writer (re-exported from index.ts).
import type { AiKind, Project } from '../types';

export interface PlannedFile {
  /** Relative to the scan root, '/'-separated. */
  path: string;
  content: string;
  checkId: string;
  description: string;
  /**
   * Add `content` at the end of the file at `path`, which exists (or is created earlier in the same batch),
   * instead of creating it. Only for line-oriented files where adding lines is safe (CODEOWNERS).
   */
  append?: boolean;
}

export interface FixContext {
  /** Absolute path of the scanned folder. */
  scanRoot: string;
  project: Project;
  /** False in untrusted workspaces: then git is never run. */
  allowGit: boolean;
  /** Paths (relative to the scan root) already planned in the same batch; treated as taken. */
  reserved?: ReadonlySet<string>;
}

export interface PlanResult {
  files: PlannedFile[];
  skippedReason?: string;
}

export type Language = 'python' | 'node';

/** Facts about one project gathered once per plan, from `Project` and a bounded look at its files. */
export interface ProjectFacts {
  /** Project root relative to the scan root ('.' or 'a/b'). */
  rel: string;
  /** Absolute project folder. */
  dir: string;
  name: string;
  kind: AiKind;
  language: Language;
  /** Files under the project (relative to the project root, '/'), bounded crawl. */
  files: string[];
  /** Entry point relative to the project root, if one was recognised. */
  entryPoint?: string;
  /** Node test runner from package.json (vitest/jest/mocha), else node:test. */
  nodeTestRunner: 'vitest' | 'jest' | 'mocha' | 'node';
  /** package.json contents for node projects (parsed, may be empty). */
  packageJson: Record<string, unknown>;
  llm?: LlmProvider;
}

export interface LlmProvider {
  id: string;
  model: string;
  /** promptfoo provider id, e.g. openai:chat:gpt-4o-mini */
  promptfoo: string;
  /** NeMo Guardrails `models[].engine`. */
  nemoEngine: string;
  /** Environment variable that holds the API key ('' when none is needed). */
  envVar: string;
  /** True when the provider/model came from code rather than a default. */
  detected: boolean;
}

export type Scaffold = (ctx: FixContext, facts: ProjectFacts) => Promise<PlanResult>;
