// Loads the built-in checks (rules/checks/*.yaml) and users' custom rules, validated by one JSON schema,
// so built-in and custom rules share one vocabulary and one code path.
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import type { AiKind, Level, Pillar, Stage } from '../types';
import { DOCS_BASE } from '../version';
import { CheckDef, compileMatcher, FileMatcher, Matcher, readsContent } from './checkDef';
import { rulesDir } from './rulesDir';
import { readRulesYaml } from './rulesData';

let validator: ValidateFunction | undefined;
let builtins: CheckDef[] | undefined;

export function checkSchemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(rulesDir(), 'schema', 'check.schema.json'), 'utf8'));
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

/** Built-in checks in catalogue order (the `order` list of rules/checks/index.yaml). Throws if a file is invalid: that is our bug. */
export function loadBuiltinChecks(): CheckDef[] {
  if (builtins) return builtins;
  const order = (readRulesYaml('checks/index.yaml').data as { order: string[] }).order;
  const defs: CheckDef[] = [];
  for (const id of order) {
    const file = path.join(rulesDir(), 'checks', `${id}.yaml`);
    const { data, validated } = readRulesYaml(`checks/${id}.yaml`);
    const { def, errors } = compileCheck(data, false, validated);
    if (!def) throw new Error(`invalid built-in rule ${file}: ${errors.join('; ')}`);
    if (def.id !== id) throw new Error(`${file}: id ${def.id} does not match its file name`);
    nameMatchers(def);
    defs.push(def);
  }
  builtins = defs;
  return defs;
}

/** Gives each file matcher of a built-in check its stable key (see Matcher.key). */
function nameMatchers(def: CheckDef): void {
  const walk = (m: Matcher | undefined, at: string) => {
    if (!m) return;
    if (m.kind === 'file') m.key = at;
    if (m.kind === 'any' || m.kind === 'all') m.items.forEach((item, i) => walk(item, `${at}.${i}`));
  };
  walk(def.present, `${def.id}:present`);
  walk(def.violation, `${def.id}:violation`);
  walk(def.incomplete, `${def.id}:incomplete`);
}

let contentMatchers: Map<string, FileMatcher> | undefined;

/** Every file matcher of a built-in check that reads content and is matched by glob, by key. */
export function builtinContentMatchers(): Map<string, FileMatcher> {
  if (contentMatchers) return contentMatchers;
  const out = (contentMatchers = new Map<string, FileMatcher>());
  const walk = (m: Matcher | undefined) => {
    if (!m) return;
    if (m.kind === 'file' && m.key && readsContent(m)) out.set(m.key, m);
    if (m.kind === 'any' || m.kind === 'all') m.items.forEach(walk);
  };
  // `incomplete-when` is read only in the evidence files (runCheck's placeholdersLeft), never matched by glob.
  for (const def of loadBuiltinChecks()) [def.present, def.violation].forEach(walk);
  return out;
}

export function formatAjvError(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
  if (e.keyword === 'additionalProperties') return `${where}: unknown key "${(e.params as any).additionalProperty}"`;
  if (e.keyword === 'enum') return `${where}: must be one of ${(e.params as any).allowedValues.join(', ')}`;
  return `${where}: ${e.message}`;
}

/**
 * Compiles one rule from its raw YAML. `user` rules may not use detectors and run patterns on RE2.
 * `validated`: the build already validated this built-in rule against the schema (rules snapshot).
 */
export function compileCheck(raw: unknown, user: boolean, validated = false): { def?: CheckDef; errors: string[] } {
  const validate = validated && !user ? undefined : checkSchemaValidator();
  if (validate && !validate(raw)) {
    // oneOf failures repeat every branch's complaint; keep the first few distinct ones.
    const msgs = [...new Set((validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'not').map(formatAjvError))];
    return { errors: msgs.length ? msgs.slice(0, 5) : ['needs exactly one of present-when / violation-when'] };
  }
  const r = raw as Record<string, any>;
  try {
    const def: CheckDef = {
      id: r.id,
      title: r.title,
      pillar: r.pillar as Pillar,
      question: r.question,
      appliesTo: r['applies-to'] as AiKind[] | undefined,
      severity: severityByStage(r.severity, user),
      why: (r.why ?? '').trim(),
      summary: (r.summary ?? r.why ?? '').trim(),
      looksFor: (r['looks-for'] ?? '').trim() || matcherSummary(r['present-when'] ?? r['violation-when']),
      notEnough: r['not-enough']?.trim(),
      fix: (r.fix ?? '').trim() || (user ? 'See this rule in .ai-preflight.yaml for what it expects.' : ''),
      docs: DOCS_BASE + (r.docs ?? r.id),
      present: r['present-when'] ? compileMatcher(r['present-when'], user) : undefined,
      violation: r['violation-when'] ? compileMatcher(r['violation-when'], user) : undefined,
      incomplete: r['incomplete-when'] ? compileMatcher(r['incomplete-when'], user) : undefined,
      codeLevel: r['code-level'] === true,
      custom: user,
    };
    return { def, errors: [] };
  } catch (e) {
    return { errors: [(e as Error).message] };
  }
}

/** What a rule with no `looks-for` looks for, said from its matcher: files, text, imports or dependencies. */
function matcherSummary(m: unknown): string {
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
  if (!m || typeof m !== 'object') return 'what the rule matches';
  const o = m as Record<string, unknown>;
  const parts: string[] = [];
  if (o.file !== undefined) parts.push(`files matching ${list(o.file).join(', ')}`);
  if (o.contains !== undefined || o['contains-any'] !== undefined) parts.push(`containing ${list(o.contains ?? o['contains-any']).map((p) => `/${p}/`).join(', ')}`);
  if (o.import !== undefined) parts.push(`code importing ${list(o.import).join(', ')}`);
  if (o.dependency !== undefined) parts.push(`a dependency on ${list(o.dependency).join(', ')}`);
  const nested = ((Array.isArray(o.any) ? o.any : Array.isArray(o.all) ? o.all : []) as unknown[]);
  if (nested.length) parts.push(nested.map(matcherSummary).join(Array.isArray(o.any) ? ' or ' : ' and '));
  return parts.join(' ') || 'what the rule matches';
}

function severityByStage(raw: unknown, user: boolean): Record<Stage, Level> {
  if (typeof raw === 'string') return { poc: raw as Level, pilot: raw as Level, production: raw as Level };
  const s = (raw ?? {}) as Partial<Record<Stage, Level>>;
  const poc = s.poc ?? 'info';
  const pilot = s.pilot ?? (user ? 'warning' : poc);
  return { poc, pilot, production: s.production ?? pilot };
}
