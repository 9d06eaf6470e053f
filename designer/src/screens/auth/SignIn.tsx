import { useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { signedIn } from '../../api/me';
import { loginRefusal, singleSignOnError } from '../../model/signin';
import { AUTH_TITLE, AuthPage, Field, FormError } from './Form';
import { useFormAction } from './useForm';

interface Providers { password: boolean; setupRequired: boolean; external: { id: string; displayName: string; signInUrl: string }[] }

/** Why a sign-in was refused, and what to do. */
function refusal(e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  if (e.status === 401 || e.status === 403) return loginRefusal(e.extensions.reason, e.extensions.lockedUntil);
  return e.status === 400 ? 'Enter both your email address and your password.' : e.advice;
}

/**
 * The password form and one "Sign in with …" link per configured provider (a navigation: the provider's page opens and
 * brings the person back signed in). Signing in keeps the address, so the screen that asked opens afterwards.
 */
export function SignIn({ reason, ssoError, onSignedIn }: { reason?: string; ssoError?: string; onSignedIn?(): void }) {
  const [providers, setProviders] = useState<Providers | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => { get<Providers>('/api/auth/providers').then(setProviders, () => setProviders({ password: true, setupRequired: false, external: [] })); }, []);

  const { busy, error, submit } = useFormAction(async () => {
    await post('/api/auth/login', { email: email.trim(), password });
    await signedIn();
    onSignedIn?.();
  });

  // Back through /signin (a page of its own): a redirect to the very address the browser shows would only move its fragment.
  const returnUrl = `/signin?next=${encodeURIComponent(location.hash.replace(/^#/, '') || '/')}`;
  const provider = providers?.external[0]?.displayName;
  return (
    <AuthPage title="Sign in" testId="signin">
      {reason && <p className="notice" role="status">{reason}</p>}
      {ssoError && <p className="error-box" role="alert" data-testid="sso-error">{singleSignOnError(ssoError, provider)}</p>}
      {providers?.setupRequired && (
        <p className="notice" role="status">No user exists yet. Open the setup link the host printed in its console at start-up to create the first ops user.</p>
      )}
      <form onSubmit={submit} aria-labelledby={AUTH_TITLE} className="stack">
        <Field id="email" label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        <Field id="password" label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <FormError message={error ? refusal(error) : null} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <a href="/#/forgot-password">Forgot your password?</a>
      </form>
      {providers && providers.external.length > 0 && (
        <div className="stack sso">
          <p className="muted or">or</p>
          {providers.external.map((p) => (
            <a key={p.id} className="button" href={`${p.signInUrl.split('?')[0]}?returnUrl=${encodeURIComponent(returnUrl)}`}>Sign in with {p.displayName}</a>
          ))}
        </div>
      )}
    </AuthPage>
  );
}
