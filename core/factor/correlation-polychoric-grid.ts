/**
 * The likelihood kernel of polychoric correlations: Φ2 at every corner of a pair's threshold grid
 * for one ρ. For |ρ| < 0.925 Genz's BVND integrand depends on the corner only through h·k and
 * (h² + k²)/2, and its Gauss–Legendre sin θ nodes depend on ρ alone, so they are computed once per
 * ρ and shared by all (K−1)² corners; |ρ| ≥ 0.925 goes through pbinorm (normal.ts).
 */
import { bvndNodes, pbinorm } from '../math/normal';

/**
 * Φ2(h_a, k_b; ρ) for all finite-or-infinite thresholds h (rows) and k (columns), into
 * grid[(a+1)·(C+1) + (b+1)] (C = k.length + 1 columns of cells) with the −∞ row/column 0 and the
 * +∞ row/column Φ(k_b) / Φ(h_a).
 */
export function bvnCornerGrid(h: Float64Array, k: Float64Array, ph: Float64Array, pk: Float64Array, rho: number, grid: Float64Array, sn: Float64Array, sw: Float64Array): void {
  const m = k.length + 2;
  const last = h.length + 1;
  grid.fill(0, 0, (h.length + 2) * m);
  for (let a = 0; a < h.length; a++) grid[(a + 1) * m + m - 1] = ph[a]!;
  for (let b = 0; b < k.length; b++) grid[last * m + b + 1] = pk[b]!;
  grid[last * m + m - 1] = 1;
  const low = Math.abs(rho) < 0.925;
  let nodes = 0;
  let scale = 0;
  if (low) {
    const asr = Math.asin(rho);
    const gl = bvndNodes(rho);
    nodes = gl.nodes.length;
    for (let i = 0; i < nodes; i++) {
      const x = gl.nodes[i]!;
      const s1 = Math.sin((asr * (x + 1)) / 2);
      const s2 = Math.sin((asr * (1 - x)) / 2);
      sn[2 * i] = s1;
      sn[2 * i + 1] = s2;
      sw[2 * i] = 1 / (1 - s1 * s1);
      sw[2 * i + 1] = 1 / (1 - s2 * s2);
    }
    scale = asr / (4 * Math.PI);
    for (let a = 0; a < h.length; a++) {
      const ha = h[a]!;
      if (!Number.isFinite(ha)) {
        for (let b = 0; b < k.length; b++) grid[(a + 1) * m + b + 1] = ha > 0 ? pk[b]! : 0;
        continue;
      }
      for (let b = 0; b < k.length; b++) {
        const kb = k[b]!;
        if (!Number.isFinite(kb)) {
          grid[(a + 1) * m + b + 1] = kb > 0 ? ph[a]! : 0;
          continue;
        }
        const hk = ha * kb;
        const hs = (ha * ha + kb * kb) / 2;
        let sum = 0;
        for (let i = 0; i < nodes; i++) {
          const w = gl.weights[i]!;
          sum += w * (Math.exp((sn[2 * i]! * hk - hs) * sw[2 * i]!) + Math.exp((sn[2 * i + 1]! * hk - hs) * sw[2 * i + 1]!));
        }
        const value = sum * scale + ph[a]! * pk[b]!;
        grid[(a + 1) * m + b + 1] = value < 0 ? 0 : value > 1 ? 1 : value;
      }
    }
    return;
  }
  for (let a = 0; a < h.length; a++) {
    for (let b = 0; b < k.length; b++) grid[(a + 1) * m + b + 1] = pbinorm(h[a]!, k[b]!, rho);
  }
}

