import * as assert from 'assert';
import { parse, HTMLElement } from 'node-html-parser';
import { toHtml } from '../../server/src/engine/report/html';
import { emptyResult, EVIL_FILE, evilResult, singleProjectResult, workspaceResult } from '../fixtures/report/scan-results';

const WEBVIEW = { mode: 'webview' as const, nonce: 'n0nce4Test', cspSource: 'vscode-webview://abc' };
const all = (root: HTMLElement, sel: string) => root.querySelectorAll(sel);
const cspOf = (root: HTMLElement) => root.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';

/** Every way a page could pull something from the network. */
function remoteLoads(html: string): string[] {
  const found: string[] = [];
  for (const re of [/\b(?:src|srcset|poster|data|action|formaction)\s*=\s*["']?\s*(?:https?:)?\/\//gi, /url\(\s*["']?\s*(?:https?:)?\/\//gi, /@import/gi, /<link\b/gi, /<base\b/gi, /<iframe\b/gi, /<img\b/gi]) {
    for (const m of html.matchAll(re)) found.push(m[0]);
  }
  return found;
}

describe('report: HTML (file mode)', () => {
  const html = toHtml(workspaceResult());
  const doc = parse(html);

  it('is one self-contained page: inline CSS, inline SVG, no script, no remote loads', () => {
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.strictEqual(all(doc, 'style').length, 1);
    assert.strictEqual(all(doc, 'script').length, 0);
    assert.deepStrictEqual(remoteLoads(html), []);
    assert.ok(all(doc, 'svg').length >= 4);
    assert.match(cspOf(doc), /default-src 'none'/);
    assert.doesNotMatch(cspOf(doc), /script-src/);
  });

  it('supports light and dark schemes and print', () => {
    assert.ok(html.includes('@media (prefers-color-scheme: dark)'));
    assert.ok(html.includes('@media print'));
    assert.ok(doc.querySelector('meta[name="color-scheme"]'));
  });

  it('starts with a workspace summary and a chart of score per project, then one section per project', () => {
    const summary = doc.querySelector('section.summary');
    assert.ok(summary);
    assert.match(summary?.querySelector('svg.chart title')?.text ?? '', /score per project/i);
    assert.deepStrictEqual(all(summary!, 'tbody th[scope=row] a').map((a) => a.text), ['rag-service', 'churn-model', 'vision-lab']);
    const sections = all(doc, 'section.project');
    assert.strictEqual(sections.length, 3);
    assert.deepStrictEqual(sections.map((s) => s.querySelector('h2')?.text), ['rag-service', 'churn-model', 'vision-lab']);
    // TOC links resolve to section ids
    for (const a of all(doc, 'nav.toc a')) assert.ok(doc.querySelector(a.getAttribute('href') ?? 'x'), a.getAttribute('href'));
  });

  it('labels the scores in the table of contents', () => {
    assert.deepStrictEqual(all(doc, 'nav.toc li').map((li) => li.text), ['rag-service score 48', 'churn-model score 65', 'vision-lab score 50']);
  });

  it('cuts long names in the chart at the end, with the full name as a tooltip and a label column that fits them', () => {
    const r = workspaceResult();
    const names = ['Car-Sales-Price-Prediction', 'Hotel-Reservation-Cancellation', 'a-project-name-far-too-long-for-any-chart-label-column'];
    r.projects.forEach((p, i) => { p.name = names[i]; });
    const chart = parse(toHtml(r)).querySelector('section.summary svg.chart')!;
    const rows = all(chart, 'g').map((g) => ({ text: g.querySelector('text.label')?.text ?? '', tip: g.querySelector('title')?.text, x: g.querySelector('text.label')?.getAttribute('x') }));
    assert.deepStrictEqual(rows.slice(0, 2).map((row) => [row.text, row.tip]), [[names[0], undefined], [names[1], undefined]], 'whole names, no tooltip');
    assert.match(rows[2].text, /^a-project-name-far-too-long.*…$/);
    assert.strictEqual(rows[2].tip, names[2]);
    assert.ok(rows.every((row) => row.x === '0'), 'labels start at the left edge, so their start is never cut');
    // the label column widens for long names (up to a limit) but stays narrow for short ones
    const barX = (svg: HTMLElement) => Number(svg.querySelector('rect.track')?.getAttribute('x'));
    assert.ok(barX(chart) >= 180 && barX(chart) <= 240, `label column ${barX(chart)}`);
    assert.ok(barX(doc.querySelector('section.summary svg.chart')!) < 120);
  });

  it('makes every sideways-scrolling table box a named, focusable region', () => {
    const wraps = all(doc, '.table-wrap');
    assert.ok(wraps.length >= 4);
    for (const w of wraps) {
      assert.strictEqual(w.getAttribute('tabindex'), '0');
      assert.strictEqual(w.getAttribute('role'), 'region');
      assert.ok(w.getAttribute('aria-label'), 'has a name');
    }
    assert.strictEqual(new Set(wraps.map((w) => w.getAttribute('aria-label'))).size, wraps.length, 'names are distinct');
    const webviewWrap = parse(toHtml(workspaceResult(), WEBVIEW)).querySelector('section.summary .table-wrap');
    assert.strictEqual(webviewWrap?.getAttribute('tabindex'), '0');
    assert.strictEqual(webviewWrap?.getAttribute('aria-label'), 'Score per pillar per project');
  });

  it('gives the summary table short pillar headers for print, with the full name alongside', () => {
    const heads = all(doc, 'section.summary thead th').slice(4);
    assert.deepStrictEqual(heads.map((th) => th.querySelector('.long')?.text ?? th.text), ['Value', 'Ownership', 'Evaluation', 'Data', 'Operations', 'Trust & security']);
    assert.deepStrictEqual(heads.map((th) => th.querySelector('abbr.short')?.getAttribute('title')), [undefined, 'Ownership', 'Evaluation', undefined, 'Operations', 'Trust & security']);
  });

  it('shows per project the verdict, the score ring, the five questions and a chart per pillar', () => {
    const churn = all(doc, 'section.project')[1];
    assert.match(churn.querySelector('.verdict.blocked strong')?.text ?? '', /3 checks block production/);
    assert.strictEqual(churn.querySelector('svg.score-ring')?.getAttribute('aria-label'), 'Score 65 of 100');
    const qs = all(churn, 'ol.questions > li');
    assert.strictEqual(qs.length, 5);
    assert.deepStrictEqual(qs.map((q) => q.classList.value[0]), ['open', 'answered', 'open', 'open', 'answered']);
    const pillarChart = churn.querySelector('.card svg.chart');
    assert.deepStrictEqual(all(pillarChart!, 'text.label').map((t) => t.text), ['Value', 'Ownership', 'Evaluation', 'Data', 'Operations', 'Trust & security']);
    assert.ok(churn.querySelector('details summary')?.text.includes('How the score is computed'));
    assert.ok(churn.querySelector('details tfoot')?.text.includes('220 / 340 → 65'));
  });

  it('groups checks by pillar with state, evidence links and no scaffold buttons', () => {
    const rag = all(doc, 'section.project')[0];
    assert.deepStrictEqual(all(rag, 'section.pillar h4').map((h) => h.childNodes[0].text.trim()), ['Value', 'Ownership', 'Evaluation', 'Data', 'Operations', 'Trust & security']);
    const monitoring = rag.querySelector('li[data-check="monitoring"]');
    assert.ok(monitoring?.classList.contains('state-declared'));
    assert.match(monitoring?.text ?? '', /Declared outside the repository: Datadog APM/);
    const secrets = rag.querySelector('li[data-check="hardcoded-secrets"]');
    assert.strictEqual(secrets?.querySelector('.blocking')?.text, 'blocks pilot');
    assert.strictEqual(secrets?.querySelector('ul.evidence a')?.getAttribute('href'), './services/rag/app.py');
    assert.strictEqual(all(doc, 'button').length, 0);
    assert.strictEqual(all(doc, '[data-scaffold-check]').length, 0);
  });

  it('links evidence with a prefix when the file is written elsewhere', () => {
    const out = parse(toHtml(singleProjectResult(), { mode: 'file', linkPrefix: '../repo' }));
    assert.strictEqual(out.querySelector('li[data-check="ownership"] ul.evidence a')?.getAttribute('href'), '../repo/CODEOWNERS');
    assert.strictEqual(out.querySelector('section.summary'), null, 'no workspace summary for one project');
  });

  it('says so when there is no AI project', () => {
    assert.match(parse(toHtml(emptyResult())).querySelector('main')?.text ?? '', /No AI project found/);
  });
});

describe('report: HTML (webview mode)', () => {
  const html = toHtml(workspaceResult(), WEBVIEW);
  const doc = parse(html);

  it('has a strict CSP with the nonce, and nonce on its only style and script', () => {
    const csp = cspOf(doc);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /style-src vscode-webview:\/\/abc 'nonce-n0nce4Test'/);
    assert.match(csp, /script-src 'nonce-n0nce4Test'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.deepStrictEqual(all(doc, 'script').map((s) => s.getAttribute('nonce')), ['n0nce4Test']);
    assert.deepStrictEqual(all(doc, 'style').map((s) => s.getAttribute('nonce')), ['n0nce4Test']);
    assert.strictEqual(all(doc, '[style]').length, 0, 'inline style attributes would be blocked by the CSP');
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'no inline event handlers');
    assert.deepStrictEqual(remoteLoads(html), []);
  });

  it('uses VS Code theme variables', () => {
    for (const v of ['--vscode-foreground', '--vscode-editor-background', '--vscode-textLink-foreground', '--vscode-button-background', '--vscode-focusBorder']) {
      assert.ok(html.includes(`var(${v}`), v);
    }
    assert.ok(!html.includes('prefers-color-scheme: dark'));
  });

  it('turns evidence into buttons with data-open-file and data-line', () => {
    const btn = doc.querySelector('li[data-check="hardcoded-secrets"] ul.evidence button');
    assert.strictEqual(btn?.getAttribute('data-open-file'), 'services/rag/app.py');
    assert.strictEqual(btn?.getAttribute('data-line'), '12');
    assert.strictEqual(btn?.getAttribute('type'), 'button');
  });

  it('offers Scaffold only on failing, absent built-in checks, and Explain on every check', () => {
    const scaffold = all(doc, 'button[data-scaffold-check]').map((b) => `${b.getAttribute('data-scaffold-project')}:${b.getAttribute('data-scaffold-check')}`);
    assert.ok(scaffold.includes('services/rag:rollback'));
    assert.ok(scaffold.includes('ml/churn:monitoring'));
    assert.ok(scaffold.includes('research/vision:tests'));
    // not for secrets (removed, not scaffolded), custom rules, passing or declared checks
    for (const no of ['services/rag:hardcoded-secrets', 'research/vision:dpia', 'services/rag:tests', 'services/rag:monitoring', 'services/rag:ci']) assert.ok(!scaffold.includes(no), no);
    assert.strictEqual(all(doc, 'button[data-explain]').length, all(doc, 'li.check').length);
    assert.deepStrictEqual(all(doc, 'button[data-export]').map((b) => b.getAttribute('data-export')), ['markdown', 'html', 'sarif', 'json']);
  });

  it('posts open/scaffold/explain messages from its script', () => {
    const script = doc.querySelector('script')?.text ?? '';
    for (const t of ["type: 'open'", "type: 'scaffold'", "type: 'explain'", "type: 'export'", 'acquireVsCodeApi()', 'setState']) assert.ok(script.includes(t), t);
  });

  it('escapes a hostile nonce and CSP source instead of breaking out of the attribute', () => {
    const out = toHtml(singleProjectResult(), { mode: 'webview', nonce: '"><script>alert(1)</script>', cspSource: '"x' });
    const d = parse(out);
    assert.strictEqual(all(d, 'script').length, 1);
    assert.ok(!out.includes('"><script>alert(1)'));
  });
});

describe('report: HTML escaping of user data', () => {
  for (const mode of ['file', 'webview'] as const) {
    it(`escapes file names, messages, names and declarations (${mode})`, () => {
      const html = toHtml(evilResult(), mode === 'file' ? { mode } : WEBVIEW);
      const doc = parse(html);
      assert.ok(!html.includes(EVIL_FILE), 'raw <script> file name');
      assert.ok(!html.includes('<img src=x'));
      assert.ok(!html.includes('<iframe'));
      assert.ok(!html.includes('<b>x</b>'));
      assert.ok(!html.includes('"onmouseover="'));
      assert.ok(!html.includes('\u0000'));
      assert.strictEqual(all(doc, 'script').length, mode === 'webview' ? 1 : 0);
      assert.strictEqual(all(doc, 'img').length + all(doc, 'iframe').length + all(doc, 'b > b').length, 0);
      assert.strictEqual(doc.querySelector('h2')?.text, '<script>alert("name")</script>', 'shown as text');
      // no javascript: URL anywhere: not the docs URL of a rule, not a file named like one
      for (const a of all(doc, 'a[href]')) assert.doesNotMatch(a.getAttribute('href') ?? '', /^\s*javascript:/i);
      if (mode === 'file') assert.ok(all(doc, 'a[href]').some((a) => a.getAttribute('href') === './javascript%3Aalert%286%29'));
      else assert.ok(all(doc, 'button[data-open-file]').some((b) => b.getAttribute('data-open-file') === `apps/<b>x</b>/${EVIL_FILE}`), 'attribute round-trips to the real name');
    });
  }
});
