// Lock files of the Go and Rust packages a project is built as (its own go.mod or Cargo.toml): go.sum records the
// exact module versions and checksums a Go build uses, Cargo.lock the exact crate versions. JVM builds have no
// standard lock file, so a Maven or Gradle package is not judged here.
import type { Evidence } from '../types';
import type { ProjectScope } from '../rules/projectScope';
import type { BuildEcosystem } from '../rules/buildEcosystems';
import { ancestorsOf, baseName, dirOf, joinRel } from '../workspace/paths';
import { workspaceIncludes } from './workspaceMembers';

export type LockedBuild = 'go' | 'rust';
export const LOCKED_BUILDS: readonly BuildEcosystem[] = ['go', 'rust'];

export interface BuildLockOutcome { evidence?: Evidence; gap?: string }

/** The lock of a Go or Rust package: its evidence, or a sentence saying what is missing. */
export function buildLockOf(scope: ProjectScope, eco: LockedBuild): BuildLockOutcome {
  const root = scope.project.root;
  const ancestors = ancestorsOf(root);
  const lockName = eco === 'go' ? 'go.sum' : 'cargo.lock';
  // go.sum sits beside its go.mod; a Cargo.lock also at the root of a Cargo workspace that has the crate as a member.
  const locks = scope.files.filter((f) => baseName(f.lower) === lockName && f.size > 0
    && (dirOf(f.rel) === root || (eco === 'rust' && ancestors.includes(dirOf(f.rel)) && workspaceIncludes(scope.model.store, dirOf(f.rel), 'rust', root))));
  locks.sort((a, b) => ancestors.indexOf(dirOf(a.rel)) - ancestors.indexOf(dirOf(b.rel)));
  if (locks.length) return { evidence: { file: locks[0].rel, note: eco === 'go' ? 'Go lock file' : 'Rust lock file' } };
  if (eco === 'go') {
    const goMod = joinRel(root, 'go.mod');
    // A module that requires nothing has nothing to lock (go mod tidy writes no go.sum for it).
    if (!/^\s*require\b/m.test(scope.model.store.read(goMod) ?? 'require')) return { evidence: { file: goMod, note: 'Go module requiring no other modules' } };
    return { gap: 'No go.sum beside the Go module\'s go.mod: commit it (go mod tidy writes it) so builds verify the exact module versions.' };
  }
  const ignoredBy = ancestors.map((dir) => joinRel(dir, '.gitignore')).find((f) => /^\/?(?:\*\*\/)?Cargo\.lock[ \t]*$/m.test(scope.model.store.read(f) ?? ''));
  return {
    gap: ignoredBy
      ? `No Rust lock file: Cargo.lock is gitignored (${ignoredBy}), so each build resolves the newest crate versions Cargo.toml allows; take it out of .gitignore and commit it.`
      : 'No Rust lock file: commit Cargo.lock (cargo generate-lockfile writes it) so each build uses the exact crate versions.',
  };
}
