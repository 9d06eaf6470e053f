import { useEffect, useRef, useState } from 'react';
import { ApiError, post } from '../api/client';
import type { MigrationReport, VersionDetail, VersionSummary } from '../api/types';
import { useGet } from '../hooks/useApi';

/** Map the steps of the old version onto the new one, dry run, then apply (only the exact map that was dry-run). */
export function MigrationWizard({ id, versions, fromVersion, latest, onClose }: {
  id: string; versions: VersionSummary[]; fromVersion: number; latest: number; onClose(applied: boolean): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [from, setFrom] = useState(fromVersion);
  const [to, setTo] = useState(latest !== fromVersion ? latest : versions.find((v) => v.version !== fromVersion)?.version ?? latest);
  const [map, setMap] = useState<Record<string, string>>({});
  const [report, setReport] = useState<MigrationReport | null>(null);
  const [checkedMap, setCheckedMap] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState(false);

  useEffect(() => { ref.current?.showModal(); }, []);
  // The same cache as the runtime view's canvas: the version shown there is not fetched again.
  const versionPath = (v: number) => `/api/playbooks/${encodeURIComponent(id)}/versions/${v}`;
  const oldDefinition = useGet<VersionDetail>(versionPath(from), { keepPrevious: false }).data?.definition;
  const newDefinition = useGet<VersionDetail>(versionPath(to), { keepPrevious: false }).data?.definition;
  const oldSteps = oldDefinition?.steps ?? [];
  const newSteps = newDefinition?.steps ?? [];
  useEffect(() => {
    // Default: a step keeps its id when the new version still has it.
    const ids = new Set(newSteps.map((s) => s.id));
    setMap(Object.fromEntries(oldSteps.filter((s) => ids.has(s.id)).map((s) => [s.id, s.id])));
    setReport(null); setCheckedMap(null);
  }, [oldDefinition, newDefinition]); // eslint-disable-line react-hooks/exhaustive-deps

  const key = JSON.stringify({ from, to, map });
  const run = async (dryRun: boolean) => {
    setBusy(true); setError(null);
    try {
      const r = await post<MigrationReport>(`/api/playbooks/${encodeURIComponent(id)}/migrations`, { fromVersion: from, toVersion: to, stepMap: map, dryRun });
      setReport(r);
      if (dryRun) setCheckedMap(key); else { setApplied(true); setCheckedMap(null); }
    } catch (e) {
      setError(e instanceof ApiError ? (e.problems.length ? e.problems.map((p) => `${p.field}: ${p.message}`).join('; ') : e.advice) : String(e));
    } finally { setBusy(false); }
  };
  const close = () => { ref.current?.close(); onClose(applied); };

  return (
    <dialog ref={ref} className="dialog wide" aria-labelledby="migrate-title" onCancel={(e) => { e.preventDefault(); close(); }}>
      <h2 id="migrate-title">Migrate running instances</h2>
      <p>Instances keep their position: each waiting step is mapped to a step of the new version. Done steps never run again. Start with a dry run.</p>
      <div className="row">
        <label>From <select value={from} onChange={(e) => setFrom(Number(e.target.value))} aria-label="From version">{versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}</select></label>
        <label>To <select value={to} onChange={(e) => setTo(Number(e.target.value))} aria-label="To version">{versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}</select></label>
      </div>
      {from === to ? <p className="error">Choose two different versions.</p> : (
        <table className="table">
          <thead><tr><th scope="col">Step in v{from}</th><th scope="col">becomes in v{to}</th></tr></thead>
          <tbody>
            {oldSteps.map((s) => (
              <tr key={s.id}>
                <td><code>{s.id}</code> <span className="muted">{s.type}</span></td>
                <td>
                  <select aria-label={`Map ${s.id} to`} value={map[s.id] ?? ''} onChange={(e) => {
                    const next = { ...map };
                    if (e.target.value) next[s.id] = e.target.value; else delete next[s.id];
                    setMap(next);
                  }}>
                    <option value="">(not mapped)</option>
                    {newSteps.map((n) => <option key={n.id} value={n.id}>{n.id} ({n.type})</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <p className="error-box" role="alert">{error}</p>}
      {report && (
        <section aria-label="Migration report" data-testid="migration-report">
          <h3>{report.dryRun ? 'Dry run' : 'Applied'}: {report.migratable} can move, {report.blocked} blocked{report.dryRun ? '' : `, ${report.applied} moved`}</h3>
          {report.instances.length === 0 ? <p className="empty-state">No running instances of v{report.fromVersion}.</p> : (
            <ul>
              {report.instances.map((i) => (
                <li key={i.instanceId} className={i.canMigrate ? '' : 'error'}>
                  <strong>{i.accountId}</strong>: {i.canMigrate ? i.positions.map((p) => `${p.fromStepId} → ${p.toStepId}`).join(', ') || 'no waiting position' : i.reason}
                  {i.applied && ' ✓ moved'}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <div className="row end">
        <button type="button" onClick={close}>{applied ? 'Done' : 'Close'}</button>
        <button type="button" onClick={() => run(true)} disabled={busy || from === to}>Dry run</button>
        <button type="button" className="primary" onClick={() => run(false)} disabled={busy || checkedMap !== key || !report || report.migratable === 0}
          title={checkedMap !== key ? 'Run a dry run of this exact mapping first' : undefined}>Apply migration</button>
      </div>
    </dialog>
  );
}
