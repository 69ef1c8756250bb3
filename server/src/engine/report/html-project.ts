// One project's section of the HTML report: header with score ring and verdict, the five
// questions, score by pillar (chart + how computed), checks by pillar, code findings.
import type { Evidence, Finding } from '../types';
import { escapeHtml as h } from './escape';
import { barChart, scoreRing } from './html-chart';
import { stateMark } from './labels';
import type { CheckView, ProjectReport, QuestionAnswer } from './model';
import { pathToUriReference } from './paths';

export interface RenderContext {
  mode: 'file' | 'webview';
  /** File mode: prefix of evidence hrefs, from the report file's folder to the scanned folder. */
  linkPrefix: string;
}

const ANSWER_MARK: Record<QuestionAnswer, string> = { answered: '✓', partial: '◐', declared: '↗', open: '✗', 'not-checked': '–' };
const ANSWER_WORD: Record<QuestionAnswer, string> = { answered: 'Answered', partial: 'Partly answered', declared: 'Declared', open: 'Open', 'not-checked': 'Not checked' };

/** A link to a file (and line): a plain relative href in a file, a button that asks the host in the webview. */
export function fileLink(ctx: RenderContext, ev: Pick<Evidence, 'file' | 'line'>): string {
  const label = h(ev.file + (ev.line ? `:${ev.line}` : ''));
  if (ctx.mode === 'webview') {
    return `<button type="button" class="link" data-open-file="${h(ev.file)}"${ev.line ? ` data-line="${ev.line}"` : ''} title="Open ${label}">${label}</button>`;
  }
  return `<a class="path-link" href="${h(ctx.linkPrefix + pathToUriReference(ev.file))}">${label}</a>`;
}

function evidenceItems(ctx: RenderContext, ev: Evidence[]): string {
  if (!ev.length) return '';
  return `<ul class="evidence">${ev.map((e) => `<li>${fileLink(ctx, e)}${e.note ? ` <span class="muted">— ${h(e.note)}</span>` : ''}</li>`).join('')}</ul>`;
}

/** Opening tag of a table's sideways-scroll box. Focusable and named so keyboard users can scroll a
 * table that is wider than the page (arrow keys), and screen readers announce what it holds. */
export function tableWrapOpen(label: string): string {
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${h(label)}">`;
}

export function slug(index: number, name: string): string {
  return `p${index}-` + (name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'project');
}

function header(p: ProjectReport, id: string): string {
  const also = p.kinds.filter((k) => k !== p.kind);
  const facts = [
    p.root === '.' ? '<span>At the repository root</span>' : `<span>Root <span class="path">${h(p.root)}</span></span>`,
    `<span>Kind <b>${h(p.kind)}</b>${also.length ? ` (also ${also.map(h).join(', ')})` : ''}</span>`,
    `<span>Stage <b>${h(p.stage)}</b></span>`,
  ];
  if (p.frameworks.length) facts.push(`<span>Uses ${p.frameworks.slice(0, 8).map(h).join(', ')}${p.frameworks.length > 8 ? ', …' : ''}</span>`);
  const v = p.verdict;
  const blockers = v.blockers.map((b) => `<li><b>${h(b.title)}</b>${b.kind === 'rule' ? ` — ${b.count} code finding${b.count === 1 ? '' : 's'}` : ''}</li>`).join('');
  const verdictHtml = v.ready
    ? `<div class="verdict ready" role="status"><strong>✓ ${h(v.headline)}</strong>${v.warnings ? '' : '<span class="muted">Nothing at error level fails at this stage.</span>'}</div>`
    : `<div class="verdict blocked" role="status"><strong>✗ ${h(v.headline)}</strong><ul>${blockers}</ul></div>`;
  return `<div class="project-head"><div><h2 id="${id}-h">${h(p.name)}</h2><div class="facts">${facts.join('')}</div></div>`
    + `<div class="score">${scoreRing(p.score)}</div></div>${verdictHtml}`;
}

function questions(ctx: RenderContext, p: ProjectReport): string {
  const items = p.questions.map((q) => {
    const ev = q.evidence.length ? q.evidence.slice(0, 3).map((e) => fileLink(ctx, e)).join(', ') + (q.evidence.length > 3 ? ` and ${q.evidence.length - 3} more` : '') : '';
    const text = q.answer === 'answered' ? ev : q.answer === 'partial' ? `${ev}${q.missing.length ? ` — still to fill in: ${q.missing.map((m) => `<code>${h(m)}</code>`).join(', ')}` : ' — present but weak'}` : h(q.summary);
    return `<li class="${q.answer}"><span class="mark" aria-hidden="true">${ANSWER_MARK[q.answer]}</span>`
      + `<span class="q">${h(q.question)}</span><span class="a"><span class="sr-only">${ANSWER_WORD[q.answer]}: </span>${text}</span></li>`;
  }).join('');
  return `<div class="card"><h3>The five questions</h3><ol class="questions">${items}</ol></div>`;
}

