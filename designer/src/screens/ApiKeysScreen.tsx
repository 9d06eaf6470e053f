import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, del, post } from '../api/client';
import { reportError as adviceOf } from '../api/reports';
import { useGet, useInvalidate } from '../hooks/useApi';
import { useToast } from '../components/Toast';
import { expiryChoices, expiryFor } from '../model/signin';
import { Field, FormError, fieldErrorOf, formError } from './auth/Form';
import { CopyButton } from './CopyButton';
import { CsmSelect, useCsms, type Csm } from './CsmSelect';
import { useFormAction } from './auth/useForm';

interface Key {
  id: string; name: string; role: string; csmId?: string | null; prefix: string; status: 'active' | 'expired' | 'revoked';
  createdAt: string; createdBy?: string | null; expiresAt?: string | null; revokedAt?: string | null; lastUsedAt?: string | null;
}
interface Configured { name?: string | null; role: string; csmId?: string | null }

const KEY_ROLES = [
  { value: 'integration', label: 'integration — pushes accounts, events and usage; enrols' },
  { value: 'ops', label: 'ops — everything' },
  { value: 'cs-lead', label: 'cs-lead — every CSM’s tasks, reassigns' },
  { value: 'csm', label: 'csm — one CSM’s tasks' },
  { value: 'viewer', label: 'viewer — reads' },
];

const when = (iso?: string | null, none = '—') => (iso ? new Date(iso).toLocaleString() : none);

/** API keys for systems (ops): create one (shown once), list with prefix, role, last use and expiry, revoke. */
export function ApiKeysScreen() {
  const list = useGet<{ items: Key[]; configured: Configured[] }>('/api/keys');
  const keys = list.data;
  const csms = useCsms();
  const toast = useToast((s) => s.show);
  const invalidate = useInvalidate();
  const load = () => void invalidate('/api/keys');
  const revoking = useMutation({
    mutationFn: (k: Key) => del(`/api/keys/${k.id}`),
    onSuccess: (_, k) => { toast(`Revoked "${k.name}".`); load(); },
    onError: (e) => toast(`Not revoked. ${adviceOf(e)}`, 'error'),
  });
  const revoke = (k: Key) => {
    if (window.confirm(`Revoke the key "${k.name}" (${k.prefix}…)? Systems using it are refused from their next request.`)) revoking.mutate(k);
  };
  return (
    <main className="screen" data-testid="keys-screen">
      <h1>API keys</h1>
      <p className="muted">Keys are for systems (a CRM sync, a script). People sign in instead. A key is shown once when it is created; only its first characters are kept for telling keys apart.</p>
      {list.error && <p className="error-box" role="alert">{adviceOf(list.error)}</p>}
      <CreateKeyForm csms={csms} onCreated={load} />
      {list.isPending && <p aria-busy="true">Loading…</p>}
      {keys && (
        <>
          <h2 id="keys-title">Keys</h2>
          {keys.items.length === 0 ? <p className="muted">No key created yet.</p> : (
            <table className="table" aria-labelledby="keys-title" data-testid="keys-table">
              <thead><tr><th scope="col">Name</th><th scope="col">Starts with</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>{keys.items.map((k) => (
                <tr key={k.id} data-testid="key-row" data-name={k.name}>
                  <td>{k.name}<br /><span className="muted">by {k.createdBy ?? '—'}, {when(k.createdAt)}</span></td>
                  <td><code>{k.prefix}…</code></td>
                  <td>{k.role}{k.csmId ? ` (${k.csmId})` : ''}</td>
                  <td><span className={`badge state-${k.status}`}>{k.status}</span></td>
                  <td>{when(k.lastUsedAt, 'never')}</td>
                  <td>{when(k.expiresAt, 'never')}</td>
                  <td>{k.status !== 'revoked' && <button type="button" onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>Revoke</button>}</td>
                </tr>
              ))}</tbody>
            </table>
          )}
          {keys.configured.length > 0 && (
            <>
              <h2 id="configured-title">From configuration</h2>
              <p className="muted">These keys are set in <code>Auth:ApiKeys</code>; remove them there to revoke them.</p>
              <table className="table" aria-labelledby="configured-title">
                <thead><tr><th scope="col">Name</th><th scope="col">Role</th></tr></thead>
                <tbody>{keys.configured.map((c, i) => <tr key={i}><td>{c.name ?? '—'}</td><td>{c.role}{c.csmId ? ` (${c.csmId})` : ''}</td></tr>)}</tbody>
              </table>
            </>
          )}
        </>
      )}
    </main>
  );
}

function CreateKeyForm({ csms, onCreated }: { csms: Csm[]; onCreated(): void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('integration');
  const [csmId, setCsmId] = useState('');
  const [expiry, setExpiry] = useState('90');
  const [date, setDate] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const expiresAt = expiryFor(expiry, date, new Date());
  const { busy, error, submit } = useFormAction(async () => {
    if (expiresAt === null) throw new ApiError(400, 'Choose the expiry day', undefined, [], { expiresAt: ['Choose a day after today.'] });
    const r = await post<{ item: Key; key: string }>('/api/keys', { name: name.trim(), role, csmId: role === 'csm' ? csmId || undefined : undefined, expiresAt });
    setCreated({ name: r.item.name, key: r.key });
    setName('');
    onCreated();
  });
  const dateError = expiry === 'date' && expiresAt === null && date ? 'Choose a day after today.' : fieldErrorOf(error, 'expiresAt');
  return (
    <form onSubmit={submit} className="card stack" aria-labelledby="create-key-title" data-testid="create-key-form">
      <h2 id="create-key-title">Create a key</h2>
      <div className="row top">
        <Field id="key-name" label="Name (what uses it)" value={name} onChange={(e) => setName(e.target.value)} required placeholder="CRM sync" error={fieldErrorOf(error, 'name')} />
        <div className={`field${fieldErrorOf(error, 'role') ? ' has-error' : ''}`}>
          <label htmlFor="key-role">Role</label>
          <select id="key-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {KEY_ROLES.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
        </div>
        {role === 'csm' && <CsmSelect id="key-csm" label="CSM" value={csmId} csms={csms} onChange={setCsmId} error={fieldErrorOf(error, 'csmId')} />}
        <div className="field">
          <label htmlFor="key-expiry">Expires</label>
          <select id="key-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {expiryChoices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
        </div>
        {expiry === 'date' && <Field id="key-expiry-date" label="Expiry day" type="date" value={date} onChange={(e) => setDate(e.target.value)} required error={dateError} />}
      </div>
      <FormError message={error ? formError(error, ['name', 'role', 'csmId', 'expiresAt']) : null} />
      <div className="row"><button type="submit" className="primary" disabled={busy}>{busy ? 'Creating…' : 'Create key'}</button></div>
      {created && (
        <div className="notice" role="status" data-testid="created-key">
          <p><strong>Copy the key for “{created.name}” now: it is not shown again.</strong> Send it in the <code>X-Api-Key</code> header.</p>
          <div className="row"><code className="secret" data-testid="new-key">{created.key}</code><CopyButton text={created.key} label="Copy key" /></div>
          <button type="button" className="link" onClick={() => setCreated(null)}>I have copied it — hide the key</button>
        </div>
      )}
    </form>
  );
}
