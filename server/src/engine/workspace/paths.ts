// Path helpers: the engine speaks '/'-separated paths relative to the scan root everywhere.
import * as path from 'path';

export function toRel(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return rel === '' ? '.' : rel.split(path.sep).join('/');
}

export function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '.' : rel.slice(0, i);
}

export function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

export function extOf(rel: string): string {
  const b = baseName(rel);
  const i = b.lastIndexOf('.');
  return i <= 0 ? '' : b.slice(i).toLowerCase();
}

/** Joins a folder (possibly '.') and a relative path. */
export function joinRel(dir: string, rel: string): string {
  return dir === '.' || dir === '' ? rel : `${dir}/${rel}`;
}

/** Path of `rel` relative to folder `dir` (both relative to the scan root), or undefined when outside. */
export function relativeTo(dir: string, rel: string): string | undefined {
  if (dir === '.' || dir === '') return rel;
  if (rel === dir) return '.';
  return rel.startsWith(dir + '/') ? rel.slice(dir.length + 1) : undefined;
}

/** Folder chain from `dir` up to '.', nearest first. */
export function ancestorsOf(dir: string): string[] {
  const out: string[] = [];
  let d = dir;
  for (;;) {
    out.push(d);
    if (d === '.') return out;
    d = dirOf(d);
  }
}

export function isInside(dir: string, rel: string): boolean {
  return relativeTo(dir, rel) !== undefined;
}

// Test code: a test folder (tests, test, __tests__, e2e) or test data (fixtures, __fixtures__, __mocks__, testdata),
// or a test file by name (test_x.py, x_test.py, tests.py, conftest.py, x.test.ts, x.spec.js, and type tests
// x.test-d.ts). An eval folder (the deepest of the two kinds) holds an evaluation suite, which runs against real
// models: not test code. Documentation (a docs/doc/documentation folder, and tutorials and cookbooks: notebooks
// and snippets written to teach) and example code are not deployed either.
// Fixture folders are often named for what they hold (snippets-fixtures, golden_fixtures, fixtures-v2): expected
// outputs a test compares against, not product code.
const TEST_DIR_NAME = /^(tests?|__tests__|e2e|fixtures|__fixtures__|__mocks__|__snapshots__|testdata|[\w.-]*[-_]fixtures?|fixtures?[-_][\w.-]*)$/;
const EVAL_DIR_NAME = /^(evals?|evaluations?)$/i;
const DOCS_DIR = /(^|\/)(docs?|documentation|tutorials?|cookbooks?)\//i;
// Example code (examples/, js-examples/, storm_examples/, samples/, demos/): shows how to use the package and is not
// deployed with it. The same words project detection sets aside as secondary folders (projects/secondary.ts);
// a demo or sample named as such (computer-use-demo/) is often a whole app, so only the bare words there.
const EXAMPLES_DIR = /(^|\/)([\w.-]*[-_])?examples?([-_][\w.-]*)?\/|(^|\/)(samples?|demos?)\//i;
const PY_TEST_FILE = /(^|\/)(test_[^/]*\.py|[^/]*_test\.py|tests\.py|conftest\.py)$/;
const EVAL_DIR = /(^|\/)(evals?|evaluations?)\//i;

const JS_TEST_FILE = /\.(test|spec)(-d)?\.[cm]?[jt]sx?$/;

export function isTestPath(rel: string): boolean {
  // A jest/vitest spec is a unit test wherever it sits (src/features/evaluation/judge.test.ts tests the product's
  // evaluation feature); JS eval suites are named otherwise (*.eval.ts, promptfoo configs).
  if (JS_TEST_FILE.test(rel)) return true;
  // The deepest test or eval folder decides: tests/evals/ holds an eval suite, evaluation/tests/ the tests of
  // evaluation code. Below an eval folder, test-named Python files are the suite itself (pytest-based evals).
  const parts = rel.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (TEST_DIR_NAME.test(parts[i])) return true;
    if (EVAL_DIR_NAME.test(parts[i])) return false;
  }
  return PY_TEST_FILE.test(rel);
}

/** Code that does not run in production: tests (not eval suites), documentation and examples. */
export function isTestOrDocsPath(rel: string): boolean {
  return isTestPath(rel) || isDocsPath(rel) || (EXAMPLES_DIR.test(rel) && !isEvalPath(rel));
}

/** Under a docs folder, and not in an eval folder there. */
export function isDocsPath(rel: string): boolean {
  return DOCS_DIR.test(rel) && !isEvalPath(rel);
}

export function isEvalPath(rel: string): boolean {
  return EVAL_DIR.test(rel);
}
