// Loads scaffold templates from rules/templates and fills them. The syntax is deliberately logic-less:
//   {{name}}     the value as is            {{q name}}  a JSON string literal (valid in YAML, Python, JS)
//   {{sh name}}  a single-quoted shell word  \{{         a literal "{{" (for promptfoo / Jinja variables)
// Lists and conditional sections are built in code and passed in as ready text.
import * as fs from 'fs';
import * as path from 'path';
import type { AiKind } from '../types';

let cachedTemplatesDir: string | undefined;

/** rules/templates, found by walking up from this file (works from out/, dist/ and the VSIX). */
export function templatesDir(): string {
  if (cachedTemplatesDir) return cachedTemplatesDir;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'rules', 'templates');
    if (fs.existsSync(candidate)) return (cachedTemplatesDir = candidate);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('rules/templates not found above ' + __dirname);
    dir = up;
  }
}

/** Deep-learning projects reuse the classic-ML template where no deep-learning one exists. */
const KIND_FALLBACK: Record<AiKind, string[]> = {
  'llm-app': ['llm-app', 'common'],
  'classic-ml': ['classic-ml', 'common'],
  'deep-learning': ['deep-learning', 'classic-ml', 'common'],
};

/** The text of `<check>/<variant>/<name>` for the first variant that has it (kind variants, then common). */
export function loadTemplate(check: string, name: string, variants: string[] = ['common']): string {
  for (const variant of variants) {
    const file = path.join(templatesDir(), check, variant, name);
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  }
  throw new Error(`no template ${check}/{${variants.join(',')}}/${name}`);
}

export function kindVariants(kind: AiKind): string[] {
  return KIND_FALLBACK[kind];
}

export type TemplateVars = Record<string, string | number>;

const PLACEHOLDER = /\\\{\{|\{\{(?:(q|sh) )?([A-Za-z][A-Za-z0-9]*)\}\}/g;

export function render(template: string, vars: TemplateVars): string {
  return template.replace(PLACEHOLDER, (whole, mode: string | undefined, name: string | undefined) => {
    if (whole === '\\{{') return '{{';
    const value = vars[name as string];
    if (value === undefined) throw new Error(`template variable {{${name}}} has no value`);
    const text = String(value);
    if (mode === 'q') return JSON.stringify(text);
    if (mode === 'sh') return `'${text.replace(/'/g, `'\\''`)}'`;
    return text;
  });
}

/** Load and render in one step. */
export function renderTemplate(check: string, name: string, vars: TemplateVars, variants?: string[]): string {
  return render(loadTemplate(check, name, variants), vars);
}

/** A marked placeholder the engine reports as "to fill in". */
export const fillIn = (what: string) => `<FILL IN: ${what}>`;

/** Markdown bullet list, or a placeholder bullet when empty. */
export function bullets(items: string[], whenEmpty: string): string {
  return items.length ? items.map(i => `- ${i}`).join('\n') : `- ${fillIn(whenEmpty)}`;
}
