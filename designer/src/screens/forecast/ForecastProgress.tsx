import type { ForecastJob } from '../../api/forecast';

const count = new Intl.NumberFormat('en-US');

/** A running forecast's progress bar with its Cancel button; a line saying so once it was cancelled or failed. */
export function ForecastProgress({ job, onCancel, cancelling, after }: {
  job: ForecastJob; onCancel(): void; cancelling: boolean;
  /** What the person can do next when the forecast did not complete (e.g. "You can still publish."). */
  after?: string;
}) {
  if (job.state === 'running') {
    const { percent, done, total } = job.progress;
    return (
      <div className="forecast-progress" data-testid="forecast-running">
        <label htmlFor={`progress-${job.id}`}>Forecasting… {percent}%</label>
        <progress id={`progress-${job.id}`} max={100} value={percent} data-testid="forecast-progress" />
        <span className="hint">{total ? `${count.format(done)} of ${count.format(total)} accounts` : 'reading the accounts'}</span>
        <button type="button" onClick={onCancel} disabled={cancelling} data-testid="forecast-cancel">{cancelling ? 'Cancelling…' : 'Cancel forecast'}</button>
      </div>
    );
  }
  if (job.state === 'cancelled') return <p className="notice" role="status" data-testid="forecast-cancelled">Forecast cancelled.{after ? ` ${after}` : ''}</p>;
  if (job.state === 'failed') return <p className="error-box" role="alert" data-testid="forecast-failed">The forecast failed: {job.error ?? 'no reason given'}.{after ? ` ${after}` : ''}</p>;
  return null;
}
