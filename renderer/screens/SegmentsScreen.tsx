/**
 * Step 3, Segments: the basis (factor scores, the battery items, or chosen variables), the model
 * (latent profile, latent class, k-means), a K range run with one live progress bar per K and a
 * Cancel button, the comparison table and BIC/AIC/entropy charts, and the choice of the solution.
 */
import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import { SEGMENT_BASES, SEGMENT_MODELS } from '../../core/project/project';
import { COVARIANCE_MODELS, COVARIANCE_MODEL_TITLES } from '../../core/segment/lpa/covariance-models';
import { useApp } from '../app/context';
import { PlotlyChart } from '../charts/PlotlyChart';
import { FitTable } from '../components/FitTable';
import { Notices } from '../components/Notices';
import { ProgressBar } from '../components/ProgressBar';
import type { SegmentChoices } from '../state/app-reducer';
import { useAppState } from '../state/store';
import type { SegmentFit } from '../workers/segment-job';

const BASIS_TITLES = { 'factor-scores': 'Factor scores', items: 'Battery items', variables: 'Chosen variables' } as const;
const MODEL_TITLES = { lca: 'Latent class (LCA)', lpa: 'Latent profile (LPA)', kmeans: 'k-means' } as const;

export function SegmentsScreen() {
  const { controller } = useApp();
  const doc = useAppState((s) => s.doc);
  const job = useAppState((s) => s.jobs.segment);
  const efaDone = useAppState((s) => s.jobs.efa.status === 'done');
  const dataset = useAppState(() => controller.rawDataset());
  const s = doc.segment;
  const set = (patch: Partial<SegmentChoices>) => controller.edit({ segment: { ...s, ...patch } });
  // Fits come from the result cache; they change only when a run ends or the settings (doc) change.
  const fits = useMemo(() => controller.segmentFits(), [controller, job.status, job.resultKey, doc]);
  const chartData = useMemo<{ ic: Data[]; entropy: Data[] }>(() => {
    const ok = fits.filter((f) => f.failed === null);
    const x = ok.map((f) => f.k);
    if (ok.some((f) => f.model === 'kmeans')) {
      return { ic: [{ type: 'scatter', mode: 'lines+markers', name: 'Calinski–Harabasz (higher is better)', x, y: ok.map((f) => f.calinskiHarabasz) }], entropy: [{ type: 'scatter', mode: 'lines+markers', name: 'R²', x, y: ok.map((f) => f.rSquared) }] };
    }
    return {
      ic: [
        { type: 'scatter', mode: 'lines+markers', name: 'BIC', x, y: ok.map((f) => f.bic) },
        { type: 'scatter', mode: 'lines+markers', name: 'AIC', x, y: ok.map((f) => f.aic) },
        { type: 'scatter', mode: 'lines+markers', name: 'SABIC', x, y: ok.map((f) => f.sabic) },
      ],
      entropy: [{ type: 'bar', name: 'Relative entropy', x, y: ok.map((f) => f.entropy), marker: { color: '#009E73' } }],
    };
  }, [fits]);

  if (dataset === null) return <p className="muted">Open a survey on the Data step first.</p>;
  const ks: number[] = [];
  for (let k = s.kMin; k <= s.kMax; k++) ks.push(k);
  const numericColumns = dataset.columns.filter((c) => c.values !== null && c.name !== dataset.id && c.name !== doc.codebook.weight);
  const chosen = fits.find((f) => f.k === s.chosenK);

  return (
    <div className="screen">
      <div className="screen-head">
        <div>
          <h1>Segments</h1>
          <p className="lede">Fit segmentations for a range of segment counts, compare them, and keep the one that is both statistically sound and useful.</p>
        </div>
      </div>
      <section className="panel" aria-labelledby="seg-options">
        <h3 id="seg-options">Options</h3>
        <div className="form-grid">
          <fieldset className="field">
            <legend>Basis</legend>
            {SEGMENT_BASES.map((b) => (
              <label key={b} className="inline-check">
                <input type="radio" name="basis" value={b} checked={s.basis === b} onChange={() => set({ basis: b, model: b === 'factor-scores' && s.model === 'lca' ? 'lpa' : s.model })} /> {BASIS_TITLES[b]}
                {b === 'factor-scores' && !efaDone ? <span className="muted small"> (run Factors first)</span> : null}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>Model</span>
            <select className="select" value={s.model} onChange={(e) => set({ model: e.target.value as SegmentChoices['model'] })}>
              {SEGMENT_MODELS.map((m) => (
                <option key={m} value={m} disabled={m === 'lca' && s.basis === 'factor-scores'}>
                  {MODEL_TITLES[m]}
                </option>
              ))}
            </select>
          </label>
          {s.model === 'lca' ? (
            <label className="field">
              <span>Answer categories</span>
              <select className="select" value={s.indicators} onChange={(e) => set({ indicators: e.target.value === 'ordinal' ? 'ordinal' : 'nominal' })}>
                <option value="nominal">Unordered (nominal, as poLCA)</option>
                <option value="ordinal">Ordered (ordinal, adjacent-category)</option>
              </select>
            </label>
          ) : null}
          {s.model === 'lpa' ? (
            <label className="field">
              <span>Covariance structure</span>
              <select className="select" value={s.covariance} onChange={(e) => set({ covariance: e.target.value as SegmentChoices['covariance'] })}>
                {COVARIANCE_MODELS.map((m) => (
                  <option key={m} value={m}>
                    {m}: {COVARIANCE_MODEL_TITLES[m]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="field">
            <span>Fewest segments</span>
            <input className="input" type="number" min={1} max={s.kMax} value={s.kMin} onChange={(e) => set({ kMin: clamp(e.target.value, 1, s.kMax) })} />
          </label>
          <label className="field">
            <span>Most segments</span>
            <input className="input" type="number" min={s.kMin} max={15} value={s.kMax} onChange={(e) => set({ kMax: clamp(e.target.value, s.kMin, 15) })} />
          </label>
          <label className="field">
            <span>Random starts per K</span>
            <input className="input" type="number" min={1} max={500} value={s.starts} onChange={(e) => set({ starts: clamp(e.target.value, 1, 500) })} />
          </label>
          <label className="field">
            <span>Stability resamples</span>
            <input className="input" type="number" min={0} max={200} value={s.stabilityReplicates} disabled={s.model === 'kmeans'} onChange={(e) => set({ stabilityReplicates: clamp(e.target.value, 0, 200) })} />
          </label>
          <label className="field">
            <span>Seed</span>
            <input className="input" type="number" min={0} value={s.seed} onChange={(e) => set({ seed: clamp(e.target.value, 0, 0xffffffff) })} />
          </label>
        </div>
        {s.basis === 'variables' ? (
          <fieldset className="field checklist" aria-label="Variables to segment on">
            <legend>Variables to segment on</legend>
            {numericColumns.map((c) => (
              <label key={c.name} className="inline-check">
                <input type="checkbox" checked={s.variables.includes(c.name)} onChange={(e) => set({ variables: e.target.checked ? [...s.variables, c.name] : s.variables.filter((v) => v !== c.name) })} /> {c.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="toolbar">
          <button type="button" className="btn btn-primary" disabled={job.status === 'running' || (s.basis === 'factor-scores' && !efaDone)} onClick={() => void controller.runSegments()}>
            Run K = {s.kMin}…{s.kMax}
          </button>
          {job.status === 'running' ? (
            <button type="button" className="btn btn-danger" onClick={() => controller.cancel('segment')}>
              Cancel
            </button>
          ) : null}
        </div>
        {job.status === 'running' || job.status === 'cancelled' ? (
          <div className="progress-list" aria-live="polite">
            {ks.map((k) => (
              <ProgressBar key={k} label={`K = ${k}`} progress={job.progress[`K=${k}`]} />
            ))}
          </div>
        ) : null}
        {job.status === 'cancelled' ? <p className="muted">Cancelled. Solutions that finished are kept; run again to complete the range.</p> : null}
        {job.status === 'error' ? <p className="error-text" role="alert">{job.error}</p> : null}
      </section>
      {fits.length > 0 && job.status !== 'running' ? (
        <>
          <section className="panel" aria-labelledby="compare-title">
            <h3 id="compare-title">Model comparison</h3>
            <FitTable fits={fits} chosenK={s.chosenK} onChoose={(k) => set({ chosenK: k })} />
            <p className="muted small">Lower AIC, BIC and SABIC are better; entropy near 1 means clearly separated segments. "LL" is the log-likelihood; "Best LL replicated" counts the random starts that reached the best log-likelihood; stability is the mean adjusted Rand index between the solution and its refits on bootstrap resamples (1 = identical segments).</p>
          </section>
          <div className="chart-row">
            <PlotlyChart title="Information criteria by K" data={chartData.ic} exportName="information-criteria" layout={{ legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1, yanchor: 'top' }, xaxis: { title: { text: 'Segments (K)' }, dtick: 1 } }} />
            <PlotlyChart title={fits.some((f) => f.model === 'kmeans') ? 'R² by K' : 'Entropy by K'} data={chartData.entropy} exportName="entropy" layout={{ xaxis: { title: { text: 'Segments (K)' }, dtick: 1 }, yaxis: { range: [0, 1] }, showlegend: false }} />
          </div>
          {chosen !== undefined ? <Notices notices={chosen.notices} /> : null}
          {chosen !== undefined ? <UnassignedNote fit={chosen} /> : null}
          <div className="next">
            <button type="button" className="btn btn-primary" disabled={s.chosenK === null} onClick={() => void controller.runProfiles().then(() => controller.go('profiles'))}>
              Keep K = {s.chosenK ?? '?'} and profile the segments →
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}

function UnassignedNote({ fit }: { fit: SegmentFit }) {
  let missing = 0;
  for (const a of fit.assignments) if (a < 0) missing++;
  if (missing === 0) return null;
  return (
    <p className="notice notice-warning">
      {missing.toLocaleString('en-US')} of {fit.assignments.length.toLocaleString('en-US')} respondents have no segment: they left a basis variable unanswered
      {fit.model === 'lca' ? '' : ' (factor scores need every item answered)'}. A latent class model on the battery items keeps everyone, using the answers they gave.
    </p>
  );
}

function clamp(text: string, low: number, high: number): number {
  const v = Math.floor(Number(text));
  return Number.isFinite(v) ? Math.max(low, Math.min(high, v)) : low;
}
