// Folders whose code illustrates or checks a package rather than being it: examples, docs, tests,
// benchmarks, tutorials, vendored code, test suites of any name (integration-tests, load_tests, test-suite, e2e),
// hidden folders (.github/…), and the templates a generator copies into new projects (a `templates/` folder, or
// a cookiecutter-style `{{ name }}` folder). Their imports decide nothing while the package has other code, and
// their manifests do not make separate projects.
export const SECONDARY_DIR = /(?:^|\/)(?:examples?|samples?|docs?|documentation|tests?|testing|__tests__|[\w.-]*[-_]tests?|tests?[-_][\w.-]+|e2e|benchmarks?|tutorials?|cookbooks?|demos?|playground|fixtures?|third[_-]party|vendor(?:ed)?|contrib|site|website|templates?|[^/]*\{\{[^/]*|\.[^/]+)(?:\/|$)/i;
