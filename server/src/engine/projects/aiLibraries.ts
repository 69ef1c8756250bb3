// The catalogue of AI libraries (rules/ai-libraries.yaml): which import or package makes code AI, of which kind.
import type { AiKind } from '../types';
import { AI_KINDS } from '../types';
import { readRulesYaml } from '../rules/rulesData';
import { HOSTED_API_PREFIX, kindOfModelArtifact, MODEL_ARTIFACT_PREFIX } from './imports';
import { normalizePyName } from './manifests';

interface NameSet { exact: Set<string>; prefixes: string[] }
type Catalogue = Record<AiKind, { python: NameSet; pypi: NameSet; npm: NameSet }>;

let catalogue: Catalogue | undefined;
let weakNames: Set<string> | undefined;
let weakDistributions: Set<string> | undefined;
let platformNames: Set<string> | undefined;

function nameSet(list: unknown, normalize: (s: string) => string = (s) => s): NameSet {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const item of Array.isArray(list) ? list : []) {
    if (typeof item !== 'string') continue;
    if (item.endsWith('*')) prefixes.push(normalize(item.slice(0, -1)));
    else exact.add(normalize(item));
  }
  return { exact, prefixes };
}

function load(): Catalogue {
  if (catalogue) return catalogue;
  const doc = readRulesYaml('ai-libraries.yaml').data as Record<string, any>;
  const out = {} as Catalogue;
  for (const kind of AI_KINDS) {
    const k = doc[kind] ?? {};
    out[kind] = { python: nameSet(k.python), pypi: nameSet(k.pypi, normalizePyName), npm: nameSet(k.npm) };
  }
  catalogue = out;
  weakNames = new Set(Array.isArray(doc.weak) ? doc.weak.map(String) : []);
  platformNames = new Set(Array.isArray(doc.platforms) ? doc.platforms.map(String) : []);
  return out;
}

/** Libraries that are statistics or text tooling more than ML: evidence only beside stronger evidence. */
export function isWeakLibrary(name: string): boolean {
  load();
  return weakNames!.has(name.split('.')[0]);
}

/** The same rule for a declared dependency: requirements naming optuna and pyspark make no AI project either. */
export function isWeakDependency(ecosystem: 'python' | 'node', name: string): boolean {
  load();
  if (ecosystem === 'node') return weakNames!.has(name);
  weakDistributions ??= new Set([...weakNames!].map(normalizePyName));
  return weakDistributions.has(normalizePyName(name));
}

/**
 * An ML platform SDK (Vertex AI), by import or distribution name: AI evidence whose kind yields to any other
 * evidence's, since the platform serves every kind of model.
 */
export function isPlatformLibrary(name: string): boolean {
  load();
  return platformNames!.has(name);
}

function hit(set: NameSet, name: string): boolean {
  return set.exact.has(name) || set.prefixes.some((p) => name.startsWith(p));
}

/** The kind of AI a module import signals, if any. Python names may be dotted (`google.genai`). */
export function kindOfImport(lang: 'python' | 'js', name: string): AiKind | undefined {
  if (name.startsWith(HOSTED_API_PREFIX)) return 'llm-app';
  if (name.startsWith(MODEL_ARTIFACT_PREFIX)) return kindOfModelArtifact(name);
  const cat = load();
  for (const kind of AI_KINDS) if (hit(lang === 'python' ? cat[kind].python : cat[kind].npm, name)) return kind;
  return undefined;
}

/** The kind of AI a declared dependency signals, if any. */
export function kindOfDependency(ecosystem: 'python' | 'node', name: string): AiKind | undefined {
  const cat = load();
  const n = ecosystem === 'python' ? normalizePyName(name) : name;
  for (const kind of AI_KINDS) if (hit(ecosystem === 'python' ? cat[kind].pypi : cat[kind].npm, n)) return kind;
  return undefined;
}
