// Reads dependency manifests: which packages a folder declares, in which group, and whether each is pinned.
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { baseName, dirOf } from '../workspace/paths';

export type Ecosystem = 'python' | 'node' | 'other';
export type DepGroup = 'runtime' | 'dev' | 'optional';

export interface Dependency { name: string; spec: string; pinned: boolean; group: DepGroup }

export interface Manifest {
  file: string;
  /** The folder the manifest describes (its own folder, or the parent of a requirements/ folder). */
  dir: string;
  ecosystem: Ecosystem;
  name?: string;
  deps: Dependency[];
  /** The manifest lists workspace members (uv `[tool.uv.workspace]`, npm/yarn `workspaces`). */
  workspaceRoot?: boolean;
  /**
   * Folders (relative to `dir`, never '.') a pyproject.toml's setuptools settings say its packages live in
   * (`packages.find.where`, `package-dir`): feast's repository-root pyproject builds the package in sdk/python.
   */
  sourceDirs?: string[];
  /** Set when the manifest could not be parsed. */
  error?: string;
  /**
   * A package.json with no name, dependencies, scripts or workspaces: a module-format marker (`{"type": "module"}`
   * in dist/esm) or an entry-point shim inside a package, which makes no package of its folder.
   */
  shim?: boolean;
}

