/**
 * Step 7, Typing tool: a short question set that assigns a new respondent to a segment, built in
 * the worker by core/typing (greedy forward selection over the battery items, multinomial
 * logistic regression and LDA, stratified seeded holdout). Shows the accuracy by number of
 * questions, the holdout confusion matrix, and exports the standalone offline HTML questionnaire
 * and the scoring weights as JSON.
 */
import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import { TYPING_METHODS, type TypingTool } from '../../core/typing/typing-types';
import { useApp } from '../app/context';
import { personasFor } from '../app/deliverables';
import { PlotlyChart } from '../charts/PlotlyChart';
import { fmt, int, pct } from '../components/format';
import { ProgressBar } from '../components/ProgressBar';
import { useAppState } from '../state/store';

const METHOD_NAMES = { mlr: 'Multinomial logistic regression', lda: 'Linear discriminant analysis' } as const;

function curveData(tool: TypingTool): Data[] {
  const x = tool.curve.map((c) => c.size);
  return [
    { type: 'scatter', mode: 'lines+markers', name: 'Holdout, logistic regression', x, y: tool.curve.map((c) => c.holdout.mlr * 100), hovertemplate: '%{x} questions: %{y:.1f}%<extra></extra>' },
    { type: 'scatter', mode: 'lines+markers', name: 'Holdout, LDA', x, y: tool.curve.map((c) => c.holdout.lda * 100), hovertemplate: '%{x} questions: %{y:.1f}%<extra></extra>' },
    { type: 'scatter', mode: 'lines', name: 'Cross-validated (selection)', x, y: tool.curve.map((c) => c.cvAccuracy * 100), line: { dash: 'dot' }, hovertemplate: '%{x} questions: %{y:.1f}%<extra></extra>' },
    { type: 'scatter', mode: 'lines', name: 'Target', x: [x[0] ?? 1, x[x.length - 1] ?? 1], y: [tool.targetAccuracy * 100, tool.targetAccuracy * 100], line: { dash: 'dash', color: '#888888', width: 1 }, hoverinfo: 'skip' },
  ];
}

