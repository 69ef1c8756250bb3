// Loads the built-in checks (rules/checks/*.yaml) and users' custom rules, validated by one JSON schema,
// so built-in and custom rules share one vocabulary and one code path.
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import type { AiKind, Level, Pillar, Stage } from '../types';
import { DOCS_BASE } from '../version';
import { CheckDef, compileMatcher } from './checkDef';
import { rulesDir } from './rulesDir';

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
  const dir = path.join(rulesDir(), 'checks');
  const order = (parse(fs.readFileSync(path.join(dir, 'index.yaml'), 'utf8')) as { order: string[] }).order;
  const defs: CheckDef[] = [];
  for (const id of order) {
    const file = path.join(dir, `${id}.yaml`);
    const raw = parse(fs.readFileSync(file, 'utf8'));
    const { def, errors } = compileCheck(raw, false);
    if (!def) throw new Error(`invalid built-in rule ${file}: ${errors.join('; ')}`);
    if (def.id !== id) throw new Error(`${file}: id ${def.id} does not match its file name`);
    defs.push(def);
  }
  builtins = defs;
  return defs;
}

export function formatAjvError(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
  if (e.keyword === 'additionalProperties') return `${where}: unknown key "${(e.params as any).additionalProperty}"`;
  if (e.keyword === 'enum') return `${where}: must be one of ${(e.params as any).allowedValues.join(', ')}`;
  return `${where}: ${e.message}`;
}

/** Compiles one rule from its raw YAML. `user` rules may not use detectors and run patterns on RE2. */
export function compileCheck(raw: unknown, user: boolean): { def?: CheckDef; errors: string[] } {
  const validate = checkSchemaValidator();
  if (!validate(raw)) {
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
      looksFor: (r['looks-for'] ?? '').trim(),
      notEnough: r['not-enough']?.trim(),
      fix: (r.fix ?? '').trim(),
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

function severityByStage(raw: unknown, user: boolean): Record<Stage, Level> {
  if (typeof raw === 'string') return { poc: raw as Level, pilot: raw as Level, production: raw as Level };
  const s = (raw ?? {}) as Partial<Record<Stage, Level>>;
  const poc = s.poc ?? 'info';
  const pilot = s.pilot ?? (user ? 'warning' : poc);
  return { poc, pilot, production: s.production ?? pilot };
}
