/**
 * McDonald's omega via the Schmid–Leiman transformation, as psych::omega (fm = "minres",
 * rotate = "oblimin", flip = TRUE, option = "equal"), on a correlation matrix R (p × p).
 *
 * Schmid–Leiman (psych::schmid):
 *   1. F = fa(R, m, fm = "minres", rotate = "varimax") with psych's signs and order (extract.ts,
 *      rotate.ts, order-factors.ts); h²_i = Σ_k F_ik².
 *   2. Oblique pattern P and Φ: GPArotation::oblimin started from F (normalize = FALSE), taken as
 *      the optimiser leaves it (no re-ordering).
 *   3. General loadings of the group factors, γ: a one-factor minres fit of Φ (m ≥ 3); with m = 2,
 *      γ = (√|φ12|, sign(φ12)·√|φ12|) ("equal" option, flagged); with m = 1, γ = 1.
 *   4. g_i = Σ_k P_ik γ_k;  group loadings s_ik = sign(P_ik)·sqrt(max(P_ik²(1 − γ_k²), 0));
 *      u²_i = 1 − h²_i;  p²_i = g_i²/h²_i.
 * Omega (psych::omegah): items with g_i < 0 are reversed (rows of R, g and s flipped). With
 * V_t = ΣR (all elements, after flipping):
 *   ω_h = (Σ g)²/V_t;   ω_total = (V_t − Σ u²)/V_t;   ω_limit = (Σ g)²/(V_t − Σ u²)
 *   α = (V_t − p)/V_t · p/(p − 1);   λ6 = (V_t + Σ smc(R) − p)/V_t;   ECV = Σg² / Σ(g² + s²)
 * Group omegas: each item goes to the group factor with its largest |s_ik|; for group items G,
 * V_G = Σ R[G, G], ω_group = (Σ_G s_k)²/V_G, ω_general = (Σ_G g)²/V_G, ω_total = sum of both.
 * The "g" row holds ω_total, ω_h and Σ_k(Σ_G s_k)²/V_t.
 * Oracle: tests/oracle/omega.test.ts (bfi_omega.json: ω_h 0.462, ω_total 0.875).
 */
import { InputError } from '../errors';
import type { Matrix } from '../math/matrix';
import { notice, type Notice } from '../notices';
import { extractFactors } from './extract';
import { orderFactors } from './order-factors';
import { rotateFactors } from './rotate';
import { smc } from './smc';

export type OmegaGroup = { name: string; items: string[]; total: number; general: number; group: number };

export type OmegaResult = {
  kind: 'omega';
  schemaVersion: 1;
  nFactors: number;
  items: string[];
  /** Items reversed because their general loading was negative (psych flip = TRUE). */
  flipped: string[];
  omegaHierarchical: number;
  omegaTotal: number;
  omegaLimit: number;
  alpha: number;
  g6: number;
  ecv: number;
  /** Row 0 is the general factor ("g"), then one row per group factor ("F1*", ...). */
  groups: OmegaGroup[];
  /** Schmid–Leiman solution after flipping, items × (g, F1*..Fm*). */
  schmidLeiman: Matrix;
  h2: Float64Array;
  u2: Float64Array;
  p2: Float64Array;
  /** The oblimin pattern (items × m) and factor correlations the solution was built from. */
  oblique: Matrix;
  phi: Matrix;
  /** Loadings of the group factors on the general factor (γ). */
  gLoadings: Float64Array;
  notices: Notice[];
};

