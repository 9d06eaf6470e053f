import { useEffect, useState } from 'react';
import { get, post } from '../../api/client';
import { signedIn } from '../../api/me';
import { enterApp } from '../../router';
import { AUTH_TITLE, AuthPage, Field, FormError, PASSWORD_HINT, fieldErrorOf, formError } from './Form';

interface Invitation { email: string; displayName?: string | null; role: string; expiresAt: string }

/** An invited person sets a password and is signed in; a CSM lands on their tasks. */
export function AcceptInvitation({ token }: { token: string }) {
  const [invitation, setInvitation] = useState<Invitation | null | 'bad'>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!token) { setInvitation('bad'); return; }
    get<Invitation>('/api/auth/invitations?token=' + encodeURIComponent(token)).then(setInvitation, () => setInvitation('bad'));
  }, [token]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post('/api/auth/invitations/accept', { token, password });
      const session = await signedIn();
      enterApp(session.status === 'signed-in' && session.me.can.design ? '/' : '/tasks');
    } catch (err) { setError(err); } finally { setBusy(false); }
  };

  if (invitation === null) return <AuthPage title="Accept your invitation"><p aria-busy="true">Checking the invitation…</p></AuthPage>;
  if (invitation === 'bad') return (
    <AuthPage title="Accept your invitation" testId="invite">
      <p className="error-box" role="alert">This invitation link is unknown, expired or already used. Ask the ops user who invited you for a new one. If you have set your password already, <a href="/signin">sign in</a>.</p>
    </AuthPage>
  );
  return (
    <AuthPage title="Accept your invitation" testId="invite">
      <p>You are invited to CsPlaybooks as <strong>{invitation.displayName || invitation.email}</strong> with the <strong>{invitation.role}</strong> role. Choose a password to finish.</p>
      <form onSubmit={submit} aria-labelledby={AUTH_TITLE} className="stack">
        <Field id="email" label="Email" type="email" autoComplete="username" value={invitation.email} readOnly />
        <Field id="password" label="New password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)}
          required autoFocus hint={PASSWORD_HINT} error={fieldErrorOf(error, 'password')} />
        <FormError message={error ? formError(error, ['password']) : null} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Set password and sign in'}</button>
      </form>
    </AuthPage>
  );
}
