// Code actions: scaffold (resolved lazily), explain, a finding's own fix, suppress-with-comment, fix-all (bulk-safe fixes only).
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from './paths';
import { DiagnosticData, FixAllKind, OpenDocsCommand, SOURCE } from './protocol';
import { suppressionEdit } from './suppress';

/** Carried from `codeAction` to `codeAction/resolve` for scaffold actions. */
export interface ScaffoldActionData { folder: string; projectRoot: string; checkId: string }

export function isScaffoldActionData(x: unknown): x is ScaffoldActionData {
  const d = x as Partial<ScaffoldActionData> | undefined;
  return !!d && typeof d.folder === 'string' && typeof d.projectRoot === 'string' && typeof d.checkId === 'string';
}

export interface ActionContext {
  doc: TextDocument | undefined;
  /** All our diagnostics currently shown for the document (for fix-all). */
  shown: Diagnostic[];
  /** Docs link of a rule, from the folder's last scan, for code-level findings. */
  docsUrlOf: (ruleId: string) => string | undefined;
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function explainAction(checkId: string, url: string, diagnostic: Diagnostic): CodeAction {
  return {
    title: `Explain ${checkId}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: `Explain ${checkId}`, command: OpenDocsCommand, arguments: [url] },
  };
}

function findingEdits(d: Diagnostic): TextEdit[] | undefined {
  const data = d.data as DiagnosticData | undefined;
  return data?.kind === 'finding' && data.fixEdits?.length ? data.fixEdits : undefined;
}

/**
 * The document's bulk-safe fixes (see isBulkSafeFix) in one edit. An edit identical to one already taken (the
 * same `import` two fixes both add) is taken once; overlapping edits after the first are dropped.
 */
export function fixAllEdits(diags: Diagnostic[]): TextEdit[] {
  const all = diags.flatMap((d) => {
    const data = d.data as DiagnosticData | undefined;
    return data?.kind === 'finding' && data.fixInBulk ? findingEdits(d) ?? [] : [];
  });
  const key = (p: { line: number; character: number }) => p.line * 1e7 + p.character;
  all.sort((a, b) => key(a.range.start) - key(b.range.start));
  const kept: TextEdit[] = [];
  const taken = new Set<string>();
  let lastEnd = -1;
  for (const e of all) {
    const id = `${key(e.range.start)}:${key(e.range.end)}:${e.newText}`;
    if (taken.has(id) || key(e.range.start) < lastEnd) continue;
    taken.add(id);
    kept.push(e);
    lastEnd = key(e.range.end);
  }
  return kept;
}

export function codeActionsFor(params: CodeActionParams, ctx: ActionContext): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE) continue;
      const data = d.data as DiagnosticData | undefined;
      if (data?.kind === 'check') {
        if (data.fixable) {
          const scaffold: ScaffoldActionData = { folder: data.folder, projectRoot: data.projectRoot, checkId: data.checkId };
          actions.push({ title: `Scaffold ${data.title}`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, data: scaffold });
        }
        if (data.docsUrl) actions.push(explainAction(data.checkId, data.docsUrl, d));
      } else if (data?.kind === 'finding') {
        const edits = findingEdits(d);
        if (edits) actions.push({ title: data.fixTitle ?? `Fix ${data.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: edits } } });
        const fsPath = uriToPath(uri);
        const suppress = ctx.doc && fsPath ? suppressionEdit(ctx.doc, fsPath, d.range.start.line, data.ruleId) : undefined;
        if (suppress) actions.push({ title: `Suppress ${data.ruleId} with comment`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: [suppress] } } });
        const url = ctx.docsUrlOf(data.ruleId);
        if (url) actions.push(explainAction(data.ruleId, url, d));
      }
    }
  }

  if (only?.some((o) => FixAllKind === o || FixAllKind.startsWith(o + '.'))) {
    const edits = fixAllEdits(ctx.shown);
    if (edits.length) actions.push({ title: 'Fix all AI Preflight problems that are safe in bulk', kind: FixAllKind, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}
