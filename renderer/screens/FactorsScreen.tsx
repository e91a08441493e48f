/**
 * Step 2, Factors: sampling adequacy (KMO, Bartlett), the scree with the parallel-analysis line
 * and the MAP suggestion, the options (number of factors, extraction, rotation… from
 * core/factor/options so the form and the validator agree), the loadings heatmap, factor names
 * and reliability. Results are cached by their settings: switching back to an earlier rotation is
 * instant.
 */
import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import { EFA_OPTION_SCHEMA } from '../../core/factor/options';
import { useApp } from '../app/context';
import { PlotlyChart } from '../charts/PlotlyChart';
import { fmt, pct, pValue } from '../components/format';
import { LoadingsTable } from '../components/LoadingsTable';
import { Notices } from '../components/Notices';
import { ProgressBar } from '../components/ProgressBar';
import type { FactorChoices } from '../state/app-reducer';
import { useAppState } from '../state/store';
import type { EfaView } from '../workers/efa-job';

function kmoWord(kmo: number): string {
  return kmo >= 0.9 ? 'marvellous' : kmo >= 0.8 ? 'meritorious' : kmo >= 0.7 ? 'middling' : kmo >= 0.6 ? 'mediocre' : kmo >= 0.5 ? 'miserable' : 'unacceptable';
}

