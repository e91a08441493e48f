/**
 * Small vector charts as inline SVG strings for the deck: horizontal bars (segment sizes), an
 * index heatmap (attitudes × segments), a line chart (BIC by K) and diverging index bars (a
 * persona's distinctive attitudes). Plain SVG so the PDF stays vector and the deck needs no
 * charting library; text uses the deck font, so non-ASCII labels print correctly.
 */
import { escapeHtml, formatGrouped, formatIndex, formatShare } from './format';

export type BarDatum = { label: string; value: number; colour: string };

const TEXT = 'fill="#222" font-size="13"';

function truncate(label: string, max: number): string {
  return label.length > max ? label.slice(0, max - 1) + '…' : label;
}

/** Horizontal bars of shares (0..1), labelled with the share. */
export function shareBars(data: readonly BarDatum[], width: number, height: number): string {
  const labelW = Math.min(280, width * 0.5);
  const rowH = Math.min(46, height / Math.max(data.length, 1));
  const maxChars = Math.floor((labelW - 12) / 7);
  const max = Math.max(...data.map((d) => d.value), 1e-9);
  const barMax = width - labelW - 70;
  const parts = data.map((d, i) => {
    const y = i * rowH;
    const w = Math.max(1, (d.value / max) * barMax);
    return `<text x="${labelW - 10}" y="${y + rowH / 2 + 5}" text-anchor="end" ${TEXT}>${escapeHtml(truncate(d.label, maxChars))}</text>
<rect x="${labelW}" y="${y + rowH * 0.15}" width="${w.toFixed(1)}" height="${(rowH * 0.7).toFixed(1)}" rx="3" fill="${d.colour}"/>
<text x="${labelW + w + 8}" y="${y + rowH / 2 + 5}" ${TEXT} font-weight="bold">${formatShare(d.value)}</text>`;
  });
  return svg(width, data.length * rowH, parts.join('\n'));
}

/** Colour for an index: blue below 100, orange above, white at 100; saturates at 50 / 150. */
export function indexColour(index: number): string {
  if (!Number.isFinite(index)) return '#eeeeee';
  const t = Math.max(-1, Math.min(1, (index - 100) / 50));
  const [r, g, b] = t >= 0 ? mix([255, 255, 255], [230, 120, 20], t) : mix([255, 255, 255], [40, 110, 190], -t);
  return `rgb(${r},${g},${b})`;
}

function mix(a: number[], b: number[], t: number): number[] {
  return a.map((x, i) => Math.round(x + (b[i]! - x) * t));
}

export type Heatmap = { rowLabels: string[]; columnLabels: string[]; /** rows × columns index values */ values: number[][] };

export function indexHeatmap(map: Heatmap, width: number, height: number, maxCellHeight = 30): string {
  const labelW = Math.min(440, width * 0.52);
  const cols = map.columnLabels.length;
  const cellW = (width - labelW) / Math.max(cols, 1);
  // Column headers wrap over up to three lines (10.5 px bold ≈ 6.2 px per character).
  const perLine = Math.max(6, Math.floor(cellW / 6.2));
  const headers = map.columnLabels.map((c) => wrapLines(c, perLine, 3));
  const lines = Math.max(1, ...headers.map((h) => h.length));
  const headerH = 10 + 14 * lines;
  const cellH = Math.min(maxCellHeight, (height - headerH) / Math.max(map.rowLabels.length, 1));
  const rowFont = cellH < 22 ? 11 : 12.5;
  const rowChars = Math.floor((labelW - 10) / (rowFont * 0.52));
  const parts: string[] = [];
  headers.forEach((h, j) => {
    const x = labelW + (j + 0.5) * cellW;
    h.forEach((line, l) => parts.push(`<text x="${x.toFixed(1)}" y="${headerH - 7 - 14 * (h.length - 1 - l)}" text-anchor="middle" font-size="10.5" font-weight="bold" fill="#222">${escapeHtml(line)}</text>`));
  });
  map.rowLabels.forEach((r, i) => {
    const y = headerH + i * cellH;
    parts.push(`<text x="${labelW - 8}" y="${(y + cellH / 2 + 4).toFixed(1)}" text-anchor="end" font-size="${rowFont}" fill="#222">${escapeHtml(truncate(r, rowChars))}</text>`);
    map.columnLabels.forEach((_, j) => {
      const v = map.values[i]?.[j] ?? NaN;
      parts.push(`<rect x="${(labelW + j * cellW + 1).toFixed(1)}" y="${(y + 1).toFixed(1)}" width="${(cellW - 2).toFixed(1)}" height="${(cellH - 2).toFixed(1)}" fill="${indexColour(v)}"/>`);
      parts.push(`<text x="${(labelW + (j + 0.5) * cellW).toFixed(1)}" y="${(y + cellH / 2 + 4).toFixed(1)}" text-anchor="middle" font-size="12" fill="#111">${formatIndex(v)}</text>`);
    });
  });
  return svg(width, headerH + map.rowLabels.length * cellH, parts.join('\n'));
}

