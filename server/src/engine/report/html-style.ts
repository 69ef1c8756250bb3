// The report's stylesheet. Colours are variables: light/dark by prefers-color-scheme in a file,
// the VS Code theme's variables in the webview. No inline style attributes anywhere (the
// webview's CSP allows only the nonce'd <style>), so charts take their geometry from SVG attributes.

const FILE_THEME = `
:root { color-scheme: light dark;
  --bg:#ffffff; --fg:#1f2328; --muted:#59636e; --border:#d1d9e0; --card:#f6f8fa; --link:#0969da;
  --good:#1a7f37; --mid:#9a6700; --bad:#cf222e; --na:#8c959f; --track:#e3e8ee; --focus:#0969da;
  --btn-bg:#0969da; --btn-fg:#ffffff; --btn2-bg:#eef1f4; --btn2-fg:#1f2328; --code-bg:#eff2f5;
  --good-bg:#dafbe1; --bad-bg:#ffebe9; --mid-bg:#fff8c5;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace; font-size: 15px; }
@media (prefers-color-scheme: dark) { :root {
  --bg:#0d1117; --fg:#e6edf3; --muted:#9198a1; --border:#3d444d; --card:#151b23; --link:#4493f8;
  --good:#3fb950; --mid:#d29922; --bad:#f85149; --na:#6e7681; --track:#262c36; --focus:#4493f8;
  --btn-bg:#238636; --btn-fg:#ffffff; --btn2-bg:#262c36; --btn2-fg:#e6edf3; --code-bg:#262c36;
  --good-bg:#12261e; --bad-bg:#2d1619; --mid-bg:#272115; } }
`;

// Fallbacks keep the page usable (and the focus ring visible) if a theme lacks a variable.
const WEBVIEW_THEME = `
:root {
  --bg: var(--vscode-editor-background, #1e1e1e); --fg: var(--vscode-foreground, #cccccc); --muted: var(--vscode-descriptionForeground, #9d9d9d);
  --border: var(--vscode-panel-border, var(--vscode-widget-border, rgba(128,128,128,.35)));
  --card: var(--vscode-sideBar-background, var(--vscode-editor-background)); --link: var(--vscode-textLink-foreground, #3794ff);
  --good: var(--vscode-testing-iconPassed, #3fb950); --mid: var(--vscode-editorWarning-foreground, #d29922);
  --bad: var(--vscode-errorForeground, #f85149); --na: var(--vscode-disabledForeground, #8c959f);
  --track: var(--vscode-input-background, rgba(128,128,128,.2)); --focus: var(--vscode-focusBorder, #0078d4);
  --btn-bg: var(--vscode-button-background, #0e639c); --btn-fg: var(--vscode-button-foreground, #ffffff);
  --btn2-bg: var(--vscode-button-secondaryBackground, #3a3d41); --btn2-fg: var(--vscode-button-secondaryForeground, #cccccc);
  --code-bg: var(--vscode-textCodeBlock-background, rgba(128,128,128,.15));
  --good-bg: transparent; --bad-bg: transparent; --mid-bg: transparent;
  --font: var(--vscode-font-family, system-ui, sans-serif); --mono: var(--vscode-editor-font-family, monospace);
  font-size: var(--vscode-font-size, 13px); }
`;

