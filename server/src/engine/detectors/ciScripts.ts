// What a CI definition runs through the scripts it calls: `run: ./scripts/ci.sh`, or a job spec handed to a
// runner (`anyscale jobs submit deploy/jobs/workloads.yaml`, whose entrypoint is a shell script running pytest).
// Followed two steps deep, through files of the repository only.

import { blankRanges } from './githubWorkflow';
import type { RunFinder } from './ciRuns';

export interface ScriptStore { has(rel: string): boolean; read(rel: string): string | null }

/** Local script and job-spec paths a text names: `./x.sh`, `scripts/test.sh`, `deploy/job.yaml`, and reusable
 * workflows (`uses: ./.github/workflows/tests.yml`). */
const SCRIPT_PATH = /(?<![\w/.$-])(?:\.\/)?((?:\.?[\w-][\w.-]*\/)*[\w-][\w.-]*\.(?:sh|bash|ya?ml|ps1))(?![\w.-])/g;
const MAX_DEPTH = 2;
const MAX_FILES = 8;

export interface ScriptHit { index: number; match: string; via: string }

/**
 * The first place `find` matches in the scripts `text` names (relative to `base`, the repository root), searched
 * breadth first, and the script it is in; `index` is where `text` names the first script of the chain.
 */
export function findInCalledScripts(store: ScriptStore, text: string, base: string, find: RunFinder, seen = new Set<string>()): ScriptHit | undefined {
  let frontier: { text: string; origin?: number }[] = [{ text: withoutTriggers(text) }];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
    const next: { text: string; origin?: number }[] = [];
    for (const { text: t, origin } of frontier) {
      for (const m of t.matchAll(SCRIPT_PATH)) {
        const rel = base + m[1];
        if (seen.has(rel) || seen.size >= MAX_FILES || !store.has(rel)) continue;
        seen.add(rel);
        const script = store.read(rel);
        if (!script) continue;
        const at = origin ?? m.index!;
        const hit = find(script);
        if (hit) return { index: at, match: hit.match, via: rel };
        next.push({ text: withoutTriggers(script), origin: at });
      }
    }
    frontier = next;
  }
  return undefined;
}

/**
 * A workflow's text without its top-level `on:` block, blanked so offsets stay: the files its path filters name
 * (`paths: ['.github/workflows/test.yml']`) are what starts it, not what it runs.
 */
function withoutTriggers(text: string): string {
  const start = /^(?:on|"on"|'on')[ \t]*:/m.exec(text);
  if (!start) return text;
  const rest = text.slice(start.index + start[0].length);
  const end = /\n(?=[^\s#])/.exec(rest);
  return blankRanges(text, [[start.index, end ? start.index + start[0].length + end.index : text.length]]);
}
