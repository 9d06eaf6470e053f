import { useEffect, useState } from 'react';
import { ApiError, get } from '../api/client';
import type { Account } from '../api/types';
import { bandClass } from '../model/success';

/** Every account: name, tier, stage, health band, CSM. */
export function AccountList() {
  const [items, setItems] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    get<Account[]>('/api/accounts?take=1000').then(setItems, (e) => setError(e instanceof ApiError ? e.advice : String(e)));
  }, []);
  const f = filter.trim().toLowerCase();
  const shown = items?.filter((a) => !f || a.name.toLowerCase().includes(f) || a.id.toLowerCase().includes(f) || (a.csm?.name ?? '').toLowerCase().includes(f)) ?? [];
  return (
    <main className="screen list">
      <h1>Accounts</h1>
      {error && <p className="error-box" role="alert">{error}</p>}
      {!items && !error && <p aria-busy="true">Loading…</p>}
      {items && items.length === 0 && (
        <div className="empty-state"><p><strong>No accounts yet.</strong> Accounts come from your integrations: <code>PUT /api/accounts/&#123;id&#125;</code> with a key that may ingest.</p></div>
      )}
      {items && items.length > 0 && (
        <>
          <div className="row filters">
            <label htmlFor="account-filter">Find</label>
            <input id="account-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="name, id or CSM" data-testid="account-filter" />
            <span className="muted">{shown.length} of {items.length}</span>
          </div>
          <table className="table" data-testid="account-table">
            <thead><tr><th scope="col">Name</th><th scope="col">Tier</th><th scope="col">Stage</th><th scope="col">Health</th><th scope="col">CSM</th></tr></thead>
            <tbody>
              {shown.map((a) => (
                <tr key={a.id}>
                  <td><a href={`#/accounts/${encodeURIComponent(a.id)}`}>{a.name}</a> <code className="muted">{a.id}</code></td>
                  <td>{a.tier ?? <span className="muted">—</span>}</td>
                  <td>{a.stage ?? <span className="muted">—</span>}</td>
                  <td>{a.health ? <span className={`badge ${bandClass(a.health.band)}`}>{a.health.band} {a.health.score}</span> : <span className="muted">no usage yet</span>}</td>
                  <td>{a.csm?.name ?? a.csmId ?? <span className="muted">unassigned</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
