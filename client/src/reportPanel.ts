// The readiness report webview: the engine's HTML in webview mode (strict CSP, nonce'd script), re-rendered
// on every scan of its folder; its buttons post messages handled here.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { toHtml } from '../../server/src/engine/report/html';
import { toContractJson } from '../../server/src/engine/report/json';
import { toMarkdown } from '../../server/src/engine/report/markdown';
import { reportLinkPrefix } from '../../server/src/engine/report/paths';
import { toSarif } from '../../server/src/engine/report/sarif';
import type { ScanResult } from '../../server/src/engine/types';
import type { FolderScan } from '../../server/src/server/protocol';
import type { ScanState } from './scanState';

type Message =
  | { type: 'open'; file: string; line?: number }
  | { type: 'scaffold'; project: string; check: string }
  | { type: 'explain'; check: string }
  | { type: 'export'; format: 'markdown' | 'html' | 'sarif' | 'json' }
  | { type: 'rescan' };

/** `linkPrefix` takes the exported file's evidence links back to the scanned folder. */
const EXPORTS: Record<string, { ext: string; render: (r: ScanResult, linkPrefix: string) => string }> = {
  markdown: { ext: 'md', render: (r, linkPrefix) => toMarkdown(r, { linkPrefix }) },
  html: { ext: 'html', render: (r, linkPrefix) => toHtml(r, { mode: 'file', linkPrefix }) },
  sarif: { ext: 'sarif', render: (r) => JSON.stringify(toSarif(r), null, 2) },
  json: { ext: 'json', render: (r) => JSON.stringify(toContractJson(r), null, 2) },
};

function emptyPage(cspSource: string, nonce: string, text: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}';">`
    + `<style nonce="${nonce}">body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:1.5em}</style></head>`
    + `<body><h1>AI Readiness</h1><p>${text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)}</p></body></html>`;
}

/**
 * Test-only: with AI_PREFLIGHT_TEST set (the extension-host suite's runners set it), the command
 * `aiPreflight.test.reportHtml` returns the open panel's title and last rendered HTML, so a test can
 * check what the webview received. Not contributed in package.json, never registered otherwise.
 */
export const REPORT_HTML_TEST_COMMAND = 'aiPreflight.test.reportHtml';

export class ReportPanel {
  private static current: ReportPanel | undefined;
  private static testCommand: vscode.Disposable | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(state: ScanState, folderUri: string): void {
    if (process.env.AI_PREFLIGHT_TEST && !ReportPanel.testCommand) {
      ReportPanel.testCommand = vscode.commands.registerCommand(REPORT_HTML_TEST_COMMAND, () => ReportPanel.current
        && { title: ReportPanel.current.panel.title, html: ReportPanel.current.panel.webview.html });
    }
    if (ReportPanel.current) {
      ReportPanel.current.folderUri = folderUri;
      ReportPanel.current.render();
      ReportPanel.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel('aiPreflight.report', 'AI Readiness Report', vscode.ViewColumn.Active, {
      enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false,
    });
    ReportPanel.current = new ReportPanel(panel, state, folderUri);
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly state: ScanState, private folderUri: string) {
    this.disposables.push(
      state.onDidChange(() => this.render()),
      panel.webview.onDidReceiveMessage((m: Message) => { void this.onMessage(m); }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.render();
  }

  private get scan(): FolderScan | undefined { return this.state.get(this.folderUri); }

  private render(): void {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const scan = this.scan;
    this.panel.title = `AI Readiness: ${scan?.name ?? 'workspace'}`;
    if (!scan?.result) {
      webview.html = emptyPage(webview.cspSource, nonce, scan?.error ? `The scan failed: ${scan.error}` : 'Scanning…');
      return;
    }
    try {
      webview.html = toHtml(scan.result, { mode: 'webview', nonce, cspSource: webview.cspSource });
    } catch (err) {
      webview.html = emptyPage(webview.cspSource, nonce, `The report could not be rendered: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async onMessage(m: Message): Promise<void> {
    const folder = vscode.Uri.parse(this.folderUri);
    switch (m?.type) {
      case 'open': {
        if (typeof m.file !== 'string' || m.file.split('/').includes('..')) return;
        const uri = vscode.Uri.joinPath(folder, ...m.file.split('/'));
        const line = typeof m.line === 'number' && m.line > 0 ? m.line - 1 : 0;
        await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.One });
        return;
      }
      case 'scaffold':
        await vscode.commands.executeCommand('aiPreflight.scaffold', { folder: this.folderUri, projectRoot: m.project, checkId: m.check });
        return;
      case 'explain':
        await vscode.commands.executeCommand('aiPreflight.explain', m.check);
        return;
      case 'rescan':
        await vscode.commands.executeCommand('aiPreflight.rescan');
        return;
      case 'export': {
        const result = this.scan?.result;
        const format = EXPORTS[m.format];
        if (!result || !format) return;
        const target = await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.joinPath(folder, `ai-readiness.${format.ext}`),
          filters: { [m.format.toUpperCase()]: [format.ext] },
        });
        if (!target) return;
        const linkPrefix = target.scheme === 'file' && folder.scheme === 'file' ? reportLinkPrefix(target.fsPath, folder.fsPath) : '';
        await vscode.workspace.fs.writeFile(target, Buffer.from(format.render(result, linkPrefix), 'utf8'));
        void vscode.window.showInformationMessage(`AI Preflight: report exported to ${vscode.workspace.asRelativePath(target)}`);
        return;
      }
    }
  }

  private dispose(): void {
    ReportPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
