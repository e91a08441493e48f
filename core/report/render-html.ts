/**
 * renderDeckHtml: the deck model as one standalone HTML document (inline CSS and SVG, no
 * scripts, no network), printable by Chromium to a 16:9 PDF and openable as is in a browser.
 */
import type { Crosstab } from '../profile/profile-types';
import { deckCss } from './deck-css';
import type { Deck, DeckPage, MethodSummary, PersonaPage } from './deck-types';
import { escapeHtml as e, formatCount, formatGrouped, formatIndex, formatNumber, formatP, formatShare, labelWithCategory, unitOf } from './format';
import { indexBars, indexHeatmap, lineChart, shareBars, shareDonut } from './svg-charts';
import { assertNever } from '../util/assert';
import { personaIconHtml } from './persona-icons';

export function renderDeckHtml(deck: Deck): string {
  const total = deck.pages.length;
  const body = deck.pages.map((page, i) => renderPage(deck, page, i + 1, total)).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${e(deck.title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>${deckCss(deck.theme)}</style></head>
<body>
${body}
</body></html>
`;
}

function footer(deck: Deck, n: number, total: number): string {
  const logo = deck.theme.logo !== null ? `<img src="${e(deck.theme.logo)}" alt="">` : '';
  return `<div class="footer"><span>${logo}${e(deck.title)}${deck.theme.client ? ` · ${e(deck.theme.client)}` : ''}</span><span>${n} / ${total}</span></div>`;
}

function page(deck: Deck, cls: string, title: string, content: string, n: number, total: number): string {
  return `<section class="page ${cls}"><h1>${e(title)}</h1><div class="rule"></div>${content}${footer(deck, n, total)}</section>`;
}

function renderPage(deck: Deck, p: DeckPage, n: number, total: number): string {
  switch (p.kind) {
    case 'cover': {
      const logo = deck.theme.logo !== null ? `<img class="logo" src="${e(deck.theme.logo)}" alt="">` : '';
      const donut = p.segments.length > 0 ? `<div class="donut">${shareDonut(p.segments.map((s) => ({ value: s.share, colour: s.colour })), 340, deck.theme.primary)}</div>` : '';
      return `<section class="page cover">${logo}${donut}<h1>${e(p.title)}</h1><div class="sub">${e(p.subtitle)}</div><div class="meta">${p.client ? `${e(p.client)} · ` : ''}${e(p.date)}</div><div class="band"></div></section>`;
    }
    case 'summary':
      return page(deck, 'summary', 'Executive summary', `<div class="cols"><div class="col"><h2>${e(p.headline)}</h2><ul class="bullets">${p.bullets.map((b) => `<li>${e(b)}</li>`).join('')}</ul></div><div class="col" style="flex:0 0 540px"><h2>Segment sizes</h2>${shareBars(p.segments.map((s) => ({ label: s.name, value: s.share, colour: s.colour })), 540, Math.min(300, 44 * p.segments.length))}<ul class="taglines">${p.segments.map((s) => `<li><span class="swatch" style="background:${s.colour}"></span><b>${e(s.name)}</b>: ${e(s.tagline)}</li>`).join('')}</ul></div></div>`, n, total);
    case 'method':
      return page(deck, 'method', 'Method', methodContent(p.summary), n, total);
    case 'overview':
      return page(deck, 'overview', 'Segment overview', `<div class="cols"><div class="col" style="flex:0 0 360px"><h2>Size</h2>${shareBars(p.segments.map((s) => ({ label: `${s.letter}: ${s.name}`, value: s.share, colour: s.colour })), 360, Math.min(460, 56 * p.segments.length))}<p class="note">${p.segments.map((s) => `${s.letter}: n = ${formatCount(s.size)}`).join(' · ')}</p></div><div class="col"><h2>Attitudes indexed to the total</h2>${indexHeatmap(p.heatmap, 770, 488)}<p class="note">${e(p.indexNote)} Orange = above the total, blue = below.</p></div></div>`, n, total);
    case 'factors':
      return page(deck, 'factors', 'The attitudes behind the segments', `<div class="cols"><div class="col">${indexHeatmap(p.heatmap, 1100, Math.min(520, 60 + 56 * p.heatmap.rowLabels.length), 56)}<p class="note">${e(p.note)} Orange = above the total, blue = below.</p></div></div>`, n, total);
    case 'persona':
      return personaPage(deck, p, n, total);
    case 'comparison':
      return page(deck, 'comparison', 'Side-by-side comparison', `<table><thead><tr><th></th>${p.columns.map((c) => `<th class="segcol"><span class="swatch" style="background:${c.colour}"></span>${e(c.letter)}: ${e(c.name)}</th>`).join('')}</tr></thead><tbody>${p.rows.map((r) => `<tr${r.letters === undefined ? ' class="text"' : ''}><td>${e(r.label)}</td>${r.cells.map((c, s) => `<td>${e(c)}${r.letters === undefined ? '' : `<span class="sig">${e(r.letters[s] ?? '')}</span>`}</td>`).join('')}</tr>`).join('')}</tbody></table><p class="note">Attitude rows: index to the total (100 = total); letters = significantly higher than that segment (α = 0.05, Bonferroni).</p>`, n, total);
    case 'typing': {
      const chart = lineChart(
        [
          { label: 'MLR', colour: '#0072B2', points: p.curve.map((c) => ({ x: c.size, y: 100 * c.mlr })) },
          { label: 'LDA', colour: '#E69F00', points: p.curve.map((c) => ({ x: c.size, y: 100 * c.lda })) },
        ],
        560, 300, p.questions.length, 'Holdout accuracy (%)', 'Number of questions',
      );
      const verdict = `${p.questions.length} questions assign ${formatShare(p.accuracy)} of ${formatCount(p.holdoutN)} held-out respondents to their segment (${e(p.method)})${p.reachedTarget ? `, meeting the ${formatShare(p.targetAccuracy)} target` : `; the ${formatShare(p.targetAccuracy)} target was not reached`}.`;
      return page(deck, 'typing', 'Typing tool: the golden questions', `<div class="cols"><div class="col"><p class="kv">${verdict}</p><ol class="questions">${p.questions.map((q) => `<li>${e(q.label)}</li>`).join('')}</ol><p class="note">Delivered as an offline HTML questionnaire and as scoring weights (JSON, .xlsx) for CRM and survey platforms. Segments were estimated on the full sample, so the holdout accuracy is somewhat optimistic.</p></div><div class="col" style="flex:0 0 560px"><h2>Accuracy by number of questions</h2>${chart}<p class="note"><span class="swatch" style="background:#0072B2"></span>Multinomial logistic regression <span class="swatch" style="background:#E69F00;margin-left:12px"></span>Linear discriminant analysis</p></div></div>`, n, total);
    }
    case 'priority':
      return page(deck, 'priority', 'Where to focus', `<table><thead><tr><th>Segment</th><th>${p.weighted ? 'Share (weighted)' : 'Share'}</th><th>Distinctiveness</th>${p.valueVariable !== null ? `<th>Mean value${unitOf(p.valueVariable) !== null ? ` (${e(unitOf(p.valueVariable)!)})` : ''}</th><th>Value index</th><th>Share of total value</th>` : ''}<th>Score</th><th>Rank</th></tr></thead><tbody>${[...p.rows].sort((a, b) => a.rank - b.rank).map((r) => `<tr${r.rank === 1 ? ' class="chosen"' : ''}><td>${e(r.name)}</td><td>${formatShare(r.share)}</td><td>${formatNumber(r.distinctiveness)}</td>${p.valueVariable !== null ? `<td>${formatGrouped(r.valueMean ?? NaN, 1)}</td><td>${formatIndex(r.valueIndex ?? NaN)}</td><td>${formatShare(r.valueShare ?? NaN)}</td>` : ''}<td>${formatNumber(r.score)}</td><td>${r.rank}</td></tr>`).join('')}</tbody></table><p class="note">${p.valueVariable !== null ? `Value = ${e(p.valueVariable)}; value index = 100 × segment mean / total mean. ` : ''}${e(p.method)}</p>`, n, total);
    case 'crosstabs':
      return page(deck, 'crosstabs', p.title, `<div class="xt-cols">${p.tables.map((t) => crosstabTable(t, p.columns)).join('')}</div><p class="note">Column percentages; superscript letters: significantly higher than that segment (column-proportion z-test, α = 0.05, Bonferroni). ${p.columns.map((c) => `${e(c.letter)} = ${e(c.name)}`).join(' · ')}</p>`, n, total);
    case 'technical':
      return page(deck, 'technical', 'Appendix: technical detail', `<div class="cols"><div class="col"><ul class="kv">${p.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>${noticeList(p.summary)}</div><div class="col">${fitTable(p.summary)}</div></div>`, n, total);
    default:
      return assertNever(p);
  }
}

function methodContent(m: MethodSummary): string {
  const reasons = m.exclusionReasons.map((r) => `${r.count} ${e(r.reason)}`).join(', ');
  const factors = m.factors === null
    ? '<p class="kv">Segments built directly on the items (no factor step).</p>'
    : `<p class="kv"><b>Factors:</b> ${m.factors.count} factors from ${m.factors.items} items (${e(m.factors.method)}, ${e(m.factors.rotation)} rotation${m.factors.varianceExplained !== null ? `, ${formatShare(m.factors.varianceExplained)} of variance` : ''}): ${e(m.factors.names.join(', '))}.</p>`;
  const bic = lineChart([{ label: 'BIC', colour: '#0072B2', points: m.model.fit.map((f) => ({ x: f.k, y: f.bic })) }], 560, 230, m.model.chosenK, 'BIC');
  return `<div class="cols"><div class="col">
<p class="kv"><b>Data:</b> ${e(m.dataFile)}: ${formatCount(m.respondents)} respondents; ${formatCount(m.excluded)} excluded by the quality screen${reasons ? ` (${reasons})` : ''}; ${formatCount(m.analysed)} analysed${m.weighted ? ', weighted' : ''}.</p>
${factors}
<p class="kv"><b>Model:</b> ${e(m.model.name)} on ${e(m.model.basis)}, K = ${m.model.kMin}–${m.model.kMax}, ${m.model.starts} random starts each (seed ${m.model.seed}). <b>Chosen: K = ${m.model.chosenK}</b>, ${e(m.model.why)}.</p>
${m.model.stability !== null ? `<p class="kv"><b>Stability:</b> ${e(m.model.stability)}</p>` : ''}
${noticeList(m)}
</div><div class="col"><h2>BIC by number of segments</h2>${bic}${fitTable(m, 8)}</div></div>`;
}

function fitTable(m: MethodSummary, maxRows = 20): string {
  return `<table class="fit"><thead><tr><th>Segments (K)</th><th>Log-likelihood</th><th>Parameters</th><th>BIC</th><th>AIC</th><th>Entropy</th><th>Smallest segment</th></tr></thead><tbody>${m.model.fit
    .slice(0, maxRows)
    .map((f) => `<tr${f.k === m.model.chosenK ? ' class="chosen"' : ''}><td>${f.k}</td><td>${formatGrouped(f.logLik, 1)}</td><td>${formatCount(f.parameters)}</td><td>${formatGrouped(f.bic, 1)}</td><td>${formatGrouped(f.aic, 1)}</td><td>${formatNumber(f.entropy)}</td><td>${formatShare(f.smallestShare)}</td></tr>`)
    .join('')}</tbody></table><p class="note">BIC = −2·log-likelihood + parameters · ln N (lower is better); entropy: relative entropy of the classification (1 = perfectly separated).</p>`;
}

function noticeList(m: MethodSummary): string {
  const shown = m.notices.filter((x) => x.severity !== 'info').slice(0, 6);
  return shown.length === 0 ? '' : `<ul class="notices">${shown.map((x) => `<li>${e(x.message)}</li>`).join('')}</ul>`;
}

function personaPage(deck: Deck, p: PersonaPage, n: number, total: number): string {
  const bars = indexBars(p.distinctive.map((d) => ({ label: d.label, index: d.index })), 640, p.colour, '#9aa5b1');
  const standouts = p.standouts.length === 0
    ? '<p class="note">No demographic differs significantly from the rest of the sample.</p>'
    : `<table><thead><tr><th>Standout</th><th>Segment</th><th>Total</th><th>Index</th></tr></thead><tbody>${p.standouts
        .map((s) => `<tr><td>${s.category ? e(labelWithCategory(s.label, s.category)) : `${e(s.label)}, mean`}</td><td>${s.kind === 'share' ? `${formatNumber(s.value, 0)}%` : formatGrouped(s.value, 1)}</td><td>${s.kind === 'share' ? `${formatNumber(s.totalValue, 0)}%` : formatGrouped(s.totalValue, 1)}</td><td>${formatIndex(s.index)}</td></tr>`)
        .join('')}</tbody></table>`;
  const content = `<div class="cols"><div class="persona-card" style="background:${p.colour};color:${textOn(p.colour)}">
<div class="icon">${personaIconHtml(p.icon, 46)}</div><div class="letter">SEGMENT ${e(p.letter)}${p.draft ? '<span class="draft">DRAFT</span>' : ''}</div>
<div class="name">${e(p.name)}</div><div class="tagline">${e(p.tagline)}</div>
<div class="numbers"><div><div class="num">${formatShare(p.share)}</div><div class="lab">of respondents</div></div><div><div class="num">n = ${formatCount(p.size)}</div><div class="lab">respondents</div></div>${p.weightedShare !== null ? `<div><div class="num small">${formatShare(p.weightedShare)}</div><div class="lab">weighted</div></div>` : ''}</div>
<div class="desc">${e(p.description)}</div></div>
<div class="col"><h2>What sets them apart (index, 100 = total)</h2>${bars}<h2 style="margin-top:18px">Standout demographics and behaviours</h2>${standouts}</div></div>`;
  return `<section class="page persona" data-segment="${p.segment}"><h1>${e(p.name)}</h1><div class="rule" style="background:${p.colour}"></div>${content}${footer(deck, n, total)}</section>`;
}

/** Black or white text, whichever contrasts more with the background (WCAG relative luminance). */
export function textOn(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) return '#ffffff';
  const lin = (c: string): number => { const v = parseInt(c, 16) / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const l = 0.2126 * lin(m[1]!) + 0.7152 * lin(m[2]!) + 0.0722 * lin(m[3]!);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#1a1a1a' : '#ffffff';
}

function crosstabTable(t: Crosstab, columns: { name: string; letter: string }[]): string {
  const head = `<tr><th>${e(t.label)}</th>${columns.map((c) => `<th class="segcol">${e(c.letter)}</th>`).join('')}<th>Total</th></tr>`;
  const value = (x: number): string => (t.kind === 'mean' ? formatGrouped(x, 1) : `${formatNumber(x, 0)}%`);
  const rows = t.rows.map((r) => `<tr><td>${e(r.category)}</td>${r.percent.map((x, s) => `<td>${value(x)}<span class="sig">${r.letters[s] ?? ''}</span></td>`).join('')}<td>${value(r.totalPercent)}</td></tr>`).join('');
  const base = `<tr class="base"><td><i>Base (n)</i></td>${t.base.map((b) => `<td><i>${formatCount(b)}</i><span class="sig"></span></td>`).join('')}<td><i>${formatCount(t.base.reduce((a, b) => a + b, 0))}</i></td></tr>`;
  return `<table class="xt"><caption>${e(t.label)} · ${t.test.name === 'chi-square' ? 'χ²' : 'F'} = ${formatNumber(t.test.statistic, 1)}, p = ${formatP(t.test.p)}</caption><thead>${head}</thead><tbody>${rows}${base}</tbody></table>`;
}
