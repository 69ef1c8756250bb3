// The readiness report as GitHub-flavoured Markdown: headings and tables only, no raw HTML.
import type { Evidence, Finding, ScanResult } from '../types';
import { escapeMarkdown as md } from './escape';
import { PILLAR_LABEL, stateMark } from './labels';
import { buildReportModel, CheckView, ProjectReport, QuestionAnswer, ReportModel } from './model';
import { pathToUriReference } from './paths';

export interface MarkdownOptions {
  /** Prefix for evidence links, from the Markdown file's folder to the scanned folder (default: same folder). */
  linkPrefix?: string;
}

const ANSWER_MARK: Record<QuestionAnswer, string> = {
  answered: '✅ Answered', partial: '🟡 Partly', declared: '↗️ Declared', open: '❌ Open', 'not-checked': '➖ Not checked',
};
const SEVERITY_MARK: Record<string, string> = { error: '⛔ error', warning: '⚠️ warning', info: 'ℹ️ info', hint: 'hint', off: 'off' };

const scoreText = (s: number | null) => (s === null ? 'n/a' : `${s}/100`);

function link(ev: Pick<Evidence, 'file' | 'line'>, prefix: string): string {
  const label = md(ev.file + (ev.line ? `:${ev.line}` : ''));
  return `[${label}](${prefix}${pathToUriReference(ev.file)}${ev.line ? `#L${ev.line}` : ''})`;
}

function evidenceList(ev: Evidence[], prefix: string, max = 4): string {
  const shown = ev.slice(0, max).map((e) => link(e, prefix) + (e.note ? ` (${md(e.note)})` : ''));
  if (ev.length > max) shown.push(`and ${ev.length - max} more`);
  return shown.join(', ');
}

function checkDetail(c: CheckView, prefix: string): string {
  if (c.state === 'declared') return `Declared: ${md(c.external ?? 'outside the repository')}`;
  if (c.state === 'errored') return `Inconclusive: ${md(c.error ?? c.message)}`;
  const parts: string[] = [];
  if (c.evidence.length) parts.push(evidenceList(c.evidence, prefix));
  if (c.status !== 'pass' || !c.evidence.length) parts.push(md(c.message));
  if (c.missing.length) parts.push(`still to fill in: ${c.missing.map(md).join(', ')}`);
  return parts.join(' — ');
}

function checkTitle(c: CheckView): string {
  return c.docsUrl ? `[${md(c.title)}](${c.docsUrl.replace(/[()\s]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))})` : md(c.title);
}

function projectSection(p: ProjectReport, prefix: string, headingLevel: string): string[] {
  const out: string[] = [];
  const kinds = p.kinds.filter((k) => k !== p.kind);
  out.push(`${headingLevel} ${md(p.name)}`, '');
  out.push(`**Root** ${md(p.root)} · **Kind** ${md(p.kind)}${kinds.length ? ` (also ${kinds.map(md).join(', ')})` : ''} · **Stage** ${md(p.stage)} · **Score** ${scoreText(p.score)}`, '');
  if (p.frameworks.length) out.push(`Frameworks: ${p.frameworks.map(md).join(', ')}`, '');
  const v = p.verdict;
  const blockers = v.blockers.map((b) => md(b.title) + (b.kind === 'rule' ? ` (${b.count} finding${b.count === 1 ? '' : 's'})` : ''));
  out.push(v.ready ? `> ✅ **${md(v.headline)}**` : `> ⛔ **${md(v.headline)}:** ${blockers.join(', ')}`, '');

  out.push(`${headingLevel}# The five questions`, '', '| Question | Answer | Details |', '|---|---|---|');
  for (const q of p.questions) {
    const detail = q.answer === 'answered' || q.answer === 'partial' ? evidenceList(q.evidence, prefix, 3) + (q.answer === 'partial' ? (q.missing.length ? ` — still to fill in: ${q.missing.map(md).join(', ')}` : ' — present but weak') : '') : md(q.summary);
    out.push(`| ${md(q.question)} | ${ANSWER_MARK[q.answer]} | ${detail} |`);
  }
  out.push('');

  out.push(`${headingLevel}# Checks`, '', '| Pillar | Check | Status | Level | Evidence or what is missing |', '|---|---|---|---|---|');
  for (const g of p.pillars) {
    for (const c of g.checks) {
      out.push(`| ${md(g.label)} | ${checkTitle(c)} | ${stateMark(c.state)} ${md(c.stateLabel)} | ${md(c.level)} | ${checkDetail(c, prefix)} |`);
    }
  }
  out.push('');

  if (p.findings.length) out.push(...findingsTable(`${headingLevel}# Code findings`, p.findings, prefix));

  out.push(`${headingLevel}# How the score is computed`, '');
  out.push('Each check scores 10 when it passes or is declared, 5 when present but incomplete or weak, 0 when failing; it is weighted by its level at the stage (error 3, warning 2, info 1). Checks that are off, not applicable or inconclusive are not counted.', '');
  out.push('| Check | Level | Points | Weight | Counts |', '|---|---|---:|---:|---:|');
  for (const r of p.scoring.rows) {
    const counts = r.weight ? `${(r.points ?? 0) * r.weight} / ${10 * r.weight}` : `not counted (${md(r.reason)})`;
    out.push(`| ${md(r.title)} | ${md(r.level)} | ${r.points ?? '–'} | ${r.weight || '–'} | ${counts} |`);
  }
  out.push(`| **Total** | | | | **${p.scoring.earned} / ${p.scoring.possible} → ${scoreText(p.score)}** |`, '');
  return out;
}

