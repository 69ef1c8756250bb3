// Which YAML, JSON and .env files the code rules read, and a text pre-filter before parsing one. The editor
// and the workspace scan share both (through checkCode), so a file gets the same answer in either.
//
// The rules look for settings: a model name, a hub id, trust_remote_code, a path in a config. Generated
// files (lock files), interface descriptions (OpenAPI/Swagger), translations and large files (datasets,
// eval records, exported results) are data that mentions those things without configuring anything.
import { personalPathSpans } from './paths';
import { mayMentionAlias } from './models';

/** Configs are small: a larger YAML/JSON file is data (a dataset, eval records, a schema dump). */
export const DATA_FILE_MAX_CHARS = 256 * 1024;

const LOCK_FILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'conda-lock.yml', 'conda-lock.yaml',
  'packages.lock.json', 'bun.lock', 'deno.lock', 'flake.lock', 'pipfile.lock',
]);
// Interface descriptions and schemas, tool settings that name no model.
const NOT_CONFIG_NAME = /^(openapi|swagger|asyncapi)([._-].*)?\.(json|ya?ml)$|\.(openapi|swagger)\.(json|ya?ml)$|(^|\.)schema\.json$|^(tsconfig|jsconfig)([._-].*)?\.json$/;
// Documentation of settings, not settings: .env.example, config.sample.yaml, settings.template.json.
const TEMPLATE_NAME = /(^|[._-])(examples?|samples?|templates?|tmpl|tpl)([._-]|$)/;
// Records rather than settings, by a folder or file name: outputs, results, traces, logs of runs, datasets,
// eval suites (which list the models they compare), translations, test fixtures and recorded responses.
// Each rule here came from reading what a scan of ~150 public AI repositories reported in such files.
const RECORD_WORD = String.raw`results?|outputs?|runs|logs?|traces?|recordings?|predictions?|responses?|transcripts?|generations|completions|snapshots?|cassettes?`;
const RECORD_DIR = new RegExp(String.raw`(^|/)([^/]*[_-])?(${RECORD_WORD})/|(^|/)(data|datasets?|evals?|evaluations?|benchmarks?|locales?|i18n|l10n|translations?|fixtures?|__fixtures__|testdata|test_data|mocks?|__mocks__|__snapshots__)/`);
// Settings of one machine by design: editor and agent folders, and *.local.json-style overrides.
const MACHINE_LOCAL = /(^|\/)\.(vscode|idea|claude|cursor|devcontainer)\/|\.local\.(json|ya?ml)$/;
const RECORD_NAME = new RegExp(String.raw`(^|[._-])(${RECORD_WORD})([._-]|$)`);

/** False for YAML/JSON/.env files that are data or documentation rather than configuration. `lower`: lower-cased path. */
export function isConfigLikeDataFile(lower: string): boolean {
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  const stem = base.replace(/\.(json|ya?ml)$/, '');
  return !LOCK_FILES.has(base) && !base.endsWith('.lock.json') && !NOT_CONFIG_NAME.test(base) && !TEMPLATE_NAME.test(stem) &&
    !RECORD_NAME.test(stem) && !RECORD_DIR.test(lower) && !MACHINE_LOCAL.test(lower);
}

const TRUST = /trust[_-]remote[_-]code/i;
const MODEL_WORD = /model|engine|deployment|tokenizer_name/i;
const HUB_KEY_WORD = /model_name_or_path|base_model|model_id|model_name|tokenizer_name/i;

/**
 * True when a data file's text may hold something a rule reports: trust_remote_code, a personal path, or a
 * model-like key with a hub-id key or a moving alias somewhere. Most files fail every test without a parse.
 */
export function mayHaveDataFindings(text: string): boolean {
  if (TRUST.test(text)) return true;
  if (/Users|home/.test(text) && personalPathSpans(text).length > 0) return true;
  return MODEL_WORD.test(text) && (HUB_KEY_WORD.test(text) || mayMentionAlias(text));
}
