import { useState } from 'react';
import { ApiError, post } from '../../api/client';
import { signedIn } from '../../api/me';
import { enterApp } from '../../routes/authPages';
import { AUTH_TITLE, AuthPage, Field, FormError, PASSWORD_HINT, fieldErrorOf, formError } from './Form';
import { useFormAction, useLinkCheck } from './useForm';

/** First run: the link the host printed creates the first ops user, who is then signed in. */
export function Setup({ token }: { token: string }) {
  const link = useLinkCheck<{ expiresAt: string }>('/api/auth/setup', token);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useFormAction(async () => {
    await post('/api/auth/setup', { token, email: email.trim(), password, displayName: displayName.trim() || undefined });
    await signedIn();
    enterApp('/users');
  });

  if (link === null) return <AuthPage title="Set up CsPlaybooks"><p aria-busy="true">Checking the setup link…</p></AuthPage>;
  if (link === 'bad') return (
    <AuthPage title="Set up CsPlaybooks" testId="setup">
      <p className="error-box" role="alert">This setup link is unknown, expired or already used. Restart the host: while no user exists, it prints a new setup link in its console at every start (only the newest one works). If someone already set it up, <a href="/signin">sign in</a>.</p>
    </AuthPage>
  );
  if (error instanceof ApiError && error.status === 409) return (
    <AuthPage title="Set up CsPlaybooks" testId="setup">
      <p className="error-box" role="alert">Setup is done already: a user exists. <a href="/signin">Sign in</a> instead.</p>
    </AuthPage>
  );
  return (
    <AuthPage title="Set up CsPlaybooks" testId="setup">
      <p>Create the first user. It gets the <strong>ops</strong> role: it designs playbooks, and invites the rest of the team and creates API keys for systems.</p>
      <form onSubmit={submit} aria-labelledby={AUTH_TITLE} className="stack">
        <Field id="email" label="Your email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)}
          required autoFocus error={fieldErrorOf(error, 'email')} />
        <Field id="display-name" label="Your name (optional)" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        <Field id="password" label="Password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)}
          required hint={PASSWORD_HINT} error={fieldErrorOf(error, 'password')} />
        <FormError message={error ? formError(error, ['email', 'password']) : null} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Creating…' : 'Create ops user and sign in'}</button>
      </form>
    </AuthPage>
  );
}
