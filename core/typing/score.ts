/**
 * scoreAnswers: the typing tool's one scoring rule (see typing-types.ts); the HTML
 * questionnaire's inline script is a line-by-line copy of it (typing-html.ts).
 */
import type { TypingTool } from './typing-types';

export type TypingScore = { segment: number; probabilities: number[] };

/** answers: one value per tool item in tool.items order; null/NaN = unanswered. */
export function scoreAnswers(tool: Pick<TypingTool, 'items' | 'intercepts' | 'weights'>, answers: readonly (number | null)[]): TypingScore {
  const scores = tool.intercepts.map((c, k) => {
    let s = c;
    tool.items.forEach((item, j) => {
      const a = answers[j];
      const x = a === null || a === undefined || Number.isNaN(a) ? item.impute : a;
      s += tool.weights[k]![j]! * x;
    });
    return s;
  });
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  const probabilities = e.map((v) => v / sum);
  let segment = 0;
  for (let k = 1; k < probabilities.length; k++) if (probabilities[k]! > probabilities[segment]!) segment = k;
  return { segment, probabilities };
}
