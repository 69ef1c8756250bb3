// Palette commands: Rescan Workspace, Show Readiness Report, Scaffold Missing Artifacts…, Explain Check.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ApplyScaffoldArgs, ApplyScaffoldCommand, ApplyScaffoldResult, RescanRequest, ScanResultResponse,
} from '../../server/src/server/protocol';
import { checkOf, scaffoldTargetOf } from './readinessTree';
import { ReportPanel } from './reportPanel';
import type { CheckRef, ScanState } from './scanState';

interface ScaffoldTarget { folder: string; projectRoot: string; checkId: string }

function isTarget(x: unknown): x is ScaffoldTarget {
  const t = x as Partial<ScaffoldTarget> | undefined;
  return !!t && typeof t.folder === 'string' && typeof t.projectRoot === 'string' && typeof t.checkId === 'string';
}

async function rescan(client: LanguageClient, state: ScanState): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'AI Preflight: scanning' }, async () => {
    const answer = await client.sendRequest<ScanResultResponse>(RescanRequest, {});
    state.replaceAll(answer.folders);
  });
}

/** The folder for the report: the active editor's, else the only one with AI projects, else ask. */
async function pickReportFolder(state: ScanState): Promise<string | undefined> {
  const withProjects = state.all().filter((f) => f.result?.projects.length);
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active && vscode.workspace.getWorkspaceFolder(active)?.uri.toString();
  if (activeFolder && withProjects.some((f) => f.uri === activeFolder)) return activeFolder;
  if (withProjects.length <= 1) return (withProjects[0] ?? state.all()[0])?.uri;
  const pick = await vscode.window.showQuickPick(withProjects.map((f) => ({ label: f.name, description: `${f.result!.projects.length} AI project(s)`, uri: f.uri })), { title: 'Readiness report for which folder?' });
  return pick?.uri;
}

async function applyScaffold(targets: ScaffoldTarget[]): Promise<void> {
  // One server command per project: the server plans all of its checks together, so names never collide.
  const groups = new Map<string, ApplyScaffoldArgs>();
  for (const t of targets) {
    const key = `${t.folder}|${t.projectRoot}`;
    const g = groups.get(key) ?? { folder: t.folder, projectRoot: t.projectRoot, checkIds: [] };
    g.checkIds.push(t.checkId);
    groups.set(key, g);
  }
  const created: string[] = [];
  const skipped: string[] = [];
  for (const args of groups.values()) {
    const result = await vscode.commands.executeCommand<ApplyScaffoldResult | undefined>(ApplyScaffoldCommand, args);
    created.push(...(result?.created ?? []));
    skipped.push(...(result?.skipped ?? []).map((s) => `${s.checkId}: ${s.reason}`));
  }
  if (created.length) {
    await vscode.window.showTextDocument(vscode.Uri.parse(created[0]), { preview: false });
    void vscode.window.showInformationMessage(`AI Preflight: created ${created.map((u) => vscode.workspace.asRelativePath(vscode.Uri.parse(u))).join(', ')}. Fill in the placeholders marked TODO.`);
  }
  if (skipped.length) void vscode.window.showWarningMessage(`AI Preflight: not scaffolded — ${skipped.join('; ')}`);
  if (!created.length && !skipped.length) void vscode.window.showInformationMessage('AI Preflight: nothing to scaffold.');
}

async function scaffold(state: ScanState, arg: unknown): Promise<void> {
  const direct = isTarget(arg) ? arg : scaffoldTargetOf(arg);
  if (direct) return applyScaffold([direct]);
  const candidates = state.scaffoldable();
  if (!candidates.length) {
    void vscode.window.showInformationMessage('AI Preflight: no missing artifact to scaffold.');
    return;
  }
  const many = state.projects().length > 1;
  const items = candidates.map((ref: CheckRef) => ({
    label: ref.check.title,
    description: many ? ref.project.name : ref.check.id,
    detail: ref.check.message,
    picked: ref.check.level === 'error',
    ref,
  }));
  const picks = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Scaffold missing artifacts', placeHolder: 'Choose the artifacts to create (existing files are never overwritten)', matchOnDetail: true });
  if (!picks?.length) return;
  await applyScaffold(picks.map((p) => ({ folder: p.ref.folder.uri, projectRoot: p.ref.project.root, checkId: p.ref.check.id })));
}

async function explain(state: ScanState, arg: unknown): Promise<void> {
  const all = state.projects().flatMap((r) => r.project.checks);
  const byId = new Map(all.map((c) => [c.id, c]));
  let check = checkOf(arg) ?? (typeof arg === 'string' ? byId.get(arg) : undefined);
  if (!check) {
    const pick = await vscode.window.showQuickPick([...byId.values()].map((c) => ({ label: c.title, description: c.id, detail: c.message, check: c })), { title: 'Explain which check?', matchOnDescription: true });
    check = pick?.check;
  }
  if (check?.docsUrl) await vscode.env.openExternal(vscode.Uri.parse(check.docsUrl));
  else if (check) void vscode.window.showInformationMessage(`${check.title}: ${check.message}`);
}

export function registerCommands(client: LanguageClient, state: ScanState): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('aiPreflight.rescan', () => rescan(client, state)),
    vscode.commands.registerCommand('aiPreflight.showReport', async () => {
      const folder = await pickReportFolder(state);
      if (folder) ReportPanel.show(state, folder);
      else void vscode.window.showInformationMessage('AI Preflight: open a folder to see its readiness report.');
    }),
    vscode.commands.registerCommand('aiPreflight.scaffold', (arg?: unknown) => scaffold(state, arg)),
    vscode.commands.registerCommand('aiPreflight.explain', (arg?: unknown) => explain(state, arg)),
    vscode.commands.registerCommand('aiPreflight.showOutput', () => client.outputChannel.show()),
  ];
}
