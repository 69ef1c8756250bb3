// Shared helpers of the extension-host suite (runs inside VS Code, with the real vscode API).
import * as crypto from 'crypto';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ai-preflight.ai-preflight';
export const SOURCE = 'AI Preflight';

/** Polls until fn() is truthy; returns the last value (falsy on time-out) so asserts can say why. */
export async function until<T>(fn: () => T | Promise<T>, ms = 30000, stepMs = 200): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** The check / rule id of a diagnostic (code may carry a docs link). */
export function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** True when no diagnostic of `id` at warning or error level is left (an info "incomplete" may stay). */
export function noWarningLeft(uri: vscode.Uri, id: string): boolean {
  return !ourDiagnostics(uri).some((d) => codeOf(d) === id && d.severity <= vscode.DiagnosticSeverity.Warning);
}

export function findDiagnostic(uri: vscode.Uri, id: string): vscode.Diagnostic | undefined {
  return ourDiagnostics(uri).find((d) => codeOf(d) === id);
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

/**
 * The quick fixes offered for a diagnostic. Markers reach the main thread a little after
 * getDiagnostics() sees them, so the provider is asked again until something matches.
 */
export async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: RegExp): Promise<vscode.CodeAction[]> {
  const matches = await until(async () => {
    // The last argument resolves lazily-computed edits (scaffold actions use codeAction/resolve).
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value, 50)) ?? [];
    const found = actions.filter((a) => title.test(a.title));
    return found.length ? found : undefined;
  });
  return matches ?? [];
}

/** Applies a code action as the lightbulb would: its edit, then its command; saves what it created. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<vscode.Uri[]> {
  const touched: vscode.Uri[] = [];
  if (action.edit) {
    for (const [uri] of action.edit.entries()) touched.push(uri);
    if (!(await vscode.workspace.applyEdit(action.edit))) throw new Error(`applyEdit refused "${action.title}"`);
    // workspace.applyEdit() leaves created files dirty (no refactoring auto-save via the API).
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isDirty && touched.some((u) => u.toString() === doc.uri.toString()) && doc.uri.scheme === 'file') {
        if (!doc.uri.path.endsWith('.py')) await doc.save();
      }
    }
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
  return touched;
}

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try { return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'); } catch { return undefined; }
}

/** An OpenAI project-key shape, generated now, never real: sk-proj-<74>T3BlbkFJ<74>. */
export function generateOpenAiKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const part = (n: number): string => Array.from(crypto.randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
  return `sk-proj-${part(74)}T3BlbkFJ${part(74)}`;
}

export function mask(secret: string): string {
  return `${secret.slice(0, 8)}…${secret.slice(-3)}`;
}
