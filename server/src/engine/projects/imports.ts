// Extracts imported module names from Python, notebooks and JS/TS. Line-based on purpose: project
// detection only needs the module names, and a regex over import statements is exact enough there
// (comments are skipped; imports inside Python docstrings are rare and harmless to detection).
import { extOf } from '../workspace/paths';
import { readRulesYaml } from '../rules/rulesData';
import { escapeRegExp } from '../code/candidates';
import { blankSource } from '../code/blankSource';
import type { AiKind } from '../types';

const PY_IMPORT = /^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+([A-Za-z_][\w.]*(?:[ \t]*(?:as[ \t]+\w+)?[ \t]*,[ \t]*[A-Za-z_][\w.]*)*))/gm;
const JS_IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;

export type CodeLanguage = 'python' | 'notebook' | 'js';

export function codeLanguageOf(rel: string): CodeLanguage | undefined {
  switch (extOf(rel)) {
    case '.py': return 'python';
    case '.ipynb': return 'notebook';
    case '.js': case '.mjs': case '.cjs': case '.jsx': case '.ts': case '.mts': case '.cts': case '.tsx': return 'js';
    default: return undefined;
  }
}

/** Python source of a notebook's code cells, joined; undefined when the JSON is malformed. */
export function notebookSource(text: string): string | undefined {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Valid JSON need not be an object: `null`, `3` or `"x"` are not notebooks.
  if (!nb || typeof nb !== 'object') return undefined;
  const cells = (nb as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) return undefined;
  const parts: string[] = [];
  for (const cell of cells) {
    if (!cell || typeof cell !== 'object' || (cell as { cell_type?: unknown }).cell_type !== 'code') continue;
    const src = (cell as { source?: unknown }).source;
    if (typeof src === 'string') parts.push(src);
    else if (Array.isArray(src)) parts.push(src.filter((s) => typeof s === 'string').join(''));
  }
  return parts.join('\n');
}

// An import statement at column 0: `from a.b import x`, or `import a, b.c` up to the first `as`.
const PY_TOP_IMPORT = /^(?:from[ \t]+([\w.]+)|import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*))/gm;

/**
 * First names of the modules a Python text imports at column 0 (not inside a function, class or try block):
 * `from numpy.linalg import x` and `import os, numpy as np` give numpy. Computed with the imports, in the
 * same read, so detection need not read the file again to tell a lazy import from a module-level one.
 */
export function topLevelImportHeads(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PY_TOP_IMPORT)) {
    if (m[1] !== undefined) out.add(m[1].split('.')[0]);
    else for (const item of m[2].split(',')) out.add(item.trim().split('.')[0]);
  }
  out.delete('');
  return [...out];
}

