/**
 * The typing tool as one offline HTML file: the questions as a form, the weights embedded as
 * JSON, and an inline script that scores the answers in the browser with exactly the rule of
 * score.ts (a line-by-line copy below; a Playwright test checks that both agree on every holdout
 * respondent). No network: a Content-Security-Policy forbids every fetch. `window.segstudioScore`
 * exposes the scoring function for batch use and tests.
 */
import { escapeHtml as e } from '../report/format';
import type { TypingTool } from './typing-types';

export type TypingHtmlOptions = { title?: string; primary?: string; fontFamily?: string };

const SCRIPT = `
(function () {
  var tool = JSON.parse(document.getElementById('typing-tool').textContent);
  function score(answers) {
    var scores = tool.intercepts.map(function (c, k) {
      var s = c;
      tool.items.forEach(function (item, j) {
        var a = answers[j];
        var x = a === null || a === undefined || isNaN(a) ? item.impute : a;
        s += tool.weights[k][j] * x;
      });
      return s;
    });
    var max = Math.max.apply(null, scores);
    var e = scores.map(function (s) { return Math.exp(s - max); });
    var sum = e.reduce(function (a, b) { return a + b; }, 0);
    var probabilities = e.map(function (v) { return v / sum; });
    var segment = 0;
    for (var k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[segment]) segment = k;
    return { segment: segment, probabilities: probabilities };
  }
  window.segstudioScore = score;
  function readAnswers() {
    return tool.items.map(function (item, j) {
      var checked = document.querySelector('input[name="q' + j + '"]:checked');
      if (checked) return Number(checked.value);
      var num = document.querySelector('input[type=number][name="q' + j + '"]');
      return num && num.value !== '' ? Number(num.value) : null;
    });
  }
  document.getElementById('score').addEventListener('click', function (ev) {
    ev.preventDefault();
    var answers = readAnswers();
    var r = score(answers);
    var out = document.getElementById('result');
    out.hidden = false;
    document.getElementById('segment-name').textContent = tool.segments[r.segment].name;
    document.getElementById('segment-name').setAttribute('data-segment', String(r.segment));
    var rows = tool.segments.map(function (s, k) {
      return '<tr><td>' + s.name.replace(/[&<>]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;' }[c]; }) + '</td><td>' + (100 * r.probabilities[k]).toFixed(1) + '%</td></tr>';
    });
    document.getElementById('probabilities').innerHTML = rows.join('');
    var missing = answers.filter(function (a) { return a === null; }).length;
    document.getElementById('missing-note').textContent = missing > 0 ? missing + ' unanswered question(s) were scored as the average answer.' : '';
  });
  document.getElementById('reset').addEventListener('click', function () { document.getElementById('result').hidden = true; });
})();
`;

function question(tool: TypingTool, j: number): string {
  const item = tool.items[j]!;
  const input =
    item.options.length > 0
      ? `<div class="options">${item.options.map((o) => `<label><input type="radio" name="q${j}" value="${o.code}"> ${e(o.label)}</label>`).join('')}</div>`
      : `<input type="number" name="q${j}" min="${item.min}" max="${item.max}" step="any" aria-label="${e(item.label)}">`;
  return `<fieldset><legend>${j + 1}. ${e(item.label)}</legend>${input}</fieldset>`;
}

export function renderTypingToolHtml(tool: TypingTool, options: TypingHtmlOptions = {}): string {
  const title = options.title ?? 'Segment typing tool';
  const primary = options.primary ?? '#1f3a5f';
  const json = JSON.stringify(tool).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>${e(title)}</title>
<style>
body { font-family: ${options.fontFamily ?? "'DejaVu Sans', 'Noto Sans', Arial, sans-serif"}; max-width: 760px; margin: 24px auto; padding: 0 16px; color: #222; }
h1 { color: ${primary}; font-size: 26px; }
fieldset { border: 1px solid #ddd; border-radius: 6px; margin: 0 0 12px; padding: 10px 14px; }
legend { font-weight: 600; padding: 0 4px; }
.options label { display: inline-block; margin: 4px 14px 4px 0; }
button { background: ${primary}; color: #fff; border: 0; border-radius: 4px; padding: 9px 18px; font-size: 15px; cursor: pointer; margin-right: 8px; }
button[type=reset] { background: #777; }
#result { margin-top: 18px; padding: 14px; border-left: 5px solid ${primary}; background: #f4f6f9; }
#segment-name { font-size: 22px; font-weight: 700; color: ${primary}; }
.meta { color: #666; font-size: 13px; }
td { padding: 2px 12px 2px 0; }
</style></head>
<body>
<h1>${e(title)}</h1>
<p class="meta">${tool.items.length} questions · holdout accuracy ${(100 * tool.holdout.accuracy).toFixed(1)}% on ${tool.holdout.n} respondents (${tool.method === 'mlr' ? 'multinomial logistic regression' : 'linear discriminant analysis'}). Works offline; answers never leave this page.</p>
<form id="form">
${tool.items.map((_, j) => question(tool, j)).join('\n')}
<button id="score" type="submit">Assign segment</button><button id="reset" type="reset">Clear</button>
</form>
<div id="result" hidden><div>Segment: <span id="segment-name"></span></div><table id="probabilities"></table><p class="meta" id="missing-note"></p></div>
<script type="application/json" id="typing-tool">${json}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
