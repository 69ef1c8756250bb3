// The readiness score (SPEC §9): the single source of truth. The engine calls scoreProject to fill
// project.score and the report calls it again to explain that number, so the two never disagree.
import type { CheckResult, Level } from '../types';

/** One check's contribution. A row with weight 0 is shown but not counted. */
export interface ScoreRow {
  id: string;
  /** 0, 5 or 10; null when the check is not counted (n/a, off, inconclusive). */
  points: number | null;
  /** 3 for error, 2 for warning, 1 for info at the project's stage; 0 when not counted. */
  weight: number;
  /** Why it scored what it did, in a few words (e.g. "present, incomplete"). */
  reason: string;
}

export interface ProjectScore {
  /** 0–100, or null when no check counts. */
  score: number | null;
  rows: ScoreRow[];
  /** Sum of points × weight, and the most that could have been earned. */
  earned: number;
  possible: number;
}

export const MAX_POINTS = 10;
export const LEVEL_WEIGHT: Readonly<Record<Level, number>> = { error: 3, warning: 2, info: 1, off: 0 };

/** Points for one check; null when it is not counted at all. Status decides, state refines. */
export function checkPoints(check: CheckResult): { points: number | null; reason: string } {
  if (check.status === 'pass') {
    if (check.state === 'incomplete') return { points: 5, reason: 'present, incomplete' };
    if (check.state === 'weak') return { points: 5, reason: 'present, weak' };
    return { points: MAX_POINTS, reason: 'passes' };
  }
  if (check.status === 'fail') return { points: 0, reason: check.state === 'found' ? 'violation found' : 'missing' };
  // skip: only a declared (external) artifact counts, as satisfied; the rest is not counted, never 0.
  if (check.state === 'declared') return { points: MAX_POINTS, reason: 'declared outside the repository' };
  if (check.state === 'errored') return { points: null, reason: 'inconclusive: the check could not run' };
  if (check.state === 'off') return { points: null, reason: 'turned off' };
  return { points: null, reason: 'not applicable' };
}

export function scoreProject(checks: CheckResult[]): ProjectScore {
  const rows: ScoreRow[] = [];
  let earned = 0;
  let possible = 0;
  for (const check of checks) {
    const { points, reason } = checkPoints(check);
    const levelWeight = LEVEL_WEIGHT[check.level] ?? 0;
    const counted = points !== null && levelWeight > 0;
    const weight = counted ? levelWeight : 0;
    rows.push({ id: check.id, points: counted ? points : null, weight, reason: counted ? reason : (levelWeight === 0 && points !== null ? 'turned off' : reason) });
    if (counted) {
      earned += (points as number) * weight;
      possible += MAX_POINTS * weight;
    }
  }
  const score = possible > 0 ? Math.round((earned / possible) * 100) : null;
  return { score, rows, earned, possible };
}
