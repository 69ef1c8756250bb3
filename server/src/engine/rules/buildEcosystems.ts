// The ecosystems a project's own package is built with, beyond the Python and JS/TS its AI code is detected in:
// a go.mod, a Cargo.toml or a Maven/Gradle build makes the folder a Go, Rust or JVM package, whose tests and lock
// files are that ecosystem's (go test's *_test.go, cargo's #[test] and Cargo.lock, JUnit under src/test/).
import type { Manifest } from '../projects/manifests';
import { baseName } from '../workspace/paths';

export type BuildEcosystem = 'go' | 'rust' | 'jvm';
export const BUILD_ECOSYSTEMS: readonly BuildEcosystem[] = ['go', 'rust', 'jvm'];

const BY_MANIFEST: Record<string, BuildEcosystem> = {
  'go.mod': 'go', 'cargo.toml': 'rust', 'pom.xml': 'jvm', 'build.gradle': 'jvm', 'build.gradle.kts': 'jvm',
};

/** The Go, Rust or JVM ecosystem a manifest file's name says it builds, if any. */
export function buildEcosystemOf(manifestFile: string): BuildEcosystem | undefined {
  return BY_MANIFEST[baseName(manifestFile).toLowerCase()];
}

/** The Go, Rust and JVM ecosystems of a project's own manifests, in a fixed order. */
export function buildEcosystemsOf(manifests: readonly Manifest[]): BuildEcosystem[] {
  const found = new Set(manifests.map((m) => buildEcosystemOf(m.file)));
  return BUILD_ECOSYSTEMS.filter((e) => found.has(e));
}
