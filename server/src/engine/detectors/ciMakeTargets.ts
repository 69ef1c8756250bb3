// What a CI step runs through a make target: `make -C scheduler ci` runs the scheduler Makefile's `ci` target,
// whose prerequisite `test-go` runs `go test ./...`. The makefile is looked up where make works (the step's
// working directory, then `-C`), and the target's prerequisites and `$(MAKE) x` calls are followed, two steps deep.
import { toolCalls } from './ciTaskRunners';
import { runnableText, type RunFinder } from './ciRuns';
import type { ScriptHit, ScriptStore } from './ciScripts';
import { joinRel } from '../workspace/paths';


const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];
const MAX_DEPTH = 2;
/** A sub-make in a recipe: `$(MAKE) test-go`, `${MAKE} -C sub test`. */
const SUB_MAKE = /\$[({]MAKE[)}]((?:[ \t]+-[^\s]+)*)[ \t]+([\w.-]+)/g;

/** The first make target `text` runs whose recipe (or a target it depends on) `find` matches. */
export function findInMakeTargets(store: ScriptStore, text: string, foldersAt: (index: number) => string[], find: RunFinder): ScriptHit | undefined {
  for (const call of toolCalls(runnableText(text))) {
    if (call.tool !== 'make') continue;
    for (const folder of foldersAt(call.index)) {
      const rel = makefileIn(store, call.folder ? joinRel(folder, call.folder) : folder, call.file);
      const rules = rel ? rulesOf(store, rel) : undefined;
      if (!rules) continue;
      for (const target of call.tasks) {
        const hit = inTarget(rules, target, find, new Set(), 0);
        if (hit) return { index: call.index, match: hit.match, via: `${rel} target ${hit.target}` };
      }
    }
  }
  return undefined;
}

function makefileIn(store: ScriptStore, folder: string, file: string | undefined): string | undefined {
  if (file !== undefined) return file.includes('$') ? undefined : joinRel(folder, file.replace(/^\.\//, ''));
  return MAKEFILES.map((name) => joinRel(folder, name)).find((rel) => store.has(rel));
}

interface Rule { prerequisites: string[]; recipe: string }

function inTarget(rules: Map<string, Rule>, target: string, find: RunFinder, seen: Set<string>, depth: number): { match: string; target: string } | undefined {
  const rule = rules.get(target);
  if (!rule || seen.has(target)) return undefined;
  seen.add(target);
  const own = find(rule.recipe);
  if (own) return { match: own.match, target };
  if (depth >= MAX_DEPTH) return undefined;
  const next = [...rule.prerequisites, ...[...rule.recipe.matchAll(SUB_MAKE)].map((m) => m[2])];
  for (const t of next) {
    const hit = inTarget(rules, t, find, seen, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

// A repository's Makefiles are read for every project and every workflow: each text is parsed once.
const parsed = new Map<string, Map<string, Rule> | null>();

/** The rules of a makefile: each explicit target with its prerequisites and its recipe (tab-indented lines). */
function rulesOf(store: ScriptStore, rel: string): Map<string, Rule> | undefined {
  const text = store.has(rel) ? store.read(rel) : null;
  if (!text) return undefined;
  let rules = parsed.get(text);
  if (rules === undefined) {
    if (parsed.size >= 256) parsed.clear();
    parsed.set(text, (rules = readRules(text)));
  }
  return rules ?? undefined;
}

/** `target other: prereq1 prereq2 ; inline recipe`, not a variable (`X := y`, `X ?= y`) nor a pattern rule. */
const RULE = /^([^\s:#=%][^:#=%]*?)[ \t]*::?(?![=])[ \t]*([^\n;#]*)(?:;([^\n]*))?$/;

function readRules(text: string): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  let current: Rule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('\t')) {
      for (const r of current) r.recipe += line.slice(1) + '\n';
      continue;
    }
    if (/^[ \t]*(?:#.*)?$/.test(line)) continue;
    const m = RULE.exec(line);
    current = [];
    if (!m) continue;
    for (const name of m[1].trim().split(/\s+/)) {
      const rule = rules.get(name) ?? { prerequisites: [], recipe: '' };
      rule.prerequisites.push(...m[2].trim().split(/\s+/).filter((p) => p && !p.includes('$')));
      if (m[3]) rule.recipe += m[3] + '\n';
      rules.set(name, rule);
      current.push(rule);
    }
  }
  return rules;
}
