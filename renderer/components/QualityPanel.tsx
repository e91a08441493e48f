/**
 * The quality screen: straight-liners, speeders, too many missing answers and duplicate ids, as
 * flagged by core/data/quality. Nobody is dropped silently: one click excludes the flagged
 * respondents (or a single one), and each exclusion is recorded in the project with its reason.
 */
import type { Data } from 'plotly.js-dist-min';
import type { Exclusion } from '../../core/project/project';
import { PlotlyChart } from '../charts/PlotlyChart';
import type { QualityResultView } from '../workers/data-jobs';
import { int } from './format';

const REASON_TITLES: Record<string, string> = {
  'straight-line': 'Straight-liners',
  missing: 'Too many missing answers',
  speeder: 'Speeders',
  'duplicate-id': 'Duplicate ids',
};

export type QualityPanelProps = {
  report: QualityResultView;
  exclusions: readonly Exclusion[];
  onExclusions(exclusions: Exclusion[]): void;
};

export function QualityPanel({ report, exclusions, onExclusions }: QualityPanelProps) {
  const excluded = new Set(exclusions.map((e) => e.row));
  const pendingFlags = report.flagged.filter((f) => !excluded.has(f.row));

  function exclude(flags: typeof report.flagged): void {
    const added = flags.filter((f) => !excluded.has(f.row)).map((f) => ({ row: f.row, id: f.id, reason: f.reasons.join(', ') }));
    onExclusions([...exclusions, ...added].sort((a, b) => a.row - b.row));
  }

  return (
    <section className="panel" aria-labelledby="quality-title">
      <h3 id="quality-title">Quality screen</h3>
      <div className="cards">
        {Object.keys(REASON_TITLES).map((reason) => (
          <div key={reason} className="card">
            <div className="card-value">{int(report.counts[reason] ?? 0)}</div>
            <div className="card-label">{REASON_TITLES[reason]}</div>
          </div>
        ))}
        <div className="card card-accent">
          <div className="card-value">{int(report.counts['flagged'] ?? report.flagged.length)}</div>
          <div className="card-label">Respondents flagged of {int(report.rows)}</div>
        </div>
        <div className="card">
          <div className="card-value">{int(exclusions.length)}</div>
          <div className="card-label">Excluded from analysis</div>
        </div>
      </div>
      <p className="muted small">
        Straight-lining: the same answer across the whole battery. Speeders: interview shorter than {Math.round(report.settings.speederShare * 100)}% of the median
        {report.medianDuration !== null ? ` (${int(report.medianDuration)} in '${report.durationColumn ?? ''}')` : ' (no duration column found)'}. Missing: more than {Math.round(report.settings.maxMissingShare * 100)}% of the battery unanswered.
      </p>
      <MissingCharts missing={report.missing} rows={report.rows} />
      <div className="toolbar">
        <button type="button" className="btn btn-primary" disabled={pendingFlags.length === 0} onClick={() => exclude(report.flagged)}>
          {pendingFlags.length === 0 && report.flagged.length > 0 ? 'All flagged respondents are excluded' : `Exclude all ${pendingFlags.length} flagged respondents`}
        </button>
        <button type="button" className="btn" disabled={exclusions.length === 0} onClick={() => onExclusions([])}>
          Include everyone again
        </button>
      </div>
      {report.flagged.length > 0 ? (
        <div className="table-scroll table-scroll-short">
          <table className="table">
            <thead>
              <tr>
                <th className="num">Row</th>
                <th>Id</th>
                <th>Reasons</th>
                <th>Details</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {report.flagged.slice(0, 500).map((f) => (
                <tr key={f.row}>
                  <td className="num">{f.row + 1}</td>
                  <td className="mono">{f.id ?? '—'}</td>
                  <td>{f.reasons.map((r) => REASON_TITLES[r] ?? r).join(', ')}</td>
                  <td className="small">{f.details.join('; ')}</td>
                  <td>
                    {excluded.has(f.row) ? (
                      <button type="button" className="btn btn-small" onClick={() => onExclusions(exclusions.filter((e) => e.row !== f.row))}>
                        Include
                      </button>
                    ) : (
                      <button type="button" className="btn btn-small" onClick={() => exclude([f])}>
                        Exclude
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No respondent was flagged.</p>
      )}
    </section>
  );
}

/** Missing-answer patterns: which items go unanswered, and how many items respondents skip. */
function MissingCharts({ missing, rows }: { missing: QualityResultView['missing']; rows: number }) {
  let last = 0;
  missing.respondentsByCount.forEach((n, i) => {
    if (n > 0) last = i;
  });
  const perItem: Data[] = [{ type: 'bar', x: missing.perItem.map((m) => m.item), y: missing.perItem.map((m) => (100 * m.count) / Math.max(1, rows)), marker: { color: '#56B4E9' }, hovertemplate: '%{x}: %{y:.1f}% missing<extra></extra>' }];
  const byCount: Data[] = [{ type: 'bar', x: missing.respondentsByCount.slice(0, last + 1).map((_, i) => String(i)), y: missing.respondentsByCount.slice(0, last + 1), marker: { color: '#0072B2' }, hovertemplate: '%{y} respondents skipped %{x} items<extra></extra>' }];
  return (
    <div className="chart-row">
      <PlotlyChart title="Missing answers per battery item (%)" data={perItem} exportName="missing-per-item" height={220} layout={{ showlegend: false, margin: { l: 44, r: 10, t: 10, b: 40 }, yaxis: { ticksuffix: '%', rangemode: 'tozero' } }} />
      <PlotlyChart title="Respondents by number of items left unanswered" data={byCount} exportName="missing-per-respondent" height={220} layout={{ showlegend: false, margin: { l: 50, r: 10, t: 10, b: 40 }, xaxis: { title: { text: 'Items unanswered' }, type: 'category' } }} />
    </div>
  );
}
