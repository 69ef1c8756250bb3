// What a CI step runs through a package.json script: `pnpm run e2e:python` in packages/app runs that folder's
// script, `playwright test e2e/shared e2e/python`. The script is looked up in the folder the step works in (its
// working-directory, else the repository root), and one script it calls (`"ci": "npm run e2e"`) is followed.
import { toolCalls } from './ciTaskRunners';
import { runnableText, type RunFinder } from './ciRuns';
import type { ScriptHit, ScriptStore } from './ciScripts';
import { joinRel } from '../workspace/paths';


/** How many script-to-script calls are followed past the one the CI names. */
const MAX_INDIRECTION = 1;

/**
 * The first script `text` runs through a package manager whose command `find` matches; `foldersAt` gives the
 * folders (relative to the scan root) the command at an offset works in. `index` is where `text` runs it.
 */
export function findInPackageScripts(store: ScriptStore, text: string, foldersAt: (index: number) => string[], find: RunFinder): ScriptHit | undefined {
  for (const call of toolCalls(runnableText(text))) {
    if (call.script === undefined) continue;
    for (const folder of foldersAt(call.index)) {
      const rel = joinRel(folder, 'package.json');
      const scripts = scriptsOf(store, rel);
      const hit = scripts && inScript(scripts, call.script, find, new Set(), 0);
      if (hit) return { index: call.index, match: hit.match, via: `${rel} script ${hit.name}` };
    }
  }
  return undefined;
}

function inScript(scripts: Map<string, string>, name: string, find: RunFinder, seen: Set<string>, depth: number): { match: string; name: string } | undefined {
  const command = scripts.get(name);
  if (command === undefined || seen.has(name)) return undefined;
  seen.add(name);
  const own = find(command);
  if (own) return { match: own.match, name };
  if (depth >= MAX_INDIRECTION) return undefined;
  for (const call of toolCalls(command)) {
    const hit = call.script !== undefined ? inScript(scripts, call.script, find, seen, depth + 1) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

// A monorepo's root package.json is read for every project and every workflow: each text is parsed once.
const parsed = new Map<string, Map<string, string> | null>();

/** The `scripts` of a package.json, or undefined when there is none or it does not parse. */
function scriptsOf(store: ScriptStore, rel: string): Map<string, string> | undefined {
  if (!store.has(rel)) return undefined;
  const text = store.read(rel);
  if (!text) return undefined;
  let scripts = parsed.get(text);
  if (scripts === undefined) {
    if (parsed.size >= 256) parsed.clear();
    scripts = null;
    try {
      const s = (JSON.parse(text) as { scripts?: unknown } | null)?.scripts;
      if (s && typeof s === 'object' && !Array.isArray(s)) {
        scripts = new Map(Object.entries(s as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
      }
    } catch {
      // Not JSON: no scripts.
    }
    parsed.set(text, scripts);
  }
  return scripts ?? undefined;
}
