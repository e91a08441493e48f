/**
 * Scoring a later survey wave with the frozen model of a project and comparing segment shares
 * wave by wave. The change of each segment's share between two waves is tested with the
 * two-sample z-test for proportions (independent samples, pooled p̄):
 *   z = (p₂ − p₁) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)),
 * two-sided; `significant` uses α = 0.05 after a Bonferroni adjustment over the K segments.
 * Shares are those of the respondents assigned (the reference wave's as stored in the project).
 * When both waves carry the project's weight column they are weighted shares, tested on Kish's
 * effective sample sizes (Σw)²/Σw² — the comparison of the populations the weights stand for;
 * otherwise unweighted shares of the samples as drawn, and a notice says which.
 * When the project has a typing tool, every respondent is also typed from the short question set
 * and the agreement with the full model is reported.
 */
import { InputError } from '../errors';
import { notice, type Notice } from '../notices';
import { findColumn, numericValues, type Dataset } from '../data/dataset';
import type { Project } from '../project/project';
import { applyCodebook } from '../project/apply-project';
import { twoSidedP } from '../profile/stat-tests';
import { scoreAnswers } from '../typing/score';
import type { TypingTool } from '../typing/typing-types';
import { scoreWave } from './frozen-model';

/** `n`: respondents assigned, or Kish's effective n when `weighted`; `counts` are unweighted. */
export type WaveShares = { wave: string; n: number; counts: number[]; shares: number[]; weighted: boolean };
export type ShareChange = { segment: number; name: string; from: number; to: number; difference: number; z: number; p: number; pAdjusted: number; significant: boolean };

export type WaveScoreResult = {
  kind: 'segstudio-wave-scores';
  schemaVersion: 1;
  project: string;
  segments: string[];
  waves: WaveShares[];
  changes: ShareChange[];
  typing: { items: string[]; agreement: number; shares: number[] } | null;
  /** Whether the shares compared are weighted, and why not when a weight was expected. */
  weighted: boolean;
  notices: Notice[];
  /** Per wave-2 row: segment 0..k−1 or −1 when unscored. */
  assignments: Int32Array;
  posteriors: Float64Array;
};

export function compareShares(a: WaveShares, b: WaveShares, names: readonly string[]): ShareChange[] {
  const k = names.length;
  return names.map((name, s) => {
    const p1 = a.shares[s] ?? 0;
    const p2 = b.shares[s] ?? 0;
    const pooled = (p1 * a.n + p2 * b.n) / Math.max(a.n + b.n, 1);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
    const z = se > 0 ? (p2 - p1) / se : 0;
    const p = twoSidedP(z);
    const pAdjusted = Math.min(1, p * k);
    return { segment: s, name, from: p1, to: p2, difference: p2 - p1, z, p, pAdjusted, significant: pAdjusted < 0.05 };
  });
}

function sharesOf(wave: string, assignments: Int32Array, k: number, weights: Float64Array | null = null): WaveShares {
  const counts = new Array<number>(k).fill(0);
  const sums = new Array<number>(k).fill(0);
  let sum2 = 0;
  assignments.forEach((s, i) => {
    if (s < 0) return;
    counts[s]! += 1;
    const w = weights === null ? 1 : weights[i]!;
    if (!(w > 0)) return;
    sums[s]! += w;
    sum2 += w * w;
  });
  const total = sums.reduce((x, y) => x + y, 0);
  const n = weights === null ? counts.reduce((x, y) => x + y, 0) : sum2 > 0 ? (total * total) / sum2 : 0;
  return { wave, n, counts, shares: sums.map((c) => (total > 0 ? c / total : 0)), weighted: weights !== null };
}

/** Codebook edits for the columns the wave has (a later wave may drop unrelated columns). */
function applyWaveCodebook(project: Project, wave: Dataset): Dataset {
  const names = new Set(wave.columns.map((c) => c.name));
  return applyCodebook(wave, { ...project.codebook, columns: project.codebook.columns.filter((c) => names.has(c.name)), batteryItems: project.codebook.batteryItems.filter((n) => names.has(n)), weight: project.codebook.weight !== null && names.has(project.codebook.weight) ? project.codebook.weight : null, id: project.codebook.id !== null && names.has(project.codebook.id) ? project.codebook.id : null });
}

