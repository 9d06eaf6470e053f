import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adviceOf } from '../api/client';
import { crmKeys, getSyncRun, isActive, listSyncRuns, startSync, type CrmSyncRun } from '../api/crm';
import { when } from '../model/success';

const POLL_MS = 1000;

/** CRM sync for ops: the last runs with their counts, one run's skipped records with reasons, and "Sync now" with progress. */
export function CrmSyncScreen() {
  const client = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const runs = useQuery({
    queryKey: crmKeys.runs,
    queryFn: () => listSyncRuns(),
    refetchInterval: (query) => (query.state.data?.items.some(isActive) ? POLL_MS : false),
  });
  const shown = selected ?? runs.data?.items[0]?.id ?? null;
  const report = useQuery({
    queryKey: crmKeys.run(shown ?? ''),
    queryFn: () => getSyncRun(shown!),
    enabled: shown !== null,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? POLL_MS : false),
  });
  const sync = useMutation({
    mutationFn: () => startSync(),
    onSuccess: (run) => {
      setSelected(run.id);
      void client.invalidateQueries({ queryKey: crmKeys.runs });
    },
  });
  // When the shown run finishes, the list's counts follow.
  const finished = report.data && !isActive(report.data);
  useEffect(() => { if (finished) void client.invalidateQueries({ queryKey: crmKeys.runs }); }, [finished, client]);

  const active = runs.data?.items.find(isActive);
  return (
    <main className="screen crm-sync">
      <h1>CRM sync</h1>
      <p className="muted">Companies, contacts and closed-won deals from HubSpot become accounts, contacts and contracts (docs/crm.md).</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => sync.mutate()} disabled={sync.isPending || !!active} data-testid="crm-sync-now">
          {active ? 'Syncing…' : 'Sync now'}
        </button>
        {active && <span role="status" aria-live="polite" data-testid="crm-progress">{progressText(active)}</span>}
      </div>
      {sync.error && <p className="error-box" role="alert">{adviceOf(sync.error)}</p>}
      {runs.error && <p className="error-box" role="alert">{adviceOf(runs.error)}</p>}
      {runs.isPending && <p aria-busy="true">Loading…</p>}
      {runs.data && runs.data.items.length === 0 && (
        <div className="empty-state" data-testid="crm-empty"><p>No sync has run yet. Press "Sync now", or set a schedule (Crm:HubSpot:Schedule).</p></div>
      )}
      {runs.data && runs.data.items.length > 0 && (
        <table className="table" data-testid="crm-runs">
          <caption className="sr-only">Last sync runs</caption>
          <thead>
            <tr><th scope="col">Requested</th><th scope="col">By</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col">Updated</th><th scope="col">Unchanged</th><th scope="col">Skipped</th></tr>
          </thead>
          <tbody>
            {runs.data.items.map((run) => (
              <tr key={run.id} className={run.id === shown ? 'active' : undefined} data-testid={`crm-run-${run.id}`}>
                <td><button type="button" className="link" onClick={() => setSelected(run.id)} aria-current={run.id === shown ? 'true' : undefined}>{when(run.requestedAt)}</button></td>
                <td>{run.requestedBy}</td>
                <td><span className={`badge crm-${run.status}`}>{run.status}</span></td>
                <td data-testid="crm-created">{run.created}</td>
                <td>{run.updated}</td>
                <td>{run.unchanged}</td>
                <td>{run.skipped}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.data && (
        <section className="crm-report" aria-labelledby="crm-report-title" data-testid="crm-report">
          <h2 id="crm-report-title">Run of {when(report.data.requestedAt)}: {report.data.status}</h2>
          {report.data.error && <p className="error-box" role="alert" data-testid="crm-error">{report.data.error}</p>}
          <p>{report.data.pages} page{report.data.pages === 1 ? '' : 's'} read; finished {when(report.data.finishedAt)}.</p>
          {report.data.skippedRecords.length === 0
            ? <p className="muted">No records were skipped.</p>
            : (
              <table className="table" data-testid="crm-skipped">
                <caption>Skipped records</caption>
                <thead><tr><th scope="col">Type</th><th scope="col">HubSpot id</th><th scope="col">Reason</th></tr></thead>
                <tbody>
                  {report.data.skippedRecords.map((s) => <tr key={`${s.type}:${s.id}`}><td>{s.type}</td><td>{s.id}</td><td>{s.reason}</td></tr>)}
                </tbody>
              </table>
            )}
        </section>
      )}
    </main>
  );
}

function progressText(run: CrmSyncRun): string {
  if (run.status === 'queued') return 'Waiting to start…';
  const done = run.created + run.updated + run.unchanged + run.skipped;
  return `${run.pages} page${run.pages === 1 ? '' : 's'}, ${done} record${done === 1 ? '' : 's'} so far`;
}
