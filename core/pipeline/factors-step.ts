/**
 * The factor step of the pipeline: EFA on the battery (core/factor/efa.ts) with the project's
 * settings and seed, factor names (the project's, else drafted from each factor's highest-loading
 * item), and factor scores for every respondent.
 *
 * Scores: psych's regression weights applied to items standardised with the analysed sample's
 * mean and n−1 SD; an unanswered item counts as the mean (z = 0), as psych::factor.scores with
 * impute = "mean", so a respondent with a few gaps still has scores (EFA's own `scores` leave
 * them null). The means, SDs and weights are kept so a later wave is scored on the same scale.
 */
import { findColumn, numericValues, type Dataset } from '../data/dataset';
import { buildEfaInput, runEfa, type EfaResult } from '../factor/efa';
import { resolveEfaParams, type EfaParams } from '../factor/params';
import type { RunOptions } from '../jobs/run-steps';
import { keyPhrase } from '../profile/personas';
import { themeScores } from '../profile/persona-lexicon';
import type { FactorSettings } from '../project/project';
import type { FactorSummary } from './pipeline-types';

export type FactorScoring = { items: string[]; mean: number[]; sd: number[]; /** items × factors */ weights: number[][] };

export type FactorStep = { efa: EfaResult; summary: FactorSummary; scores: Float64Array[]; scoring: FactorScoring };

export async function runFactorStep(dataset: Dataset, settings: FactorSettings, run: RunOptions = {}): Promise<FactorStep> {
  const params = resolveEfaParams({ ...(settings.settings as Partial<EfaParams>), seed: settings.seed });
  const efa = await runEfa(buildEfaInput(dataset, settings.items), params, run);
  const m = efa.loadings.cols;
  const p = efa.items.length;
  const names = settings.factorNames.length === m ? [...settings.factorNames] : draftFactorNames(dataset, efa);
  const scoring = factorScoring(dataset, efa);
  const scores = scoreFactors(dataset, scoring);
  const cumulative = efa.varianceExplained.cumulativeOfTotal;
  const summary: FactorSummary = {
    count: m,
    method: efa.params.method,
    rotation: efa.params.rotation,
    items: efa.items,
    names,
    internalNames: efa.factorNames,
    varianceExplained: cumulative.length > 0 ? cumulative[cumulative.length - 1]! : null,
    loadings: Array.from({ length: p }, (_, j) => Array.from({ length: m }, (_, f) => efa.loadings.data[j * m + f]!)),
    suggested: { kaiser: efa.nfactors.kaiser, parallel: efa.nfactors.parallel, map: efa.nfactors.map, suggested: efa.nfactors.suggested },
    kmo: efa.kmo.overall,
    seed: efa.seed,
    notices: efa.notices,
  };
  return { efa, summary, scores, scoring };
}

/**
 * Draft factor names, as a researcher names factors from their top-loading items: the theme of
 * the items loading |λ| ≥ 0.30 on the factor (weighted by |λ|) in the marketing vocabulary
 * (core/profile/persona-lexicon.ts), e.g. "Price sensitivity"; each theme names one factor at most
 * (the best-matching one first). A factor whose wording is outside the vocabulary is named after
 * the key words of its highest (positive) loading item ("Prices"); psych orients factors so that
 * their loadings are mostly positive, so this skips reverse-worded items.
 */
export function draftFactorNames(dataset: Dataset, efa: EfaResult): string[] {
  const m = efa.loadings.cols;
  const label = (j: number): string => findColumn(dataset, efa.items[j]!)?.label || efa.items[j]!;
  const names: (string | null)[] = Array.from({ length: m }, () => null);
  const taken = new Set<string>();
  const matches = Array.from({ length: m }, (_, f) => {
    const labels = efa.items.map((_, j) => ({ label: label(j), weight: Math.abs(efa.loadings.data[j * m + f]!) })).filter((l) => l.weight >= 0.3);
    const total = labels.reduce((a, l) => a + l.weight, 0);
    return themeScores(labels).map((t) => ({ f, theme: t.theme, share: total > 0 ? t.score / total : 0 }));
  }).flat().filter((x) => x.share >= 0.5).sort((a, b) => b.share - a.share || a.f - b.f);
  for (const x of matches) {
    if (names[x.f] !== null || taken.has(x.theme.id)) continue;
    names[x.f] = x.theme.factor;
    taken.add(x.theme.id);
  }
  const used = new Set(names.filter((n): n is string => n !== null));
  return names.map((given, f) => {
    if (given !== null) return given;
    let best = 0;
    for (let j = 1; j < efa.items.length; j++) if (efa.loadings.data[j * m + f]! > efa.loadings.data[best * m + f]!) best = j;
    let name = keyPhrase(label(best)) || `Factor ${f + 1}`;
    if (used.has(name)) name = `${name} (${f + 1})`;
    used.add(name);
    return name;
  });
}

function factorScoring(dataset: Dataset, efa: EfaResult): FactorScoring {
  const m = efa.loadings.cols;
  const mean: number[] = [];
  const sd: number[] = [];
  for (const item of efa.items) {
    const values = numericValues(findColumn(dataset, item)!, dataset.rows);
    let sum = 0;
    let count = 0;
    for (const v of values) if (!Number.isNaN(v)) [sum, count] = [sum + v, count + 1];
    const mu = count > 0 ? sum / count : 0;
    let ss = 0;
    for (const v of values) if (!Number.isNaN(v)) ss += (v - mu) ** 2;
    mean.push(mu);
    sd.push(count > 1 ? Math.sqrt(ss / (count - 1)) : 1);
  }
  const weights = efa.items.map((_, j) => Array.from({ length: m }, (_, f) => efa.scoreWeights.data[j * m + f]!));
  return { items: [...efa.items], mean, sd, weights };
}

/** One Float64Array of factor scores per factor (respondents in dataset order). */
export function scoreFactors(dataset: Dataset, scoring: FactorScoring): Float64Array[] {
  const m = scoring.weights[0]?.length ?? 0;
  const out = Array.from({ length: m }, () => new Float64Array(dataset.rows));
  scoring.items.forEach((item, j) => {
    const column = findColumn(dataset, item);
    const values = column === undefined ? new Float64Array(dataset.rows).fill(NaN) : numericValues(column, dataset.rows);
    for (let i = 0; i < dataset.rows; i++) {
      const v = values[i]!;
      const z = Number.isNaN(v) || !(scoring.sd[j]! > 0) ? 0 : (v - scoring.mean[j]!) / scoring.sd[j]!;
      for (let f = 0; f < m; f++) out[f]![i] = out[f]![i]! + z * scoring.weights[j]![f]!;
    }
  });
  return out;
}
