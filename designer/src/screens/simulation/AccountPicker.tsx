import { useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import type { Page } from '../../api/types';

/** Search-as-you-type choice of a stored account: the server searches every account, the list shows the first 20 matches. */
export function AccountPicker({ value, onChange, onError }: { value: string; onChange(id: string): void; onError(message: string): void }) {
  const [accounts, setAccounts] = useState<{ id: string; name?: string }[] | null>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    const q = query.trim();
    const timer = setTimeout(() => {
      get<Page<{ id: string; name?: string }>>(`/api/accounts?sort=name&take=20${q ? `&q=${encodeURIComponent(q)}` : ''}`)
        .then((p) => setAccounts(p.items), (e) => onError(e instanceof ApiError ? e.advice : String(e)));
    }, q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [query, onError]);

  return (
    <div className="field">
      <label htmlFor="sim-account-search">Find account</label>
      <input id="sim-account-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name or id" />
      <label htmlFor="sim-account">Account</label>
      <select id="sim-account" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{accounts ? (accounts.length ? '(choose)' : 'no accounts yet') : 'loading…'}</option>
        {accounts?.map((a) => <option key={a.id} value={a.id}>{a.name ?? a.id} ({a.id})</option>)}
      </select>
    </div>
  );
}
