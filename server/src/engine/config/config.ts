// .ai-preflight.yaml: parsed with positions, validated by rules/schema/ai-preflight.schema.json, errors
// reported as notes at the offending key's line. Never throws on user input.
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import type { Level, Note, Stage } from '../types';
import { rulesDir } from '../rules/rulesDir';
import { formatAjvError } from '../rules/loadChecks';

export const CONFIG_FILES = ['.ai-preflight.yaml', '.ai-preflight.yml'];

export interface RuleSetting {
  severity?: Level; evidence?: string[]; external?: string;
  /** llm-client-timeout: the seconds its quick fix writes (`timeout-seconds` in the file). */
  timeoutSeconds?: number;
}

export interface ConfigFile {
  /** Relative to the scan root. */
  file: string;
  dir: string;
  stage?: Stage;
  projects?: string[];
  ignore?: string[];
  rules: Record<string, RuleSetting>;
  /** Raw custom rules with the line of each, compiled by the caller. */
  custom: { raw: unknown; line: number }[];
}

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(rulesDir(), 'schema', 'ai-preflight.schema.json'), 'utf8'));
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

/** Parses one config file's text. Invalid parts are dropped with a note; valid parts still apply. */
export function parseConfig(rel: string, text: string, notes: Note[]): ConfigFile {
  const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '.';
  const empty: ConfigFile = { file: rel, dir, rules: {}, custom: [] };
  const lc = new LineCounter();
  // logLevel 'error': yaml's warnings go to process warnings (stderr) and quote the input, which may hold a secret.
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length) {
    const e = doc.errors[0];
    notes.push({ kind: 'config-error', file: rel, line: lc.linePos(e.pos[0]).line, message: `${rel}: not valid YAML: ${e.message.split('\n')[0]}` });
    return empty;
  }
  // toJS throws on an unresolved alias (`<<: *a`) and on alias bombs (over maxAliasCount).
  let data: any;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    notes.push({ kind: 'config-error', file: rel, line: 1, message: `${rel}: not valid YAML: ${(e as Error).message.split('\n')[0]}` });
    return empty;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    notes.push({ kind: 'config-error', file: rel, line: 1, message: `${rel}: expected a mapping of settings (stage, rules, ignore, projects, custom)` });
    return empty;
  }
  const v = validate();
  const bad = new Set<string>();
  if (!v(data)) {
    const errors = (v.errors ?? []).filter((e) => e.keyword !== 'oneOf').map((err) => {
      const parts = err.instancePath.split('/').slice(1).map(unescapePointer);
      const key = err.keyword === 'additionalProperties' ? [...parts, (err.params as any).additionalProperty] : parts;
      return { err, parts, key, keyPath: key.join('.') };
    });
    // oneOf branches complain at several depths; the deepest complaint is the one that helps.
    const specific = errors.filter((a) => !errors.some((b) => b.keyPath.startsWith(a.keyPath + '.')));
    const seen = new Set<string>();
    for (const { err, parts, key, keyPath } of specific) {
      if (seen.has(keyPath)) continue;
      seen.add(keyPath);
      // An invalid rule costs only itself; its valid siblings still apply.
      bad.add(parts[0] === 'rules' && parts[1] ? `rules.${parts[1]}` : (parts[0] ?? key[0] ?? ''));
      notes.push({ kind: 'config-error', file: rel, line: lineOf(doc.contents, key, lc), key: keyPath || undefined, message: `${rel}: ${formatAjvError(err)}` });
    }
  }
  const cfg: ConfigFile = { ...empty };
  if (!bad.has('stage') && typeof data.stage === 'string') cfg.stage = data.stage as Stage;
  if (!bad.has('projects') && Array.isArray(data.projects)) cfg.projects = data.projects.map((p: string) => normalizeRoot(dir, p));
  if (!bad.has('ignore') && Array.isArray(data.ignore)) cfg.ignore = data.ignore.map((g: string) => (dir === '.' ? g : `${dir}/${g}`));
  if (!bad.has('rules') && data.rules && typeof data.rules === 'object') {
    for (const [id, value] of Object.entries(data.rules as Record<string, unknown>)) {
      if (bad.has(`rules.${id}`)) continue;
      if (typeof value === 'string') cfg.rules[id] = { severity: value as Level };
      else {
        const { 'timeout-seconds': timeoutSeconds, ...rest } = value as RuleSetting & { 'timeout-seconds'?: number };
        cfg.rules[id] = timeoutSeconds === undefined ? rest : { ...rest, timeoutSeconds };
      }
    }
  }
  if (!bad.has('custom') && Array.isArray(data.custom)) {
    data.custom.forEach((raw: unknown, i: number) => cfg.custom.push({ raw, line: lineOf(doc.contents, ['custom', String(i)], lc) }));
  }
  return cfg;
}

export function readConfigFile(root: string, rel: string, notes: Note[]): ConfigFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, rel), 'utf8');
  } catch (e) {
    notes.push({ kind: 'config-error', file: rel, message: `${rel}: cannot be read (${(e as Error).message})` });
    return undefined;
  }
  return parseConfig(rel, text, notes);
}

function normalizeRoot(dir: string, p: string): string {
  const joined = path.posix.normalize(dir === '.' ? p : `${dir}/${p}`).replace(/\/+$/, '');
  return joined === '' || joined === '.' ? '.' : joined.replace(/^\.\//, '');
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** 1-based line of the deepest existing node along a key path. */
function lineOf(node: unknown, keys: string[], lc: LineCounter): number {
  let current = node as Node | null | undefined;
  let line = 1;
  for (const key of keys) {
    if (!current) break;
    if (isMap(current)) {
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (!pair) break;
      const k = pair.key as Node;
      if (k.range) line = lc.linePos(k.range[0]).line;
      current = pair.value as Node;
    } else if (isSeq(current)) {
      const item = current.items[Number(key)] as Node | undefined;
      if (!item) break;
      if (item.range) line = lc.linePos(item.range[0]).line;
      current = item;
    } else break;
  }
  return line;
}