function findingsTable(heading: string, findings: Finding[], prefix: string): string[] {
  const out = [heading, '', '| Severity | Rule | Location | Message |', '|---|---|---|---|'];
  for (const f of findings) out.push(`| ${SEVERITY_MARK[f.severity] ?? md(f.severity)} | ${md(f.ruleId)} | ${link(f, prefix)} | ${md(f.message)} |`);
  out.push('');
  return out;
}

function summarySection(m: ReportModel): string[] {
  const s = m.summary;
  if (!s) return [];
  const out = ['## Workspace summary', ''];
  out.push(`${s.projects} AI projects · average score ${scoreText(s.averageScore)} · ${s.blocked} of ${s.projects} blocked at their declared stage`, '');
  out.push('| Project | Root | Kind | Stage | Score | Verdict |', '|---|---|---|---|---:|---|');
  for (const p of m.projects) {
    out.push(`| ${md(p.name)} | ${md(p.root)} | ${md(p.kind)} | ${md(p.stage)} | ${scoreText(p.score)} | ${p.verdict.ready ? '✅' : '⛔'} ${md(p.verdict.headline)} |`);
  }
  out.push('');
  if (s.commonGaps.length) {
    out.push('Gaps shared by several projects: ' + s.commonGaps.map((g) => `${md(g.title)} (${g.projects})`).join(', '), '');
  }
  const pillars = m.pillarOrder.filter((pl) => m.projects.some((p) => p.pillars.some((g) => g.pillar === pl)));
  out.push('Score per pillar:', '', '| Project | ' + pillars.map((p) => md(PILLAR_LABEL[p] ?? p)).join(' | ') + ' |', '|---|' + pillars.map(() => '---:').join('|') + '|');
  for (const p of m.projects) {
    const cells = pillars.map((pl) => { const g = p.pillars.find((x) => x.pillar === pl); return g ? scoreText(g.score) : '–'; });
    out.push(`| ${md(p.name)} | ${cells.join(' | ')} |`);
  }
  out.push('');
  return out;
}

export function toMarkdown(result: ScanResult, opts: MarkdownOptions = {}): string {
  const m = buildReportModel(result);
  const prefix = opts.linkPrefix ? opts.linkPrefix.replace(/\/?$/, '/') : '';
  const out: string[] = [`# AI readiness report: ${md(m.workspaceName)}`, ''];
  out.push(`Generated by ${md(m.tool.name)} ${md(m.tool.version)} · ${m.projects.length} AI project${m.projects.length === 1 ? '' : 's'}`, '');
  if (m.projects.length === 0) out.push('No AI project was found in this folder: nothing to check.', '');
  out.push(...summarySection(m));
  for (const p of m.projects) out.push(...projectSection(p, prefix, '##'));
  if (m.otherFindings.length) out.push(...findingsTable('## Findings outside AI projects', m.otherFindings, prefix));
  if (m.notes.length) {
    out.push('## Notes', '');
    for (const n of m.notes) out.push(`- **${md(n.kind)}**${n.file ? ' ' + md(n.file + (n.line ? `:${n.line}` : '')) : ''}: ${md(n.message)}`);
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
