/**
 * The model-comparison table: one row per K with log-likelihood, parameters, AIC, BIC, SABIC,
 * entropy, smallest class, replicated best LL and convergence (k-means: R² and Calinski–Harabasz).
 * The lowest BIC is marked; the radio in each row picks the solution to keep.
 */
import type { SegmentFit } from '../workers/segment-job';
import { fmt, pct } from './format';

export function FitTable({ fits, chosenK, onChoose }: { fits: readonly SegmentFit[]; chosenK: number | null; onChoose(k: number): void }) {
  const kmeans = fits.some((f) => f.model === 'kmeans');
  const finite = fits.filter((f) => f.bic !== null).map((f) => f.bic!);
  const bestBic = finite.length > 0 ? Math.min(...finite) : null;
  return (
    <div className="table-scroll">
      <table className="table fit-table" aria-label="Model comparison">
        <thead>
          <tr>
            <th>Keep</th>
            <th className="num">K</th>
            {kmeans ? (
              <>
                <th className="num">R²</th>
                <th className="num">Calinski–Harabasz</th>
              </>
            ) : (
              <>
                <th className="num">LL</th>
                <th className="num" title="Free parameters">Par.</th>
                <th className="num">AIC</th>
                <th className="num">BIC</th>
                <th className="num">SABIC</th>
                <th className="num">Entropy</th>
              </>
            )}
            <th className="num">Smallest</th>
            <th className="num" title="Random starts that reached the best log-likelihood, of those run to convergence">Best LL replicated</th>
            <th className="num" title="Mean adjusted Rand index between the solution and its refits on bootstrap resamples">Stability</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {fits.map((f) => (
            <tr key={f.k} className={chosenK === f.k ? 'row-chosen' : ''}>
              <td>
                <input type="radio" name="chosen-k" aria-label={`Keep the ${f.k}-segment solution`} checked={chosenK === f.k} disabled={f.failed !== null} onChange={() => onChoose(f.k)} />
              </td>
              <td className="num strong">{f.k}</td>
              {kmeans ? (
                <>
                  <td className="num">{fmt(f.rSquared, 3)}</td>
                  <td className="num">{fmt(f.calinskiHarabasz, 1)}</td>
                </>
              ) : (
                <>
                  <td className="num">{fmt(f.logLik, 1)}</td>
                  <td className="num">{f.npar ?? '—'}</td>
                  <td className="num">{fmt(f.aic, 1)}</td>
                  <td className={`num${f.bic !== null && f.bic === bestBic ? ' best' : ''}`}>{fmt(f.bic, 1)}</td>
                  <td className="num">{fmt(f.sabic, 1)}</td>
                  <td className="num">{fmt(f.entropy, 3)}</td>
                </>
              )}
              <td className="num">{pct(f.sizes.length > 0 ? Math.min(...f.sizes) : null)}</td>
              <td className="num">
                {f.bestReplicated} of {f.startsFinal}
              </td>
              <td className="num" title={f.stability === null ? 'Not run' : `5–95%: ${fmt(f.stability.lowerAri, 2)}–${fmt(f.stability.upperAri, 2)} over ${f.stability.replicates} resamples`}>
                {f.stability === null ? '—' : fmt(f.stability.meanAri, 2)}
              </td>
              <td className={f.failed !== null ? 'error-text' : f.bestReplicated <= 1 ? 'warn-text' : ''}>{f.failed ?? (f.converged ? (f.bestReplicated <= 1 ? 'not replicated' : 'converged') : 'not converged')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
