import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adviceOf } from '../../api/client';
import { filterOf, latestForecast, useCancelForecast, useForecastJob, useStartForecast, type ForecastFilter } from '../../api/forecast';
import type { PlaybookDetail } from '../../api/types';
import { useEditor } from '../../store/editorStore';
import { useCsms } from '../CsmSelect';
import { ForecastProgress } from './ForecastProgress';
import { ForecastReport } from './ForecastReport';

const DEFAULT_WEEKS = 13;
const DEFAULT_CAPACITY = 25;

/** The Forecast tab: what the saved draft would do to the book (or a filtered part of it) over N weeks, next to the published version. */
export function ForecastView({ id, detail }: { id: string; detail: PlaybookDetail | null }) {
  const dirty = useEditor((s) => s.dirty);
  const csms = useCsms();
  const [filter, setFilter] = useState<ForecastFilter>({});
  const [weeks, setWeeks] = useState(DEFAULT_WEEKS);
  const [capacity, setCapacity] = useState(DEFAULT_CAPACITY);
  // The last forecast of this playbook (e.g. the publish dialog's) stays on show until another runs.
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(() => latestForecast(queryClient, id)?.jobId ?? null);
  const start = useStartForecast(id);
  const cancel = useCancelForecast();
  const job = useForecastJob(jobId);
  const running = job.data?.state === 'running';
  const error = start.error ?? job.error ?? cancel.error;
  const formError = !Number.isInteger(weeks) || weeks < 1 || weeks > 104 ? 'Weeks: a whole number from 1 to 104'
    : !Number.isInteger(capacity) || capacity < 1 ? 'Capacity: a whole number of tasks, at least 1' : null;

  const run = () => start.mutate(
    { ...(detail?.hasDraft ? { version: 'draft' as const } : {}), weeks, taskCapacityPerWeek: capacity, filter: filterOf(filter) },
    { onSuccess: (j) => setJobId(j.id) },
  );
  const field = (key: keyof ForecastFilter, label: string, hint: string) => (
    <div className="field">
      <label htmlFor={`fc-${key}`}>{label}</label>
      <input id={`fc-${key}`} value={filter[key] ?? ''} placeholder={hint} onChange={(e) => setFilter({ ...filter, [key]: e.target.value })} data-testid={`forecast-${key}`} />
    </div>
  );

  return (
    <div className="forecast">
      <form className="panel forecast-form" aria-label="Forecast settings" onSubmit={(e) => { e.preventDefault(); if (!formError && !running) run(); }}>
        <h2>Forecast</h2>
        <p className="hint">
          Runs {detail?.hasDraft ? 'the saved draft' : `version ${detail?.latestVersion ?? ''} (there is no draft)`} over the stored accounts on a virtual
          clock, next to the published version. Nothing is sent or stored.{dirty ? ' Unsaved changes on the canvas are not included: save the draft first.' : ''}
        </p>
        <fieldset>
          <legend>Accounts (empty: all)</legend>
          {field('tier', 'Tier', 'e.g. KA')}
          {field('stage', 'Stage', 'e.g. onboarding')}
          {field('industry', 'Industry', 'e.g. retail')}
          <div className="field">
            <label htmlFor="fc-csm">CSM</label>
            <select id="fc-csm" value={filter.csmId ?? ''} onChange={(e) => setFilter({ ...filter, csmId: e.target.value })} data-testid="forecast-csm">
              <option value="">any CSM</option>
              {csms.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.id})</option>)}
            </select>
          </div>
          {field('tag', 'Tag', 'e.g. pilot')}
        </fieldset>
        <div className="row">
          <div className="field"><label htmlFor="fc-weeks">Weeks</label>
            <input id="fc-weeks" type="number" min={1} max={104} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} data-testid="forecast-weeks" /></div>
          <div className="field"><label htmlFor="fc-capacity">Tasks a CSM can take per week</label>
            <input id="fc-capacity" type="number" min={1} value={capacity} onChange={(e) => setCapacity(Number(e.target.value))} data-testid="forecast-capacity" /></div>
        </div>
        {formError && <p className="error">{formError}</p>}
        <button type="submit" className="primary" disabled={!!formError || running || start.isPending} data-testid="run-forecast">
          {running || start.isPending ? 'Forecasting…' : 'Run forecast'}
        </button>
      </form>
      <section className="forecast-main" aria-label="Forecast">
        {error && <p className="error-box" role="alert">{adviceOf(error)}</p>}
        {!jobId && !error && <p className="empty-state">Choose the accounts and the number of weeks, then <strong>Run forecast</strong>: emails, tasks and each CSM's load per week, with the draft and with the published version.</p>}
        {job.data && <ForecastProgress job={job.data} cancelling={cancel.isPending} onCancel={() => cancel.mutate(job.data!.id)} after="Run it again when you are ready." />}
        {job.data?.state === 'completed' && job.data.result && <ForecastReport result={job.data.result} csmNames={Object.fromEntries(csms.map((c) => [c.id, c.name]))} />}
      </section>
    </div>
  );
}