const LAYOUT = `
* { box-sizing: border-box; }
body { margin: 0; padding: 1.25rem; background: var(--bg); color: var(--fg); font-family: var(--font); line-height: 1.5; }
main, .report-header { max-width: 72rem; margin: 0 auto; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 0; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
h4 { font-size: .95rem; margin: 0; display: flex; gap: .5rem; align-items: baseline; }
a { color: var(--link); }
/* Project and folder names can be one long unbroken word: wrap them rather than widen the page. */
h1, h2, .meta, nav.toc a { overflow-wrap: anywhere; }
.meta, .muted { color: var(--muted); }
code, .path { font-family: var(--mono); font-size: .9em; overflow-wrap: anywhere; }
.path { background: var(--code-bg); border-radius: 4px; padding: 0 .3em; }
.other h3 { margin-top: 0; }
.report-header { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: flex-end; justify-content: space-between; margin-bottom: 1rem; }
.toolbar { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
button { font: inherit; cursor: pointer; border-radius: 4px; border: 1px solid transparent; padding: .2rem .65rem; background: var(--btn2-bg); color: var(--btn2-fg); }
button.primary { background: var(--btn-bg); color: var(--btn-fg); }
button.link { background: none; border: none; padding: 0; color: var(--link); text-decoration: underline; text-align: left; font-family: var(--mono); font-size: .9em; overflow-wrap: anywhere; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
nav.toc ul { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
section.summary, section.project, section.other { border: 1px solid var(--border); border-radius: 8px; padding: 1rem 1.25rem; margin: 0 0 1.5rem; }
.project-head { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; }
.project-head .facts { display: flex; flex-wrap: wrap; gap: .3rem .9rem; margin-top: .25rem; color: var(--muted); }
.score-ring { width: 88px; height: 88px; flex: none; }
.score-ring .ring-track { stroke: var(--track); }
.score-ring text { fill: var(--fg); font-family: var(--font); font-size: 22px; font-weight: 700; }
.score-ring text.ring-sub { fill: var(--muted); font-size: 10px; font-weight: 400; }
.verdict { margin: 1rem 0 0; padding: .6rem .9rem; border-radius: 6px; border-left: 4px solid; }
.verdict.ready { border-color: var(--good); background: var(--good-bg); }
.verdict.blocked { border-color: var(--bad); background: var(--bad-bg); }
.verdict strong { display: block; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem; margin-top: 1rem; }
.card { border: 1px solid var(--border); border-radius: 6px; padding: .75rem 1rem; background: var(--card); min-width: 0; }
.card h3 { margin-top: 0; }
ol.questions { list-style: none; margin: 0; padding: 0; }
ol.questions li { display: grid; grid-template-columns: 1.5rem 1fr; gap: .1rem .4rem; padding: .35rem 0; border-top: 1px solid var(--border); }
ol.questions li:first-child { border-top: none; }
ol.questions .q { font-weight: 600; }
ol.questions .a { grid-column: 2; color: var(--muted); overflow-wrap: anywhere; }
.mark { font-weight: 700; text-align: center; }
.answered .mark, .state-present .mark, .good { color: var(--good); }
.partial .mark, .state-incomplete .mark, .state-weak .mark, .mid { color: var(--mid); }
.open .mark, .state-absent .mark, .state-found .mark, .bad { color: var(--bad); }
.declared .mark, .state-declared .mark { color: var(--link); }
.not-checked .mark, .state-not-applicable .mark, .state-off .mark, .state-errored .mark { color: var(--na); }
svg.chart { width: 100%; max-width: 32rem; height: auto; display: block; }
svg text { fill: var(--fg); font-family: var(--font); font-size: 13px; }
svg .track { fill: var(--track); }
.fill-good { fill: var(--good); } .fill-mid { fill: var(--mid); } .fill-bad { fill: var(--bad); } .fill-na { fill: var(--na); }
.stroke-good { stroke: var(--good); } .stroke-mid { stroke: var(--mid); } .stroke-bad { stroke: var(--bad); }
section.pillar { margin: .75rem 0 0; }
section.pillar h4 .muted { font-weight: 400; }
ul.checks { list-style: none; margin: .4rem 0 0; padding: 0; }
ul.checks > li { border: 1px solid var(--border); border-left-width: 4px; border-radius: 6px; padding: .5rem .75rem; margin: 0 0 .5rem; }
ul.checks > li.state-present { border-left-color: var(--good); }
ul.checks > li.state-absent, ul.checks > li.state-found { border-left-color: var(--bad); }
ul.checks > li.state-incomplete, ul.checks > li.state-weak { border-left-color: var(--mid); }
ul.checks > li.state-declared { border-left-color: var(--link); }
.check-head { display: flex; flex-wrap: wrap; gap: .3rem .6rem; align-items: baseline; }
.check-head .title { font-weight: 600; }
.check-head .actions { margin-left: auto; display: flex; gap: .4rem; flex-wrap: wrap; }
.badge { font-size: .8em; border: 1px solid var(--border); border-radius: 999px; padding: 0 .5rem; white-space: nowrap; }
.level-error { color: var(--bad); } .level-warning { color: var(--mid); } .level-info, .level-off { color: var(--muted); }
.blocking { font-weight: 700; color: var(--bad); }
.msg { margin: .25rem 0 0; overflow-wrap: anywhere; }
ul.evidence { margin: .25rem 0 0; padding-left: 1.2rem; }
ul.evidence li { overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--border); vertical-align: top; overflow-wrap: break-word; }
th { font-weight: 600; }
thead th, td.num { white-space: nowrap; }
tbody th[scope=row] { min-width: 8rem; }
tbody th[scope=row] .path { overflow-wrap: normal; }
tbody th[scope=row] a { overflow-wrap: anywhere; }
td.verdict-cell { min-width: 11rem; }
td .path-link, td button.link { overflow-wrap: anywhere; }
th .short { display: none; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.heat-good { color: var(--good); font-weight: 600; } td.heat-mid { color: var(--mid); font-weight: 600; } td.heat-bad { color: var(--bad); font-weight: 600; }
details { margin-top: .75rem; }
summary { cursor: pointer; color: var(--link); }
.stats { display: flex; flex-wrap: wrap; gap: .75rem; margin: .75rem 0; }
.stat { border: 1px solid var(--border); border-radius: 6px; padding: .4rem .8rem; background: var(--card); }
.stat b { display: block; font-size: 1.4rem; }
footer { max-width: 72rem; margin: 1.5rem auto 0; color: var(--muted); font-size: .85em; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 640px) { body { padding: .75rem; } section.summary, section.project, section.other { padding: .75rem; } .check-head .actions { margin-left: 0; } }
@media print {
  :root { color-scheme: light; --bg:#fff; --fg:#000; --muted:#444; --card:#fff; --border:#bbb; --link:#0645ad; --track:#e6e6e6;
    --good:#1a7f37; --mid:#9a6700; --bad:#cf222e; --na:#6e7781; --code-bg:#f0f0f0; --good-bg:#fff; --bad-bg:#fff; --mid-bg:#fff;
    --btn2-bg:#eee; --btn2-fg:#000; }
  /* A printed page cannot scroll sideways: tables shrink and wrap to fit the page width instead. */
  .table-wrap { overflow: visible; }
  table { font-size: .78em; }
  th, td { padding: .2rem .3rem; }
  thead th { white-space: normal; }
  th .long { display: none; } th .short { display: inline; text-decoration: none; }
  tbody th[scope=row], td.verdict-cell { min-width: 0; }
  tbody th[scope=row] .path { overflow-wrap: anywhere; }
  .cards { grid-template-columns: 1fr; }
  body { padding: 0; }
  .toolbar, .actions, nav.toc { display: none !important; }
  section.summary, section.project, .card, ul.checks > li, tr { break-inside: avoid; }
  section.project { break-before: page; }
  section.project:first-of-type { break-before: auto; }
  details > summary { color: var(--fg); }
  details::details-content { content-visibility: visible; display: block; }
}
`;

export function reportCss(mode: 'file' | 'webview'): string {
  return (mode === 'file' ? FILE_THEME : WEBVIEW_THEME) + LAYOUT;
}
