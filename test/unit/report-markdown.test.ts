import * as assert from 'assert';
import { toMarkdown } from '../../server/src/engine/report/markdown';
import { emptyResult, EVIL_FILE, evilResult, singleProjectResult, workspaceResult } from '../fixtures/report/scan-results';

/** Cells of a GFM table row, split on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

/** Every table in the document: header cells and body rows. */
function tables(doc: string): { header: string[]; rows: string[][] }[] {
  const lines = doc.split('\n');
  const out: { header: string[]; rows: string[][] }[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i].startsWith('|') || !/^\|(\s*:?-+:?\s*\|)+$/.test(lines[i + 1])) continue;
    const t = { header: cells(lines[i]), rows: [] as string[][] };
    let j = i + 2;
    for (; j < lines.length && lines[j].startsWith('|'); j++) t.rows.push(cells(lines[j]));
    out.push(t);
    i = j;
  }
  return out;
}

describe('report: Markdown', () => {
  const doc = toMarkdown(workspaceResult());

  it('has a summary then one section per project, with the verdict', () => {
    const h2 = doc.split('\n').filter((l) => l.startsWith('## '));
    assert.deepStrictEqual(h2, ['## Workspace summary', '## rag-service', '## churn-model', '## vision-lab', '## Findings outside AI projects', '## Notes']);
    assert.ok(doc.includes('> ⛔ **3 checks block production:** Business metric and baseline, Evaluation pipeline, Monitoring and drift detection'));
    assert.ok(doc.includes('> ✅ **Ready for poc'));
  });

  it('writes well-formed tables: every row has as many cells as its header', () => {
    const ts = tables(doc);
    assert.ok(ts.length >= 14, `found ${ts.length} tables`);
    for (const t of ts) for (const r of t.rows) assert.strictEqual(r.length, t.header.length, `${t.header.join(',')} vs ${r.join(',')}`);
    const summary = ts[0];
    assert.deepStrictEqual(summary.header, ['Project', 'Root', 'Kind', 'Stage', 'Score', 'Verdict']);
    assert.deepStrictEqual(summary.rows[1].slice(0, 5), ['churn-model', 'ml/churn', 'classic-ml', 'production', '65/100']);
    const pillars = ts[1];
    assert.deepStrictEqual(pillars.header, ['Project', 'Value', 'Ownership', 'Evaluation', 'Data', 'Operations', 'Trust &amp; security']);
  });

  it('answers the five questions with evidence links or marks them open', () => {
    const q = tables(doc).find((t) => t.header[0] === 'Question');
    assert.ok(q);
    assert.strictEqual(q?.rows.length, 5);
    assert.deepStrictEqual(q?.rows.map((r) => r[1]), ['✅ Answered', '✅ Answered', '↗️ Declared', '❌ Open', '❌ Open']);
    assert.strictEqual(q?.rows[0][2], '[services/rag/docs/kpi.md:4](services/rag/docs/kpi.md#L4) (deflection rate, baseline 18%)');
  });

  it('explains the score with a per-check table whose total matches', () => {
    assert.ok(doc.includes('| **Total** | | | | **100 / 210 → 48/100** |'));
    assert.ok(doc.includes('| LLM guardrails | warning | – | – | not counted (inconclusive: the check could not run) |'));
  });

  it('shows declared checks as declared and incomplete ones with what is missing', () => {
    assert.ok(doc.includes('| Operations | [Monitoring and drift detection](https://github.com/ai-preflight/ai-preflight#monitoring) | ↗ Declared | info | Declared: Datadog APM'));
    assert.ok(doc.includes('still to fill in: &lt;golden set path&gt;, &lt;threshold&gt;'));
  });

  it('uses no raw HTML and escapes hostile names and messages', () => {
    const evil = toMarkdown(evilResult());
    for (const d of [doc, evil]) assert.ok(!/<[a-zA-Z/!]/.test(d), 'no raw HTML tag');
    assert.ok(!evil.includes(EVIL_FILE));
    assert.ok(evil.includes('&lt;script&gt;alert(1)&lt;/script&gt;.py'));
    assert.ok(!/(?<!\\)\](\(javascript:)/.test(evil), 'no javascript: link');
    assert.ok(evil.includes('\\[click\\](javascript:alert(3)) \\*bold\\* \\`code\\`'));
    assert.ok(evil.includes('(javascript%3Aalert%286%29#L1)'), 'an odd file name stays a relative link');
    assert.ok(!evil.includes('\u0000'));
    for (const t of tables(evil)) for (const r of t.rows) assert.strictEqual(r.length, t.header.length);
  });

  it('prefixes evidence links when asked, and handles one project or none', () => {
    const single = toMarkdown(singleProjectResult(), { linkPrefix: '..' });
    assert.ok(single.includes('[CODEOWNERS:1](../CODEOWNERS#L1)'));
    assert.ok(!single.includes('## Workspace summary'));
    assert.ok(toMarkdown(emptyResult()).includes('No AI project was found'));
  });
});
