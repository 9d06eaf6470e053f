import { Link } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { adviceOf, del } from '../../api/client';
import { forgetLatestForecast, PUBLISH_FORECAST_WEEKS as WEEKS, reusableForecast, useCancelForecast, useForecastJob, useStartForecast } from '../../api/forecast';
import { forecastSummary } from '../../model/forecastSummary';
import { ForecastProgress } from './ForecastProgress';

const STILL = 'You can still publish.';

/**
 * The publish dialog's "what will this version change?": a forecast of the saved draft against the published version
 * over the whole book for 13 weeks (a fresh one is reused), as one sentence. Never in the way of publishing: while it
 * runs, after it failed or was cancelled, publishing stays possible; closing the dialog stops a running forecast.
 */
export function PublishForecast({ id, dirty, hasDraft, draftUpdatedAt, onSave }: {
  id: string; dirty: boolean; hasDraft: boolean; draftUpdatedAt?: string; onSave(): Promise<boolean>;
}) {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartForecast(id);
  const cancel = useCancelForecast();
  const job = useForecastJob(jobId);
  const [saving, setSaving] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (dirty || started.current) return;
    started.current = true;
    const reused = reusableForecast(queryClient, id, draftUpdatedAt, Date.now());
    if (reused) setJobId(reused);
    else start.mutate({ ...(hasDraft ? { version: 'draft' as const } : {}), weeks: WEEKS }, { onSuccess: (j) => setJobId(j.id) });
  }, [dirty, draftUpdatedAt, hasDraft, id, queryClient, start]);

  // Closing the dialog (or publishing) stops a forecast still running: its answer would no longer be read.
  const running = useRef<string | null>(null);
  running.current = job.data?.state === 'running' ? job.data.id : null;
  useEffect(() => () => {
    if (!running.current) return;
    forgetLatestForecast(queryClient, id);
    del(`/api/forecasts/${encodeURIComponent(running.current)}`).catch(() => {});
  }, [id, queryClient]);

  const failure = start.error ?? job.error;
  return (
    <section className="publish-forecast" aria-label="What this version changes" data-testid="publish-forecast">
      <h3>What this version changes</h3>
      {dirty ? (
        <p>
          The forecast runs the saved draft, and the canvas has unsaved changes.{' '}
          <button type="button" disabled={saving} onClick={async () => { setSaving(true); await onSave(); setSaving(false); }} data-testid="publish-save-forecast">
            {saving ? 'Saving…' : 'Save draft and forecast'}
          </button>{' '}{STILL}
        </p>
      ) : failure ? (
        <p className="error-box" role="alert" data-testid="forecast-failed">The forecast could not run: {adviceOf(failure)}. {STILL}</p>
      ) : !job.data ? (
        <p aria-busy="true">Starting the forecast of the next {WEEKS} weeks…</p>
      ) : job.data.state === 'completed' && job.data.result ? (
        <p role="status" data-testid="publish-forecast-summary">
          <strong>{forecastSummary(job.data.result)}</strong>{' '}
          <span className="hint">(all {job.data.result.accounts} accounts, against the published version; <Link to="/p/$id/forecast" params={{ id }}>details</Link>)</span>
        </p>
      ) : (
        <ForecastProgress job={job.data} cancelling={cancel.isPending} onCancel={() => cancel.mutate(job.data!.id)} after={STILL} />
      )}
    </section>
  );
}
