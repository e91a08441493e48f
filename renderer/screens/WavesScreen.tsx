/**
 * Step 8, Waves: open a later survey wave, check its code frame against this one, assign its
 * respondents with the frozen model of the chosen solution (and the typing tool, when built),
 * and compare segment shares wave by wave with the significance of each change.
 */
import type { Data } from 'plotly.js-dist-min';
import { useMemo } from 'react';
import { useApp } from '../app/context';
import { PlotlyChart } from '../charts/PlotlyChart';
import { fmt, int, pct, pValue } from '../components/format';
import { ProgressBar } from '../components/ProgressBar';
import { useAppState } from '../state/store';
import type { WavesResult } from '../workers/waves-job';

function sharesChart(result: WavesResult, colours: readonly string[]): Data[] {
  return result.segments.map((name, s) => ({
    type: 'bar',
    name,
    x: result.waves.map((w) => (w.wave === 'reference' ? 'This survey' : w.wave)),
    y: result.waves.map((w) => (w.shares[s] ?? 0) * 100),
    marker: { color: colours[s % colours.length] ?? '#0072B2' },
    hovertemplate: `${name}: %{y:.1f}%<extra></extra>`,
  }));
}

export function WavesScreen() {
  const { controller } = useApp();
  const doc = useAppState((s) => s.doc);
  const job = useAppState((s) => s.jobs.waves);
  const profile = useAppState(() => controller.currentProfile());
  const result = job.status === 'done' && job.resultKey !== null ? (controller.cache.get<WavesResult>(job.resultKey) ?? null) : null;
  const data = useMemo(() => (result === null ? [] : sharesChart(result, doc.theme.palette)), [result, doc.theme.palette]);
  if (doc.segment.chosenK === null) return <p className="muted">Run a segmentation and keep a solution on the Segments step first.</p>;
  const later = result?.waves[1];
  return (
    <div className="screen">
      <div className="screen-head">
        <div>
          <h1>Waves</h1>
          <p className="lede">Score a later wave of the same survey with the frozen segment model, and see which segments grew or shrank. The wave must use the same questions and answer codes.</p>
        </div>
        <div className="toolbar">
          <button type="button" className="btn btn-primary" disabled={profile === null || job.status === 'running'} onClick={() => void controller.scoreWave()}>
            Open a later wave…
          </button>
          {job.status === 'running' ? (
            <button type="button" className="btn btn-danger" onClick={() => controller.cancel('waves')}>
              Cancel
            </button>
          ) : null}
        </div>
      </div>
      {profile === null ? <p className="muted">Build the profiles first (Profiles or Personas step).</p> : null}
      {job.status === 'running' ? <ProgressBar label="Scoring" progress={job.progress['waves']} /> : null}
      {job.status === 'error' ? (
        <p className="error-text" role="alert">
          {job.error}
        </p>
      ) : null}
      {result !== null && later !== undefined ? (
        <>
          <div className="cards">
            <div className="card card-accent">
              <div className="card-value">{later.wave}</div>
              <div className="card-label">Wave</div>
            </div>
            <div className="card">
              <div className="card-value">{int(result.waveRows)}</div>
              <div className="card-label">Respondents in the wave</div>
            </div>
            <div className="card">
              <div className="card-value">{int(later.counts.reduce((a, b) => a + b, 0))}</div>
              <div className="card-label">Assigned to a segment</div>
            </div>
            {result.typing !== null ? (
              <div className="card">
                <div className="card-value">{pct(result.typing.agreement)}</div>
                <div className="card-label">Typing tool agrees with the model</div>
              </div>
            ) : null}
          </div>
          <div className="chart-row">
            <section className="panel" aria-labelledby="changes-title">
              <h3 id="changes-title">Segment shares, wave by wave</h3>
              <p className="muted">
                {result.weighted
                  ? `Weighted shares; z-tests on the effective sample sizes (${int(Math.round(result.waves[0]!.n))} and ${int(Math.round(later.n))}).`
                  : 'Unweighted shares of the respondents assigned.'}
                {result.notices.map((n) => ` ${n.message}`).join('')}
              </p>
              <table className="table" aria-label="Share changes by segment">
                <thead>
                  <tr>
                    <th>Segment</th>
                    <th className="num">This survey</th>
                    <th className="num">{later.wave}</th>
                    <th className="num">Change</th>
                    <th className="num">z</th>
                    <th className="num">p (Bonferroni)</th>
                  </tr>
                </thead>
                <tbody>
                  {result.changes.map((c) => (
                    <tr key={c.segment}>
                      <th scope="row" className="nowrap">
                        <span className="swatch" style={{ background: doc.theme.palette[c.segment % doc.theme.palette.length] }} aria-hidden="true" />
                        {c.name}
                      </th>
                      <td className="num">{pct(c.from)}</td>
                      <td className="num">{pct(c.to)}</td>
                      <td className={`num${c.significant ? ' strong' : ''}`}>
                        {c.difference >= 0 ? '+' : '−'}
                        {fmt(Math.abs(c.difference) * 100, 1)} pts{c.significant ? ' *' : ''}
                      </td>
                      <td className="num">{fmt(c.z, 2)}</td>
                      <td className="num">{pValue(c.pAdjusted)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">Two-sample z-test for proportions per segment, two-sided, Bonferroni over the {result.segments.length} segments; * = significant at α = .05.</p>
            </section>
            <PlotlyChart title="Segment shares by wave (%)" data={data} exportName="wave-shares" height={300} layout={{ barmode: 'stack', yaxis: { ticksuffix: '%', range: [0, 100] } }} />
          </div>
        </>
      ) : null}
    </div>
  );
}