/**
 * Axis ticks at "nice" steps (1, 2, 2.5 or 5 × 10^k) covering [lo, hi] with about `count`
 * intervals; the axis runs from the first to the last tick.
 */
export function niceTicks(lo: number, hi: number, count = 4): { ticks: number[]; step: number } {
  const raw = (hi - lo) / Math.max(count, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((x) => x >= raw) ?? 10 * power;
  const first = Math.floor(lo / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let t = first; t < hi + step - 1e-9 * step; t += step) ticks.push(Number(t.toPrecision(12)));
  return { ticks, step };
}

export type LineSeries = { label: string; colour: string; points: { x: number; y: number }[] };

/** Line chart with integer x (K) and a highlighted x (the chosen K). */
export function lineChart(series: readonly LineSeries[], width: number, height: number, highlightX: number | null, yLabel: string, xLabel = 'Number of segments (K)'): string {
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.y));
  if (all.length === 0) return svg(width, height, '');
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y1 === y0) [y0, y1] = [y0 - 1, y1 + 1];
  const { ticks, step } = niceTicks(y0, y1);
  [y0, y1] = [ticks[0]!, ticks[ticks.length - 1]!];
  const digits = step >= 1 ? 0 : Math.min(4, Math.ceil(-Math.log10(step)));
  const pad = { l: 90, r: 20, t: 16, b: 40 };
  const sx = (x: number): number => pad.l + ((x - x0) / Math.max(x1 - x0, 1)) * (width - pad.l - pad.r);
  const sy = (y: number): number => pad.t + (1 - (y - y0) / (y1 - y0)) * (height - pad.t - pad.b);
  const parts: string[] = [`<line x1="${pad.l}" y1="${height - pad.b}" x2="${width - pad.r}" y2="${height - pad.b}" stroke="#888"/>`];
  for (let x = x0; x <= x1; x++) parts.push(`<text x="${sx(x)}" y="${height - pad.b + 18}" text-anchor="middle" font-size="12" fill="#333">${x}</text>`);
  for (const y of ticks) {
    parts.push(`<line x1="${pad.l}" y1="${sy(y).toFixed(1)}" x2="${width - pad.r}" y2="${sy(y).toFixed(1)}" stroke="#e3e3e3"/><text x="${pad.l - 6}" y="${(sy(y) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#555">${formatGrouped(y, digits)}</text>`);
  }
  if (highlightX !== null) parts.push(`<line x1="${sx(highlightX)}" y1="${pad.t}" x2="${sx(highlightX)}" y2="${height - pad.b}" stroke="#999" stroke-dasharray="4 3"/>`);
  for (const s of series) {
    const pts = s.points.filter((p) => Number.isFinite(p.y));
    parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2.5" points="${pts.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) parts.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="${p.x === highlightX ? 6 : 3.5}" fill="${s.colour}"/>`);
  }
  parts.push(`<text x="${width / 2}" y="${height - 4}" text-anchor="middle" font-size="12" fill="#333">${escapeHtml(xLabel)}</text>`);
  parts.push(`<text x="14" y="${height / 2}" transform="rotate(-90 14 ${height / 2})" text-anchor="middle" font-size="12" fill="#333">${escapeHtml(yLabel)}</text>`);
  return svg(width, height, parts.join('\n'));
}

export type IndexBar = { label: string; index: number };

/** Diverging bars around index 100 (clamped to 0..250), labelled with the index. */
export function indexBars(bars: readonly IndexBar[], width: number, colourHigh: string, colourLow: string): string {
  const labelW = width * 0.5;
  const rowH = 36;
  const perLine = Math.floor((labelW - 12) / 6.9);
  const mid = labelW + (width - labelW) / 2;
  const scale = (width - labelW) / 2 / 150;
  const parts = bars.map((b, i) => {
    const y = i * rowH;
    const delta = Math.max(-100, Math.min(150, b.index - 100)) * scale;
    const x = delta >= 0 ? mid : mid + delta;
    const [first, second] = wrapTwoLines(b.label, perLine);
    const label = second === ''
      ? `<text x="${labelW - 10}" y="${y + rowH / 2 + 5}" text-anchor="end" ${TEXT}>${escapeHtml(first)}</text>`
      : `<text x="${labelW - 10}" y="${y + rowH / 2 - 2}" text-anchor="end" ${TEXT}>${escapeHtml(first)}</text><text x="${labelW - 10}" y="${y + rowH / 2 + 12}" text-anchor="end" ${TEXT}>${escapeHtml(second)}</text>`;
    return `${label}
<rect x="${x.toFixed(1)}" y="${y + 7}" width="${Math.max(Math.abs(delta), 1).toFixed(1)}" height="${rowH - 14}" rx="2" fill="${delta >= 0 ? colourHigh : colourLow}"/>
<text x="${(delta >= 0 ? mid + delta + 6 : mid + delta - 6).toFixed(1)}" y="${y + rowH / 2 + 5}" text-anchor="${delta >= 0 ? 'start' : 'end'}" ${TEXT} font-weight="bold">${formatIndex(b.index)}</text>`;
  });
  parts.push(`<line x1="${mid}" y1="0" x2="${mid}" y2="${bars.length * rowH}" stroke="#555" stroke-width="1"/>`);
  return svg(width, Math.max(bars.length * rowH, 10), parts.join('\n'));
}

/** A donut of shares (0..1), clockwise from 12 o'clock, with a thin gap between segments. */
export function shareDonut(data: readonly { value: number; colour: string }[], size: number, gapColour: string): string {
  const r = size / 2;
  const inner = r * 0.58;
  const total = data.reduce((a, d) => a + d.value, 0) || 1;
  let angle = -Math.PI / 2;
  const arcs = data.map((d) => {
    const sweep = (2 * Math.PI * d.value) / total;
    const a0 = angle;
    const a1 = angle + sweep;
    angle = a1;
    const large = sweep > Math.PI ? 1 : 0;
    const p = (radius: number, a: number): string => `${(r + radius * Math.cos(a)).toFixed(2)},${(r + radius * Math.sin(a)).toFixed(2)}`;
    return `<path d="M${p(r, a0)} A${r},${r} 0 ${large} 1 ${p(r, a1)} L${p(inner, a1)} A${inner},${inner} 0 ${large} 0 ${p(inner, a0)} Z" fill="${d.colour}" stroke="${gapColour}" stroke-width="3"/>`;
  });
  return svg(size, size, arcs.join(''));
}

/** Splits a label into at most `maxLines` lines of about `perLine` characters at word boundaries (the last line truncated). */
export function wrapLines(label: string, perLine: number, maxLines: number): string[] {
  const words = label.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    let line = words[i++]!;
    while (i < words.length && line.length + 1 + words[i]!.length <= perLine) line = `${line} ${words[i++]}`;
    lines.push(line);
  }
  if (i < words.length) lines[lines.length - 1] = truncate(`${lines[lines.length - 1]} ${words.slice(i).join(' ')}`, perLine);
  return lines;
}

/** Splits a label into at most two lines of `perLine` characters at word boundaries. */
export function wrapTwoLines(label: string, perLine: number): [string, string] {
  const words = label.split(/\s+/);
  let first = '';
  let i = 0;
  while (i < words.length && (first === '' || first.length + 1 + words[i]!.length <= perLine)) first = first === '' ? words[i++]! : `${first} ${words[i++]}`;
  return [truncate(first, perLine), truncate(words.slice(i).join(' '), perLine)];
}

function svg(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height.toFixed(0)}" viewBox="0 0 ${width} ${height.toFixed(0)}" font-family="inherit">${body}</svg>`;
}
