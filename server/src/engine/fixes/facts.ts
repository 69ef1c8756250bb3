// Facts a scaffold fills in: language, entry point, test runner and the LLM provider/model in use.
import * as path from 'path';
import type { Project } from '../types';
import { listProjectFiles, readSmallText } from './crawl';
import type { FixContext, Language, LlmProvider, ProjectFacts } from './types';
import { isEvalPath, isTestPath } from '../workspace/paths';

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
    if (spec.frameworks.some(f => frameworks.has(f))) return provider(spec, spec.defaultModel, true);
  }
  return undefined;
}

function provider(spec: ProviderSpec, model: string, detected: boolean): LlmProvider {
  return { id: spec.id, model, promptfoo: spec.promptfoo(model), nemoEngine: spec.nemoEngine, envVar: spec.envVar, detected };
}

const PY_ENTRIES = ['app.py', 'main.py', 'serve.py', 'server.py', 'api.py', 'predict.py', 'inference.py', 'app/main.py', 'src/main.py', 'src/app.py', 'train.py'];
// Neither tests nor eval suites are a project's entry point.
const isTestOrEval = (f: string) => isTestPath(f) || isEvalPath(f);
const NODE_ENTRIES = ['src/index.ts', 'src/index.js', 'index.ts', 'index.js', 'src/main.ts', 'src/app.ts', 'app.js', 'server.js', 'src/server.ts'];

function detectLanguage(project: Project, files: string[]): Language {
  if (project.manifest && path.posix.basename(project.manifest) === 'package.json') return 'node';
  if (project.manifest) return 'python';
  const py = files.filter(f => f.endsWith('.py') || f.endsWith('.ipynb')).length;
  const js = files.filter(f => /\.[cm]?[jt]sx?$/.test(f)).length;
  return js > py ? 'node' : 'python';
}

function detectEntryPoint(language: Language, files: string[], packageJson: Record<string, unknown>): string | undefined {
  const present = new Set(files);
  if (language === 'node') {
    const main = typeof packageJson.main === 'string' ? path.posix.normalize(packageJson.main.replace(/^\.\//, '')) : undefined;
    if (main && present.has(main)) return main;
    return NODE_ENTRIES.find(f => present.has(f)) ?? files.find(f => /\.[cm]?[jt]s$/.test(f) && !isTestOrEval(f) && !f.includes('/'));
  }
  const named = PY_ENTRIES.find(f => present.has(f));
  if (named) return named;
  const pkgInit = files.find(f => /^src\/[A-Za-z_][A-Za-z0-9_]*\/__init__\.py$/.test(f));
  return pkgInit ?? files.find(f => f.endsWith('.py') && !isTestOrEval(f) && !f.startsWith('.') && f !== 'setup.py' && f !== 'conftest.py');
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

/** Dataset paths relative to the project root (Project.datasets are scan-root relative). */
export function projectDatasets(project: Project, rel: string): string[] {
  const prefix = rel === '.' ? '' : rel + '/';
  return project.datasets.filter(d => d.startsWith(prefix)).map(d => d.slice(prefix.length));
}
