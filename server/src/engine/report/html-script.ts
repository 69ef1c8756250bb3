// The webview's only script (nonce'd). It turns clicks into messages for the extension host:
//   {type:'open', file, line?}   evidence link: open the file (relative to the workspace folder) at the line
//   {type:'scaffold', project, check}   Scaffold button of a failing check
//   {type:'explain', check}      Explain button
//   {type:'export', format}      Export toolbar: markdown | html | sarif | json
//   {type:'rescan'}              Re-scan button
// Live updates: the host re-sets webview.html with a fresh nonce on every scan result. To make that
// seamless, the script keeps scroll position and open <details> in the webview state
// (acquireVsCodeApi().setState) and restores them on load. There is no 'update' message.
export const WEBVIEW_SCRIPT = `(function () {
  'use strict';
  var vscode = acquireVsCodeApi();
  var state = vscode.getState() || {};
  var open = state.open || {};
  document.querySelectorAll('details[id]').forEach(function (d) {
    if (Object.prototype.hasOwnProperty.call(open, d.id)) d.open = !!open[d.id];
    d.addEventListener('toggle', function () { open[d.id] = d.open; save(); });
  });
  if (typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
  var timer;
  window.addEventListener('scroll', function () { clearTimeout(timer); timer = setTimeout(save, 150); });
  function save() { vscode.setState({ scrollY: window.scrollY, open: open }); }
  document.addEventListener('click', function (ev) {
    var el = ev.target && ev.target.closest ? ev.target.closest('[data-open-file],[data-scaffold-check],[data-explain],[data-export],[data-command]') : null;
    if (!el) return;
    ev.preventDefault();
    var d = el.dataset;
    if (d.openFile !== undefined) {
      var line = parseInt(d.line || '', 10);
      vscode.postMessage(isNaN(line) ? { type: 'open', file: d.openFile } : { type: 'open', file: d.openFile, line: line });
    } else if (d.scaffoldCheck) {
      vscode.postMessage({ type: 'scaffold', project: d.scaffoldProject, check: d.scaffoldCheck });
    } else if (d.explain) {
      vscode.postMessage({ type: 'explain', check: d.explain });
    } else if (d.export) {
      vscode.postMessage({ type: 'export', format: d.export });
    } else if (d.command === 'rescan') {
      vscode.postMessage({ type: 'rescan' });
    }
  });
}());`;