export function scoreProjectWave(project: Project, reference: Dataset, rawWave: Dataset, waveName: string): WaveScoreResult {
  const seg = project.segmentation;
  if (seg === null || seg.frozenModel === null) {
    throw new InputError('project-invalid', `Project '${project.name}' has no frozen segment model; run 'segstudio run' on it (or choose a solution in the app) and use the project file it writes.`);
  }
  const wave = applyWaveCodebook(project, rawWave);
  const scored = scoreWave(seg.frozenModel, wave, applyCodebook(reference, project.codebook));
  const names = project.personas.length === scored.k ? project.personas.map((p) => p.name) : Array.from({ length: scored.k }, (_, s) => `Segment ${s + 1}`);
  const summary = seg.summary ?? {};
  const refShares = Array.isArray(summary['shares']) ? (summary['shares'] as number[]) : null;
  const refN = typeof summary['assigned'] === 'number' ? summary['assigned'] : null;
  if (refShares === null || refN === null || refShares.length !== scored.k) {
    throw new InputError('project-invalid', `Project '${project.name}' does not record the segment shares of its own wave; re-run it with 'segstudio run' to store them.`);
  }
  const refWeighted = Array.isArray(summary['weightedShares']) && typeof summary['effectiveN'] === 'number' ? { shares: summary['weightedShares'] as number[], n: summary['effectiveN'] } : null;
  const weightName = project.codebook.weight ?? reference.weight;
  const weightColumn = weightName === null ? undefined : findColumn(wave, weightName);
  const weighted = refWeighted !== null && weightColumn !== undefined;
  const notices: Notice[] = [];
  if (refWeighted !== null && !weighted) {
    notices.push(notice('info', 'warning', `'${rawWave.source.file}' has no weight column '${weightName ?? ''}', so the shares are compared unweighted (the reference wave's unweighted shares too). Add the weights to compare the populations they stand for.`));
  }
  const first: WaveShares = weighted
    ? { wave: 'reference', n: refWeighted.n, counts: refShares.map((s) => Math.round(s * refN)), shares: refWeighted.shares, weighted: true }
    : { wave: 'reference', n: refN, counts: refShares.map((s) => Math.round(s * refN)), shares: refShares, weighted: false };
  const second = sharesOf(waveName, scored.assignments, scored.k, weighted ? numericValues(weightColumn, wave.rows) : null);
  let typing: WaveScoreResult['typing'] = null;
  const tool = project.typing?.tool as unknown as TypingTool | null | undefined;
  if (tool !== null && tool !== undefined && tool.kind === 'typing-tool') {
    const columns = tool.items.map((item) => {
      const column = findColumn(wave, item.name);
      if (column === undefined) throw new InputError('column-unknown', `The typing tool uses question '${item.name}', which '${wave.source.file}' does not have.`, { column: item.name });
      return numericValues(column, wave.rows);
    });
    const typed = Int32Array.from({ length: wave.rows }, (_, i) => scoreAnswers(tool, columns.map((c) => c[i]!)).segment);
    let agree = 0;
    let compared = 0;
    scored.assignments.forEach((s, i) => {
      if (s < 0) return;
      compared++;
      if (typed[i] === s) agree++;
    });
    typing = { items: tool.items.map((i) => i.name), agreement: compared > 0 ? agree / compared : NaN, shares: sharesOf(waveName, typed, scored.k).shares };
  }
  return {
    kind: 'segstudio-wave-scores',
    schemaVersion: 1,
    project: project.name,
    segments: names,
    waves: [first, second],
    changes: compareShares(first, second, names),
    typing,
    weighted,
    notices,
    assignments: scored.assignments,
    posteriors: scored.posteriors,
  };
}
