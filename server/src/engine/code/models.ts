// The catalogue of moving hosted-model aliases (rules/models.yaml) and the hub-id test used by
// `unpinned-model-version`.
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';

export interface ModelCatalog {
  /** alias -> dated snapshot to pin instead */
  aliases: Map<string, string>;
  /** Suffixes that make any name a moving alias (e.g. -latest). */
  aliasSuffixes: string[];
}

/** Parses the YAML text of rules/models.yaml; throws with a clear message on a malformed file. */
export function parseModelCatalog(text: string): ModelCatalog {
  const data = parseYaml(text) as { aliases?: unknown; aliasSuffixes?: unknown } | null;
  if (!data || typeof data !== 'object' || !data.aliases || typeof data.aliases !== 'object') {
    throw new Error('models.yaml: expected a mapping `aliases: {alias: snapshot}`');
  }
  const aliases = new Map<string, string>();
  for (const [alias, snapshot] of Object.entries(data.aliases as Record<string, unknown>)) {
    if (typeof snapshot !== 'string' || !snapshot) throw new Error(`models.yaml: alias ${alias} has no snapshot`);
    aliases.set(alias.toLowerCase(), snapshot);
  }
  const suffixes = Array.isArray(data.aliasSuffixes) ? data.aliasSuffixes.filter((s): s is string => typeof s === 'string') : [];
  return { aliases, aliasSuffixes: suffixes };
}

/** rules/models.yaml, found by walking up from this file (dist/ bundle or out/ test build). */
export function findModelCatalogFile(from = __dirname): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'rules', 'models.yaml');
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

let cached: ModelCatalog | undefined;
// LiteLLM-style `openai/gpt-4o` and LangChain/pydantic-ai-style `openai:gpt-4o` (init_chat_model's format). Local
// runtimes (ollama:, `llama3:8b` tags) are left out: their names are never a hosted alias. `openai://` is a URL.
const PROVIDER_PREFIX = new RegExp(
  '^(?:(?:openai|azure|azure_ai|anthropic|gemini|vertex_ai|mistral|groq|openrouter/[\\w-]+|bedrock)/' +
  '|(?:openai|azure_openai|azure_ai|anthropic|google_genai|google_vertexai|google-gla|google-vertex|google_anthropic_vertex|' +
  'gemini|vertexai|mistral|mistralai|groq|bedrock|bedrock_converse|openrouter|together|fireworks|deepseek|xai|perplexity):(?!/))',
  'i',
);
/** A user-named Azure OpenAI deployment (`azure/gpt-4o` in LiteLLM, `azure_openai:gpt-4o` in LangChain). */
const AZURE_DEPLOYMENT = /^azure(?:_openai)?[/:](?!\/)/i;

/**
 * True when a model string names an Azure deployment, whose model version is set on the deployment, not by the name:
 * an `azure/` prefix, or a value given to a deployment slot (`azure_deployment=`, `deployment_name=`).
 */
export function isAzureDeploymentName(name: string, slot = ''): boolean {
  return AZURE_DEPLOYMENT.test(name.trim()) || /deployment/i.test(slot);
}

/** The built-in catalogue, loaded once; an empty one if the file is missing or broken (never throws). */
export function modelCatalog(): ModelCatalog {
  if (cached) return cached;
  try {
    const file = findModelCatalogFile();
    cached = file ? parseModelCatalog(fs.readFileSync(file, 'utf8')) : { aliases: new Map(), aliasSuffixes: ['-latest'] };
  } catch {
    cached = { aliases: new Map(), aliasSuffixes: ['-latest'] };
  }
  return cached;
}

/** The snapshot to suggest when `name` is a moving alias, '' for a suffix alias with no known snapshot. */
export function movingAliasSnapshot(name: string): string | undefined {
  const catalog = modelCatalog();
  // Provider prefixes (openai/gpt-4o, openai:gpt-4o) name the same hosted model.
  const key = name.trim().replace(PROVIDER_PREFIX, '');
  // Provider model ids are lower-case: "GPT-4o" is a display label (a model picker's name), not an id.
  if (key !== key.toLowerCase()) return undefined;
  const snapshot = catalog.aliases.get(key);
  if (snapshot !== undefined) return snapshot;
  // `org/name-latest` (after any provider prefix) is a Hugging Face repo whose name ends so: a hub id, which the
  // hub rule asks to pin with revision=, not a provider's moving alias.
  if (/\s/.test(key) || key.length > 80 || key.includes('/')) return undefined;
  return catalog.aliasSuffixes.some((s) => key.endsWith(s) && key.length > s.length) ? '' : undefined;
}

/**
 * True when `key` names a hosted model: a moving alias, a dated snapshot of one (`gpt-4-turbo-2024-04-09`,
 * `gpt-4-32k`) or Azure's spelling of one (`gpt-35-turbo`). A table keyed by such names (an Azure deployment
 * map, a price list) lists the models on offer; the model names in its entries are not a model the code uses.
 */