/** `import type X from`, `export type { X } from`, or braces naming only types (`import { type A, type B } from`). */
function isTypeOnly(statement: string): boolean {
  if (/(?:import|export)\s+type[\s{]/.test(statement)) return true;
  const braces = /^[^{]*\{([^}]*)\}[^{}]*from\s*['"]/.exec(statement.trimStart());
  if (!braces || /^\s*(?:import|export)\s+\w+\s*,/.test(statement.trimStart())) return false;
  const names = braces[1].split(',').map((n) => n.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

/**
 * JS_IMPORT's matches outside comments: a usage example in JSDoc (` * import { x } from "@huggingface/hub"`) or a
 * commented-out `// import OpenAI from "openai"` is no import. This runs on every JS/TS file of a scan, so the
 * comments are blanked (a pass over every character) only when some match may sit in one.
 */
function jsImportMatches(text: string): RegExpMatchArray[] {
  const raw = [...text.matchAll(JS_IMPORT)];
  // A match may open with the line break before its keyword: test from the keyword.
  if (!raw.some((m) => mayBeInComment(text, m.index! + m[0].length - m[0].trimStart().length))) return raw;
  return [...blankSource(text, 'js').matchAll(JS_IMPORT)];
}

/** A `//` earlier on the line, or a `/*` not closed before: never false for a match inside a comment. */
function mayBeInComment(text: string, at: number): boolean {
  if (text.slice(text.lastIndexOf('\n', at) + 1, at).includes('//')) return true;
  const open = text.lastIndexOf('/*', at);
  return open !== -1 && open > text.lastIndexOf('*/', at);
}

/**
 * Top-level-ish module names: for Python both `a` and `a.b` (so `google.genai` can match); for JS the package name.
 * Code that calls a hosted LLM API over HTTP, with no SDK to import (fetch to api.openai.com, say), gets
 * `api:<host>` for each API's URL it holds in a string literal.
 */
export function importsOf(lang: CodeLanguage, text: string): string[] {
  const out = new Set<string>();
  if (lang === 'js') {
    for (const m of jsImportMatches(text)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      if (!spec || spec.startsWith('.') || spec.startsWith('/')) continue;
      // `import type { … } from 'openai'` is erased at compile time: typings, not a call into the SDK.
      if (m[1] && isTypeOnly(m[0])) continue;
      out.add(packageNameOf(spec));
    }
    addHostedApis(out, text);
    addModelArtifacts(out, text);
    return [...out];
  }
  const src = lang === 'notebook' ? notebookSource(text) ?? '' : text;
  for (const m of src.matchAll(PY_IMPORT)) {
    if (m[1]) {
      addPython(out, m[1]);
      if (NAMESPACE_PACKAGES.has(m[1])) for (const sub of importedNames(src, m.index + m[0].length)) addPython(out, `${m[1]}.${sub}`);
    } else if (m[2]) for (const part of m[2].split(',')) addPython(out, part.trim().split(/\s+/)[0]);
  }
  addHostedApis(out, src);
  addCloudAiServices(out, src);
  addModelArtifacts(out, src);
  return [...out];
}

/**
 * Prefix of the pseudo-imports that stand for loading a trained model file: `artifact:<ext>:<file name>`. A service
 * that only loads a pickled pipeline (`joblib.load("model.joblib")`) imports no ML library, yet serves a model.
 */
export const MODEL_ARTIFACT_PREFIX = 'artifact:';

/** Model file extensions and the kind of model each holds. */
const ARTIFACT_KINDS: Record<string, AiKind> = {
  joblib: 'classic-ml', pkl: 'classic-ml', pickle: 'classic-ml', sav: 'classic-ml', cbm: 'classic-ml',
  onnx: 'deep-learning', h5: 'deep-learning', keras: 'deep-learning', safetensors: 'deep-learning',
};
const ARTIFACT_EXT = /\.(?:joblib|pkl|pickle|sav|cbm|onnx|h5|keras|safetensors)["'`]/;
// A load call with the model file's name quoted on the same line: joblib.load("model.joblib"),
// joblib.load(os.path.join(DIR, "clf.pkl")), pickle.load(open("model.pkl", "rb")), load_model("net.h5"),
// onnxruntime.InferenceSession("model.onnx"), ort.InferenceSession.create('model.onnx').
const MODEL_LOAD = /\b(load|load_model|load_learner|InferenceSession(?:\.create)?)\s*\([^\n]{0,160}?["'`]([^"'`\n]{0,160}?([\w.-]+)\.(joblib|pkl|pickle|sav|cbm|onnx|h5|keras|safetensors))["'`]/g;
/** A pickle holds anything; only one named like a model counts (data.pkl is data). */
const MODEL_NAME = /model|clf|classifier|regressor|estimator|pipeline|predictor|vectori[sz]er|scaler|encoder|forest|xgb|lgbm|svm|knn|tree|booster/i;

function addModelArtifacts(out: Set<string>, src: string): void {
  if (!ARTIFACT_EXT.test(src)) return;
  for (const m of src.matchAll(MODEL_LOAD)) {
    const [, call, , base, ext] = m;
    if ((ext === 'h5' || ext === 'keras') && call !== 'load_model') continue;
    if ((ext === 'pkl' || ext === 'pickle' || ext === 'sav') && !MODEL_NAME.test(base)) continue;
    out.add(`${MODEL_ARTIFACT_PREFIX}${ext}:${base}.${ext}`);
  }
}

/** The kind of model a model-artifact pseudo-import stands for. */
export function kindOfModelArtifact(name: string): AiKind | undefined {
  if (!name.startsWith(MODEL_ARTIFACT_PREFIX)) return undefined;
  return ARTIFACT_KINDS[name.slice(MODEL_ARTIFACT_PREFIX.length).split(':')[0]];
}

/** Prefix of the pseudo-imports that stand for calls to a hosted LLM API by URL. */
export const HOSTED_API_PREFIX = 'api:';

let hostedApi: { pattern: RegExp; labels: Map<string, string> } | undefined;

/**
 * One pattern over the catalogue's hosted APIs (rules/ai-libraries.yaml `hosted-apis`). The URL opens a string
 * literal: a quoted endpoint is code, a bare mention in a comment or doc usually is not. Group 1 is the host as
 * written; `labels` maps each catalogue entry's match to the name reported (`*.openai.azure.com` -> openai.azure.com).
 */
function hostedApiPattern(): { pattern: RegExp; labels: Map<string, string> } {
  if (hostedApi) return hostedApi;
  const doc = readRulesYaml('ai-libraries.yaml').data as { 'hosted-apis'?: unknown };
  const entries = (Array.isArray(doc['hosted-apis']) ? doc['hosted-apis'] : []).filter((e): e is string => typeof e === 'string' && e.length > 0);
  const alternatives = entries.map((e) => (e.startsWith('*.') ? `[\\w-]+\\.${escapeRegExp(e.slice(2))}` : escapeRegExp(e)));
  const labels = new Map(entries.map((e) => [e, e.replace(/^\*\./, '').replace(/\/.*$/, '')]));
  const pattern = new RegExp(`["'\`]https?:\\/\\/(${alternatives.join('|') || '(?!)'})`, 'g');
  return (hostedApi = { pattern, labels });
}

/** The catalogue entry a matched host came from, as reported. */
function hostedApiLabel(matched: string, labels: Map<string, string>): string {
  const exact = labels.get(matched);
  if (exact !== undefined) return exact;
  for (const [entry, label] of labels) if (entry.startsWith('*.') && matched.endsWith(entry.slice(1))) return label;
  return matched;
}

// A form's example value (placeholder="https://your-instance.openai.azure.com") is not a call.
const PLACEHOLDER_BEFORE = /placeholder\s*[=:]\s*\{?\s*$/i;
const PLACEHOLDER_RESOURCE = /^(your|my|example|sample|instance|resource|name|xxx)/i;

/**
 * A URL template (`https://router.huggingface.co/{{PROVIDER}}`) is filled in elsewhere, maybe to print a code
 * snippet: a catalogue of endpoints, not a call. Single-brace and `${}` interpolations are requests being built.
 */
function isUrlTemplate(src: string, from: number, quote: string): boolean {
  const rest = src.slice(from, from + 200);
  const end = rest.search(quote === '`' ? /`/ : new RegExp(`[${quote}\n]`));
  return (end < 0 ? rest : rest.slice(0, end)).includes('{{');
}

function addHostedApis(out: Set<string>, src: string): void {
  if (!src.includes('://')) return;
  const { pattern, labels } = hostedApiPattern();
  for (const m of src.matchAll(pattern)) {
    if (PLACEHOLDER_BEFORE.test(src.slice(Math.max(0, m.index - 24), m.index))) continue;
    if (isUrlTemplate(src, m.index + m[0].length, m[0][0])) continue;
    const label = hostedApiLabel(m[1], labels);
    // A subdomain that is an example resource name (your-resource.openai.azure.com) is not a call.
    if (label !== m[1] && m[1].endsWith(`.${label}`) && PLACEHOLDER_RESOURCE.test(m[1])) continue;
    out.add(HOSTED_API_PREFIX + label);
  }
}

let cloudAiServices: { pattern: RegExp; labels: Map<string, string> } | undefined;

/** One pattern over the catalogue's `cloud-ai-services`: a service id as a whole string literal. */
function cloudAiServicePattern(): { pattern: RegExp; labels: Map<string, string> } {
  if (cloudAiServices) return cloudAiServices;
  const doc = readRulesYaml('ai-libraries.yaml').data as { 'cloud-ai-services'?: unknown };
  const map = doc['cloud-ai-services'];
  const entries = map && typeof map === 'object' ? Object.entries(map).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0].length > 0) : [];
  const pattern = new RegExp(`["'](${entries.map(([id]) => escapeRegExp(id)).join('|') || '(?!)'})["']`, 'g');
  return (cloudAiServices = { pattern, labels: new Map(entries) });
}

/**
 * Python code that calls a cloud AI service through the cloud's general SDK (`boto3.client("bedrock-runtime")`)
 * imports nothing AI: the service id names the API, as a hosted API's URL does.
 */
function addCloudAiServices(out: Set<string>, src: string): void {
  const { pattern, labels } = cloudAiServicePattern();
  // A substring test per id first: most files hold none, and includes() is far cheaper than the pattern.
  let any = false;
  for (const id of labels.keys()) if (src.includes(id)) any = true;
  if (!any) return;
  for (const m of src.matchAll(pattern)) out.add(HOSTED_API_PREFIX + (labels.get(m[1]) ?? m[1]));
}

/**
 * Namespace packages: `from google.cloud import aiplatform` and `from google import genai` import a distribution
 * of their own (google-cloud-aiplatform, google-genai), so the imported name is part of the module's name.
 */
const NAMESPACE_PACKAGES = new Set(['google', 'google.cloud', 'azure', 'azure.ai']);

/** The names a `from X import …` statement imports, read from just after `import` (parenthesised lists too). */
function importedNames(src: string, from: number): string[] {
  const rest = src.slice(from, from + 400);
  const list = /^[ \t]*\(/.test(rest) ? rest.slice(rest.indexOf('(') + 1, rest.indexOf(')') >= 0 ? rest.indexOf(')') : undefined) : rest.split('\n')[0];
  return list.replace(/#[^\n]*/g, '').split(',').map((item) => item.trim().split(/\s+/)[0]).filter((n) => /^[A-Za-z_]\w*$/.test(n));
}

function addPython(out: Set<string>, name: string): void {
  const parts = name.split('.');
  out.add(parts[0]);
  if (parts.length > 1) out.add(`${parts[0]}.${parts[1]}`);
  // Three names deep for rules that name a framework's integration (zenml.integrations.evidently, aim.sdk.callbacks).
  if (parts.length > 2) out.add(`${parts[0]}.${parts[1]}.${parts[2]}`);
}

export function packageNameOf(spec: string): string {
  const parts = spec.split('/');
  if (spec.startsWith('node:')) return spec;
  return spec.startsWith('@') && parts.length > 1 ? `${parts[0]}/${parts[1]}` : parts[0];
}