export function TypingScreen() {
  const { controller } = useApp();
  const doc = useAppState((s) => s.doc);
  const job = useAppState((s) => s.jobs.typing);
  const profile = useAppState(() => controller.currentProfile());
  const tool = useAppState(() => controller.currentTyping());
  const data = useMemo(() => (tool === null ? [] : curveData(tool)), [tool]);
  const t = doc.typing;
  if (doc.segment.chosenK === null) return <p className="muted">Run a segmentation and keep a solution on the Segments step first.</p>;
  const names = profile === null ? [] : personasFor(profile, doc.personas).map((p) => p.name);
  const letters = profile?.sizes.map((s) => s.letter) ?? [];
  const set = (patch: Partial<typeof t>): void => controller.edit({ typing: { ...t, ...patch } });
  return (
    <div className="screen">
      <div className="screen-head">
        <div>
          <h1>Typing tool</h1>
          <p className="lede">The fewest battery questions that assign a new respondent to a segment with the accuracy you need, for screeners, CRM and later surveys.</p>
        </div>
      </div>
      <section className="panel">
        <div className="form-grid">
          <label className="field">
            Target accuracy (%)
            <input className="input" type="number" min={50} max={99} step={1} value={Math.round(t.targetAccuracy * 100)} onChange={(e) => set({ targetAccuracy: Math.min(0.99, Math.max(0.5, Number(e.target.value) / 100)) })} />
          </label>
          <label className="field">
            Most questions
            <input className="input" type="number" min={1} max={Math.max(1, doc.codebook.batteryItems.length)} step={1} value={t.maxItems} onChange={(e) => set({ maxItems: Math.max(1, Math.round(Number(e.target.value)) || 1) })} />
          </label>
          <label className="field">
            Scoring method
            <select className="select" value={t.method} onChange={(e) => set({ method: e.target.value as (typeof TYPING_METHODS)[number] })}>
              {TYPING_METHODS.map((m) => (
                <option key={m} value={m}>
                  {METHOD_NAMES[m]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Seed
            <input className="input" type="number" value={t.seed} onChange={(e) => set({ seed: Math.trunc(Number(e.target.value)) || 0 })} />
          </label>
        </div>
        <div className="toolbar">
          <button type="button" className="btn btn-primary" disabled={profile === null || job.status === 'running'} onClick={() => void controller.runTyping()}>
            Build typing tool
          </button>
          {job.status === 'running' ? (
            <button type="button" className="btn btn-danger" onClick={() => controller.cancel('typing')}>
              Cancel
            </button>
          ) : null}
          <button type="button" className="btn" disabled={tool === null} onClick={() => void controller.exportTyping('html')}>
            Export questionnaire (HTML)
          </button>
          <button type="button" className="btn" disabled={tool === null} onClick={() => void controller.exportTyping('json')}>
            Export weights (JSON)
          </button>
        </div>
        {profile === null ? <p className="muted small">Build the profiles first (Profiles or Personas step).</p> : null}
        {job.status === 'running' ? <ProgressBar label="Selection" progress={job.progress['typing']} /> : null}
        {job.status === 'error' || job.status === 'cancelled' ? <p className={job.status === 'error' ? 'error-text' : 'muted'} role="alert">{job.status === 'cancelled' ? 'Cancelled.' : job.error}</p> : null}
      </section>
      {tool !== null ? (
        <>
          <div className="cards">
            <div className="card card-accent">
              <div className="card-value">{tool.items.length}</div>
              <div className="card-label">Questions</div>
            </div>
            <div className="card">
              <div className="card-value">{pct(tool.holdout.accuracy)}</div>
              <div className="card-label">Holdout accuracy</div>
            </div>
            <div className="card">
              <div className="card-value">{fmt(tool.holdout.kappa, 2)}</div>
              <div className="card-label">Cohen’s kappa</div>
            </div>
            <div className="card">
              <div className="card-value">{int(tool.holdout.n)}</div>
              <div className="card-label">Holdout respondents</div>
            </div>
          </div>
          {!tool.reachedTarget ? <p className="warn-text">The target of {pct(tool.targetAccuracy, 0)} was not reached with {t.maxItems} questions; the tool uses the best set found.</p> : null}
          <div className="chart-row">
            <PlotlyChart title="Accuracy (%) by number of questions" data={data} exportName="typing-accuracy" height={300} layout={{ xaxis: { dtick: 1 }, yaxis: { ticksuffix: '%', rangemode: 'tozero' } }} />
            <section className="panel" aria-labelledby="confusion-title">
              <h3 id="confusion-title">Holdout confusion matrix ({METHOD_NAMES[tool.method].toLowerCase()})</h3>
              <table className="table table-compact" aria-label="Confusion matrix">
                <thead>
                  <tr>
                    <th>True \ assigned</th>
                    {tool.segments.map((s) => (
                      <th key={s.index} className="num">
                        {letters[s.index] ?? s.index + 1}
                      </th>
                    ))}
                    <th className="num">Recall</th>
                  </tr>
                </thead>
                <tbody>
                  {tool.holdout.counts.map((row, i) => (
                    <tr key={i}>
                      <th scope="row">
                        {letters[i]}: {names[i] ?? tool.segments[i]?.name}
                      </th>
                      {row.map((count, j) => (
                        <td key={j} className={`num${i === j ? ' strong' : ''}`}>
                          {int(count)}
                        </td>
                      ))}
                      <td className="num">{pct(tool.holdout.recall[i])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h4>Questions, in order of selection</h4>
              <ol className="typing-items">
                {tool.items.map((item) => (
                  <li key={item.name}>
                    {item.label} <span className="muted mono">{item.name !== item.label ? item.name : ''}</span>
                  </li>
                ))}
              </ol>
            </section>
          </div>
        </>
      ) : null}
    </div>
  );
}
