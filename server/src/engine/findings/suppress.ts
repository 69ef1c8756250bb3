// Inline suppression: `# ai-preflight-ignore: <rule-id> <reason>` (or `//`) on the finding's line or the
// line above; a comment on a line of its own covers the whole statement below it (a multi-line call). The
// marker counts only in a comment, never inside a string literal (code/commentLines.ts tells them apart).
// A suppression with no reason still applies, but is itself reported (info) so reasons get written.
// A reason that starts with TODO (the editor's "Suppress with comment" writes one) is a placeholder, not a reason.
import type { Finding } from '../types';
import { CommentLines } from '../code/commentLines';

const SUPPRESSION = /ai-preflight-ignore:?[ \t]*([A-Za-z0-9_-]+)?(?:[ \t]+([^\r\n"\\]*[^\s"\\]))?/g;

export interface Suppression {
  line: number; rule?: string; reason?: string; column: number; length: number;
  /** Last line the suppression covers (the end of the statement below or beside the comment). */
  through?: number;
}

/** The suppression comments of a file's text (cheap when there are none). */
export function suppressionsOf(text: string): Suppression[] {
  if (!text.includes('ai-preflight-ignore')) return [];
  const out: Suppression[] = [];
  const lines = text.split('\n');
  const comments = new CommentLines(lines);
  lines.forEach((l, i) => {
    if (!l.includes('ai-preflight-ignore')) return;
    const comment = comments.comment(i);
    if (!comment) return; // the marker sits in a string or in code, not in a comment
    for (const m of l.slice(comment.column).matchAll(SUPPRESSION)) {
      const through = comments.statementEnd(comment.ownLine ? i + 1 : i) + 1;
      out.push({ line: i + 1, rule: m[1], reason: m[2]?.trim() || undefined, column: comment.column + m.index!, length: m[0].length, through });
    }
  });
  return out;
}

/** True when the suppression's reason is a real one: present, and not a TODO placeholder left to fill in. */
export function hasReason(s: Suppression): boolean {
  return !!s.reason && !/^TODO\b/i.test(s.reason);
}

/** Drops suppressed findings of one file and adds a finding per suppression that gives no reason. */
export function applySuppressions(file: string, text: string, findings: Finding[]): Finding[] {
  return applySuppressionList(file, suppressionsOf(text), findings);
}

/** The same, from the file's suppressions found earlier (a worker thread, a cached scan). */
export function applySuppressionList(file: string, sups: Suppression[], findings: Finding[]): Finding[] {
  if (sups.length === 0) return findings;
  const covers = (s: Suppression, line: number) => line >= s.line && line <= Math.max(s.line + 1, s.through ?? 0);
  const kept = findings.filter((f) => !sups.some((s) => covers(s, f.line) && (s.rule === f.ruleId || s.rule === 'all')));
  for (const s of sups) {
    if (hasReason(s)) continue;
    const placeholder = s.reason ? ` yet (${JSON.stringify(s.reason.length > 40 ? s.reason.slice(0, 39) + '…' : s.reason)} is a placeholder)` : '';
    kept.push({
      ruleId: 'suppression-without-reason', severity: 'info', file, line: s.line, column: s.column, endLine: s.line, endColumn: s.column + s.length,
      message: s.rule
        ? `Suppression of ${s.rule} gives no reason${placeholder}: write why after the rule id, e.g. "ai-preflight-ignore: ${s.rule} test fixture, not a real key".`
        : 'Suppression comment names no rule: write "ai-preflight-ignore: <rule-id> <reason>".',
    });
  }
  return kept;
}
