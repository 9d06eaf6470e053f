import { useEffect, useState } from 'react';
import { ApiError, get } from '../api/client';
import type { Account, Page } from '../api/types';
import { bandClass } from '../model/success';
import { AccountListFilters, lastPageSkip } from './accounts/AccountListFilters';

const PAGE = 50;

/** Accounts, searched, filtered (tier, health band) and paged by the server, with the true total: name, tier, stage, health band, CSM. */
export function AccountList() {
  const [page, setPage] = useState<Page<Account> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [skip, setSkip] = useState(0);
  const [tier, setTier] = useState('');
  const [band, setBand] = useState('');
  useEffect(() => {
    const q = filter.trim();
    const timer = setTimeout(() => {
      get<Page<Account>>(`/api/accounts?sort=name&skip=${skip}&take=${PAGE}${q ? `&q=${encodeURIComponent(q)}` : ''}${tier ? `&tier=${tier}` : ''}${band ? `&healthBand=${band}` : ''}`)
        .then((p) => { setPage(p); setError(null); }, (e) => setError(e instanceof ApiError ? e.advice : String(e)));
    }, q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [filter, skip, tier, band]);
  const items = page?.items;
  const searching = filter.trim().length > 0 || !!tier || !!band;
  return (
    <main className="screen list">
      <h1>Accounts</h1>
      {error && <p className="error-box" role="alert">{error}</p>}
      {!page && !error && <p aria-busy="true">Loading…</p>}
      {page && page.total === 0 && !searching && (
        <div className="empty-state"><p><strong>No accounts yet.</strong> Accounts come from your integrations: <code>PUT /api/accounts/&#123;id&#125;</code> with a key that may ingest.</p></div>
      )}
      {items && (page.total > 0 || searching) && (
        <>
          <div className="row filters">
            <label htmlFor="account-filter">Find</label>
            <input id="account-filter" type="search" value={filter} onChange={(e) => { setFilter(e.target.value); setSkip(0); }} placeholder="name or id" data-testid="account-filter" />
            <AccountListFilters tier={tier} band={band} onTier={(v) => { setTier(v); setSkip(0); }} onBand={(v) => { setBand(v); setSkip(0); }} />
            <span className="muted" data-testid="account-count">{page.total === 0 ? 'none' : `${skip + 1}–${skip + items.length} of ${page.total}`}</span>
            <button type="button" disabled={skip === 0} onClick={() => setSkip(Math.max(0, skip - PAGE))}>Previous</button>
            <button type="button" disabled={skip + PAGE >= page.total} onClick={() => setSkip(skip + PAGE)}>Next</button>
            <button type="button" disabled={skip + PAGE >= page.total} onClick={() => setSkip(lastPageSkip(page.total, PAGE))}>Last</button>
          </div>
          <table className="table" data-testid="account-table">
            <thead><tr><th scope="col">Name</th><th scope="col">Tier</th><th scope="col">Stage</th><th scope="col">Health</th><th scope="col">CSM</th></tr></thead>
            <tbody>
              {items.map((a) => (
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