function scoreCard(p: ProjectReport, id: string): string {
  const bars = p.pillars.map((g) => ({ label: g.label, value: g.score }));
  const rows = p.scoring.rows.map((r) => `<tr><td>${h(r.title)}</td><td class="level-${h(r.level)}">${h(r.level)}</td>`
    + `<td class="num">${r.points ?? '–'}</td><td class="num">${r.weight || '–'}</td>`
    + `<td class="num">${r.weight ? `${(r.points ?? 0) * r.weight} / ${10 * r.weight}` : `<span class="muted">not counted: ${h(r.reason)}</span>`}</td></tr>`).join('');
  return `<div class="card"><h3>Score by pillar</h3>${barChart(`Score by pillar for ${p.name}`, bars, `${id}-pillars`)}`
    + `<details id="${id}-how"><summary>How the score is computed</summary>`
    + `<p class="muted">Each check scores 10 when it passes or is declared, 5 when present but incomplete or weak, 0 when it fails; `
    + `it is weighted by its level at the <b>${h(p.stage)}</b> stage (error 3, warning 2, info 1). Off, not applicable and inconclusive checks are not counted.</p>`
    + `${tableWrapOpen(`How the score of ${p.name} is computed`)}<table><thead><tr><th>Check</th><th>Level</th><th class="num">Points</th><th class="num">Weight</th><th class="num">Counts</th></tr></thead>`
    + `<tbody>${rows}</tbody><tfoot><tr><th colspan="4">Total</th><th class="num">${p.scoring.earned} / ${p.scoring.possible} → ${p.score ?? 'n/a'}</th></tr></tfoot></table></div></details></div>`;
}

function checkItem(ctx: RenderContext, p: ProjectReport, c: CheckView): string {
  const actions: string[] = [];
  if (c.docsUrl) actions.push(`<a href="${h(c.docsUrl)}">Docs</a>`);
  if (ctx.mode === 'webview') {
    actions.push(`<button type="button" data-explain="${h(c.id)}">Explain</button>`);
    if (c.scaffoldable) actions.push(`<button type="button" class="primary" data-scaffold-project="${h(p.root)}" data-scaffold-check="${h(c.id)}">Scaffold</button>`);
  }
  const body: string[] = [];
  if (c.state === 'declared') body.push(`<p class="msg">Declared outside the repository: ${h(c.external ?? '')}</p>`);
  else if (c.state === 'errored') body.push(`<p class="msg">Inconclusive: ${h(c.error ?? c.message)}</p>`);
  else body.push(`<p class="msg">${h(c.message)}</p>`);
  if (c.missing.length) body.push(`<p class="msg">Still to fill in: ${c.missing.map((m) => `<code>${h(m)}</code>`).join(', ')}</p>`);
  body.push(evidenceItems(ctx, c.evidence));
  return `<li class="check state-${h(c.state)}" data-check="${h(c.id)}"><div class="check-head">`
    + `<span class="mark" aria-hidden="true">${stateMark(c.state)}</span><span class="title">${h(c.title)}</span>`
    + `<span class="badge">${h(c.stateLabel)}</span><span class="badge level-${h(c.level)}">${h(c.level)}</span>`
    + (c.blocking ? `<span class="blocking">blocks ${h(p.stage)}</span>` : '')
    + (c.custom ? '<span class="badge">custom</span>' : '')
    + (actions.length ? `<span class="actions">${actions.join('')}</span>` : '')
    + `</div>${body.join('')}</li>`;
}

export function findingsTable(ctx: RenderContext, caption: string, findings: Finding[], regionLabel = caption): string {
  if (!findings.length) return '';
  const rows = findings.map((f) => `<tr><td class="level-${h(f.severity)}">${h(f.severity)}</td><td><code>${h(f.ruleId)}</code></td>`
    + `<td>${fileLink(ctx, f)}</td><td>${h(f.message)}</td></tr>`).join('');
  return `<h3>${h(caption)}</h3>${tableWrapOpen(regionLabel)}<table><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function projectSection(ctx: RenderContext, p: ProjectReport, index: number): string {
  const id = slug(index, p.name);
  const pillars = p.pillars.map((g) => `<section class="pillar" aria-label="${h(g.label)}"><h4>${h(g.label)} <span class="muted">${g.score === null ? 'not scored' : `${g.score}/100`}</span></h4>`
    + `<ul class="checks">${g.checks.map((c) => checkItem(ctx, p, c)).join('')}</ul></section>`).join('');
  return `<section class="project" id="${id}" aria-labelledby="${id}-h">${header(p, id)}`
    + `<div class="cards">${questions(ctx, p)}${scoreCard(p, id)}</div>`
    + `<h3>Checks by pillar</h3>${pillars}`
    + findingsTable(ctx, 'Code findings', p.findings, `Code findings of ${p.name}`)
    + `</section>`;
}
