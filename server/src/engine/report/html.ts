// The readiness report as one self-contained HTML page: inline CSS and SVG, no remote resources.
// mode 'file' (CLI --format html, export): readable without scripts, light/dark by the OS, prints well,
// evidence as plain relative links. mode 'webview' (VS Code): theme variables, strict CSP with a nonce,
// evidence/scaffold/explain/export as buttons that post messages (see html-script.ts for the protocol).
import type { Note, Pillar, ScanResult } from '../types';
import { escapeHtml as h } from './escape';
import { barChart, scoreClass } from './html-chart';
import { fileLink, findingsTable, projectSection, RenderContext, slug, tableWrapOpen } from './html-project';
import { WEBVIEW_SCRIPT } from './html-script';
import { reportCss } from './html-style';
import { PILLAR_LABEL } from './labels';
import { buildReportModel, ReportModel } from './model';

export type HtmlOptions =
  | { mode: 'file'; /** Prefix of evidence hrefs from the HTML file's folder to the scanned folder. */ linkPrefix?: string }
  | { mode: 'webview'; nonce: string; cspSource: string };

const EXPORT_FORMATS: [string, string][] = [['markdown', 'Markdown'], ['html', 'HTML'], ['sarif', 'SARIF'], ['json', 'JSON']];

function csp(opts: HtmlOptions): string {
  if (opts.mode === 'webview') {
    const nonce = h(opts.nonce);
    return `default-src 'none'; style-src ${h(opts.cspSource)} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${h(opts.cspSource)} data:; font-src ${h(opts.cspSource)};`;
  }
  // A report file runs no script at all and loads nothing: a mis-escaped name could not do harm either.
  return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
}

// Print has no room for six full pillar names across an A4 page; it shows these, the screen the full names.
const PILLAR_SHORT: Readonly<Partial<Record<Pillar, string>>> = { ownership: 'Owner', evaluation: 'Eval.', operations: 'Ops', trust: 'Trust' };

function pillarHeader(pillar: Pillar): string {
  const label = PILLAR_LABEL[pillar] ?? pillar;
  const short = PILLAR_SHORT[pillar];
  return short ? `<span class="long">${h(label)}</span><abbr class="short" title="${h(label)}">${h(short)}</abbr>` : h(label);
}

function summarySection(m: ReportModel): string {
  const s = m.summary;
  if (!s) return '';
  const bars = m.projects.map((p) => ({ label: p.name, value: p.score }));
  const pillars = m.pillarOrder.filter((pl) => m.projects.some((p) => p.pillars.some((g) => g.pillar === pl)));
  const heatRows = m.projects.map((p, i) => {
    const cells = pillars.map((pl) => {
      const g = p.pillars.find((x) => x.pillar === pl);
      const v = g ? g.score : null;
      return `<td class="num heat-${scoreClass(v)}">${v === null ? '–' : v}</td>`;
    }).join('');
    const verdict = `<span class="${p.verdict.ready ? 'good' : 'bad'}">${p.verdict.ready ? '✓' : '✗'}</span> ${h(p.verdict.headline)}`;
    return `<tr><th scope="row"><a href="#${slug(i, p.name)}">${h(p.name)}</a><br><span class="path">${h(p.root).replace(/\//g, '/<wbr>')}</span></th>`
      + `<td>${h(p.stage)}</td><td class="num heat-${scoreClass(p.score)}">${p.score ?? 'n/a'}</td><td class="verdict-cell">${verdict}</td>${cells}</tr>`;
  }).join('');
  const gaps = s.commonGaps.length
    ? `<p>Gaps shared by several projects: ${s.commonGaps.map((g) => `<b>${h(g.title)}</b> (${g.projects})`).join(', ')}</p>` : '';
  return `<section class="summary" aria-labelledby="summary-h"><h2 id="summary-h">Workspace summary</h2>`
    + `<div class="stats"><div class="stat"><b>${s.projects}</b>AI projects</div>`
    + `<div class="stat"><b class="${scoreClass(s.averageScore)}">${s.averageScore ?? 'n/a'}</b>average score</div>`
    + `<div class="stat"><b class="${s.blocked ? 'bad' : 'good'}">${s.blocked}</b>blocked at their stage</div></div>`
    + barChart('Readiness score per project', bars, 'summary-scores') + gaps
    + `${tableWrapOpen('Score per pillar per project')}<table><caption class="sr-only">Score per pillar per project</caption><thead><tr><th>Project</th><th>Stage</th><th class="num">Score</th><th>Verdict</th>`
    + pillars.map((pl) => `<th class="num">${pillarHeader(pl)}</th>`).join('') + `</tr></thead><tbody>${heatRows}</tbody></table></div></section>`;
}

