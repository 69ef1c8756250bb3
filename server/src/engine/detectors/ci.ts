// CI: a real pipeline definition covering the project, and whether it runs tests and evals.
import type { Evidence } from '../types';
import type { DetectorOutcome } from '../rules/evaluate';
import type { ProjectScope, ScopedFile } from '../rules/projectScope';
import { compileGlob, Glob } from '../rules/checkDef';
import { lineAt } from '../rules/patterns';
import { filterTriggersOn, workflowTriggers, type PathFilter } from './githubTriggers';
import { findInCalledScripts } from './ciScripts';
import { findInPackageScripts } from './ciPackageScripts';
import { findInMakeTargets } from './ciMakeTargets';
import { findEvalRun, findTestRun, type RunFinder } from './ciRuns';
import { runStepFolders, stepsForProject } from './githubRunScope';
import { cloudBuildConfigsOf } from './cloudBuild';
import { dirOf, joinRel } from '../workspace/paths';

const SYSTEM_GLOBS: { system: string; globs: string[] }[] = [
  { system: 'github-actions', globs: ['.github/workflows/*.yml', '.github/workflows/*.yaml'] },
  { system: 'gitlab-ci', globs: ['.gitlab-ci.yml', '.gitlab-ci.yaml', '.gitlab/ci/**/*.yml'] },
  { system: 'azure-pipelines', globs: ['azure-pipelines*.yml', 'azure-pipelines*.yaml', '.azure-pipelines/**/*.yml', '.azuredevops/**/*.yml', '.pipelines/**/*.yml'] },
  { system: 'jenkins', globs: ['Jenkinsfile', 'Jenkinsfile.*', '**/Jenkinsfile'] },
  { system: 'circleci', globs: ['.circleci/config.yml', '.circleci/config.yaml'] },
  { system: 'bitbucket-pipelines', globs: ['bitbucket-pipelines.yml'] },
  { system: 'travis', globs: ['.travis.yml'] },
  { system: 'buildkite', globs: ['.buildkite/**/*.yml', '.buildkite/**/*.yaml'] },
  { system: 'cloud-build', globs: ['cloudbuild*.yaml', 'cloudbuild*.yml'] },
  { system: 'drone', globs: ['.drone.yml'] },
  { system: 'aws-codebuild', globs: ['buildspec*.yml', 'buildspec*.yaml'] },
  { system: 'woodpecker', globs: ['.woodpecker.yml', '.woodpecker/*.yml'] },
  { system: 'appveyor', globs: ['appveyor.yml', '.appveyor.yml'] },
];
const SYSTEMS: { system: string; compiled: Glob[] }[] = SYSTEM_GLOBS.map((s) => ({ system: s.system, compiled: s.globs.map(compileGlob) }));

