// Turns engine results into LSP diagnostics, grouped by file URI.
import * as fs from 'fs';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { fixableChecks } from '../engine/fixes';
import type { CheckResult, Finding, Level, Note, Project, ScanResult, Severity, TextFix } from '../engine/types';
import { pathToUri, resolveRel } from './paths';
import { DiagnosticData, SOURCE } from './protocol';

/** Diagnostics of one scan, split so an open document's fresh findings can replace the scan's. */
export interface ScanDiagnostics {
  /** Project-level checks and config errors, by URI. */
  project: Map<string, Diagnostic[]>;
  /** Code-level findings as seen by the scan, by URI. */
  findings: Map<string, Diagnostic[]>;
}

const LEVEL_SEVERITY: Record<Exclude<Level, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};
const FINDING_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Length of a 0-based line of a file (0 when unreadable): keeps ranges inside the text for strict clients. */
export type LineLength = (absPath: string, line: number) => number;

export function diskLineLength(): LineLength {
  const cache = new Map<string, string[]>();
  return (absPath, line) => {
    let lines = cache.get(absPath);
    if (!lines) {
      try {
        const fd = fs.openSync(absPath, 'r');
        try {
          // Anchors are near the top; 64 KiB is plenty and bounds the cost on huge files.
          const buf = Buffer.alloc(65536);
          const n = fs.readSync(fd, buf, 0, buf.length, 0);
          lines = buf.subarray(0, n).toString('utf8').split(/\r?\n/);
        } finally { fs.closeSync(fd); }
      } catch { lines = []; }
      cache.set(absPath, lines);
    }
    return lines[line]?.length ?? 0;
  };
}

/** Failing, incomplete, weak or errored checks are worth a diagnostic; passing and skipped ones are not. */
function needsDiagnostic(check: CheckResult): boolean {
  if (check.level === 'off') return false;
  return check.status === 'fail' || check.state === 'incomplete' || check.state === 'weak' || check.state === 'errored';
}

function checkMessage(project: Project, check: CheckResult, manyProjects: boolean): string {
  let msg = check.state === 'errored' ? `${check.title}: the check failed to run (${check.error ?? 'unknown error'})` : check.message;
  if (check.state === 'incomplete' && check.missing?.length) {
    msg += ` (still to fill in: ${check.missing.slice(0, 3).join(', ')}${check.missing.length > 3 ? `, and ${check.missing.length - 3} more` : ''})`;
  }
  if (manyProjects) msg = `[${project.name}] ${msg}`;
  return msg;
}

function checkSeverity(check: CheckResult): DiagnosticSeverity {
  // A check that crashed is our problem, not the user's: never more than information.
  if (check.state === 'errored') return DiagnosticSeverity.Information;
  // Present but incomplete or weak: the artifact exists and the rest is a to-do, not a warning.
  if (check.state === 'incomplete' || check.state === 'weak') return DiagnosticSeverity.Information;
  return LEVEL_SEVERITY[check.level as Exclude<Level, 'off'>] ?? DiagnosticSeverity.Information;
}

const SCAFFOLDS = new Set(fixableChecks());

/** Absent artifacts with a template can be scaffolded; found violations (secrets) and crashes cannot. */
function isScaffoldable(check: CheckResult): boolean {
  return check.status === 'fail' && check.state === 'absent' && !check.custom && SCAFFOLDS.has(check.id);
}

function push(map: Map<string, Diagnostic[]>, uri: string, d: Diagnostic): void {
  const list = map.get(uri);
  if (list) list.push(d); else map.set(uri, [d]);
}

/**
 * Which fixes `source.fixAll.aiPreflight` may apply without a human looking, by rule; a rule not listed
 * (every new fix, until someone decides) is a quick fix only. In bulk: adding a missing timeout (the
 * configurable default), which only bounds a call that could otherwise hang. Not in bulk: replacing a secret with an environment lookup (the
 * program then needs that variable set), `weights_only=True` (checkpoints holding more than tensors stop
 * loading), and replacing an explicit `timeout=None` (someone chose it; the fix is one edit that is not an
 * insertion).
 */
const BULK_SAFE_FIXES: Record<string, (fix: TextFix) => boolean> = {
  'llm-client-timeout': (fix) => fix.edits.every((e) => e.line === e.endLine && e.column === e.endColumn),
};

export function isBulkSafeFix(ruleId: string, fix: TextFix): boolean {
  return Object.hasOwn(BULK_SAFE_FIXES, ruleId) && BULK_SAFE_FIXES[ruleId](fix);
}