export function computeOmega(R: Matrix, nFactors: number, itemNames: readonly string[]): OmegaResult {
  const p = R.rows;
  const m = nFactors;
  if (itemNames.length !== p) throw new InputError('option-invalid', `computeOmega: ${itemNames.length} item names for a ${p}×${p} matrix.`);
  if (!Number.isInteger(m) || m < 1 || m >= p) throw new InputError('option-invalid', `Omega needs between 1 and ${p - 1} group factors for ${p} items; ${m} requested.`);
  const notices: Notice[] = [];

  const extraction = extractFactors(R, m, 'minres', { itemNames });
  notices.push(...extraction.notices);
  const varimax = rotateFactors(extraction.loadings, 'varimax');
  const orth = orderFactors(varimax.loadings, null, varimax.rotationMatrix).loadings;
  const h2 = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let k = 0; k < m; k++) h2[i]! += orth.data[i * m + k]! ** 2;

  let oblique: Matrix = orth;
  let phi: Matrix = { rows: 1, cols: 1, data: Float64Array.of(1) };
  const gamma = new Float64Array(m).fill(1);
  if (m === 1) {
    notices.push(notice('info', 'warning', 'With one factor omega hierarchical is not meaningful: it equals omega total.'));
  } else {
    const rotation = rotateFactors(orth, 'oblimin');
    notices.push(...rotation.notices);
    oblique = rotation.loadings;
    phi = rotation.phi ?? phi;
    if (m === 2) {
      const r12 = phi.data[1]!;
      gamma[0] = Math.sqrt(Math.abs(r12));
      gamma[1] = Math.sign(r12) * Math.sqrt(Math.abs(r12));
      notices.push(notice('info', 'warning', 'Three group factors are needed to identify a general factor; with two, their general loadings were set equal (psych option "equal"). Interpret omega hierarchical with caution.'));
    } else {
      const general = extractFactors(phi, 1, 'minres');
      for (let k = 0; k < m; k++) gamma[k] = general.loadings.data[k]!;
    }
  }

  const cols = m + 1;
  const sl = new Float64Array(p * cols);
  const u2 = new Float64Array(p);
  const p2 = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let g = 0;
    for (let k = 0; k < m; k++) g += oblique.data[i * m + k]! * gamma[k]!;
    sl[i * cols] = g;
    for (let k = 0; k < m; k++) {
      const pik = oblique.data[i * m + k]!;
      const rest = pik * pik * (1 - gamma[k]! * gamma[k]!);
      sl[i * cols + k + 1] = Math.sign(pik) * Math.sqrt(Math.max(rest, 0));
    }
    u2[i] = R.data[i * p + i]! - h2[i]!;
    p2[i] = (g * g) / h2[i]!;
  }

  // Flip items with negative general loadings.
  const key = new Float64Array(p);
  for (let i = 0; i < p; i++) key[i] = sl[i * cols]! < 0 ? -1 : 1;
  const flippedR = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) flippedR[i * p + j] = key[i]! * key[j]! * R.data[i * p + j]!;
  for (let i = 0; i < p; i++) for (let c = 0; c < cols; c++) sl[i * cols + c]! *= key[i]!;

  let vt = 0;
  let trace = 0;
  for (let i = 0; i < p; i++) {
    trace += flippedR[i * p + i]!;
    for (let j = 0; j < p; j++) vt += flippedR[i * p + j]!;
  }
  let sumG = 0;
  let sumU2 = 0;
  let ssG = 0;
  let ssAll = 0;
  for (let i = 0; i < p; i++) {
    sumG += sl[i * cols]!;
    sumU2 += u2[i]!;
    for (let c = 0; c < cols; c++) ssAll += sl[i * cols + c]! ** 2;
    ssG += sl[i * cols]! ** 2;
  }
  const smcR = smc({ rows: p, cols: p, data: flippedR });
  let sumSmc = 0;
  for (const v of smcR) sumSmc += v;
  const omegaTotal = (vt - sumU2) / vt;
  const omegaHierarchical = (sumG * sumG) / vt;

  const groups: OmegaGroup[] = [{ name: 'g', items: [...itemNames], total: omegaTotal, general: omegaHierarchical, group: 0 }];
  let groupShare = 0;
  const assigned = Array.from({ length: p }, (_, i) => {
    let best = 0;
    for (let k = 1; k < m; k++) if (Math.abs(sl[i * cols + k + 1]!) > Math.abs(sl[i * cols + best + 1]!)) best = k;
    return best;
  });
  for (let k = 0; k < m; k++) {
    const members = assigned.flatMap((a, i) => (a === k ? [i] : []));
    let vg = 0;
    let gr = 0;
    let gg = 0;
    for (const i of members) {
      gr += sl[i * cols + k + 1]!;
      gg += sl[i * cols]!;
      for (const j of members) vg += flippedR[i * p + j]!;
    }
    groupShare += gr * gr;
    groups.push({
      name: `F${k + 1}*`,
      items: members.map((i) => itemNames[i]!),
      total: members.length > 0 ? (gr * gr + gg * gg) / vg : NaN,
      general: members.length > 0 ? (gg * gg) / vg : NaN,
      group: members.length > 0 ? (gr * gr) / vg : NaN,
    });
  }
  groups[0]!.group = groupShare / vt;

  return {
    kind: 'omega',
    schemaVersion: 1,
    nFactors: m,
    items: [...itemNames],
    flipped: itemNames.filter((_, i) => key[i] === -1),
    omegaHierarchical,
    omegaTotal,
    omegaLimit: (sumG * sumG) / (vt - sumU2),
    alpha: ((vt - trace) / vt) * (p / (p - 1)),
    g6: (vt + sumSmc - trace) / vt,
    ecv: ssG / ssAll,
    groups,
    schmidLeiman: { rows: p, cols, data: sl },
    h2,
    u2,
    p2,
    oblique,
    phi,
    gLoadings: gamma,
    notices,
  };
}
