import { useState } from 'react';
import { post, put } from '../api/client';
import { refreshSession, useMe } from '../api/me';
import { reportError as adviceOf } from '../api/reports';
import { useGet, useInvalidate } from '../hooks/useApi';
import { useToast } from '../components/Toast';
import { userState, type UserRow } from '../model/signin';
import { Field, FormError, fieldErrorOf, formError } from './auth/Form';
import { CopyButton } from './CopyButton';
import { CsmSelect, useCsms, type Csm } from './CsmSelect';
import { useFormAction } from './auth/useForm';

interface User extends UserRow { id: string; email: string; displayName?: string | null; role: string; csmId?: string | null; createdAt: string }
interface Invited { user: User; inviteUrl: string; expiresAt: string; emailed: boolean }

export const PEOPLE_ROLES = [
  { value: 'ops', label: 'ops — designs, publishes, manages people and keys' },
  { value: 'cs-lead', label: 'cs-lead — every CSM’s tasks, reassigns, reads every report' },
  { value: 'csm', label: 'csm — their own tasks and accounts' },
  { value: 'viewer', label: 'viewer — reads everything, changes nothing' },
];

const when = (iso?: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** People (ops): invite by link with a role (and the CSM a csm acts as), change roles, deactivate; pending invitations. */
export function UsersScreen() {
  const list = useGet<{ items: User[] }>('/api/users');
  const users = list.data?.items;
  const csms = useCsms();
  const invalidate = useInvalidate();
  const load = () => void invalidate('/api/users');
  const pending = users?.filter((u) => userState(u) === 'invitation pending') ?? [];
  const people = users?.filter((u) => userState(u) !== 'invitation pending') ?? [];
  return (
    <main className="screen" data-testid="users-screen">
      <h1>Users</h1>
      {list.error && <p className="error-box" role="alert">{adviceOf(list.error)}</p>}
      <InviteForm csms={csms} onInvited={load} />
      {list.isPending && <p aria-busy="true">Loading…</p>}
      {users && (
        <>
          <h2 id="pending-title">Pending invitations</h2>
          {pending.length === 0 ? <p className="muted">None: everyone invited has set a password.</p> : (
            <table className="table" aria-labelledby="pending-title" data-testid="pending-table">
              <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Invited</th></tr></thead>
              <tbody>{pending.map((u) => <tr key={u.id}><td>{u.displayName ? `${u.displayName} · ` : ''}{u.email}</td><td>{u.role}{u.csmId ? ` (${u.csmId})` : ''}</td><td>{when(u.createdAt)}</td></tr>)}</tbody>
            </table>
          )}
          <h2 id="people-title">People</h2>
          <table className="table" aria-labelledby="people-title" data-testid="users-table">
            <thead><tr><th scope="col">Person</th><th scope="col">Role and CSM</th><th scope="col">State</th><th scope="col">Last sign-in</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>{people.map((u) => <UserRowView key={u.id} user={u} csms={csms} onChanged={load} />)}</tbody>
          </table>
        </>
      )}
    </main>
  );
}

function InviteForm({ csms, onInvited }: { csms: Csm[]; onInvited(): void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState('csm');
  const [csmId, setCsmId] = useState('');
  const [invited, setInvited] = useState<Invited | null>(null);
  const { busy, error, submit } = useFormAction(async () => {
    const r = await post<Invited>('/api/users/invitations', { email: email.trim(), role, csmId: role === 'csm' ? csmId || undefined : undefined, displayName: displayName.trim() || undefined });
    setInvited(r);
    setEmail(''); setDisplayName(''); setCsmId('');
    onInvited();
  });
  return (
    <form onSubmit={submit} className="card stack" aria-labelledby="invite-title" data-testid="invite-form">
      <h2 id="invite-title">Invite someone</h2>
      <div className="row top">
        <Field id="invite-email" label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required error={fieldErrorOf(error, 'email')} />
        <Field id="invite-name" label="Name (optional)" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        <div className={`field${fieldErrorOf(error, 'role') ? ' has-error' : ''}`}>
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {PEOPLE_ROLES.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
        </div>
        {role === 'csm' && <CsmSelect id="invite-csm" label="Acts as CSM" value={csmId} csms={csms} onChange={setCsmId} error={fieldErrorOf(error, 'csmId')} />}
      </div>
      <FormError message={error ? formError(error, ['email', 'role', 'csmId']) : null} />
      <div className="row"><button type="submit" className="primary" disabled={busy}>{busy ? 'Inviting…' : 'Invite'}</button></div>
      {invited && (
        <div className="notice" role="status" data-testid="invite-result">
          <p>Invited <strong>{invited.user.email}</strong> as {invited.user.role}. {invited.emailed ? 'The link was emailed to them; you can also pass it on yourself' : 'No email was sent: pass this link on yourself'} (good until {when(invited.expiresAt)}, once):</p>
          <div className="row"><code className="secret" data-testid="invite-url">{invited.inviteUrl}</code><CopyButton text={invited.inviteUrl} label="Copy invitation link" /></div>
        </div>
      )}
    </form>
  );
}

function UserRowView({ user, csms, onChanged }: { user: User; csms: Csm[]; onChanged(): void }) {
  const [role, setRole] = useState(user.role);
  const [csmId, setCsmId] = useState(user.csmId ?? '');
  const toast = useToast((s) => s.show);
  const { me } = useMe();
  const name = user.displayName || user.email;
  const changed = role !== user.role || (role === 'csm' && csmId !== (user.csmId ?? ''));
  const { busy, error, run } = useFormAction();
  const update = (body: object, done: string) => run(async () => {
    await put(`/api/users/${encodeURIComponent(user.id)}`, body);
    toast(done);
    onChanged();
    if (me && me.name === user.email) void refreshSession();
  });
  const state = userState(user);
  return (
    <tr data-testid="user-row" data-email={user.email}>
      <td>{user.displayName && <>{user.displayName}<br /></>}<span className="muted">{user.email}</span>
        {user.signInWith.length > 0 && <span className="badge">single sign-on</span>}</td>
      <td>
        <div className="row top">
          <div className="field">
            <label htmlFor={`role-${user.id}`} className="visually-hidden">Role of {name}</label>
            <select id={`role-${user.id}`} value={role} onChange={(e) => setRole(e.target.value)}>
              {PEOPLE_ROLES.map((r) => <option key={r.value} value={r.value}>{r.value}</option>)}
            </select>
          </div>
          {role === 'csm' && <CsmSelect id={`csm-${user.id}`} label={`CSM of ${name}`} value={csmId} csms={csms} onChange={setCsmId} error={fieldErrorOf(error, 'csmId')} />}
          {changed && <button type="button" onClick={() => update({ role, csmId: role === 'csm' ? csmId || null : null }, `${name} is now ${role}.`)} disabled={busy}>Save role</button>}
        </div>
        <FormError message={error ? formError(error, ['csmId']) : null} />
      </td>
      <td><span className={`badge state-${state.replace(' ', '-')}`}>{state}</span></td>
      <td>{when(user.lastSignInAt)}</td>
      <td>{user.active
        ? <button type="button" onClick={() => update({ active: false }, `${name} is deactivated and signed out.`)} disabled={busy} aria-label={`Deactivate ${name}`}>Deactivate</button>
        : <button type="button" onClick={() => update({ active: true }, `${name} may sign in again.`)} disabled={busy} aria-label={`Reactivate ${name}`}>Reactivate</button>}</td>
    </tr>
  );
}
