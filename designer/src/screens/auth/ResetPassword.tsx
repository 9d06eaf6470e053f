import { useState } from 'react';
import { post } from '../../api/client';
import { AuthPage, NewPasswordForm } from './Form';
import { useFormAction, useLinkCheck } from './useForm';

/** The link from a reset email: a new password; every session of that person ends, so they sign in afresh. */
export function ResetPassword({ token }: { token: string }) {
  const link = useLinkCheck<{ email: string }>('/api/auth/password-reset', token);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useFormAction(async () => {
    await post('/api/auth/password-reset/complete', { token, password });
    setDone(true);
  });

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
      <NewPasswordForm email={link.email} password={password} setPassword={setPassword} busy={busy} error={error} submit={submit}
        action="Set new password" busyText="Saving…" />
    </AuthPage>
  );
}
