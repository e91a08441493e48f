/**
 * Model-comparison statistics for a fitted mixture (latent class, latent profile): one formula per
 * statistic, stated beside its code, so the UI and the report can cite them.
 *
 * Notation: ℓ = log-likelihood at the estimate, p = number of free parameters (npar), N = number of
 * respondents analysed (rows that enter the likelihood), K = classes, τ_ik = posterior probability
 * of class k for respondent i, w_i = case weight.
 *
 * Weights (pseudo-maximum likelihood, as Mplus and Latent GOLD): the model normalises weights to sum
 * to N before estimation, so ℓ = Σ_i w_i ln f(y_i) is on the scale of N respondents and the
 * information criteria use N, the number of respondents, not Σw. Under sampling weights the criteria
 * are heuristic (no design-based correction); the report says so.
 *
 * Lower is better for AIC, BIC, SABIC and CAIC (−2ℓ plus a penalty). mclust prints BIC with the
 * opposite sign (2ℓ − p ln N, larger is better); compare with the sign flipped.
 */

export type FitStatistics = {
  logLik: number;
  npar: number;
  /** Respondents analysed. */
  n: number;
  /** AIC = −2ℓ + 2p (Akaike 1973). */
  aic: number;
  /** BIC = −2ℓ + p ln N (Schwarz 1978). */
  bic: number;
  /** SABIC = −2ℓ + p ln((N + 2)/24) (Sclove 1987; as tidyLPA and psych, not StepMix's ln(N(N+2)/24)). */
  sabic: number;
  /** CAIC = −2ℓ + p (ln N + 1) (Bozdogan 1987). */
  caic: number;
  /**
   * Relative entropy E = 1 − Σ_i w_i Σ_k (−τ_ik ln τ_ik) / (N ln K) (Ramaswamy et al. 1993; Mplus
   * "Entropy"). 1 = perfectly separated classes; null for K = 1 (undefined).
   */
  entropy: number | null;
  /** Class shares (weighted mean posterior per class), sorted descending. */
  sizes: number[];
  /** The smallest class share. */
  smallestShare: number;
  /**
   * Average posterior probability per class: mean of τ_ik over the respondents whose modal class is
   * k (weighted), in class order (not sorted). NaN for a class that is nobody's modal class.
   */
  averagePosterior: number[];
  /** Weighted count of respondents whose modal class is k, in class order. */
  modalCounts: number[];
};

/** τ ln τ with the limit 0 at τ = 0. */
function plogp(p: number): number {
  return p > 0 ? p * Math.log(p) : 0;
}

/**
 * All statistics from the estimate's log-likelihood, parameter count and posteriors.
 * `posteriors` is N×K row-major (rows that could not be scored hold NaN and are skipped); `weights`
 * must already be normalised to sum to the number of scored rows, or be null.
 */
export function computeFitStatistics(input: {
  logLik: number;
  npar: number;
  n: number;
  k: number;
  posteriors: Float64Array;
  weights: Float64Array | null;
}): FitStatistics {
  const { logLik, npar, n, k, posteriors, weights } = input;
  const minus2ll = -2 * logLik;
  const lnN = Math.log(n);
  const shares = new Array<number>(k).fill(0);
  const modalCounts = new Array<number>(k).fill(0);
  const modalSum = new Array<number>(k).fill(0);
  let entropySum = 0;
  let total = 0;
  const rows = posteriors.length / k;
  for (let i = 0; i < rows; i++) {
    const base = i * k;
    if (Number.isNaN(posteriors[base]!)) continue;
    const w = weights === null ? 1 : weights[i]!;
    total += w;
    let best = 0;
    for (let c = 0; c < k; c++) {
      const t = posteriors[base + c]!;
      shares[c]! += w * t;
      entropySum -= w * plogp(t);
      if (t > posteriors[base + best]!) best = c;
    }
    modalCounts[best]! += w;
    modalSum[best]! += w * posteriors[base + best]!;
  }
  const normalisedShares = shares.map((s) => (total > 0 ? s / total : NaN));
  const sizes = [...normalisedShares].sort((a, b) => b - a);
  return {
    logLik,
    npar,
    n,
    aic: minus2ll + 2 * npar,
    bic: minus2ll + npar * lnN,
    sabic: minus2ll + npar * Math.log((n + 2) / 24),
    caic: minus2ll + npar * (lnN + 1),
    entropy: k > 1 && total > 0 ? 1 - entropySum / (total * Math.log(k)) : null,
    sizes,
    smallestShare: sizes.length > 0 ? sizes[sizes.length - 1]! : NaN,
    averagePosterior: modalSum.map((s, c) => (modalCounts[c]! > 0 ? s / modalCounts[c]! : NaN)),
    modalCounts,
  };
}

/** Index of the entry with the lowest BIC (the first on an exact tie); -1 for none. */
export function selectByBic(bics: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < bics.length; i++) {
    const b = bics[i]!;
    if (!Number.isFinite(b)) continue;
    if (best < 0 || b < bics[best]!) best = i;
  }
  return best;
}
