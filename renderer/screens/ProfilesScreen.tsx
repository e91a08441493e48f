/**
 * Step 4, Profiles: who the segments are. Sizes, the index heatmap of the basis (factor scores or
 * items) against the total, and crosstabs of every profile variable with significance letters.
 */
import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { SegmentProfile } from '../../core/profile/profile-types';
import { useApp } from '../app/context';
import { personasFor } from '../app/deliverables';
import { PlotlyChart } from '../charts/PlotlyChart';
import { seriesColour } from '../charts/palette';
import { fmt, int, pct } from '../components/format';
import { CrosstabTable, IndexHeatmap } from '../components/ProfileTables';
import { useAppState } from '../state/store';

/** "Segment A" already carries its letter; a persona name gets it appended. */
export function segmentTitle(s: { name: string; letter: string }): string {
  return s.name.endsWith(` ${s.letter}`) ? s.name : `${s.name} (${s.letter})`;
}

export function ProfilesScreen() {
  const { controller } = useApp();
  const doc = useAppState((s) => s.doc);
  const job = useAppState((s) => s.jobs.profile);
  const dataset = useAppState(() => controller.rawDataset());
  const key = controller.profileKey();
  const built = job.status === 'done' && job.resultKey !== null ? controller.cache.get<SegmentProfile>(job.resultKey) : undefined;
  // Persona names (edited or drafted) name the segments here too, as in the deck.
  const profile = useMemo(() => {
    if (built === undefined) return undefined;
    const names = personasFor(built, doc.personas).map((p) => p.name);
    return { ...built, sizes: built.sizes.map((size, i) => ({ ...size, name: names[i] ?? size.name })) };
  }, [built, doc.personas]);
  const stale = profile !== undefined && job.resultKey !== key;
  const sizeChart = useMemo<Data[]>(
    () =>
      profile === undefined
        ? []
        : [
            {
              type: 'bar',
              orientation: 'h',
              y: profile.sizes.map((s) => segmentTitle(s)),
              x: profile.sizes.map((s) => s.weightedShare * 100),
              text: profile.sizes.map((s) => `${(s.weightedShare * 100).toFixed(1)}%`),
              textposition: 'outside',
              marker: { color: profile.sizes.map((_, i) => seriesColour(i)) },
              hovertemplate: '%{y}: %{x:.1f}%<extra></extra>',
            },
          ],
    [profile],
  );

  if (dataset === null) return <p className="muted">Open a survey on the Data step first.</p>;
  if (doc.segment.chosenK === null) return <p className="muted">Run a segmentation and keep a solution on the Segments step first.</p>;

  const candidates = dataset.columns.filter((c) => !doc.codebook.batteryItems.includes(c.name) && c.name !== dataset.id && c.measurement !== 'text' && c.measurement !== 'id');
  return (
    <div className="screen">
      <div className="screen-head">
        <div>
          <h1>Profiles</h1>
          <p className="lede">The {doc.segment.chosenK}-segment solution: how large each segment is, what it believes, and who is in it.</p>
        </div>
        <div className="toolbar">
          <button type="button" className="btn btn-primary" disabled={job.status === 'running'} onClick={() => void controller.runProfiles()}>
            {profile === undefined ? 'Build profiles' : 'Update profiles'}
          </button>
          <button type="button" className="btn" disabled={profile === undefined || stale} onClick={() => void controller.exportDeck()}>
            Profile deck (PDF)…
          </button>
          <button type="button" className="btn" disabled={profile === undefined} onClick={() => void controller.exportAssignments()}>
            Export assignments (CSV)
          </button>
        </div>
      </div>
      {stale ? <p className="muted">The settings changed since these profiles were built: update them.</p> : null}
      {job.status === 'error' ? <p className="error-text" role="alert">{job.error}</p> : null}
      <details className="panel">
        <summary>Profile variables ({doc.profileVariables.length})</summary>
        <div className="checklist">
          {candidates.map((c) => (
            <label key={c.name} className="inline-check">
              <input type="checkbox" checked={doc.profileVariables.includes(c.name)} onChange={(e) => controller.edit({ profileVariables: e.target.checked ? [...doc.profileVariables, c.name] : doc.profileVariables.filter((v) => v !== c.name) })} /> {c.label || c.name}
            </label>
          ))}
        </div>
      </details>
      {profile !== undefined ? (
        <>
          <div className="chart-row">
            <section className="panel" aria-labelledby="sizes-title">
              <h3 id="sizes-title">Segment sizes</h3>
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th>Segment</th>
                    <th className="num">Respondents</th>
                    <th className="num">Share</th>
                    <th className="num">Weighted share</th>
                  </tr>
                </thead>
                <tbody>
                  {profile.sizes.map((s, i) => (
                    <tr key={s.segment}>
                      <th scope="row">
                        <span className="swatch" style={{ background: seriesColour(i) }} aria-hidden="true" /> {segmentTitle(s)}
                      </th>
                      <td className="num">{int(s.count)}</td>
                      <td className="num">{pct(s.share)}</td>
                      <td className="num">{pct(s.weightedShare)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">
                {int(profile.n)} respondents with a segment{profile.weighted ? '; shares and tables are weighted' : ''}.
              </p>
            </section>
            <PlotlyChart
              title="Segment shares (%)"
              data={sizeChart}
              exportName="segment-sizes"
              height={260}
              layout={{ showlegend: false, margin: { l: 110, r: 24, t: 10, b: 40 }, xaxis: { ticksuffix: '%', range: [0, Math.max(...profile.sizes.map((s) => s.weightedShare * 100)) * 1.25] }, yaxis: { autorange: 'reversed' } }}
            />
          </div>
          {profile.factors !== null ? (
            <section className="panel" aria-labelledby="factor-index-title">
              <h3 id="factor-index-title">Factors: index to the total (100 = average)</h3>
              <IndexHeatmap table={profile.factors} sizes={profile.sizes} rowTitle="Factor" />
              <p className="muted small">Index = 100 + 100 × (segment mean − total mean) / total SD: 150 is half a standard deviation above the average respondent.</p>
            </section>
          ) : null}
          <section className="panel" aria-labelledby="index-title">
            <h3 id="index-title">Attitudes: index to the total (100 = average)</h3>
            <IndexHeatmap table={profile.attitudes} sizes={profile.sizes} label={profile.factors !== null ? 'Attitude items: index to the total by segment' : 'Index to the total by segment'} />
            <p className="muted small">Blue: below the total; orange: above. Letters name the segments a cell is significantly higher than (Welch t, α = .05, Bonferroni).</p>
          </section>
          <section className="panel" aria-labelledby="distinct-title">
            <h3 id="distinct-title">Most distinctive attitudes</h3>
            <div className="persona-grid">
              {profile.sizes.map((s, i) => (
                <div key={s.segment} className="persona" style={{ borderTopColor: seriesColour(i) }}>
                  <div className="persona-name">
                    {s.name} · {pct(s.weightedShare, 0)}
                  </div>
                  <ul>
                    {(profile.distinctive[s.segment] ?? []).map((d) => (
                      <li key={d.name}>
                        <span className={d.direction === 'high' ? 'up' : 'down'}>{d.direction === 'high' ? '▲' : '▼'}</span> {d.label} <span className="muted">({fmt(d.index, 0)})</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          </section>
          <section className="panel" aria-labelledby="crosstab-title">
            <h3 id="crosstab-title">Crosstabs by segment</h3>
            {profile.crosstabs.length === 0 ? <p className="muted">Choose profile variables above.</p> : null}
            {profile.crosstabs.map((t) => (
              <CrosstabTable key={t.variable} table={t} sizes={profile.sizes} />
            ))}
          </section>
        </>
      ) : job.status === 'running' ? (
        <p className="muted">Building profiles…</p>
      ) : null}
    </div>
  );
}
