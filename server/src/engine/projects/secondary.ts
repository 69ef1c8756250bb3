// Folders whose code illustrates or checks a package rather than being it: examples, tests and test fixtures
// (also as part of a folder name: js-examples, integration-tests, load_tests, test-suite, snippets-fixtures), docs,
// benchmarks, tutorials, demos, vendored code, hidden folders (.github/…), and the templates a generator copies into new projects (a
// `templates/` folder, or a cookiecutter-style `{{ name }}` folder). Their imports decide nothing while the
// package has other code, and their manifests do not make separate projects. Matched against folder paths only.
// A tutorial or demo named as such (rag_tutorials/x, computer-use-demo) is often a whole app: only the bare words.
const NAMED = String.raw`(?:[\w.-]*[-_])?(?:examples?|tests?|fixtures?)(?:[-_][\w.-]*)?`;
const EXACT = String.raw`samples?|docs?|documentation|testing|__tests__|e2e|benchmarks?|tutorials?|cookbooks?|demos?|playground|fixtures?|third[_-]party|vendor(?:ed)?|contrib|site|website|templates?`;
// A leading underscore (`_website`, `_docs`, as static-site tools name them) keeps the word's meaning.
export const SECONDARY_DIR = new RegExp(String.raw`(?:^|\/)(?:${NAMED}|_?(?:${EXACT})|[^/]*\{\{[^/]*|\.[^/]+)(?:\/|$)`, 'i');

/** Test suites and their fixtures (tests/, integration-tests/, __tests__/, e2e/, testdata/): checks, never the system. */
export const TEST_DIR = new RegExp(String.raw`(?:^|\/)(?:(?:[\w.-]*[-_])?(?:tests?|fixtures?)(?:[-_][\w.-]*)?|testing|testdata|__tests__|e2e)(?:\/|$)`, 'i');

const ILLUSTRATION = /^_?(?:(?:[\w.-]*[-_])?examples?(?:[-_][\w.-]*)?|samples?|tutorials?|cookbooks?|demos?)$/i;

/**
 * A secondary folder only because it sits in examples, samples, tutorials, cookbooks or demos (not tests, docs,
 * fixtures, templates or vendored code): what a repository that is a collection of examples is made of.
 */
export function isIllustrationDir(dir: string): boolean {
  let illustration = false;
  for (const segment of dir.split('/')) {
    if (!SECONDARY_DIR.test(segment)) continue;
    if (!ILLUSTRATION.test(segment)) return false;
    illustration = true;
  }
  return illustration;
}