const OTHER_MANIFESTS = new Set(['cargo.toml', 'go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'gemfile', 'composer.json', 'description', 'mix.exs', 'project.clj', 'dbt_project.yml']);
const PY_MANIFESTS = new Set(['pyproject.toml', 'setup.py', 'setup.cfg', 'pipfile', 'environment.yml', 'environment.yaml', 'conda.yaml', 'conda.yml']);
const REQUIREMENTS = /^(?:[\w.-]*[-_.])?requirements(?:[-_.][\w.-]*)?\.(?:txt|in)$/i;
const DEV_NAME = /(?:^|[-_./])(?:dev|test|tests|testing|lint|docs?|ci|typing|style|build)(?:[-_./]|$)/i;
const DOC_DIRS = /(?:^|\/)(?:docs?|\.github|\.devcontainer)$/i;

/**
 * YAML files whose name says what else they are (lock files, compose files, CI and tool settings, charts): never
 * read as conda environments. Any other YAML file outside hidden folders may be one (automl_env.yml,
 * conda_dependencies.yml, environment-gpu.yml), which only its content tells (see parseCondaByContent).
 */
const NOT_CONDA_YAML = /(?:(?:^|[-_.])(?:lock|compose)[-_.]|^\.|^(?:mkdocs|codecov|chart|values[\w.-]*|action|dependabot|pubspec|pnpm-workspace|azure-pipelines|openapi[\w.-]*|swagger[\w.-]*|bitbucket-pipelines|cloudbuild|app|serverless|skaffold|kustomization|dvc|params)\.ya?ml$)/i;
/** Conda environment files are short; a big YAML file is data or a spec, and is not even read. */
export const CONDA_BY_CONTENT_MAX_BYTES = 64 * 1024;

/** A YAML file that is a conda environment or not by its content alone (its name is no manifest's). */
export function isCondaCandidateByContent(rel: string): boolean {
  const name = baseName(rel).toLowerCase();
  return /\.ya?ml$/.test(name) && !PY_MANIFESTS.has(name) && !OTHER_MANIFESTS.has(name) && !NOT_CONDA_YAML.test(name)
    && !rel.split('/').some((segment) => segment.startsWith('.'));
}

/** True when the file is a manifest that makes its folder a package root. */
export function isManifestFile(rel: string): boolean {
  // Asked of every file on each manifest event: the name alone rules out nearly all of them, cheaply.
  const name = baseName(rel).toLowerCase();
  const candidate = PY_MANIFESTS.has(name) || name === 'package.json' || OTHER_MANIFESTS.has(name) || (name.includes('requirements') && REQUIREMENTS.test(name))
    || isCondaCandidateByContent(rel);
  // A docs site's package.json is a manifest (the workspace model then decides whether the site is a package).
  return candidate && (name === 'package.json' || !DOC_DIRS.test(dirOf(rel)));
}

/** The ecosystem a manifest file's name says it belongs to (without reading it: a conda file by content is 'other'). */
export function ecosystemOfManifestName(rel: string): Ecosystem {
  const name = baseName(rel).toLowerCase();
  if (name === 'package.json') return 'node';
  return PY_MANIFESTS.has(name) || isRequirementsFile(rel) ? 'python' : 'other';
}

export function manifestDir(rel: string): string {
  const dir = dirOf(rel);
  // requirements/base.txt describes the folder above it.
  if (/(?:^|\/)requirements$/i.test(dir)) return dirOf(dir);
  return dir;
}

/**
 * The manifest in this file, or null when the file is not one after all: a module that happens to be named
 * setup.py (a package's own `setup.py` helper) never calls setup(), and a pyproject.toml holding only tools'
 * settings (`[tool.ruff]`, `[tool.mypy]`) declares no package.
 */
export function parseManifest(rel: string, text: string): Manifest | null {
  const name = baseName(rel).toLowerCase();
  const base: Manifest = { file: rel, dir: manifestDir(rel), ecosystem: 'other', deps: [] };
  try {
    if (REQUIREMENTS.test(name) || /(?:^|\/)requirements\//i.test(rel)) {
      const group: DepGroup = DEV_NAME.test(name) || DEV_NAME.test(dirOf(rel).split('/').pop() ?? '') ? 'dev' : 'runtime';
      return { ...base, ecosystem: 'python', deps: parseRequirementLines(text.split(/\r?\n/), group) };
    }
    switch (name) {
      case 'pyproject.toml': {
        const doc = parseToml(text) as Record<string, any>;
        return declaresPackage(doc) ? { ...base, ecosystem: 'python', ...parsePyproject(doc) } : null;
      }
      case 'setup.py': return isPackagingScript(text) ? { ...base, ecosystem: 'python', ...parseSetupPy(text) } : null;
      case 'setup.cfg': return { ...base, ecosystem: 'python', deps: parseSetupCfg(text) };
      case 'pipfile': return { ...base, ecosystem: 'python', deps: parsePipfile(text) };
      case 'environment.yml': case 'environment.yaml': case 'conda.yaml': case 'conda.yml':
        return { ...base, ecosystem: 'python', deps: parseCondaEnv(text) };
      case 'package.json': return { ...base, ecosystem: 'node', ...parsePackageJson(text) };
      default: {
        if (!isCondaCandidateByContent(rel)) return base;
        const deps = parseCondaByContent(text);
        return deps ? { ...base, ecosystem: 'python', deps } : null;
      }
    }
  } catch (e) {
    return { ...base, ecosystem: PY_MANIFESTS.has(name) ? 'python' : name === 'package.json' ? 'node' : 'other', error: (e as Error).message?.split('\n')[0] ?? String(e) };
  }
}

const REQ_LINE = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/;

export function parseRequirement(line: string, group: DepGroup): Dependency | undefined {
  const clean = line.replace(/\s+#.*$/, '').trim();
  if (!clean || clean.startsWith('#') || clean.startsWith('-') || clean.startsWith('git+') || clean.startsWith('.') || clean.startsWith('/')) return undefined;
  const m = REQ_LINE.exec(clean);
  if (!m) return undefined;
  const spec = (m[3] ?? '').split(';')[0].trim();
  const pinned = /^===?\s*[\w.+!-]+$/.test(spec) && !spec.includes('*');
  return { name: normalizePyName(m[1]), spec, pinned: pinned || /^@\s*\S+/.test(spec), group };
}

/**
 * One requirement per logical line: a backslash continues a line (pip-compile and `uv pip compile
 * --generate-hashes` put each `--hash=` on its own continued line), and per-requirement options are no version.
 */
function logicalRequirementLines(lines: string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const line of lines) {
    const continued = /\\\s*$/.test(line) && !/^\s*#/.test(line);
    pending += (pending ? ' ' : '') + (continued ? line.replace(/\s*\\\s*$/, '') : line);
    if (continued) continue;
    out.push(pending);
    pending = '';
  }
  if (pending) out.push(pending);
  return out.map((l) => l.replace(/\s+--(?:hash|global-option|config-settings)[=\s]\S+/g, ''));
}

function parseRequirementLines(lines: string[], group: DepGroup): Dependency[] {
  const out: Dependency[] = [];
  for (const line of logicalRequirementLines(lines)) {
    const dep = parseRequirement(line, group);
    if (dep) out.push(dep);
  }
  return out;
}

export function normalizePyName(name: string): string {
  return name.toLowerCase().replace(/[_.]+/g, '-');
}

/** Tables of the packaging tools (PEP 621 metadata, build backends, dependency managers) as opposed to linters'. */
const PACKAGING_TOOLS = ['poetry', 'pdm', 'hatch', 'flit', 'setuptools', 'uv', 'pixi', 'maturin', 'scikit-build'];

/**
 * True when a pyproject.toml describes a package (metadata, a build system, dependencies or a workspace). One of
 * only `[tool.ruff]`/`[tool.mypy]`/`[tool.black]` configures tools for the code around it, so the package is the
 * manifest above or beside it (feast's `sdk/python/pyproject.toml` beside the repository's own).
 */
function declaresPackage(doc: Record<string, any>): boolean {
  if (doc.project !== undefined || doc['build-system'] !== undefined || doc['dependency-groups'] !== undefined) return true;
  const tool = doc.tool;
  return !!tool && typeof tool === 'object' && PACKAGING_TOOLS.some((t) => tool[t] !== undefined);
}

function parsePyproject(doc: Record<string, any>): { name?: string; deps: Dependency[]; workspaceRoot?: boolean; sourceDirs?: string[] } {
  const deps: Dependency[] = [];
  const project = doc.project ?? {};
  for (const d of arr(project.dependencies)) pushReq(deps, d, 'runtime');
  for (const list of Object.values(project['optional-dependencies'] ?? {})) for (const d of arr(list)) pushReq(deps, d, 'optional');
  for (const list of Object.values(doc['dependency-groups'] ?? {})) for (const d of arr(list)) pushReq(deps, d, 'dev');
  const poetry = doc.tool?.poetry ?? {};
  pushPoetry(deps, poetry.dependencies, 'runtime');
  pushPoetry(deps, poetry['dev-dependencies'], 'dev');
  for (const g of Object.values(poetry.group ?? {})) pushPoetry(deps, (g as any)?.dependencies, 'dev');
  const name = typeof project.name === 'string' ? project.name : typeof poetry.name === 'string' ? poetry.name : undefined;
  const workspaceRoot = arr(doc.tool?.uv?.workspace?.members).length > 0;
  const sourceDirs = setuptoolsSourceDirs(doc.tool?.setuptools);
  return { name, deps: deps.filter((d) => d.name !== 'python'), ...(workspaceRoot ? { workspaceRoot } : {}), ...(sourceDirs.length ? { sourceDirs } : {}) };
}

function setuptoolsSourceDirs(setuptools: any): string[] {
  if (!setuptools || typeof setuptools !== 'object') return [];
  const packages = setuptools.packages;
  const find = packages && typeof packages === 'object' && !Array.isArray(packages) ? packages.find : undefined;
  const where = arr(find?.where);
  const packageDir = setuptools['package-dir'] && typeof setuptools['package-dir'] === 'object' ? Object.values(setuptools['package-dir']) : [];
  const dirs = [...where, ...packageDir]
    .filter((d): d is string => typeof d === 'string')
    .map((d) => d.replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((d) => d !== '' && d !== '.' && !d.startsWith('..') && !d.startsWith('/'));
  return [...new Set(dirs)];
}

/** A requirements file (requirements.txt, requirements/base.txt, py3.10-ci-requirements.txt): a list, no package. */
export function isRequirementsFile(rel: string): boolean {
  return REQUIREMENTS.test(baseName(rel)) || /(?:^|\/)requirements\//i.test(rel);
}

function pushReq(deps: Dependency[], d: unknown, group: DepGroup): void {
  if (typeof d !== 'string') return;
  const dep = parseRequirement(d, group);
  if (dep) deps.push(dep);
}

function pushPoetry(deps: Dependency[], table: unknown, group: DepGroup): void {
  if (!table || typeof table !== 'object') return;
  for (const [name, v] of Object.entries(table as Record<string, unknown>)) {
    const spec = typeof v === 'string' ? v : typeof (v as any)?.version === 'string' ? (v as any).version : '';
    const optional = typeof v === 'object' && (v as any)?.optional === true;
    // Poetry: a bare version means exactly that version.
    const pinned = /^=?=?\s*\d[\w.+-]*$/.test(spec.trim()) || typeof (v as any)?.rev === 'string';
    deps.push({ name: normalizePyName(name), spec, pinned, group: optional ? 'optional' : group });
  }
}

const PACKAGING_IMPORT = /^[ \t]*(?:from[ \t]+(?:setuptools|distutils|skbuild|numpy\.distutils)\b[\w.]*[ \t]+import\b|import[ \t]+(?:setuptools|distutils|skbuild)\b)/m;

/**
 * A setup.py that packages something: it imports from setuptools, distutils or scikit-build and calls setup(). A
 * module named setup.py that sets up a model (`from .config import setup`, `config = setup(args)`) is no manifest.
 */
function isPackagingScript(text: string): boolean {
  return /\bsetup\s*\(/.test(text) && PACKAGING_IMPORT.test(text);
}

function parseSetupPy(text: string): { name?: string; deps: Dependency[] } {
  const deps: Dependency[] = [];
  // install_requires=[...] inline, or install_requires=REQUIRED where REQUIRED = [...] is assigned in the file.
  const variable = /install_requires\s*=\s*([A-Za-z_]\w*)\s*[,)\n]/.exec(text)?.[1];
  const block = variable
    ? new RegExp(String.raw`^${variable}\s*=\s*\[([\s\S]*?)\]`, 'm').exec(text)
    : /install_requires\s*=\s*\[([\s\S]*?)\]/.exec(text);
  if (block) for (const m of block[1].matchAll(/["']([^"']+)["']/g)) pushReq(deps, m[1], 'runtime');
  const extras = /extras_require\s*=\s*\{([\s\S]*?)\}\s*[,)]/.exec(text);
  if (extras) for (const m of extras[1].matchAll(/\[([^\]]*)\]/g)) for (const s of m[1].matchAll(/["']([^"']+)["']/g)) pushReq(deps, s[1], 'optional');
  const name = /\bname\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  return { name, deps };
}

function parseSetupCfg(text: string): Dependency[] {
  const m = /^install_requires\s*=\s*\n((?:[ \t]+.*\n?)*)/m.exec(text);
  return m ? parseRequirementLines(m[1].split('\n'), 'runtime') : [];
}

function parsePipfile(text: string): Dependency[] {
  const doc = parseToml(text) as Record<string, any>;
  const deps: Dependency[] = [];
  for (const [group, key] of [['runtime', 'packages'], ['dev', 'dev-packages']] as const) {
    for (const [name, v] of Object.entries(doc[key] ?? {})) {
      const spec = typeof v === 'string' ? v : typeof (v as any)?.version === 'string' ? (v as any).version : '*';
      deps.push({ name: normalizePyName(name), spec, pinned: /^==\s*[\w.]+$/.test(spec), group });
    }
  }
  return deps;
}

// A conda environment's shape: a top-level `dependencies:` block, and a `channels:` or `name:` key or a `- pip:`
// sub-list. Tested on the text before the YAML is parsed, so other YAML files cost one regex pass each.
const TOP_DEPENDENCIES = /^dependencies[ \t]*:[ \t]*(?:#.*)?$/m;
const CONDA_COMPANION = /^(?:channels|name)[ \t]*:|^[ \t]*-[ \t]*pip[ \t]*:/m;
/** A conda package spec: `numpy`, `python=3.10`, `conda-forge::numpy>=1.2`, `numpy 1.19.*`. */
const CONDA_SPEC = /^[A-Za-z0-9_][\w.-]*(?:::[\w.-]+)?(?:\s*[<>=!~ ].*)?$/;

/**
 * The dependencies of a YAML file shaped like a conda environment, whatever its name, or undefined when it is
 * something else: a Helm chart's `dependencies:` lists objects (name, version, repository), an Ansible role's
 * lists `role:` objects, pubspec.yaml's is a mapping, and compose, Kubernetes and workflow files have none.
 */
function parseCondaByContent(text: string): Dependency[] | undefined {
  if (!TOP_DEPENDENCIES.test(text) || !CONDA_COMPANION.test(text)) return undefined;
  let doc: any;
  try {
    doc = parseYaml(text, { logLevel: 'error' });
  } catch {
    return undefined;
  }
  const list = doc && typeof doc === 'object' && !Array.isArray(doc) ? doc.dependencies : undefined;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const condaShaped = list.every((d) => (typeof d === 'string' && CONDA_SPEC.test(d.trim()))
    || (d && typeof d === 'object' && Object.keys(d).length === 1 && Array.isArray(d.pip)));
  return condaShaped ? parseCondaEnv(text) : undefined;
}

function parseCondaEnv(text: string): Dependency[] {
  const doc = parseYaml(text, { logLevel: 'error' }) as any;
  const deps: Dependency[] = [];
  for (const d of arr(doc?.dependencies)) {
    if (typeof d === 'string') {
      // A channel prefix (conda-forge::numpy) names where from, not what.
      const m = /^((?:[\w.-]+::)?[A-Za-z0-9][\w.-]*)\s*(.*)$/.exec(d.trim());
      const name = m?.[1].split('::').pop();
      if (!m || !name || name === 'python' || name === 'pip') continue;
      const spec = m[2].trim();
      deps.push({ name: normalizePyName(name), spec, pinned: /^==?\d+\.\d+\.\d+/.test(spec), group: 'runtime' });
    } else if (d && typeof d === 'object' && Array.isArray((d as any).pip)) {
      for (const p of (d as any).pip) pushReq(deps, p, 'runtime');
    }
  }
  return deps;
}

function parsePackageJson(text: string): { name?: string; deps: Dependency[]; workspaceRoot?: boolean; shim?: boolean } {
  let doc: Record<string, any>;
  try {
    doc = JSON.parse(text) as Record<string, any>;
  } catch {
    // V8's message quotes the input around the error, which may be a secret: say only what is wrong.
    throw new Error('not valid JSON');
  }
  if (!doc || typeof doc !== 'object') throw new Error('not a JSON object');
  const deps: Dependency[] = [];
  for (const [key, group] of [['dependencies', 'runtime'], ['peerDependencies', 'runtime'], ['devDependencies', 'dev'], ['optionalDependencies', 'optional']] as const) {
    for (const [name, v] of Object.entries(doc[key] ?? {})) {
      const spec = typeof v === 'string' ? v : '';
      deps.push({ name, spec, pinned: /^\d+\.\d+\.\d+(?:-[\w.]+)?$/.test(spec.trim()), group });
    }
  }
  const workspaceRoot = arr(doc.workspaces).length > 0 || arr(doc.workspaces?.packages).length > 0;
  const name = typeof doc.name === 'string' ? doc.name : undefined;
  const shim = !name && !deps.length && !workspaceRoot && !(doc.scripts && Object.keys(doc.scripts).length);
  return { name, deps, ...(workspaceRoot ? { workspaceRoot } : {}), ...(shim ? { shim } : {}) };
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
