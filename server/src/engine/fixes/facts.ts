// Facts a scaffold fills in: language, entry point, test runner and the LLM provider/model in use.
import * as path from 'path';
import type { Project } from '../types';
import { listProjectFiles, readSmallText } from './crawl';
import type { FixContext, Language, LlmProvider, ProjectFacts } from './types';
import { isEvalPath, isTestPath } from '../workspace/paths';
import { fillIn } from './templates';

interface ProviderSpec {
  id: string;
  frameworks: string[];
  modelPattern: RegExp;
  defaultModel: string;
  promptfoo: (model: string) => string;
  nemoEngine: string;
  envVar: string;
}

const PROVIDERS: ProviderSpec[] = [
  { id: 'openai', frameworks: ['openai', 'langchain_openai', 'langchain-openai', '@langchain/openai'], modelPattern: /^(gpt-|o[134](-|$)|chatgpt-)/i, defaultModel: 'gpt-4o-mini', promptfoo: m => `openai:chat:${m}`, nemoEngine: 'openai', envVar: 'OPENAI_API_KEY' },
  { id: 'anthropic', frameworks: ['anthropic', '@anthropic-ai/sdk', 'langchain_anthropic', '@langchain/anthropic'], modelPattern: /^claude-/i, defaultModel: 'claude-3-5-haiku-latest', promptfoo: m => `anthropic:messages:${m}`, nemoEngine: 'anthropic', envVar: 'ANTHROPIC_API_KEY' },
  { id: 'google', frameworks: ['google.generativeai', 'google-generativeai', 'google.genai', 'google-genai', '@google/generative-ai', '@google/genai', 'langchain_google_genai'], modelPattern: /^gemini-/i, defaultModel: 'gemini-1.5-flash', promptfoo: m => `google:${m}`, nemoEngine: 'google_genai', envVar: 'GOOGLE_API_KEY' },
  { id: 'mistral', frameworks: ['mistralai', '@mistralai/mistralai'], modelPattern: /^(mistral-|mixtral-|codestral-|open-mistral)/i, defaultModel: 'mistral-small-latest', promptfoo: m => `mistral:${m}`, nemoEngine: 'mistralai', envVar: 'MISTRAL_API_KEY' },
  { id: 'cohere', frameworks: ['cohere', 'cohere-ai'], modelPattern: /^command/i, defaultModel: 'command-r', promptfoo: m => `cohere:${m}`, nemoEngine: 'cohere', envVar: 'COHERE_API_KEY' },
  { id: 'groq', frameworks: ['groq', 'groq-sdk'], modelPattern: /^(llama|mixtral|gemma)/i, defaultModel: 'llama-3.1-8b-instant', promptfoo: m => `groq:${m}`, nemoEngine: 'groq', envVar: 'GROQ_API_KEY' },
  { id: 'ollama', frameworks: ['ollama'], modelPattern: /^(llama|mistral|phi|qwen|gemma)/i, defaultModel: 'llama3', promptfoo: m => `ollama:chat:${m}`, nemoEngine: 'ollama', envVar: '' },
];

const isEmbeddingModel = (m: string) => /embed/i.test(m);

/** The hosted LLM provider and model the project uses, from its model ids first, then its client libraries. */
export function detectLlmProvider(project: Pick<Project, 'frameworks' | 'modelIds'>): LlmProvider | undefined {
  const frameworks = new Set(project.frameworks.map(f => f.toLowerCase()));
  const chatModels = project.modelIds.filter(m => !isEmbeddingModel(m));
  for (const spec of PROVIDERS) {
    const usesClient = spec.frameworks.some(f => frameworks.has(f));
    // Model-name families shared by several hosts (llama on groq/ollama) only count with that host's client.
    const shared = spec.id === 'groq' || spec.id === 'ollama';
    const model = chatModels.find(m => spec.modelPattern.test(m));
    if (model && (!shared || usesClient)) return provider(spec, model, true);
  }
  for (const spec of PROVIDERS) {
    // No model id in the code: the provider's default, marked as assumed so scaffolds say so.
    if (spec.frameworks.some(f => frameworks.has(f))) return provider(spec, spec.defaultModel, false);
  }
  return undefined;
}

