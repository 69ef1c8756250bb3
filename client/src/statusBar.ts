// `$(pulse) AI Readiness 68 · pilot · 2 blocking` — click opens the report.
import * as vscode from 'vscode';
import { blockingCount, ScanState } from './scanState';

export function createStatusBar(state: ScanState): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('aiPreflight.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'AI Readiness';
  item.command = 'aiPreflight.showReport';

  const render = () => {
    const refs = state.projects();
    item.backgroundColor = undefined;
    item.color = undefined;
    if (!state.ready) {
      item.text = '$(sync~spin) AI Readiness';
      item.tooltip = 'AI Preflight is scanning the workspace…';
    } else if (refs.length === 0) {
      item.text = '$(pulse) AI Readiness: no AI project';
      item.color = new vscode.ThemeColor('disabledForeground');
      item.tooltip = 'AI Preflight found no AI/ML project in this workspace.';
      const failed = state.all().filter((f) => f.error);
      if (failed.length) item.tooltip += `\nScan failed in: ${failed.map((f) => f.name).join(', ')}`;
    } else {
      const scores = refs.map((r) => r.project.score).filter((s): s is number => s !== null);
      const score = scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
      const stages = [...new Set(refs.map((r) => r.project.stage))];
      const blocking = refs.reduce((n, r) => n + blockingCount(r.project), 0);
      item.text = `$(pulse) AI Readiness ${score ?? 'n/a'} · ${stages.length === 1 ? stages[0] : 'mixed stages'}`
        + (blocking ? ` · $(error) ${blocking} blocking` : '');
      if (blocking) item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      const md = new vscode.MarkdownString(undefined, true);
      md.appendMarkdown('**AI Preflight — production readiness**\n\n');
      for (const r of refs) {
        const b = blockingCount(r.project);
        md.appendMarkdown(`- ${r.project.name} (${r.project.aiKind}): score ${r.project.score ?? 'n/a'}, stage ${r.project.stage}${b ? `, ${b} blocking` : ''}\n`);
      }
      md.appendMarkdown('\nClick to open the readiness report.');
      item.tooltip = md;
    }
    item.show();
  };
  render();
  const sub = state.onDidChange(render);
  return vscode.Disposable.from(item, sub);
}
