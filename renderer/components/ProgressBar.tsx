import type { Progress } from '../../core/jobs/run-steps';

/** A labelled, accessible progress bar for one lane of a running job. */
export function ProgressBar({ label, progress }: { label: string; progress: Progress | undefined }) {
  const total = progress?.total ?? 1;
  const current = progress?.current ?? 0;
  const share = total > 0 ? Math.min(1, current / total) : 0;
  const stage = progress?.stage ?? 'waiting';
  return (
    <div className="progress-row">
      <span className="progress-label">{label}</span>
      <div className="progress-track" role="progressbar" aria-label={`${label} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
        <div className="progress-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <span className="progress-stage">{stage === 'done' || stage === 'cached' ? `✓ ${stage}` : `${stage} ${Math.round(share * 100)}%`}</span>
    </div>
  );
}