function provider(spec: ProviderSpec, model: string, detected: boolean): LlmProvider {
  return { id: spec.id, model, promptfoo: spec.promptfoo(model), nemoEngine: spec.nemoEngine, envVar: spec.envVar, detected };
}

// Modules that serve or call the system, best first. Training scripts, setup.py and config files are never
// picked: importing them starts a run, installs, or only sets values (nanoGPT's train.py trains on import).
const PY_ENTRIES = ['app.py', 'main.py', 'serve.py', 'server.py', 'api.py', 'cli.py', 'app/main.py', 'app/app.py', 'app/__init__.py', 'src/main.py',
  'src/app.py', 'src/serve.py', 'src/api.py', 'api/main.py', 'predict.py', 'inference.py', 'model.py', 'models.py', 'src/model.py'];
const PY_NEVER = /(^|\/)(train[^/]*|setup|conftest|manage|noxfile|fabfile|tasks|[^/]*config[^/]*|configurator|settings|prepare[^/]*|download[^/]*)\.py$/i;
// Neither tests nor eval suites are a project's entry point.
const isTestOrEval = (f: string) => isTestPath(f) || isEvalPath(f);
const NODE_ENTRIES = ['src/index.ts', 'src/index.js', 'index.ts', 'index.js', 'src/main.ts', 'src/app.ts', 'app.js', 'server.js', 'src/server.ts', 'main.js', 'app.ts', 'server.ts',
  'src/index.mjs', 'index.mjs', 'src/app/page.tsx', 'app/page.tsx', 'src/pages/index.tsx', 'pages/index.tsx', 'pages/index.js', 'src/App.tsx', 'src/App.jsx'];
/** Tool configuration (next.config.mjs, vite.config.ts, .eslintrc.js, jest.config.js…): never an entry point. */
const NODE_NEVER = /(^|\/)([^/]*\.config\.[cm]?[jt]s|\.[^/]*rc\.[cm]?js|[^/]*rc\.[cm]?js|Gruntfile\.js|gulpfile\.[cm]?js|webpack[^/]*\.js|\.?prettier[^/]*|\.?eslint[^/]*)$/i;

function detectLanguage(project: Project, files: string[]): Language {
  if (project.manifest && path.posix.basename(project.manifest) === 'package.json') return 'node';
  if (project.manifest) return 'python';
  const py = files.filter(f => f.endsWith('.py') || f.endsWith('.ipynb')).length;
  const js = files.filter(f => /\.[cm]?[jt]sx?$/.test(f)).length;
  return js > py ? 'node' : 'python';
}

