// Tree view "Production Readiness": projects → pillars → checks → evidence (click opens the file at the line).
import * as vscode from 'vscode';
import type { CheckResult, Evidence, Pillar } from '../../server/src/engine/types';
import { blockingCount, CheckRef, isScaffoldable, ProjectRef, ScanState } from './scanState';

const PILLAR_LABEL: Record<Pillar, string> = {
  ownership: 'Ownership', evaluation: 'Evaluation', operations: 'Operations', data: 'Data', trust: 'Trust & safety', value: 'Business value',
};
const PILLAR_ORDER: Pillar[] = ['ownership', 'evaluation', 'operations', 'data', 'trust', 'value'];

type Node =
  | { type: 'project'; ref: ProjectRef }
  | { type: 'pillar'; ref: ProjectRef; pillar: Pillar }
  | { type: 'check'; ref: CheckRef }
  | { type: 'evidence'; ref: CheckRef; evidence: Evidence };

function checkIcon(c: CheckResult): vscode.ThemeIcon {
  if (c.state === 'errored') return new vscode.ThemeIcon('bug', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  if (c.state === 'declared') return new vscode.ThemeIcon('link-external');
  if (c.status === 'skip') return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  if (c.status === 'pass') {
    return c.state === 'present'
      ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
      : new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  }
  if (c.level === 'error') return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  if (c.level === 'warning') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
}

function stateLabel(c: CheckResult): string {
  if (c.status === 'fail') return c.state === 'found' ? `found · ${c.level}` : `missing · ${c.level}`;
  return c.state === 'present' ? 'pass' : c.state;
}

export class ReadinessTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly state: ScanState) {
    state.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.state.projects().map((ref) => ({ type: 'project', ref }));
    if (node.type === 'project') {
      const present = new Set(node.ref.project.checks.map((c) => c.pillar));
      return PILLAR_ORDER.filter((p) => present.has(p)).map((pillar) => ({ type: 'pillar', ref: node.ref, pillar }));
    }
    if (node.type === 'pillar') {
      return node.ref.project.checks.filter((c) => c.pillar === node.pillar).map((check) => ({ type: 'check', ref: { ...node.ref, check } }));
    }
    if (node.type === 'check') return node.ref.check.evidence.map((evidence) => ({ type: 'evidence', ref: node.ref, evidence }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'project': {
        const p = node.ref.project;
        const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.Expanded);
        const blocking = blockingCount(p);
        item.description = `${p.score ?? 'n/a'} · ${p.stage}${blocking ? ` · ${blocking} blocking` : ''}`;
        item.tooltip = `${p.aiKind} project at ${p.root === '.' ? node.ref.folder.name : p.root}\nFrameworks: ${p.frameworks.join(', ') || '—'}`;
        item.iconPath = new vscode.ThemeIcon('hubot');
        item.contextValue = 'project';
        return item;
      }
      case 'pillar': {
        const checks = node.ref.project.checks.filter((c) => c.pillar === node.pillar && c.status !== 'skip');
        const passing = checks.filter((c) => c.status === 'pass').length;
        const item = new vscode.TreeItem(PILLAR_LABEL[node.pillar] ?? node.pillar, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${passing}/${checks.length}`;
        item.contextValue = 'pillar';
        return item;
      }
      case 'check': {
        const c = node.ref.check;
        const item = new vscode.TreeItem(c.title, c.evidence.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = stateLabel(c);
        item.iconPath = checkIcon(c);
        item.tooltip = new vscode.MarkdownString(`**${c.title}** (\`${c.id}\`)\n\n${c.error ?? c.message}`);
        item.contextValue = isScaffoldable(node.ref.folder, c) ? 'check.fixable' : 'check';
        item.id = `${node.ref.folder.uri}|${node.ref.project.root}|${c.id}`;
        return item;
      }
      case 'evidence': {
        const e = node.evidence;
        const label = e.line ? `${e.file}:${e.line}` : e.file;
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.description = e.note;
        item.iconPath = vscode.ThemeIcon.File;
        const uri = vscode.Uri.joinPath(vscode.Uri.parse(node.ref.folder.uri), ...e.file.split('/'));
        item.resourceUri = uri;
        item.command = {
          title: 'Open', command: 'vscode.open',
          arguments: [uri, e.line ? { selection: new vscode.Range(e.line - 1, 0, e.line - 1, 0) } : {}],
        };
        item.tooltip = e.note ? `${e.file}: ${e.note}` : e.file;
        return item;
      }
    }
  }
}

/** Arguments of the tree's inline "Scaffold" action, from a check node. */
export function scaffoldTargetOf(node: unknown): { folder: string; projectRoot: string; checkId: string } | undefined {
  const n = node as Node | undefined;
  if (n?.type !== 'check') return undefined;
  return { folder: n.ref.folder.uri, projectRoot: n.ref.project.root, checkId: n.ref.check.id };
}

/** Check id and docs from a tree node (for "Explain" from the tree). */
export function checkOf(node: unknown): CheckResult | undefined {
  const n = node as Node | undefined;
  return n?.type === 'check' ? n.ref.check : undefined;
}
