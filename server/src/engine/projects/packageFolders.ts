// Which manifest folders are packages after all, once every manifest is read: a manifest of another ecosystem
// that declares nothing does not take a folder's code from the package it belongs to, and the folder a
// pyproject.toml builds its package from is that package's source.
import type { CrawledFile } from '../workspace/crawl';
import { ancestorsOf, baseName, dirOf, joinRel } from '../workspace/paths';
import { codeLanguageOf } from './imports';
import { isRequirementsFile } from './manifests';
import type { Package } from './workspaceModel';

/** A JS/TS tool's settings (`gradio.config.js`, `vite.config.ts`, `.eslintrc.js`): no package code. */
const JS_CONFIG_FILE = /(?:^\.|\.config\.[cm]?[jt]s$|rc\.[cm]?js$)/i;

/**
 * A package.json that declares no dependency of any kind and no workspace, in a folder whose code is all Python
 * (gradio's `gradio/package.json`, a name and a version so its JS tooling can version the Python package), makes
 * no package: the Python code belongs to the Python manifest above it. Removes those manifests (and the packages
 * left without any) and returns the folders so decided, kept or not.
 */
export function dropForeignLanguageManifests(packages: Map<string, Package>, files: CrawledFile[], extraRoots: string[]): string[] {
  const candidates = new Set<string>();
  for (const pkg of packages.values()) {
    if (pkg.dir !== '.' && !extraRoots.includes(pkg.dir) && pkg.manifests.some(isBareNodeManifest)) candidates.add(pkg.dir);
  }
  if (candidates.size === 0) return [];
  const python = new Set<string>();
  const js = new Set<string>();
  for (const f of files) {
    const lang = codeLanguageOf(f.rel);
    if (!lang) continue;
    const isJs = lang === 'js';
    if (isJs && JS_CONFIG_FILE.test(baseName(f.rel))) continue;
    for (const d of ancestorsOf(dirOf(f.rel))) if (candidates.has(d)) (isJs ? js : python).add(d);
  }
  for (const dir of candidates) {
    if (js.has(dir) || !python.has(dir)) continue;
    const pkg = packages.get(dir)!;
    pkg.manifests = pkg.manifests.filter((m) => !isBareNodeManifest(m));
    if (pkg.manifests.length === 0) packages.delete(dir);
  }
  return [...candidates];
}

function isBareNodeManifest(m: Package['manifests'][number]): boolean {
  return m.ecosystem === 'node' && !m.error && m.deps.length === 0 && !m.workspaceRoot;
}

/**
 * A folder that a pyproject.toml above names as where its packages live (setuptools `packages.find.where`,
 * `package-dir`), and that has only requirements files of its own (feast's sdk/python/requirements/*.txt, the
 * compiled environments of the repository-root package), is that package's source, not a package of its own.
 */
export function foldSourceDirs(packages: Map<string, Package>, extraRoots: string[]): void {
  for (const pkg of [...packages.values()]) {
    for (const m of pkg.manifests) {
      for (const sourceDir of m.sourceDirs ?? []) {
        const dir = joinRel(pkg.dir, sourceDir);
        const source = packages.get(dir);
        if (!source || source === pkg || extraRoots.includes(dir) || !source.manifests.every((s) => s.ecosystem === 'python' && isRequirementsFile(s.file))) continue;
        pkg.manifests.push(...source.manifests);
        packages.delete(dir);
      }
    }
  }
}
