import { useEffect, useState } from 'react';
import { get, post } from '../../api/client';
import { AUTH_TITLE, AuthPage, Field, FormError, PASSWORD_HINT, fieldErrorOf, formError } from './Form';

/** The link from a reset email: a new password; every session of that person ends, so they sign in afresh. */
export function ResetPassword({ token }: { token: string }) {
  const [link, setLink] = useState<{ email: string } | null | 'bad'>(null);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!token) { setLink('bad'); return; }
    get<{ email: string }>('/api/auth/password-reset?token=' + encodeURIComponent(token)).then(setLink, () => setLink('bad'));
  }, [token]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try { await post('/api/auth/password-reset/complete', { token, password }); setDone(true); } catch (err) { setError(err); } finally { setBusy(false); }
  };

  if (link === null) return <AuthPage title="Choose a new password"><p aria-busy="true">Checking the link…</p></AuthPage>;
  if (link === 'bad') return (
    <AuthPage title="Choose a new password" testId="reset-password">
      <p className="error-box" role="alert">This reset link is unknown, expired or already used (a link is good for one hour, once; asking again replaces it). <a href="/#/forgot-password">Ask for a new link</a>.</p>
    </AuthPage>
  );
  if (done) return (
    <AuthPage title="Choose a new password" testId="reset-password">
      <p className="notice" role="status" data-testid="reset-done">Your password is changed, and every session you had is signed out. <a href="/signin">Sign in</a> with the new password.</p>
    </AuthPage>
  );
  return (
    <AuthPage title="Choose a new password" testId="reset-password">
      <form onSubmit={submit} aria-labelledby={AUTH_TITLE} className="stack">
        <Field id="email" label="Email" type="email" autoComplete="username" value={link.email} readOnly />
        <Field id="password" label="New password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)}
          required autoFocus hint={PASSWORD_HINT} error={fieldErrorOf(error, 'password')} />
        <FormError message={error ? formError(error, ['password']) : null} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Set new password'}</button>
      </form>
    </AuthPage>
  );
}
