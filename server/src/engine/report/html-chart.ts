// Inline SVG charts: bars of score per pillar, bars of score per project, and the score ring.
// Geometry lives in attributes and colours in classes, so the webview CSP needs no inline styles.
import { escapeHtml as h } from './escape';

export interface Bar { label: string; value: number | null }

/** good ≥ 80, mid ≥ 50, else bad; null is "not counted". */
export function scoreClass(value: number | null): 'good' | 'mid' | 'bad' | 'na' {
  if (value === null) return 'na';
  return value >= 80 ? 'good' : value >= 50 ? 'mid' : 'bad';
}

/** Horizontal bars, one per label, values 0–100. Accessible as an image with a text description. `id` must be unique in the page. */
export function barChart(title: string, bars: Bar[], id: string): string {
  const rowH = 26;
  const labelW = 118;
  const barW = 190;
  const width = labelW + barW + 44;
  const height = bars.length * rowH + 6;
  const desc = bars.map((b) => `${b.label}: ${b.value === null ? 'not counted' : b.value}`).join('; ');
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowH;
    const label = b.label.length > 18 ? b.label.slice(0, 17) + '…' : b.label;
    const w = b.value === null ? 0 : Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / 100) * barW));
    return `<g>`
      + `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${h(label)}</text>`
      + `<rect class="track" x="${labelW}" y="${y + 3}" width="${barW}" height="16" rx="3"></rect>`
      + (w > 0 ? `<rect class="fill-${scoreClass(b.value)}" x="${labelW}" y="${y + 3}" width="${w}" height="16" rx="3"></rect>` : '')
      + `<text x="${labelW + barW + 6}" y="${y + 15}">${b.value === null ? 'n/a' : b.value}</text>`
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
