// Inline SVG charts: bars of score per pillar, bars of score per project, and the score ring.
// Geometry lives in attributes and colours in classes, so the webview CSP needs no inline styles.
import { escapeHtml as h } from './escape';

export interface Bar { label: string; value: number | null }

/** good ≥ 80, mid ≥ 50, else bad; null is "not counted". */
export function scoreClass(value: number | null): 'good' | 'mid' | 'bad' | 'na' {
  if (value === null) return 'na';
  return value >= 80 ? 'good' : value >= 50 ? 'mid' : 'bad';
}

// Label width is estimated (no DOM to measure in the CLI) from the advance widths of DejaVu Sans, the
// Linux fallback font and wider than Segoe UI, SF, Roboto or Ubuntu, plus a margin: a label estimated to
// fit does fit. Labels start at x=0, so with a wider font still the end would run long, never the start.
const LABEL_FONT_PX = 13; // svg text font-size in html-style.ts
const LABEL_MIN_W = 64;
const LABEL_MAX_W = 240;
const LABEL_GAP = 10; // between the end of a label and the start of its bar
const SAFETY = 1.05;
/** Advance widths in 1/100 em of the printable ASCII characters ' ' (32) to '~' (126), measured in Chromium. */
const ASCII_EM100 = [
  32, 41, 46, 84, 64, 96, 78, 28, 40, 40, 50, 84, 32, 37, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 54,
  100, 72, 69, 70, 78, 64, 58, 78, 76, 30, 30, 66, 56, 87, 75, 79, 61, 79, 70, 64, 60, 74, 69, 99, 69, 62, 69, 40, 34, 40, 84, 50,
  50, 62, 64, 55, 64, 62, 35, 64, 64, 28, 28, 58, 28, 98, 64, 61, 64, 64, 40, 53, 40, 64, 60, 82, 60, 60, 53, 64, 34, 64, 84,
];

function charEm(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 32 && code < 127) return ASCII_EM100[code - 32] / 100;
  return 1.05; // accented, CJK, emoji, the ellipsis: assume full width
}

/** Estimated rendered width in px of `text` in the chart's label font. */
export function labelWidth(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * LABEL_FONT_PX * SAFETY;
}

/** `text` cut at the end, with an ellipsis, to fit `maxPx`; whole code points only. */
export function fitLabel(text: string, maxPx: number): string {
  if (labelWidth(text) <= maxPx) return text;
  const chars = Array.from(text);
  let width = labelWidth('…');
  let n = 0;
  while (n < chars.length && width + labelWidth(chars[n]) <= maxPx) width += labelWidth(chars[n++]);
  return chars.slice(0, n).join('').trimEnd() + '…';
}

/** Horizontal bars, one per label, values 0–100. Accessible as an image with a text description. `id` must be unique in the page.
 * The label column is as wide as the longest label needs, up to LABEL_MAX_W; longer labels are cut at the
 * end and carry the full text as a tooltip. */
export function barChart(title: string, bars: Bar[], id: string): string {
  const rowH = 26;
  const widest = Math.max(0, ...bars.map((b) => labelWidth(b.label)));
  const labelW = Math.min(LABEL_MAX_W, Math.max(LABEL_MIN_W, Math.ceil(widest) + LABEL_GAP));
  const barW = 190;
  const width = labelW + barW + 44;
  const height = bars.length * rowH + 6;
  const desc = bars.map((b) => `${b.label}: ${b.value === null ? 'not counted' : b.value}`).join('; ');
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowH;
    const label = fitLabel(b.label, labelW - LABEL_GAP);
    const w = b.value === null ? 0 : Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / 100) * barW));
    return `<g>`
      + (label !== b.label ? `<title>${h(b.label)}</title>` : '')
      + `<text class="label" x="0" y="${y + 15}">${h(label)}</text>`
      + `<rect class="track" x="${labelW}" y="${y + 3}" width="${barW}" height="16" rx="3"></rect>`
      + (w > 0 ? `<rect class="fill-${scoreClass(b.value)}" x="${labelW}" y="${y + 3}" width="${w}" height="16" rx="3"></rect>` : '')
      + `<text class="value" x="${labelW + barW + 6}" y="${y + 15}">${b.value === null ? 'n/a' : b.value}</text>`
      + `</g>`;
  }).join('');
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d">`
    + `<title id="${id}-t">${h(title)}</title><desc id="${id}-d">${h(desc)}</desc>${rows}</svg>`;
}

/** The project's score as a ring with the number in the middle. */
export function scoreRing(score: number | null): string {
  const r = 36;
  const circumference = 2 * Math.PI * r;
  const filled = score === null ? 0 : (score / 100) * circumference;
  const cls = scoreClass(score);
  return `<svg class="score-ring" viewBox="0 0 88 88" width="88" height="88" role="img" aria-label="Score ${score === null ? 'not available' : `${score} of 100`}">`
    + `<circle class="ring-track" cx="44" cy="44" r="${r}" fill="none" stroke-width="8"></circle>`
    + (filled > 0 ? `<circle class="stroke-${cls}" cx="44" cy="44" r="${r}" fill="none" stroke-width="8" stroke-linecap="round" stroke-dasharray="${filled.toFixed(2)} ${circumference.toFixed(2)}" transform="rotate(-90 44 44)"></circle>` : '')
    + `<text x="44" y="48" text-anchor="middle">${score === null ? 'n/a' : score}</text>`
    + `<text class="ring-sub" x="44" y="63" text-anchor="middle">${score === null ? 'no score' : 'of 100'}</text>`
    + `</svg>`;
}
