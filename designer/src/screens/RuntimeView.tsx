import { useMutation } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, post } from '../api/client';
import { useMe } from '../api/me';
import { reportError as adviceOf } from '../api/reports';
import type { InstanceDetail, InstanceSummary, Page, PlaybookDetail, RuntimeCounts, VersionDetail, VersionSummary } from '../api/types';
import { Pager } from '../components/ListControls';
import { ReadOnlyCanvas } from '../components/ReadOnlyCanvas';
import { useToast } from '../components/Toast';
import { useGet, useInvalidate } from '../hooks/useApi';
import { useSearchDraft } from '../hooks/useSearchDraft';
import { apiQuery, INSTANCE_STATUSES, type RuntimeSearch } from '../routes/search';
import { useEditor } from '../store/editorStore';
import { MigrationWizard } from './MigrationWizard';

const PAGE = 200;
const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '—');
const route = getRouteApi('/p/$id/runtime');

/**
 * A version's canvas with how many accounts wait (or failed) at each step, its instances with journals, cancel / retry,
 * and migration. Version, status, step, search, page and the open instance are in the address
 * (#/p/{id}/runtime?version=2&status=faulted&instance=…, e.g. from an account's active playbooks).
 */
export function RuntimeView({ id, detail }: { id: string; detail: PlaybookDetail | null }) {
  const stepTypes = useEditor((s) => s.stepTypes);
  const toast = useToast((s) => s.show);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const set = (change: Partial<RuntimeSearch>, replace = false) => navigate({ search: (prev) => ({ ...prev, skip: undefined, ...change }), replace });
  const [draft, setDraft] = useSearchDraft(search.q, (q) => set({ q }, true));
  const [migrating, setMigrating] = useState(false);
  const canChange = useMe().me?.can.design ?? false;
  const invalidate = useInvalidate();
  const base = `/api/playbooks/${encodeURIComponent(id)}`;
  const refresh = () => invalidate(base, '/api/instances');

  const list = useGet<VersionSummary[]>(`${base}/versions`);
  const versions = list.data;
  const opened = useGet<InstanceDetail>(search.instance ? `/api/instances/${encodeURIComponent(search.instance)}` : null, { keepPrevious: false });
  const open = opened.data;
  // Without a version in the address: the open instance's, else the first with accounts running or failed, else the latest.
  const busy = versions?.find((x) => (x.instances.running ?? 0) + (x.instances.faulted ?? 0) > 0);
  const version = search.version ?? open?.version ?? busy?.version ?? versions?.[0]?.version ?? null;
  const status = search.status ?? (search.instance ? open?.status as RuntimeSearch['status'] : undefined) ?? 'running';
  const skip = search.skip ?? 0;
  const definition = useGet<VersionDetail>(version === null ? null : `${base}/versions/${version}`).data?.definition ?? null;
  const counts = useGet<RuntimeCounts>(version === null ? null : `${base}/versions/${version}/runtime`).data ?? null;
  const instances = useGet<Page<InstanceSummary>>(version === null ? null
    : `/api/instances?${apiQuery({ playbookId: id, version, status: status === 'any' ? undefined : status, q: search.q, skip, take: PAGE })}`);
  const stepFilter = search.step ?? null;
  const error = list.error ?? instances.error;

  const act = useMutation({
    mutationFn: ({ instanceId, action }: { instanceId: string; action: 'cancel' | 'retry' }) =>
      post<{ status: string }>(`/api/instances/${instanceId}/${action}`, action === 'cancel' ? { reason: 'cancelled in the designer' } : {}),
    onSuccess: (r, { action }) => { toast(action === 'cancel' ? 'Instance cancelled.' : `Retried: ${r.status}.`); void refresh(); },
    onError: (e, { action }) => toast(`${action === 'cancel' ? 'Not cancelled' : 'Not retried'}. ${adviceOf(e)}`, 'error'),
  });
  const onAction = (instanceId: string, action: 'cancel' | 'retry') => {
    if (action === 'cancel' && !window.confirm('Cancel this instance? Every waiting path is removed; this cannot be undone.')) return;
    act.mutate({ instanceId, action });
  };

  if (error) return <p className="error-box" role="alert">{adviceOf(error)}</p>;
  if (!versions) return <p aria-busy="true">Loading…</p>;
  if (versions.length === 0) return <p className="empty-state">Nothing is live yet: publish a version on the Design tab, then accounts can enrol and you will see them here.</p>;

  const shown = instances.data?.items.filter((i) => !stepFilter || i.waitingAt.some((w) => w.stepId === stepFilter) || i.faultedStepId === stepFilter) ?? [];
  return (
    <div className="runtime">
      <section className="runtime-main">
        <div className="toolbar" role="toolbar" aria-label="Runtime tools">
          <label>Version <select value={version ?? ''} onChange={(e) => set({ version: Number(e.target.value), status: search.status, step: undefined, instance: undefined })} data-testid="runtime-version">
            {versions.map((v) => <option key={v.version} value={v.version}>v{v.version} ({Object.entries(v.instances).map(([k, n]) => `${n} ${k}`).join(', ') || 'no instances'})</option>)}
          </select></label>
          <button type="button" onClick={() => void refresh()}>Refresh</button>
          <span className="grow" />
          {canChange && <button type="button" onClick={() => setMigrating(true)} disabled={versions.length < 2} title={versions.length < 2 ? 'Publish another version first' : undefined}>Migrate instances…</button>}
        </div>
        <div className="canvas-wrap">
          {definition && <ReadOnlyCanvas key={`${definition.version}`} definition={definition} runtime={counts} stepTypes={stepTypes} label={`Version ${version} with accounts per step`} onSelect={(step) => set({ step: step ?? undefined }, true)} />}
        </div>
        <p className="hint">{counts && Object.keys(counts.waiting).length + Object.keys(counts.faulted).length === 0 ? 'No account is waiting in this version.' : 'The badges show how many accounts wait (or failed) at each step. Click a step to list only its instances.'}</p>
      </section>
      <aside className="panel instances" aria-label="Instances">
        <h2>Instances {stepFilter && <>at <code>{stepFilter}</code> <button type="button" className="link" onClick={() => set({ step: undefined })}>show all</button></>}</h2>
        <div className="row top filters">
          <label>Status <select value={status} onChange={(e) => set({ status: e.target.value as RuntimeSearch['status'] })} data-testid="runtime-status">
            {INSTANCE_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select></label>
          <label>Account <input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="account id" data-testid="runtime-find" /></label>
        </div>
        {instances.data && instances.data.total > PAGE && (
          <Pager skip={skip} shown={instances.data.items.length} total={instances.data.total} size={PAGE} testId="instance-count" busy={instances.isPlaceholderData} onSkip={(s) => set({ skip: s })} />
        )}
        {instances.data && shown.length === 0 && <p className="empty-state">No {status === 'any' ? '' : status} instances of v{version}{search.q ? ` for “${search.q}”` : ''}{stepFilter ? ` at ${stepFilter}` : ''}.</p>}
        <ul className="instance-list" data-testid="instances">
          {shown.map((i) => (
            <li key={i.id}>
              <button type="button" className={`instance ${open?.id === i.id ? 'active' : ''}`} onClick={() => set({ instance: i.id, skip: search.skip })}>
                <strong>{i.accountId}</strong> <span className={`badge status-${i.status}`}>{i.status}</span>
                <span className="muted">{i.waitingAt.length ? `waiting at ${i.waitingAt.map((w) => w.stepId).join(', ')}` : i.faultedStepId ? `failed at ${i.faultedStepId}` : when(i.updatedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
        {opened.error && <p className="error-box" role="alert">That instance could not be opened. {opened.error instanceof ApiError && opened.error.status === 404 ? 'It no longer exists; pick one from the list.' : adviceOf(opened.error)}</p>}
        {open && <InstancePanel instance={open} canChange={canChange} onAction={onAction} onClose={() => set({ instance: undefined, skip: search.skip })} />}
      </aside>
      {migrating && version !== null && (
        <MigrationWizard id={id} versions={versions} fromVersion={version} latest={detail?.latestVersion ?? versions[0].version}
          onClose={(applied) => { setMigrating(false); if (applied) void refresh(); }} />
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
