import { useEffect, useState } from 'react';
import { reportError as adviceOf } from '../../api/reports';
import type { Page } from '../../api/types';
import { useGet } from '../../hooks/useApi';
import { useSearchDraft } from '../../hooks/useSearchDraft';
import { apiQuery } from '../../routes/search';

/** Search-as-you-type choice of a stored account: the server searches every account, the list shows the first 20 matches. */
export function AccountPicker({ value, onChange, onError }: { value: string; onChange(id: string): void; onError(message: string): void }) {
  const [query, setQuery] = useState<string>();
  const [draft, setDraft] = useSearchDraft(query, setQuery);
  const found = useGet<Page<{ id: string; name?: string }>>(`/api/accounts?${apiQuery({ sort: 'name', take: 20, q: query })}`);
  const accounts = found.data?.items;
  useEffect(() => { if (found.error) onError(adviceOf(found.error)); }, [found.error, onError]);

  return (
    <div className="field">
      <label htmlFor="sim-account-search">Find account</label>
      <input id="sim-account-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="name or id" />
      <label htmlFor="sim-account">Account</label>
      <select id="sim-account" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{accounts ? (accounts.length ? '(choose)' : 'no accounts yet') : 'loading…'}</option>
        {accounts?.map((a) => <option key={a.id} value={a.id}>{a.name ?? a.id} ({a.id})</option>)}
      </select>
    </div>
  );
}