const PIPELINE_SHAPE = /^[ \t]*(jobs|steps|stages|script|pipeline|pipelines|workflows|tasks|phases|build|test)[ \t]*:|\bpipeline[ \t]*\{|\bnode[ \t]*\(|\bstage[ \t]*\(/im;
// Asked twice per project (the report's CI systems, then the detector): Cloud Build candidates are read once.
const systemsByScope = new WeakMap<ProjectScope, { system: string; file: ScopedFile }[]>();

export function ciSystemsOf(scope: ProjectScope): { system: string; file: ScopedFile }[] {
  let systems = systemsByScope.get(scope);
  if (!systems) systemsByScope.set(scope, (systems = findCiSystems(scope)));
  return systems;
}

function findCiSystems(scope: ProjectScope): { system: string; file: ScopedFile }[] {
  const out: { system: string; file: ScopedFile }[] = [];
  for (const s of SYSTEMS) {
    for (const g of s.compiled) for (const f of scope.matching(g)) if (!out.some((o) => o.file.rel === f.rel)) out.push({ system: s.system, file: f });
  }
  for (const f of cloudBuildConfigsOf(scope, new Set(out.map((o) => o.file.rel)))) out.push({ system: 'cloud-build', file: f });
  return out;
}

export function ciDetector(scope: ProjectScope): DetectorOutcome {
  const evidence: Evidence[] = [];
  let tests: Evidence | undefined;
  let evals: Evidence | undefined;
  const systems = new Set<string>();
  const elsewhere: string[] = [];
  for (const { system, file } of ciSystemsOf(scope)) {
    const text = scope.model.store.read(file.rel);
    if (!text || !PIPELINE_SHAPE.test(text)) continue;
    let runText = text;
    // A Cloud Build config runs on the source submitted with it, the package's folder (build/x.yaml included).
    const root = system === 'cloud-build' ? file.rel.slice(0, file.rel.length - file.local.length) : repositoryRootOf(file.rel);
    let foldersAt = (_index: number): string[] => [folderOf(root)];
    if (system === 'github-actions') {
      const triggers = workflowTriggers(text);
      // A reusable workflow is CI where a caller runs it: the caller names it, and what it runs counts there.
      if (triggers.housekeeping || triggers.reusableOnly) continue;
      if (triggers.pathFilters && !watchesProject(scope, file.rel, triggers.pathFilters)) {
        const filter = triggers.pathFilters[0];
        elsewhere.push(`${baseOf(file.rel)} (runs only for changes to ${filter.mode === 'paths' ? '' : 'paths other than '}${filter.source.slice(0, 3).join(', ')}${filter.source.length > 3 ? ', …' : ''})`);
        continue;
      }
      // Steps that run in other folders (working-directory) build and test those folders, not this project.
      const steps = stepsForProject(text, repositoryRootOf(file.rel), scope.project.root);
      if (steps.allElsewhere) {
        elsewhere.push(`${baseOf(file.rel)} (runs its steps in ${steps.elsewhere.slice(0, 3).join(', ')}${steps.elsewhere.length > 3 ? ', …' : ''})`);
        continue;
      }
      runText = steps.text;
      foldersAt = stepFolders(text, root);
    }
    systems.add(system);
    evidence.push({ file: file.rel, note: system });
    tests ??= runs(scope, file.rel, root, runText, findTestRun, foldersAt);
    evals ??= runs(scope, file.rel, root, runText, findEvalRun, foldersAt);
  }
  // A workflow that watches other folders is named when the project falls short, so a reader who knows it is
  // there sees why it does not count.
  const outside = elsewhere.length ? ` Not counted for this project: ${elsewhere.slice(0, 2).join(', ')}${elsewhere.length > 2 ? ` and ${elsewhere.length - 2} more` : ''}.` : '';
  if (evidence.length === 0) return outside ? { evidence, detail: outside.trim() } : { evidence };
  const ordered = [...(tests ? [tests] : []), ...(evals && evals.file !== tests?.file ? [evals] : []), ...evidence.filter((e) => e.file !== tests?.file && e.file !== evals?.file)];
  // Without tests the check is weak and says so first; the detail then adds only what it does not repeat.
  const detail = tests
    ? `CI (${[...systems].join(', ')}) runs tests and ${evals ? 'runs evals' : 'does not run evals'}.`
    : `CI (${[...systems].join(', ')}) ${evals ? 'runs evals' : 'does not run evals either'}.`;
  return { evidence: ordered.slice(0, 5), weak: tests ? undefined : 'the CI runs no tests', detail: tests ? detail : detail + outside };
}

/**
 * Where a CI file runs what `find` looks for: in its own text, else in a package.json script a step runs (see
 * ciPackageScripts), else in a script file it calls (see ciScripts).
 */
function runs(scope: ProjectScope, rel: string, root: string, text: string, find: RunFinder, foldersAt: (index: number) => string[]): Evidence | undefined {
  const own = find(text);
  if (own) return { file: rel, line: lineAt(text, own.index), note: `runs ${own.match.trim()}` };
  const called = findInPackageScripts(scope.model.store, text, foldersAt, find)
    ?? findInMakeTargets(scope.model.store, text, foldersAt, find)
    ?? findInCalledScripts(scope.model.store, text, root, find, new Set([rel]));
  return called && { file: rel, line: lineAt(text, called.index), note: `runs ${called.match.trim()} (in ${called.via})` };
}

/** The folders (relative to the scan root) the workflow step at an offset works in: its working directory, else the repository root. */
function stepFolders(text: string, root: string): (index: number) => string[] {
  const steps = runStepFolders(text);
  return (index) => {
    const folders = steps.find((s) => s.start <= index && index < s.end)?.cwd;
    return folders?.length ? folders.map((f) => (f === '.' ? folderOf(root) : joinRel(folderOf(root), f))) : [folderOf(root)];
  };
}

/** The repository root a CI file's paths are relative to: the folder holding its dot-folder, else its own. */
function repositoryRootOf(rel: string): string {
  const m = /^(.*?)(?:^|\/)\.(?:github|gitlab|circleci|buildkite|azure-pipelines|azuredevops|pipelines|woodpecker)\//.exec(rel);
  if (m) return m[1] ? `${m[1]}/` : '';
  const dir = dirOf(rel);
  return dir === '.' ? '' : `${dir}/`;
}

/**
 * True when a change to one of the project's own files would start the workflow under one of its code events'
 * path filters. Filters are relative to the repository root: the folder holding `.github/`.
 */
function watchesProject(scope: ProjectScope, workflowRel: string, filters: PathFilter[]): boolean {
  const base = repositoryRootOf(workflowRel);
  for (const f of scope.files) {
    if (f.inProject === undefined || !f.rel.startsWith(base)) continue;
    const path = f.rel.slice(base.length);
    // A workflow that runs when workflows change (paths: ['.github/**']) is not run by the project's code.
    if (path.startsWith('.github/')) continue;
    if (filters.some((filter) => filterTriggersOn(filter, path))) return true;
  }
  return false;
}

/** The repository root as a folder path ('.' at the scan root, no trailing '/'). */
const folderOf = (root: string) => root.replace(/\/$/, '') || '.';
const baseOf = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);