/** A package.json entry field (`main`, `module`, `exports["."]`, `bin`) as a project-relative path. */
function packageEntries(pkg: Record<string, unknown>): string[] {
  const out: unknown[] = [pkg.main, pkg.module];
  const exp = pkg.exports;
  if (typeof exp === 'string') out.push(exp);
  else if (exp && typeof exp === 'object') {
    const dot = (exp as Record<string, unknown>)['.'] ?? exp;
    if (typeof dot === 'string') out.push(dot);
    else if (dot && typeof dot === 'object') out.push(...['require', 'import', 'node', 'default'].map(k => (dot as Record<string, unknown>)[k]));
  }
  const bin = pkg.bin;
  if (typeof bin === 'string') out.push(bin);
  else if (bin && typeof bin === 'object') out.push(...Object.values(bin as Record<string, unknown>));
  return out.filter((v): v is string => typeof v === 'string').map(v => path.posix.normalize(v.replace(/^\.\//, '')));
}

const depth = (f: string) => f.split('/').length;

export function detectEntryPoint(language: Language, files: string[], packageJson: Record<string, unknown>): string | undefined {
  const present = new Set(files);
  if (language === 'node') {
    const declared = packageEntries(packageJson).find(f => present.has(f) && !NODE_NEVER.test(f));
    if (declared) return declared;
    const named = NODE_ENTRIES.find(f => present.has(f));
    if (named) return named;
    const candidates = files.filter(f => /\.[cm]?[jt]sx?$/.test(f) && !f.endsWith('.d.ts') && !isTestOrEval(f) && !NODE_NEVER.test(f) && !f.startsWith('.') && !f.includes('node_modules/'));
    return candidates.sort((a, b) => depth(a) - depth(b))[0];
  }
  const named = PY_ENTRIES.find(f => present.has(f));
  if (named) return named;
  const pkgInit = files.find(f => /^src\/[A-Za-z_][A-Za-z0-9_]*\/__init__\.py$/.test(f)) ?? files.find(f => /^[A-Za-z_][A-Za-z0-9_]*\/__init__\.py$/.test(f) && !isTestOrEval(f));
  if (pkgInit) return pkgInit;
  const candidates = files.filter(f => f.endsWith('.py') && !isTestOrEval(f) && !f.startsWith('.') && !PY_NEVER.test(f));
  return candidates.sort((a, b) => depth(a) - depth(b))[0];
}

/** True when package.json has a test script that runs something (not npm init's "no test specified" stub). */
export function hasTestScript(pkg: Record<string, unknown>): boolean {
  const scripts = pkg.scripts as Record<string, unknown> | undefined;
  const test = scripts && typeof scripts === 'object' ? scripts.test : undefined;
  return typeof test === 'string' && test.trim() !== '' && !/no test specified/i.test(test);
}

function nodeTestRunner(pkg: Record<string, unknown>): ProjectFacts['nodeTestRunner'] {
  const deps = { ...(pkg.dependencies as object | undefined), ...(pkg.devDependencies as object | undefined) } as Record<string, unknown>;
  if ('vitest' in deps) return 'vitest';
  if ('jest' in deps) return 'jest';
  if ('mocha' in deps) return 'mocha';
  return 'node';
}

export function gatherFacts(ctx: FixContext): ProjectFacts {
  const project = ctx.project;
  const rel = project.root === '' ? '.' : project.root;
  const dir = path.resolve(ctx.scanRoot, rel);
  const files = listProjectFiles(dir);
  const language = detectLanguage(project, files);
  let packageJson: Record<string, unknown> = {};
  if (language === 'node') {
    try {
      const parsed: unknown = JSON.parse(readSmallText(path.join(dir, 'package.json')) ?? '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) packageJson = parsed as Record<string, unknown>;
    } catch {
      // malformed package.json: use no facts from it
    }
  }
  return {
    rel, dir, name: (project.name || path.basename(dir)).replace(/[\u0000-\u001f\u007f]/g, ' ').trim() || 'project', kind: project.aiKind, language, files,
    entryPoint: detectEntryPoint(language, files, packageJson),
    nodeTestRunner: nodeTestRunner(packageJson), packageJson,
    llm: project.aiKind === 'llm-app' || project.kinds?.includes('llm-app') ? detectLlmProvider(project) : undefined,
  };
}

/** Why the model in a scaffold is a guess, or undefined when it came from the project's code. */
export function assumedModel(facts: ProjectFacts): string | undefined {
  return facts.llm && !facts.llm.detected ? `${facts.llm.model} is assumed (no model id was found in the code)` : undefined;
}

/** A YAML comment line (indented, with its newline) asking to confirm an assumed model; '' when it was detected. */
export function yamlModelNote(facts: ProjectFacts, indent = '  '): string {
  const why = assumedModel(facts);
  return why ? `${indent}# ${fillIn(`confirm the model: ${why}`)}\n` : '';
}

/** Dataset paths relative to the project root (Project.datasets are scan-root relative). */
export function projectDatasets(project: Project, rel: string): string[] {
  const prefix = rel === '.' ? '' : rel + '/';
  return project.datasets.filter(d => d.startsWith(prefix)).map(d => d.slice(prefix.length));
}
