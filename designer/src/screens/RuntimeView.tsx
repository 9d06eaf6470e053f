import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../api/client';
import { useMe } from '../api/me';
import type { InstanceDetail, InstanceSummary, PlaybookDefinition, PlaybookDetail, RuntimeCounts, VersionDetail, VersionSummary } from '../api/types';
import { ReadOnlyCanvas } from '../components/ReadOnlyCanvas';
import { useToast } from '../components/Toast';
import { useEditor } from '../store/editorStore';
import { MigrationWizard } from './MigrationWizard';

const STATUSES = ['running', 'faulted', 'completed', 'cancelled'] as const;
const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '—');

/** A version's canvas with how many accounts wait (or failed) at each step, its instances with journals, cancel / retry, and migration. */
export function RuntimeView({ id, detail, instance }: { id: string; detail: PlaybookDetail | null; instance?: string }) {
  const stepTypes = useEditor((s) => s.stepTypes);
  const toast = useToast((s) => s.show);
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [definition, setDefinition] = useState<PlaybookDefinition | null>(null);
  const [counts, setCounts] = useState<RuntimeCounts | null>(null);
  const [status, setStatus] = useState<string>('running');
  const [stepFilter, setStepFilter] = useState<string | null>(null);
  const [instances, setInstances] = useState<{ total: number; items: InstanceSummary[] } | null>(null);
  const [open, setOpen] = useState<InstanceDetail | null>(null);
  const [migrating, setMigrating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.advice : String(e));
  const canChange = useMe().me?.can.design ?? false;

  useEffect(() => {
    get<VersionSummary[]>(`/api/playbooks/${encodeURIComponent(id)}/versions`).then((v) => {
      setVersions(v);
      const busy = v.find((x) => (x.instances.running ?? 0) + (x.instances.faulted ?? 0) > 0);
      setVersion((cur) => cur ?? busy?.version ?? v[0]?.version ?? null);
    }, fail);
  }, [id, tick]);

  useEffect(() => {
    if (version === null) return;
    const base = `/api/playbooks/${encodeURIComponent(id)}/versions/${version}`;
    get<VersionDetail>(base).then((d) => setDefinition(d.definition), fail);
    get<RuntimeCounts>(`${base}/runtime`).then(setCounts, fail);
  }, [id, version, tick]);

  useEffect(() => {
    if (version === null) return;
    const q = new URLSearchParams({ playbookId: id, version: String(version), take: '200' });
    if (status) q.set('status', status);
    get<{ total: number; items: InstanceSummary[] }>(`/api/instances?${q}`).then(setInstances, fail);
  }, [id, version, status, tick]);

  const openInstance = useCallback(async (instanceId: string) => {
    try { setOpen(await get<InstanceDetail>(`/api/instances/${instanceId}`)); } catch (e) { toast(e instanceof ApiError ? e.advice : String(e), 'error'); }
  }, [toast]);

  // Deep link (#/p/{id}/runtime?instance=…, e.g. from an account's active playbooks): its version, status and detail.
  useEffect(() => {
    if (!instance) return;
    get<InstanceDetail>(`/api/instances/${encodeURIComponent(instance)}`).then((d) => {
      setOpen(d); setVersion(d.version); setStatus(d.status);
    }, (e) => toast(`That instance could not be opened. ${e instanceof ApiError ? (e.status === 404 ? 'It no longer exists; pick one from the list.' : e.advice) : String(e)}`, 'error'));
  }, [instance, toast]);

  const act = async (instanceId: string, action: 'cancel' | 'retry') => {
    if (action === 'cancel' && !window.confirm('Cancel this instance? Every waiting path is removed; this cannot be undone.')) return;
    try {
      const r = await post<{ status: string }>(`/api/instances/${instanceId}/${action}`, action === 'cancel' ? { reason: 'cancelled in the designer' } : {});
      toast(action === 'cancel' ? 'Instance cancelled.' : `Retried: ${r.status}.`);
      setTick((t) => t + 1);
      await openInstance(instanceId);
    } catch (e) { toast(`${action === 'cancel' ? 'Not cancelled' : 'Not retried'}. ${e instanceof ApiError ? e.advice : String(e)}`, 'error'); }
  };

  if (error) return <p className="error-box" role="alert">{error}</p>;
  if (!versions) return <p aria-busy="true">Loading…</p>;
  if (versions.length === 0) return <p className="empty-state">Nothing is live yet: publish a version on the Design tab, then accounts can enrol and you will see them here.</p>;

  const shown = instances?.items.filter((i) => !stepFilter || i.waitingAt.some((w) => w.stepId === stepFilter) || i.faultedStepId === stepFilter) ?? [];
  return (
    <div className="runtime">
      <section className="runtime-main">
        <div className="toolbar" role="toolbar" aria-label="Runtime tools">
          <label>Version <select value={version ?? ''} onChange={(e) => { setVersion(Number(e.target.value)); setOpen(null); setStepFilter(null); }} data-testid="runtime-version">
            {versions.map((v) => <option key={v.version} value={v.version}>v{v.version} ({Object.entries(v.instances).map(([k, n]) => `${n} ${k}`).join(', ') || 'no instances'})</option>)}
          </select></label>
          <button type="button" onClick={() => setTick((t) => t + 1)}>Refresh</button>
          <span className="grow" />
          {canChange && <button type="button" onClick={() => setMigrating(true)} disabled={versions.length < 2} title={versions.length < 2 ? 'Publish another version first' : undefined}>Migrate instances…</button>}
        </div>
        <div className="canvas-wrap">
          {definition && <ReadOnlyCanvas key={`${definition.version}`} definition={definition} runtime={counts} stepTypes={stepTypes} label={`Version ${version} with accounts per step`} onSelect={setStepFilter} />}
        </div>
        <p className="hint">{counts && Object.keys(counts.waiting).length + Object.keys(counts.faulted).length === 0 ? 'No account is waiting in this version.' : 'The badges show how many accounts wait (or failed) at each step. Click a step to list only its instances.'}</p>
      </section>
      <aside className="panel instances" aria-label="Instances">
        <h2>Instances {stepFilter && <>at <code>{stepFilter}</code> <button type="button" className="link" onClick={() => setStepFilter(null)}>show all</button></>}</h2>
        <label>Status <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">any</option>
          {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select></label>
        {instances && shown.length === 0 && <p className="empty-state">No {status || ''} instances of v{version}{stepFilter ? ` at ${stepFilter}` : ''}.</p>}
        <ul className="instance-list" data-testid="instances">
          {shown.map((i) => (
            <li key={i.id}>
              <button type="button" className={`instance ${open?.id === i.id ? 'active' : ''}`} onClick={() => openInstance(i.id)}>
                <strong>{i.accountId}</strong> <span className={`badge status-${i.status}`}>{i.status}</span>
                <span className="muted">{i.waitingAt.length ? `waiting at ${i.waitingAt.map((w) => w.stepId).join(', ')}` : i.faultedStepId ? `failed at ${i.faultedStepId}` : when(i.updatedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
        {instances && instances.total > instances.items.length && <p className="hint">Showing {instances.items.length} of {instances.total}.</p>}
        {open && <InstancePanel instance={open} canChange={canChange} onAction={act} onClose={() => setOpen(null)} />}
      </aside>
      {migrating && version !== null && (
        <MigrationWizard id={id} versions={versions} fromVersion={version} latest={detail?.latestVersion ?? versions[0].version}
          onClose={(applied) => { setMigrating(false); if (applied) setTick((t) => t + 1); }} />
      )}
    </div>
  );
}

function InstancePanel({ instance: i, canChange, onAction, onClose }: { instance: InstanceDetail; canChange: boolean; onAction(id: string, a: 'cancel' | 'retry'): void; onClose(): void }) {
  const openIncidents = i.incidents.filter((x) => !x.resolvedAt).length;
  const failedDeliveries = i.outbox.filter((x) => x.state === 'failed').length;
  return (
    <section className="card instance-detail" aria-label={`Instance for ${i.accountId}`} data-testid="instance-detail">
      <div className="row"><h3>{i.accountId} · v{i.version}</h3><span className="grow" /><button type="button" className="link" onClick={onClose}>Close</button></div>
      <p><span className={`badge status-${i.status}`}>{i.status}</span> started {when(i.createdAt)}{i.finishedAt ? `, finished ${when(i.finishedAt)}` : ''}</p>
      {i.faultMessage && <p className="error">Failed at {i.faultedStepId}: {i.faultMessage}</p>}
      {i.bookmarks.length > 0 && <p>Waiting at {i.bookmarks.map((b) => `${b.stepId}${b.eventName ? ` for ${b.eventName}` : ''}${b.dueAt ? ` until ${when(b.dueAt)}` : ''}`).join('; ')}</p>}
      {canChange && <div className="row">
        <button type="button" onClick={() => onAction(i.id, 'cancel')} disabled={i.status !== 'running' && i.status !== 'faulted'}>Cancel instance</button>
        <button type="button" onClick={() => onAction(i.id, 'retry')} disabled={i.status !== 'faulted' && failedDeliveries === 0}
          title={i.status !== 'faulted' && failedDeliveries === 0 ? 'Only failed instances or failed deliveries can be retried' : undefined}>Retry</button>
      </div>}
      <h4>Journal</h4>
      <ol className="journal" data-testid="journal">
        {i.journal.map((j, k) => <li key={k}><time>{when(j.at)}</time> <span className="badge">{j.kind}</span> {j.stepId && <code>{j.stepId}</code>} {j.summary}</li>)}
      </ol>
      {i.incidents.length > 0 && (<><h4>Incidents ({openIncidents} open)</h4><ul>{i.incidents.map((x) => <li key={x.id} className={x.resolvedAt ? 'muted' : 'error'}>{when(x.at)} {x.kind} {x.stepId}: {x.message}</li>)}</ul></>)}
      {i.outbox.length > 0 && (<><h4>Deliveries</h4><ul>{i.outbox.map((x) => <li key={x.id}>{x.kind} {x.stepId} · {x.state}{x.lastError ? ` (${x.lastError})` : ''}{x.sentAt ? ` sent ${when(x.sentAt)}` : ''}</li>)}</ul></>)}
    </section>
  );
}