export function FactorsScreen() {
  const { controller } = useApp();
  const doc = useAppState((s) => s.doc);
  const job = useAppState((s) => s.jobs.efa);
  const survey = useAppState((s) => s.survey);
  const view = job.status === 'done' && job.resultKey !== null ? controller.cache.get<EfaView>(job.resultKey) : undefined;
  const f = doc.factor;
  const set = (patch: Partial<FactorChoices>) => controller.edit({ factor: { ...f, ...patch } });

  const scree = useMemo<Data[]>(() => {
    if (view === undefined) return [];
    const x = view.eigenvalues.map((_, i) => i + 1);
    return [
      { type: 'scatter', mode: 'lines+markers', name: 'Observed eigenvalues', x, y: view.eigenvalues, line: { color: '#0072B2', width: 2 }, marker: { size: 7 } },
      { type: 'scatter', mode: 'lines', name: 'Parallel analysis (95th percentile of random data)', x, y: view.parallel, line: { color: '#D55E00', width: 2, dash: 'dash' } },
    ];
  }, [view]);

  if (survey === null) return <p className="muted">Open a survey on the Data step first.</p>;
  const stale = view !== undefined && job.resultKey !== controller.efaKey();
  return (
    <div className="screen">
      <div className="screen-head">
        <div>
          <h1>Factors</h1>
          <p className="lede">Exploratory factor analysis of the {doc.codebook.batteryItems.length} battery items finds the attitude dimensions behind the answers.</p>
        </div>
      </div>
      <section className="panel" aria-labelledby="efa-options">
        <h3 id="efa-options">Options</h3>
        <div className="form-grid">
          {EFA_OPTION_SCHEMA.map((spec) =>
            spec.kind === 'integer-or-auto' ? (
              <label key={spec.name} className="field">
                <span>{spec.title}</span>
                <select className="select" value={String(f.nFactors)} onChange={(e) => set({ nFactors: e.target.value === 'auto' ? 'auto' : Number(e.target.value) })}>
                  <option value="auto">Suggested (parallel analysis)</option>
                  {Array.from({ length: Math.max(1, Math.min(12, doc.codebook.batteryItems.length - 1)) }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <label key={spec.name} className="field">
                <span>{spec.title}</span>
                <select className="select" value={String(f[spec.name])} onChange={(e) => set({ [spec.name]: e.target.value } as Partial<FactorChoices>)}>
                  {spec.choices.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
            ),
          )}
          <label className="field">
            <span>Seed</span>
            <input className="input" type="number" value={f.seed} min={0} onChange={(e) => set({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
          </label>
        </div>
        <div className="toolbar">
          <button type="button" className="btn btn-primary" disabled={job.status === 'running' || doc.codebook.batteryItems.length < 3} onClick={() => void controller.runFactors()}>
            Run factor analysis
          </button>
          {job.status === 'running' ? (
            <>
              <ProgressBar label="Factor analysis" progress={job.progress['efa']} />
              <button type="button" className="btn" onClick={() => controller.cancel('efa')}>
                Cancel
              </button>
            </>
          ) : null}
          {stale ? <span className="muted">Settings changed: run again to update.</span> : null}
        </div>
        {job.status === 'error' ? <p className="error-text" role="alert">{job.error}</p> : null}
        {job.status === 'cancelled' ? <p className="muted">Cancelled.</p> : null}
      </section>
      {view !== undefined ? <EfaResultView view={view} scree={scree} names={f.names} onNames={(names) => set({ names })} /> : null}
      {view !== undefined ? (
        <div className="next">
          <button type="button" className="btn btn-primary" onClick={() => controller.go('segments')}>
            Next: segmentation →
          </button>
        </div>
      ) : null}
    </div>
  );
}

function PlotlyChartHolder({ scree, view }: { scree: Data[]; view: EfaView }) {
  return (
    <section className="panel">
      <PlotlyChart
        title="Scree plot with parallel analysis"
        data={scree}
        exportName="scree"
        layout={{ legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1, yanchor: 'top' }, xaxis: { title: { text: 'Factor number' }, dtick: 1 }, yaxis: { title: { text: 'Eigenvalue' } }, shapes: [{ type: 'line', x0: view.suggestions.suggested + 0.5, x1: view.suggestions.suggested + 0.5, yref: 'paper', y0: 0, y1: 1, line: { color: '#999', dash: 'dot' } }] }}
      />
    </section>
  );
}

function EfaResultView({ view, scree, names, onNames }: { view: EfaView; scree: Data[]; names: string[]; onNames(names: string[]): void }) {
  const factorNames = Array.from({ length: view.nFactors }, (_, i) => names[i] ?? `Factor ${i + 1}`);
  return (
    <>
      <div className="cards">
        <div className="card">
          <div className="card-value">{fmt(view.kmo, 3)}</div>
          <div className="card-label">KMO sampling adequacy ({kmoWord(view.kmo)})</div>
        </div>
        <div className="card">
          <div className="card-value">{pValue(view.bartlett.p)}</div>
          <div className="card-label">
            Bartlett χ²({view.bartlett.df}) = {fmt(view.bartlett.chiSquare, 1)}
          </div>
        </div>
        <div className="card card-accent">
          <div className="card-value">{view.nFactors}</div>
          <div className="card-label">
            Factors (parallel analysis suggests {view.suggestions.parallel}, MAP {view.suggestions.map})
          </div>
        </div>
        <div className="card">
          <div className="card-value">{pct(view.varianceExplained.reduce((a, b) => a + b, 0))}</div>
          <div className="card-label">Variance explained</div>
        </div>
      </div>
      <Notices notices={view.notices} />
      <PlotlyChartHolder scree={scree} view={view} />
      <section className="panel" aria-labelledby="names-title">
        <h3 id="names-title">Name the factors</h3>
        <div className="form-grid">
          {factorNames.map((name, i) => (
            <label key={i} className="field">
              <span>
                Factor {i + 1} · {pct(view.varianceExplained[i])} · α {fmt(view.reliability.find((r) => r.factor === i)?.alpha ?? null, 2)}
              </span>
              <input className="input" value={name} aria-label={`Name of factor ${i + 1}`} onChange={(e) => onNames(factorNames.map((n, j) => (j === i ? e.target.value : n)))} />
            </label>
          ))}
        </div>
      </section>
      <section className="panel" aria-labelledby="loadings-title">
        <h3 id="loadings-title">
          Loadings ({view.method}, {view.rotation})
        </h3>
        <LoadingsTable items={view.items} itemLabels={view.itemLabels} factorNames={factorNames} loadings={view.loadings} communalities={view.communalities} />
      </section>
      <section className="panel" aria-labelledby="reliability-title">
        <h3 id="reliability-title">Reliability per factor</h3>
        <table className="table table-compact">
          <thead>
            <tr>
              <th>Factor</th>
              <th className="num">Items</th>
              <th className="num">Cronbach's α</th>
              <th className="num">McDonald's ω</th>
              <th>Items (R = reverse-keyed)</th>
            </tr>
          </thead>
          <tbody>
            {factorNames.map((name, i) => {
              const r = view.reliability.find((x) => x.factor === i);
              return (
                <tr key={i}>
                  <td>{name}</td>
                  <td className="num">{r?.items.length ?? '—'}</td>
                  <td className="num">{fmt(r?.alpha ?? null, 2)}</td>
                  <td className="num">{fmt(r?.omega ?? null, 2)}</td>
                  <td className="small mono">{r?.items.join(', ') ?? 'not computed'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
