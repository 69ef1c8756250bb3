// Cloud Build configs known by their content: `gcloud builds submit --config ci/pipeline-deployment.yaml` takes
// any file name, so a config outside a top-level cloudbuild*.yaml is read to tell it from other YAML. Only YAML
// whose path suggests a build or deploy role is read (ci/, deploy/, *-pipeline.yaml, ...): reading every YAML file
// of a large repository to find one config would cost more than it finds. (A `build/` folder is never listed: it
// is build output to the crawl.)
import type { ProjectScope, ScopedFile } from '../rules/projectScope';
import { compileGlob } from '../rules/checkDef';

const YAML_FILES = compileGlob('**/*.{yaml,yml}');
/** A path word that names a build or delivery role, in a folder or the file name. */
const BUILD_ROLE_PATH = /(?:^|[/_.-])(?:builds?|cloudbuild|gcb|ci|cd|cicd|deploy\w*|pipelines?|release\w*)(?=[/_.-]|$)/i;
/** Deeper than this below its package a file is someone's data or test fixture, not the project's build. */
const MAX_DEPTH = 3;
const MAX_BYTES = 256 * 1024;

/** A top-level `steps:` key: Cloud Build's shape (GitHub composite actions and Tekton nest theirs). */
const TOP_LEVEL_STEPS = /^steps:[ \t]*(?:#.*)?$/m;
/** A step run in one of Google's builder images or an image in Artifact / Container Registry. */
const BUILDER_IMAGE = /^[ \t]*-?[ \t]*name:[ \t]*["']?(?:[a-z0-9-]+\.)?gcr\.io\/|^[ \t]*-?[ \t]*name:[ \t]*["']?[a-z0-9-]+-docker\.pkg\.dev\//m;
/** A step in Cloud Build's own words: a `name:` image given `entrypoint:` or `args:` (Drone and Woodpecker use `image:` and `commands:`). */
const BUILD_STEP = /^-[ \t]+name:[^\n]*\n(?:[ \t]+[^\n]*\n)*?[ \t]+(?:entrypoint|args)[ \t]*:/m;
const OTHER_STEP_SHAPE = /^[ \t]+(?:image|commands|uses|run)[ \t]*:/m;

const verdicts = new Map<string, boolean>();

/** The scope's Cloud Build configs outside the conventional names, in listing order. */
export function cloudBuildConfigsOf(scope: ProjectScope, known: ReadonlySet<string>): ScopedFile[] {
  const out: ScopedFile[] = [];
  for (const f of scope.matching(YAML_FILES)) {
    if (known.has(f.rel) || f.size === 0 || f.size > MAX_BYTES) continue;
    if (f.local.split('/').length > MAX_DEPTH || !BUILD_ROLE_PATH.test(f.local)) continue;
    const text = scope.model.store.read(f.rel);
    if (text !== null && isCloudBuildConfig(text)) out.push(f);
  }
  return out;
}

/** True when a YAML text is a Cloud Build config: top-level `steps:` run in builder images or with entrypoints/args. */
export function isCloudBuildConfig(text: string): boolean {
  let verdict = verdicts.get(text);
  if (verdict === undefined) {
    if (verdicts.size >= 256) verdicts.clear();
    verdict = TOP_LEVEL_STEPS.test(text) && (BUILDER_IMAGE.test(text) || (BUILD_STEP.test(text) && !OTHER_STEP_SHAPE.test(text)));
    verdicts.set(text, verdict);
  }
  return verdict;
}
