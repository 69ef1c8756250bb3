// Turns one check definition into a CheckResult for one project: applicability, config overrides,
// evidence, incompleteness, and a message that says what was looked for, where, and what would satisfy it.
import type { AiKind, CheckResult, Evidence, Level, Stage } from '../types';
import type { CheckDef, Matcher } from '../rules/checkDef';
import { compileGlob } from '../rules/checkDef';
import { ContentMemo, DetectorOutcome, EvalContext, evaluate } from '../rules/evaluate';
import type { ProjectScope } from '../rules/projectScope';
import type { RuleSetting } from '../config/config';
import type { Detector } from '../rules/evaluate';

export interface RunCheckInput {
  def: CheckDef;
  scope: ProjectScope;
  stage: Stage;
  kind: AiKind;
  setting?: RuleSetting;
  /** Editor-level override, applied over the config file. */
  levelOverride?: Level;
  detectors: Record<string, Detector>;
  memo?: ContentMemo;
}

export function runCheck(input: RunCheckInput): CheckResult {
  const { def, scope, stage, kind, setting } = input;
  const level = input.levelOverride ?? setting?.severity ?? def.severity[stage];
  const base = { id: def.id, title: def.title, pillar: def.pillar, level, docsUrl: def.docs, evidence: [] as Evidence[], ...(def.custom ? { custom: true } : {}) };
  const where = scope.project.root === '.' ? 'the repository' : `${scope.project.root} and the repository-level folders above it`;

  if (def.appliesTo && !def.appliesTo.includes(kind)) {
    return { ...base, status: 'skip', state: 'not-applicable', message: `Not applicable: applies to ${def.appliesTo.join(', ')} projects; this one is ${kind}.` };
  }
  if (level === 'off') return { ...base, status: 'skip', state: 'off', message: 'Turned off in configuration.' };
  if (setting?.external) {
    return { ...base, status: 'skip', state: 'declared', external: setting.external, message: `Declared as satisfied outside the repository (not verified): ${setting.external}` };
  }
  try {
    const ctx: EvalContext = { scope, detectors: input.detectors, outcomes: [], memo: input.memo };
    if (def.violation) {
      const found = evaluate(def.violation, ctx);
      const detail = ctx.outcomes.find((o) => o.detail)?.detail;
      if (found.length) {
        return { ...base, status: 'fail', state: 'found', evidence: found, message: `${def.title}: violated in ${describe(found)}. ${def.fix}${detail ? ' ' + detail : ''}` };
      }
      return { ...base, status: 'pass', state: 'present', message: `None found in ${where}: looked for ${withStop(def.looksFor)}` };
    }
    const evidence = def.present ? evaluate(def.present, ctx) : [];
    evidence.push(...configEvidence(scope, setting?.evidence, evidence));
    const outcome: DetectorOutcome | undefined = ctx.outcomes[0];
    if (evidence.length === 0) {
      return {
        ...base, status: 'fail', state: 'absent', ...(outcome?.detail ? { detail: outcome.detail } : {}),
        message: `${def.title}: missing. Looked in ${where} for ${withStop(def.looksFor + (outcome?.detail ? '. ' + outcome.detail : ''))} To satisfy it: ${def.fix}`,
      };
    }
    const left = def.incomplete ? placeholdersLeft(scope, def.incomplete, evidence) : undefined;
    if (left) {
      const { missing, files } = left;
      const example = missing[0].length > 70 ? missing[0].slice(0, 67) + '…>' : missing[0];
      return { ...base, status: 'pass', state: 'incomplete', evidence, missing, message: `${def.title}: present but incomplete: ${describe(files.map((file) => ({ file })))} still ${files.length > 1 ? 'have' : 'has'} ${missing.length} placeholder${missing.length > 1 ? 's' : ''} to fill in, e.g. ${example}.` };
    }
    if (outcome?.weak) {
      return { ...base, status: 'pass', state: 'weak', evidence, message: `${def.title}: present but weak: ${withStop(outcome.weak)} ${outcome.detail ?? ''} Found ${describe(evidence)}.`.replace(/\s+/g, ' ').trim() };
    }
    return { ...base, status: 'pass', state: 'present', evidence, ...(outcome?.detail ? { detail: outcome.detail } : {}), message: `Found ${describe(evidence)}.${outcome?.detail ? ' ' + outcome.detail : ''}` };
  } catch (e) {
    return { ...base, status: 'skip', state: 'errored', error: (e as Error).message, message: `Could not be evaluated: ${(e as Error).message}` };
  }
}

/** A sentence's text with one full stop: details that already end in one (`…).`) get no second. */
function withStop(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function describe(evidence: Evidence[]): string {
  const parts = evidence.slice(0, 3).map((e) => `${e.file}${e.line ? ':' + e.line : ''}${e.note ? ` (${e.note})` : ''}`);
  return parts.join(', ') + (evidence.length > 3 ? ` and ${evidence.length - 3} more` : '');
}

function configEvidence(scope: ProjectScope, globs: string[] | undefined, already: Evidence[]): Evidence[] {
  if (!globs?.length) return [];
  const out: Evidence[] = [];
  for (const source of globs) {
    const glob = compileGlob(source);
    for (const f of scope.model.files) {
      if (!glob.re.test(f.rel) && !(scope.project.root !== '.' && f.rel.startsWith(scope.project.root + '/') && glob.re.test(f.rel.slice(scope.project.root.length + 1)))) continue;
      if (already.some((e) => e.file === f.rel) || out.some((e) => e.file === f.rel)) continue;
      out.push({ file: f.rel, note: 'declared evidence (config)' });
      if (out.length >= 5) return out;
    }
  }
  return out;
}

/** Files an evidence file pulls in by `file://` (promptfoo prompts and test sets), at most this many each. */
const MAX_REFERENCED = 10;

/**
 * Placeholders left in the evidence files (the `incomplete-when` patterns) and the files holding them: any
 * evidence file that still has one makes the check incomplete (issue 5), and so does a file an evidence file
 * pulls in by `file://` (a promptfoo config's prompt), since that is part of the same artifact.
 */
function placeholdersLeft(scope: ProjectScope, incomplete: Matcher, evidence: Evidence[]): { missing: string[]; files: string[] } | undefined {
  if (incomplete.kind !== 'file') return undefined;
  const patterns = [...incomplete.contains, ...incomplete.containsAny];
  const found = new Set<string>();
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, followRefs: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = scope.model.store.read(file);
    if (text === null) return;
    const hits = patterns.flatMap((p) => p.matches(text, 20));
    if (hits.length) {
      files.push(file);
      for (const h of hits) found.add(h);
    }
    if (followRefs) for (const ref of fileReferences(file, text)) visit(ref, false);
  };
  for (const e of evidence) visit(e.file, true);
  return found.size ? { missing: [...found], files } : undefined;
}

/** Scan-root-relative paths of the `file://relative/path` references in `text`, resolved from `file`'s folder. */
function fileReferences(file: string, text: string): string[] {
  if (!text.includes('file://')) return [];
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const out: string[] = [];
  for (const m of text.matchAll(/file:\/\/(\.?\/?[\w.-][\w./-]*)/g)) {
    const parts = (dir ? dir.split('/') : []);
    let ok = true;
    for (const seg of m[1].split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') { if (!parts.length) { ok = false; break; } parts.pop(); } else parts.push(seg);
    }
    if (ok && parts.length) out.push(parts.join('/'));
    if (out.length >= MAX_REFERENCED) break;
  }
  return out;
}