function notesSection(ctx: RenderContext, notes: Note[]): string {
  if (!notes.length) return '';
  const items = notes.map((n) => `<li><b>${h(n.kind)}</b>${n.file ? ' ' + fileLink(ctx, { file: n.file, line: n.line }) : ''}: ${h(n.message)}${n.key ? ` <code>${h(n.key)}</code>` : ''}</li>`).join('');
  return `<details id="notes" class="notes"><summary>Notes: ${notes.length} file${notes.length === 1 ? '' : 's'} skipped or with problems</summary><ul>${items}</ul></details>`;
}

export function toHtml(result: ScanResult, opts: HtmlOptions = { mode: 'file' }): string {
  const m = buildReportModel(result);
  const ctx: RenderContext = {
    mode: opts.mode,
    linkPrefix: opts.mode === 'file' && opts.linkPrefix ? opts.linkPrefix.replace(/\/?$/, '/') : './',
  };
  const nonceAttr = opts.mode === 'webview' ? ` nonce="${h(opts.nonce)}"` : '';
  const n = m.projects.length;
  const toolbar = opts.mode === 'webview'
    ? `<div class="toolbar" role="toolbar" aria-label="Report actions"><span class="muted">Export</span>`
      + EXPORT_FORMATS.map(([f, label]) => `<button type="button" data-export="${f}">${label}</button>`).join('')
      + `<button type="button" data-command="rescan">Re-scan</button></div>`
    : '';
  const toc = n > 1
    ? `<nav class="toc" aria-label="Projects"><ul>${m.projects.map((p, i) => `<li><a href="#${slug(i, p.name)}">${h(p.name)}</a> <span class="muted">${p.score === null ? 'no score' : `score ${p.score}`}</span></li>`).join('')}</ul></nav>`
    : '';
  const empty = n === 0 ? '<section class="summary"><h2>No AI project found</h2><p>No package here uses an ML or LLM library in its own code, and no manifest requires one (examples, tests, lazy imports and optional integrations do not count), so there is nothing to check.</p></section>' : '';
  const body = [
    `<header class="report-header"><div><h1>AI readiness report</h1><p class="meta">${h(m.workspaceName)} · ${n} AI project${n === 1 ? '' : 's'} · ${h(m.tool.name)} ${h(m.tool.version)}</p></div>${toolbar}</header>`,
    '<main>', toc, empty, summarySection(m),
    ...m.projects.map((p, i) => projectSection(ctx, p, i)),
    m.otherFindings.length ? `<section class="other">${findingsTable(ctx, 'Findings outside AI projects', m.otherFindings)}</section>` : '',
    notesSection(ctx, m.notes),
    '</main>',
    `<footer>Scores: each check 10 (pass or declared), 5 (incomplete or weak) or 0, weighted by its level at the project's stage. Generated by ${h(m.tool.name)} ${h(m.tool.version)}.</footer>`,
  ];
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${csp(opts)}">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + (opts.mode === 'file' ? '<meta name="color-scheme" content="light dark">' : '')
    + `<title>AI readiness report: ${h(m.workspaceName)}</title>`
    + `<style${nonceAttr}>${reportCss(opts.mode)}</style></head>`
    + `<body class="mode-${opts.mode}">${body.join('\n')}`
    + (opts.mode === 'webview' ? `<script${nonceAttr}>${WEBVIEW_SCRIPT}</script>` : '')
    + '</body></html>\n';
}