export function findingToDiagnostic(f: Finding): Diagnostic {
  const data: DiagnosticData = { kind: 'finding', ruleId: f.ruleId };
  if (f.fix && f.fix.edits.length) {
    data.fixTitle = f.fix.title;
    if (isBulkSafeFix(f.ruleId, f.fix)) data.fixInBulk = true;
    if (f.fix.envVar) data.envVar = f.fix.envVar;
    data.fixEdits = f.fix.edits.map((e) => ({
      range: { start: { line: e.line - 1, character: e.column }, end: { line: e.endLine - 1, character: e.endColumn } },
      newText: e.newText,
    }));
  }
  return {
    range: {
      start: { line: Math.max(0, f.line - 1), character: Math.max(0, f.column) },
      end: { line: Math.max(0, f.endLine - 1), character: Math.max(0, f.endColumn) },
    },
    severity: FINDING_SEVERITY[f.severity] ?? DiagnosticSeverity.Information,
    code: f.ruleId,
    source: SOURCE,
    message: f.message,
    data,
  };
}

function noteToDiagnostic(note: Note, lineLength: LineLength, abs: string): Diagnostic | undefined {
  if (note.kind !== 'config-error' && note.kind !== 'parse-error') return undefined;
  const line = Math.max(0, (note.line ?? 1) - 1);
  const message = note.key && !note.message.includes(note.key) ? `${note.key}: ${note.message}` : note.message;
  return {
    range: { start: { line, character: 0 }, end: { line, character: lineLength(abs, line) } },
    severity: note.kind === 'config-error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: note.kind,
    source: SOURCE,
    message,
    data: { kind: 'config' } satisfies DiagnosticData,
  };
}

const converted = new WeakMap<Finding, { root: string; uri: string; diag: Diagnostic }>();

const projectConverted = new WeakMap<Project, { key: string; diags: [string, Diagnostic][] }>();

/** A project's check diagnostics, at its anchor. */
function projectDiagnostics(project: Project, root: string, folderUri: string, manyProjects: boolean, lineLength: LineLength, hasFindings: (checkId: string) => boolean): [string, Diagnostic][] {
  const out: [string, Diagnostic][] = [];
  const anchorAbs = resolveRel(root, project.anchor);
  const anchorUri = pathToUri(anchorAbs);
  for (const check of project.checks) {
    if (!needsDiagnostic(check)) continue;
    // Violations already shown at their exact lines (e.g. each secret) need no second copy at the anchor.
    if (check.state === 'found' && hasFindings(check.id)) continue;
    const data: DiagnosticData = {
      kind: 'check', folder: folderUri, projectRoot: project.root, checkId: check.id,
      fixable: isScaffoldable(check), docsUrl: check.docsUrl, title: check.title,
    };
    const diag: Diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: lineLength(anchorAbs, 0) } },
      severity: checkSeverity(check),
      code: check.id,
      source: SOURCE,
      message: checkMessage(project, check, manyProjects),
      data,
    };
    if (check.docsUrl) diag.codeDescription = { href: check.docsUrl };
    out.push([anchorUri, diag]);
  }
  return out;
}

export function scanToDiagnostics(result: ScanResult, folderUri: string, lineLength: LineLength): ScanDiagnostics {
  const out: ScanDiagnostics = { project: new Map(), findings: new Map() };
  const root = result.root;
  const manyProjects = result.projects.length > 1;
  // Rules with findings at exact lines, per project ('' for findings of no project).
  const findingRules = new Map<string, Set<string>>();
  for (const f of result.findings) {
    const key = f.project ?? '';
    let rules = findingRules.get(key);
    if (!rules) findingRules.set(key, (rules = new Set()));
    rules.add(f.ruleId);
  }

  for (const project of result.projects) {
    const own = findingRules.get(project.root);
    const loose = findingRules.get('');
    // An incremental scan hands back the same Project for every project it did not re-check: its diagnostics
    // (the same objects, which the store then need not compare) are made once.
    const key = `${folderUri}\u0000${root}\u0000${manyProjects}\u0000${[...own ?? []].sort().join(',')}\u0000${[...loose ?? []].sort().join(',')}`;
    let made = projectConverted.get(project);
    if (!made || made.key !== key) projectConverted.set(project, (made = { key, diags: projectDiagnostics(project, root, folderUri, manyProjects, lineLength, (id) => !!own?.has(id) || !!loose?.has(id)) }));
    for (const [uri, diag] of made.diags) push(out.project, uri, diag);
  }
  for (const f of result.findings) {
    // An incremental scan hands back the same Finding objects for everything it did not re-check, so their
    // diagnostics (and URIs) are made once: thousands of findings cost nothing on the next file event.
    let made = converted.get(f);
    if (!made || made.root !== root) converted.set(f, (made = { root, uri: pathToUri(resolveRel(root, f.file)), diag: findingToDiagnostic(f) }));
    push(out.findings, made.uri, made.diag);
  }
  for (const note of result.notes) {
    if (!note.file) continue;
    const abs = resolveRel(root, note.file);
    const d = noteToDiagnostic(note, lineLength, abs);
    if (d) push(out.project, pathToUri(abs), d);
  }
  return out;
}