export function isModelNameKey(key: string): boolean {
  const k = key.trim().toLowerCase().replace(PROVIDER_PREFIX, '').replace(/^gpt-35(?=-|$)/, 'gpt-3.5');
  if (movingAliasSnapshot(k) !== undefined) return true;
  for (const alias of modelCatalog().aliases.keys()) if (alias.length >= 4 && k.startsWith(alias) && k.charAt(alias.length) === '-') return true;
  return false;
}

const aliasPatterns = new Map<string, RegExp>();

/**
 * Quoted tokens that may be moving aliases (`"gpt-4o"`, `'openai/gpt-4o'`, `"x-latest"`), quoted with one of
 * `quotes`, for a global search whose group 2 is the token. A superset of what movingAliasSnapshot accepts,
 * so callers still screen each hit with it; but a text's ordinary strings ("rank", "id") fail at their first
 * characters inside the regex engine instead of each becoming a match object and a catalogue lookup (a
 * large share of a cold scan's garbage).
 */
export function aliasCandidatePattern(quotes: string): RegExp {
  let pattern = aliasPatterns.get(quotes);
  if (!pattern) {
    const catalog = modelCatalog();
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    const names = [...catalog.aliases.keys()].sort((a, b) => b.length - a.length).map(escape);
    const suffixes = catalog.aliasSuffixes.map(escape);
    const q = `[${quotes.replace(/[\]\\^-]/g, '\\$&')}]`;
    // Provider prefixes (openai/, openrouter/meta/) are any one or two leading path segments here.
    const exact = names.length ? `(?:[\\w.-]+:)?(?:[\\w.:-]+\\/){0,2}(?:${names.join('|')})${q}` : '';
    const suffix = suffixes.length ? `[\\w./:-]*?(?:${suffixes.join('|')})${q}` : '';
    const screen = [exact, suffix].filter(Boolean).join('|') || '(?!)';
    pattern = new RegExp(`(${q})(?=${screen})([\\w./:-]{1,80})\\1`, 'gi');
    aliasPatterns.set(quotes, pattern);
  }
  return pattern;
}

let mentionPattern: RegExp | undefined;

/**
 * A pre-filter for data files: true when the text may hold a moving alias anywhere (quoted or not, as
 * YAML values often are). A superset of what movingAliasSnapshot accepts; no boundaries, no quotes.
 */
export function mayMentionAlias(text: string): boolean {
  if (!mentionPattern) {
    const catalog = modelCatalog();
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    const names = [...catalog.aliases.keys(), ...catalog.aliasSuffixes].sort((a, b) => b.length - a.length).map(escape);
    mentionPattern = names.length ? new RegExp(names.join('|'), 'i') : /(?!)/;
  }
  return mentionPattern.test(text);
}

// Branch and tag names that move like the default branch: a revision set to one of them is not a pin.
const MOVING_REVISION = /^(main|master|dev|develop|development|latest|head|stable|nightly|trunk|refs\/heads\/.+)$/i;

/** True when a revision= value names a moving ref (a branch such as "main") rather than a commit or a release tag. */
export function isMovingRevision(value: string): boolean {
  return MOVING_REVISION.test(value.trim());
}

// First path segments that mean a local folder, not a Hugging Face organisation.
const LOCAL_DIRS = new Set([
  'model', 'models', 'checkpoint', 'checkpoints', 'ckpt', 'ckpts', 'output', 'outputs', 'out', 'saved_model',
  'saved_models', 'artifacts', 'artefacts', 'weights', 'data', 'tmp', 'temp', 'runs', 'results', 'pretrained',
  'experiments', 'exp', 'logs', 'cache', 'local', 'src', 'resources', 'assets', 'trained', 'finetuned', 'export',
]);
// Legacy hub ids without an organisation (bert-base-uncased, gpt2, t5-small, ...).
const CANONICAL_BARE = /^(bert|distilbert|roberta|distilroberta|gpt2|distilgpt2|t5|xlm|xlnet|albert|bart|electra|camembert|openai-gpt|ctrl|transfo-xl|flaubert|longformer|deberta)([-.\w]*)$/i;

/**
 * True when a from_pretrained()/pipeline() argument is a Hugging Face hub id rather than a local path:
 * `org/name` (one slash, org not a usual local folder name) or a legacy canonical bare id.
 * `./model`, `/models/x`, `C:\x`, `~/x`, `models/bert`, file names with an extension are local.
 */
export function isHubModelId(value: string): boolean {
  const v = value.trim();
  if (!v || v.length > 120) return false;
  if (/^[./~\\$%{<]/.test(v) || /^[a-z]:/i.test(v) || v.includes('\\') || v.includes('..')) return false;
  if (/\.(bin|pt|pth|ckpt|safetensors|json|onnx|h5|pkl|gguf|msgpack)$/i.test(v)) return false;
  const m = /^([A-Za-z0-9][\w.-]*)(?:\/([\w.-]+))?$/.exec(v);
  if (!m) return false;
  if (m[2] !== undefined) return !LOCAL_DIRS.has(m[1].toLowerCase());
  return CANONICAL_BARE.test(v);
}
