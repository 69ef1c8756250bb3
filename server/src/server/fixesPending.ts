// TEMPORARY until server/src/engine/fixes/index.ts lands: same signature, plans nothing.
import type { FixContext, PlanResult } from '../engine/fixes/types';
export async function planFix(_ctx: FixContext, checkId: string): Promise<PlanResult> {
  return { files: [], skippedReason: `no scaffold for ${checkId} yet` };
}
