// Scaffolding: plans files that satisfy a failing project-level check, and writes them without overwriting.
import { gatherFacts } from './facts';
import { businessMetric, humanFallback } from './scaffolds/docs';
import { ci } from './scaffolds/ci';
import { dataContract } from './scaffolds/dataContract';
import { evalPipeline } from './scaffolds/evalPipeline';
import { guardrails } from './scaffolds/guardrails';
import { modelCard } from './scaffolds/modelCard';
import { monitoring } from './scaffolds/monitoring';
import { ownership } from './scaffolds/ownership';
import { rollback } from './scaffolds/rollback';
import { tests } from './scaffolds/tests';
import type { FixContext, PlanResult, Scaffold } from './types';

export type { FixContext, PlannedFile, PlanResult } from './types';
export { applyPlan, pathProblem, type ApplyResult } from './applyPlan';

const SCAFFOLDS: Record<string, Scaffold> = {
  ownership,
  'eval-pipeline': evalPipeline,
  monitoring,
  'data-contract': dataContract,
  rollback,
  'model-card': modelCard,
  ci,
  tests,
  'business-metric': businessMetric,
  'human-fallback': humanFallback,
  guardrails,
};

/** Checks with a reason instead of a scaffold. */
const NO_SCAFFOLD: Record<string, string> = {
  'pinned-dependencies': 'no scaffold: lock the dependencies with your tool (pip-compile requirements.in, uv lock, poetry lock, npm install) and commit the lock file',
  'hardcoded-secrets': 'fixed in code: use the quick fix at each finding, or `ai-preflight fix --check hardcoded-secrets` (environment lookup plus the name in .env.example)',
};

/** Which project-level checks have a scaffold. */
export function fixableChecks(): string[] {
  return Object.keys(SCAFFOLDS);
}

/** Files that would satisfy `checkId` for the project, at paths where nothing exists yet. */
export async function planFix(ctx: FixContext, checkId: string): Promise<PlanResult> {
  const scaffold = SCAFFOLDS[checkId];
  if (!scaffold) return { files: [], skippedReason: NO_SCAFFOLD[checkId] ?? `no scaffold for check "${checkId}"` };
  try {
    return await scaffold(ctx, gatherFacts(ctx));
  } catch (e) {
    return { files: [], skippedReason: `could not plan ${checkId}: ${(e as Error).message}` };
  }
}
