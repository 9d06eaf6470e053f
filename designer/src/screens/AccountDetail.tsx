import { useEffect, useState } from 'react';
import { ApiError, get } from '../api/client';
import type { Account, AccountTimelineEntry, HealthResponse, InstanceSummary, Page } from '../api/types';
import { bandClass, indicatorRows, when } from '../model/success';

/** One account: stage, health with its indicators, contract, contacts, active playbooks and the timeline. */
export function AccountDetail({ id }: { id: string }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [health, setHealth] = useState<HealthResponse | null>(null);
  const [instances, setInstances] = useState<InstanceSummary[] | null>(null);
  const [timeline, setTimeline] = useState<AccountTimelineEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const fail = (e: unknown) => setError(e instanceof ApiError
      ? (e.status === 404 ? `There is no account "${id}". Go back to the account list and pick one.` : e.advice) : String(e));
    const enc = encodeURIComponent(id);
    get<Account>(`/api/accounts/${enc}`).then(setAccount, fail);
    get<HealthResponse>(`/api/accounts/${enc}/health`).then(setHealth, () => setHealth(null));
    get<Page<InstanceSummary>>(`/api/instances?accountId=${enc}&take=200`).then((p) => setInstances(p.items), fail);
    get<AccountTimelineEntry[]>(`/api/accounts/${enc}/timeline?take=200`).then(setTimeline, fail);
  }, [id]);

  if (error) return <main className="screen"><p><a href="#/accounts">← Accounts</a></p><p className="error-box" role="alert">{error}</p></main>;
  if (!account) return <main className="screen"><p aria-busy="true">Loading…</p></main>;
  const current = health?.current ?? account.health ?? null;
  const active = instances?.filter((i) => i.status === 'running' || i.status === 'faulted') ?? [];
  return (
    <main className="screen account-detail">
      <p><a href="#/accounts">← Accounts</a></p>
      <h1>{account.name} <code className="muted">{account.id}</code></h1>
      <div className="account-grid">
        <section className="card" aria-labelledby="overview-h">
          <h2 id="overview-h">Overview</h2>
          <dl className="facts">
            <dt>Stage</dt><dd data-testid="account-stage">{account.stage ?? '—'}</dd>
            <dt>Tier</dt><dd>{account.tier ?? '—'}</dd>
            <dt>CSM</dt><dd>{account.csm ? `${account.csm.name ?? account.csm.id}${account.csm.email ? ` <${account.csm.email}>` : ''}` : 'unassigned'}</dd>
            <dt>Time zone</dt><dd>{account.timeZone ?? 'UTC'}</dd>
            <dt>Contract</dt><dd data-testid="account-contract">{account.contract ? `${account.contract.start ?? '?'} – ${account.contract.end ?? 'open-ended'}` : 'none'}</dd>
          </dl>
          <h3>Contacts</h3>
          {account.contacts?.length ? (
            <ul className="plain-list" data-testid="account-contacts">
              {account.contacts.map((c, k) => <li key={c.id ?? k}><strong>{c.name ?? c.email}</strong> {c.role && <span className="badge">{c.role}</span>} {c.email && <span className="muted">{c.email}</span>}</li>)}
            </ul>
          ) : <p className="muted">No contacts.</p>}
        </section>

        <section className="card" aria-labelledby="health-h" data-testid="account-health">
          <h2 id="health-h">Health {current && <span className={`badge ${bandClass(current.band)}`}>{current.band} · {current.score}</span>}</h2>
          {!current && <p className="empty-state">No health score yet: it is computed from daily usage (<code>POST /api/accounts/{account.id}/usage</code>).</p>}
          {current && (
            <>
              {current.periodStart && <p className="hint">Period {current.periodStart} – {current.periodEnd}{health?.bands ? ` · bands: red ${health.bands.red}, yellow ${health.bands.yellow}, green ${health.bands.green}` : ''}</p>}
              <table className="table" data-testid="health-indicators">
                <thead><tr><th scope="col">Indicator</th><th scope="col">Weight</th><th scope="col">Value</th><th scope="col">Score</th><th scope="col">Why</th></tr></thead>
                <tbody>
                  {indicatorRows(current.indicators).map((r) => (
                    <tr key={r.name}><th scope="row">{r.name}</th><td>{r.weight}</td><td>{r.value}</td><td>{r.score}</td><td className="muted">{r.explanation}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>

        <section className="card" aria-labelledby="playbooks-h">
          <h2 id="playbooks-h">Active playbooks</h2>
          {!instances && <p aria-busy="true">Loading…</p>}
          {instances && active.length === 0 && <p className="muted">No playbook is running for this account.</p>}
          {active.length > 0 && (
            <ul className="plain-list" data-testid="account-instances">
              {active.map((i) => (
                <li key={i.id}>
                  <a href={`#/p/${encodeURIComponent(i.playbookId)}/runtime?instance=${i.id}`}>{i.playbookId} v{i.version}</a>{' '}
                  <span className={`badge status-${i.status}`}>{i.status}</span>{' '}
                  <span className="muted">{i.waitingAt.length ? `waiting at ${i.waitingAt.map((w) => w.stepId).join(', ')}` : i.faultedStepId ? `failed at ${i.faultedStepId}` : `since ${when(i.createdAt)}`}</span>
                </li>
              ))}
            </ul>
          )}
          {instances && instances.length > active.length && <p className="hint">{instances.length - active.length} finished or cancelled run(s) are in the timeline.</p>}
        </section>
      </div>

      <section className="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        {!timeline && <p aria-busy="true">Loading…</p>}
        {timeline && timeline.length === 0 && <p className="muted">Nothing has happened to this account yet.</p>}
        {timeline && timeline.length > 0 && (
          <ol className="account-timeline" data-testid="account-timeline">
            {timeline.map((t, k) => (
              <li key={k} className={`tl-${t.type}`}>
                <time dateTime={t.at}>{when(t.at)}</time> <span className="badge">{t.type}</span> {t.summary}
                <span className="muted"> · {t.source}{t.detail ? ` · ${t.detail}` : ''}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}
