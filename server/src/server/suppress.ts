// "Suppress with comment": a `# ai-preflight-ignore: <rule> <reason>` line above the finding.
import * as path from 'path';
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

const HASH = new Set(['.py', '.yaml', '.yml', '.toml', '.sh', '.r']);
const SLASHES = new Set(['.js', '.ts', '.jsx', '.tsx', '.mjs', '.cjs']);

/** Line-comment leader for a file, or undefined where a comment is impossible (JSON, notebooks on disk). */
export function commentLeader(fsPath: string): '#' | '//' | undefined {
  const base = path.basename(fsPath).toLowerCase();
  if (base === '.env' || base.startsWith('.env.') || base === 'dockerfile') return '#';
  const ext = path.extname(base);
  if (HASH.has(ext)) return '#';
  if (SLASHES.has(ext)) return '//';
  return undefined;
}

/**
 * The reason is left for the author. The engine counts a reason starting with TODO as none (hasReason in
 * engine/findings/suppress.ts), so the one-click suppression hides the finding but leaves an information
 * finding (suppression-without-reason) on the comment until someone writes why.
 */
export const REASON_PLACEHOLDER = 'TODO: say why this is acceptable';

export function suppressionEdit(doc: TextDocument, fsPath: string, line: number, ruleId: string): TextEdit | undefined {
  const leader = commentLeader(fsPath);
  if (!leader || line < 0 || line >= doc.lineCount) return undefined;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const eol = text.endsWith('\r\n') ? '\r\n' : '\n';
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indent}${leader} ai-preflight-ignore: ${ruleId} ${REASON_PLACEHOLDER}${eol}`,
  };
}
