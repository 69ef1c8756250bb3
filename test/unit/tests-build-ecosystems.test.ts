// The tests check in a package built by go.mod, Cargo.toml or Maven: the ecosystem's own test conventions count
// (go test, cargo test, JUnit), checked by content like the Python and JS ones; in a project that ecosystem does
// not build, they do not.
import { CheckCase, itCases, ML_BASE } from './engine-support.test';

/** The AI evidence of each base: a training script beside the package's own code. */
const TRAIN_PY = 'from sklearn.linear_model import LogisticRegression\n\ndef fit(x, y):\n    return LogisticRegression().fit(x, y)\n';

const GO_BASE = {
  'go.mod': 'module example.com/scorer\n\ngo 1.22\n',
  'main.go': 'package main\n\nfunc main() {}\n',
  'scripts/train.py': TRAIN_PY,
};
const RUST_BASE = {
  'Cargo.toml': '[package]\nname = "scorer"\nversion = "0.1.0"\nedition = "2021"\n',
  'src/lib.rs': 'pub fn score(x: f32) -> f32 {\n    x * 2.0\n}\n',
  'scripts/train.py': TRAIN_PY,
};
const JVM_BASE = {
  'pom.xml': '<project><modelVersion>4.0.0</modelVersion><groupId>com.example</groupId><artifactId>scorer</artifactId><version>1.0</version></project>\n',
  'src/main/java/com/example/Scorer.java': 'package com.example;\n\npublic class Scorer {\n  public static double score(double x) { return 2 * x; }\n}\n',
  'scripts/train.py': TRAIN_PY,
};

const GO_TEST = 'package main\n\nimport "testing"\n\nfunc TestScore(t *testing.T) {\n\tif got := score(1); got != 2 {\n\t\tt.Errorf("score(1) = %v", got)\n\t}\n}\n';
const RUST_INLINE = 'pub fn score(x: f32) -> f32 {\n    x * 2.0\n}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn doubles() {\n        assert_eq!(score(1.0), 2.0);\n    }\n}\n';
const JUNIT = 'package com.example;\n\nimport org.junit.jupiter.api.Test;\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\nclass ScorerTest {\n  @Test\n  void doubles() {\n    assertEquals(2.0, Scorer.score(1.0));\n  }\n}\n';

const cases: CheckCase[] = [
  { name: 'a Go test function in a go.mod package', base: GO_BASE, files: { 'score_test.go': GO_TEST }, status: 'pass', evidence: 'score_test.go' },
  {
    name: 'a testify suite method in a go.mod package', base: GO_BASE,
    files: { 'pkg/store/store_test.go': 'package store\n\nfunc (s *StoreSuite) TestPut() {\n\ts.Require().NoError(s.store.Put("k", 1))\n}\n' },
    status: 'pass', evidence: 'pkg/store/store_test.go',
  },
  {
    name: 'a _test.go file with only helpers (lower-case test functions are not run)', base: GO_BASE,
    files: { 'helpers_test.go': 'package main\n\nfunc testdataPath(name string) string {\n\treturn "testdata/" + name\n}\n' },
    status: 'fail', state: 'absent',
  },
  { name: 'a Go test in a Python project (no go.mod builds it)', base: ML_BASE, files: { 'tools/lint/lint_test.go': GO_TEST }, status: 'fail', state: 'absent' },
  { name: 'a #[test] in a #[cfg(test)] module of a Cargo crate', base: RUST_BASE, files: { 'src/lib.rs': RUST_INLINE }, status: 'pass', evidence: 'src/lib.rs' },
  {
    name: 'a tokio test in tests/*.rs of a Cargo crate', base: RUST_BASE,
    files: { 'tests/api.rs': 'use scorer::score;\n\n#[tokio::test]\nasync fn serves() {\n    assert!(score(1.0) > 0.0);\n}\n' },
    status: 'pass', evidence: 'tests/api.rs',
  },
  {
    name: 'a #[cfg(test)] helper module with no #[test], and an empty tests/smoke.rs', base: RUST_BASE,
    files: { 'src/fixtures.rs': '#[cfg(test)]\npub mod fixtures {\n    pub fn tensor() -> Vec<f32> {\n        vec![1.0, 2.0]\n    }\n}\n', 'tests/smoke.rs': '' },
    status: 'fail', state: 'absent',
  },
  { name: 'a Rust test in a Python project (no Cargo.toml builds it)', base: ML_BASE, files: { 'native/src/lib.rs': RUST_INLINE }, status: 'fail', state: 'absent' },
  { name: 'a JUnit @Test under src/test/ of a Maven package', base: JVM_BASE, files: { 'src/test/java/com/example/ScorerTest.java': JUNIT }, status: 'pass', evidence: 'src/test/java/com/example/ScorerTest.java' },
  {
    name: 'a class under src/test/ with no @Test method', base: JVM_BASE,
    files: { 'src/test/java/com/example/Fixtures.java': 'package com.example;\n\nclass Fixtures {\n  static double[] sample() { return new double[] {1.0, 2.0}; }\n}\n' },
    status: 'fail', state: 'absent',
  },
];

describe('tests check: Go, Rust and JVM packages', () => itCases('tests', cases));
